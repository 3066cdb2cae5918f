// The connection to the editor. Over stdio (Neovim, Helix, Emacs, Zed, the tests and the benchmark)
// messages are written with an encoder that keeps each diagnostic's JSON: an edit re-checks one
// claim, or one date of a long claim, and the others' diagnostics are the same objects as before
// (core/features/diagnostics.ts), so publishing a thousand diagnostics after a keystroke joins
// strings already made instead of serializing every one again (about 2 ms of a 10,000-line claim's
// keystroke). The JSON is the same as JSON.stringify's (test/server/transport.test.ts). VS Code's
// IPC, sockets and pipes are vscode-languageserver's own, unchanged.
import { inspect } from 'node:util';
import {
  createConnection,
  StreamMessageWriter,
  type Connection,
  type Diagnostic,
  type Message,
  type NotificationMessage,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/** The features the server adds to the connection (its safe console); the connection is used as a plain Connection. */
type Features = Parameters<typeof createConnection>[0];

/** The connection for the transport on the command line (`--stdio`, `--node-ipc`, `--socket`, `--pipe`). */
export function createServerConnection(features: Features): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(features) as Connection;
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: { name: 'application/json', encode: (msg, options) => Promise.resolve(Buffer.from(encodeMessage(msg), options.charset)) } });
  // stdin as a stream, as vscode-languageserver's own --stdio passes it: the server exits when the
  // editor closes it. The writer is ours; the library takes either a stream or a writer.
  const connection = createConnection(features, process.stdin, writer as unknown as NodeJS.WritableStream) as Connection;
  routeConsole(connection);
  return connection;
}

const PUBLISH = 'textDocument/publishDiagnostics';
const diagnosticJson = new WeakMap<Diagnostic, string>();

/** A message as JSON: JSON.stringify's text, a publish's diagnostics taken from the ones already written. */
export function encodeMessage(msg: Message): string {
  const params = (msg as NotificationMessage).method === PUBLISH ? ((msg as NotificationMessage).params as PublishDiagnosticsParams | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return JSON.stringify(msg);
  const head = JSON.stringify({ ...msg, params: { ...params, diagnostics: [] } });
  // The key itself: inside a JSON string a quote is escaped, so the text cannot occur there.
  const at = head.indexOf('"diagnostics":[]') + '"diagnostics":['.length;
  const parts: string[] = new Array(params.diagnostics.length);
  for (let i = 0; i < parts.length; i++) {
    const d = params.diagnostics[i];
    let json = diagnosticJson.get(d);
    if (json === undefined) diagnosticJson.set(d, (json = JSON.stringify(d)));
    parts[i] = json;
  }
  return `${head.slice(0, at)}${parts.join(',')}${head.slice(at)}`;
}

/**
 * What anything in the process writes with console.* goes to the editor's log (through the
 * connection's console, which makes each line safe), never onto stdout, the protocol's channel:
 * what vscode-languageserver does for its own --stdio.
 */
function routeConsole(connection: Connection): void {
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(line(args));
  console.info = (...args: unknown[]) => connection.console.info(line(args));
  console.debug = (...args: unknown[]) => connection.console.log(line(args));
  console.warn = (...args: unknown[]) => connection.console.warn(line(args));
  console.error = (...args: unknown[]) => connection.console.error(line(args));
  console.trace = (...args: unknown[]) => connection.console.log(line(args));
  console.dir = (item: unknown) => connection.console.log(inspect(item));
  console.table = (data: unknown) => connection.console.log(inspect(data));
}
