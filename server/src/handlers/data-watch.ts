// Watching the national data files the settings name (issue 25): a file that appears, changes or
// is replaced (CMS's quarterly file copied over the old one) is loaded again, without a restart or
// a settings change. Each named path's folder is watched (a file that does not exist yet can
// appear there) and events are filtered to the named names; a burst of events (a large file being
// written) is one reload, after a quiet period. A folder that cannot be watched is skipped: the
// file is still loaded when the settings change.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';

export interface Disposable {
  dispose(): void;
}

/** How long the files must be quiet before they are read again (a copy of a 100 MB file is many events). */
export const DATA_WATCH_QUIET_MS = 500;

/** The absolute paths of the named data files (as national-io resolves them). */
export function namedPaths(data: Readonly<Record<string, readonly string[]>>, baseDir: string): string[] {
  return [...new Set(Object.values(data).flat().map((p) => (isAbsolute(p) ? p : resolve(baseDir, p))))];
}

/** Calls `changed` once the named files stopped changing; `failed` names a folder that cannot be watched. */
export function watchDataFiles(paths: readonly string[], changed: () => void, failed: (dir: string, err: unknown) => void = () => undefined, quietMs = DATA_WATCH_QUIET_MS): Disposable {
  const byDir = new Map<string, Set<string>>();
  for (const p of paths) {
    const names = byDir.get(dirname(p)) ?? new Set<string>();
    names.add(basename(p));
    byDir.set(dirname(p), names);
  }
  let timer: NodeJS.Timeout | undefined;
  const poke = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      changed();
    }, quietMs);
  };
  const watchers: FSWatcher[] = [];
  for (const [dir, names] of byDir) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        // some platforms omit the name: then any change in the folder counts
        if (name === null || names.has(name.toString())) poke();
      });
      w.on('error', (err) => failed(dir, err));
      watchers.push(w);
    } catch (err) {
      failed(dir, err);
    }
  }
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
