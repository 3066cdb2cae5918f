import { strict as assert } from 'node:assert';
import { choices, expand } from '../helpers/snippets';

describe('snippets: expansion helper', () => {
  it('takes defaults, first choices, mirrors and drops tabstops', () => {
    assert.equal(expand('a ${1:x} ${2|p,q|} $1 ${1} $0'), 'a x p x x ');
    assert.equal(expand('${1:outer ${2:inner}} \\$ \\}'), 'outer inner $ }');
  });
  it('picks a chosen alternative and lists choices', () => {
    assert.equal(expand('${3|a,b,c|}-${4|78,58|}', { choose: new Map([[3, 2]]) }), 'c-78');
    assert.deepEqual(choices('${3|a,b\\,c|}'), [{ tabstop: 3, options: ['a', 'b,c'] }]);
  });
  it('rejects variables', () => {
    assert.throws(() => expand('on $CURRENT_YEAR-01-01'));
  });
});
