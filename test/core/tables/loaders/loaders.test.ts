// The CMS file loaders on small fixtures in the published layouts (header quirks included): valid
// rows load, bad rows are reported with file, line and reason, columns are found by name, chunked
// input reads the same as whole text, and nothing throws on any input.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  deserializePtp,
  Icd10Builder,
  loadIcd10cm,
  loadMue,
  loadPfsRvu,
  loadPtp,
  MueBuilder,
  PtpBuilder,
  RvuBuilder,
  serializePtp,
  type LoadProblem,
  type TableBuilder,
} from '../../../../server/src/core/tables/loaders';
import type { PtpTable } from '../../../../server/src/core/tables/national';
import { day, fixture, ICD, MUE, PTP_F1, PTP_F2, RVU } from '../../../helpers/cms-fixtures';

const brief = (ps: LoadProblem[]) => ps.map((p) => `${p.file}:${p.line}`);

/** Feeds `text` split at `cuts` (ascending offsets) through a fresh builder. */
function chunked<T>(make: () => TableBuilder<T>, name: string, text: string, cuts: number[]) {
  const b = make();
  b.beginFile(name, text.length);
  let at = 0;
  for (const c of [...cuts, text.length]) {
    b.push(text.slice(at, c));
    at = c;
  }
  b.endFile();
  return b.finish();
}

