/** Decimal rounding for displayed ratios and scores (monitoring, self-evaluation). Pure. */

/**
 * Rounds half up (away from zero) to `decimals` places. The scaled value is first cut to 12
 * significant digits, which removes binary noise such as 1.005 × 100 = 100.49999999999999 while
 * keeping every real digit of the ratios and scores used here (well under 10^9).
 * @example roundHalfUp(1.005) // 1.01; roundHalfUp(22.727272) // 22.73
 */
export function roundHalfUp(x: number, decimals = 2): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(x) * factor).toPrecision(12));
  const rounded = Math.round(scaled) / factor;
  return x < 0 ? -rounded : rounded;
}
