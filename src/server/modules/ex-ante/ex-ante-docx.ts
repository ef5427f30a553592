/**
 * 事前绩效评估报告 as .docx: the project (name, code, department, year, budget, why it is
 * assessed), the table of dimensions, criteria, points and reasons, the total, the conclusion and
 * its reasons, and the review's history. Written with the document exporter's page and styles.
 */
import type { ExAnteView } from '../../../shared/api/ex-ante';
import { CONCLUSION_LABELS, EX_ANTE_STATUS_LABELS, formatTenths } from '../../../shared/domain/ex-ante';
import { formatWan } from '../../../shared/domain/money';
import { exportReportDocx, type ReportBlock } from '../../exporters/docx-exporter';
import { formatChinaTime } from '../projects/project-guards';

const pts = (p: number | null) => (p === null ? '' : formatTenths(Math.round(p * 10)));

/** The report's blocks (the .docx and the tests read the same). */
export function exAnteReportBlocks(view: ExAnteView): ReportBlock[] {
  const a = view.assessment;
  if (a === null) throw new Error('no assessment');
  const p = view.project;
  const label = (text: string) => ({ text, align: 'center' as const });
  const value = (text: string, span = 3) => ({ text, align: 'left' as const, span });
  const blocks: ReportBlock[] = [
    { kind: 'title', text: `${p.name}事前绩效评估报告` },
    { kind: 'heading', text: '一、项目基本情况' },
    {
      kind: 'table',
      columns: [18, 32, 18, 32],
      rows: [
        { cells: [label('项目名称'), value(p.name)] },
        { cells: [label('项目编码'), value(p.code ?? '', 1), label('预算年度'), value(p.year === null ? '' : `${p.year}年`, 1)] },
        { cells: [label('主管单位'), value(p.departmentName)] },
        { cells: [label('预算金额（万元）'), value(p.budgetFen === null ? '' : formatWan(p.budgetFen), 1), label('评估状态'), value(EX_ANTE_STATUS_LABELS[a.status], 1)] },
        { cells: [label('评估原因'), value(view.need.label ?? '—')] },
      ],
    },
    { kind: 'heading', text: '二、评估得分' },
    {
      kind: 'table',
      columns: [16, 18, 9, 9, 48],
      rows: [
        { header: true, cells: ['评估维度', '评估要点', '分值', '得分', '评分理由'].map(label) },
        ...a.dimensions.flatMap((d) =>
          d.criteria.map((k, i) => ({
            cells: [
              { text: i === 0 ? `${d.name}\n（${pts(d.points)}/${pts(d.maxPoints)}）` : '', merge: i === 0 ? ('restart' as const) : ('continue' as const) },
              { text: `${k.name}${k.veto ? '（否决项）' : ''}`, align: 'left' as const },
              label(pts(k.maxPoints)),
              label(pts(k.points)),
              { text: k.reason ?? (k.points !== null && k.points === k.maxPoints ? '符合要求' : ''), align: 'left' as const },
            ],
          })),
        ),
        { cells: [label('合计'), { text: '', align: 'left' as const }, label('100'), label(pts(a.totalPoints)), { text: '', align: 'left' as const }] },
      ],
    },
    { kind: 'heading', text: '三、评估结论' },
    {
      kind: 'paragraph',
      text: `评估总分${pts(a.totalPoints)}分，评估结论为“${CONCLUSION_LABELS[a.conclusion]}”。${
        a.rejectedBy.length > 0 ? `${a.rejectedBy.join('；')}，按评分规则不予支持。` : ''
      }${a.chosenConclusion !== null && a.chosenConclusion !== a.ruleConclusion ? `（按得分为“${CONCLUSION_LABELS[a.ruleConclusion]}”，评估人从严认定。）` : ''}`,
    },
    { kind: 'paragraph', text: `结论理由：${a.conclusionReason ?? '（未填写）'}` },
    {
      kind: 'paragraph',
      text: `评分规则：总分${pts(view.thresholds.supportFromPoints)}分及以上予以支持，${pts(view.thresholds.partialFromPoints)}分至${pts(view.thresholds.supportFromPoints)}分以下部分支持，${pts(view.thresholds.partialFromPoints)}分以下或否决项、任一维度得0分不予支持。`,
    },
    { kind: 'heading', text: '四、审核情况' },
  ];
  const events = a.events.map((e) => `${formatChinaTime(e.at)}　${e.actor}：${EX_ANTE_STATUS_LABELS[e.fromStatus as keyof typeof EX_ANTE_STATUS_LABELS] ?? e.fromStatus} → ${EX_ANTE_STATUS_LABELS[e.toStatus as keyof typeof EX_ANTE_STATUS_LABELS] ?? e.toStatus}${e.comment ? `（${e.comment}）` : ''}`);
  blocks.push({ kind: 'paragraph', text: events.length > 0 ? events.join('\n') : '尚未提交审核。' });
  blocks.push({ kind: 'paragraph', text: `填写：${a.createdBy}（${formatChinaTime(a.createdAt)}）；最后修改：${a.updatedBy}（${formatChinaTime(a.updatedAt)}）` });
  return blocks;
}

export function exportExAnteDocx(view: ExAnteView): Promise<Buffer> {
  return exportReportDocx(`${view.project.name}事前绩效评估报告`, exAnteReportBlocks(view));
}
