// The rule registry: every check, in the order findings are reported.
import { addOnRules } from './addon';
import { adjudicationRules } from './adjudication';
import { coverageRules } from './coverage';
import { diagnosisRules } from './diagnoses';
import { globalPeriodRules } from './global-period';
import { modifierRules } from './modifiers';
import { localityRules } from './locality';
import { nationalRules } from './national';
import { ncciRules } from './ncci';
import { settingRules } from './setting';
import { spellingRules } from './spelling';
import { structureRules } from './structure';
import { unitRules } from './units';
import { visitRules } from './visits';
import type { Rule } from './types';
import { badSuppressionRule } from './suppressions';

export const RULES: readonly Rule[] = [
  ...structureRules,
  ...spellingRules,
  ...diagnosisRules,
  ...ncciRules,
  ...addOnRules,
  ...unitRules,
  ...visitRules,
  ...modifierRules,
  ...settingRules,
  ...globalPeriodRules,
  ...coverageRules,
  ...nationalRules,
  ...localityRules,
  ...adjudicationRules,
  badSuppressionRule,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
