// Hover and completion with the national fixtures loaded: a code only in the RVU file shows its
// allowable and the file; diagnoses complete from the ICD-10-CM file.
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { doComplete, doHover } from '../../../server/src/core/languageService';
import { run } from '../../helpers/fixture';
import { ICD, nationalTables, RVU } from './cms-fixtures';

const HEAD = 'claim "visit"\npayer medicare\nstate GA\npos 11\ndx C78.7\n';

function hoverAt(source: string): string {
  const { analysis, marked } = run(source, { tables: nationalTables() });
  const h = doHover(analysis, marked.cursor!.line, marked.cursor!.character);
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

describe('hover and completion with the national files', () => {
  it('a code only in the RVU file: its allowables and the file it came from', () => {
    const v = hoverAt(`${HEAD}on 2026-03-02\n  992|13 dx A\n`);
    assert.match(v, /\*\*99213\*\* · Office o\/p est low 20 min/);
    assert.match(v, /\| 1\.30 \| 1\.72 \| \$57\.45 \| 2\.85 \| \$95\.19 \|/);
    // Markdown escapes the underscores of the file name.
    assert.match(v, new RegExp(`_Source: PFS relative value file 2026 April release \\(${RVU.replace(/_/g, '\\\\_')}\\)_`));
  });

  it('a diagnosis only in the ICD-10-CM file: its description and the file', () => {
    const v = hoverAt(`${HEAD}dx E11.6|5\non 2026-03-02\n  99213 dx A\n`);
    assert.match(v, /\*\*E11\.65\*\* · Type 2 diabetes mellitus with hyperglycemia/);
    assert.match(v, new RegExp(`ICD-10-CM FY2026 code list \\(${ICD.replace(/_/g, '\\\\_')}\\)`));
  });

  it('completes diagnoses from the ICD-10-CM file, headings marked not billable', () => {
    const { analysis, marked } = run(`${HEAD}dx E11|\n`, { tables: nationalTables() });
    const items = doComplete(analysis, marked.cursor!.line, marked.cursor!.character).items;
    const e11 = items.filter((i) => i.label.startsWith('E11'));
    assert.deepEqual(e11.map((i) => i.label), ['E11', 'E11.65']);
    assert.match(String(e11[0].detail), /header, not billable/);
  });
});
