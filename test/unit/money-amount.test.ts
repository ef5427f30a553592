import { describe, expect, it } from 'vitest';
import { parseAmount, type MoneyUnit } from '../../src/shared/domain/money';

/** The amount's fen by BigInt alone, digit by digit: what parseAmount read before its integer fast path. */
function referenceFen(sign: string, whole: string, fraction: string, unit: MoneyUnit): number {
  const decimals = unit === '万元' ? 6 : 2;
  const fen = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  return Number(sign === '-' ? -fen : fen);
}

/** A small deterministic generator (no Math.random: a failure must be repeatable). */
function* randomAmounts(count: number) {
  let seed = 20261124;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const digits = (n: number) => Array.from({ length: n }, () => String(next(10))).join('');
  for (let i = 0; i < count; i++) {
    const unit: MoneyUnit = next(2) === 0 ? '万元' : '元';
    const sign = ['', '-', '+'][next(3)]!;
    // whole parts around the fast path's limit (9 digits) and beyond, leading zeros included
    const whole = digits(1 + next(12));
    const fraction = next(3) === 0 ? '' : digits(1 + next(unit === '万元' ? 6 : 2));
    yield { text: `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`, sign, whole, fraction, unit };
  }
}

describe('parseAmount', () => {
  it('reads the same fen as BigInt arithmetic, on both sides of its integer fast path', () => {
    for (const a of randomAmounts(20_000)) {
      const r = parseAmount(a.text, a.unit);
      const expected = referenceFen(a.sign, a.whole, a.fraction, a.unit);
      if (Number.isSafeInteger(expected)) expect(r, a.text).toEqual({ ok: true, fen: expected, unit: a.unit });
      else expect(r.ok, a.text).toBe(false);
    }
  });

  it('reads a negative zero as zero, and the edges of the fast path exactly', () => {
    expect(parseAmount('-0.00', '万元')).toEqual({ ok: true, fen: 0, unit: '万元' });
    expect(Object.is((parseAmount('-0', '元') as { fen: number }).fen, 0)).toBe(true);
    expect(parseAmount('999999999.999999', '万元')).toEqual({ ok: true, fen: 999_999_999_999_999, unit: '万元' });
    expect(parseAmount('1000000000', '万元')).toEqual({ ok: true, fen: 1_000_000_000_000_000, unit: '万元' });
    expect(parseAmount('20.982', '万元')).toEqual({ ok: true, fen: 20_982_000, unit: '万元' });
    expect(parseAmount('90万元', '元')).toEqual({ ok: true, fen: 90_000_000, unit: '万元' });
    expect(parseAmount('１２.５元', '万元')).toEqual({ ok: true, fen: 1250, unit: '元' });
  });
});
