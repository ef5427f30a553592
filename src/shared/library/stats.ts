/**
 * The distribution of quantitative targets: count, min, quartiles, median, max, in exact decimal
 * arithmetic on the numbers as written (TargetValue.valueText), so that the median of "95.5" and
 * "96" is 95.75 and never 95.74999….
 *
 * Percentiles interpolate linearly between the closest ranks (h = (n − 1)·p, the method of
 * Excel's PERCENTILE.INC and R's type 7): the median of an even count is the mean of the middle two.
 */

export interface Distribution {
  count: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
}

/** A decimal as an integer and a power of ten: "95.5" → { digits: 955n, scale: 1 }. */
interface Decimal {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[2]}${frac}`);
  return { digits: m[1] === '-' ? -digits : digits, scale: frac.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.digits * 10n ** BigInt(scale - d.scale);
}

function decimalToNumber(digits: bigint, scale: number): number {
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
  return Number(`${negative ? '-' : ''}${text}`);
}

/** a + (b − a)·num/den, exactly (den a power of two up to 4 here, so the result is a finite decimal). */
function interpolate(a: string, b: string, num: number, den: number): number {
  const da = parseDecimal(a);
  const db = parseDecimal(b);
  if (da === null || db === null) return Number(a) + ((Number(b) - Number(a)) * num) / den;
  if (num === 0) return decimalToNumber(da.digits, da.scale);
  // den ∈ {2, 4}: two more decimal places make the division exact.
  const scale = Math.max(da.scale, db.scale) + 2;
  const x = rescale(da, scale);
  const y = rescale(db, scale);
  return decimalToNumber(x + ((y - x) * BigInt(num)) / BigInt(den), scale);
}

/** One value's sort key: the number (exact enough to order the values the documents write). */
export function numberOf(text: string): number {
  return Number(text);
}

/** The p-th percentile (p = q/4) of values sorted ascending. */
function quartile(at: (i: number) => string, n: number, q: 0 | 1 | 2 | 3 | 4): number {
  // h = (n − 1)·q/4 = lo + rem/4
  const h4 = (n - 1) * q;
  const lo = Math.floor(h4 / 4);
  const rem = h4 % 4;
  const a = at(lo);
  const b = at(Math.min(lo + 1, n - 1));
  // rem/4 reduced: 2/4 → 1/2
  return rem === 2 ? interpolate(a, b, 1, 2) : interpolate(a, b, rem, 4);
}

/** Sorts decimal texts by value (ascending), in place; returns the array. */
export function sortDecimals(values: string[]): string[] {
  return values.sort((x, y) => numberOf(x) - numberOf(y));
}

/**
 * The distribution of decimal texts already sorted ascending (sortDecimals); null when there are none.
 * @example distributionOf(["80", "90", "95", "95.5"]) // { count: 4, min: 80, p25: 87.5, median: 92.5, p75: 95.125, max: 95.5 }
 */
export function distributionOf(sorted: readonly string[]): Distribution | null {
  return distributionAt((i) => sorted[i]!, sorted.length);
}

function distributionAt(at: (i: number) => string, n: number): Distribution | null {
  if (n === 0) return null;
  return { count: n, min: quartile(at, n, 0), p25: quartile(at, n, 1), median: quartile(at, n, 2), p75: quartile(at, n, 3), max: quartile(at, n, 4) };
}

/** The distribution without one occurrence of `value` (a project compared with its peers, not itself). */
export function distributionWithout(sorted: readonly string[], value: string): Distribution | null {
  const target = numberOf(value);
  const skip = sorted.findIndex((v) => numberOf(v) === target);
  if (skip < 0) return distributionOf(sorted);
  return distributionAt((i) => sorted[i < skip ? i : i + 1]!, sorted.length - 1);
}
