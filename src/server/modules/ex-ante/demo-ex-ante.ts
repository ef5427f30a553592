/**
 * Demo 事前绩效评估: for most projects of the latest year that need one (new, or budget changed by
 * more than the set share), an assessment written by the department's editor through the real
 * service — 绩效目标合理性 pre-filled from the review, the other criteria scored with concrete
 * deductions — with a spread of conclusions (mostly 予以支持, some 部分支持, a few 不予支持, one
 * now and then by a 否决项) and of statuses (draft, submitted, returned with the reviewer's reason,
 * resubmitted and approved). Deterministic for a database and seed.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { allCriteria, CONCLUSION_LABELS, scoreExAnte, type ExAnteConclusion } from '../../../shared/domain/ex-ante';
import { toSessionUser } from '../../app/auth';
import { Rng } from '../../demo-corpus/generate-corpus';
import { latestProjectYear, listCurrentProjectsOfYears, listExAnteAssessmentsOf } from '../../db/ex-ante.repository';
import type { Db } from '../../db/schema';
import { listUsers } from '../../db/user.repository';
import { actOnExAnte, createExAnte, exAnteActorOf, exAnteConfigFor, needsOf, saveExAnte, type ExAnteActor } from './ex-ante.service';

/** Why points were taken off, per criterion, as an assessor would write it. */
const DEDUCTION_REASONS: Record<string, string[]> = {
  'necessity.policy': ['政策依据引用不够具体，未说明对应的规划条款', '与年度重点工作的衔接表述较笼统'],
  'necessity.mandate': ['部分内容与本部门职能关联不够紧密', '未说明与部门中长期规划的关系'],
  'necessity.demand': ['需求调研数据不充分，受益对象数量未测算', '未说明不实施项目的影响'],
  'necessity.overlap': ['与上年度同类项目存在部分交叉，需进一步厘清', '与其他部门项目的分工说明不足'],
  'economy.cost': ['部分单价缺少市场询价或标准依据', '测算明细中服务费标准偏高'],
  'economy.budget': ['预算明细与实施内容对应不完整', '个别支出科目列示不规范'],
  'economy.resources': ['未说明现有设备、场地的利用情况', '存在重复购置的可能，成本控制措施不明确'],
  'feasibility.content': ['实施内容和范围表述较笼统', '技术路线说明不足'],
  'feasibility.organisation': ['责任分工不够明确', '未附相关管理制度'],
  'feasibility.schedule': ['实施进度与资金支出计划不匹配', '进度安排偏紧，前期准备时间不足'],
  'feasibility.risk': ['未识别主要实施风险', '风险应对措施较原则'],
  'funding.source': ['资金来源说明不完整', '部分支出是否属于财政支出范围需进一步说明'],
  'funding.mode': ['可采用政府购买服务方式，直接支出方式的理由不充分', '补助标准依据不足'],
  'funding.other': ['单位自筹资金来源未落实', '社会资金到位时间不确定'],
};

const CONCLUSION_REASONS: Record<ExAnteConclusion, string[]> = {
  support: ['项目立项依据充分，绩效目标明确，预算测算基本合理，实施方案可行，建议予以支持。', '项目符合部门职能和年度重点工作，投入产出匹配，建议按申报规模安排预算。'],
  partial: ['项目有一定必要性，但成本测算依据不足，建议压减部分预算后予以支持。', '绩效目标和实施方案需进一步细化，建议核减非必要支出后部分支持。'],
  reject: ['项目必要性和可行性论证不足，建议暂不安排预算，完善论证后再行申报。', '项目与已有项目存在交叉重复，资金来源不明确，不予支持。'],
};

const RETURN_REASONS = ['成本测算依据不足，请补充单价来源和测算明细。', '实施方案中进度安排与支出计划不一致，请核实后修改。', '扣分理由过于笼统，请逐项说明依据。'];

export interface DemoExAnteResult {
  year: number | null;
  needed: number;
  assessments: number;
  statuses: Record<string, number>;
  conclusions: Record<string, number>;
}

type Plan = 'draft' | 'submitted' | 'returned' | 'approved' | 'reapproved';

