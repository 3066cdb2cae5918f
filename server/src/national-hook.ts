// The one place the server (and CLI) load the national CMS files named in the settings.
// Until the national-data loaders land, this loads nothing and says so.
import type { Settings } from './core/settings';
import type { NationalTables } from './core/tables';

export async function loadNationalForServer(settings: Settings, _baseDir?: string): Promise<{ national: NationalTables; problems: string[] }> {
  const named = Object.entries(settings.data).filter(([, paths]) => paths.length > 0).map(([key]) => `haiClaims.data.${key}`);
  return { national: {}, problems: named.map((k) => `${k}: national data loading is not available in this build`) };
}
