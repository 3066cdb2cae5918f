// A generated ICD-10-CM order file of CMS's fixed-width layout (order number, code without the
// dot, header flag, short and long descriptions) at full size, for completion with the national
// list loaded. Codes are well formed and include the guide's diagnoses; descriptions are filler.
import guideJson from '../server/src/core/tables/data/guide-2026.json';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTVWXYZ';
const SUFFIX = '0123456789ABXYZ';

function line(order: number, code: string, billable: boolean, text: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable ? 1 : 0} ${text.slice(0, 60).padEnd(60)} ${text}`;
}

/** About `size` codes: categories (headers) with billable subcodes, sorted as CMS sorts them. */
export function generateIcd10OrderFile(size: number): { text: string; codes: string[] } {
  const codes = new Set<string>(guideJson.diagnoses.map((d) => d.code));
  codes.add(generateIcd10OrderFile.probe);
  // 2,500 categories (A00 to Z99) of up to 40 subcodes each: room for 100,000 codes.
  const subcode = (i: number) => (i < SUFFIX.length ? SUFFIX[i] : `${SUFFIX[Math.floor(i / SUFFIX.length) - 1]}${SUFFIX[i % SUFFIX.length]}`);
  const perCategory = Math.min(40, Math.ceil(size / 2500) + 1);
  for (let n = 0; n < 2500 && codes.size < size; n++) {
    const category = `${LETTERS[n % LETTERS.length]}${String(Math.floor(n / LETTERS.length)).padStart(2, '0')}`;
    for (let i = 0; i < perCategory && codes.size < size; i++) codes.add(`${category}.${subcode(i)}`);
  }
  const sorted = [...codes].sort();
  const out: string[] = [];
  let order = 1;
  let lastCategory = '';
  for (const code of sorted) {
    const category = code.slice(0, 3);
    if (category !== lastCategory && code.includes('.')) out.push(line(order++, category, false, `Generated category ${category}`));
    lastCategory = category;
    out.push(line(order++, code.replace('.', ''), true, `Generated diagnosis ${code} for the benchmark`));
  }
  return { text: `${out.join('\n')}\n`, codes: sorted };
}

/** A code only the generated file lists: the benchmark waits until it is no longer unknown. */
generateIcd10OrderFile.probe = 'Z99.Z9';