/** Seeds the demo's assessments (see the top of this file); does nothing for a project that has one. */
export async function seedDemoExAnte(db: Db, opts: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<DemoExAnteResult> {
  const seed = opts.seed ?? 1;
  const year = await latestProjectYear(db, null);
  const result: DemoExAnteResult = { year, needed: 0, assessments: 0, statuses: {}, conclusions: {} };
  if (year === null) return result;
  const users = await listUsers(db);
  const reviewerRow = users.find((u) => u.role === 'reviewer' && !u.disabled);
  const editors = new Map(users.filter((u) => u.role === 'editor' && u.departmentId !== null && !u.disabled).map((u) => [u.departmentId!, toSessionUser(u)]));
  // Without a reviewer's account the demo process reviews in the bureau's name, and writes a
  // department's assessment in its name when it has no editor: business roles, never the
  // system administrator's (三员分立).
  const reviewer: ExAnteActor = reviewerRow ? exAnteActorOf(toSessionUser(reviewerRow)) : { role: 'reviewer', departmentId: null, audit: 'demo' };

  const projects = await listCurrentProjectsOfYears(db, [year]);
  const needs = await needsOf(db, projects);
  const existing = new Set((await listExAnteAssessmentsOf(db, projects.map((p) => p.id))).map((a) => a.projectId));
  let clock = (opts.now ?? new Date()).getTime() - 2 * 24 * 60 * 60 * 1000;
  const tick = () => new Date((clock += 5 * 60 * 1000));
  opts.log?.('登记演示事前绩效评估…');

  for (const project of projects) {
    if (!needs.get(project.id)?.needed) continue;
    result.needed++;
    const rng = new Rng(seed ^ (project.id * 2654435761));
    // The assessment follows the project's place in the workflow (issue 58: the demo region approves behind the
    // ex-ante gate): a project the bureau has approved passed it (an assessment approved, 予以支持 or 部分支持); one in
    // the 绩效科's queue has one approved 予以支持 three times in four, else none yet (the gate holds it: the queue shows
    // why); an earlier one any of the spread below.
    const approvedAlready = ['approved', 'issued', 'published'].includes(project.status);
    const queued = project.status === 'submitted';
    if (queued ? !rng.chance(0.75) : !approvedAlready && !rng.chance(0.8)) continue;
    if (existing.has(project.id)) continue;
    const editorUser: SessionUser | undefined = editors.get(project.departmentId);
    const editor: ExAnteActor = editorUser ? exAnteActorOf(editorUser) : { role: 'editor', departmentId: project.departmentId, audit: 'demo' };
    const created = await createExAnte(db, project.id, editor, tick());
    if (created.assessment === null) continue;

    // A target total by profile: most supported, some partly, a few rejected (one in four of those by a 否决项).
    const r = approvedAlready || queued ? rng.next() * (queued ? 0.6 : 0.85) : rng.next();
    const targetTenths = r < 0.6 ? rng.int(165, 190) * 5 : r < 0.85 ? rng.int(125, 158) * 5 : rng.int(100, 118) * 5;
    const veto = r >= 0.85 && rng.chance(0.25);
    const config = exAnteConfigFor(project);
    const criteria = allCriteria(config);
    const prefilled = new Map(created.assessment.dimensions.flatMap((d) => d.criteria).map((k) => [k.id, k]));
    const scores = new Map(criteria.map((k) => [k.id, { tenths: prefilled.get(k.id)?.points != null ? Math.round(prefilled.get(k.id)!.points! * 10) : k.maxTenths, reason: prefilled.get(k.id)?.reason ?? null }]));
    if (veto) scores.set('necessity.overlap', { tenths: 0, reason: DEDUCTION_REASONS['necessity.overlap']![0]! });
    let total = [...scores.values()].reduce((s, x) => s + x.tenths, 0);
    const open = criteria.filter((k) => k.dimension !== 'targets' && !k.veto);
    for (let guard = 0; total > targetTenths && guard < 400; guard++) {
      const k = rng.pick(open);
      const s = scores.get(k.id)!;
      // Keep each criterion above a third of its points: deductions, not zeros.
      if (s.tenths - 5 < Math.ceil(k.maxTenths / 3)) continue;
      s.tenths -= 5;
      s.reason ??= rng.pick(DEDUCTION_REASONS[k.id] ?? ['论证不够充分']);
      total -= 5;
    }
    const input = criteria.map((k) => ({ criterionId: k.id, scoreTenths: scores.get(k.id)!.tenths, reason: scores.get(k.id)!.reason }));
    const conclusion = scoreExAnte({ scores: input, conclusion: null, conclusionReason: null }, config).ruleConclusion;
    // Now and then the assessor is stricter than the rule.
    const chosen: ExAnteConclusion | null = conclusion === 'support' && rng.chance(0.1) ? 'partial' : null;
    const body = {
      version: created.assessment.version,
      scores: criteria.map((k) => ({ criterionId: k.id, points: scores.get(k.id)!.tenths / 10, reason: scores.get(k.id)!.reason })),
      conclusion: chosen,
      // The duplication reason only where 非重复性 was the 否决项.
      conclusionReason: (chosen ?? conclusion) === 'reject' ? CONCLUSION_REASONS.reject[veto ? 1 : 0]! : rng.pick(CONCLUSION_REASONS[chosen ?? conclusion]),
    };
    let view = await saveExAnte(db, project.id, body, editor, tick());
    const plan: Plan = approvedAlready || queued ? rng.pick<Plan>(['approved', 'approved', 'reapproved']) : rng.pick<Plan>(['draft', 'submitted', 'submitted', 'returned', 'approved', 'approved', 'approved', 'reapproved']);
    const act = async (actor: ExAnteActor, action: 'submit' | 'return' | 'approve', comment?: string) => {
      view = await actOnExAnte(db, project.id, { action, version: view.assessment!.version, comment }, actor, tick());
    };
    if (plan !== 'draft') await act(editor, 'submit');
    if (plan === 'returned' || plan === 'reapproved') await act(reviewer, 'return', rng.pick(RETURN_REASONS));
    if (plan === 'reapproved') {
      const revised = { ...body, version: view.assessment!.version, conclusionReason: `${body.conclusionReason}（已按审核意见补充测算依据。）` };
      view = await saveExAnte(db, project.id, revised, editor, tick());
      await act(editor, 'submit');
    }
    if (plan === 'approved' || plan === 'reapproved') await act(reviewer, 'approve');
    const a = view.assessment!;
    result.assessments++;
    result.statuses[a.status] = (result.statuses[a.status] ?? 0) + 1;
    result.conclusions[CONCLUSION_LABELS[a.conclusion]] = (result.conclusions[CONCLUSION_LABELS[a.conclusion]] ?? 0) + 1;
  }
  return result;
}
