// X12 837P documents in the editor (issue 24). The client sends the server the files an 837 is
// saved under and documents an X12 extension (vscode-edi-support) gave its `x12` language, without
// claiming that language: the X12 viewer keeps colouring them; the server sniffs the text and
// publishes diagnostics on the segments. "Open as Claim" shows the de-identified claims beside.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { X12_CLAIM_REQUEST, type X12ClaimParams, type X12ClaimResult } from '../../server/src/protocol';
import { LANGUAGE_ID } from './constants';

export const X12_SELECTOR: ({ pattern: string } | { language: string })[] = [
  { pattern: '**/*.{837,x12,edi,EDI,X12}' },
  { language: 'x12' },
];

export async function openAsClaim(lc: LanguageClient, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  // Opening it sends it to the server (didOpen comes before the request) when it is not open yet.
  await vscode.workspace.openTextDocument(target);
  const params: X12ClaimParams = { uri: target.toString() };
  const result = await lc.sendRequest<X12ClaimResult>(X12_CLAIM_REQUEST, params);
  if (result.text === null) {
    void vscode.window.showInformationMessage('HAI Claims: this file does not hold an X12 837P interchange (its text must start with an ISA segment, in a .837, .x12 or .edi file).');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
