/**
 * A department's document of two project tables for the tests of doubted readings (issue 53): the first read right,
 * the second's target column under a name no form uses (考核目标), so that its values cannot be placed — a table the
 * reader doubts (header-no-target). Invented unit and numbers; extracted text.
 */
import { textRow } from './text-document';

const TABLES: [string, string[][]][] = [
  [
    '1.基层干部教育培训项目绩效目标表',
    [['项目名称', '基层干部教育培训'], ['项目编码', '43052125P000617000008'], ['主管部门', '[617001]示范县委党校'], ['年度资金总额（万元）', '42.00'], ['年度绩效目标', '全年培训基层干部1200人次。'], ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '计划标准']],
  ],
  [
    '2.党史教育资料编印项目绩效目标表',
    [['项目名称', '党史教育资料编印'], ['项目编码', '43052125P000617000009'], ['主管部门', '[617001]示范县委党校'], ['年度资金总额（万元）', '18.00'], ['年度绩效目标', '编印党史教育读本3000册。'], ['一级指标', '二级指标', '三级指标', '考核目标', '指标值确定依据'], ['产出指标', '数量指标', '编印读本册数', '≥3000册', '计划标准']],
  ],
];

export const DOUBTED_DOCUMENT = `示范县委党校2025年项目支出绩效目标\n\n${TABLES.map(([title, rows]) => `${title}\n${rows.map(textRow).join('\n\n')}\n\n\n`).join('\n')}\n`;

/** The doubted table's project. */
export const DOUBTED_PROJECT = '党史教育资料编印';
