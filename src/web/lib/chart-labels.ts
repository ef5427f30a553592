/**
 * Category labels of the charts (department and region names) shown whole: a name is never cut
 * ("中国共产党唐山市路南区委员会组织部本级" and "…区委社会工作部" differ only at the end). Under a few bars a
 * name is wrapped over lines; under many it is written slanted; beside horizontal bars it is wrapped.
 * The grid's margin is computed from the longest name, so nothing is drawn outside the chart.
 */

/** Characters per line of a wrapped label. */
const PER_LINE = 8;
/** Pixels per character and per line at the axis font (12 px). */
const CHAR = 12.5;
const LINE = 15;

/** A name in lines of at most `perLine` characters: wrapName('唐山市曹妃甸区希望路街道办事处', 8) = '唐山市曹妃甸区希\n望路街道办事处'. */
export function wrapName(name: string, perLine = PER_LINE): string {
  const chars = [...name];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  return lines.join('\n');
}

const longest = (names: readonly string[]) => names.reduce((n, s) => Math.max(n, [...s].length), 0);

/** The x axis of a bar chart over `names`, and the bottom margin its labels need. */
export function nameXAxis(names: readonly string[]): { axis: Record<string, unknown>; bottom: number } {
  const few = names.length <= 8;
  const max = longest(names);
  const axisLabel = few
    ? { interval: 0, formatter: (v: string) => wrapName(v), lineHeight: LINE }
    : { interval: 0, rotate: 40, formatter: (v: string) => v };
  const bottom = few ? 20 + Math.ceil(max / PER_LINE) * LINE : 24 + Math.ceil(max * CHAR * Math.sin((40 * Math.PI) / 180));
  return { axis: { type: 'category', data: [...names], axisLabel }, bottom };
}

/** The y axis of a horizontal bar chart over `names`, and the left margin its labels need. */
export function nameYAxis(names: readonly string[], perLine = 12): { axis: Record<string, unknown>; left: number } {
  const width = Math.min(longest(names), perLine);
  return {
    axis: { type: 'category', data: [...names], inverse: true, axisLabel: { formatter: (v: string) => wrapName(v, perLine), lineHeight: LINE } },
    left: 16 + Math.ceil(width * CHAR),
  };
}
