// The settings in force and the tables they select: reading the haiClaims settings (from
// initializationOptions, workspace/configuration or didChangeConfiguration), telling the user once
// what was wrong with them, workspace trust, and loading the national data files they name.
import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, getLanguageService, RULE_IDS, type DataFileReport, type DataStatus, type Settings, type SettingsProblem, type Tables } from '../core/languageService';
import type { InitOptions } from '../init';
import type { NationalSource } from './worker-checks';
import { loadNationalForServer } from '../national-hook';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol';
import { namedPaths, watchDataFiles, type Disposable } from './data-watch';

const ls = getLanguageService();
import { errorName, type Log } from './safety';
import { changedKeys, effectiveSettings, readTextIfPresent, readWorkspaceFile, type ReadText, type WorkspaceFileState } from './workspace-config';

/** What the configuration needs from the rest of the server. */
export interface ConfigurationHost {
  log: Log;
  showWarning(message: string): void;
  showInformation(message: string): void;
  /** Settings or tables changed: every open document is checked again. */
  revalidate(): void;
  /** The client's `haiClaims` section (workspace/configuration). */
  pullSettings(): Promise<unknown>;
  /** Asks the client to send didChangeConfiguration for `haiClaims`. */
  registerForChanges(): void;
  /** Loads the national files (the real one streams them through national-io; tests pass a fake). */
  loadNational?: typeof loadNationalForServer;
  /** What the checks run against changed (tables, loading, problems, settings applied): `status()` is new. */
  statusChanged?(): void;
  /** Reads the workspace's .haiclaims.json (undefined: no file); tests pass a fake. */
  readText?: ReadText;
  /** Watches the named data files and calls `changed` when one appears or changes (data-watch.ts; tests pass a fake). */
  watchFiles?(paths: readonly string[], changed: () => void): Disposable;
}

const settingsPath = (path: string) => (path ? `haiClaims.${path}` : 'haiClaims');
const namesDataFiles = (data: Settings['data']) => Object.values(data).some((paths) => paths.length > 0);

export class Configuration {
  private current: Settings = DEFAULT_SETTINGS;
  // Loaded (validated and indexed) after `initialize` is answered, not before: off the start-up path.
  private loaded: Tables | undefined;
  private init: InitOptions = { configurationPull: false, dataBaseDir: process.cwd(), workspaceTrusted: true };
  /** Problems with the settings given in initializationOptions, shown once the client is initialized. */
  private initialProblems: SettingsProblem[] = [];
  /** The settings problems last shown: the same problems again are not shown again. */
  private shownProblems = '';
  private untrustedNoticeShown = false;
  // The data files the tables were last loaded from (or are being loaded from): settings given
  // both in initializationOptions and by workspace/configuration must still load them once.
  private loadedData = JSON.stringify(DEFAULT_SETTINGS.data);
  /** Aborts the national load under way when a newer one starts, so superseded files stop being read. */
  private reload: AbortController | undefined;
  private readonly loadNational: typeof loadNationalForServer;
  /** For the status: national files are being read; the last load's problems; data settings ignored (untrusted). */
  private loading = false;
  private loadProblems: readonly string[] = [];
  /** The last load's account of each data setting (files, members, rows): the status's "Show Data Files". */
  private dataFiles: DataFileReport[] = [];
  private dataIgnored = false;
  /** The workspace's .haiclaims.json, under the user's settings (read at start and when it changes). */
  private file: WorkspaceFileState = { problems: [] };
  /** The user's settings as last received, to layer again over a changed file. */
  private userRaw: unknown = undefined;
  private shownFileProblems = '';
  private shownUntrustedFile = '';
  /** The watch on the data files in force, replaced when the settings name others. */
  private watching: Disposable | undefined;
  private watchedPaths = '';

  constructor(private readonly host: ConfigurationHost) {
    this.loadNational = host.loadNational ?? loadNationalForServer;
  }

  get settings(): Settings {
    return this.current;
  }

  tables(): Tables {
    return (this.loaded ??= ls.loadDefaultTables());
  }

  /** Where the national tables in force were loaded from, for the check worker to load the same; undefined while the guide's alone are in force. */
  nationalSource(): NationalSource | undefined {
    if (this.tables() === ls.loadDefaultTables()) return undefined;
    return { baseDir: this.init.dataBaseDir, cacheDir: this.init.cacheDir };
  }

  /** What the checks run against now (the haiClaims/status notification). */
  status(): DataStatus {
    return ls.dataStatus(this.tables(), { loading: this.loading, problems: this.loadProblems, untrusted: this.dataIgnored, settings: this.current, files: this.dataFiles });
  }

