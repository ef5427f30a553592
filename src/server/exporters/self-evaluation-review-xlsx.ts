/**
 * The 复核 list as a workbook (issue 59): sheet 复核清单, one row per submitted 自评表 in the list's order
 * (self-score, Jixiao's, the gap, large projects, the conclusion; a table not re-scored says so), sheet 得分复核 (issue
 * 70): every table's funds and indicators, the unit's points and score beside Jixiao's re-scored figure and how it
 * was found, then its totals, and sheet 问题, every finding of every table.
 */
import { formatWan2 } from '../../shared/domain/money';
import { CONCLUSION_LABELS, type SelfEvaluationReviewList, type SubmittedSelfEvaluationDetail } from '../../shared/api/self-evaluation-review';
import { SEVERITY_LABELS } from '../../shared/domain/model';
import { addRow, addTable, amountCell, AMOUNT_FORMAT, newWorkbook, numberFormat, toBuffer, type SheetColumn } from './xlsx-sheets';

const LIST: readonly SheetColumn[] = [
  { key: 'rank', header: '序号', width: 6 },
  { key: 'project', header: '项目名称', width: 28 },
  { key: 'unit', header: '实施单位', width: 22 },
  { key: 'department', header: '对应部门', width: 22 },
  { key: 'budget', header: '全年预算数（万元）', width: 14 },
  { key: 'large', header: '大额项目', width: 8 },
  { key: 'self', header: '自评得分', width: 10 },
  { key: 'selfGrade', header: '自评等级', width: 8 },
  { key: 'recomputed', header: '复核计算得分', width: 12 },
  { key: 'recomputedGrade', header: '复核计算等级', width: 10 },
  { key: 'gap', header: '相差（分）', width: 10 },
  { key: 'own', header: '系统内自评得分', width: 12 },
  { key: 'findings', header: '问题数', width: 8 },
  { key: 'errors', header: '其中错误', width: 8 },
  { key: 'conclusion', header: '复核结论', width: 10 },
  { key: 'conclusionScore', header: '复核后得分', width: 10 },
  { key: 'comment', header: '复核说明', width: 30 },
  { key: 'concludedBy', header: '复核人', width: 10 },
  { key: 'file', header: '来源文件', width: 24 },
];

/** 得分复核: the list's 序号 and 项目名称, then each figure of the table's, the unit's beside Jixiao's. */
const SCORES: readonly SheetColumn[] = [
  ...LIST.slice(0, 2),
  ...(
    [
      ['level1', '一级指标', 12],
      ['level2', '二级指标', 14],
      ['name', '三级指标', 26],
      ['target', '年度指标值', 16],
      ['actual', '实际完成值', 16],
      ['points', '分值', 8],
      ['score', '自评得分', 10],
      ['recomputed', '复核计算得分', 12],
      ['gap', '相差（分）', 10],
      ['how', '复核计算方式', 26],
      ['deviation', '偏差原因分析', 30],
    ] as const
  ).map(([key, header, width]) => ({ key, header, width })),
];

const PROBLEMS: readonly SheetColumn[] = [
  { key: 'project', header: '项目名称', width: 28 },
  { key: 'indicator', header: '指标', width: 22 },
  { key: 'severity', header: '级别', width: 8 },
  { key: 'title', header: '问题类型', width: 20 },
  { key: 'message', header: '问题', width: 60 },
  { key: 'suggestion', header: '建议', width: 40 },
  { key: 'where', header: '位置', width: 16 },
];

export async function exportReviewList(list: SelfEvaluationReviewList, details: readonly SubmittedSelfEvaluationDetail[], title: string): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = addTable(wb, '复核清单', LIST);
  list.items.forEach((i, k) => {
    const row = addRow(ws, LIST, {
      rank: k + 1,
      project: i.project,
      unit: i.unit,
      department: i.department ?? '（未对应到系统内项目）',
      budget: amountCell(i.budgetFullFen),
      large: i.large ? '是' : '',
      self: i.selfScore,
      selfGrade: i.selfGrade,
      recomputed: i.recomputedScore,
      recomputedGrade: i.recomputedGrade ?? '读取存疑，未重新计分',
      gap: i.gap,
      own: i.ownScore,
      findings: i.findings,
      errors: i.errors,
      conclusion: i.conclusion === null ? '未复核' : CONCLUSION_LABELS[i.conclusion],
      conclusionScore: i.conclusionScore,
      comment: i.conclusionComment,
      concludedBy: i.concludedBy,
      file: i.file,
    });
    numberFormat(row, LIST, 'budget', AMOUNT_FORMAT);
    for (const key of ['self', 'recomputed', 'gap', 'own', 'conclusionScore']) numberFormat(row, LIST, key, '0.00');
  });
  const s = list.summary;
  ws.addRow([]);
  ws.addRow([`${title}：共 ${s.total} 张，已复核 ${s.checked} 张（${s.checkedPercent.toFixed(2)}%，抽查比例 ${s.targetPercent}%）；大额项目（全年预算数 ≥ ${formatWan2(s.largeThresholdFen)} 万元）${s.large} 个，已复核 ${s.largeChecked} 个`]);

  const scores = addTable(wb, '得分复核', SCORES);
  const scoreRow = (values: Record<string, string | number | null>) => {
    const row = addRow(scores, SCORES, values);
    for (const key of ['points', 'score', 'recomputed', 'gap']) numberFormat(row, SCORES, key, '0.00');
  };
  const gap = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 100) / 100);
  details.forEach((d, k) => {
    const f = d.funds;
    const rate = f.rate === null ? '' : `（执行率${f.rate.toFixed(2)}%）`;
    scoreRow({
      rank: k + 1,
      project: d.project,
      level1: '年度资金',
      name: '预算执行率',
      target: f.budgetFull === null ? null : `全年预算数${f.budgetFull}${d.amountUnit}`,
      actual: f.executed === null ? null : `全年执行数${f.executed}${d.amountUnit}${rate}`,
      points: f.points,
      score: f.score,
      recomputed: f.recomputed,
      gap: gap(f.score, f.recomputed),
      how: f.recomputed === null ? '未核对' : '执行率×分值',
    });
    for (const i of d.indicators) {
      scoreRow({
        rank: k + 1,
        project: d.project,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        actual: i.actual,
        points: i.points,
        score: i.score,
        recomputed: i.recomputed,
        gap: gap(i.score, i.recomputed),
        how: i.how ?? '读取存疑，未核对',
        deviation: i.deviation,
      });
    }
    scoreRow({ rank: k + 1, project: d.project, level1: '总分', score: d.selfScore, recomputed: d.recomputedScore, gap: d.gap, how: d.recomputedScore === null ? '读取存疑，未重新计分' : `复核计算等级：${d.recomputedGrade}` });
  });

  const problems = addTable(wb, '问题', PROBLEMS);
  for (const d of details) {
    for (const f of d.findingList) {
      addRow(problems, PROBLEMS, { project: d.project, indicator: f.indicator, severity: SEVERITY_LABELS[f.severity], title: f.title, message: f.message, suggestion: f.suggestion, where: f.where });
    }
  }
  return toBuffer(wb);
}
