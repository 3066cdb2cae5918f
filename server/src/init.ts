// The `initialize` handshake: what the client tells the server (its capabilities, workspace folder,
// initializationOptions) and what the server answers it can do.
import { fileURLToPath } from 'node:url';
import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { COMPLETION_TRIGGERS, FIX_ALL_KIND } from './core/languageService';

const VERSION = '0.1.0';

/** What the server takes from `initialize` (read once; the settings are parsed by the configuration). */
export interface InitOptions {
  /** The client answers workspace/configuration: settings are pulled rather than pushed. */
  configurationPull: boolean;
  /** Relative haiClaims.data.* paths are read from here: the first workspace folder, else the server's directory. */
  dataBaseDir: string;
  /** A folder of the client's own (VS Code's global storage) for the prepared PTP index. */
  cacheDir?: string;
  /** False when the editor says the workspace is untrusted: data files named in settings are then not read. */
  workspaceTrusted: boolean;
  /** The settings given in initializationOptions, as sent; undefined when none were. */
  settings?: unknown;
  /** The client re-asks for inlay hints on workspace/inlayHint/refresh (after settings or tables change). */
  inlayHintRefresh?: boolean;
  /** The client re-asks for code lenses on workspace/codeLens/refresh (after a request was answered in part). */
  codeLensRefresh?: boolean;
}

export function readInitializeParams(params: InitializeParams, cwd: string = process.cwd()): InitOptions {
  const options: InitOptions = {
    configurationPull: !!params.capabilities.workspace?.configuration,
    dataBaseDir: cwd,
    workspaceTrusted: true,
    inlayHintRefresh: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    codeLensRefresh: !!params.capabilities.workspace?.codeLens?.refreshSupport,
  };
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (folder?.startsWith('file:')) {
    try {
      options.dataBaseDir = fileURLToPath(folder);
    } catch {
      // Not a local folder: relative data paths stay relative to the server's directory.
    }
  }
  const init = params.initializationOptions as Record<string, unknown> | undefined;
  if (init && typeof init.cacheDir === 'string' && init.cacheDir) options.cacheDir = init.cacheDir;
  if (init && typeof init === 'object') {
    // Fails closed: a client that sends the flag is trusted only by `true` ("false", 0, null: not
    // trusted). A client that sends none has no workspace trust of its own: its settings are the user's.
    if ('workspaceTrusted' in init) options.workspaceTrusted = init.workspaceTrusted === true;
    // Under `haiClaims`, or the options object itself.
    options.settings = init.haiClaims ?? init;
  }
  return options;
}

export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      definitionProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
    },
    serverInfo: { name: 'hai-claims', version: VERSION },
  };
}

/** What takes part in the handshake: the configuration (settings, trust, data folder). */
export interface InitParticipant {
  onInitialize(init: InitOptions): void;
  /** May run on after the handshake (pulling settings, loading files); the server does not wait. */
  onInitialized(): Promise<void>;
}

export function registerInitialize(connection: Connection, participant: InitParticipant): void {
  connection.onInitialize((params): InitializeResult => {
    participant.onInitialize(readInitializeParams(params));
    return initializeResult();
  });
  connection.onInitialized(() => void participant.onInitialized());
}
