// A check's description as a coder reads it: a diagnostic's code (ncci-ptp) opens the Markdown
// preview of the installed docs/checks.md at the check's anchor (`<a id="ncci-ptp">`), rendered,
// not the raw table source. The server links each code to a file:...checks.md#L12 (right for any
// editor); in VS Code the link is rewritten to this command, which the Problems panel and the
// hover run when the code is clicked.
import * as vscode from 'vscode';

export const SHOW_CHECK_COMMAND = 'haiClaims.showCheckDescription';

/** The command link for a check id. */
export function checkLink(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_CHECK_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** The diagnostic with its code pointing at the rendered description (codes of other links are left alone). */
export function withCheckLink(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (!code || typeof code !== 'object' || !code.target.path.endsWith('/checks.md')) return d;
  d.code = { value: code.value, target: checkLink(String(code.value)) };
  return d;
}

/**
 * Opens the rendered docs/checks.md at the check's row. The preview starts where the file's text
 * editor shows (a URI fragment only finds headings, and the checks are table rows): the file is
 * shown at the row, the preview opened over it, and the text tab closed.
 */
export async function showCheckDescription(extensionUri: vscode.Uri, id: unknown): Promise<void> {
  const file = vscode.Uri.joinPath(extensionUri, 'docs', 'checks.md');
  const doc = await vscode.workspace.openTextDocument(file);
  const anchor = typeof id === 'string' ? `<a id="${id}"></a>` : undefined;
  const line = Math.max(0, anchor ? doc.getText().split('\n').findIndex((l) => l.includes(anchor)) : 0);
  const at = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(at, at) });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  await shown(editor, at);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', file);
  } catch {
    return; // no Markdown preview (the built-in extension disabled): the file at the check's row
  }
  const textTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === file.toString());
  if (textTab) await vscode.window.tabGroups.close(textTab);
}

/** Resolves once the editor shows `at` (its visible ranges come from the window a moment later), or after 2 s. */
function shown(editor: vscode.TextEditor, at: vscode.Position): Promise<void> {
  if (editor.visibleRanges.some((r) => r.start.line === at.line)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, 2000);
    const sub = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      if (e.textEditor === editor && e.visibleRanges.some((r) => r.start.line === at.line)) done();
    });
  });
}
