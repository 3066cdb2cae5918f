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

/** Opens the rendered docs/checks.md at the check's anchor (the preview scrolls to a URI's fragment). */
export async function showCheckDescription(extensionUri: vscode.Uri, id: unknown): Promise<void> {
  const file = vscode.Uri.joinPath(extensionUri, 'docs', 'checks.md');
  const anchor = typeof id === 'string' && /^[a-z0-9-]+$/.test(id) ? id : '';
  try {
    await vscode.commands.executeCommand('markdown.showPreview', file.with({ fragment: anchor }));
  } catch {
    // no Markdown preview (the built-in extension disabled): the file at the check's row
    await vscode.commands.executeCommand('vscode.open', file.with({ fragment: anchor }));
  }
}
