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

// Copy as CSV writes through the one CSV writer the command line uses (same columns, same
// neutralising of formula cells: issue 25, issue 26).
export { ESTIMATE_CSV_HEADER as CSV_HEADER, estimateCsv } from '../../server/src/estimate-csv';
