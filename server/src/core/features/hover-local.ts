// Hover on a service line's code, issue 16: the national and the local amount side by side with the
// locality named, or a drug's ASP limit for the date's quarter beside the guide's figure; or that
// the amount is national, and why. Read from the claim's estimate, so hover and estimate agree.
import type { Analysis } from '../analysis';
import { localityProblemTexts, nationalText } from '../rules/locality';
import type { ClaimModel, ServiceModel } from '../model/model';
import { money, escapeMd } from './describe';

export function localPriceHover(analysis: Analysis, s: ServiceModel): string | undefined {
  const claim = s.date.claim;
  const est = analysis.estimateOf(claim.index);
  const line = est?.dates.flatMap((d) => d.lines).find((l) => l.line === s.line);
  if (!est || !line) return undefined;
  const national = line.nationalUnitAllowable !== undefined ? money(line.nationalUnitAllowable) : 'not priced';
  if (line.basis === 'locality' && line.unitAllowable !== undefined) {
    return [
      `| | national | ${escapeMd(est.locality?.label ?? 'this locality')} |`,
      '|---|---:|---:|',
      `| per unit | ${national} | **${money(line.unitAllowable)}** |`,
      '',
      `_Local amount: ${escapeMd(line.source ?? '')}. National: ${escapeMd(line.nationalSource ?? 'the guide')}._`,
    ].join('\n');
  }
  if (line.basis === 'asp' && line.unitAllowable !== undefined) {
    const q = line.aspQuarter?.quarter ?? 'ASP';
    return [
      `| | guide | ASP ${q} |`,
      '|---|---:|---:|',
      `| per unit | ${national} | **${money(line.unitAllowable)}** (${line.unitAllowable}) |`,
      `| x${line.units} | ${line.nationalUnitAllowable !== undefined ? money(line.nationalUnitAllowable * line.units) : ''} | **${money(line.base)}** |`,
      '',
      `_ASP payment limit: ${escapeMd(line.source ?? '')}._`,
    ].join('\n');
  }
  if (line.note) return `_National amount: ${escapeMd(line.note)}_`;
  if (line.unitAllowable === undefined) return undefined;
  if (!est.locality) {
    const why = est.notes.find((n) => n.startsWith('National Medicare allowables'));
    return `_${escapeMd(why ?? 'National amount: no geographic adjustment.')}_`;
  }
  return undefined;
}

/**
 * Hover on a `locality` or `county` line: the locality it prices the claim in (name, state, GPCIs,
 * counties) and from which files, or why the claim is priced nationally.
 */
export function localityLineHover(analysis: Analysis, claim: ClaimModel, line: number): string {
  const national = analysis.tables.national;
  const repeated = claim.repeatedHeaders.some((r) => r.line === line);
  if (repeated) return "_A second locality line: it is ignored (the claim's first one applies)._";
  // The model's locality (resolved once, model/locality.ts), in the words of the findings and the estimate.
  const loc = claim.resolvedLocality.locality;
  if (!loc) {
    const why = localityProblemTexts(claim, analysis.tables)[0] ?? `Amounts are national: ${nationalText(claim, analysis.tables) ?? 'no locality'}.`;
    return `**Locality** · ${escapeMd(why)}`;
  }
  const g = loc.gpci;
  const area = loc.area ?? national.localities?.areas(loc.id).find((a) => a.state === g.state);
  const counties = !area ? '' : area.covers === 'all' ? 'all counties' : area.covers === 'rest' ? `all other counties of ${area.state}` : area.counties.join(', ');
  return [
    `**Locality ${loc.id}** · ${escapeMd(loc.label)}${loc.via === 'county' ? (loc.area?.covers === 'listed' ? ` · county ${escapeMd(loc.county ?? '')}` : ` · the county named (${loc.area?.covers === 'rest' ? 'all other counties' : 'statewide'})`) : ''}`,
    `GPCIs: work ${g.work.toFixed(3)} · PE ${g.pe.toFixed(3)} · MP ${g.mp.toFixed(3)}${g.marked ? ' (marked * in the file: see its footnote)' : ''}`,
    counties ? `Counties: ${escapeMd(counties)}` : '',
    national.rvu ? conversionFactors(analysis, claim) : '_Procedures stay at national amounts until the PFS relative value file (haiClaims.data.pfsRvu) is loaded._',
    `_Source: ${escapeMd(g.source.label)}${area ? `; ${escapeMd(area.source.label)}` : ''}_`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The conversion factor of each PFS release that priced the claim (the estimate's provenance). */
function conversionFactors(analysis: Analysis, claim: ClaimModel): string {
  const pfs = analysis.estimateOf(claim.index)?.provenance?.pfs ?? [];
  return pfs
    .filter((p) => p.conversionFactor !== undefined)
    .map((p) => `Conversion factor: ${p.conversionFactor} (${escapeMd(p.release)}; ${escapeMd(p.files.join(', '))})`)
    .join('\n\n');
}