describe('NCCI PTP loader', () => {
  const f1 = fixture(PTP_F1);
  const f2 = fixture(PTP_F2);
  const { table, problems } = loadPtp([f1, f2]);

  it('merges the parts into one table and names the files and quarter', () => {
    assert.equal(table.size, 8);
    assert.equal(table.source.label, `NCCI PTP practitioner edits 2026Q2 (${PTP_F1}, ${PTP_F2})`);
    assert.equal(table.lookup('36260', '76937', day('2026-03-02'))?.source.label, `NCCI PTP practitioner edits 2026Q2 (${PTP_F1})`);
    assert.equal(table.lookup('96522', '93000', day('2026-03-02'))?.source.label, `NCCI PTP practitioner edits 2026Q2 (${PTP_F2})`);
  });

  it('reads each column by its header name (the wrapped headings of the published file)', () => {
    const e = table.lookup('36260', '76937', day('2026-03-02'))!;
    assert.deepEqual(
      { ...e, source: undefined },
      { column1: '36260', column2: '76937', modifierIndicator: '1', effective: day('2020-01-01'), deleted: undefined, priorTo1996: false, rationale: 'CPT Manual or CMS manual coding instruction', source: undefined },
    );
    assert.equal(table.lookup('99215', '36415', day('2026-03-02'))?.priorTo1996, true);
    assert.equal(table.lookup('99215', '36415', day('2026-03-02'))?.modifierIndicator, '9');
    // Column 1 is the paid code: the reverse order is not an edit.
    assert.equal(table.lookup('76937', '36260', day('2026-03-02')), undefined);
  });

  it('finds columns in another order by name', () => {
    const order = [5, 1, 0, 4, 3, 2, 6];
    const permuted = f1.text
      .split('\r\n')
      .map((line) => {
        if (line === '' || !line.includes('\t')) return line;
        const cells = line.split('\t');
        while (cells.length < 7) cells.push('');
        return order.map((i) => cells[i]).join('\t');
      })
      .join('\r\n');
    const r = loadPtp({ name: PTP_F1, text: permuted });
    assert.deepEqual(brief(r.problems), brief(loadPtp(f1).problems));
    assert.equal(r.table.size, 6);
    for (const [a, b, d] of [['36260', '76937', '2026-03-02'], ['71260', '71046', '2026-03-31'], ['71260', '71046', '2026-04-01']] as const) {
      assert.deepEqual(r.table.lookup(a, b, day(d)), loadPtp(f1).table.lookup(a, b, day(d)));
    }
  });

  it('reports each bad row with file, line and reason, and loads the rest', () => {
    assert.deepEqual(problems, [
      { file: PTP_F1, line: 12, reason: 'column 1 "7426" is not a CPT/HCPCS code' },
      { file: PTP_F1, line: 14, reason: 'deletion date "202601" is neither a date (YYYYMMDD, Julian YYYYDDD, MM/DD/YYYY or an Excel date number) nor *' },
      { file: PTP_F1, line: 15, reason: 'modifier indicator "4" is not 0, 1 or 9' },
    ]);
  });

  it('uses the date window that covers the date of service', () => {
    // 71260/71046: indicator 0 until 2026-03-31, indicator 1 from 2026-04-01 (the deletion date is the first day without).
    assert.equal(table.lookup('71260', '71046', day('2026-03-31'))?.modifierIndicator, '0');
    assert.equal(table.lookup('71260', '71046', day('2026-04-01'))?.modifierIndicator, '1');
    assert.equal(table.lookup('71260', '71046', day('2019-12-31')), undefined);
    // Without a calendar date: the edit in force now.
    assert.equal(table.lookup('71260', '71046', undefined)?.modifierIndicator, '1');
    // 74170/74160 was deleted on 2026-03-01.
    assert.equal(table.lookup('74170', '74160', day('2026-02-28'))?.deleted, day('2026-03-01'));
    assert.equal(table.lookup('74170', '74160', day('2026-03-01')), undefined);
    assert.equal(table.lookup('74170', '74160', undefined), undefined);
    assert.deepEqual(
      table.windows!('71260', '71046').map((e) => e.modifierIndicator),
      ['0', '1'],
    );
  });

  it('reports missing columns once and loads nothing from that file', () => {
    const r = loadPtp([fixture('ptp-missing-columns.txt'), f2]);
    assert.deepEqual(r.problems, [{ file: 'ptp-missing-columns.txt', line: 2, reason: 'missing columns "Deletion Date", "Modifier" in the header; the file was not loaded' }]);
    assert.equal(r.table.size, 2);
  });

  it('reports a file that is not a PTP file', () => {
    const r = loadPtp(fixture(MUE));
    assert.equal(r.table.size, 0);
    assert.deepEqual(brief(r.problems), [`${MUE}:0`]);
    assert.match(r.problems[0].reason, /no header row naming "Column 1" and "Column 2"/);
  });

  it('reads the same whatever the chunk boundaries', () => {
    const whole = loadPtp(f1);
    for (let cut = 0; cut <= f1.text.length; cut++) {
      const r = chunked(() => new PtpBuilder(), PTP_F1, f1.text, [cut]);
      assert.deepEqual(r.problems, whole.problems, `cut at ${cut}`);
      assert.equal(r.table.size, whole.table.size, `cut at ${cut}`);
      assert.deepEqual(r.table.lookup('74170', '74160', day('2026-02-01')), whole.table.lookup('74170', '74160', day('2026-02-01')));
    }
  });

  it('round-trips through the prepared-index bytes', () => {
    const bytes = serializePtp(table)!;
    const back = deserializePtp(bytes)!;
    assert.equal(back.size, table.size);
    assert.deepEqual(back.source, table.source);
    const probes: [string, string, number | undefined][] = [
      ['36260', '76937', day('2026-03-02')],
      ['71260', '71046', day('2026-03-31')],
      ['71260', '71046', undefined],
      ['96522', '93000', day('2026-01-01')],
      ['99999', '76937', day('2026-01-01')],
    ];
    for (const p of probes) assert.deepEqual(back.lookup(...p), table.lookup(...p));
    // An unaligned copy of the bytes reads the same.
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    assert.deepEqual(deserializePtp(shifted)!.lookup('36260', '76937', undefined), table.lookup('36260', '76937', undefined));
  });

  it('rejects damaged or foreign bytes without throwing', () => {
    const bytes = serializePtp(table)!;
    assert.equal(deserializePtp(bytes.subarray(0, bytes.length - 1)), undefined);
    assert.equal(deserializePtp(new Uint8Array(0)), undefined);
    assert.equal(deserializePtp(new TextEncoder().encode('HAIPTP01{not json')), undefined);
    const bad = bytes.slice();
    bad[12] = 0x7b; // corrupt the header JSON
    bad[13] = 0x7b;
    assert.equal(deserializePtp(bad), undefined);
    assert.equal(serializePtp({ source: table.source, size: 0, lookup: () => undefined } as PtpTable), undefined);
    // Structurally valid bytes with a full hash table (a probe would never end) or a chain cycle.
    const n = table.size;
    const dataStart = (12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true) + 7) & ~7;
    const full = bytes.slice();
    new Int32Array(full.buffer, dataStart + 5 * n * 4, (bytes.length - dataStart - 5 * n * 4 - 3 * n) / 4).fill(1);
    assert.equal(deserializePtp(full), undefined);
    const cycle = bytes.slice();
    new Int32Array(cycle.buffer, dataStart + 4 * n * 4, n).fill(n - 1);
    assert.equal(deserializePtp(cycle), undefined);
  });
});

