// The open documents as the server keeps them: each one's lines (a ClaimDocument, or the steps
// still parsing a large text), its version, the id of this opening (a document closed and reopened
// is a new id), and its debounce timer. What is checked, where and when is the check scheduler's
// (documents.ts); this file holds no analysis.
//
// Documents are kept here rather than by vscode-languageserver's TextDocuments: a change updates
// the lines it touches and the whole text is never rebuilt, so a keystroke in a 10,000-line file
// costs what a keystroke in a 10-line file does.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { getLanguageService, PLAN, type ClaimDocument } from '../core/languageService';

const ls = getLanguageService();

/** One open document: text, version, opening, debounce. */
export interface StoredDocument {
  uri: string;
  /** This opening of the document (a document closed and reopened is a new id): the worker's name for it. */
  id: number;
  version: number;
  /** The document's lines, updated by each change, and its analyses, which reuse untouched claims. */
  doc?: ClaimDocument;
  /** A large document still being parsed (doc is then undefined). */
  opening?: Generator<void, ClaimDocument>;
  timer?: NodeJS.Timeout;
}

export class DocumentStore<S extends StoredDocument> {
  private readonly docs = new Map<string, S>();
  private opened = 0;

  get size(): number {
    return this.docs.size;
  }

  get(uri: string | undefined): S | undefined {
    return uri === undefined ? undefined : this.docs.get(uri);
  }

  all(): IterableIterator<S> {
    return this.docs.values();
  }

  /** Whether `s` is still the open document of its uri (not closed, not reopened). */
  isOpen(s: S): boolean {
    return this.docs.get(s.uri) === s;
  }

  /** A new opening of `uri`: a large text is parsed in steps (`opening`), a smaller one now. `extend` adds the scheduler's fields. */
  open(uri: string, version: number, text: string, extend: (base: StoredDocument) => S): S {
    const base: StoredDocument = { uri, id: ++this.opened, version };
    if (text.length > PLAN.largeText) base.opening = ls.openDocumentSteps(text);
    else base.doc = ls.openDocument(text);
    const s = extend(base);
    this.docs.set(uri, s);
    return s;
  }

  delete(s: S): void {
    this.stopTimer(s);
    if (this.isOpen(s)) this.docs.delete(s.uri);
  }

  /** The document's lines, its parse finished now if it was still in steps. */
  docOf(s: S): ClaimDocument {
    if (!s.doc) {
      s.doc = ls.drain(s.opening as Generator<void, ClaimDocument>);
      s.opening = undefined;
    }
    return s.doc;
  }

  /** The document's lines, parsed in steps when still opening (for a check in steps). */
  *parseSteps(s: S): Generator<void, ClaimDocument> {
    if (!s.doc) {
      s.doc = yield* s.opening as Generator<void, ClaimDocument>;
      s.opening = undefined;
    }
    return s.doc;
  }

  /** Applies an editor's changes and the new version (throws only on a bug: the caller drops the document). */
  update(s: S, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.docOf(s).update(changes);
    s.version = version;
  }

  /** Runs `fire` after the debounce (at once when it is 0 or less); a newer call replaces an older one. */
  debounce(s: S, delay: number, fire: () => void): void {
    this.stopTimer(s);
    if (delay <= 0) {
      fire();
      return;
    }
    s.timer = setTimeout(() => {
      s.timer = undefined;
      fire();
    }, delay);
  }

  stopTimer(s: S): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
  }
}
