/**
 * 审批与公开 (issue 33): a region's settings per budget year, the ex-ante gate of approval, the rule
 * that publication follows 批复, and the 批复 batches (a department's approved projects issued with
 * one 文号 and date, 已审核 → 已批复), with the official notice as .docx. The pure rules are in
 * shared/domain/approval.ts; the SQL in db/approval.repository.ts.
 *
 * Access: the routes check the login and the duty; here the role (only a finance reviewer issues),
 * the department (404 for one the user may not see, as everywhere), the input (400) and the state
 * (409: a project not approved, a 文号 already used). Every change is one transaction with its
 * audit entries.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { ApprovalBatch, ApprovalBatchBody, ApprovalBatchList, ApprovalSettingsBody, ApprovalSettingsView } from '../../../shared/api/approval';
import type { ProjectGate } from '../../../shared/api/projects';
import { effectiveApprovalSettings, exAnteGate, type ApprovalSettings, type ExAnteGateResult } from '../../../shared/domain/approval';
import type { ExAnteConclusion, ExAnteStatus } from '../../../shared/domain/ex-ante';
import { formatWan2 } from '../../../shared/domain/money';
import { isRegionCode } from '../../../shared/domain/region';
import { settingCodesOf } from '../../../shared/domain/review-levels';
import { STATUS_LABELS } from '../../../shared/domain/workflow';
import { actorOf, assertDepartmentAccess, mayAccessDepartment, scopeDepartmentIds } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import {
  findApprovalBatch,
  findApprovalBatchByNumber,
  insertApprovalBatch,
  issueProjects,
  listApprovalBatches as listBatchRows,
  listApprovalSettings,
  listBatchProjects,
  saveApprovalSetting,
  type StoredApprovalBatch,
} from '../../db/approval.repository';
import { insertAuditEntry, loadProject, toAuditActor, type ActorInput } from '../../db/document.repository';
import { findExAnteProjects, listExAnteAssessmentsOf, type ExAnteProject } from '../../db/ex-ante.repository';
import { findRegionReviewLevels, findDepartmentLevel } from '../../db/review-levels.repository';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { insertWorkflowEvent } from '../../db/workflow.repository';
import { exportReportDocx, type ReportBlock } from '../../exporters/docx-exporter';
import { lastYearOf } from '../ex-ante/ex-ante.service';
import { refreshProjectFigures } from '../monitoring/figures.service';

// ---------------------------------------------------------------------------------------------
// Settings

/** The settings that apply to each of these projects (by its region and budget year). */
export async function settingsOfProjects(db: Db, projects: readonly { id: number; regionCode: string | null; year: number | null }[]): Promise<Map<number, ApprovalSettings>> {
  const chains = new Map(projects.map((p) => [p.id, p.regionCode === null || p.year === null ? [] : settingCodesOf(p.regionCode)]));
  const codes = [...new Set([...chains.values()].flat())];
  const years = [...new Set(projects.flatMap((p) => (p.year === null ? [] : [p.year])))];
  const rows = await listApprovalSettings(db, codes, years);
  const out = new Map<number, ApprovalSettings>();
  for (const p of projects) {
    const own = new Map(rows.filter((r) => r.year === p.year).map((r) => [r.regionCode, r]));
    out.set(p.id, effectiveApprovalSettings(chains.get(p.id) ?? [], own));
  }
  return out;
}

const settingsValue = (s: ApprovalSettings): ApprovalSettings => ({ exAnteGate: s.exAnteGate, budgetChangePerMille: s.budgetChangePerMille, publishRequiresIssue: s.publishRequiresIssue });

/** A region's own settings for a year and those that apply. 404 for a region not in the tree. */
export async function getRegionApprovalSettings(db: Db, code: string, year: number): Promise<ApprovalSettingsView> {
  if (!isRegionCode(code) || (await findRegionReviewLevels(db, code)) === undefined) throw new AppError(404, 'not-found', `区划 ${code} 不在区划表中`);
  const chain = settingCodesOf(code);
  const rows = await listApprovalSettings(db, chain, [year]);
  const own = rows.find((r) => r.regionCode === code);
  const from = chain.find((c) => rows.some((r) => r.regionCode === c)) ?? null;
  return {
    code,
    year,
    own: own === undefined ? null : settingsValue(own),
    effective: settingsValue(effectiveApprovalSettings(chain, new Map(rows.map((r) => [r.regionCode, r])))),
    from,
  };
}

