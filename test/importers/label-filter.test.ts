/**
 * labelOf answers a text without Chinese or wide characters (an amount, a project code, a date)
 * "no label" without normalising it or remembering it, when the vocabulary allows (every label has
 * such a character, every pattern starts with one). Checked: the rule on patterns, and that
 * readFormRow labels cells exactly as the full lookup does (normalizeLabel + lookupLabel +
 * splitLabelPrefix), on random texts of ASCII and other narrow characters and on the labels
 * themselves with values after them.
 *
 * labelOf answers a long text (over 40 characters: goals, purposes) "no label" from its first
 * character when that character (after compacting) starts no label and no pattern of the
 * vocabulary. Checked: readFormRow labels long cells exactly as the full lookup does
 * (normalizeLabel + lookupLabel + splitLabelPrefix) on random long texts built from the labels,
 * values and goal-like texts, written with spaces, full-width forms, 其中 and bookmarks before
 * them, and short labels and texts of a pattern spaced out past 40 characters; and the characters are derived only from patterns whose start is certain.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../support/random';
import type { RowBlock } from '../../src/server/importers/blocks';
import { hasOnlyWideLabels, labelFirstCharacters, patternStartsWide, readFormRow } from '../../src/server/importers/parse/forms';
import { DEPARTMENT_LABELS, PROJECT_LABELS, lookupLabel, normalizeLabel, splitLabelPrefix, undecoratedLabel, type LabelRule } from '../../src/shared/layout/labels';

/** The full lookup for one text: the key of the label it is or starts with, also as people decorate it (`*项目名称`, `一、项目名称`), else null. */
function fullLookup(rules: readonly LabelRule<string>[], text: string): string | null {
  const key = lookupLabel(rules, normalizeLabel(text).key);
  if (key !== null) return key;
  const plain = undecoratedLabel(text);
  const plainKey = plain === null ? null : lookupLabel(rules, normalizeLabel(plain).key);
  if (plainKey !== null) return plainKey;
  return (splitLabelPrefix(rules, text) ?? (plain === null ? null : splitLabelPrefix(rules, plain)))?.key ?? null;
}

const row = (texts: string[]): RowBlock => ({ kind: 'row', source: { line: 1 }, cells: texts.map((t, i) => ({ lines: [t], sources: [{ line: i + 1 }] })) });

describe('labelOf without the lookup for narrow texts', () => {
  it('knows which patterns must start with a wide character', () => {
    expect(patternStartsWide(/^(中央|省级?|市级?)[\u4e00-\u9fa5]{0,4}(资金|拨款)$/)).toBe(true);
    expect(patternStartsWide(/^(中央|\d+)资金$/)).toBe(false); // an alternative starts with an escape
    expect(patternStartsWide(/^(中央|a)资金$/)).toBe(false); // an alternative starts narrow
    expect(patternStartsWide(/^(中央)?资金$/)).toBe(false); // the group is optional
    expect(patternStartsWide(/^(中央)*资金$/)).toBe(false);
    expect(patternStartsWide(/中央资金/)).toBe(false); // not anchored
    expect(patternStartsWide(/^[中央]资金/)).toBe(false); // a class, not alternatives
    expect(patternStartsWide(/^(中(央|省))/)).toBe(false); // nested groups are not read
  });

  it('is used for the project and department vocabularies', () => {
    expect(hasOnlyWideLabels(PROJECT_LABELS)).toBe(true);
    expect(hasOnlyWideLabels(DEPARTMENT_LABELS)).toBe(true);
    expect(hasOnlyWideLabels([{ key: 'x', labels: ['ABC'] }])).toBe(false);
    expect(hasOnlyWideLabels([{ key: 'x', pattern: /^\d+$/ }])).toBe(false);
  });

  it('labels cells exactly as the full lookup does', () => {
    const next = random(2026);
    const narrow = '0123456789.,-:;()%/ PabcXYZéαБ№→\u2e7f';
    const labels = [...PROJECT_LABELS, ...DEPARTMENT_LABELS].flatMap((r) => r.labels ?? []);
    const texts: string[] = ['13020225P008911100023', '26.70', '2024.03-2024.11', '100%', '(万元)', 'ISO 9001', ...labels];
    for (let n = 0; n < 3000; n++) {
      let t = '';
      const length = 1 + Math.floor(next() * 16);
      for (let i = 0; i < length; i++) t += narrow[Math.floor(next() * narrow.length)];
      texts.push(t.trim() || 'x');
      // a label with a value after it, written with narrow characters around it
      const label = labels[Math.floor(next() * labels.length)]!;
      texts.push(`${label}：${t}`, `${label}${Math.floor(next() * 1000)}`, `${t.trim()}${label}`);
    }
    let narrowTexts = 0;
    for (const rules of [PROJECT_LABELS, DEPARTMENT_LABELS] as const) {
      for (let i = 0; i < texts.length; i += 8) {
        const batch = texts.slice(i, i + 8);
        const cells = readFormRow(row(batch), rules);
        batch.forEach((t, k) => {
          expect(cells[k]!.label?.key ?? null, t).toBe(fullLookup(rules, t));
          if (!/[\u2e80-\uffff]/.test(t)) narrowTexts++;
        });
      }
    }
    expect(narrowTexts).toBeGreaterThan(5000); // the short cut was taken
  });
});

