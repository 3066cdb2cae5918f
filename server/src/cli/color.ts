// ANSI colour, or none: on a terminal only, and never when NO_COLOR is set (no-color.org).
import type { Severity } from '../core/rules/types';

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
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true;
}