/** Sets (null: clears) a region's settings for a year, audited. */
export async function assignRegionApprovalSettings(db: Db, code: string, body: ApprovalSettingsBody, opts: { actor: ActorInput; now: Date }): Promise<ApprovalSettingsView> {
  await inTransaction(db, async (trx) => {
    const before = await getRegionApprovalSettings(trx, code, body.year);
    const at = opts.now.toISOString();
    await saveApprovalSetting(trx, code, body.year, body.settings, at, toAuditActor(opts.actor).displayName);
    await insertAuditEntry(trx, {
      at,
      actor: opts.actor,
      action: 'region.approvalSettings',
      entity: 'region',
      entityId: null,
      detail: { code, year: body.year, from: before.own, to: body.settings },
    });
  });
  return getRegionApprovalSettings(db, code, body.year);
}

// ---------------------------------------------------------------------------------------------
// The ex-ante gate

/** The gate of each of these projects (those of a document naming a department). */
export async function gatesOf(db: Db, projectIds: readonly number[]): Promise<Map<number, ExAnteGateResult>> {
  const projects = await findExAnteProjects(db, projectIds);
  const settings = await settingsOfProjects(db, projects);
  // every project's year before and assessment: one that concluded 不予支持 (issue 58), and one a project needs and lacks
  // (issue 71), are said also where the gate is off
  const [lastYear, assessments] = await Promise.all([projects.length === 0 ? new Map<number, ExAnteProject | undefined>() : lastYearOf(db, projects), listExAnteAssessmentsOf(db, projects.map((p) => p.id))]);
  const byProject = new Map(assessments.map((a) => [a.projectId, a]));
  const out = new Map<number, ExAnteGateResult>();
  for (const p of projects) {
    const a = byProject.get(p.id);
    // A project without a budget year has no year before: the gate cannot decide it is new.
    const last = p.year === null ? { budgetFen: null } : lastYear.get(p.id);
    out.set(
      p.id,
      exAnteGate(
        { name: p.name, budgetFen: p.budgetFen },
        last === undefined ? undefined : { budgetFen: last.budgetFen },
        a === undefined ? undefined : { status: a.status as ExAnteStatus, conclusion: a.result as ExAnteConclusion, conclusionReason: a.conclusionReason },
        settings.get(p.id)!,
      ),
    );
  }
  return out;
}

export function gateView(g: ExAnteGateResult): ProjectGate {
  return { held: g.held, need: g.need, reason: g.reason, conclusion: g.conclusion, parts: g.parts };
}

/** The gate of a project about to be approved: 409 with the reason when it is held. */
export async function assertApprovable(db: Db, projectId: number): Promise<ExAnteGateResult> {
  const gate = (await gatesOf(db, [projectId])).get(projectId);
  if (gate === undefined) return { held: false, need: null, reason: null, conclusion: null, parts: null };
  if (gate.held) throw new AppError(409, 'conflict', gate.reason ?? '事前绩效评估未通过，不能审核通过');
  return gate;
}

/** Publication of an approved project that was not issued: 409 when its region's settings say 批复 comes first. */
export async function assertPublishable(db: Db, projectId: number): Promise<void> {
  const [project] = await findExAnteProjects(db, [projectId]);
  if (project === undefined || project.status !== 'approved') return;
  if ((await settingsOfProjects(db, [project])).get(project.id)!.publishRequiresIssue) {
    throw new AppError(409, 'conflict', `项目“${project.name}”尚未批复：本地区规定绩效目标随预算批复下达后才能公开，请先批复下达`);
  }
}

// ---------------------------------------------------------------------------------------------
// 批复 batches

