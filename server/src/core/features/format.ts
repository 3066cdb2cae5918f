// Document formatting: statements flush left, service lines indented, and within each claim the
// code, units and pointer columns and the comments aligned. Only blanks change (and pointer lists
// are written `dx A,B`); a line the parser could not read is left exactly as it is.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { lookupPayer } from '../payers';
import type { LineNode, ServiceLine } from '../syntax/nodes';
import { parseLine } from '../syntax/parser';

export interface FormatOptions {
  tabSize?: number;
  insertSpaces?: boolean;
}

interface Cells {
  line: number;
  node: LineNode;
  /** Service line columns, or one cell for a statement. */
  cells: string[];
  comment?: string;
  indent: string;
  /** Left exactly as written (a line the parser could not read). */
  keep?: boolean;
  /** The line with its spelling made canonical, when that changes it (the cells are of this text). */
  spelled?: string;
}

/** Problems whose fix only changes the case of a word (`PAYER`, `ga`, `j9200`): the formatter applies them. */
const CASE_REASONS: ReadonlySet<unknown> = new Set(['case', 'keyword-case', 'value-case']);

/**
 * The line with keywords, values and codes in their canonical spelling (issue 13: the formatter
 * normalises what the parser reads in any case), or undefined when it is already canonical.
 */
function canonicalSpelling(node: LineNode, text: string): string | undefined {
  const edits = node.problems.filter((p) => p.replacement !== undefined && CASE_REASONS.has(p.data.reason)).map((p) => ({ start: p.start, end: p.end, newText: p.replacement! }));
  if (node.kind === 'payer' && node.value) {
    const match = lookupPayer(node.value.text);
    if (match && !match.exact) edits.push({ start: node.value.start, end: node.value.end, newText: match.payer.id });
  }
  if (edits.length === 0) return undefined;
  let out = text;
  // Right to left, so earlier columns stay valid.
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out === text ? undefined : out;
}

const MAX_COMMENT_COLUMN = 56;

/** Range formatting: the document's formatting edits on the lines of `range` (aligned with the whole claim). */
export function formatRange(analysis: Analysis, range: Range, options: FormatOptions = {}): TextEdit[] {
  // a selection that ends at the start of a line does not take that line
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return formatDocument(analysis, options).filter((e) => e.range.start.line >= range.start.line && e.range.end.line <= lastLine);
}

export function formatDocument(analysis: Analysis, options: FormatOptions = {}): TextEdit[] {
  const { lines, texts } = analysis.tree;
  const indentUnit = options.insertSpaces === false ? '\t' : '  ';
  // Group lines by claim (lines before the first claim form their own group).
  const groups: Cells[][] = [[]];
  for (let l = 0; l < lines.length; l++) {
    const node = lines[l];
    if (node.kind === 'claim') groups.push([]);
    const spelled = canonicalSpelling(node, texts[l]);
    groups[groups.length - 1].push(spelled ? { ...cellsOf(l, parseLine(spelled), spelled, indentUnit), spelled } : cellsOf(l, node, texts[l], indentUnit));
  }
  const edits: TextEdit[] = [];
  for (const group of groups) {
    const services = group.filter((c) => c.node.kind === 'service' && c.cells.length === 3);
    // Reductions, not Math.max(...x): a claim may have 200,000 lines (issue 17).
    const widths = [0, 1].map((i) => services.reduce((w, c) => Math.max(w, c.cells[i].length), 0));
    const rendered = group.map((c) => ({ c, body: render(c, widths) }));
    const commentColumn = Math.min(MAX_COMMENT_COLUMN, rendered.reduce((w, r) => (r.c.comment && r.body.trim() ? Math.max(w, r.body.length) : w), 0) + 2);
    for (const { c, body } of rendered) {
      if (c.keep) continue;
      let out: string;
      if (c.cells.length === 0 && !c.comment) out = '';
      else if (!body.trim()) out = `${c.indent}${c.comment ?? ''}`;
      else if (c.comment) out = `${body.padEnd(Math.max(commentColumn, body.length + 2))}${c.comment}`;
      else out = body;
      const old = texts[c.line];
      // Only blanks (and the commas between pointers) may change; a line the formatter cannot
      // rebuild exactly (a token the parser set aside, such as a malformed pointer) is left as written.
      if (out.replace(/[\s,]+/g, '') !== (c.spelled ?? old).replace(/[\s,]+/g, '')) continue;
      // Emptying a line that sits between a lone \r and a \n would fuse the two breaks into one
      // \r\n and pull every later line up: leave such a line as it is.
      if (out === '' && c.line > 0 && fusesBreaks(analysis, c.line)) continue;
      if (out !== old) edits.push({ range: { start: { line: c.line, character: 0 }, end: { line: c.line, character: old.length } }, newText: out });
    }
  }
  return edits;
}

function fusesBreaks(analysis: Analysis, line: number): boolean {
  const breaks = analysis.lineBreaks?.() ?? [];
  return breaks[line - 1] === '\r' && breaks[line] === '\n';
}

function cellsOf(line: number, node: LineNode, text: string, indentUnit: string): Cells {
  const comment = node.comment?.text.replace(/\s+$/, '');
  // Leave lines with syntax problems untouched: formatting must never change what they mean.
  if (node.kind === 'unknown' || node.problems.some((p) => p.rule === 'syntax')) return { line, node, cells: [], indent: '', keep: true };
  switch (node.kind) {
    case 'blank':
      return { line, node, cells: [], comment, indent: comment ? leading(text) : '' };
    case 'service':
      // `dx ,` (a pointer list of commas only) would become a bare `dx`, which reads differently.
      if (node.dxKeyword && node.pointers.length === 0) return { line, node, cells: [], indent: '', keep: true };
      return { line, node, cells: serviceCells(node, text), comment, indent: indentUnit };
    case 'claim':
      // Blanks inside the quoted name are part of the name.
      return { line, node, cells: [node.name ? `${node.keyword.text} ${node.name.text}` : node.keyword.text], comment, indent: '' };
    default: {
      const statement = text.slice(node.indent, node.contentEnd).split(/\s+/).join(' ');
      return { line, node, cells: [statement], comment, indent: '' };
    }
  }
}

function leading(text: string): string {
  return /^[\t ]*/.exec(text)![0];
}

function serviceCells(node: ServiceLine, text: string): string[] {
  let code = node.code.text;
  for (const m of node.modifiers) code += m.attached ? text.slice(m.dash, m.end) : ` ${text.slice(m.dash, m.end)}`;
  const units = node.units ? node.units.text : '';
  const pointers = node.dxKeyword ? `${node.dxKeyword.text} ${node.pointers.map((p) => p.text).join(',')}`.trimEnd() : '';
  return [code, units, pointers];
}

function render(c: Cells, widths: number[]): string {
  if (c.cells.length === 0) return '';
  if (c.node.kind !== 'service') return c.cells[0];
  const [code, units, pointers] = c.cells;
  const parts = [code.padEnd(widths[0])];
  if (widths[1] > 0) parts.push(units.padEnd(widths[1]));
  if (pointers) parts.push(pointers);
  return `${c.indent}${parts.join(' ')}`.trimEnd();
}
