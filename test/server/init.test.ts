// The `initialize` handshake: what the server takes from the client. The workspace-trust flag
// fails closed (issue 17): only `true` is trusted.
import assert from 'node:assert/strict';
import type { InitializeParams } from 'vscode-languageserver/node';
import { readInitializeParams } from '../../server/src/init';

const params = (initializationOptions?: unknown): InitializeParams => ({ processId: null, rootUri: null, capabilities: {}, initializationOptions });

describe('initialize: workspace trust', () => {
  it('is trusted only when the client sends workspaceTrusted: true', () => {
    assert.equal(readInitializeParams(params({ workspaceTrusted: true })).workspaceTrusted, true);
  });

  for (const flag of [false, 'false', 'true', 0, 1, null, {}, []]) {
    it(`is not trusted when the flag is ${JSON.stringify(flag)}`, () => {
      assert.equal(readInitializeParams(params({ workspaceTrusted: flag })).workspaceTrusted, false);
    });
  }

  it('a client that sends no flag (no workspace trust of its own) keeps the user settings trusted', () => {
    assert.equal(readInitializeParams(params()).workspaceTrusted, true);
    assert.equal(readInitializeParams(params({ haiClaims: {} })).workspaceTrusted, true);
  });
});
