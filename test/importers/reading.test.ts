/**
 * Issue 53, "Knowing when it has not understood": for each doubt code (shared/domain/reading.ts), a table the
 * reader cannot read right that raises it, and a table like it, read right, that raises none. Invented units and
 * numbers; extracted text (a tab before each cell, a blank line after each row) or web pages.
 */
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { DOUBT_CODES, DOUBT_DESCRIPTIONS, OCR_DOUBT_CODES, type DoubtCode, type OcrDoubtCode } from '../../src/shared/domain/reading';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { textRow } from '../support/text-document';

const text = (title: string, rows: string[][], before = '') => `${before}${title}\n${rows.map(textRow).join('\n\n')}\n\n\n\n`;
const parse = (body: string, file = 'doubt.txt') => parseDocumentBytes(Buffer.from(body, 'utf8'), file);
const htmlTable = (rows: string[][]) => `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;

/** The codes of every table's doubts, in order. */
function doubtCodes(doc: ParsedDocument): DoubtCode[] {
  return [...doc.projects.flatMap((p) => p.reading?.doubts ?? []), ...(doc.departmentTargets?.reading?.doubts ?? []), ...(doc.selfEvaluations ?? []).flatMap((s) => s.reading.doubts)].map((d) => d.code);
}

/** A 项目支出绩效自评表 (issue 59) in extracted text, its rows changed by `change`. */
const SE_TITLE = '基层干部教育培训项目支出绩效自评表（2025年度）';
const SE_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
function selfEvaluation(change: { header?: string[]; fundsTotal?: string; score?: string; indicators?: boolean } = {}): Promise<ParsedDocument> {
  const indicators = [
    ['产出指标(60分)', '数量指标', '培训人次', '≥1200人次', '1260人次', '60', change.score ?? '60', ''],
    ['效益指标(20分)', '社会效益指标', '学员履职能力提升', '明显提升', '明显提升', '20', '20', ''],
    ['满意度指标(10分)', '服务对象满意度指标', '学员满意度', '≥90%', '95%', '10', '10', ''],
  ];
  return parse(
    text(SE_TITLE, [
      ['项目名称', '基层干部教育培训'],
      ['主管部门', '示范县委组织部', '实施单位', '示范县委党校'],
      ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['', change.fundsTotal ?? '年度资金总额', '42.00', '42.00', '40.32', '10', '96.00%', '9.60'],
      change.header ?? SE_HEADER,
      ...(change.indicators === false ? [] : indicators),
      ['总分', '', '', '', '', '100', '99.60', ''],
    ]),
  );
}

const FORM = [['项目名称', '基层干部教育培训'], ['项目编码', '43052125P000617000008'], ['年度资金总额（万元）', '42.00'], ['年度绩效目标', '全年培训基层干部1200人次，培训合格率达到95%以上。']];
const HEADER = ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'];
const ROWS = [
  ['产出指标', '数量指标', '培训人次', '≥1200人次', '计划标准'],
  ['', '质量指标', '培训合格率', '≥95%', '历史标准'],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '问卷调查'],
];
const TITLE = '1.基层干部教育培训项目绩效目标表';
/** A budget disclosure's project list (项目支出预算表) over the target tables, the project at `amount` 万元. */
const LIST = (amount: string) =>
  text('项目支出预算表', [['单位：万元'], ['项目名称', '项目类别', '合计', '财政拨款'], ['合计', '', '242.00', '242.00'], ['基层干部教育培训', '特定目标类', amount, amount], ['干部档案数字化', '特定目标类', '200.00', '200.00']]);

/** A list of projects one row each, its indicators as text: the header and the cells after the amount. */
const ROW_LIST_HEADER = ['序号', '项目名称', '预算金额', '绩效目标', '绩效指标'];
const ROW_LIST_REST = ['全年完成既定工作任务。', '1.数量指标：完成任务数量≥12项；2.质量指标：验收合格率=100%；3.满意度指标：服务对象满意度≥90%'];

/** The structure stage's codes; OCR's (a table read from a scan) are test/importers/ocr-doubts.test.ts's. */
const STRUCTURE_CODES = DOUBT_CODES.filter((c): c is Exclude<DoubtCode, OcrDoubtCode> => !(OCR_DOUBT_CODES as readonly string[]).includes(c));

/** Each code: the table that raises it, and one read right (`right`). */
const CASES: Record<Exclude<DoubtCode, OcrDoubtCode>, { doubted: () => Promise<ParsedDocument>; right: () => Promise<ParsedDocument> }> = {
  'header-no-target': {
    // the target column under a name no form of ours uses: its values cannot be placed
    doubted: () => parse(text(TITLE, [...FORM, ['一级指标', '二级指标', '三级指标', '考核目标', '指标值确定依据'], ...ROWS])),
    right: () => parse(text(TITLE, [...FORM, HEADER, ...ROWS])),
  },
  'header-ambiguous': {
    // 指标值 over two bare years, and nothing says which year the table is of
    doubted: () => parse(text('1.基层干部教育培训项目绩效目标表', [FORM[0]!, FORM[2]!, FORM[3]!, ['一级指标', '二级指标', '三级指标', '指标值'], ['', '', '', '2025年', '2026年'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '≥1300人次']])),
    right: () => parse(text('1.基层干部教育培训项目绩效目标表（2025年度）', [FORM[0]!, FORM[2]!, FORM[3]!, ['一级指标', '二级指标', '三级指标', '指标值'], ['', '', '', '2025年', '2026年'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '≥1300人次']])),
  },
  'targets-unread': {
    // 指标值 left empty, the values in a column of another name beside it
    doubted: () => parse(text(TITLE, [...FORM, ['一级指标', '二级指标', '三级指标', '指标值', '本期数'], ['产出指标', '数量指标', '培训人次', '', '≥1200人次'], ['', '质量指标', '培训合格率', '', '≥95%'], ['满意度指标', '服务对象满意度指标', '学员满意度', '', '≥90%']])),
    // a target left empty in one row of three: the document's defect, read right
    right: () => parse(text(TITLE, [...FORM, ['一级指标', '二级指标', '三级指标', '指标值', '备注'], ['产出指标', '数量指标', '培训人次', '≥1200人次', ''], ['', '质量指标', '培训合格率', '', '待定'], ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '']])),
  },
  'name-is-value': {
    // a web page whose row has its name and target cells the other way round
    doubted: () =>
      parse(
        page(`<p>${TITLE}</p><table><tr><td>项目名称</td><td colspan="3">基层干部教育培训</td></tr><tr><td>年度资金总额（万元）</td><td colspan="3">42.00</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>≥1200人次</td><td>培训人次</td></tr></table>`),
        'doubt.html',
      ),
    right: () =>
      parse(
        page(`<p>${TITLE}</p><table><tr><td>项目名称</td><td colspan="3">基层干部教育培训</td></tr><tr><td>年度资金总额（万元）</td><td colspan="3">42.00</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥1200人次</td></tr></table>`),
        'doubt.html',
      ),
  },
  'name-is-category': {
    // an empty cell in front pushes the categories one column on: a category where the name should be
    doubted: () => parse(text(TITLE, [...FORM, HEADER, ['', '产出指标', '数量指标', '培训人次', '≥1200人次'], ROWS[2]!])),
    // a name that is a category's word, with its value: a real indicator's name
    right: () => parse(text(TITLE, [...FORM, HEADER, ROWS[0]!, ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '问卷调查']])),
  },
  'name-is-label': {
    // a second header row of other names under the header, read as an indicator
    doubted: () => parse(text(TITLE, [...FORM, HEADER, ['', '', '指标名称', '目标值', '依据'], ...ROWS])),
    right: () => parse(text(TITLE, [...FORM, HEADER, ...ROWS, ['', '', '学员结业率', '≥98%', '历史标准']])),
  },
  'cell-misfit': {
    // a value in the 一级指标 column
    doubted: () => parse(text(TITLE, [...FORM, HEADER, ['95%', '质量指标', '培训合格率', '≥95%', '历史标准'], ROWS[2]!])),
    right: () => parse(text(TITLE, [...FORM, HEADER, ['产出指标', '质量指标', '培训合格率', '≥95%', '历史标准'], ROWS[2]!])),
  },
  'no-indicators': {
    // a department-wide table with an indicator header and nothing under it
    doubted: () => parse(text('示范县委党校2025年部门整体支出绩效目标表', [['部门名称', '示范县委党校', '部门预算编码', '617001'], ['年度预算安排（万元）', '资金总额', '312.00'], ['年度总体目标', '目标1：保障党校正常运转。'], ['一级指标', '二级指标', '三级指标', '指标值']])),
    right: () => parse(text('示范县委党校2025年部门整体支出绩效目标表', [['部门名称', '示范县委党校', '部门预算编码', '617001'], ['年度预算安排（万元）', '资金总额', '312.00'], ['年度总体目标', '目标1：保障党校正常运转。'], ['一级指标', '二级指标', '三级指标', '指标值'], ['产出指标', '数量指标', '举办主体班次', '≥12期']])),
  },
  'label-value-is-label': {
    // the form's own title written in the 项目名称 cell of a copied template
    doubted: () => parse(text(TITLE, [['项目名称', '项目支出绩效目标申报表'], ...FORM.slice(1), HEADER, ...ROWS])),
    right: () => parse(text(TITLE, [...FORM, HEADER, ...ROWS])),
  },
  'indicators-in-text': {
    // indicators written as running text that give no targets
    doubted: () => parse(text(TITLE, [...FORM, ['绩效指标', '产出指标', '指标1：培训工作；指标2：课程质量']])),
    right: () => parse(text(TITLE, [...FORM, ['绩效指标', '产出指标', '指标1：培训人次≥1200人次；指标2：培训合格率≥95%']])),
  },
  'signoff-in-indicators': {
    // a seal's place and a date where the last target should be
    doubted: () => parse(text(TITLE, [...FORM, HEADER, ROWS[0]!, ['满意度指标', '服务对象满意度指标', '学员满意度', '（盖章）2025年1月8日', '']])),
    right: () => parse(text(TITLE, [...FORM, HEADER, ROWS[0]!, ROWS[2]!, ['（盖章）', '2025年1月8日']])),
  },
  'short-row-ambiguous': {
    // two columns of remarks, and a row short of one cell: which column its remark is in cannot be told
    doubted: () => parse(text(TITLE, [...FORM, ['一级指标', '二级指标', '三级指标', '指标值', '备注', '考核方式'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '抽查台账']])),
    right: () => parse(text(TITLE, [...FORM, ['一级指标', '二级指标', '三级指标', '指标值', '备注', '考核方式'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '', '抽查台账']])),
  },
  'category-outside-cells': {
    // a category's words between the table's rows, outside every cell (a merged cell over a page break whose page drew
    // only the indicator columns' rules): the rows under them may carry the category above; a note there is no category
    doubted: () => parse(page(`<p>${TITLE}</p>${htmlTable([...FORM, HEADER, ...ROWS.slice(0, 2)])}<p>社会效益</p><p>指标</p>${htmlTable(ROWS.slice(2))}`), 'doubt.html'),
    right: () => parse(page(`<p>${TITLE}</p>${htmlTable([...FORM, HEADER, ...ROWS.slice(0, 2)])}<p>备注：无</p>${htmlTable(ROWS.slice(2))}`), 'doubt.html'),
  },
  'project-name-doubtful': {
    // a year where the project's name should be
    doubted: () => parse(text(TITLE, [['项目名称', '2025年度'], ...FORM.slice(1), HEADER, ...ROWS])),
    right: () => parse(text(TITLE, [['项目名称', '2025年度基层干部教育培训'], ...FORM.slice(1), HEADER, ...ROWS])),
  },
  'unplaced-values': {
    // four percents with no months over them: a plan the reader cannot place
    doubted: () => parse(text(TITLE, [...FORM, ['资金支出进度', '25%', '50%', '75%', '100%'], HEADER, ...ROWS])),
    right: () => parse(text(TITLE, [...FORM, ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'], ['', '25%', '50%', '75%', '100%'], HEADER, ...ROWS])),
  },
  'total-beside-unknown': {
    // no total the reader knows: 42.00 under a label it does not know, the year's amount read from 财政资金 (issue 68)
    doubted: () => parse(text(TITLE, [FORM[0]!, FORM[1]!, ['项目核定金额（万元）', '42.00', '其中：财政资金（万元）', '40.00'], FORM[3]!, HEADER, ...ROWS])),
    right: () => parse(text(TITLE, [FORM[0]!, FORM[1]!, ['财政资金（万元）', '42.00'], FORM[3]!, HEADER, ...ROWS])),
  },
  'list-amount-mismatch': {
    // the budget's project list gives the project 4.20 万元 where its target table says 42.00 (issue 68)
    doubted: () => parse(text(TITLE, [...FORM, HEADER, ...ROWS], LIST('4.20'))),
    right: () => parse(text(TITLE, [...FORM, HEADER, ...ROWS], LIST('42.00'))),
  },
  'list-row-unread': {
    // a list of projects one row each (issue 68) whose row writes its amount as words: the amount is not read
    doubted: () => parse(text('示范县委组织部2026年项目支出绩效目标表', [['单位：万元'], ROW_LIST_HEADER, ['1', '基层干部教育培训', '四十二万', ...ROW_LIST_REST], ['2', '干部档案数字化', '200.00', ...ROW_LIST_REST]])),
    right: () => parse(text('示范县委组织部2026年项目支出绩效目标表', [['单位：万元'], ROW_LIST_HEADER, ['1', '基层干部教育培训', '42.00', ...ROW_LIST_REST], ['2', '干部档案数字化', '200.00', ...ROW_LIST_REST]])),
  },
  'self-eval-columns': {
    // a 自评表 whose indicator header has no 得分 column (its scores under 自评结果)
    doubted: () => selfEvaluation({ header: SE_HEADER.map((h) => (h === '得分' ? '自评结果' : h)) }),
    right: () => selfEvaluation(),
  },
  'self-eval-figure': {
    // a score written as a word
    doubted: () => selfEvaluation({ score: '满分' }),
    right: () => selfEvaluation(),
  },
  'self-eval-funds': {
    // the funds' header over a row the reader cannot tell as the total
    doubted: () => selfEvaluation({ fundsTotal: '全部资金' }),
    right: () => selfEvaluation(),
  },
  'self-eval-no-indicators': {
    // the indicator header with no row under it (a copy cut after it, issue 70): the funds are still checked
    doubted: () => selfEvaluation({ indicators: false }),
    right: () => selfEvaluation(),
  },
};

describe('each doubt: a table that raises it, and one read right that does not', () => {
  it('every code has a case and a description', () => {
    expect(Object.keys(CASES).sort()).toEqual([...STRUCTURE_CODES].sort());
    for (const code of DOUBT_CODES) expect(DOUBT_DESCRIPTIONS[code].explain.length).toBeGreaterThan(10);
  });

  for (const code of STRUCTURE_CODES) {
    it(`${code}: ${DOUBT_DESCRIPTIONS[code].title}`, async () => {
      const doubted = await CASES[code].doubted();
      expect(doubtCodes(doubted)).toContain(code);
      const table = [...doubted.projects, ...(doubted.departmentTargets ? [doubted.departmentTargets] : []), ...(doubted.selfEvaluations ?? [])].find((t) => t.reading?.doubts.some((d) => d.code === code))!;
      expect(table.reading!.certain).toBe(false);
      const d = table.reading!.doubts.find((x) => x.code === code)!;
      expect(d.part).toBe(DOUBT_DESCRIPTIONS[code].part);
      expect(d.where.line).toBeGreaterThan(0);
      expect(d.message).toMatch(/[\u4e00-\u9fa5]/);

      const right = await CASES[code].right();
      expect(doubtCodes(right)).toEqual([]);
      for (const p of right.projects) expect(p.reading).toEqual({ certain: true, doubts: [] });
      for (const p of right.selfEvaluations ?? []) expect(p.reading).toEqual({ certain: true, doubts: [] });
    });
  }
});

describe('the reading in the public JSON', () => {
  it('each table has reading { certain, doubts: [{ code, part, message, where }] }', async () => {
    const { toDocumentJson } = await import('../../src/shared/domain/document-json');
    const json = toDocumentJson(await CASES['header-no-target'].doubted());
    expect(json.projects[0]!.reading).toEqual({
      certain: false,
      doubts: [{ code: 'header-no-target', part: 'targets', message: expect.stringContaining('考核目标'), where: { line: expect.any(Number) } }],
    });
    expect(toDocumentJson(await CASES['header-no-target'].right()).projects[0]!.reading).toEqual({ certain: true, doubts: [] });
  });
});
