// Phase snippets in the editor: completion items (in place of contributed snippets, which cannot
// read settings), File > New File... entries and "HAI Claims: New Claim from Phase...".
import * as vscode from 'vscode';
import { parsePhaseSnippets, personalize, snippetDefaults, type PhaseSnippet } from './snippetBodies';
import { tickOnSuccess } from './walkthroughTick';

import { LANGUAGE_ID } from './constants';
/** The walkthrough's example (shipped in the .vsix): the language page's claim with an NCCI edit. */
const EXAMPLE = 'examples/language-page-example.claim';

/** The phase snippets, read from snippets/hai-claim.json at activation. */
let PHASE_SNIPPETS: readonly PhaseSnippet[] = [];
let extensionUri: vscode.Uri | undefined;
function defaultsFor(scope?: vscode.ConfigurationScope) {
  const cfg = vscode.workspace.getConfiguration('haiClaims', scope);
  return snippetDefaults(cfg.get('defaultState'), cfg.get('defaultPos'));
}

/** The snippet text of a phase as the user's settings make it. */
export function phaseSnippetText(s: PhaseSnippet, scope?: vscode.ConfigurationScope): string {
  return personalize(s.body, defaultsFor(scope));
}

class PhaseSnippetProvider implements vscode.CompletionItemProvider {
  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] {
    const before = doc.lineAt(pos.line).text.slice(0, pos.character);
    // Offered where a snippet can start: a word of letters and dashes at the start of a line
    // (`hai-ev`), the prefixes' own shape; the language's word pattern would stop at the dash.
    const m = /^(\s*)([a-z][a-z-]*)?$/i.exec(before);
    if (!m) return [];
    // only where a prefix is being typed (or nothing yet): not under `payer`, `dx` or `on`
    const word = (m[2] ?? '').toLowerCase();
    if (word && !'hai-'.startsWith(word) && !word.startsWith('hai-')) return [];
    const indented = m[1]!.length > 0;
    const range = new vscode.Range(pos.line, m[1]!.length, pos.line, pos.character);
    // in an empty claim file the phase templates come before the language's keywords
    const empty = doc.getText().trim() === word;
    const items: vscode.CompletionItem[] = [];
    PHASE_SNIPPETS.forEach((s, i) => {
      // a claim starts at column 0; a dated block may follow a claim at any indentation
      if (s.isClaim && indented) return;
      // an empty file starts with a claim: a dated block has no claim to follow there
      if (!s.isClaim && empty) return;
      const text = phaseSnippetText(s, doc.uri);
      // one suggestion per phase: its other prefixes only match what is typed (`hai-pump-implant`)
      const item = new vscode.CompletionItem({ label: s.prefixes[0]!, description: s.name }, vscode.CompletionItemKind.Snippet);
      item.filterText = s.prefixes.join(' ');
      item.detail = s.name;
      item.documentation = new vscode.MarkdownString(s.description).appendCodeblock(previewOf(text), LANGUAGE_ID);
      item.insertText = new vscode.SnippetString(text);
      item.range = range;
      if (empty) {
        item.sortText = ` ${String(i).padStart(2, '0')}`;
        item.preselect = i === 0;
      }
      items.push(item);
    });
    return items;
  }
}

/** The text a snippet inserts with its defaults (placeholders shown by their first value). */
function previewOf(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/**
 * Opens a new untitled claim document holding the phase's snippet. `prefix` (a snippet prefix
 * such as `hai-implant`) skips the question; otherwise the user picks a phase. Returns the
 * document, or undefined when the pick was dismissed.
 */
export async function newClaimFromPhase(prefix?: string): Promise<vscode.TextDocument | undefined> {
  const claims = PHASE_SNIPPETS.filter((s) => s.isClaim);
  let phase = prefix !== undefined ? claims.find((s) => s.prefixes.includes(prefix)) : undefined;
  if (prefix !== undefined && !phase) {
    void vscode.window.showErrorMessage(
      `HAI Claims: there is no claim template "${prefix}". Run "HAI Claims: New Claim from Phase..." and pick one of: ${claims.map((s) => s.prefixes[0]).join(', ')}.`,
    );
    return undefined;
  }
  if (!phase) {
    const picked = await vscode.window.showQuickPick(
      claims.map((s) => ({ label: s.name, description: s.prefixes[0], detail: s.description, phase: s })),
      { title: 'New Claim from Phase', placeHolder: 'Which HAI treatment phase is the claim for?', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    phase = picked.phase;
  }
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(phaseSnippetText(phase)), new vscode.Position(0, 0));
  return doc;
}

/** File > New File... > HAI Claim: an empty claim document with the templates offered. */
export async function newClaimFile(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  return doc;
}

/** Reads the phase snippets (snippets/hai-claim.json, shipped with the extension). */
async function loadSnippets(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<void> {
  const file = vscode.Uri.joinPath(context.extensionUri, 'snippets', 'hai-claim.json');
  try {
    PHASE_SNIPPETS = parsePhaseSnippets(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))));
  } catch (err) {
    // the snippets are missing, not the extension: say so where the user will look
    output.appendLine(`The claim templates (snippets/hai-claim.json) could not be read: ${err instanceof Error ? err.name : typeof err}. Reinstall the extension to get them back.`);
    void vscode.window.showWarningMessage('HAI Claims: the claim templates could not be read, so hai- snippets and New Claim from Phase offer nothing. Reinstall the extension.');
  }
}

export async function registerPhases(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<void> {
  extensionUri = context.extensionUri;
  await loadSnippets(context, output);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ language: LANGUAGE_ID }, new PhaseSnippetProvider(), '-'),
    vscode.commands.registerCommand('haiClaims.newClaimFromPhase', (prefix?: unknown) =>
      ticks('haiClaims.walkthrough.claimCreated', newClaimFromPhase(typeof prefix === 'string' ? prefix : undefined)),
    ),
    vscode.commands.registerCommand('haiClaims.newClaimFile', () => newClaimFile()),
    vscode.commands.registerCommand('haiClaims.openExample', () => ticks('haiClaims.walkthrough.exampleOpened', openExampleWithProblem())),
  );
}

/**
 * Ticks the walkthrough step of `contextKey` once `done` gave a result (client/src/walkthroughTick.ts):
 * a dismissed pick or a failure leaves the step open.
 */
export function ticks<T>(contextKey: string, done: Promise<T | undefined>): Promise<T | undefined> {
  return tickOnSuccess(done, (value) => vscode.commands.executeCommand('setContext', contextKey, value));
}

/**
 * The walkthrough's "see a check and fix it": the language page's example, whose 49000 is denied
 * by an NCCI edit, in a new untitled document (nothing is written to the workspace).
 */
export async function openExampleWithProblem(): Promise<vscode.TextDocument | undefined> {
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri!, EXAMPLE)));
  } catch (err) {
    void vscode.window.showErrorMessage(`HAI Claims: the example claim (${EXAMPLE}) could not be read from the extension: ${err instanceof Error ? err.message : String(err)}. Reinstall the extension.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  await vscode.window.showTextDocument(doc);
  return doc;
}
