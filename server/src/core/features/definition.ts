// Go to Definition: from a diagnosis pointer (`dx A` on a service line) to the claim's `dx` line
// that letter names. Nothing elsewhere (a code is defined by the tables, not the document).
import type { Location } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { clampPosition, targetAt, tokRange } from './locate';

export function findDefinition(analysis: Analysis, uri: string, line: number, character: number): Location | null {
  const at = clampPosition(analysis, line, character);
  const target = targetAt(analysis, at.line, at.character);
  if (target?.kind !== 'pointer') return null;
  const dx = target.service?.date.claim.diagnoses.find((d) => d.letter === target.letter);
  if (!dx) return null;
  const value = dx.node.value ?? dx.node.keyword;
  return { uri, range: tokRange(dx.line, value) };
}
