// docs/architecture.md: "test/core mirrors the core". Each core module with code of its own (not
// only types or re-exports) has its test: its mirror, test/core/<same path>.test.ts, or the test
// named for it in TESTED_THROUGH (a module tested through its users or its folder's test). Each
// test under test/core is a mirror or is named in NAMED_FOR_WHAT_IT_CHECKS. A new module or test
// fails here until it is placed, so the claim stays true.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse, ROOT, sourceFiles } from '../helpers/sources';

const CORE = 'server/src/core/';

/** Core module -> the test that covers it, when it has no mirror. */
const TESTED_THROUGH: Record<string, string> = {
  'config-file.ts': 'test/cli/config-schema.test.ts',
  'steps.ts': 'test/core/analysis.test.ts',
  'fixes.ts': 'test/property/fix.property.test.ts',
  'estimate/denied-primary.ts': 'test/core/estimate/adjudication.test.ts',
  'estimate/participation.ts': 'test/core/estimate/adjudication.test.ts',
  'features/data-files.ts': 'test/cli/data-command.test.ts',
  'features/describe.ts': 'test/core/features/hover.test.ts',
  'features/hover-local.ts': 'test/core/estimate/local-price.test.ts',
  'features/locate.ts': 'test/core/huge-documents.test.ts',
  'features/suppress.ts': 'test/core/rules/suppressions.test.ts',
  'model/locality.ts': 'test/core/estimate/locality.test.ts',
  'rules/index.ts': 'test/core/rules/declared-severities.test.ts',
  'rules/types.ts': 'test/core/rules/declared-severities.test.ts',
  'rules/locality.ts': 'test/core/rules/locality-addon.test.ts',
  'rules/modifier-fit.ts': 'test/core/rules/modifiers.test.ts',
  'rules/spelling.ts': 'test/core/rules/structure.test.ts',
  'rules/util.ts': 'test/core/rules/runner.test.ts',
  'syntax/incremental.ts': 'test/core/reuse.test.ts',
  'tables/index.ts': 'test/core/tables/tables.test.ts',
  'tables/load.ts': 'test/core/tables/tables.test.ts',
  'tables/schema.ts': 'test/core/tables/tables.test.ts',
  'tables/loaders/common.ts': 'test/core/tables/loaders/long-lines.test.ts',
  'tables/loaders/header.ts': 'test/core/tables/loaders/as-shipped.test.ts',
  'tables/loaders/aoc.ts': 'test/core/tables/loaders/locality-asp-aoc.test.ts',
  'tables/loaders/asp.ts': 'test/core/tables/loaders/locality-asp-aoc.test.ts',
  'tables/loaders/gpci.ts': 'test/core/tables/loaders/locality-asp-aoc.test.ts',
  'tables/loaders/localities.ts': 'test/core/tables/loaders/locality-asp-aoc.test.ts',
  'tables/loaders/icd10cm.ts': 'test/core/tables/loaders/loaders.test.ts',
  'tables/loaders/mue.ts': 'test/core/tables/loaders/loaders.test.ts',
  'tables/loaders/pfs-rvu.ts': 'test/core/tables/loaders/loaders.test.ts',
  'tables/loaders/ptp/builder.ts': 'test/core/tables/loaders/loaders.test.ts',
  'tables/loaders/ptp/header.ts': 'test/core/tables/loaders/loaders.test.ts',
  'tables/loaders/ptp/hash-index.ts': 'test/property/pair-rules.property.test.ts',
  'tables/loaders/ptp/image.ts': 'test/core/tables/loaders/ptp-image.test.ts',
  'tables/loaders/opps-cap.ts': 'test/core/estimate/opps-cap.test.ts',
  'tables/loaders/pfs-releases.ts': 'test/core/estimate/pfs-releases.test.ts',
  'x12/check.ts': 'test/core/x12/x12.test.ts',
  'x12/reader.ts': 'test/core/x12/x12.test.ts',
  'x12/to-claim.ts': 'test/core/x12/x12.test.ts',
  'x12/tokenizer.ts': 'test/core/x12/x12.test.ts',
  'x12/features.ts': 'test/lsp/x12.test.ts',
};

/** Tests under test/core that check one thing across modules, named for it rather than for a file. */
const NAMED_FOR_WHAT_IT_CHECKS = new Set([
  'huge-documents',
  'estimate/adjudication',
  'estimate/asp-refused',
  'estimate/locality-wording',
  'estimate/pfs-releases',
  'rules/configurable',
  'rules/declared-severities',
  'rules/locality-addon',
  'rules/modifier-list',
  'rules/payment',
  'rules/severity',
  'tables/tables',
  'tables/loaders/as-shipped',
  'tables/loaders/asp-banner-date',
  'tables/loaders/loaders',
  'tables/loaders/locality-asp-aoc',
  'tables/loaders/long-lines',
  'tables/loaders/ptp-image',
  'tables/loaders/stray-quotes',
  'x12/x12',
]);

/** Whether a module holds code: anything but types, interfaces and re-exports. */
function hasCode(file: string): boolean {
  return parse(file).statements.some(
    (s) => !(ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined)),
  );
}

const mirrorOf = (module: string): string => `test/core/${module.replace(/\.ts$/, '.test.ts')}`;
const exists = (rel: string): boolean => existsSync(path.join(ROOT, rel));

describe('architecture: test/core mirrors the core (docs/architecture.md)', () => {
  const modules = sourceFiles('server/src/core').map((f) => f.slice(CORE.length));

  it('each core module with code has its mirror test, or the test that covers it is named in TESTED_THROUGH', () => {
    const bad: string[] = [];
    for (const m of modules) {
      if (!hasCode(`${CORE}${m}`)) continue;
      const through = TESTED_THROUGH[m];
      if (exists(mirrorOf(m))) {
        if (through) bad.push(`${m}: has its mirror ${mirrorOf(m)}; remove it from TESTED_THROUGH`);
      } else if (!through) bad.push(`${m}: add ${mirrorOf(m)}, or name the test that covers it in TESTED_THROUGH`);
      else if (!exists(through)) bad.push(`${m}: ${through} does not exist`);
    }
    for (const m of Object.keys(TESTED_THROUGH)) if (!modules.includes(m)) bad.push(`TESTED_THROUGH names ${m}, which is no core module`);
    assert.deepEqual(bad, []);
  });

  it('each test under test/core mirrors a core module, or is named for what it checks', () => {
    const bad: string[] = [];
    for (const t of sourceFiles('test/core')) {
      const name = t.slice('test/core/'.length).replace(/\.test\.ts$/, '');
      const mirrors = exists(`${CORE}${name}.ts`);
      if (mirrors && NAMED_FOR_WHAT_IT_CHECKS.has(name)) bad.push(`${t}: mirrors ${CORE}${name}.ts; remove it from NAMED_FOR_WHAT_IT_CHECKS`);
      if (!mirrors && !NAMED_FOR_WHAT_IT_CHECKS.has(name)) bad.push(`${t}: mirrors no core module (name it for one, or add it to NAMED_FOR_WHAT_IT_CHECKS)`);
    }
    for (const n of NAMED_FOR_WHAT_IT_CHECKS) if (!exists(`test/core/${n}.test.ts`)) bad.push(`NAMED_FOR_WHAT_IT_CHECKS names test/core/${n}.test.ts, which does not exist`);
    assert.deepEqual(bad, []);
  });
});
