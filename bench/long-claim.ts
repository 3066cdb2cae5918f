// Long single claims for the benchmark and the tests (issue 17): one claim whose service lines all
// sit on one date, or spread over many dates, drawn from the guide's own codes (NCCI pairs, nuclear
// medicine, 77002, major surgeries and visits among them), so every rule has work to do.
import guideJson from '../server/src/core/tables/data/guide-2026.json';
import { rng } from './generate';

const CODES: string[] = [...new Set((guideJson as { procedures: { code: string }[] }).procedures.map((p) => p.code))];
const MODS = ['26', 'KD', 'XS', '59', '25', 'TC'];

export interface LongClaim {
  text: string;
  /** Line and column of the first character of each service's code, in order. */
  services: { line: number; character: number }[];
}

/**
 * One claim with `services` service lines spread evenly over `dates` dates (one date: every line on
 * it), codes drawn at random from the guide, a modifier on one line in four, units on one in eight.
 */
export function longClaim(services: number, dates = 1, seed = 1): LongClaim {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out = ['# Generated long HAI claim (benchmark data, not patient data)', 'claim "long"', 'payer medicare', 'state GA', 'pos 21', 'start 2026-01-05', 'dx C78.7', 'dx C18.7'];
  const where: LongClaim['services'] = [];
  const perDate = Math.ceil(services / dates);
  for (let i = 0; i < services; i++) {
    if (i % perDate === 0) out.push(`on day ${Math.floor(i / perDate) % 300}`);
    const mod = r() < 0.25 ? `-${pick(MODS)}` : '';
    const units = r() < 0.125 ? ` x${1 + Math.floor(r() * 3)}` : '';
    where.push({ line: out.length, character: 2 });
    out.push(`  ${pick(CODES)}${mod}${units} dx A`);
  }
  out.push('');
  return { text: out.join('\n'), services: where };
}
