/**
 * The benchmark's corpus generator must write what it says it wrote: every generated document
 * reads back through the real importer without errors, with the tables, indicator rows, codes,
 * names and budgets the generator chose. Otherwise the benchmark would time junk.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeTextDocument, type GeneratedDocument } from '../../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { FIXTURE_DIR } from '../support/fixtures';

const OPTS = { documents: 20, tablesPerDocument: 12, seed: 20250601, fixtureDir: FIXTURE_DIR };

describe('generateCorpus', () => {
  let corpus: GeneratedDocument[];
  let parsed: ParsedDocument[];

  beforeAll(async () => {
    corpus = await generateCorpus(OPTS);
    parsed = await Promise.all(corpus.map((g) => parseDocumentBytes(Buffer.from(g.text, 'utf8'), g.file)));
  });

  it('writes the documents and tables asked for', () => {
    expect(corpus).toHaveLength(OPTS.documents);
    for (const g of corpus) expect(g.projects).toHaveLength(OPTS.tablesPerDocument);
    expect(new Set(corpus.map((g) => g.file)).size).toBe(OPTS.documents);
  });

  it('every document parses back with no error diagnostics', () => {
    for (const doc of parsed) {
      expect(doc.diagnostics.filter((d) => d.severity === 'error'), doc.file).toEqual([]);
    }
  });

  it('reads back exactly the tables, indicator rows, codes, names and budgets written', () => {
    parsed.forEach((doc, i) => {
      const g = corpus[i]!;
      expect(doc.year).toBe(g.year);
      expect(doc.department).toMatchObject(g.department);
      expect(doc.projects.map((p) => ({ part: p.part, code: p.code, name: p.name, budget: p.budget, indicators: p.indicators.length }))).toEqual(
        g.projects,
      );
      expect(doc.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(g.indicatorRows);
    });
  });

  it('project codes are unique and carry the document year', () => {
    const codes = corpus.flatMap((g) => g.projects.map((p) => p.code)).filter((c): c is string => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    for (const g of corpus) {
      for (const p of g.projects) if (p.code) expect(p.code).toMatch(new RegExp(`^\\d{6}${g.year % 100}P[0-9A-Z]{12}$`));
    }
  });

  it('budgets are exact amounts, spending plans are read, and the variations occur', () => {
    const projects = parsed.flatMap((d) => d.projects);
    expect(projects.every((p) => p.budget.total !== null && p.budget.total % 10_000 === 0)).toBe(true);
    expect(projects.some((p) => p.spendingPlan.some((c) => c.given === 'amount'))).toBe(true);
    expect(projects.some((p) => p.spendingPlan.some((c) => c.given === 'percent'))).toBe(true);
    expect(projects.some((p) => p.code === null)).toBe(true);
    expect(projects.some((p) => p.indicators.some((ind) => ind.level1Inherited))).toBe(true);
    expect(parsed.some((d) => d.diagnostics.some((x) => x.code === 'category-synonym'))).toBe(true);
    expect(corpus.some((g) => /\t目标1\n/.test(g.text))).toBe(true);
    expect(corpus.some((g) => g.text.includes('\t一级\n指标'))).toBe(true);
    expect(corpus.some((g) => /\[bookmark: _GoBack\]\[bookmark: _Toc/.test(g.text))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const again = await generateCorpus({ ...OPTS, documents: 3 });
    expect(again.map((g) => g.text)).toEqual(corpus.slice(0, 3).map((g) => g.text));
    const other = await generateCorpus({ ...OPTS, documents: 3, seed: OPTS.seed + 1 });
    expect(other[0]!.text).not.toBe(corpus[0]!.text);
  });

  it('writeTextDocument writes a document the importer reads', async () => {
    const text = writeTextDocument({
      part1: [' 第一部分', '部门整体绩效目标', '一、总体绩效目标', '完成各项任务。'],
      parts: [
        {
          heading: ['第二部分', '预算项目绩效目标'],
          tables: [
            {
              title: '[bookmark: _Toc1]1.测试项目绩效目标表',
              top: [
                ['100001测试单位', '单位：万元'],
                ['项目编码', '13020225P000000000001', '项目名称', '测试项目'],
                ['预算规模及资金用途', '预算数', '12.34', '其中：财政资金', '12.34', '其他资金', ' '],
                ['', '用于测试。'],
                ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
                ['', '25%', '50%', '75%', '100%'],
                ['绩效目标', ['1.完成测试任务', '', '2.提升服务水平']],
              ],
              indicators: [
                ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
                ['产出指标', '数量指标', '活动次数', '开展活动次数', '≥2次', '计划标准'],
                ['满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度', '≥90%', '问卷调查'],
              ],
            },
          ],
        },
      ],
    });
    const doc = await parseDocumentBytes(Buffer.from(text, 'utf8'), 'writer.txt');
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(doc.projects).toHaveLength(1);
    expect(doc.projects[0]).toMatchObject({ name: '测试项目', budget: { total: 12_340_000 }, goals: ['完成测试任务', '提升服务水平'] });
    expect(doc.projects[0]!.indicators).toHaveLength(2);
  });
});
