// The JSON Schema of .haiclaims.json: shipped, wired for the editor, and exactly what the zod
// schema that validates the settings generates (npm run schema rewrites it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { configJsonSchemaText } from '../../scripts/gen-config-schema';
import { parseJsonWithComments } from '../../server/src/cli/config';
import { RULE_IDS } from '../../server/src/core/rules';
import { parseSettings } from '../../server/src/core/settings';

const ROOT = join(__dirname, '..', '..');
const shipped = readFileSync(join(ROOT, 'schemas/haiclaims.schema.json'), 'utf8');

describe('.haiclaims.json schema', () => {
  it('the shipped schema is the one generated from the zod schema (run npm run schema when this fails)', () => {
    assert.equal(shipped, configJsonSchemaText());
  });

  it('is wired for the editor: jsonValidation, and .haiclaims.json read as JSON with comments', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.haiclaims.json', url: './schemas/haiclaims.schema.json' }]);
    assert.ok(pkg.contributes.languages.some((l: any) => l.id === 'jsonc' && l.filenames.includes('.haiclaims.json')));
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/haiclaims\.schema\.json$/m);
  });

  it('the npm package ships it too, for a .haiclaims.json\'s "$schema"', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    assert.ok(files.includes('schemas/haiclaims.schema.json'), files.join(', '));
  });

  it('completes every rule id with the five levels', () => {
    const schema = JSON.parse(shipped);
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_IDS].sort());
    assert.deepEqual(schema.properties.rules.properties['ncci-ptp'].enum, ['off', 'hint', 'information', 'warning', 'error']);
  });

  it('agrees with the settings parser: what one accepts the other accepts', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(shipped));
    const cases: [unknown, boolean][] = [
      [{ rules: { 'ncci-ptp': 'error', 'dos-year': 'off' }, 'data.pfsRvu': 'PPRRVU26.csv', defaultState: 'GA' }, true],
      [{ $schema: './node_modules/hai-claims/schemas/haiclaims.schema.json', 'data.mue': ['a.csv', 'b.csv'], maxFileBytes: 20000 }, true],
      [{ rules: { 'ncci-ptp': 'loud' } }, false],
      [{ rules: { 'no-such-rule': 'error' } }, false],
      [{ defaultState: 'Georgia' }, false],
      [{ maxFileBytes: 10 }, false],
    ];
    for (const [config, ok] of cases) {
      assert.equal(validate(config), ok, JSON.stringify(config));
      const { problems } = parseSettings(config, RULE_IDS);
      assert.equal(problems.length === 0, ok, JSON.stringify(config));
    }
  });

  it('settings.json as VS Code writes it: comments and trailing commas', () => {
    const r = parseJsonWithComments('// user settings\n{\n  "haiClaims.rules": { "ncci-ptp": "off", }, /* end */\n}\n');
    assert.deepEqual(r.json, { 'haiClaims.rules': { 'ncci-ptp': 'off' } });
    const bad = parseJsonWithComments('{\n  "rules": { "x": off }\n}');
    assert.match(bad.error ?? '', /^not valid JSON \(line 2, column 19\): /);
  });
});
