// The client's names, written once: the language id of .claim files (package.json's
// contributes.languages) that the language client, the status bar, the estimate view and the
// phase snippets all select on.
export const LANGUAGE_ID = 'hai-claim';