describe('NCCI MUE loader', () => {
  const { table, problems } = loadMue(fixture(MUE));

  it('reads past the quoted multi-line copyright cell and the wrapped header', () => {
    assert.equal(table.size, 4);
    assert.deepEqual(
      { ...table.lookup('36415')!, source: undefined },
      { code: '36415', value: 2, adjudication: 3, rationale: 'Clinical: Data', source: undefined },
    );
    assert.equal(table.lookup('96522')?.adjudication, 1);
    assert.equal(table.lookup('93000')?.adjudication, 2);
    assert.equal(table.lookup('77002')?.rationale, 'CMS Policy, see "NCCI Policy Manual"');
    assert.equal(table.source.label, `NCCI MUE practitioner values 2026Q1 (${MUE})`);
    assert.equal(table.lookup('36415')?.source.label, table.source.label);
  });

  it('reports each bad row with file, line and reason', () => {
    assert.deepEqual(problems, [
      { file: MUE, line: 9, reason: 'code "9352" is not a CPT/HCPCS code' },
      { file: MUE, line: 10, reason: 'MUE value (3 characters, not shown) is not a whole number' },
      { file: MUE, line: 11, reason: 'adjudication indicator (12 characters, not shown) does not start with 1, 2 or 3' },
    ]);
  });

  it('finds columns in another order by name, and reports a missing one once', () => {
    const text = fixture(MUE).text;
    const swapped = text.replace('"Practitioner Services MUE Values","MUE Adjudication Indicator"', '"MUE Adjudication Indicator","Practitioner Services MUE Values"').replace(/^(\d\w{4}),(\d+),("[^"]*")/gm, '$1,$3,$2');
    const r = loadMue({ name: MUE, text: swapped });
    assert.equal(r.table.lookup('36415')?.value, 2);
    assert.equal(r.table.lookup('36415')?.adjudication, 3);
    const missing = loadMue({ name: 'mue.csv', text: text.replace('"MUE Adjudication Indicator"', '"Notes"') });
    assert.deepEqual(missing.problems.filter((p) => /missing/.test(p.reason)), [{ file: 'mue.csv', line: 4, reason: 'missing column "MUE Adjudication Indicator" in the header; the file was not loaded' }]);
    assert.equal(missing.table.size, 0);
  });

  it('reads the same whatever the chunk boundaries (quoted line breaks included)', () => {
    const text = fixture(MUE).text;
    const whole = loadMue({ name: MUE, text });
    for (let cut = 0; cut <= text.length; cut++) {
      for (const second of [cut + 1, cut + 7]) {
        const r = chunked(() => new MueBuilder(), MUE, text, second <= text.length ? [cut, second] : [cut]);
        assert.deepEqual(r.problems, whole.problems, `cut at ${cut}`);
        assert.deepEqual(['36415', '96522', '93000', '77002'].map((c) => r.table.lookup(c)), ['36415', '96522', '93000', '77002'].map((c) => whole.table.lookup(c)));
      }
    }
  });
});

describe('PFS RVU (PPRRVU) loader', () => {
  const text = fixture(RVU).text;
  const { table, problems } = loadPfsRvu({ name: RVU, text });

  it('joins the split column names and keeps a row per code and modifier', () => {
    assert.equal(table.size, 7);
    const r = table.lookup('99213')!;
    assert.deepEqual(
      { ...r, source: undefined },
      {
        code: '99213',
        modifier: '',
        description: 'Office o/p est low 20 min',
        statusCode: 'A',
        workRvu: 1.3,
        nonFacilityPeRvu: 1.46,
        facilityPeRvu: 0.33,
        mpRvu: 0.09,
        nonFacilityTotal: 2.85,
        facilityTotal: 1.72,
        pctc: '0',
        globalDays: 'XXX',
        multipleProcedure: '0',
        bilateral: '0',
        // ASST SURG, CO-SURG and TEAM SURG (issue 22); ENDO BASE is blank, so absent.
        assistant: '0',
        coSurgeon: '0',
        teamSurgeon: '0',
        pricingIndicator: '9',
        imagingFamily: '99',
        conversionFactor: 33.4009,
        source: undefined,
      },
    );
    assert.equal(table.lookup('76700')?.modifier, '');
    assert.equal(table.lookup('76700', '26')?.facilityTotal, 1.14);
    assert.equal(table.lookup('76700', 'TC')?.workRvu, 0);
    assert.deepEqual(table.rows!('76700').map((x) => x.modifier), ['', '26', 'TC']);
    // A code with only a -26 row: that row; a modifier the file lacks: none.
    assert.equal(table.lookup('0075T')?.modifier, '26');
    assert.equal(table.lookup('99213', '26'), undefined);
    // The NA indicator makes the setting's total NA.
    assert.equal(table.lookup('44140')?.nonFacilityTotal, 'NA');
    assert.equal(table.lookup('44140')?.facilityTotal, 39.37);
    assert.equal(table.lookup('44140')?.globalDays, '090');
    assert.equal(table.source.label, `PFS relative value file 2026 April release (${RVU})`);
  });

  it('reports each bad row with file, line and reason', () => {
    assert.deepEqual(problems, [
      { file: RVU, line: 14, reason: 'HCPCS (3 characters, not shown) is not a CPT/HCPCS code' },
      { file: RVU, line: 15, reason: 'WORK RVU (4 characters, not shown) is not a number' },
    ]);
  });

  it('reads the layout without the 2026 PRIC IND column the same way', () => {
    // Drop column 23 (PRIC IND) from every row: the columns after it shift left by one.
    const older = text
      .split('\n')
      .map((line) => {
        if (!line.includes(',')) return line;
        const cells = line.split(',');
        if (cells.length < 30) return line;
        cells.splice(23, 1);
        return cells.join(',');
      })
      .join('\n');
    const r = loadPfsRvu({ name: 'PPRRVU2025_Oct.csv', text: older });
    assert.equal(r.table.lookup('99213')?.conversionFactor, 33.4009);
    assert.equal(r.table.lookup('99213')?.pricingIndicator, undefined);
    assert.equal(r.table.lookup('76700', '26')?.imagingFamily, '88');
    assert.equal(r.table.lookup('44140')?.multipleProcedure, '2');
  });

  it('reports a missing column once and loads nothing', () => {
    const r = loadPfsRvu({ name: RVU, text: text.replace('PCTC,GLOB', 'PCTC,GLOBE') });
    assert.deepEqual(r.problems, [{ file: RVU, line: 6, reason: 'missing column "GLOB DAYS" in the header; the file was not loaded' }]);
    assert.equal(r.table.size, 0);
  });

  it('reads the same whatever the chunk boundaries', () => {
    for (let cut = 0; cut <= text.length; cut += 3) {
      const r = chunked(() => new RvuBuilder(), RVU, text, [cut]);
      assert.deepEqual(r.problems, problems, `cut at ${cut}`);
      assert.deepEqual(r.table.lookup('76700', '26'), table.lookup('76700', '26'));
    }
  });
});

describe('ICD-10-CM order file loader', () => {
  const { table, problems } = loadIcd10cm(fixture(ICD));

  it('reads codes, billable flags and descriptions from the fixed-width columns', () => {
    assert.equal(table.size, 12);
    assert.deepEqual(table.lookup('C78.7'), {
      code: 'C78.7',
      description: 'Secondary malignant neoplasm of liver and intrahepatic bile duct',
      shortDescription: 'Secondary malig neoplasm of liver and intrahepatic bile duct',
      billable: true,
    });
    assert.equal(table.lookup('c787')?.code, 'C78.7');
    assert.equal(table.lookup('C78')?.billable, false);
    assert.equal(table.lookup('C78.9'), undefined);
    assert.equal(table.source.label, `ICD-10-CM FY2026 code list (${ICD})`);
  });

  it('completes by prefix in code order, dotted or not, up to the limit', () => {
    assert.deepEqual(table.byPrefix('C7', 10).map((e) => e.code), ['C78', 'C78.7', 'C7A', 'C7A.00']);
    assert.deepEqual(table.byPrefix('c78.', 10).map((e) => e.code), ['C78', 'C78.7']);
    assert.deepEqual(table.byPrefix('C', 3).map((e) => e.code), ['C18', 'C18.0', 'C18.7']);
    assert.deepEqual(table.byPrefix('Q', 10), []);
    assert.equal(table.byPrefix('', 100).length, 12);
  });

  it('reports each bad row with file, line and reason', () => {
    assert.deepEqual(problems, [
      { file: ICD, line: 10, reason: 'order number "0001X" is not 5 digits' },
      { file: ICD, line: 12, reason: 'header flag "2" (column 15) is not 0 or 1' },
    ]);
  });

  it('reads CMS\'s plain code file too, and rejects a file in neither layout once', () => {
    const codes = loadIcd10cm({ name: 'icd10cm_codes_2026.txt', text: 'A000    Cholera due to Vibrio cholerae 01, biovar cholerae\nC787    Secondary malignant neoplasm of liver and intrahepatic bile duct\n' });
    assert.deepEqual(codes.problems, []);
    assert.equal(codes.table.lookup('A00.0')?.billable, true);
    const wrong = loadIcd10cm(fixture(RVU));
    assert.equal(wrong.table.size, 0);
    assert.equal(wrong.problems.length, 1);
    assert.equal(wrong.problems[0].line, 1);
  });

  it('reads the same whatever the chunk boundaries', () => {
    const text = fixture(ICD).text;
    for (let cut = 0; cut <= text.length; cut += 5) {
      const r = chunked(() => new Icd10Builder(), ICD, text, [cut]);
      assert.deepEqual(r.problems, problems);
      assert.deepEqual(r.table.byPrefix('', 100), table.byPrefix('', 100));
    }
  });
});

describe('every loader on arbitrary input', () => {
  const makers: [string, () => TableBuilder<{ size: number }>][] = [
    ['ptp', () => new PtpBuilder()],
    ['mue', () => new MueBuilder()],
    ['rvu', () => new RvuBuilder()],
    ['icd10', () => new Icd10Builder()],
  ];
  const header = fixture(PTP_F1).text.split('\r\n').slice(0, 6).join('\n');

  for (const [name, make] of makers) {
    it(`${name}: never throws, and every problem names the file and a line`, () => {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 6 }), fc.boolean(), (chunks, withHeader) => {
          const b = make();
          b.beginFile('junk.txt');
          if (withHeader) b.push(`${header}\n`);
          for (const c of chunks) b.push(c);
          b.endFile();
          const r = b.finish();
          assert.ok(r.table.size >= 0);
          for (const p of r.problems) {
            assert.equal(p.file, 'junk.txt');
            assert.ok(Number.isInteger(p.line) && p.line >= 0);
            assert.ok(p.reason.length > 0);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('never quotes words of a wrong file (a claim with a patient name) in a problem', () => {
    const name = 'Zzroe';
    const claimText = `claim "${name} Jane"\npayer medicare\ndx C78.7\non 2026-03-02\n  36260 dx A # ${name}\n${name.toUpperCase()}\t${name}\t${name}\t${name}\t${name}\t${name}\n`;
    const headers = ['', `${header}\n`, fixture(MUE).text.split('\n').slice(0, 5).join('\n') + '\n', fixture(RVU).text.split('\n').slice(0, 6).join('\n') + '\n', '00001 '];
    for (const [kind, make] of makers) {
      for (const h of headers) {
        const b = make();
        b.beginFile('patient.claim');
        b.push(h + claimText + claimText.replace(/\n/g, ',').replace(/\t/g, ','));
        b.endFile();
        for (const p of b.finish().problems) assert.ok(!p.reason.toLowerCase().includes(name.toLowerCase()), `${kind}: ${p.reason.replace(new RegExp(name, 'gi'), '<NAME>')}`);
      }
    }
  });

  it('caps the problems listed for a file full of bad rows', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `BAD-${i}\t76937\t\t20200101\t*\t1\tx`).join('\n');
    const r = loadPtp({ name: 'bad.txt', text: `${fixture(PTP_F1).text}${rows}\n` });
    assert.equal(r.problems.length, 51);
    assert.match(r.problems[50].reason, /^453 more bad rows not listed \(503 in all\)/);
    assert.equal(r.table.size, 6);
  });
});
