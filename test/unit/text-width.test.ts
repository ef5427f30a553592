/**
 * toHalfWidth and compactLabel are character-code loops (src/shared/domain/text.ts, issue 18):
 * they must give what the regex versions they replaced gave, for every input. The old versions
 * are copied here as the reference.
 */
import { describe, expect, it } from 'vitest';
import { compactLabel, isSpace, toHalfWidth } from '../../src/shared/domain/text';

function referenceToHalfWidth(s: string): string {
  if (!/[\uFF01-\uFF5E\u3000]/.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function referenceCompactLabel(s: string): string {
  const half = referenceToHalfWidth(s);
  return /\s/.test(half) ? half.replace(/\s+/g, '') : half;
}

/** Mismatches as [input code points, new, reference], so a failure shows what differs. */
function mismatches(inputs: Iterable<string>): [string, string, string, string, string][] {
  const out: [string, string, string, string, string][] = [];
  for (const s of inputs) {
    const codes = [...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ');
    if (toHalfWidth(s) !== referenceToHalfWidth(s)) out.push([codes, 'toHalfWidth', toHalfWidth(s), referenceToHalfWidth(s), s]);
    if (compactLabel(s) !== referenceCompactLabel(s)) out.push([codes, 'compactLabel', compactLabel(s), referenceCompactLabel(s), s]);
    if (out.length > 20) break;
  }
  return out;
}

function* everyBmpCodeUnit(): Generator<string> {
  for (let code = 0; code <= 0xffff; code++) yield String.fromCharCode(code);
}

/** A small seeded generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 9)) >>> 0) / 4294967296;
  };
}

/** Characters the functions treat specially, and their neighbours, drawn more often than the rest. */
const INTERESTING = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x21, 0x7e, 0x85, 0x9f, 0xa0, 0xa1, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b,
  0x2028, 0x2029, 0x202f, 0x205f, 0x2fff, 0x3000, 0x3001, 0xfeff, 0xff00, 0xff01, 0xff1a, 0xff5e, 0xff5f, 0xd83d, 0xde00,
  0x4e00, 0x6307, 0x6807, 0x41, 0x31,
];

function* randomStrings(count: number, seed: number): Generator<string> {
  const next = random(seed);
  for (let n = 0; n < count; n++) {
    const length = Math.floor(next() * 24);
    let s = '';
    for (let i = 0; i < length; i++) {
      const r = next();
      const code = r < 0.5 ? INTERESTING[Math.floor(next() * INTERESTING.length)]! : r < 0.7 ? 0xff00 + Math.floor(next() * 0x100) : Math.floor(next() * 0x10000);
      s += String.fromCharCode(code);
    }
    yield s;
  }
}

describe('toHalfWidth and compactLabel against their regex reference', () => {
  it('agree on every BMP code unit alone', () => {
    expect(mismatches(everyBmpCodeUnit())).toEqual([]);
  });

  it('agree on every BMP code unit between other text', () => {
    const inContext = function* () {
      for (const c of everyBmpCodeUnit()) yield `指标${c}１ ${c}${c}`;
    };
    expect(mismatches(inContext())).toEqual([]);
  });

  it('agree on random strings mixing full-width forms, whitespace, surrogates and CJK', () => {
    expect(mismatches(randomStrings(50_000, 18))).toEqual([]);
  });

  it('isSpace agrees with the regex whitespace class on every BMP code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) differing.push(code);
    expect(differing).toEqual([]);
  });

  it('keep the documented examples', () => {
    expect(toHalfWidth('１２．５％')).toBe('12.5%');
    expect(toHalfWidth('项目　名称')).toBe('项目 名称');
    expect(compactLabel('其中：财政    资金')).toBe('其中:财政资金');
    expect(compactLabel('一级\n指标')).toBe('一级指标');
    expect(compactLabel('')).toBe('');
  });
});