describe('labelOf answers long texts by their first character', () => {
  it('derives the characters only from patterns whose first character is certain', () => {
    expect(labelFirstCharacters([{ key: 'x', labels: ['项目名称'] }, { key: 'y', pattern: /^(中央|省级?)资金$/ }])).toEqual(new Set(['项', '中', '省']));
    expect(labelFirstCharacters([{ key: 'y', pattern: /^(中?央)资金$/ }])).toBeNull(); // first character optional
    expect(labelFirstCharacters([{ key: 'y', pattern: /^(.央)资金$/ }])).toBeNull();
    expect(labelFirstCharacters([{ key: 'y', pattern: /^(中央)?资金$/ }])).toBeNull();
    expect(labelFirstCharacters([{ key: 'y', pattern: /资金$/ }])).toBeNull();
    expect(labelFirstCharacters(PROJECT_LABELS)).not.toBeNull();
    expect(labelFirstCharacters(DEPARTMENT_LABELS)).not.toBeNull();
  });

  it('labels long cells exactly as the full lookup does', () => {
    const next = random(4040);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const labels = [...PROJECT_LABELS, ...DEPARTMENT_LABELS].flatMap((r) => r.labels ?? []);
    const fillers = ['落实国家政策，按时发放补贴，', '1.完成年度任务', '２０２５年', '中央资金', '省级资金', '其他资金', '（万元）', '：', ':', ' ', '\u3000', '\n', '其中：', '[bookmark: _Toc1]', '建国前老党员生活补贴', '满意度≥９０％'];
    const texts: string[] = [];
    for (let n = 0; n < 4000; n++) {
      let t = '';
      const lead = next();
      if (lead < 0.3) t += pick(labels);
      else if (lead < 0.4) t += `其中：${pick(labels)}`;
      else if (lead < 0.5) t += `${pick([' ', '\u3000', '[bookmark: a]'])}${pick(labels)}`;
      else if (lead < 0.55) t += pick(labels).replace(/./, (c) => (c.charCodeAt(0) < 0x7f ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
      while (t.length <= 45) t += pick(fillers);
      texts.push(t);
      // a short label or a text of a pattern spaced out past 40 characters: compacted, it is one
      const short = pick([...labels, '中央资金', '省级补助资金', '上年结转资金', '其中：中央资金', '其中：财政资金（万元）']);
      texts.push(short.split('').join(' '.repeat(1 + Math.floor(40 / short.length))));
    }
    let labelled = 0;
    for (const rules of [PROJECT_LABELS, DEPARTMENT_LABELS] as const) {
      for (let i = 0; i < texts.length; i += 8) {
        const batch = texts.slice(i, i + 8);
        const cells = readFormRow(row(batch), rules);
        batch.forEach((t, k) => {
          const want = fullLookup(rules, cells[k]!.text);
          expect(cells[k]!.label?.key ?? null, t).toBe(want);
          if (want !== null) labelled++;
        });
      }
    }
    expect(labelled).toBeGreaterThan(100); // long texts with labels were among them
  });
});
