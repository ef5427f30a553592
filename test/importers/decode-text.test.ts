/**
 * decodeText's UTF-8 path (isUtf8 + Buffer) against what it replaced, a fatal TextDecoder: the
 * same text for every valid sequence, and the same refusal (then the GB18030 attempt) for every
 * invalid one — checked on the edge cases of UTF-8 validity and on random bytes.
 */
import { describe, expect, it } from 'vitest';
import { DocumentReadError } from '../../src/server/importers/errors';
import { decodeText } from '../../src/server/importers/txt/read-text';

/** decodeText as it was: a fatal TextDecoder for UTF-8, then GB18030. */
function reference(bytes: Uint8Array): { text: string; encoding: string } | 'refused' {
  if (bytes.length === 0 || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || bytes[0] === 0xff || bytes[0] === 0xfe) {
    throw new Error('the cases before the UTF-8 path are not compared here');
  }
  if (bytes.includes(0)) return 'refused';
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return 'refused';
  }
}

function actual(bytes: Uint8Array): { text: string; encoding: string } | 'refused' {
  try {
    return decodeText(bytes, 'x.txt');
  } catch (e) {
    if (e instanceof DocumentReadError) return 'refused';
    throw e;
  }
}

/** A deterministic generator (xorshift), so that a failure can be reproduced. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('decodeText: UTF-8 as a fatal TextDecoder decodes it', () => {
  const edges: number[][] = [
    [0x41],
    [0xe9, 0xa1, 0xb9, 0xe7, 0x9b, 0xae], // 项目
    [0x41, 0xef, 0xbb, 0xbf, 0x42], // a BOM inside the text stays
    [0xc0, 0x80], // overlong
    [0xc2], // truncated
    [0xe0, 0x80, 0x80], // overlong 3-byte
    [0xed, 0xa0, 0x80], // a surrogate
    [0xf0, 0x9f, 0x98, 0x80], // outside the BMP
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xf5, 0x80, 0x80, 0x80],
    [0x80],
    [0xd5, 0xfe, 0xb8, 0xae], // GB18030 政府
    [0x81, 0x30, 0x81, 0x30], // a GB18030 four-byte sequence
  ];
  it('gives the same answer on the edge cases', () => {
    for (const e of edges) expect(actual(Uint8Array.from(e)), JSON.stringify(e)).toEqual(reference(Uint8Array.from(e)));
  });

  it('gives the same answer on random bytes, mostly valid UTF-8 with faults', () => {
    const next = random(20261124);
    const encoder = new TextEncoder();
    let invalid = 0;
    for (let n = 0; n < 3000; n++) {
      // Text of ASCII, CJK and astral characters, with a byte changed in some of them.
      let s = 'A';
      const length = 1 + Math.floor(next() * 20);
      for (let i = 0; i < length; i++) {
        const r = next();
        s += r < 0.4 ? String.fromCharCode(0x20 + Math.floor(next() * 95)) : r < 0.9 ? String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000)) : String.fromCodePoint(0x1f600 + Math.floor(next() * 64));
      }
      const bytes = encoder.encode(s);
      if (next() < 0.5) bytes[1 + Math.floor(next() * (bytes.length - 1))] = 1 + Math.floor(next() * 255);
      const expected = reference(bytes);
      if (expected === 'refused' || expected.encoding !== 'utf-8') invalid++;
      expect(actual(bytes)).toEqual(expected);
    }
    expect(invalid).toBeGreaterThan(500); // the faults did make invalid UTF-8
  });

  it('decodes a view into a larger buffer from its own offset', () => {
    const whole = new TextEncoder().encode('xx项目名称yy');
    expect(actual(whole.subarray(2, 14))).toEqual({ text: '项目名称', encoding: 'utf-8' });
  });
});
