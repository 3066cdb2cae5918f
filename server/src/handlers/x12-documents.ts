// Documents that hold an X12 837P (issue 24), whatever their language id (an X12 viewer such as
// vscode-edi-support keeps its own): the client sends *.837, *.x12 and *.edi files and documents
// of the x12 language as well as claim files, and the server keeps here those whose text is an
// interchange (content sniffing), checks them claim by claim after each change (debounced), and
// publishes diagnostics on their segments. Such a file whose text is not X12 is ignored (it is no
// claim file either). Never logs document text.
import type { Connection, Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, MAX_DIAGNOSTICS, type RuleDocs, type Settings, type Tables, type X12Analysis } from '../core/languageService';
import { LANGUAGE_ID } from '../protocol';
import { errorName, type Log } from './safety';

const ls = getLanguageService();

const X12_FILE = /\.(837|x12|edi)$/i;

interface X12Doc {
  doc: TextDocument;
  analysis?: X12Analysis;
  timer?: ReturnType<typeof setTimeout>;
}

export interface X12Host {
  log: Log;
  sendDiagnostics(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): void;
  tables(): Tables;
  settings(): Settings;
  ruleDocs?: RuleDocs;
}

export class X12Documents {
  private readonly docs = new Map<string, X12Doc>();

  constructor(private readonly host: X12Host) {}

  /** Whether a document just opened is this side's: not a claim file, and its text is an interchange. */
  static claims(languageId: string, text: string): boolean {
    return languageId !== LANGUAGE_ID && ls.looksLikeX12(text);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, { doc: TextDocument.create(uri, languageId, version, text) });
    this.check(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const s = this.docs.get(uri);
    if (!s) return;
    TextDocument.update(s.doc, changes, version);
    s.analysis = undefined;
    if (s.timer) clearTimeout(s.timer);
    // The same delay as claim files (haiClaims.diagnostics.debounceMs).
    s.timer = setTimeout(() => this.check(uri), this.host.settings().diagnostics.debounceMs);
  }

  close(uri: string): void {
    const s = this.docs.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    this.docs.delete(uri);
    this.host.sendDiagnostics({ uri, diagnostics: [] });
  }

  revalidateAll(): void {
    for (const [uri, s] of this.docs) {
      s.analysis = undefined;
      this.check(uri);
    }
  }

  /** The analysis of the document's current text (checked now if an edit is pending). */
  analysis(uri: string): X12Analysis | undefined {
    const s = this.docs.get(uri);
    if (!s) return undefined;
    s.analysis ??= ls.analyzeX12(s.doc.getText(), this.host.tables(), this.host.settings());
    return s.analysis;
  }

  private check(uri: string): void {
    const s = this.docs.get(uri);
    if (!s) return;
    s.timer = undefined;
    try {
      const a = this.analysis(uri);
      if (a) this.host.sendDiagnostics({ uri, version: s.doc.version, diagnostics: ls.x12Diagnostics(a, uri, MAX_DIAGNOSTICS, this.host.ruleDocs) });
    } catch (err) {
      this.host.log(`x12 check failed: ${errorName(err)}`);
    }
  }
}

/**
 * Wires the document notifications: a claim file goes to the claim documents (`claims`), an
 * interchange to `x12`, an X12-named file that holds no interchange nowhere.
 */
export function registerDocumentRouting(
  connection: Connection,
  claims: { open(uri: string, version: number, text: string): void; change(uri: string, version: number, c: TextDocumentContentChangeEvent[]): void; close(uri: string): void },
  x12: X12Documents,
): void {
  const claimUris = new Set<string>();
  connection.onDidOpenTextDocument(({ textDocument: { uri, languageId, version, text } }) => {
    if (X12Documents.claims(languageId, text)) return x12.open(uri, languageId, version, text);
    if (languageId !== LANGUAGE_ID && X12_FILE.test(uri)) return;
    claimUris.add(uri);
    claims.open(uri, version, text);
  });
  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
    if (x12.has(uri)) x12.change(uri, version, contentChanges);
    else if (claimUris.has(uri)) claims.change(uri, version, contentChanges);
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    if (x12.has(uri)) x12.close(uri);
    else if (claimUris.delete(uri)) claims.close(uri);
  });
}
