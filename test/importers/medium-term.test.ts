/**
 * Medium-term tables under a heading (issue 37, "Projects named by a heading"): a heading without 表
 * (`一、某某项目绩效目标`) names the project of the table under it; a table under 中期绩效目标 after the
 * annual table holds that project's medium-term goals and indicators (Project.longTermGoals,
 * Project.longTermIndicators); so does a table whose target column is 中期指标值, alone or beside
 * 年度指标值. A document of an invented bureau (test/documents/multi/medium-term-heading, written by
 * scripts/make-multi-documents.mjs) in three renderings, and small text documents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { Indicator, ParsedDocument } from '../../src/shared/domain/model';
import { groupOf, readIndicatorHeader } from '../../src/shared/layout/indicator-columns';
import { isMediumTermTitle } from '../../src/shared/layout/project-columns';
import { textDocument, textTable } from '../support/text-document';

const DIR = join(__dirname, '..', 'documents', 'multi');
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error');
const brief = (i: Indicator) => [i.level1, i.level2, i.name, i.target.raw, i.target.operator, i.target.value, i.target.unit];

it.each([
  ['中期绩效目标', true],
  ['中长期绩效目标表', true],
  ['二、项目中期绩效目标', true],
  ['中期目标表', true],
  ['年度绩效目标', false],
  ['城市供水管网改造项目绩效目标', false],
  ['中期评估报告', false],
])('isMediumTermTitle(%s) = %s', (title, medium) => {
  expect(isMediumTermTitle(title)).toBe(medium);
});

it('中期 marks the medium-term group of columns as 长期 does', () => {
  expect(readIndicatorHeader('中期指标值')).toMatchObject({ field: 'target', group: 'longTerm' });
  expect(readIndicatorHeader('指标值（中期）')).toMatchObject({ field: 'target', group: 'longTerm' });
  expect(groupOf('中期目标')).toBe('longTerm');
  expect(groupOf('年度目标')).toBe('annual');
});

describe.each(['txt', 'html', 'docx'])('medium-term-heading.%s', (ext) => {
  it('the heading names the project; the table under 中期绩效目标 is its medium-term targets', async () => {
    const file = `medium-term-heading.${ext}`;
    const doc = await parseDocumentBytes(readFileSync(join(DIR, file)), file);
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).toEqual(expect.arrayContaining(['name-from-heading', 'medium-term-table']));
    expect(codes(doc)).not.toContain('unrecognized-paragraph');
    expect(doc.projects).toHaveLength(1);
    const p = doc.projects[0]!;
    expect([p.name, p.code, p.department, p.budget.total, p.budget.fiscal, p.year]).toEqual(['城市供水管网改造项目', '13990225P00520001', { code: '520001', name: '示范区水务局' }, 860_000_000, 860_000_000, 2025]);
    expect(p.spendingPlan.map((s) => s.percent)).toEqual([20, 50, 80, 100]);
    expect(p.goals).toEqual(['改造老旧供水管网12公里；', '管网漏损率下降到10%以下。']);
    expect(p.longTermGoals).toEqual(['2025—2027年累计改造老旧供水管网40公里，管网漏损率稳定在9%以下。']);
    expect(p.indicators.map(brief)).toEqual([
      ['产出指标', '数量指标', '改造供水管网长度', '≥12公里', '≥', 12, '公里'],
      ['产出指标', '质量指标', '工程验收合格率', '100%', '=', 100, '%'],
      ['效益指标', '社会效益指标', '管网漏损率', '≤10%', '≤', 10, '%'],
      ['满意度指标', '服务对象满意度指标', '用水居民满意度', '≥90%', '≥', 90, '%'],
    ]);
    expect(p.longTermIndicators.map(brief)).toEqual([
      ['产出指标', '数量指标', '累计改造供水管网长度', '≥40公里', '≥', 40, '公里'],
      ['效益指标', '社会效益指标', '管网漏损率', '≤9%', '≤', 9, '%'],
      ['效益指标', '可持续影响指标', '供水保障能力', '持续提升', null, null, null],
    ]);
    for (const i of p.longTermIndicators) expect(i.sources.target).toBeDefined();
  });
});

describe('medium-term columns in text documents', () => {
  const parse = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'medium.txt');

  it('a second indicator table whose target column is 中期指标值 holds medium-term indicators', async () => {
    const table = textTable({
      indicators: [
        ['产出指标', '数量指标', '活动次数', '开展活动次数', '≥2次', '计划标准'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度', '≥90%', '问卷调查'],
      ],
    });
    const medium = ['一级指标', '二级指标', '三级指标', '中期指标值'].map((c) => `\t${c}`).join('\n');
    const row = ['产出指标', '数量指标', '累计活动次数', '≥6次'].map((c) => `\t${c}`).join('\n');
    const doc = await parse(textDocument([`${table.trimEnd()}\n\n${medium}\n\n${row}\n\n\n`]));
    const p = doc.projects[0]!;
    expect(p.indicators.map((i) => i.target.raw)).toEqual(['≥2次', '≥90%']);
    expect(p.longTermIndicators.map(brief)).toEqual([['产出指标', '数量指标', '累计活动次数', '≥6次', '≥', 6, '次']]);
  });

  it('年度指标值 and 中期指标值 side by side give each row to both lists', async () => {
    const doc = await parse(
      textDocument([
        textTable({
          indicatorHeader: ['一级指标', '二级指标', '三级指标', '年度指标值', '中期指标值'],
          indicators: [
            ['产出指标', '数量指标', '培训人次', '≥500人次', '≥1500人次'],
            ['效益指标', '社会效益指标', '就业率', '≥80%', '≥85%'],
          ],
        }),
      ]),
    );
    const p = doc.projects[0]!;
    expect(p.indicators.map((i) => [i.name, i.target.raw])).toEqual([['培训人次', '≥500人次'], ['就业率', '≥80%']]);
    expect(p.longTermIndicators.map((i) => [i.name, i.target.raw])).toEqual([['培训人次', '≥1500人次'], ['就业率', '≥85%']]);
  });
});