async function batchView(db: Db, batch: StoredApprovalBatch): Promise<ApprovalBatch> {
  const projects = await listBatchProjects(db, [batch.id]);
  return {
    id: batch.id,
    department: { id: batch.departmentId, code: batch.departmentCode, name: batch.departmentName },
    regionCode: batch.regionCode,
    year: batch.year,
    docNumber: batch.docNumber,
    issuedOn: batch.issuedOn,
    createdBy: batch.createdBy,
    createdAt: batch.createdAt,
    projects: projects.map((p) => ({ id: p.id, code: p.code, name: p.name, budgetFen: p.budgetFen, status: p.status })),
  };
}

function validDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Issues (批复下达) these approved projects of a department with a 文号 and date. 403 for anyone but
 * a finance reviewer; 404 a department (or project) the user may not see; 400 a bad date; 409 a
 * project that is not an approved, current project of that department and year, or a 文号 the
 * region already used that year.
 */
export async function createApprovalBatch(db: Db, user: SessionUser, body: ApprovalBatchBody, now: Date): Promise<ApprovalBatch> {
  if (user.role !== 'reviewer') throw new AppError(403, 'forbidden', '只有财政部门审核人员可以批复下达');
  assertDepartmentAccess(user, body.departmentId);
  const department = await findDepartmentLevel(db, body.departmentId);
  if (department === undefined) throw new AppError(404, 'not-found', '未找到该单位');
  if (!validDate(body.issuedOn)) throw validationError([{ path: 'issuedOn', message: `批复日期“${body.issuedOn}”不是有效日期` }]);
  const docNumber = body.docNumber.trim();
  const ids = [...new Set(body.projectIds)];
  const at = now.toISOString();
  const id = await inTransaction(db, async (trx) => {
    const projects = new Map((await findExAnteProjects(trx, ids)).map((p) => [p.id, p]));
    for (const pid of ids) {
      const p = projects.get(pid);
      if (p === undefined || !mayAccessDepartment(user, p.departmentId)) throw new AppError(404, 'not-found', `项目 ${pid} 不存在`);
      if (p.departmentId !== body.departmentId) throw new AppError(409, 'conflict', `项目“${p.name}”不属于“${department.name}”，不能在同一批复中下达`);
      if (!p.isCurrent) throw new AppError(409, 'conflict', `项目“${p.name}”是已被替换的旧版本，不能批复`);
      if (p.year !== body.year) throw new AppError(409, 'conflict', `项目“${p.name}”的预算年度为${p.year ?? '未知'}，不是${body.year}年`);
      if (p.status !== 'approved') throw new AppError(409, 'conflict', `项目“${p.name}”当前为“${STATUS_LABELS[p.status]}”，审核通过（已审核）的项目才能批复下达`);
    }
    if ((await findApprovalBatchByNumber(trx, department.regionCode, body.year, docNumber)) !== undefined) {
      throw new AppError(409, 'conflict', `文号“${docNumber}”在本地区${body.year}年度已使用，请核对文号`);
    }
    const batchId = await insertApprovalBatch(trx, {
      departmentId: body.departmentId,
      regionCode: department.regionCode,
      year: body.year,
      docNumber,
      issuedOn: body.issuedOn,
      createdBy: user.displayName,
      createdAt: at,
    });
    if ((await issueProjects(trx, ids, batchId, at, user.displayName)) !== ids.length) {
      throw new AppError(409, 'conflict', '部分项目的状态刚刚发生变化，请刷新后重试');
    }
    for (const pid of ids) {
      await insertWorkflowEvent(trx, { projectId: pid, fromStatus: 'approved', toStatus: 'issued', actor: user.displayName, actorUserId: user.id, at, comment: `批复下达：${docNumber}（${body.issuedOn}）` });
      await insertAuditEntry(trx, {
        at,
        actor: actorOf(user),
        action: 'approval.issue',
        entity: 'project',
        entityId: pid,
        detail: { batchId, docNumber, issuedOn: body.issuedOn, before: { status: 'approved' }, after: { status: 'issued' } },
      });
    }
    await refreshProjectFigures(trx, ids);
    return batchId;
  });
  return batchView(db, (await findApprovalBatch(db, id))!);
}

