/**
 * The audit log's entries in words: the action's name and, for a change, one row per changed
 * field with the value before and after (amounts in 万元, statuses and checkpoints by their
 * Chinese names; indicator lists only the rows that changed). Pure.
 */
import type { Checkpoint } from '../../shared/domain/model';
import { CHECKPOINT_LABELS } from '../../shared/domain/official-table';
import type { ProjectStatus } from '../api/types';
import { formatMoney, formatPercent } from './format';
import { anchorLabel, STATUS_LABELS } from './labels';

const ACTION_NAMES: Record<string, string> = {
  'project.update': '修改',
  'project.submit': '提交',
  'project.return': '退回',
  'project.approve': '审核通过',
  'project.publish': '公开',
  'project.unpublish': '撤回公开',
  'document.import': '导入',
  'document.supersede': '被新导入替换',
  'project.carryOver': '以上年项目为基础编制',
  'ex-ante.create': '新建事前绩效评估',
  'ex-ante.save': '修改事前绩效评估',
  'ex-ante.submit': '提交事前绩效评估',
  'ex-ante.return': '退回事前绩效评估',
  'ex-ante.approve': '事前绩效评估审核通过',
};

/** The Chinese name of an audit action ("project.update" → 修改); unknown ones as they are. */
export function auditActionName(action: string): string {
  return ACTION_NAMES[action] ?? action;
}

/**
 * Who made an entry: the display name of the moment with the account's username ("张三（zhangsan）");
 * the name alone when it is the username (a process: system, demo) or the entry is older than
 * accounts in the log.
 */
export function auditActorName(entry: { actor: string; actorUsername: string | null }): string {
  return entry.actorUsername === null || entry.actorUsername === entry.actor ? entry.actor : `${entry.actor}（${entry.actorUsername}）`;
}

export interface AuditRow {
  field: string;
  before: string;
  after: string;
}

const BUDGET_LABELS: Record<string, string> = { total: '预算数', fiscal: '财政资金', other: '其他资金' };

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '（空）';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function planText(plan: unknown): string {
  if (!Array.isArray(plan)) return text(plan);
  return plan
    .filter(isRecord)
    .map((c) => {
      const label = CHECKPOINT_LABELS[c.checkpoint as Checkpoint] ?? String(c.checkpoint);
      const value =
        c.given === 'amount' && typeof c.amount === 'number'
          ? formatMoney(c.amount)
          : typeof c.percent === 'number'
            ? formatPercent(c.percent)
            : '（空）';
      return `${label} ${value}`;
    })
    .join('；');
}

function indicatorText(row: unknown): string {
  if (!isRecord(row)) return '（无）';
  const parts = [
    [row.level1Raw, row.level2Raw, row.name].map((v) => (typeof v === 'string' && v !== '' ? v : '—')).join(' / '),
    `指标值：${text(row.targetRaw)}`,
  ];
  if (typeof row.description === 'string' && row.description !== '') parts.push(`描述：${row.description}`);
  if (typeof row.basis === 'string' && row.basis !== '') parts.push(`依据：${row.basis}`);
  return parts.join('；');
}

function fieldRows(key: string, before: unknown, after: unknown): AuditRow[] {
  switch (key) {
    case 'budget': {
      const b = isRecord(before) ? before : {};
      const a = isRecord(after) ? after : {};
      return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((k) => ({
        field: BUDGET_LABELS[k] ?? k,
        before: formatMoney(b[k] as number | null | undefined),
        after: formatMoney(a[k] as number | null | undefined),
      }));
    }
    case 'status':
      return [{ field: '状态', before: STATUS_LABELS[before as ProjectStatus] ?? text(before), after: STATUS_LABELS[after as ProjectStatus] ?? text(after) }];
    case 'spendingPlan':
      return [{ field: '资金支出计划', before: planText(before), after: planText(after) }];
    case 'goals': {
      const list = (v: unknown) => (Array.isArray(v) ? v.map((g, i) => `${i + 1}.${text(g)}`).join('\n') : text(v));
      return [{ field: '年度绩效目标', before: list(before), after: list(after) }];
    }
    case 'indicators': {
      const b = Array.isArray(before) ? before : [];
      const a = Array.isArray(after) ? after : [];
      const rows: AuditRow[] = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (JSON.stringify(b[i]) === JSON.stringify(a[i])) continue;
        rows.push({
          field: `绩效指标第${i + 1}行`,
          before: i < b.length ? indicatorText(b[i]) : '（无）',
          after: i < a.length ? indicatorText(a[i]) : '（删除）',
        });
      }
      return rows;
    }
    default:
      return [{ field: anchorLabel(key), before: text(before), after: text(after) }];
  }
}

/** The rows of an entry's detail: its changed fields, then its comments. */
export function auditRows(detail: unknown): AuditRow[] {
  if (!isRecord(detail)) return detail == null ? [] : [{ field: '说明', before: '', after: text(detail) }];
  const rows: AuditRow[] = [];
  const before = isRecord(detail.before) ? detail.before : {};
  const after = isRecord(detail.after) ? detail.after : {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) rows.push(...fieldRows(key, before[key], after[key]));
  if (typeof detail.comment === 'string' && detail.comment !== '') rows.push({ field: '意见', before: '', after: detail.comment });
  if (Array.isArray(detail.comments)) {
    for (const c of detail.comments.filter(isRecord)) rows.push({ field: `意见·${anchorLabel(String(c.field))}`, before: '', after: text(c.text) });
  }
  if (rows.length === 0 && typeof detail.sourceYear === 'number' && typeof detail.sourceProjectId === 'number') {
    // 下年目标: started from last year's project.
    return [
      { field: '上年项目', before: '', after: `${detail.sourceYear}年项目（编号 ${detail.sourceProjectId}）` },
      { field: '绩效指标', before: '', after: `${text(detail.indicators)} 个，其中 ${text(detail.withActual)} 个附上年实际值` },
      { field: '年份更新', before: '', after: `${text(detail.yearsMoved)} 处“${detail.sourceYear}年”改为“${detail.sourceYear + 1}年”` },
    ];
  }
  if (rows.length === 0) {
    // Other entries (an import, a replacement): their own fields as they are.
    for (const [k, v] of Object.entries(detail)) if (k !== 'version') rows.push({ field: k, before: '', after: text(v) });
  }
  return rows;
}
