// Loads the shipped code tables and validates them against the zod schemas. Pure: the JSON is
// bundled by import, nothing is read from disk, so the same code runs in the server, the tests
// and the bundled extension.
import { z } from 'zod';
import guideJson from './data/guide-2026.json';
import referenceJson from './data/reference.json';
import { GuideTables, ReferenceTables } from './schema';

/** One thing wrong with a table: which table, where (e.g. `procedures[12].workRvu`), and what. */
export interface TableProblem {
  table: string;
  path: string;
  message: string;
}

/** Renders a zod issue path as `procedures[12].workRvu`; the root is `(root)`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Validates `value` against `schema`. Never throws: on success returns the parsed value (defaults
 * applied) and no problems; on failure returns no value and one problem per zod issue.
 */
export function validateTable<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  name: string,
): { value?: T; problems: TableProblem[] } {
  try {
    const result = schema.safeParse(value);
    if (result.success) return { value: result.data, problems: [] };
    return {
      problems: result.error.issues.map((issue) => ({
        table: name,
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  } catch (err) {
    return { problems: [{ table: name, path: '(root)', message: `validation failed: ${String(err)}` }] };
  }
}

function loadOrThrow<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, name: string): T {
  const { value: parsed, problems } = validateTable(schema, value, name);
  if (parsed === undefined) {
    const shown = problems.slice(0, 10).map((p) => `  ${p.path}: ${p.message}`);
    const more = problems.length > 10 ? [`  ... and ${problems.length - 10} more`] : [];
    throw new Error(`Shipped table "${name}" is invalid:\n${[...shown, ...more].join('\n')}`);
  }
  return parsed;
}

let guideCache: GuideTables | undefined;
let referenceCache: ReferenceTables | undefined;

/** The CY2026 guide's tables (parsed once, cached). Throws only if the shipped data is invalid. */
export function loadGuideTables(): GuideTables {
  guideCache ??= loadOrThrow(GuideTables, guideJson, 'guide-2026');
  return guideCache;
}

/** Places of service, states, modifiers and CPT sections (parsed once, cached). */
export function loadReferenceTables(): ReferenceTables {
  referenceCache ??= loadOrThrow(ReferenceTables, referenceJson, 'reference');
  return referenceCache;
}
