/**
 * groupOf rejects a text with a character no group marker has before compacting it. Checked
 * against groupOfText (the lookup without that reject): on the markers themselves with spacing,
 * colons, full-width forms and bookmarks, on random texts made of the markers' characters and a
 * few others, and on every cell line of the fixtures.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../support/random';
import { groupOf, groupOfText } from '../../src/shared/layout/indicator-columns';
import { FIXTURES, readFixture } from '../support/fixtures';

const MARKERS = ['长期目标', '年度指标', '中长期绩效目标', '项目期指标', '本年度', '年度', '长期', '总体目标', '项目长期绩效指标', '年度绩效目标'];
const PIECES = [
  ...'项目中长期总体绩效目标指标本年度', '长期', '年度', ':', '：', ' ', '\u3000', '\t', '\u00a0', '\ufeff', '\n', '（', '(', '）', '值',
  '，', 'Ａ', '1', '[bookmark: _Toc_1]', '[bookmark:', '三级指标', '完成', '。',
];

describe('groupOf answers as the lookup without its quick reject', () => {
  it('on the markers, spaced, with colons, full-width forms and bookmarks', () => {
    let groups = 0;
    for (const m of MARKERS) {
      for (const t of [m, ` ${m} `, `${m}:`, `${m}：`, `${m}::`, [...m].join(' '), [...m].join('\u3000'), `[bookmark: x]${m}`, `[bookmark: x] ${m}：`, `${m}（`, `${m}值`]) {
        expect(groupOf(t), JSON.stringify(t)).toBe(groupOfText(t));
        if (groupOfText(t) !== null) groups++;
      }
    }
    expect(groups).toBeGreaterThan(40); // most variants are markers still
  });

  it('on random texts of the markers\' characters and others', () => {
    const next = random(18);
    let groups = 0;
    for (let n = 0; n < 20000; n++) {
      let t = '';
      const k = 1 + Math.floor(next() * 8);
      for (let i = 0; i < k; i++) t += PIECES[Math.floor(next() * PIECES.length)]!;
      expect(groupOf(t), JSON.stringify(t)).toBe(groupOfText(t));
      if (groupOfText(t) !== null) groups++;
    }
    expect(groups).toBeGreaterThan(100); // markers were found often enough to matter
  });

  it('on every cell line of the fixtures', () => {
    for (const name of Object.values(FIXTURES)) {
      for (const line of readFixture(name).toString('utf8').split(/\r?\n/)) {
        const text = line.replace(/^\t/, '');
        expect(groupOf(text), text).toBe(groupOfText(text));
      }
    }
  });
});
