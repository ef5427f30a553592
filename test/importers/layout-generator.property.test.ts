/**
 * Generated indicator tables read back field by field (issue 37, "The layout generator"): each case
 * of test/support/layout-gen/generate.ts (a random subset and order of the column roles under their
 * header variants, joined or split targets, merged or repeated categories with weights, 定性 rows,
 * 元/万元 amounts, projects named by a field or by the heading) is written as .txt, HTML, .docx and
 * .xlsx, parsed through the import path `jixiao parse` uses, and compared with its expected model.
 * A failure prints the seed and path (fast-check), the rendering, the differences and the table.
 *
 * A fixed seed here; `npm run fuzz:layouts` runs thousands of cases with a new seed each run.
 * Then the parser failures the generator found, each as a small fixed case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { assertCaseReads } from '../support/layout-gen/check';
import { layoutCaseArb } from '../support/layout-gen/generate';
import { LAYOUT_FORMATS } from '../support/layout-gen/render';
import { textRow } from '../support/text-document';

const SEED = 20261125;
/** Every case in all four renderings: about 0.15 s a case on this machine (docx and xlsx most of it). */
const RUNS = 200;

describe('generated indicator tables read back field by field', () => {
  it(`${RUNS} cases (seed ${SEED}), each as .txt, HTML, .docx and .xlsx`, { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb(), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('50 tables listing many projects (project fields in leading merged or repeated columns)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb({ multiProject: true }), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: 50 },
    );
  });

  it('50 tables with a split target under a header over its parts (two header rows)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb({ twoRowHeaders: true }), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: 50 },
    );
  });
});

const parseText = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'found.txt');
const table = (title: string, rows: string[][]) => `${title}\n${rows.map(textRow).join('\n\n')}\n\n\n\n`;
const HEADER = ['一级指标', '二级指标', '三级指标', '指标值'];

describe('failures the generator found', () => {
  it('a 项目编码 row under the 项目名称 row is the same form\'s, not a second untitled table', async () => {
    const doc = await parseText(
      table('1.河道保洁管护项目绩效目标表', [
        ['项目名称', '河道保洁管护'],
        ['项目编码', '13082725P00000000101'],
        ['年度资金总额（万元）', '36.50'],
        HEADER,
        ['产出指标', '数量指标', '保洁河道长度', '≥42公里'],
      ]),
    );
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.projects.map((p) => [p.name, p.code, p.budget.total, p.indicators.length])).toEqual([['河道保洁管护', '13082725P00000000101', 36_500_000, 1]]);
  });

  it('untitled forms one after another are still one project each, whichever label opens the next', async () => {
    const form = (name: string, code: string, codeFirst: boolean) => {
      const nameRow = ['项目名称', name];
      const codeRow = ['项目编码', code];
      return [...(codeFirst ? [codeRow, nameRow] : [nameRow, codeRow]), ['预算数（万元）', '10.00'], HEADER, ['产出指标', '数量指标', `${name}数量`, '≥2个']];
    };
    const doc = await parseText(
      table('项目支出绩效目标表', [...form('甲项目', '13082725P00000000201', false), ...form('乙项目', '13082725P00000000202', true), ...form('丙项目', '13082725P00000000203', false)]),
    );
    expect(doc.projects.map((p) => [p.name, p.code, p.indicators.map((i) => i.name)])).toEqual([
      ['甲项目', '13082725P00000000201', ['甲项目数量']],
      ['乙项目', '13082725P00000000202', ['乙项目数量']],
      ['丙项目', '13082725P00000000203', ['丙项目数量']],
    ]);
  });

  describe('指标值 over 运算符 | 数值 | 计量单位: two header rows read as one', () => {
    const rows = (top: string[]) => [
      ['项目名称', '河道保洁管护'],
      ['年度资金总额（万元）', '36.50'],
      top,
      ['', '', '', '运算符', '数值', '计量单位', ''],
      ['产出指标', '数量指标', '保洁河道长度', '≥', '42', '公里', '10'],
      ['', '质量指标', '验收合格率', '大于等于', '98', '%', '10'],
    ];
    const expected = [
      ['保洁河道长度', '≥42公里', '≥', 42, '公里', 10],
      ['验收合格率', '≥98%', '≥', 98, '%', 10],
    ];
    const read = (doc: Awaited<ReturnType<typeof parseText>>) => doc.projects.map((p) => p.indicators.map((i) => [i.name, i.target.raw, i.target.operator, i.target.value, i.target.unit, i.weight]));

    it.each([
      ['the spanning header one cell (extracted text)', ['一级指标', '二级指标', '三级指标', '指标值', '分值']],
      ['followed by the empty cells it covers', ['一级指标', '二级指标', '三级指标', '指标值', '', '', '分值']],
    ])('%s', async (_how, top) => {
      const doc = await parseText(table('1.河道保洁管护项目绩效目标表', rows(top)));
      expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(read(doc)).toEqual([expected]);
    });

    it('in a web page with rowspan and colspan', async () => {
      const html = `<p>1.河道保洁管护项目绩效目标表</p><table>
<tr><td>项目名称</td><td colspan="6">河道保洁管护</td></tr><tr><td>年度资金总额（万元）</td><td colspan="6">36.50</td></tr>
<tr><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td colspan="3">指标值</td><td rowspan="2">分值</td></tr>
<tr><td>运算符</td><td>数值</td><td>计量单位</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>保洁河道长度</td><td>≥</td><td>42</td><td>公里</td><td>10</td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>大于等于</td><td>98</td><td>%</td><td>10</td></tr></table>`;
      const doc = await parseDocumentBytes(Buffer.from(html, 'utf8'), 'found.html');
      expect(read(doc)).toEqual([expected]);
      expect(doc.projects[0]!.indicators[0]!.sources.operator?.ref).toMatch(/列4$/);
    });
  });
});
