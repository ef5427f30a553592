/**
 * Display formats. Money arrives as integer fen and is shown exactly: the digits are cut from
 * the integer (BigInt), never divided as a float.
 */
import dayjs from 'dayjs';
import { formatPercent2, formatWan2, groupThousands } from '../../shared/domain/money';
import type { Fen } from '../../shared/domain/model';

/** Fen split into a sign, whole units and the fraction digits of a unit worth `fenPerUnit`. */
function split(fen: Fen, fenPerUnit: bigint, decimals: number): { sign: string; whole: string; fraction: string } {
  const big = BigInt(fen);
  const abs = big < 0n ? -big : big;
  return {
    sign: big < 0n ? '-' : '',
    whole: (abs / fenPerUnit).toString(),
    fraction: (abs % fenPerUnit).toString().padStart(decimals, '0'),
  };
}

/**
 * Fen as 万元 with the decimals it needs (at least two, at most six), digits grouped: the exact
 * amount, for an input's text (wanInputText) and a tooltip; pages show formatWanYuan2.
 * @example formatWanYuan(12621600000) // "12,621.60"; formatWanYuan(209820000) // "209.82"; formatWanYuan(1) // "0.000001"
 */
export function formatWanYuan(fen: Fen): string {
  const { sign, whole, fraction } = split(fen, 1_000_000n, 6);
  let f = fraction.replace(/0+$/, '');
  if (f.length < 2) f = f.padEnd(2, '0');
  return `${sign}${groupThousands(whole)}.${f}`;
}

/**
 * Fen as 万元 with exactly two decimals, rounded half up on the integer (0.01 万元 = 10,000 fen),
 * digits grouped: every page's format (the shared formatWan2).
 * @example formatWanYuan2(1_827_780) // "1.83"; formatWanYuan2(1_825_000) // "1.83"; formatWanYuan2(1_824_999) // "1.82"
 */
export const formatWanYuan2 = formatWan2;

/** An amount for a monitoring table cell: "0.18 万元" (two decimals), or "—" when unknown. */
export function formatMoney2(fen: Fen | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `${formatWanYuan2(fen)} 万元`;
}

/** Fen as 元 with two decimals, digits grouped. @example formatYuan(123456) // "1,234.56" */
export function formatYuan(fen: Fen): string {
  const { sign, whole, fraction } = split(fen, 100n, 2);
  return `${sign}${groupThousands(whole)}.${fraction}`;
}

/** An amount for a table cell: "1,262.16 万元" (two decimals), or "—" when unknown. */
export function formatMoney(fen: Fen | null | undefined, unit: '万元' | '元' = '万元'): string {
  if (fen === null || fen === undefined) return '—';
  return unit === '万元' ? `${formatWan2(fen)} 万元` : `${formatYuan(fen)} 元`;
}

/** The exact sum of amounts in fen (null entries count as zero). */
export function sumFen(values: readonly (Fen | null | undefined)[]): Fen {
  let total = 0n;
  for (const v of values) if (v !== null && v !== undefined) total += BigInt(v);
  return Number(total);
}

/**
 * 万元 text typed by a person → fen, exactly; null for blank; undefined when it is no amount
 * (more than six decimals, letters). @example parseWanInput("1262.16") // 12621600000
 */
export function parseWanInput(text: string): Fen | null | undefined {
  const s = text.replace(/[,\s，]/g, '');
  if (s === '') return null;
  const m = /^(-?)(\d+)(?:\.(\d{0,6}))?$/.exec(s);
  if (!m) return undefined;
  const fen = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0') || '0');
  const n = Number(m[1] === '-' ? -fen : fen);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Fen → the 万元 text an input shows (no grouping): 12621600000 → "1262.16". */
export function wanInputText(fen: Fen | null): string {
  if (fen === null) return '';
  return formatWanYuan(fen).replace(/,/g, '');
}

/** A quality score with up to two decimals: 87.5 → "87.5"; null → "—". */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return String(Math.round(score * 100) / 100);
}

/** A percent value with two decimals: 33.333 → "33.33%", 80 → "80.00%"; null → "—". */
export function formatPercent(value: number | null | undefined): string {
  const n = formatRatio(value);
  return n === '—' ? n : `${n}%`;
}

/**
 * A number that is a percentage (a 进度比, a 完成率) without the sign, as every page writes it: two
 * decimals, rounded half away from zero on the decimal digits ("71.05", "80.00", "56.30").
 * @example formatRatio(56.3) // '56.30'
 */
export const formatRatio = formatPercent2;

/** An ISO time in local time: "2025-03-01 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}
