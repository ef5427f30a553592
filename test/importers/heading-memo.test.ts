/**
 * classifyHeading remembers the headings of short lines (the text reader and the parser classify
 * the same paragraph one after the other). Checked: the remembered answer is the one computed
 * afresh (classifyUncached), for every line of the fixtures and for random lines of heading and
 * body pieces, asked repeatedly and interleaved (answers from the memo, and after it was cleared),
 * and isStructuralHeading agrees with the uncached classification.
 */
import { describe, expect, it } from 'vitest';
import { classifyHeading, classifyUncached, isStructuralHeading } from '../../src/server/importers/headings';
import { FIXTURES, readFixture } from '../support/fixtures';

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const PIECES = [
  '第一部分', '第二部分', '第三部分', '第 2 部分', '部门整体', '预算项目', '项目支出', '预算公用', '公用经费', '绩效目标', '绩效目标表',
  '申报表', '整体支出', '目标申报表', '（万元）', '(2025年)', '1.', '一、', '（二）', '三是', '详见', '总体目标', '分项目标', '保障措施', '：',
  ':', ' ', '\u3000', '\t', '[bookmark: _Toc_1]', '劳务费', '社会工作部', '标准', '表', '部', '标', '施', 'ＡＢ１', '，完成。', 'x'.repeat(90),
];

const strip = (h: ReturnType<typeof classifyHeading>) => (h === null ? null : { ...h });

describe('classifyHeading with its memo answers as classifyUncached does', () => {
  it('on every line of the fixtures, twice', () => {
    const lines = Object.values(FIXTURES).flatMap((name) => readFixture(name).toString('utf8').split(/\r?\n/));
    let headings = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (const line of lines) {
        const expected = classifyUncached(line);
        expect(strip(classifyHeading(line)), line).toEqual(expected);
        expect(isStructuralHeading(line), line).toBe(expected !== null && expected.kind !== 'section');
        if (expected !== null) headings++;
      }
    }
    expect(headings).toBeGreaterThan(20); // the fixtures do have headings
  });

  it('on random lines of heading and body pieces, repeated and interleaved', () => {
    const next = random(18);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const lines: string[] = [];
    for (let n = 0; n < 3000; n++) {
      let line = '';
      const pieces = 1 + Math.floor(next() * 6);
      for (let i = 0; i < pieces; i++) line += pick(PIECES);
      lines.push(line);
    }
    let headings = 0;
    // more questions than the memo holds, each line asked again soon after and much later
    for (let i = 0; i < 6000; i++) {
      const line = lines[i < 3000 ? i : Math.floor(next() * lines.length)]!;
      for (const l of [line, lines[Math.max(0, (i % 3000) - 3)]!]) {
        const expected = classifyUncached(l);
        expect(strip(classifyHeading(l)), JSON.stringify(l)).toEqual(expected);
        if (expected !== null) headings++;
      }
    }
    expect(headings).toBeGreaterThan(1000); // the lines were headings often enough to matter
  });
});