  private statusChanged(): void {
    this.host.statusChanged?.();
  }

  /** `initialize`: what the client said about itself, and its initial settings (problems are shown once initialized). */
  onInitialize(init: InitOptions): void {
    this.init = init;
    this.file = readWorkspaceFile(init.dataBaseDir, this.host.readText ?? readTextIfPresent);
    const { settings, problems } = ls.parseSettings(init.settings, RULE_IDS);
    this.userRaw = init.settings;
    this.current = effectiveSettings(this.file, settings, init.settings);
    this.initialProblems = problems;
  }

  /** The workspace's .haiclaims.json was created, changed or deleted: read it, apply it again. */
  async onWorkspaceFileChanged(): Promise<void> {
    this.file = readWorkspaceFile(this.init.dataBaseDir, this.host.readText ?? readTextIfPresent);
    this.reportFileProblems();
    await this.apply(this.userRaw, false);
  }

  /**
   * `initialized`: load the tables, say what was wrong, then pull the settings or load the files
   * already named. Resolves when those settings are applied and their files loaded.
   */
  async onInitialized(): Promise<void> {
    this.tables();
    this.reportProblems(this.initialProblems);
    this.reportFileProblems();
    this.ignoreDataIfUntrusted(this.current);
    this.statusChanged();
    if (this.init.configurationPull) {
      this.host.registerForChanges();
      await this.pull();
    } else if (namesDataFiles(this.current.data)) {
      await this.reloadNational();
    }
  }

  /** `workspace/didChangeConfiguration`: pull the settings, or read them from the notification (a client that cannot be asked). */
  onDidChangeConfiguration(pushed: unknown): Promise<void> {
    if (this.init.configurationPull) return this.pull();
    return this.apply((pushed as Record<string, unknown> | undefined)?.haiClaims);
  }

  private async pull(): Promise<void> {
    try {
      await this.apply(await this.host.pullSettings());
    } catch (err) {
      this.host.log(`could not read settings: ${errorName(err)}`);
    }
  }

  private async apply(raw: unknown, fromUser = true): Promise<void> {
    const { settings: user, problems } = ls.parseSettings(raw, RULE_IDS);
    if (fromUser) this.reportProblems(problems);
    this.userRaw = raw;
    const next = effectiveSettings(this.file, user, raw);
    this.ignoreDataIfUntrusted(next);
    const dataChanged = JSON.stringify(next.data) !== this.loadedData;
    this.current = next;
    this.host.revalidate();
    if (dataChanged) await this.reloadNational();
    else this.statusChanged();
  }

  /** One warning naming every bad setting; not repeated while the problems stay the same. */
  private reportProblems(problems: readonly SettingsProblem[]): void {
    const text = problems.map((p) => `${settingsPath(p.path)}: ${p.message}`).join('; ');
    if (text && text !== this.shownProblems) {
      this.host.showWarning(`HAI Claims settings: ${text}. The defaults are used for those settings.`);
    }
    this.shownProblems = text;
  }

  /** The .haiclaims.json problems, once each time they change; in an untrusted workspace, what the file changes. */
  private reportFileProblems(): void {
    const text = this.file.problems.join('; ');
    if (text && text !== this.shownFileProblems) this.host.showWarning(`HAI Claims: ${text}.`);
    this.shownFileProblems = text;
    const changed = !this.init.workspaceTrusted && this.file.settings ? changedKeys(this.file.settings, DEFAULT_SETTINGS) : [];
    const said = changed.join(', ');
    if (said && said !== this.shownUntrustedFile) {
      const data = changed.filter((k) => k.startsWith('data.'));
      const applied = changed.filter((k) => !k.startsWith('data.'));
      this.host.showInformation(
        `HAI Claims: this workspace is not trusted, and its .haiclaims.json sets ${said}.` +
          (applied.length ? ` Applied: ${applied.join(', ')} (check the rules it turns off or down).` : '') +
          (data.length ? ` Not applied: ${data.join(', ')} (data files are read only in a trusted workspace).` : ''),
      );
    }
    this.shownUntrustedFile = said;
  }

  /** In an untrusted workspace the data files named in settings or .haiclaims.json are not read (said once). */
  private ignoreDataIfUntrusted(next: Settings): void {
    this.dataIgnored = false;
    if (this.init.workspaceTrusted || !namesDataFiles(next.data)) return;
    this.dataIgnored = true;
    next.data = ls.emptyNationalData();
    if (!this.untrustedNoticeShown) {
      this.untrustedNoticeShown = true;
      this.host.showInformation('HAI Claims: this workspace is not trusted, so the data files named in haiClaims.data are not read; the built-in CY2026 guide tables are used.');
    }
  }