/** A batch the user may see (its department's), else 404. */
export async function getApprovalBatch(db: Db, user: SessionUser, id: number): Promise<ApprovalBatch> {
  const batch = await findApprovalBatch(db, id);
  if (batch === undefined || !mayAccessDepartment(user, batch.departmentId)) throw new AppError(404, 'not-found', '未找到该批复');
  return batchView(db, batch);
}

/** The batches the user may see, of a department and year when given, the latest first. */
export async function listApprovalBatches(db: Db, user: SessionUser, query: { departmentId?: number | undefined; year?: number | undefined }): Promise<ApprovalBatchList> {
  if (query.departmentId !== undefined) assertDepartmentAccess(user, query.departmentId);
  const rows = await listBatchRows(db, { departmentIds: query.departmentId !== undefined ? [query.departmentId] : scopeDepartmentIds(user), year: query.year });
  const projects = await listBatchProjects(db, rows.map((r) => r.id));
  return {
    items: rows.map((b) => ({
      id: b.id,
      department: { id: b.departmentId, code: b.departmentCode, name: b.departmentName },
      regionCode: b.regionCode,
      year: b.year,
      docNumber: b.docNumber,
      issuedOn: b.issuedOn,
      createdBy: b.createdBy,
      createdAt: b.createdAt,
      projects: projects.filter((p) => p.batchId === b.id).map((p) => ({ id: p.id, code: p.code, name: p.name, budgetFen: p.budgetFen, status: p.status })),
    })),
  };
}

/** "2026年3月5日" from "2026-03-05". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The notice's blocks (the .docx and the tests read the same): title, 文号, addressee, the table of projects, date. */
export async function batchNoticeBlocks(db: Db, batch: ApprovalBatch): Promise<ReportBlock[]> {
  const rows = [];
  let total = 0;
  for (const [i, p] of batch.projects.entries()) {
    const project = await loadProject(db, p.id);
    const goals = project?.goals.join('；') ?? '';
    const indicators = project?.indicators.length ?? 0;
    total += p.budgetFen ?? 0;
    rows.push({
      cells: [
        { text: String(i + 1), align: 'center' as const },
        { text: p.code ?? '', align: 'left' as const },
        { text: p.name, align: 'left' as const },
        { text: p.budgetFen === null ? '—' : formatWan2(p.budgetFen), align: 'right' as const },
        { text: `${goals === '' ? '（未填写年度绩效目标）' : goals}（绩效指标 ${indicators} 项）`, align: 'left' as const },
      ],
    });
  }
  const head = (text: string) => ({ text, align: 'center' as const });
  return [
    { kind: 'title', text: `关于批复${batch.year}年度部门预算及项目绩效目标的通知` },
    { kind: 'paragraph', text: batch.docNumber },
    { kind: 'paragraph', text: `${batch.department.name}：` },
    {
      kind: 'paragraph',
      text: `根据预算管理和全面实施预算绩效管理的有关规定，现将你单位${batch.year}年度以下 ${batch.projects.length} 个项目的预算及绩效目标批复下达。请严格按照批复的绩效目标组织实施，做好绩效运行监控和绩效自评，并按规定公开。`,
    },
    {
      kind: 'table',
      columns: [6, 22, 24, 14, 34],
      rows: [
        { header: true, cells: ['序号', '项目编码', '项目名称', '预算（万元）', '年度绩效目标'].map(head) },
        ...rows,
        { cells: [head('合计'), { text: '', align: 'left' as const }, { text: '', align: 'left' as const }, { text: formatWan2(total), align: 'right' as const }, { text: '', align: 'left' as const }] },
      ],
    },
    { kind: 'paragraph', text: `批复日期：${chineseDate(batch.issuedOn)}` },
  ];
}

export async function exportBatchNoticeDocx(db: Db, batch: ApprovalBatch): Promise<Buffer> {
  return exportReportDocx(`${batch.department.name}${batch.year}年度预算及绩效目标批复`, await batchNoticeBlocks(db, batch));
}
