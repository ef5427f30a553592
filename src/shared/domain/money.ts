/**
 * Exact money. Inside the system an amount is an integer number of fen (分); documents write
 * 万元 (10,000 yuan) or 元 with up to six decimals, which is exact in fen. No binary floats
 * ever touch an amount: parsing reads the digits as integers (through BigInt beyond 9 whole digits).
 */
import type { Fen } from './model';
import { toHalfWidth } from './text';

export type MoneyUnit = '万元' | '元';

/**
 * The largest amount anything may hold: 1000亿元 (100,000,000,000 yuan), in fen. Far above any
 * real project or department budget, far below 2^53: every amount is exact as a JS number, and a
 * sum of 900 of them still is. The API, the import's store step and the database (migration
 * 0008) all hold amounts to [0, MAX_FEN].
 */
export const MAX_FEN = 10_000_000_000_000;

/** The largest spending-plan percent: a plan may overshoot 100 % (the review reports it), not without end. */
export const MAX_PERCENT = 1000;

/** Why an amount cannot be stored, for people ("金额不能为负数"); null when it is within bounds. */
export function amountBoundProblem(fen: Fen): string | null {
  if (fen < 0) return '金额不能为负数';
  if (fen > MAX_FEN) return '金额超过上限（1000亿元）';
  return null;
}

/** Why a percent cannot be stored; null when it is within [0, MAX_PERCENT]. */
export function percentBoundProblem(percent: number): string | null {
  if (percent < 0) return '百分比不能为负数';
  if (percent > MAX_PERCENT) return `百分比超过上限（${MAX_PERCENT}%）`;
  return null;
}

/** Fen per unit. */
const FEN_PER: Record<MoneyUnit, bigint> = { 万元: 1_000_000n, 元: 100n };
/** Decimal places a unit can carry before it stops being whole fen. */
const DECIMALS: Record<MoneyUnit, number> = { 万元: 6, 元: 2 };

export type AmountParse =
  | { ok: true; fen: Fen | null; unit: MoneyUnit }
  | { ok: false; reason: string };

const AMOUNT = /^([+-]?)(\d+)(?:\.(\d+))?(万元|元|万)?$/;

/**
 * Reads an amount cell. Blank (or a dash) is null. The cell may carry its own unit, which wins
 * over the table's: parseAmount("90万元", "元") is 90万元.
 * @example parseAmount("20.982", "万元") // { ok: true, fen: 20982000, unit: "万元" }
 */
export function parseAmount(text: string, tableUnit: MoneyUnit): AmountParse {
  const s = toHalfWidth(text).replace(/[\s,]/g, '');
  if (s === '' || /^[-—–/]+$/.test(s) || s === '无') return { ok: true, fen: null, unit: tableUnit };
  const m = AMOUNT.exec(s);
  if (!m) return { ok: false, reason: `不是金额：“${text.trim()}”` };
  const unit: MoneyUnit = m[4] === '元' ? '元' : m[4] ? '万元' : tableUnit;
  const fraction = m[3] ?? '';
  if (fraction.length > DECIMALS[unit]) {
    return { ok: false, reason: `金额“${text.trim()}”小数位过多，无法精确到分` };
  }
  const fen = m[2]!.length <= SMALL_WHOLE_DIGITS ? smallFen(m[1]!, m[2]!, fraction, unit) : bigFen(m[1]!, m[2]!, fraction, unit);
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: `金额“${text.trim()}”超出范围` };
  return { ok: true, fen, unit };
}

/**
 * Whole parts of up to 9 digits are read as integer numbers: below 10^9 × 10^6 fen per 万元, every
 * step (whole × 10^decimals + fraction) stays an integer under 2^53, so exact without BigInt, which
 * cost most of reading an amount (issue 18). Longer ones go through BigInt.
 */
const SMALL_WHOLE_DIGITS = 9;
const POWER_OF_TEN: Record<MoneyUnit, number> = { 万元: 1_000_000, 元: 100 };

function smallFen(sign: string, whole: string, fraction: string, unit: MoneyUnit): number {
  // fen per unit is 10^decimals for both units: the digits are the fen
  const fen = Number(whole) * POWER_OF_TEN[unit] + Number(fraction.padEnd(DECIMALS[unit], '0'));
  return sign === '-' ? 0 - fen : fen; // 0 - 0 is 0, as BigInt's -0n is
}

function bigFen(sign: string, whole: string, fraction: string, unit: MoneyUnit): number {
  const scale = 10n ** BigInt(DECIMALS[unit]);
  const digits = BigInt(whole) * scale + BigInt(fraction.padEnd(DECIMALS[unit], '0') || '0');
  const fenBig = (digits * FEN_PER[unit]) / scale;
  return Number(sign === '-' ? -fenBig : fenBig);
}

/** Converts a decimal text in a unit to fen, or null when it is not exact. toFen("1262.16", "万元") = 1262160000. */
export function toFen(decimalText: string, unit: MoneyUnit): Fen | null {
  const r = parseAmount(decimalText, unit);
  return r.ok ? r.fen : null;
}

