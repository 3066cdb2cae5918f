// A minimal LSP client for tests: spawns the bundled server over stdio and drives it as an editor
// does. Diagnostics are awaited as events (publishDiagnostics for a given version), never timers.
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
  initializationOptions?: unknown;
  /** Advertise workspace/configuration support (default true). */
  configuration?: boolean;
  env?: NodeJS.ProcessEnv;
  args?: string[];
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
  settings: unknown;
  exited: Promise<number | null>;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.proc = spawn(process.execPath, [SERVER, '--stdio', ...(options.args ?? [])], { env: { ...process.env, ...options.env } });
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
    this.conn.onNotification('window/showMessage', (p: { message: string }) => this.shown.push(p.message));
    this.conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
      this.shown.push(p.message);
      return null;
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onUnhandledNotification((n) => this.notifications.push({ method: n.method, params: n.params }));
    this.conn.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: this.options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
      initializationOptions: this.options.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
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

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    this.versions.set(uri, version);
    const wait = this.diagnosticsFor(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hai-claim', version, text } });
    return wait;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const wait = this.diagnosticsFor(uri, version);
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
