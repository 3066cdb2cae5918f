// The estimate view's table and its CSV, from the server's `haiClaims/estimate` claims (the
// core's ClaimEstimate[]). Pure (no vscode import): mocha tests it directly.
import type { ClaimEstimate, LineEstimate } from '../../server/src/protocol';

export type { ClaimEstimate };

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const money = (n: number): string => usd.format(n);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STATUS: Record<LineEstimate['status'], string> = {
  paid: 'paid',
  reduced: 'reduced',
  denied: 'denied',
  'not-payable': 'not payable',
  unpriced: 'not priced',
};

/** The status cell; a paid $0 says it is the published figure, not a price left out. */
function statusOf(l: LineEstimate): string {
  return l.status === 'paid' && l.base === 0 ? 'paid (published allowable $0)' : STATUS[l.status];
}

function codeOf(l: LineEstimate): string {
  return [l.code, ...l.modifiers].join('-') + (l.units !== 1 ? ` x${l.units}` : '');
}

function settingOf(pos: string | undefined, setting: string | undefined): string {
  const where = setting === 'facility' ? 'facility rate' : setting === 'nonFacility' ? 'non-facility rate' : 'no rate';
  return pos ? `pos ${pos}, ${where}` : where;
}

/**
 * The body of the view: per claim and date, each line's amount and status first (they must stay
 * in sight in a view 500 px wide beside the claim), then its base and reductions with their
 * reasons, which wrap. Rows carry data-line (0-based) so a click can reveal the line. Every piece
 * of document text (the claim name) is escaped.
 */
export function estimateTableHtml(claims: readonly ClaimEstimate[]): string {
  if (claims.length === 0) return '<p class="empty">No claim in this file yet: a claim starts with a <code>claim "name"</code> line.</p>';
  const out: string[] = [];
  for (const c of claims) {
    out.push(`<section class="claim"><h2 data-line="${c.line}" tabindex="0">Claim ${c.claim + 1}: ${escapeHtml(c.name)} <span class="where">line ${c.line + 1}</span></h2>`);
    for (const d of c.dates) {
      out.push(
        `<h3 data-line="${d.line}" tabindex="0">${escapeHtml(d.label)} <span class="where">${escapeHtml(settingOf(d.pos, d.setting))}</span></h3>`,
        '<table><thead><tr><th class="num line">Line</th><th>Code</th><th class="num">Amount</th><th>Status</th><th class="num base">Base</th><th class="reductions">Reductions</th></tr></thead><tbody>',
      );
      for (const l of d.lines) {
        const reductions = l.adjustments.length
          ? l.adjustments.map((a) => `<div>${a.amount ? `&minus;${money(a.amount)} ` : ''}${escapeHtml(a.reason)}</div>`).join('')
          : '';
        out.push(
          `<tr data-line="${l.line}" tabindex="0" class="${l.status}"><td class="num line">${l.line + 1}</td><td><code>${escapeHtml(codeOf(l))}</code></td>` +
            `<td class="num amount">${l.status === 'unpriced' ? '&mdash;' : money(l.amount)}</td><td class="status">${statusOf(l)}</td>` +
            `<td class="num base">${l.status === 'unpriced' ? '&mdash;' : money(l.base)}</td><td class="reductions">${reductions}</td></tr>`,
        );
      }
      out.push(`</tbody><tfoot><tr><td class="line"></td><td>Date total</td><td class="num amount">${money(d.total)}</td><td colspan="3"></td></tr></tfoot></table>`);
    }
    out.push(`<p class="total">Claim total: <strong>${money(c.total)}</strong></p>`);
    if (c.notes.length) out.push(`<ul class="notes">${c.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    out.push('</section>');
  }
  return out.join('\n');
}

/** RFC 4180 field; a text that a spreadsheet would run as a formula is quoted as text. */
function field(v: string | number): string {
  if (typeof v === 'number') return v.toFixed(2);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['claim', 'claim name', 'date', 'pos', 'line', 'code', 'modifiers', 'units', 'base', 'reduction', 'reasons', 'amount', 'status'];

/**
 * The table as a spreadsheet reads it: one row per service line, amounts as plain numbers with
 * two decimals (no currency sign, no thousands separator), lines 1-based, CRLF line ends.
 */
export function estimateCsv(claims: readonly ClaimEstimate[]): string {
  const rows: (string | number)[][] = [CSV_HEADER];
  for (const c of claims) {
    for (const d of c.dates) {
      for (const l of d.lines) {
        const reduction = l.adjustments.reduce((n, a) => n + a.amount, 0);
        // an unpriced line has no amount: empty cells, never a 0.00 that reads as "pays nothing"
        const priced = l.status !== 'unpriced';
        rows.push([
          String(c.claim + 1),
          c.name,
          d.label,
          d.pos ?? '',
          String(l.line + 1),
          l.code,
          l.modifiers.join(' '),
          String(l.units),
          priced ? l.base : '',
          priced ? reduction : '',
          l.adjustments.map((a) => a.reason).join(' '),
          priced ? l.amount : '',
          STATUS[l.status],
        ]);
      }
    }
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
