import { describe, expect, it } from 'vitest';
import { nameXAxis, nameYAxis, wrapName } from '../../src/web/lib/chart-labels';

const NAMES = ['中国共产党唐山市路南区委员会组织部本级', '中共唐山市路南区委社会工作部', '保定白沟新城乡村振兴局（社区建设管理办公室）—本级', '唐山市曹妃甸区希望路街道办事处'];

describe('chart labels are never cut', () => {
  it('wraps a name over lines, every character kept', () => {
    expect(wrapName('唐山市曹妃甸区希望路街道办事处', 8)).toBe('唐山市曹妃甸区希\n望路街道办事处');
    for (const n of NAMES) expect(wrapName(n).replace(/\n/g, '')).toBe(n);
  });

  it('gives a few names wrapped labels with room for the longest, many names slanted with more room', () => {
    const few = nameXAxis(NAMES);
    const label = few.axis.axisLabel as { formatter: (v: string) => string; overflow?: string };
    expect(label.overflow).toBeUndefined();
    expect(label.formatter(NAMES[2]!).split('\n')).toHaveLength(4);
    expect(few.bottom).toBeGreaterThanOrEqual(4 * 15);
    const many = nameXAxis([...NAMES, ...NAMES, ...NAMES]);
    expect((many.axis.axisLabel as { rotate: number }).rotate).toBe(40);
    expect(many.bottom).toBeGreaterThan(few.bottom);
    const y = nameYAxis(NAMES);
    expect((y.axis.axisLabel as { formatter: (v: string) => string }).formatter(NAMES[0]!)).toBe('中国共产党唐山市路南区委\n员会组织部本级');
    expect(y.left).toBeGreaterThan(12 * 12);
  });
});
