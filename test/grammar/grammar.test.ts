// The TextMate grammar (syntaxes/hai-claim.tmLanguage.json) scopes each kind of token as
// intended. Tokenized with vscode-textmate and the Oniguruma wasm that VS Code itself uses.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const grammarPath = join(root, 'syntaxes', 'hai-claim.tmLanguage.json');

interface Tok {
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.hai-claim'
        ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  const g = await registry.loadGrammar('source.hai-claim');
  if (!g) throw new Error('grammar did not load');
  grammar = g;
});

/** Tokenizes lines (state carried from line to line) and returns the tokens of the last one. */
function tokens(...lines: string[]): Tok[] {
  let state = vsctm.INITIAL;
  let out: Tok[] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    out = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the token whose text is exactly `text` (the nth such token). */
function scopesOf(toks: Tok[], text: string, nth = 0): string[] {
  const found = toks.filter((t) => t.text === text);
  assert.ok(found[nth], `no token ${JSON.stringify(text)} in ${JSON.stringify(toks.map((t) => t.text))}`);
  return found[nth]!.scopes;
}

function assertScope(toks: Tok[], text: string, scope: string, nth = 0): void {
  const scopes = scopesOf(toks, text, nth);
  assert.ok(
    scopes.includes(scope),
    `token ${JSON.stringify(text)}: expected scope ${scope}, got ${scopes.join(' ')}`,
  );
}

function assertNotScoped(toks: Tok[], text: string, prefix: string): void {
  const scopes = scopesOf(toks, text);
  assert.ok(!scopes.some((s) => s.startsWith(prefix)), `token ${JSON.stringify(text)} should not be ${prefix}*: ${scopes.join(' ')}`);
}

describe('grammar: source.hai-claim', () => {
  it('scopes every token as the root scope', () => {
    for (const t of tokens('claim "HAI pump implant"')) assert.equal(t.scopes[0], 'source.hai-claim');
  });

  it('claim keyword and its quoted name', () => {
    const t = tokens('claim "HAI pump implant"');
    assertScope(t, 'claim', 'keyword.other.claim.hai-claim');
    assertScope(t, 'HAI pump implant', 'string.quoted.double.hai-claim');
    assertScope(t, '"', 'punctuation.definition.string.begin.hai-claim');
  });

  it('locality and county lines (issue 16)', () => {
    assertScope(tokens('locality 10212-01'), 'locality', 'keyword.other.locality.hai-claim');
    assertScope(tokens('locality 10212-01'), '10212-01', 'constant.numeric.locality.hai-claim');
    const c = tokens('county GA DE KALB  # note');
    assertScope(c, 'county', 'keyword.other.county.hai-claim');
    assertScope(c, 'GA', 'constant.other.state.hai-claim');
    assertScope(c, 'DE KALB', 'string.unquoted.county.hai-claim');
  });

  it('header keywords and their values', () => {
    assertScope(tokens('payer medicare'), 'payer', 'keyword.other.payer.hai-claim');
    assertScope(tokens('payer medicare'), 'medicare', 'constant.language.payer.hai-claim');
    assertScope(tokens('state GA'), 'state', 'keyword.other.state.hai-claim');
    assertScope(tokens('state GA'), 'GA', 'constant.other.state.hai-claim');
    assertScope(tokens('pos 21'), 'pos', 'keyword.other.pos.hai-claim');
    assertScope(tokens('pos 21'), '21', 'constant.numeric.pos.hai-claim');
    assertScope(tokens('start 2026-03-02'), 'start', 'keyword.other.start.hai-claim');
    assertScope(tokens('start 2026-03-02'), '2026-03-02', 'constant.numeric.date.hai-claim');
  });

  it('ICD-10-CM codes after dx, with and without a dot', () => {
    for (const code of ['C78.7', 'C18.7', 'C49.A0', 'C19', 'C22.0']) {
      const t = tokens(`dx ${code}`);
      assertScope(t, 'dx', 'keyword.other.dx.hai-claim');
      assertScope(t, code, 'entity.name.tag.icd10.hai-claim');
    }
  });

  it('comments: a whole comment line and a trailing comment', () => {
    const whole = tokens('# HAI pump implantation, inpatient');
    assertScope(whole, '#', 'punctuation.definition.comment.hai-claim');
    assertScope(whole, ' HAI pump implantation, inpatient', 'comment.line.number-sign.hai-claim');
    const trailing = tokens('dx C78.7                 # A  secondary malignant neoplasm of liver');
    assertScope(trailing, 'C78.7', 'entity.name.tag.icd10.hai-claim');
    assertScope(trailing, ' A  secondary malignant neoplasm of liver', 'comment.line.number-sign.hai-claim');
    // a comment after a service line does not scope its words as codes or pointers
    const svc = tokens('  49000          dx A    # NCCI: 49000 is not reimbursable with 36260');
    assertScope(svc, ' NCCI: 49000 is not reimbursable with 36260', 'comment.line.number-sign.hai-claim');
  });

  it('on lines: calendar date, day N, and a date-level pos', () => {
    const cal = tokens('on 2026-03-02');
    assertScope(cal, 'on', 'keyword.other.on.hai-claim');
    assertScope(cal, '2026-03-02', 'constant.numeric.date.hai-claim');
    const rel = tokens('on day 14 pos 11         # 2026-03-16, in the office');
    assertScope(rel, 'on', 'keyword.other.on.hai-claim');
    assertScope(rel, 'day', 'keyword.other.day.hai-claim');
    assertScope(rel, '14', 'constant.numeric.integer.day.hai-claim');
    assertScope(rel, 'pos', 'keyword.other.pos.hai-claim');
    assertScope(rel, '11', 'constant.numeric.pos.hai-claim');
    assertScope(rel, ' 2026-03-16, in the office', 'comment.line.number-sign.hai-claim');
  });

  it('service lines: CPT code, attached modifier, pointers', () => {
    const t = tokens('  78830-26       dx A,B');
    assertScope(t, '78830', 'entity.name.function.cpt.hai-claim');
    assertScope(t, '-', 'punctuation.separator.modifier.hai-claim');
    assertScope(t, '26', 'storage.modifier.hai-claim');
    assertScope(t, 'dx', 'keyword.other.dx.hai-claim');
    assertScope(t, 'A', 'variable.parameter.pointer.hai-claim');
    assertScope(t, ',', 'punctuation.separator.pointer.hai-claim');
    assertScope(t, 'B', 'variable.parameter.pointer.hai-claim');
  });

  it('service lines: spaced modifiers', () => {
    const t = tokens('  77002 -26 -XS  dx A');
    assertScope(t, '77002', 'entity.name.function.cpt.hai-claim');
    assertScope(t, '26', 'storage.modifier.hai-claim');
    assertScope(t, 'XS', 'storage.modifier.hai-claim');
    assertScope(t, 'A', 'variable.parameter.pointer.hai-claim');
  });

  it('service lines: HCPCS code, KD modifier and units', () => {
    const t = tokens('  J9200-KD x2    dx A');
    assertScope(t, 'J9200', 'entity.name.type.hcpcs.hai-claim');
    assertNotScoped(t, 'J9200', 'entity.name.function.cpt');
    assertScope(t, 'KD', 'storage.modifier.hai-claim');
    assertScope(t, 'x', 'keyword.operator.units.hai-claim');
    assertScope(t, '2', 'constant.numeric.units.hai-claim');
    assertScope(t, 'A', 'variable.parameter.pointer.hai-claim');
  });

  it('service lines: CPT category II/III codes and HCPCS drug codes', () => {
    assertScope(tokens('  0001F  dx A'), '0001F', 'entity.name.function.cpt.hai-claim');
    assertScope(tokens('  A4216-KD x3  dx A'), 'A4216', 'entity.name.type.hcpcs.hai-claim');
    assertScope(tokens('  96522  dx A'), '96522', 'entity.name.function.cpt.hai-claim');
  });

  it('does not take ICD-10 codes or dates for CPT codes', () => {
    assertNotScoped(tokens('dx C78.7'), 'C78.7', 'entity.name.type.hcpcs');
    assertNotScoped(tokens('on 2026-03-02'), '2026-03-02', 'entity.name.function.cpt');
  });

  it('tokenizes the language page example line by line without leaving a line state behind', () => {
    const example = readFileSync(join(__dirname, '..', 'fixtures', 'grammar', 'example.claim'), 'utf8').split('\n');
    const top = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
    let state = vsctm.INITIAL;
    example.forEach((line, i) => {
      state = grammar.tokenizeLine(line, state).ruleStack;
      // every begin/end rule closes at the end of its line: statements never span lines
      assert.ok(state.equals(top), `a rule stayed open after line ${i + 1}`);
    });
  });
});
