/**
 * Builds small documents in the text format of the fixtures (a tab starts each cell, a blank line
 * ends each row), so each importer test can show the one variation it is about.
 */
import { writeTextRow } from '../../src/server/demo-corpus/generate-corpus';

export type Rows = (string | string[])[][];

/** One row: each cell a string (one paragraph) or an array (several paragraphs). */
export const textRow = (cells: (string | string[])[]): string => writeTextRow(cells);

export interface TableSpec {
  title?: string;
  header?: (string | string[])[];
  codeName?: (string | string[])[];
  budget?: (string | string[])[];
  purpose?: (string | string[])[];
  planHeader?: (string | string[])[];
  plan?: (string | string[])[];
  goals?: Rows;
  indicatorHeader?: (string | string[])[];
  indicators?: Rows;
}

export const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];

export const DEFAULT_INDICATORS: Rows = [
  ['产出指标', '数量指标', '活动次数', '开展活动次数', '≥2次', '计划标准'],
  ['', '成本指标', '活动成本', '活动支出金额', '≤10万元', '预算支出标准'],
  ['效益指标', '社会效益指标', '服务水平', '提升服务水平', '显著提高', '工作实际'],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度', '≥90%', '问卷调查'],
];

/** A project table; every part can be overridden. */
export function textTable(spec: TableSpec = {}): string {
  const rows = [
    spec.header ?? ['100001测试单位', '单位：万元'],
    spec.codeName ?? ['项目编码', '13020225P000000000001', '项目名称', '测试项目'],
    spec.budget ?? ['预算规模及资金用途', '预算数', '10.00', '其中：财政    资金', '10.00', '其他资金', ' '],
    spec.purpose ?? ['', '用于测试。'],
    spec.planHeader ?? ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
    spec.plan ?? ['', '25%', '50%', '75%', '100%'],
  ];
  const goals = spec.goals ?? [['绩效目标', ['1.完成测试任务', '2.提升服务水平']]];
  const top = [...rows, ...goals].map(textRow).join('\n\n');
  const indicators = [spec.indicatorHeader ?? INDICATOR_HEADER, ...(spec.indicators ?? DEFAULT_INDICATORS)]
    .map(textRow)
    .join('\n\n');
  return `${spec.title ?? '[bookmark: _Toc_1]1.测试项目绩效目标表'}\n${top}\n\n\n \n${indicators}\n\n\n\n`;
}

/** A whole document: part 1 with its three sections, then part 2 with the given tables. */
export function textDocument(tables: string[], part1?: string): string {
  const first =
    part1 ??
    [
      ' 第一部分',
      '部门整体绩效目标',
      ' ',
      '[bookmark: _Toc_1]一、总体绩效目标',
      '完成各项任务。',
      '[bookmark: _Toc_2]二、分项绩效目标',
      '1.完成任务一；',
      '2.完成任务二。',
      '[bookmark: _Toc_3]三、工作保障措施',
      '1.加强组织领导。统筹协调。',
    ].join('\n');
  return `${first}\n \n\n第二部分\n \n预算项目绩效目标\n \n\n${tables.join(' \n')}`;
}
