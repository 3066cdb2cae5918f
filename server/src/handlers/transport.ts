// The connection to the editor. Over stdio (Neovim, Helix, Emacs, Zed, the tests and the benchmark)
// messages are written with an encoder that keeps each diagnostic's JSON, as UTF-8 bytes: an edit
// re-checks one claim, or one date of a long claim, and the others' diagnostics are the same
// objects as before (core/features/diagnostics.ts), so publishing a thousand diagnostics after a
// keystroke copies bytes already made instead of serializing every one again (about 2 ms of a
// 10,000-line claim's keystroke), and makes no string of the whole message (issue 23: a keystroke
// with 1,000 findings made three of 576 KB, and the old-generation collections they caused cost
// more than the rest of the keystroke). The bytes are JSON.stringify's, in UTF-8
// (test/server/transport.test.ts). Each message is written as one buffer, its header first: the
// library's writer writes the header and the body in two writes, each a system call, and the
// editor may wake for the header alone (issue 23's keystroke budget). VS Code's IPC, sockets and
// pipes are vscode-languageserver's own, unchanged.
import { inspect } from 'node:util';
import {
  AbstractMessageWriter,
  createConnection,
  type MessageWriter,
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
  const writer = new FramedMessageWriter(process.stdout);
  // stdin as a stream, as vscode-languageserver's own --stdio passes it: the server exits when the
  // editor closes it. The writer is ours; the library takes either a stream or a writer.
  const connection = createConnection(features, process.stdin, writer as unknown as NodeJS.WritableStream) as Connection;
  routeConsole(connection);
  return connection;
}

const PUBLISH = 'textDocument/publishDiagnostics';
/**
 * Each diagnostic's JSON as UTF-8 bytes, after a comma (the first of a list is written without
 * it). A buffer of its own (not a slice of Node's shared pool, which one live diagnostic would
 * keep whole): it lives as long as its diagnostic.
 */
const diagnosticBytes = new WeakMap<Diagnostic, Buffer>();

function bytesAfterComma(d: Diagnostic): Buffer {
  let bytes = diagnosticBytes.get(d);
  if (bytes === undefined) {
    const json = `,${JSON.stringify(d)}`;
    bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    bytes.write(json);
    diagnosticBytes.set(d, bytes);
  }
  return bytes;
}

/**
 * A message as UTF-8 JSON: JSON.stringify's text; a publish's diagnostics are copied from the
 * bytes already written for them, so no string of the whole publish (hundreds of KB with a
 * thousand findings, which V8 would put in its old generation on every keystroke) is made.
 */
export function encodeMessage(msg: Message): Buffer {
  return encode(msg, false);
}

/** The message as the protocol frames it: its Content-Length header, then encodeMessage's bytes, in one buffer. */
export function frameMessage(msg: Message): Buffer {
  return encode(msg, true);
}

const header = (length: number) => `Content-Length: ${length}\r\n\r\n`;

function encode(msg: Message, framed: boolean): Buffer {
  const params = (msg as NotificationMessage).method === PUBLISH ? ((msg as NotificationMessage).params as PublishDiagnosticsParams | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics) || params.diagnostics.length === 0) {
    const json = JSON.stringify(msg);
    if (!framed) return Buffer.from(json);
    const length = Buffer.byteLength(json);
    const head = header(length);
    const bytes = Buffer.allocUnsafe(head.length + length);
    bytes.write(head, 0, 'latin1');
    bytes.write(json, head.length);
    return bytes;
  }
  const head = JSON.stringify({ ...msg, params: { ...params, diagnostics: [] } });
  // The key itself: inside a JSON string a quote is escaped, so the text cannot occur there.
  const at = head.indexOf('"diagnostics":[]') + '"diagnostics":['.length;
  // parts[0]: the header (framed), filled in once the length is known.
  const parts: Buffer[] = new Array(params.diagnostics.length + 3);
  parts[1] = Buffer.from(head.slice(0, at));
  let length = parts[1].length;
  for (let i = 0; i < params.diagnostics.length; i++) {
    const bytes = bytesAfterComma(params.diagnostics[i]);
    parts[i + 2] = i === 0 ? bytes.subarray(1) : bytes;
    length += parts[i + 2].length;
  }
  const tail = (parts[parts.length - 1] = Buffer.from(head.slice(at)));
  length += tail.length;
  if (!framed) return Buffer.concat(parts.slice(1), length);
  parts[0] = Buffer.from(header(length), 'latin1');
  return Buffer.concat(parts, parts[0].length + length);
}

/**
 * vscode-jsonrpc's stream writer, writing each message as one buffer (frameMessage): in order, as
 * stream writes are; errors reported as that writer reports them.
 */
class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = frameMessage(msg);
    } catch (error) {
      this.fireError(error);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error) => {
        if (!error) return resolve();
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
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
