/**
 * A value written in another unit of the same kind as its target's, converted (issue 58): "8个月"
 * against a target in 年 is 0.6667年, "3000元" against 万元 is 0.3万元. Only exact relations are
 * known — 年, 季度 and 月 (12, 3, 1); 周 and 天/日 (7, 1); 小时 and 分钟; 亿, 万 and the unit itself
 * (亿元, 万元, 元; 万人, 人 …); 吨 and 千克/公斤; 公里/千米 and 米 — never 月 and 天. Pure, exact on
 * the decimal digits (BigInt); a quotient that does not end is rounded half up to four decimals.
 */

/** Each family: its units and how many of the family's smallest unit each is. */
const FAMILIES: readonly Readonly<Record<string, bigint>>[] = [
  { 年: 12n, 季度: 3n, 个季度: 3n, 个月: 1n, 月: 1n },
  { 周: 7n, 个周: 7n, 星期: 7n, 天: 1n, 日: 1n },
  { 小时: 60n, 个小时: 60n, 分钟: 1n, 分: 1n },
  { 吨: 1000n, 千克: 1n, 公斤: 1n },
  { 公里: 1000n, 千米: 1000n, 米: 1n },
];

/** Multiples written before a unit: 万人次 is 10,000 人次. */
const PREFIXES: Readonly<Record<string, bigint>> = { 亿: 100_000_000n, 万: 10_000n, 千: 1000n };

/** How many of a common smallest unit `unit` is, with the family's key (null: a unit not known). */
function measureOf(unit: string): { family: string; factor: bigint } | null {
  for (const [i, family] of FAMILIES.entries()) if (family[unit] !== undefined) return { family: `f${i}`, factor: family[unit]! };
  // 亿元 / 万元 / 元, 万人次 / 人次: a multiple of the unit without its prefix (千米 and 千克 are in the families above)
  const prefix = Object.keys(PREFIXES).find((p) => unit.startsWith(p) && unit.length > p.length);
  if (prefix !== undefined) return { family: `u${unit.slice(prefix.length)}`, factor: PREFIXES[prefix]! };
  return { family: `u${unit}`, factor: 1n };
}

/** A decimal text as a fraction: "12.50" → 1250 / 100. */
function fractionOf(text: string): { n: bigint; d: bigint } | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return null;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const n = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  return { n, d: 10n ** BigInt((m[3] ?? '').length) };
}

/** n / d as decimal text: exact when it ends within six decimals, else half up to four; trailing zeros dropped. */
function decimalOf(n: bigint, d: bigint): string {
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  for (const places of [0, 1, 2, 3, 4, 5, 6]) {
    const scale = 10n ** BigInt(places);
    if ((abs * scale) % d === 0n) return `${sign}${withPoint((abs * scale) / d, places)}`;
  }
  const scaled = (abs * 10_000n * 2n + d) / (2n * d);
  return `${sign}${withPoint(scaled, 4)}`.replace(/\.?0+$/, '');
}

function withPoint(value: bigint, places: number): string {
  const s = value.toString().padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
}

/**
 * `value` (a decimal text) written in `from`, in the unit `to`; null when the units are not of one
 * kind with an exact relation, or the value is no decimal.
 * @example convertUnit('8', '个月', '年') // '0.6667'; convertUnit('3000', '元', '万元') // '0.3'; convertUnit('2', '月', '天') // null
 */
export function convertUnit(value: string, from: string, to: string): string | null {
  if (from === to) return value;
  const a = measureOf(from);
  const b = measureOf(to);
  const f = fractionOf(value);
  if (a === null || b === null || f === null || a.family !== b.family) return null;
  return decimalOf(f.n * a.factor, f.d * b.factor);
}
