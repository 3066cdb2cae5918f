// A minimal LSP client for tests and the benchmark: spawns a server over stdio (the bundled HAI
// Claims server by default, or any Node language server) and drives it as an editor does.
// Diagnostics are awaited as events (publishDiagnostics for a given version, or the next publish
// for servers that send no version), never timers.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface ClientOptions {
  /** Settings answered to workspace/configuration (section haiClaims). */
  settings?: unknown;
  /** Answers workspace/configuration item by item (a server that asks for several sections); wins over `settings`. */
  section?: (section: string | undefined) => unknown;
  /** The Node module to run as the server (default: the bundled HAI Claims server). */
  server?: string;
  /** The language id sent on didOpen (default `hai-claim`). */
  languageId?: string;
  /**
   * Whether the server puts the document version on publishDiagnostics (default true). When false,
   * open and change wait for the first publish for the document after the notification is sent.
   */
  versionedDiagnostics?: boolean;
  initializationOptions?: unknown;
  /** Advertise workspace/configuration support (default true). */
  configuration?: boolean;
  env?: NodeJS.ProcessEnv;
  args?: string[];
  /** The workspace folder's URI sent as rootUri (default none). */
  rootUri?: string;
  /** More workspace client capabilities (e.g. codeLens/inlayHint refreshSupport). */
  workspaceCapabilities?: Record<string, unknown>;
}

export class TestClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  private shownWaiters: { pred: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  private notificationWaiters: { method: string; pred: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];
  settings: unknown;
  exited: Promise<number | null>;
  /** Resolves when the server has asked for its settings and been answered. */
  readonly configured: Promise<void>;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.proc = spawn(process.execPath, [options.server ?? SERVER, '--stdio', ...(options.args ?? [])], { env: { ...process.env, ...options.env } });
    this.proc.stderr.on('data', (d) => this.stderr.push(String(d)));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onNotification('$/logTrace', (p: { message: string; verbose?: string }) => this.logs.push(`${p.message} ${p.verbose ?? ''}`));
    this.conn.onNotification('window/showMessage', (p: { message: string }) => this.addShown(p.message));
    this.conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
      this.addShown(p.message);
      return null;
    });
    let answered: () => void = () => undefined;
    this.configured = new Promise((resolve) => (answered = resolve));
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      const section = this.options.section;
      const result = p.items.map((item) => (section ? section(item.section) : this.settings));
      answered();
      return result;
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onUnhandledNotification((n) => {
      this.notifications.push({ method: n.method, params: n.params });
      this.notificationWaiters = this.notificationWaiters.filter((w) => (w.method === n.method && w.pred(n.params) ? (w.resolve(n.params), false) : true));
    });
    this.conn.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: this.options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: this.options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true }, ...this.options.workspaceCapabilities },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
      },
      initializationOptions: this.options.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  private addShown(message: string): void {
    this.shown.push(message);
    this.shownWaiters = this.shownWaiters.filter((w) => (w.pred(message) ? (w.resolve(message), false) : true));
  }

  /** Resolves with the first message shown to the user (window/showMessage) that satisfies `pred`, already shown or to come. */
  waitForShown(pred: (message: string) => boolean): Promise<string> {
    const seen = this.shown.find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.shownWaiters.push({ pred, resolve }));
  }

  /** Resolves with the next notification of `method` (one the client does not handle itself) that satisfies `pred`, from now on. */
  waitForNotification<P>(method: string, pred: (params: P) => boolean = () => true): Promise<P> {
    return new Promise((resolve) => this.notificationWaiters.push({ method, pred: pred as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void }));
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `pred` (or one already received). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, pred, resolve }));
  }

  /** Diagnostics published for this exact version of the document. */
  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    const seen = this.diagnostics.get(uri)?.find((p) => p.version === version);
    if (seen) return Promise.resolve(seen.diagnostics);
    return this.waitForDiagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  /** The diagnostics for `version`, or (for a server that sends no version) the next publish from now. */
  private awaitPublish(uri: string, version: number): Promise<Diagnostic[]> {
    if (this.options.versionedDiagnostics === false) return this.waitForDiagnostics(uri).then((p) => p.diagnostics);
    return this.diagnosticsFor(uri, version);
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    this.versions.set(uri, version);
    const wait = this.awaitPublish(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: this.options.languageId ?? 'hai-claim', version, text } });
    return wait;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const wait = this.awaitPublish(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return wait;
  }

  /** Sends a change without waiting for its diagnostics (for typing bursts). */
  async changeNoWait(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<Diagnostic[]> {
    const wait = this.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return (await wait).diagnostics;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.proc.kill();
    this.conn.dispose();
  }
}
