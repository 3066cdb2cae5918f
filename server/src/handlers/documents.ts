// Open documents: open, change and close; the debounced check after an edit; publishing
// diagnostics; and the analysis every request reads (computed at most once per version).
//
// Documents are kept here rather than by vscode-languageserver's TextDocuments: a change updates
// the lines it touches and the whole text is never rebuilt, so a keystroke in a 10,000-line file
// costs what a keystroke in a 10-line file does. (Line breaks that a change fuses, \r then \n, are
// read as the whole text would read them.)
import type { Connection, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { ClaimDocument, toDiagnostics, type Analysis, type RuleDocs, type Settings, type Tables } from '../core/languageService';
import { errorName, injectFault, type Log } from './safety';

interface DocState {
  uri: string;
  version: number;
  /** The document's lines, updated by each change, and its analyses, which reuse untouched claims. */
  doc: ClaimDocument;
  analysis?: Analysis;
  /** The version `analysis` is of. */
  analysed: number;
  timer?: NodeJS.Timeout;
}

/** What the documents need from the rest of the server. */
export interface DocumentsHost {
  log: Log;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  /** The tables and settings in force now (both change with the settings). */
  tables(): Tables;
  settings(): Settings;
  /** Where each diagnostic's code links to (codeDescription); the core's default is the repository's docs/checks.md. */
  ruleDocs?: RuleDocs;
}

export class Documents {
  private readonly docs = new Map<string, DocState>();

  constructor(private readonly host: DocumentsHost) {}

  get size(): number {
    return this.docs.size;
  }

  open(uri: string, version: number, text: string): void {
    this.stopTimer(this.docs.get(uri));
    this.docs.set(uri, { uri, version, doc: new ClaimDocument(text), analysed: -1 });
    this.publish(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const s = this.docs.get(uri);
    if (!s) return;
    try {
      s.doc.update(changes);
    } catch (err) {
      // Never expected (positions are clamped, any text is a text); if it happens the lines no
      // longer match the editor's, so the document is dropped (reopening it checks it again)
      // rather than checked wrongly.
      this.host.log(`document update failed: ${errorName(err)}; close and reopen the file to check it again`);
      this.close(uri);
      return;
    }
    s.version = version;
    this.schedule(s);
  }

  close(uri: string): void {
    this.stopTimer(this.docs.get(uri));
    this.docs.delete(uri);
    this.host.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings or tables changed: every open document is checked again now. */
  revalidateAll(): void {
    for (const s of this.docs.values()) s.analysis = undefined;
    for (const uri of this.docs.keys()) this.publish(uri);
  }

  /** `fn` of the open document's current analysis; `notOpen` when the document is not open. */
  withDoc<R>(uri: string | undefined, notOpen: R, fn: (analysis: Analysis) => R): R {
    const s = uri === undefined ? undefined : this.docs.get(uri);
    if (!s) return notOpen;
    return fn(this.analysisOf(s));
  }

  /** The analysis of the document's current version; computed at most once per version. */
  private analysisOf(s: DocState): Analysis {
    if (!s.analysis || s.analysed !== s.version) {
      s.analysis = s.doc.analyze(this.host.tables(), this.host.settings());
      s.analysed = s.version;
      for (const e of s.analysis.internalErrors) this.host.log(`check ${e.rule} failed: ${e.error}`);
    }
    return s.analysis;
  }

  private publish(uri: string): void {
    const s = this.docs.get(uri);
    if (!s) return;
    // Runs from notifications and timers, where a throw would be logged with its message or end
    // the process: a failure here costs this one publication, never the server.
    try {
      injectFault('publish');
      const analysis = this.analysisOf(s);
      this.host.sendDiagnostics({ uri, version: s.version, diagnostics: toDiagnostics(analysis.findings, uri, this.host.ruleDocs) });
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
  }

  private schedule(s: DocState): void {
    this.stopTimer(s);
    const delay = this.host.settings().diagnostics.debounceMs;
    if (delay <= 0) {
      this.publish(s.uri);
      return;
    }
    // Only the latest version is ever analysed when the timer fires, so a stale result is never published.
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.publish(s.uri);
    }, delay);
  }

  private stopTimer(s: DocState | undefined): void {
    if (s?.timer) clearTimeout(s.timer);
    if (s) s.timer = undefined;
  }
}

/** Wires the document notifications of `connection` to `documents`. */
export function registerDocuments(connection: Connection, documents: Documents): void {
  connection.onDidOpenTextDocument(({ textDocument: { uri, version, text } }) => documents.open(uri, version, text));
  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => documents.change(uri, version, contentChanges));
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => documents.close(uri));
}
