// The PTP cache file's bytes (core/tables/loaders/ptp/image.ts): the index and its problems come
// back whole, and any damaged byte, a foreign file or another key is a miss, never an answer.
import assert from 'node:assert/strict';
import { decodePtpCache, deserializePtp, encodePtpCache, loadPtp } from '../../../../server/src/core/tables/loaders';
import { checksum } from '../../../../server/src/core/tables/loaders/ptp/image';
import { day, fixture, PTP_F1, PTP_F2 } from '../../../helpers/cms-fixtures';

describe('PTP cache file bytes', () => {
  const { table, problems } = loadPtp([fixture(PTP_F1), fixture(PTP_F2)]);
  const key = '{"parts":["f1","f2"]}';
  const bytes = encodePtpCache(table, problems, key)!;

  it('round-trips the index and the problems of its text', () => {
    const back = decodePtpCache(bytes, key)!;
    assert.equal(back.table.size, table.size);
    assert.deepEqual(back.problems, problems);
    assert.deepEqual(back.table.lookup('71260', '71046', day('2026-03-31')), table.lookup('71260', '71046', day('2026-03-31')));
    // An unaligned copy reads the same.
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    assert.equal(decodePtpCache(shifted, key)?.table.size, table.size);
  });

  it('rejects a file with any one byte flipped', () => {
    // Every byte of the envelope and a spread of the image: the checksum catches each.
    for (let i = 0; i < bytes.length; i += i < 200 ? 1 : 7) {
      const bad = bytes.slice();
      bad[i] ^= 0x01;
      assert.equal(decodePtpCache(bad, key), undefined, `byte ${i} flipped`);
    }
  });

  it('rejects 8 flipped bytes that leave the image structurally valid', () => {
    // The deletion dates of rows 0 and 1: still day numbers, so only the checksum can tell.
    const bad = bytes.slice();
    const imageAt = Buffer.from(bytes).indexOf('HAIPTP01');
    const headLen = new DataView(bytes.buffer, bytes.byteOffset + imageAt).getUint32(8, true);
    const del = imageAt + ((12 + headLen + 7) & ~7) + 3 * table.size * 4;
    for (let i = del; i < del + 8; i++) bad[i] ^= 0x01;
    assert.ok(deserializePtp(bad.slice(imageAt)), 'the image alone passes the structural checks');
    assert.equal(decodePtpCache(bad, key), undefined);
  });

  it('rejects another key, a truncated or foreign file, without throwing', () => {
    assert.equal(decodePtpCache(bytes, '{"parts":["f1"]}'), undefined);
    assert.equal(decodePtpCache(bytes.subarray(0, bytes.length - 1), key), undefined);
    assert.equal(decodePtpCache(new Uint8Array(0), key), undefined);
    assert.equal(decodePtpCache(new TextEncoder().encode('HAINAT02\0\0\0\0\0\0\0\0\0\0\0\0{not json'), key), undefined);
    assert.equal(decodePtpCache(new TextEncoder().encode('HAINAT01 an old cache file'), key), undefined);
  });

  it('checksums change with any one word, aligned or not', () => {
    const data = new Uint8Array(1031).map((_, i) => (i * 31) & 255);
    const base = checksum(data);
    for (let i = 0; i < data.length; i++) {
      const d = data.slice();
      d[i] ^= 0x80;
      assert.notDeepEqual(checksum(d), base, `byte ${i}`);
    }
    const unaligned = new Uint8Array(data.length + 1).subarray(1);
    unaligned.set(data);
    assert.deepEqual(checksum(unaligned), base);
  });
});
