// ANSI colour, or none: on a terminal only, and never when NO_COLOR is set (no-color.org);
// FORCE_COLOR (as Node and chalk read it) forces it on (1, 2, 3, true or empty) or off (0, false),
// for CI logs that render colour though they are not a terminal. --no-color wins over both.
import type { Severity } from '../core/languageService';

export interface Style {
  severity(s: Severity, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (t: string) => `\x1b[${open}m${t}\x1b[${close}m`;
const SEVERITY_COLOR: Record<Severity, (t: string) => string> = {
  error: wrap(31, 39),
  warning: wrap(33, 39),
  information: wrap(36, 39),
  hint: wrap(90, 39),
};

export const PLAIN: Style = { severity: (_s, t) => t, bold: (t) => t, dim: (t) => t };
export const COLOR: Style = { severity: (s, t) => SEVERITY_COLOR[s](t), bold: wrap(1, 22), dim: wrap(2, 22) };

/** NO_COLOR counts when present and not empty, whatever its value. */
export function useColor(isTTY: boolean | undefined, env: Record<string, string | undefined>, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true;
}
