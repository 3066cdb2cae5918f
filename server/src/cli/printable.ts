// File names as the text output prints them. A name can hold ANSI escapes or line breaks (a file
// committed as "x\e[2J.claim" or "a\nb.claim"): printed raw they would rewrite the terminal or
// forge report lines. Control characters and bidirectional overrides are shown escaped instead.
// (JSON and SARIF carry the real name: JSON escapes control characters itself.)

// C0 controls, DEL, C1 controls, and the Unicode bidirectional embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(name: string): string {
  return name.replace(UNPRINTABLE, (c) => {
    const n = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
