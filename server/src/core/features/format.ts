// Document formatting: statements flush left, service lines indented, and within each claim the
// code, units and pointer columns and the comments aligned. Only blanks change (and pointer lists
// are written `dx A,B`); a line the parser could not read is left exactly as it is.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { LineNode, ServiceLine } from '../syntax/nodes';

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
}

const MAX_COMMENT_COLUMN = 56;

export function formatDocument(analysis: Analysis, options: FormatOptions = {}): TextEdit[] {
  const { lines, texts } = analysis.tree;
  const indentUnit = options.insertSpaces === false ? '\t' : '  ';
  // Group lines by claim (lines before the first claim form their own group).
  const groups: Cells[][] = [[]];
  for (let l = 0; l < lines.length; l++) {
    const node = lines[l];
    if (node.kind === 'claim') groups.push([]);
    groups[groups.length - 1].push(cellsOf(l, node, texts[l], indentUnit));
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
      if (out.replace(/[\s,]+/g, '') !== old.replace(/[\s,]+/g, '')) continue;
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
