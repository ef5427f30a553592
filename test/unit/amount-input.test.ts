import { describe, expect, it } from 'vitest';
import { MAX_FEN, parseAmountInput } from '../../src/shared/domain/money';

describe('parseAmountInput: an amount typed into a form, strictly', () => {
  it('reads plain and thousands-grouped amounts in 万元 (or 元), full-width digits, blanks as null', () => {
    expect(parseAmountInput('5.49')).toEqual({ ok: true, fen: 5_490_000 });
    expect(parseAmountInput('1,262.16')).toEqual({ ok: true, fen: 1_262_160_000 });
    expect(parseAmountInput(' １２ ')).toEqual({ ok: true, fen: 12_000_000 });
    expect(parseAmountInput('0.000001')).toEqual({ ok: true, fen: 1 });
    expect(parseAmountInput('12.34', '元')).toEqual({ ok: true, fen: 1234 });
    expect(parseAmountInput('')).toEqual({ ok: true, fen: null });
    expect(parseAmountInput('  ')).toEqual({ ok: true, fen: null });
  });

  it('refuses malformed amounts with the reason, never as blank', () => {
    const reason = (t: string) => {
      const r = parseAmountInput(t);
      return r.ok ? null : r.reason;
    };
    expect(reason('5.49.1')).toBe('金额“5.49.1”有多个小数点');
    expect(reason('12..3')).toBe('金额“12..3”有多个小数点');
    expect(reason('1,2,3.4.5')).toBe('金额“1,2,3.4.5”有多个小数点');
    expect(reason('1,2,3')).toBe('金额“1,2,3”的千分位逗号位置不对');
    expect(reason('12,34.5')).toBe('金额“12,34.5”的千分位逗号位置不对');
    expect(reason('1.234,5')).toBe('金额“1.234,5”的小数部分不能有逗号');
    expect(reason('12万')).toBe('金额“12万”只能包含数字和一个小数点');
    expect(reason('abc')).toBe('金额“abc”只能包含数字和一个小数点');
    expect(reason('-3')).toBe('金额不能为负数');
    expect(reason('.5')).toBe('金额“.5”不完整');
    expect(reason('5.')).toBe('金额“5.”不完整');
    expect(reason('1.2345678')).toBe('金额“1.2345678”小数位过多（万元最多 6 位小数）');
    expect(parseAmountInput('1.234', '元')).toEqual({ ok: false, reason: '金额“1.234”小数位过多（元最多 2 位小数）' });
    expect(reason(String(MAX_FEN / 1_000_000 + 1))).toBe('金额超过上限（1000亿元）');
    expect(reason('99999999999999999999')).toMatch(/超出范围|超过上限/);
  });
});
