/**
 * isNonDataLabel rejects a text whose part before the colon is too long before compacting it
 * (issue 18): its answers must be those of the version that compacted every text whole, copied
 * here as the reference, on the fixtures' lines and cells and on texts built around every label.
 */
import { describe, expect, it } from 'vitest';
import { compactLabel, stripBookmarks } from '../../src/shared/domain/text';
import { NON_DATA_LABELS, isNonDataLabel } from '../../src/shared/layout/labels';
import { FIXTURES, readFixture } from '../support/fixtures';

function referenceIsNonDataLabel(text: string): boolean {
  const compact = compactLabel(stripBookmarks(text).text);
  const head = compact.split(/[:]/, 1)[0]!.replace(/\((盖章|签字|签章)\)$/, '');
  const hasColon = compact.length > head.length;
  // issue 31: a seal's place alone, an office's opinion at any level, a date alone
  if (head === '' && compact !== '' && !compact.includes(':')) return true;
  if (/^[\u4e00-\u9fa5]{0,12}(部门|单位|财政|财政局|主管|评审|专家|机关|领导小组|股|股室|科|科室|办|办公室|局|委)(审核|审批|审查|评审|初审|复审|终审)?意见$/.test(head)) return true;
  if (!hasColon && /^(\d{4})?年\d{0,2}月\d{0,2}日$/.test(head)) return true;
  return NON_DATA_LABELS.some((label) => head === label || (hasColon && head.endsWith(label) && head.length <= label.length + 4));
}

/** Texts around each label: before/after words, whitespace inside, seals, colons both widths, long values. */
function builtTexts(): string[] {
  const out: string[] = [];
  const longValue = '按照年度工作计划完成各项任务，确保资金使用规范、及时、有效'.repeat(3);
  const befores = ['', '项目', '单位财务', '主管部门及财政部门', '一二三四五六七八', '[bookmark: _Toc1]', ' \u3000\t', '甲 乙 丙 丁 戊 己'];
  const seals = ['', '(盖章)', '（盖章）', '（ 签字 ）', '(签章)'];
  const colons = ['', ':', '：', ' ： ', '::'];
  const afters = ['', '张三', '0311-1234567', longValue, ` ${longValue}：再一个冒号`];
  for (const label of NON_DATA_LABELS) {
    const spaced = [...label].join(' ');
    for (const l of [label, spaced, `${label}\n`]) {
      for (const b of befores) for (const s of seals) for (const c of colons) for (const a of afters) out.push(`${b}${l}${s}${c}${a}`);
    }
  }
  // long texts with the colon ever further in, and whitespace that makes a long text short once compacted
  for (let n = 0; n < 40; n++) {
    out.push(`${'字'.repeat(n)}填表人：张三`, `${'字 '.repeat(n)}审核意见:同意`, `${' '.repeat(n * 3)}联系电话${' \n'.repeat(n)}：${longValue}`);
    out.push(`${'\u3000'.repeat(n)}${'ａ'.repeat(n % 20)}负责人（盖章）：${longValue}`);
  }
  return out;
}

function fixtureTexts(): string[] {
  const out = new Set<string>();
  for (const name of Object.values(FIXTURES)) {
    for (const line of readFixture(name).toString('utf8').split('\n')) {
      out.add(line);
      for (const cell of line.split(/\t|\|/)) out.add(cell);
    }
  }
  return [...out];
}

describe('isNonDataLabel against the reference', () => {
  it('answers the same on texts built around every label', () => {
    const texts = builtTexts();
    const differing = texts.filter((t) => isNonDataLabel(t) !== referenceIsNonDataLabel(t));
    expect(differing).toEqual([]);
    // both answers occur among long texts, so the shortcut is compared where it decides
    const long = texts.filter((t) => t.length > 40);
    expect(long.some((t) => referenceIsNonDataLabel(t))).toBe(true);
    expect(long.some((t) => !referenceIsNonDataLabel(t))).toBe(true);
  });

  it('answers the same on every line and cell of the fixtures', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(1000);
    expect(texts.filter((t) => isNonDataLabel(t) !== referenceIsNonDataLabel(t))).toEqual([]);
  });
});
