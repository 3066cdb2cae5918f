// Writes schemas/haiclaims.schema.json, the JSON Schema of `.haiclaims.json`, from the zod schema
// that validates the settings (core/settings.ts), so the editor completes exactly what the code
// accepts. `npm run schema` writes it; test/cli/config-schema.test.ts fails when it is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { RULES } from '../server/src/core/rules';
import { settingsFileSchema } from '../server/src/core/settings';

export const SCHEMA_FILE = path.resolve(__dirname, '../schemas/haiclaims.schema.json');

export function configJsonSchema(): object {
  // (A plain ZodTypeAny in, so TypeScript does not expand zod's types for every rule id.)
  const zod: Parameters<typeof zodToJsonSchema>[0] = settingsFileSchema(RULES) as never;
  const schema = zodToJsonSchema(zod, { target: 'jsonSchema7', $refStrategy: 'none', effectStrategy: 'input' }) as Record<string, unknown>;
  return { ...schema, title: '.haiclaims.json' };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, configJsonSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
