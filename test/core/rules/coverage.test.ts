// Coverage family: the guide's HAI diagnosis list (dx-not-listed), the LCA that alone covers the
// italic codes (dx-jurisdiction, with the West Virginia erratum) and the year the tables price
// (dos-year).
import assert from 'node:assert/strict';
import { claim, expectFindings, expectNoRule, medicare, run } from '../../helpers/billing';

const GUIDE = /CY2026 HAI coding and billing guide/;
const REFILL = claim`
  on 2026-03-16
    96522 dx A
`;

describe('dx-not-listed', () => {
  it('a claim whose diagnoses are only Z-codes: fires once, on the first diagnosis', () => {
    const src = `claim "T"\npayer medicare\nstate GA\npos 11\ndx [[Z45.2]]\ndx Z51.11\n${REFILL}`;
    const [f] = expectFindings(src, 'dx-not-listed', {
      severity: 'warning',
      message: [/^None of this claim's diagnoses is on CY2026 HAI coding and billing guide's ICD-10-CM list for HAI therapy/, /coverage is doubtful/, /Add the diagnosis that supports HAI/],
    });
    assert.equal(f.data.reason, 'none-listed');
  });

  it('a pointed diagnosis the guide does not list, on a claim with a listed one: fires on that diagnosis', () => {
    const src = `claim "T"\npayer medicare\nstate GA\npos 11\ndx C78.7\ndx [[K76.89]]\non 2026-03-16\n  96522 dx A,B\n`;
    expectFindings(src, 'dx-not-listed', { severity: 'warning', message: [/^K76\.89 \(dx B\) is pointed at by a service line but is not on/, GUIDE, /Check that a listed diagnosis supports the service/] });
  });

  it('an unlisted diagnosis no line points at, next to a listed one: does not fire', () => {
    expectNoRule(`claim "T"\npayer medicare\nstate GA\npos 11\ndx C78.7\ndx K76.89\n${REFILL}`, 'dx-not-listed');
  });

  it('listed diagnoses only (primary, secondary, italic): does not fire', () => {
    expectNoRule(medicare(REFILL, { pos: '11', dx: ['C22.0', 'C78.7', 'C18.7', 'C49.A0'] }), 'dx-not-listed');
  });

  it('a claim with no diagnosis at all: fires on the claim name', () => {
    expectFindings(`claim [["T"]]\npayer medicare\nstate GA\npos 11\non 2026-03-16\n  96522\n`, 'dx-not-listed', { severity: 'warning', message: [/This claim has no diagnosis/, /Add the HAI diagnoses/] });
  });
});

describe('dx-jurisdiction', () => {
  it('C49.A0 (italic: LCA A56695 only) with state CA: fires on the dx, related to the state', () => {
    const src = `claim "T"\npayer medicare\nstate CA\npos 11\ndx [[C49.A0]]\n${REFILL}`;
    const [f] = expectFindings(src, 'dx-jurisdiction', {
      severity: 'warning',
      related: 'CA',
      message: [/^C49\.A0 is covered only by Palmetto GBA LCA A56695/, /jurisdictions J, M/, GUIDE, /this claim's state, CA, is outside them/, /Use a diagnosis covered nationally/],
    });
    assert.equal(f.data.state, 'CA');
  });

  it('C49.A0 with state GA, or WV (jurisdiction M; the erratum the guide omits): does not fire', () => {
    for (const state of ['GA', 'WV', 'AL', 'TN', 'NC', 'SC', 'VA']) {
      expectNoRule(medicare(REFILL, { pos: '11', state, dx: ['C49.A0'] }), 'dx-jurisdiction');
    }
  });

  it('WV is in the LCA states (errata applied), though the guide prints only six', () => {
    const { analysis } = run(medicare(REFILL));
    const lca = analysis.tables.guide.diagnosisNotes.lca;
    assert.ok(lca.states.includes('WV'));
    assert.ok(!lca.statesAsPrinted.includes('WV'));
  });

  it('C49.A0 with no state line: information that coverage could not be checked', () => {
    expectFindings(medicare(claim`
      on 2026-03-16
        96522 dx A
    `, { pos: '11', state: null, dx: ['[[C49.A0]]'] }), 'dx-jurisdiction', { severity: 'information', message: [/no state line, so coverage could not be checked/, /Add "state XX"/] });
  });

  it('a diagnosis covered nationally (C78.7) in CA: does not fire', () => {
    expectNoRule(medicare(REFILL, { pos: '11', state: 'CA' }), 'dx-jurisdiction');
  });
});

describe('dos-year', () => {
  it('a 2025 date: fires on the date', () => {
    expectFindings(medicare(claim`
      on [[2025-12-31]]
        96522 dx A
      on 2026-01-01
        96522 dx A
      on 2026-12-31
        96522 dx A
      on [[2027-01-01]]
        96522 dx A
    `, { pos: '11' }), 'dos-year', { severity: 'warning', message: [/outside 2026 \(2026-01-01 to 2026-12-31\), the year the CY2026 HAI coding and billing guide prices/, /Check the date of service/] });
  });

  it('`day N` after a 2025 start: fires on `day N`, naming the calendar date', () => {
    // 2025-12-20 + 5 = 2025-12-25 (outside 2026); + 12 = 2026-01-01 (inside).
    const [f] = expectFindings(medicare(claim`
      on [[day 5]]
        96522 dx A
      on day 12
        96522 dx A
    `, { pos: '11', start: '2025-12-20' }), 'dos-year', { severity: 'warning', message: [/^2025-12-25 is outside 2026/] });
    assert.equal(f.data.date, '2025-12-25');
  });

  it('relative days without start: a hint once per claim that the year could not be checked', () => {
    expectFindings(medicare(claim`
      on [[day 0]]
        96522 dx A
      on day 14
        96522 dx A
    `, { pos: '11' }), 'dos-year', { severity: 'hint', message: [/"day N" with no "start" line/, GUIDE, /could not be checked/, /Add "start YYYY-MM-DD"/] });
  });

  it('2026 dates only: does not fire', () => {
    expectNoRule(medicare(REFILL, { pos: '11' }), 'dos-year');
  });
});
