// String helpers shared by the parser and the CMS file loaders (the lowest layer of the core:
// it imports nothing).

/**
 * A copy of `s` that does not keep the string it was cut from alive. V8 makes a slice of a long
 * string point into its parent, so a kept line (after an edit) or a kept code or description
 * (from a chunk of a CMS file) would pin that whole document version or chunk. Concatenating and
 * slicing again points the slice at a fresh flat copy instead. Slices under 13 characters are
 * copied by V8 anyway.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * A number with thousands separators, as `toLocaleString('en-US')` writes an integer (`1,098`),
 * without Intl: ICU's locale data costs the server about 9 MB resident on first use, for commas.
 * A fraction is kept as JavaScript writes it.
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
