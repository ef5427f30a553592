/**
 * Settings chosen by region and year. Review, monitoring and self-evaluation each have default
 * settings and a list of assignments that override parts of them for a region (a division-code
 * prefix such as "1302") and a span of budget years.
 */

/** Overrides for a region and span of years; null means "any". */
export interface ConfigAssignment<T> {
  region: string | null;
  from: number | null;
  to: number | null;
  config: Partial<T>;
}

/**
 * The settings for a region and budget year: the defaults, overlaid by each applicable assignment
 * from the least to the most specific (shorter region prefix first, then earlier start year).
 * @example selectConfig(DEFAULTS, [{ region: '13', from: 2025, to: null, config: { x: 1 } }], 2025, '130202').x // 1
 */
export function selectConfig<T>(
  defaults: T,
  assignments: readonly ConfigAssignment<T>[],
  year: number | null,
  region?: string | null,
): T {
  return assignments
    .filter(
      (a) =>
        (a.region === null || (region ?? '').startsWith(a.region)) &&
        (a.from === null || (year !== null && year >= a.from)) &&
        (a.to === null || (year !== null && year <= a.to)),
    )
    .sort((a, b) => (a.region?.length ?? 0) - (b.region?.length ?? 0) || (a.from ?? 0) - (b.from ?? 0))
    .reduce<T>((config, a) => ({ ...config, ...a.config }), defaults);
}
