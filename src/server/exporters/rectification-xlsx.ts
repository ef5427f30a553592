/**
 * Excel of 整改 items, the conventions of xlsx-sheets.ts: 整改事项 (one row per item: department,
 * project, source, problem, requirement, owner, deadline, status as on the day — 逾期 derived —,
 * days overdue or late, evidence files, dates) and 按单位 (each department's items by status).
 * Takes the items as the API presents them, never the database.
 */
import type { RectificationItem } from '../../shared/api/rectification';
import { RECTIFICATION_SOURCE_LABELS, RECTIFICATION_STATUS_LABELS, type RectificationDisplayStatus } from '../../shared/domain/rectification';
import { addRow, addTable, newWorkbook, toBuffer, type SheetColumn } from './xlsx-sheets';

const ITEMS: SheetColumn[] = [
  { key: 'id', header: '编号', width: 8 },
  { key: 'department', header: '单位', width: 30 },
  { key: 'code', header: '项目编码', width: 24 },
  { key: 'project', header: '项目名称', width: 30 },
  { key: 'year', header: '年度', width: 8 },
  { key: 'source', header: '问题来源', width: 12 },
  { key: 'problem', header: '问题', width: 50 },
  { key: 'requirement', header: '整改要求', width: 36 },
  { key: 'owner', header: '整改责任人', width: 14 },
  { key: 'deadline', header: '整改期限', width: 12 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'overdue', header: '逾期天数', width: 10 },
  { key: 'late', header: '超期完成天数', width: 12 },
  { key: 'files', header: '证明材料（件）', width: 12 },
  { key: 'created', header: '提出时间', width: 20 },
  { key: 'submitted', header: '报告整改完成时间', width: 20 },
  { key: 'closed', header: '销号时间', width: 20 },
];

const STATUSES: RectificationDisplayStatus[] = ['overdue', 'pending', 'in-progress', 'done', 'closed'];
const BY_DEPARTMENT: SheetColumn[] = [
  { key: 'department', header: '单位', width: 36 },
  { key: 'total', header: '事项数', width: 10 },
  ...STATUSES.map((s) => ({ key: s, header: RECTIFICATION_STATUS_LABELS[s], width: 10 })),
];

/** 'YYYY-MM-DD HH:mm' in China of an ISO instant; '' for none. */
function chinaTime(iso: string | null): string {
  if (iso === null) return '';
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** The items as a workbook; `title` (what was selected) goes into its properties. */
export async function exportRectifications(items: readonly RectificationItem[], title: string): Promise<Buffer> {
  const wb = newWorkbook();
  wb.title = title;
  const sheet = addTable(wb, '整改事项', ITEMS);
  for (const i of items) {
    addRow(sheet, ITEMS, {
      id: i.id,
      department: i.departmentName,
      code: i.projectCode,
      project: i.projectName,
      year: i.year,
      source: RECTIFICATION_SOURCE_LABELS[i.sourceKind],
      problem: i.sourceText,
      requirement: i.requirement,
      owner: i.ownerPerson,
      deadline: i.deadline,
      status: RECTIFICATION_STATUS_LABELS[i.displayStatus],
      overdue: i.daysOverdue > 0 ? i.daysOverdue : null,
      late: i.lateDays > 0 ? i.lateDays : null,
      files: i.fileCount,
      created: chinaTime(i.createdAt),
      submitted: chinaTime(i.submittedAt),
      closed: chinaTime(i.closedAt),
    });
  }

  const byDepartment = new Map<string, Record<RectificationDisplayStatus, number>>();
  for (const i of items) {
    const counts = byDepartment.get(i.departmentName) ?? { overdue: 0, pending: 0, 'in-progress': 0, done: 0, closed: 0 };
    counts[i.displayStatus] += 1;
    byDepartment.set(i.departmentName, counts);
  }
  const summary = addTable(wb, '按单位', BY_DEPARTMENT);
  const total: Record<string, number> = { total: 0, ...Object.fromEntries(STATUSES.map((s) => [s, 0])) };
  for (const [department, counts] of [...byDepartment].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))) {
    const n = STATUSES.reduce((sum, s) => sum + counts[s], 0);
    addRow(summary, BY_DEPARTMENT, { department, total: n, ...counts });
    total.total! += n;
    for (const s of STATUSES) total[s]! += counts[s];
  }
  addRow(summary, BY_DEPARTMENT, { department: '合计', ...total }).font = { bold: true };
  return toBuffer(wb);
}