/** Yuan as a JSON number: exact, since fen / 100 prints as the shortest decimal. */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** An amount as 万元 text with the decimals it needs (at least two): formatWan(209820000) = "209.82". */
export function formatWan(fen: Fen): string {
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = abs / 1_000_000n;
  let fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An amount as 万元 text with exactly two decimals, rounded half up on the integer fen (0.01 万元 =
 * 10,000 fen), digits grouped: how every page shows an amount (issue 34). formatWan keeps the exact
 * decimals for the review's messages and the exports' cells.
 * @example formatWan2(1_827_780) // "1.83"; formatWan2(-1_567_515_000) // "-1,567.52"; formatWan2(8_321_180_000) // "8,321.18"
 */
export function formatWan2(fen: Fen): string {
  const big = BigInt(fen);
  const abs = big < 0n ? -big : big;
  const hundredths = (abs * 2n + 10_000n) / 20_000n;
  const sign = big < 0n && hundredths > 0n ? '-' : '';
  return `${sign}${groupThousands((hundredths / 100n).toString())}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** An amount as "1,262.16 万元" (two decimals, formatWan2), or "—" when unknown. */
export function formatWanText(fen: Fen | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `${formatWan2(fen)} 万元`;
}

/**
 * A percentage's number with two decimals, rounded half away from zero ("56.30"); "—" when unknown.
 * The one percentage format of every page (formatPercentText adds the sign).
 */
export function formatPercent2(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const hundredths = Math.round(Math.abs(value) * 100 + 1e-9) * Math.sign(value);
  return (hundredths / 100).toFixed(2);
}

/** A percentage as "56.30%", or "—" when unknown. */
export function formatPercentText(value: number | null | undefined): string {
  const n = formatPercent2(value);
  return n === '—' ? n : `${n}%`;
}

/**
 * A figure that is not fen (a target's median, a quartile) with its unit: an amount unit (万元, 元,
 * 万元/人 …) with exactly two decimals, any other with at most two (trailing zeros dropped).
 * @example formatFigure(10.645, '万元') // "10.65万元"; formatFigure(9.0475, '万元') // "9.05万元"; formatFigure(95, '%') // "95%"
 */
export function formatFigure(value: number, unit: string | null = ''): string {
  const u = unit ?? '';
  const fixed = formatPercent2(value);
  const shown = /元/.test(u) ? fixed : fixed.replace(/\.?0+$/, '');
  return `${shown}${u}`;
}

/**
 * A text's decimal numbers with more than two decimals rounded half up to two, exactly on their
 * digits ("795.8752" → "795.88", "1,262.165" → "1,262.17"): an amount cell of the official table
 * on screen, which keeps the document's exact amount for the exports.
 */
export function roundDecimalsInText(text: string): string {
  return text.replace(/(\d[\d,]*)\.(\d{3,})/g, (_, whole: string, fraction: string) => {
    const digits = BigInt(whole.replace(/,/g, '') + fraction.slice(0, 2));
    const up = Number(fraction[2]) >= 5 ? 1n : 0n;
    const hundredths = digits + up;
    const w = (hundredths / 100n).toString();
    return `${whole.includes(',') ? groupThousands(w) : w}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  });
}

/**
 * Percent of a total, in hundredths of a percent, rounded half up: percentOf(30 万, 120 万) = 2500
 * (25.00%). Null when the total is zero or missing.
 */
export function percentHundredths(part: Fen, total: Fen | null): number | null {
  if (total === null || total === 0) return null;
  const num = BigInt(part) * 10000n * 2n + BigInt(total);
  return Number(num / (2n * BigInt(total)));
}

/** The amount that is `hundredths` (of a percent) of a total, rounded half up to the fen. */
export function amountOfPercent(total: Fen, hundredths: number): Fen {
  const num = BigInt(total) * BigInt(hundredths) * 2n + 10000n;
  return Number(num / 20000n);
}

/** What a person typed into an amount field, read strictly: an amount, blank (null), or why it is not one. */
export type AmountInput = { ok: true; fen: Fen | null } | { ok: false; reason: string };

/**
 * Reads an amount typed into a form (in `unit`, 万元 by default) strictly: digits with at most one
 * decimal point, optionally grouped by thousands with commas placed every three digits; full-width
 * digits and spaces are accepted. Anything else is refused with the reason, in Chinese, so the
 * field says what is wrong ("5.49.1" has two decimal points) instead of taking it as blank.
 * @example parseAmountInput("1,262.16") // { ok: true, fen: 1262160000 }
 * @example parseAmountInput("5.49.1")   // { ok: false, reason: "金额“5.49.1”有多个小数点" }
 */
export function parseAmountInput(text: string, unit: MoneyUnit = '万元'): AmountInput {
  const s = toHalfWidth(text).replace(/\s+/g, '').replace(/，/g, ',');
  if (s === '') return { ok: true, fen: null };
  const shown = text.trim();
  if (/^-/.test(s)) return { ok: false, reason: '金额不能为负数' };
  if (/[^\d.,]/.test(s)) return { ok: false, reason: `金额“${shown}”只能包含数字和一个小数点` };
  if ((s.match(/\./g) ?? []).length > 1) return { ok: false, reason: `金额“${shown}”有多个小数点` };
  const [whole = '', fraction] = s.split('.');
  if (fraction !== undefined && fraction.includes(',')) return { ok: false, reason: `金额“${shown}”的小数部分不能有逗号` };
  if (whole.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(whole)) return { ok: false, reason: `金额“${shown}”的千分位逗号位置不对` };
  const digits = whole.replace(/,/g, '');
  if (digits === '' || fraction === '') return { ok: false, reason: `金额“${shown}”不完整` };
  if ((fraction ?? '').length > DECIMALS[unit]) {
    return { ok: false, reason: `金额“${shown}”小数位过多（${unit}最多 ${DECIMALS[unit]} 位小数）` };
  }
  const parsed = parseAmount(`${digits}${fraction !== undefined ? `.${fraction}` : ''}`, unit);
  if (!parsed.ok || parsed.fen === null) return { ok: false, reason: `金额“${shown}”超出范围` };
  const bound = amountBoundProblem(parsed.fen);
  return bound === null ? { ok: true, fen: parsed.fen } : { ok: false, reason: bound };
}
