/**
 * The change history in words (issue 34): every action the code writes has its Chinese name in
 * one table (read from the source, so a new write without a name fails here as well as in tsc);
 * every field of the entries a project's history holds is named; amounts in 万元 with two
 * decimals; no key, no JSON, no fen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ACTION_STEPS, auditActionLabel, isAuditAction } from '../../src/shared/audit/actions';
import { historyActorName, historyEntry, historyRows, type HistoryRow } from '../../src/shared/audit/history';
import { diffText } from '../../src/shared/audit/text-diff';
import { formatFigure, formatWan2, roundDecimalsInText } from '../../src/shared/domain/money';

const SRC = join(import.meta.dirname, '../../src/server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every action an audit write names: the literal ones, and the templated ones with their steps expanded. */
function writtenActions(): { literal: Set<string>; templated: Set<string> } {
  const literal = new Set<string>();
  const templated = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/insertAuditEntr|audit_log|auditLog|AuditEntry/.test(text)) continue;
    for (const m of text.matchAll(/\baction:\s*'([a-z][\w-]*(?:\.[\w-]+)?)'/g)) {
      const action = m[1]!;
      // a workflow body's action ('submit') or an import decision ('create') is not an audit action
      if (action.includes('.') || action === 'generate') literal.add(action);
    }
    for (const m of text.matchAll(/\baction:\s*`([a-z][\w-]*)\.\$\{/g)) templated.add(m[1]!);
  }
  return { literal, templated };
}

describe('audit actions', () => {
  it('names every action written anywhere in src/server', () => {
    const { literal, templated } = writtenActions();
    expect(literal.size).toBeGreaterThan(15);
    const unnamed = [...literal].filter((a) => !isAuditAction(a));
    expect(unnamed).toEqual([]);
    expect([...templated].sort()).toEqual(['ex-ante', 'project', 'rectification']);
    for (const prefix of templated) {
      const steps = AUDIT_ACTION_STEPS[prefix];
      expect(steps, prefix).toBeDefined();
      for (const step of steps!) expect(isAuditAction(`${prefix}.${step}`), `${prefix}.${step}`).toBe(true);
    }
    // and the rectification service's own steps (its audit() calls name them)
    const rect = readFileSync(join(SRC, 'modules/rectification/rectification.service.ts'), 'utf8');
    for (const m of rect.matchAll(/await audit\([^,]+,[^,]+,[^,]+,\s*'([a-z]+)'/g)) expect(isAuditAction(`rectification.${m[1]}`), m[1]).toBe(true);
  });

  it('gives every action a Chinese name, and an unknown one no code', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) expect(label, action).toMatch(/^[\u4e00-\u9fff“”（）]+$/);
    expect(auditActionLabel('results.decide')).toBe('确定结果运用');
    expect(auditActionLabel('something.new')).toBe('其他操作');
  });
});

const noDeveloperData = (rows: readonly HistoryRow[]) => {
  for (const r of rows) {
    const text = `${r.field} ${r.before} ${r.after}`;
    expect(text, text).not.toMatch(/[{}]|Fen|[a-z][A-Z]|\b[a-z]+\.[a-z]+\b/);
    expect(r.unlabelled, r.field).toBeUndefined();
    expect(`${r.before} ${r.after}`, text).not.toMatch(/\d\.\d{3,}/);
  }
};

describe('history rows', () => {
  const ind = { level1Raw: '产出指标', level2Raw: '数量指标', name: '培训人次', description: null, targetRaw: '≥100人次', basis: null };

  it('shows a save as the changed fields by their Chinese labels, amounts in 万元 with two decimals', () => {
    const rows = historyRows('project.update', {
      version: 3,
      before: { name: 'a', budget: { total: 30_000_000 }, indicators: [ind, ind], spendingPlan: [{ checkpoint: '03', percent: 25, amount: 1, given: 'percent' }] },
      after: { name: 'b', budget: { total: 1_234_567 }, indicators: [ind, { ...ind, targetRaw: '显著提高' }, ind], spendingPlan: [{ checkpoint: '03', percent: null, amount: 30_000_000, given: 'amount' }] },
    });
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['项目名称', 'a', 'b'],
      ['预算数', '30.00 万元', '1.23 万元'],
      ['绩效指标第2行', '产出指标 / 数量指标 / 培训人次；指标值：≥100人次', '产出指标 / 数量指标 / 培训人次；指标值：显著提高'],
      ['绩效指标第3行', '（无）', '产出指标 / 数量指标 / 培训人次；指标值：≥100人次'],
      ['资金支出计划', '3月底 25.00%', '3月底 30.00 万元'],
    ]);
    // the changed row's text comes with its character diff
    expect(rows[2]!.diff!.filter((p) => p.op !== '=').map((p) => p.op + p.text)).toEqual(['-≥100人次', '+显著提高']);
    noDeveloperData(rows);
  });

  it('shows a return with its status change and comments in words', () => {
    const rows = historyRows('project.return', {
      version: 4,
      before: { status: 'submitted' },
      after: { status: 'returned' },
      comment: '请补充',
      comments: [{ field: 'indicator:0.target', text: '不可衡量' }, { field: 'budget.total', text: '核对' }],
    });
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['状态', '已提交', '退回'],
      ['意见', '', '请补充'],
      ['意见·指标1·指标值', '', '不可衡量'],
      ['意见·预算数', '', '核对'],
    ]);
    noDeveloperData(rows);
  });

  it('shows a results decision: the consequence, percentage, amount in 万元, the suggestion and its basis', () => {
    const rows = historyRows('results.decide', {
      consequence: '压减',
      percent: 70,
      amountFen: 8_321_180_000,
      overridden: true,
      reason: '执行率偏低',
      suggestion: { consequence: '保持', percent: 100, amountFen: -1_567_515_000 },
      basis: { grade: '中', total: 72.5 },
      before: null,
    });
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['结果运用', '', '压减'],
      ['下年预算安排比例', '', '70.00%'],
      ['下年预算安排金额', '', '8,321.18 万元'],
      ['调整了系统建议', '', '是'],
      ['调整理由', '', '执行率偏低'],
      ['系统建议·结果运用', '', '保持'],
      ['系统建议·下年预算安排比例', '', '100.00%'],
      ['系统建议·下年预算安排金额', '', '-1,567.52 万元'],
      ['依据·自评等级', '', '中'],
      ['依据·自评得分', '', '72.50 分'],
    ]);
    noDeveloperData(rows);
    // a second decision shows what changed against the first
    const again = historyRows('results.decide', { consequence: '保持', percent: 100, amountFen: 1, overridden: false, reason: null, suggestion: {}, basis: {}, before: { consequence: '压减', percent: 70, amountFen: 1, overridden: true, reason: 'x' } });
    expect(again.slice(0, 4).map((r) => [r.field, r.before, r.after])).toEqual([
      ['结果运用', '压减', '保持'],
      ['下年预算安排比例', '70.00%', '100.00%'],
      ['调整了系统建议', '是', '否'],
      ['调整理由', 'x', '（空）'],
    ]);
  });

  it('names the indicators of an execution record and a self-evaluation by name, their fields in Chinese', () => {
    const names = { indicator: (id: string) => (id === '7' ? '培训人次' : undefined) };
    const rows = historyRows(
      'execution.save',
      { asOf: '2026-06-30', recordId: 3, replaced: true, before: { spentFen: 795_875_200, indicators: { '7': { valueToDate: '50', projected: '90', likelihood: '较大', cause: null, causeNote: null, measure: null } } }, after: { spentFen: 800_000_000, indicators: { '7': { valueToDate: '60', projected: '95', likelihood: '较大', cause: null, causeNote: null, measure: null } } } },
      names,
    );
    expect(rows.map((r) => r.field)).toContain('绩效指标·指标“培训人次”·截至目前完成值');
    expect(rows.find((r) => r.field === '累计支出')).toMatchObject({ before: '795.88 万元', after: '800.00 万元' });
    expect(rows.find((r) => r.field === '截至日期')).toMatchObject({ after: '2026-06-30' });
    noDeveloperData(rows);
    const self = historyRows('self-evaluation.save', { evaluationId: 1, total: 81.255, grade: '良', before: null, after: { adjustedBudgetFen: null, spentFen: 795_875_200, executionExplanation: null, goalAchievement: '基本完成', indicators: { '9': { weight: 10, actualKind: 'value', actualText: '95', grade: null, percent: null, deviationCause: null, improvement: null } } } });
    expect(self.find((r) => r.field === '全年执行数')).toMatchObject({ before: '', after: '795.88 万元' });
    expect(self.map((r) => r.field)).toContain('绩效指标·指标（名称未记录）·实际完成值');
    noDeveloperData(self);
  });

  it('leaves out the log’s bookkeeping (versions, row ids, settings ids)', () => {
    const rows = historyRows('ex-ante.create', { assessmentId: 4, configId: 'default-2025', findings: 3 });
    expect(rows.map((r) => [r.field, r.after])).toEqual([['审核发现的问题数', '3']]);
  });

  it('shows a field it does not know as 其他字段, flagged, never by its key or as JSON', () => {
    const rows = historyRows('project.update', { before: { secretKey: { a: 1 } }, after: { secretKey: { a: 2 } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ field: '其他字段', before: '1', after: '2', unlabelled: true });
  });

  it('names the person with the account and the action in Chinese', () => {
    expect(historyActorName({ actor: '张三', actorUsername: 'zhangsan' })).toBe('张三（zhangsan）');
    expect(historyActorName({ actor: 'system', actorUsername: 'system' })).toBe('system');
    expect(historyEntry({ at: 'x', actor: '李四', actorUsername: null, action: 'project.carryOver', detail: { sourceProjectId: 12, sourceName: '社区服务经费', sourceYear: 2025, year: 2026, indicators: 6, withActual: 4, yearsMoved: 2 } })).toMatchObject({
      actor: '李四',
      actionLabel: '以上年项目为基础编制',
      // the source project by its name, not its id (issue 58)
      rows: [
        { field: '上年项目', after: '社区服务经费' },
        { field: '上年年度', after: '2025' },
        { field: '编制年度', after: '2026' },
        { field: '沿用的绩效指标数', after: '6' },
        { field: '附上年实际值的指标数', after: '4' },
        { field: '年份改为下年的处数', after: '2' },
      ],
    });
  });
});

describe('text diff', () => {
  it('marks what was deleted and inserted, in order, and rebuilds both texts', () => {
    const parts = diffText('预计培训100人次，覆盖全区', '预计培训120人次，覆盖全区及周边');
    expect(parts.filter((p) => p.op !== '+').map((p) => p.text).join('')).toBe('预计培训100人次，覆盖全区');
    expect(parts.filter((p) => p.op !== '-').map((p) => p.text).join('')).toBe('预计培训120人次，覆盖全区及周边');
    expect(parts.filter((p) => p.op !== '=')).toEqual([
      { op: '-', text: '0' },
      { op: '+', text: '2' },
      { op: '+', text: '及周边' },
    ]);
    expect(diffText('', 'a')).toEqual([{ op: '+', text: 'a' }]);
    expect(diffText('same', 'same')).toEqual([{ op: '=', text: 'same' }]);
  });
});

describe('one amount format', () => {
  it('shows 万元 with exactly two decimals, rounded half up on the fen, and figures with their unit', () => {
    expect(formatWan2(-1_567_515_000)).toBe('-1,567.52');
    expect(formatWan2(8_321_180_000)).toBe('8,321.18');
    expect(formatWan2(795_875_200)).toBe('795.88');
    expect(formatWan2(-4_000)).toBe('0.00');
    expect(formatFigure(10.645, '万元')).toBe('10.65万元');
    expect(formatFigure(9.0475, '万元')).toBe('9.05万元');
    expect(formatFigure(12.2425, '万元')).toBe('12.24万元');
    expect(formatFigure(95, '%')).toBe('95%');
    expect(formatFigure(33.3333, '人次')).toBe('33.33人次');
    expect(roundDecimalsInText('795.8752')).toBe('795.88');
    expect(roundDecimalsInText('上年结转资金：1,262.165 区级资金：20.00')).toBe('上年结转资金：1,262.17 区级资金：20.00');
    expect(roundDecimalsInText('999.995')).toBe('1000.00');
    expect(roundDecimalsInText('0.004')).toBe('0.00');
  });
});

/**
 * An entry of each action as its service writes it (issue 58): every field named in Chinese, every
 * value in words — no key, no id for a name, no English value (`value`, `supervisor_section`).
 */
const WRITTEN: [string, Record<string, unknown>][] = [
  ['department.create', { code: '763001', name: '社工部', regionCode: '130202' }],
  ['department.rename', { code: '763001', from: '社工部', to: '社会工作部' }],
  ['department.assignCode', { name: '社工部', code: '763001' }],
  ['department.region', { name: '社工部', from: null, to: '130202' }],
  ['department.parent', { name: '志愿服务中心', from: null, to: 1, fromName: null, parentName: '社工部' }],
  ['department.section', { name: '社工部', from: 2, to: 1, fromName: '行政政法科', sectionName: '社会保障科' }],
  ['section.create', { regionCode: '130202', regionName: '路南区', name: '社会保障科' }],
  ['section.rename', { regionCode: '130202', from: '社保科', to: '社会保障科' }],
  ['section.delete', { regionCode: '130202', name: '社会保障科' }],
  ['region.import', { added: 3, updated: 0, unchanged: 1, total: 4 }],
  ['region.reviewLevels', { code: '130202', name: '路南区', from: null, to: 'supervisor_section', fromYear: 2025 }],
  ['region.approvalSettings', { code: '130202', year: 2025, from: null, to: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false } }],
  ['approval.issue', { batchId: 3, docNumber: '路财预〔2025〕12号', issuedOn: '2025-03-01', before: { status: 'approved' }, after: { status: 'issued' } }],
  ['adjustment.request', { adjustmentId: 4, effectiveOn: '2025-07-01', reason: '服务对象增加', changes: [{ change: 'changed', name: '培训人次', before: '≥1000人次', after: '≥1200人次' }, { change: 'added', name: '培训场次', before: null, after: '≥20场' }, { change: 'removed', name: '社会效益', before: '显著提高', after: null }], budget: { before: 474_340_000, after: 450_010_000 } }],
  ['adjustment.request', { adjustmentId: 4, effectiveOn: '2025-07-01', reason: '早先写成万元文字的预算', changes: [], budget: { before: '474.34', after: '450.01' } }],
  ['adjustment.approve', { adjustmentId: 4, effectiveOn: '2025-07-01', version: 2, comment: '同意' }],
  ['adjustment.return', { adjustmentId: 4, effectiveOn: '2025-07-01', comment: '请补充依据' }],
  ['document.import', { file: '763001_2025.txt', sha256: 'db4a', year: 2025, departmentId: 1, projects: 5, indicators: 31, diagnostics: 0, replaces: null }],
  ['document.supersede', { supersededBy: 9, file: '763001_2025.txt', sha256: 'db4a' }],
  ['project.submit', { version: 2, before: { status: 'draft' }, after: { status: 'unit_submitted' } }],
  ['project.approve', { version: 5, before: { status: 'submitted' }, after: { status: 'approved' }, exAnte: { conclusion: 'partial', parts: '设备购置部分' } }],
  ['project.return', { version: 3, before: { status: 'submitted' }, after: { status: 'returned' }, comment: '请修改', comments: [{ field: 'indicator:2.target', text: '请量化' }] }],
  ['project.carryOver', { sourceProjectId: 12, sourceName: '社区服务经费', sourceYear: 2025, year: 2026, indicators: 6, withActual: 4, yearsMoved: 2 }],
  ['self-evaluation.save', { evaluationId: 3, total: 91.5, grade: '优', before: { indicators: { '178': { actualKind: 'value', actualText: '10' } } }, after: { indicators: { '178': { actualKind: 'graded', grade: '部分达成', percent: 76 } } } }],
  ['execution.save', { asOf: '2025-06-30', recordId: 3, replaced: false, before: { spentFen: 100 }, after: { spentFen: 200, indicators: { '178': { valueToDate: '8' } } } }],
  ['stage.open', { title: '2025年绩效监控（6月底）', regionCode: '130202', year: 2025, kind: 'monitoring', roundAsOf: '2025-06-30', label: '6月底', opensOn: '2025-07-01', dueOn: '2025-07-15' }],
  ['stage.edit', { title: '2025年绩效监控', dueOn: { from: '2025-07-15', to: '2025-07-20' }, label: { from: null, to: '6月底' } }],
  ['stage.close', { title: '2025年绩效监控' }],
  ['stage.remind', { title: '2025年绩效监控', departments: [{ id: 3, name: '社工部', state: 'overdue', accounts: 2 }], notifications: 2 }],
  ['user.create', { username: 'dept-763001', displayName: '社工部填报人', role: 'editor', departmentId: 1, regionCode: '130202', sectionId: 2 }],
  ['user.update', { username: 'dept-763001', before: { role: 'editor', disabled: false, departmentId: 1 }, after: { role: 'supervisor', disabled: true, departmentId: 2 } }],
  ['user.passwordChange', { username: 'dept-763001', passwordChanged: true }],
  ['generate', { projects: 100, seed: 1, year: 2025, years: 2, statuses: { draft: 10, published: 40 } }],
  ['rectification.create', { projectId: 3, departmentId: 1, sourceKind: 'finding', sourceKey: 'finding:budget.total:3', sourceText: '预算数缺失', requirement: '补填', deadline: '2025-09-30' }],
  ['rectification.withdraw', { reason: '误建', item: { projectId: 3, departmentId: 1, sourceKind: 'finding', sourceKey: 'finding:x', sourceText: '预算数缺失' } }],
  ['ex-ante.create', { assessmentId: 1, configId: 'default-2025', prefilled: [], findings: 3, copiedFrom: { projectId: 9, assessmentId: 2, status: 'approved' } }],
];

describe('every action’s entry reads in words (issue 58)', () => {
  it.each(WRITTEN)('%s', (action, detail) => {
    const rows = historyRows(action, detail, { indicator: (id) => (id === '178' ? '培训人次' : undefined) });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.unlabelled, `${action}: ${r.field}`).toBeUndefined();
      const text = `${r.field}：${r.before} → ${r.after}`;
      // names as written (a file, a username, a settings id) aside, nothing English; no id named as a number
      const words = text.replace(/763001_2025\.txt|dept-763001|default-2025/g, '');
      expect(words, `${action}: ${text}`).not.toMatch(/[A-Za-z]{2,}|#\d|编号/);
    }
  });

  it('an adjustment request says what changed, row by row, and the budget in 万元', () => {
    const rows = historyRows('adjustment.request', WRITTEN.find(([a]) => a === 'adjustment.request')![1]);
    expect(rows.find((r) => r.field === '调整内容')!.after).toBe('调整：培训人次（≥1000人次 → ≥1200人次）\n新增：培训场次（指标值 ≥20场）\n取消：社会效益（原指标值 显著提高）');
    expect(rows.find((r) => r.field === '调整前全年预算')!.after).toBe('474.34 万元');
    expect(rows.find((r) => r.field === '调整后全年预算')!.after).toBe('450.01 万元');
  });
});
