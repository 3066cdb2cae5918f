// Where a check's documentation is on the web: its row of docs/checks.md in the repository.
// package.json's repository.url decides; until it has one, REPOSITORY_URL below (one place to change).
import pkg from '../../../package.json';

export const REPOSITORY_URL = 'https://github.com/hai-claims/hai-claims';

function repositoryUrl(): string {
  const repo = (pkg as { repository?: string | { url?: string } }).repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  if (!url) return REPOSITORY_URL;
  // npm's forms: git+https://github.com/o/r.git, github:o/r
  const gh = /^github:(.+)$/.exec(url);
  return (gh ? `https://github.com/${gh[1]}` : url.replace(/^git\+/, '').replace(/\.git$/, '')).replace(/\/$/, '');
}

/** The anchor of a check in docs/checks.md (each row carries `<a id="ID">`). */
export function ruleHelpUri(id: string): string {
  return `${repositoryUrl()}/blob/main/docs/checks.md#${encodeURIComponent(id)}`;
}
