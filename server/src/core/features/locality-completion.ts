// Completion after `locality ` (the MAC localities of the claim's state, from the GPCI file) and
// after `county XX ` (the counties CMS's locality-to-county file names in that state), issue 16.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Tables } from '../tables';

interface Where {
  line: number;
  /** Column where the value being typed starts, and the cursor. */
  start: number;
  character: number;
}

const edit = (w: Where, newText: string) => ({ range: { start: { line: w.line, character: w.start }, end: { line: w.line, character: w.character } }, newText });

/** The localities of `state` (every locality when the claim has no state), or one item saying the file is not loaded. */
export function localityItems(tables: Tables, state: string | undefined, defaultLocality: string | undefined, w: Where): CompletionItem[] {
  const gpci = tables.national.gpci;
  if (!gpci) return [];
  const states = state ? [state] : [...new Set(tables.reference.states.map((s) => s.code))];
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const st of states) {
    // The GPCI file's localities of the state, and those whose county-file row spans it (the DC row for VA and MD).
    const spanning = (tables.national.localities?.byState(st) ?? []).map((a) => gpci.lookup(a.id)).filter((e): e is NonNullable<typeof e> => e !== undefined);
    for (const e of [...gpci.byState(st), ...spanning]) {
      if (seen.has(`${st}|${e.id}`)) continue;
      seen.add(`${st}|${e.id}`);
      const counties = tables.national.localities?.areas(e.id).find((a) => a.state === st);
      const covers = !counties ? '' : counties.covers === 'all' ? ' · all counties' : counties.covers === 'rest' ? ' · all other counties' : ` · ${counties.counties.slice(0, 4).join(', ')}${counties.counties.length > 4 ? ', ...' : ''}`;
      items.push({
        label: e.id,
        kind: CompletionItemKind.EnumMember,
        detail: `${e.name}, ${e.state}${covers}`,
        documentation: `GPCIs work ${e.work.toFixed(3)}, PE ${e.pe.toFixed(3)}, MP ${e.mp.toFixed(3)} (${gpci.source.label})`,
        sortText: `${e.id === defaultLocality ? '0' : '1'}${e.id}`,
        filterText: `${e.id} ${e.name}`,
        textEdit: edit(w, e.id),
      });
    }
  }
  return items;
}

/** The counties the county file names in `state`, upper case as CMS writes them. */
export function countyItems(tables: Tables, state: string, w: Where): CompletionItem[] {
  const file = tables.national.localities;
  if (!file) return [];
  const items: CompletionItem[] = [];
  for (const a of file.byState(state.toUpperCase())) {
    for (const c of a.counties) items.push({ label: c, kind: CompletionItemKind.EnumMember, detail: `locality ${a.id} · ${a.area}`, textEdit: edit(w, c) });
  }
  return items;
}