  /** Watches the files the settings name; a change reloads them (the settings did not change). */
  private watchData(): void {
    const paths = namedPaths(this.current.data, this.init.dataBaseDir);
    const key = JSON.stringify(paths);
    if (key === this.watchedPaths) return;
    this.watching?.dispose();
    this.watching = undefined;
    this.watchedPaths = key;
    if (paths.length === 0 || !this.host.watchFiles) return;
    this.watching = this.host.watchFiles(paths, () => {
      this.host.log('a data file changed: loading the data files again');
      void this.reloadNational();
    });
  }

  /** The server is shutting down: no more watching. */
  dispose(): void {
    this.watching?.dispose();
    this.reload?.abort();
  }

  private async reloadNational(): Promise<void> {
    this.reload?.abort();
    const reload = (this.reload = new AbortController());
    this.loadedData = JSON.stringify(this.current.data);
    this.watchData();
    if (!namesDataFiles(this.current.data)) {
      this.loading = false;
      this.loadProblems = [];
      this.dataFiles = [];
      if (this.tables() !== ls.loadDefaultTables()) this.swapTables(ls.loadDefaultTables());
      this.statusChanged();
      return;
    }
    this.loading = true;
    this.statusChanged();
    // Loading large CMS files is slow: do it off the request path and swap tables when done.
    const { cacheDir, dataBaseDir } = this.init;
    let result: Awaited<ReturnType<typeof loadNationalForServer>>;
    try {
      result = await this.loadNational(this.current, dataBaseDir, { cacheDir, signal: reload.signal });
    } catch (err) {
      // The loader reports bad files as problems and never rejects; should it, the tables in use are kept.
      if (reload.signal.aborted) return;
      this.loading = false;
      this.loadProblems = ['national data files: an internal error while loading (see the output)'];
      this.statusChanged();
      this.host.log(`national data load failed: ${errorName(err)}`);
      this.host.showWarning('HAI Claims could not load the national data files (an internal error; see the output). The tables loaded before are still used.');
      return;
    }
    // A newer reload started meanwhile: this one stopped reading, and what it read is not used.
    if (reload.signal.aborted) return;
    this.reload = undefined;
    this.reportLoadProblems(result.problems);
    const base = ls.loadDefaultTables();
    this.loading = false;
    this.loadProblems = result.problems;
    this.dataFiles = result.files ?? [];
    this.swapTables(ls.createTables(base.guide, base.reference, result.national));
    this.statusChanged();
  }

  private reportLoadProblems(problems: readonly string[]): void {
    for (const p of problems.slice(0, 20)) this.host.log(`data file problem: ${p}`);
    if (problems.length === 0) return;
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more; see the output)` : '';
    this.host.showWarning(`HAI Claims could not use part of the national data files: ${problems.slice(0, 3).join('; ')}${more}. The rows that could be read are used; a file with none, or rejected whole, is not used.`);
  }

  private swapTables(tables: Tables): void {
    this.loaded = tables;
    this.host.revalidate();
  }
}

/** The configuration's host on a real connection, and its notifications wired. */
export function registerConfiguration(connection: Connection, log: Log, revalidate: () => void): Configuration {
  const configuration = new Configuration({
    log,
    revalidate,
    showWarning: (message) => void connection.window.showWarningMessage(message),
    showInformation: (message) => void connection.window.showInformationMessage(message),
    pullSettings: () => connection.workspace.getConfiguration({ section: 'haiClaims' }),
    registerForChanges: () => void connection.client.register(DidChangeConfigurationNotification.type, { section: 'haiClaims' }).catch(() => undefined),
    watchFiles: (paths, changed) => watchDataFiles(paths, changed, (dir, err) => log(`cannot watch ${dir} for changes of the data files: ${errorName(err)}`)),
    statusChanged: () => {
      try {
        void connection.sendNotification(STATUS_NOTIFICATION, configuration.status() satisfies StatusParams);
      } catch (err) {
        log(`status notification failed: ${errorName(err)}`);
      }
    },
  });
  connection.onDidChangeConfiguration((change) => void configuration.onDidChangeConfiguration(change.settings));
  // The client watches .haiclaims.json (client/src/extension.ts); only that file is watched.
  connection.onDidChangeWatchedFiles(() => void configuration.onWorkspaceFileChanged());
  return configuration;
}
