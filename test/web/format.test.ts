import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, formatRatio, formatScore, formatWanYuan, formatYuan, parseWanInput, sumFen, wanInputText } from '../../src/web/lib/format';
import { apiQuery, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, updateFilters } from '../../src/web/lib/list-query';
import { anchorLabel, commentFields } from '../../src/web/lib/labels';
import { COMMENT_FIELD_PATTERN } from '../../src/shared/api/projects';
import { CHECKPOINTS } from '../../src/shared/domain/model';
import { buildProject } from '../factories';

describe('money formats', () => {
  it('shows 万元 exactly from fen, with the decimals it needs and grouped digits', () => {
    expect(formatWanYuan(1_262_160_000)).toBe('1,262.16');
    expect(formatWanYuan(209_820_000)).toBe('209.82');
    expect(formatWanYuan(1)).toBe('0.000001');
    expect(formatWanYuan(0)).toBe('0.00');
    expect(formatWanYuan(-150_000_000)).toBe('-150.00');
    // Beyond 2^53 / 100 a float division would lose the last fen; the digits are cut from the integer.
    expect(formatWanYuan(9_007_199_254_740_991)).toBe('9,007,199,254.740991');
    expect(formatYuan(123_456)).toBe('1,234.56');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(30_000_000)).toBe('30.00 万元');
    expect(formatMoney(30_000_000, '元')).toBe('300,000.00 元');
  });

  it('reads 万元 typed by a person back to the same fen', () => {
    for (const fen of [0, 1, 99, 1_262_160_000, 209_820_000, 123_456_789_012]) {
      expect(parseWanInput(wanInputText(fen))).toBe(fen);
      expect(parseWanInput(formatWanYuan(fen))).toBe(fen);
    }
    expect(parseWanInput('')).toBeNull();
    expect(parseWanInput('１２')).toBeUndefined();
    expect(parseWanInput('1.2345678')).toBeUndefined();
    expect(parseWanInput('abc')).toBeUndefined();
    expect(sumFen([1, null, 2, undefined, 9_007_199_254_740_000])).toBe(9_007_199_254_740_003);
  });

  it('shows scores with at most two decimals', () => {
    expect(formatScore(87.5)).toBe('87.5');
    expect(formatScore(null)).toBe('—');
  });
});

describe('projects list query in the URL', () => {
  it('round-trips the filters and ignores what is malformed', () => {
    const f = { ...EMPTY_FILTERS, department: 3, year: 2025, status: 'submitted' as const, minScore: 60, category: 'vague' as const, q: '社区', sort: 'score' as const, order: 'desc' as const, page: 4 };
    const search = filtersToSearch(f);
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(f);
    expect(filtersFromSearch(new URLSearchParams('status=nope&page=-1&pageSize=7&category=x&minScore=200'))).toEqual(EMPTY_FILTERS);
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
    expect(apiQuery(EMPTY_FILTERS)).toEqual({ page: '1', pageSize: '20' });
  });

  it('goes back to page 1 when a filter changes, not when the page does', () => {
    const f = { ...EMPTY_FILTERS, page: 5 };
    expect(updateFilters(f, { status: 'draft' }).page).toBe(1);
    expect(updateFilters(f, { page: 6 }).page).toBe(6);
    expect(updateFilters(f, { page: 5, pageSize: 50 }).page).toBe(1);
  });
});

describe('field labels', () => {
  it('names every comment field the review modal offers, and the server accepts each', () => {
    const project = buildProject();
    const fields = commentFields(project);
    // the project's fields (code, name, three amounts, purpose, the plan and each checkpoint, goals, the list) and, per row,
    // the whole row and each of its six cells (issue 34 §5: a comment on any field)
    expect(fields.length).toBe(9 + CHECKPOINTS.length + 7 * project.indicators.length);
    for (const f of fields) {
      expect(f.value).toMatch(COMMENT_FIELD_PATTERN);
      expect(f.label).not.toBe(f.value);
    }
    expect(anchorLabel('spendingPlan.06')).toBe('资金支出计划·6月底');
    expect(anchorLabel('indicator:0.target', project)).toBe(`指标1“${project.indicators[0]!.name}”·指标值`);
  });
});

describe('comment anchors', () => {
  it('pins the API comment fields to the cells of the official table', async () => {
    const { commentAnchor } = await import('../../src/web/lib/labels');
    expect(commentAnchor('indicator:3.indicatorName')).toBe('indicator:3.name');
    expect(commentAnchor('indicator:3')).toBe('indicator:3.name');
    expect(commentAnchor('indicator:0.target')).toBe('indicator:0.target');
    expect(commentAnchor('budget.total')).toBe('budget.total');
    expect(commentAnchor('spendingPlan')).toBe('spendingPlan');
  });
});

describe('one percentage format', () => {
  it('writes every percentage and 进度比 with two decimals, rounded half away from zero', () => {
    expect([56.3, 80, 71.05, 33.333, 99.995, 0, -12.5].map(formatPercent)).toEqual(['56.30%', '80.00%', '71.05%', '33.33%', '100.00%', '0.00%', '-12.50%']);
    expect([71.05, 120, null, undefined, Number.NaN].map(formatRatio)).toEqual(['71.05', '120.00', '—', '—', '—']);
  });
});
