// The client's names, written once: the language id of .claim files (package.json's
// contributes.languages) that the language client, the status bar, the estimate view and the
// phase snippets all select on. The server names it too (an 837P opened as a claim file is one),
// so it is written in protocol.ts, which both bundle.
export { LANGUAGE_ID } from '../../server/src/protocol';
