// Expands a VS Code snippet body the way the editor would with every default accepted:
// ${N:default} -> default (nested placeholders expanded), ${N|a,b|} -> the chosen alternative
// (the first unless `choose` picks another), $N / ${N} -> '' (a mirror of a placeholder takes the
// placeholder's value), \$ \} \\ -> literal characters. Variables ($TM_..., ${CURRENT_YEAR}) are
// rejected: a snippet whose text depends on the day it is used cannot be checked once for all.

export interface Choice {
  tabstop: number;
  options: string[];
}

export interface ExpandOptions {
  /** tabstop -> index of the alternative to pick for that choice (default 0). */
  choose?: ReadonlyMap<number, number>;
}

export function snippetText(body: string | string[]): string {
  return Array.isArray(body) ? body.join('\n') : body;
}

/** All choice placeholders in a body. */
export function choices(body: string): Choice[] {
  const out: Choice[] = [];
  const re = /\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    out.push({ tabstop: Number(m[1]), options: splitChoice(m[2]!) });
  }
  return out;
}

function splitChoice(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) cur += raw[++i];
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function expand(body: string, opts: ExpandOptions = {}): string {
  const values = new Map<number, string>();
  // first pass records each placeholder's value so mirrors ($N after ${N:...}) can take it
  const first = parse(body, 0, values, opts, false);
  if (first.end !== body.length) throw new Error(`unbalanced snippet at ${first.end}`);
  return parse(body, 0, values, opts, true).text;
}

function parse(
  s: string,
  start: number,
  values: Map<number, string>,
  opts: ExpandOptions,
  final: boolean,
  stopAtBrace = false,
): { text: string; end: number } {
  let out = '';
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && '$}\\'.includes(s[i + 1]!)) {
      out += s[i + 1];
      i += 2;
    } else if (c === '}' && stopAtBrace) {
      return { text: out, end: i };
    } else if (c === '$') {
      const simple = /^\$(\d+)/.exec(s.slice(i));
      const braced = /^\$\{(\d+)(\}|:|\|)/.exec(s.slice(i));
      if (simple) {
        out += final ? (values.get(Number(simple[1])) ?? '') : '';
        i += simple[0].length;
      } else if (braced) {
        const n = Number(braced[1]);
        i += braced[0].length;
        if (braced[2] === '}') {
          out += final ? (values.get(n) ?? '') : '';
        } else if (braced[2] === ':') {
          const inner = parse(s, i, values, opts, final, true);
          if (s[inner.end] !== '}') throw new Error(`unterminated placeholder \${${n}:`);
          if (!values.has(n)) values.set(n, inner.text);
          out += values.get(n);
          i = inner.end + 1;
        } else {
          const close = s.indexOf('|}', i);
          if (close < 0) throw new Error(`unterminated choice \${${n}|`);
          const options = splitChoice(s.slice(i, close));
          const pick = options[opts.choose?.get(n) ?? 0];
          if (pick === undefined) throw new Error(`choice ${n} has no alternative ${opts.choose?.get(n)}`);
          if (!values.has(n)) values.set(n, pick);
          out += values.get(n);
          i = close + 2;
        }
      } else if (/^\$\{?[A-Z_]+/.test(s.slice(i))) {
        throw new Error(`snippet variable at ${i}: snippets must not depend on the editor or the date`);
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, end: i };
}
