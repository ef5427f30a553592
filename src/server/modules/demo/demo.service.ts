/**
 * Demo data for a fresh database, so that every screen has something to show on first start.
 *
 * - Documents (only when the database has none): the fixtures' departments with their own codes
 *   and names, 5–15 of each one's own projects, for DEMO_YEAR (demo-corpus/demo-documents.ts), and
 *   the units (DEMO_UNITS) of 路南区's 主管部门, 4–7 generated projects each; or the files the
 *   caller names instead. They go through the normal import (one
 *   transaction per document, review results stored), so the demo is what an import gives.
 * - Accounts (only when there are none): admin, the reviewer (财政局绩效科), one editor per
 *   department (`dept-<code>`), and the regional finance accounts of the demo's small province
 *   (DEMO_REGIONS: 河北省, 唐山市 and 保定市, their districts) — reviewer-hebei, reviewer-tangshan,
 *   reviewer-lunan, each seeing its region and those below —, then the 主管部门's account
 *   (`supervisor-<code>`, levels of review) and last the accounts of 路南区's business sections
 *   (`section-lunan-…`, DEMO_SECTIONS), all with the password DEMO_PASSWORD.
 * - Levels of review (with the region tree, when it is loaded): 路南区 (DEMO_LEVELS_REGION) uses
 *   all four levels, 单位 → 主管部门 → 财政业务科室 → 绩效科; its first department is the 主管部门 of
 *   the others there (the district's other fixture department and the DEMO_UNITS, three units); its
 *   bureau has two business sections (DEMO_SECTIONS), the 主管部门 and the units the demo adds
 *   assigned to the first, the district's other fixture departments to the second. Besides those
 *   units (coded after their 主管部门) the demo invents no departments (demo-documents.ts).
 * - Workflow (only when both were just created): the projects spread over every status through
 *   the real workflow service — submitted, returned with comments anchored to the cells the review
 *   flagged, resubmitted, approved, published — so the review queues (of every level), the audit
 *   log, the dashboard and the public pages are not empty.
 * - Monitoring and self-evaluation (only after the workflow spread): two rounds of execution
 *   records (end of June, end of August) and a self-evaluation for every approved or published
 *   project, generated deterministically by generateDemoMonitoring, so the monitoring screens
 *   show green, yellow and red lights with causes, key-monitoring projects, scores and rankings.
 */
import { join } from 'node:path';
import { listRegions } from '../../db/region.repository';
import { importRegions } from '../regions/regions.service';
import { existsSync } from 'node:fs';
import type { SessionUser, UserAccount } from '../../../shared/api/auth';
import { COMMENT_FIELD_PATTERN, type ProjectRecord, type WorkflowActionBody } from '../../../shared/api/projects';
import type { ProjectStatus, WorkflowAction } from '../../../shared/domain/workflow';
import { DEMO_PASSWORD } from '../../../shared/domain/password-policy';
import { loadRegionAccess, toSessionUser } from '../../app/auth';
import { departmentsOfRegion, listDepartmentLevels, listDepartmentParents, listSupervisingDepartments } from '../../db/review-levels.repository';
import { listSections } from '../../db/section.repository';
import { assignDepartmentParent, assignRegionReviewLevels } from '../levels/levels.service';
import { assignDepartmentSection, createBusinessSection } from '../levels/sections.service';
import { harvestFixtures, type GeneratedDocument } from '../../demo-corpus/generate-corpus';
import { generateDemoCorpus, generateDemoUnits } from '../../demo-corpus/demo-documents';
import { countStored, findCurrentDocumentBySha256, listDocuments } from '../../db/document.repository';
import { listProjectIdsOfDocument } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { countUsers, findUserByUsername, listDepartments, listUsers } from '../../db/user.repository';
import { importBytes, importFiles, type FileOutcome } from '../imports/import-files';
import { createAccount } from '../users/users.service';
import { verifyPassword } from '../auth/auth.service';
import { applyWorkflowAction } from '../workflow/workflow.service';
import { generateDemoMonitoring, type DemoMonitoringResult } from '../execution-records/demo-execution';
import { generateDemoResultsDecisions } from '../results/demo-results';
import { generateDemoRectifications } from '../rectification/demo-rectification';
import { seedDemoExAnte } from '../ex-ante/demo-ex-ante';
import { saveApprovalSetting } from '../../db/approval.repository';
import { REPO_ROOT } from '../../paths';

/** The password of every demo account (published: it signs in only in demo mode). */
export { DEMO_PASSWORD };
/** The budget year of the generated documents. */
export const DEMO_YEAR = 2025;
export const DEMO_SEED = 20250101;
/** The fixtures beside the checkout (../shared/fixtures/documents): the generator's raw material. */
export const DEFAULT_FIXTURE_DIR = join(REPO_ROOT, '..', 'shared', 'fixtures', 'documents', '/');

/** Written to the audit log as the actor of what the demo loader does. */
const DEMO_ACTOR: SessionUser = { id: 0, username: 'demo', displayName: '演示数据', role: 'admin', departmentId: null, departmentName: null, mustChangePassword: false };

export interface DemoOptions {
  /** Import these files (paths) instead of generating documents. */
  files?: string[];
  /** Where the generator finds the fixtures; default DEFAULT_FIXTURE_DIR. */
  fixtureDir?: string;
  seed?: number;
  /** The time the demo's actions are dated (default now). */
  now?: Date;
  /** Progress lines for the terminal. */
  log?: (line: string) => void;
}

/** An account the demo created, with its password, for the start-up message. */
export interface DemoLogin {
  username: string;
  displayName: string;
  role: SessionUser['role'];
  departmentName: string | null;
  password: string;
}

export interface DemoResult {
  /** What became of each document; empty when the database already had documents. */
  documents: FileOutcome[];
  /** Accounts created now; empty when the database already had accounts. */
  accounts: DemoLogin[];
  /** Projects per status after the workflow spread; null when it did not run. */
  statuses: Partial<Record<ProjectStatus, number>> | null;
  /** The execution records and self-evaluations written after the workflow spread; null when it did not run. */
  monitoring: DemoMonitoringResult | null;
  /** Why something was left out (no fixtures to generate from …), for the terminal. */
  notices: string[];
}

/**
 * The generated documents of the demo: one per fixture department, 5–15 of its own projects; then
 * the units (DEMO_UNITS) of the 主管部门 of DEMO_LEVELS_REGION (its first fixture department there),
 * 4–7 generated projects each (none when the fixtures have no department there).
 */
export async function generateDemoDocuments(fixtureDir: string, seed = DEMO_SEED): Promise<GeneratedDocument[]> {
  const harvest = await harvestFixtures(fixtureDir);
  const departments = generateDemoCorpus(harvest, { seed, year: DEMO_YEAR, minProjects: 5, maxProjects: 15 });
  const regionOf = (d: GeneratedDocument) => d.projects.find((p) => p.code !== null)?.code?.slice(0, 6) ?? null;
  const parent = departments.find((d) => regionOf(d) === DEMO_LEVELS_REGION);
  if (parent === undefined) return departments;
  const used = new Set(departments.map((d) => d.department.code));
  return [...departments, ...generateDemoUnits(harvest, parent, used, { seed, year: DEMO_YEAR, minProjects: 4, maxProjects: 7, names: DEMO_UNITS })];
}

/**
 * Loads what is missing of the demo (see the top of this file). Safe to call on every start: a
 * database with documents keeps them, one with accounts keeps them.
 */
export async function loadDemoData(db: Db, opts: DemoOptions = {}): Promise<DemoResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const result: DemoResult = { documents: [], accounts: [], statuses: null, monitoring: null, notices: [] };
  // the generated demo's own settings (the ex-ante gate) are not laid over files a person gave
  let generated = false;

  if ((await countStored(db)).documents === 0) {
    if (opts.files && opts.files.length > 0) {
      log(`数据库为空，导入 ${opts.files.length} 个文件…`);
      result.documents = await importFiles(db, opts.files, { actor: DEMO_ACTOR.displayName, now, acceptDoubts: true });
    } else {
      const fixtureDir = opts.fixtureDir ?? DEFAULT_FIXTURE_DIR;
      if (existsSync(fixtureDir)) {
        const docs = await generateDemoDocuments(fixtureDir, opts.seed);
        generated = true;
        log(`数据库为空，生成演示数据（${docs.length} 个单位，${DEMO_YEAR} 年）…`);
        for (const doc of docs) {
          result.documents.push(await importBytes(db, Buffer.from(doc.text, 'utf8'), doc.file, { actor: DEMO_ACTOR.displayName, now }));
        }
      } else {
        result.notices.push(`没有找到生成演示数据所需的示例文档目录 ${fixtureDir}；数据库保持为空，可在“导入”页上传文档。`);
      }
    }
  }

  // A small province's region tree (issue 32): the demo's departments lie in it by their project codes.
  if ((await listRegions(db)).length === 0) {
    await importRegions(db, DEMO_REGIONS, { actor: DEMO_ACTOR.displayName, now });
    await seedDemoLevels(db, now);
  }

  if ((await countUsers(db)) > 0) await addMissingDemoAdministrators(db, now);
  else {
    result.accounts = await createDemoAccounts(db, now);
    const imported = result.documents.some((d) => d.ok && d.status !== 'unchanged');
    if (imported) {
      result.statuses = await spreadWorkflow(db, now);
      // Only approved and published projects are monitored: after the spread, never before.
      log('登记演示监控数据（执行记录、绩效自评）…');
      result.monitoring = await generateDemoMonitoring(db, { seed: opts.seed ?? DEMO_SEED, actor: DEMO_ACTOR.displayName, now });
      await generateDemoResultsDecisions(db, { seed: opts.seed ?? DEMO_SEED, actor: DEMO_ACTOR.displayName, now });
      await generateDemoRectifications(db, { seed: opts.seed ?? DEMO_SEED, now });
      await seedDemoExAnte(db, { seed: opts.seed ?? DEMO_SEED, now, log });
      // The demo's province approves behind the ex-ante gate (issue 58): a new project, or one whose budget
      // changed over 20 %, is approved only once its assessment is (the approve dialogs and the queue say so).
      if (generated) await saveApprovalSetting(db, DEMO_PROVINCE, DEMO_YEAR, { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false }, now.toISOString(), DEMO_ACTOR.displayName);
    }
  }
  return result;
}

/**
 * Outside demo mode: the FILES given, imported into a database without documents; nothing is
 * generated and no demo account made (server.ts makes a first admin instead).
 */
export async function loadFiles(db: Db, opts: Pick<DemoOptions, 'files' | 'now' | 'log'> = {}): Promise<DemoResult> {
  const result: DemoResult = { documents: [], accounts: [], statuses: null, monitoring: null, notices: [] };
  if (opts.files && opts.files.length > 0 && (await countStored(db)).documents === 0) {
    opts.log?.(`数据库为空，导入 ${opts.files.length} 个文件…`);
    result.documents = await importFiles(db, opts.files, { now: opts.now ?? new Date(), acceptDoubts: true });
  }
  return result;
}

/**
 * The demo's province: 河北省, two cities, their districts. The demo departments' project codes
 * name 130202 and 130213 (唐山市) and 130605 (保定市); 130203 has no department yet. (130605 is a
 * code of the fixtures, named here for the demo.)
 */
export const DEMO_REGIONS = [
  '区划代码,名称',
  '130000,河北省',
  '130200,唐山市',
  '130202,路南区',
  '130203,路北区',
  '130213,丰南区',
  '130600,保定市',
  '130605,保定市演示区',
].join('\n');

/** The demo's province (河北省): its settings apply to every region below it. */
const DEMO_PROVINCE = '130000';

/** The district of the demo whose units submit to their 主管部门 first (路南区). */
export const DEMO_LEVELS_REGION = '130202';

/**
 * The units (二级单位) the demo adds under the 主管部门 of DEMO_LEVELS_REGION, beside the district's
 * other fixture department: the fixtures give no 主管部门 several units, and the levels of review
 * need a queue of several (issue 32). Their codes follow the 主管部门's (unitCodes).
 */
export const DEMO_UNITS: readonly string[] = ['唐山市路南区社会组织服务中心', '唐山市路南区志愿服务指导中心'];

/**
 * The business sections (财政业务科室) of DEMO_LEVELS_REGION's bureau and their accounts: the first
 * reviews the 主管部门 and the units the demo adds under it (社会工作部, its social organisations' and
 * volunteers' centres), the second the district's other fixture departments (区委组织部).
 */
export const DEMO_SECTIONS: readonly { name: string; username: string; displayName: string }[] = [
  { name: '社会保障科', username: 'section-lunan-shbz', displayName: '路南区财政局社会保障科' },
  { name: '行政政法科', username: 'section-lunan-xzzf', displayName: '路南区财政局行政政法科' },
];

/**
 * Levels of review in the demo: DEMO_LEVELS_REGION uses 单位 → 主管部门 → 财政业务科室 → 绩效科; its
 * first department (by id) is the 主管部门 of the district's others; its bureau's two sections
 * (DEMO_SECTIONS) have the district's departments assigned; all through the administrator's services
 * (audited). Nothing when the district has fewer than two departments.
 */
async function seedDemoLevels(db: Db, now: Date): Promise<void> {
  const [parent, ...units] = await departmentsOfRegion(db, DEMO_LEVELS_REGION);
  if (parent === undefined || units.length === 0) return;
  const opts = { actor: DEMO_ACTOR.displayName, now };
  await assignRegionReviewLevels(db, DEMO_LEVELS_REGION, 'supervisor_section', opts);
  for (const unit of units) await assignDepartmentParent(db, unit.id, parent.id, opts);
  const sections: number[] = [];
  for (const s of DEMO_SECTIONS) sections.push((await createBusinessSection(db, DEMO_LEVELS_REGION, s.name, opts)).id);
  for (const d of [parent, ...units]) {
    const added = d.id === parent.id || DEMO_UNITS.includes(d.name);
    await assignDepartmentSection(db, d.id, added ? sections[0]! : sections[1]!, opts);
  }
}

/** The regional finance accounts of the demo: the province, a city, a district. */
const DEMO_REGIONAL_REVIEWERS = [
  { username: 'reviewer-hebei', displayName: '河北省财政厅绩效处', regionCode: '130000' },
  { username: 'reviewer-tangshan', displayName: '唐山市财政局绩效科', regionCode: '130200' },
  { username: 'reviewer-lunan', displayName: '路南区财政局绩效股', regionCode: '130202' },
];

/** The three administrators of the demo (三员分立), with the demo password like every demo account. */
const DEMO_ADMINISTRATORS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', departmentId: null },
  { username: 'secadmin', displayName: '安全管理员', role: 'security', departmentId: null },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', departmentId: null },
] as const;

/**
 * A demo database made before the security administrator existed (issue 57) gets its demo account,
 * so that roles can still be assigned; the accounts made.
 */
async function addMissingDemoAdministrators(db: Db, now: Date): Promise<DemoLogin[]> {
  const held = new Set((await listUsers(db)).map((u) => u.role));
  const made: DemoLogin[] = [];
  for (const a of DEMO_ADMINISTRATORS) {
    if (held.has(a.role) || (await findUserByUsername(db, a.username))) continue;
    made.push(demoLogin(await createAccount(db, DEMO_ACTOR, { ...a, password: DEMO_PASSWORD }, now, { demo: true, mustChangePassword: false })));
  }
  return made;
}

async function createDemoAccounts(db: Db, now: Date): Promise<DemoLogin[]> {
  const wanted: { username: string; displayName: string; role: SessionUser['role']; departmentId: number | null; regionCode?: string; sectionId?: number }[] = [
    // One account of each duty (三员分立): the installation, authorisation, audit, business.
    ...DEMO_ADMINISTRATORS,
    { username: 'reviewer', displayName: '财政局绩效科', role: 'reviewer', departmentId: null },
  ];
  for (const d of await listDepartments(db)) {
    wanted.push({ username: `dept-${d.code ?? d.id}`.toLowerCase(), displayName: `${d.name}填报人`, role: 'editor', departmentId: d.id });
  }
  // Finance accounts of the region tree: each sees its region and the regions below it.
  const known = new Set((await listRegions(db)).map((r) => r.code));
  for (const r of DEMO_REGIONAL_REVIEWERS.filter((x) => known.has(x.regionCode))) wanted.push({ ...r, role: 'reviewer', departmentId: null });
  // Levels of review: each 主管部门's reviewing account, then each business section's of the demo's district, last
  // (the accounts before keep their places).
  for (const d of await listSupervisingDepartments(db)) {
    wanted.push({ username: `supervisor-${d.code ?? d.id}`.toLowerCase(), displayName: `${d.name}（主管部门审核）`, role: 'supervisor', departmentId: d.id });
  }
  const sections = await listSections(db, DEMO_LEVELS_REGION);
  for (const s of DEMO_SECTIONS) {
    const section = sections.find((x) => x.name === s.name);
    if (section) wanted.push({ username: s.username, displayName: s.displayName, role: 'section', departmentId: null, sectionId: section.id });
  }
  const logins: DemoLogin[] = [];
  for (const w of wanted) {
    const account = await createAccount(db, DEMO_ACTOR, { ...w, password: DEMO_PASSWORD }, now, { demo: true, mustChangePassword: false });
    logins.push(demoLogin(account));
  }
  return logins;
}

/** An account as the start-up message lists it: a section's account by its region's bureau and section. */
function demoLogin(account: Pick<UserAccount, 'username' | 'displayName' | 'role' | 'departmentName' | 'regionName' | 'sectionName'>): DemoLogin {
  const unit = account.departmentName ?? (account.sectionName == null ? null : `${account.regionName ?? ''}${account.sectionName}`);
  return { username: account.username, displayName: account.displayName, role: account.role, departmentName: unit, password: DEMO_PASSWORD };
}

/** The steps that bring a draft to each demo state (the last is where it stays). */
type DemoPlan = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'published';
const PLANS: readonly DemoPlan[] = ['published', 'approved', 'submitted', 'returned', 'published', 'draft', 'submitted', 'resubmitted', 'published', 'draft'];
const STEPS: Record<DemoPlan, readonly WorkflowAction[]> = {
  draft: [],
  submitted: ['submit'],
  returned: ['submit', 'return'],
  resubmitted: ['submit', 'return', 'submit'],
  approved: ['submit', 'approve'],
  published: ['submit', 'approve', 'publish'],
};

/**
 * Moves the current projects through the workflow as their department's editor and the
 * reviewer would: each department a different mix (offset into PLANS), every status present.
 * Levels of review: a submission waits for its first level (a unit's 主管部门, else its business
 * section); that level returns it (the return steps), or it is forwarded level by level before the
 * performance section approves. A 'submitted' plan stays with its first level (待主管部门审核 or
 * 待业务科室审核); every other unit's one is forwarded by its 主管部门 and waits for its section.
 */
async function spreadWorkflow(db: Db, start: Date): Promise<Partial<Record<ProjectStatus, number>>> {
  const users = await listUsers(db);
  const reviewerRow = users.find((u) => u.role === 'reviewer');
  if (!reviewerRow) return {};
  const reviewer = toSessionUser(reviewerRow);
  const editors = new Map(users.filter((u) => u.role === 'editor' && u.departmentId !== null).map((u) => [u.departmentId!, toSessionUser(u)]));
  // each 主管部门's supervisor by its units' ids, each section's account by its departments' ids (their access
  // loaded: they act as signed-in ones would)
  const supervisorOf = new Map<number, SessionUser>();
  const parents = await listDepartmentParents(db);
  for (const row of users.filter((u) => u.role === 'supervisor' && u.departmentId !== null && !u.disabled)) {
    const supervisor = toSessionUser(row);
    await loadRegionAccess(db, supervisor);
    for (const [unit, parent] of parents) if (parent === row.departmentId) supervisorOf.set(unit, supervisor);
  }
  const sectionOf = new Map<number, SessionUser>();
  const departmentLevels = await listDepartmentLevels(db);
  for (const row of users.filter((u) => u.role === 'section' && u.sectionId !== null && !u.disabled)) {
    const section = toSessionUser(row);
    await loadRegionAccess(db, section);
    for (const d of departmentLevels) if (d.sectionId === row.sectionId) sectionOf.set(d.id, section);
  }
  const counts: Partial<Record<ProjectStatus, number>> = {};
  // Each action a few minutes after the one before, so that histories read as a sequence.
  let clock = start.getTime() - 3 * 24 * 60 * 60 * 1000;
  const tick = () => new Date((clock += 7 * 60 * 1000));

  const documents = (await listDocuments(db, { currentOnly: true })).filter((d) => d.departmentId !== null);
  for (const [d, document] of documents.entries()) {
    const editor = editors.get(document.departmentId!);
    const projectIds = await listProjectIdsOfDocument(db, document.id);
    for (const [i, projectId] of projectIds.entries()) {
      const plan = editor ? PLANS[(i + d * 3) % PLANS.length]! : 'draft';
      let version = 1;
      let record: ProjectRecord | null = null;
      // who acts on a project waiting at a level: the 主管部门's supervisor, the section's account, else the performance section
      const levelActor = (status: ProjectStatus | undefined) =>
        status === 'unit_submitted' ? supervisorOf.get(document.departmentId!) : status === 'section_submitted' ? sectionOf.get(document.departmentId!) : undefined;
      const forward = async () => {
        const actor = levelActor(record?.status);
        if (!actor) return false;
        record = await applyWorkflowAction(db, actor, projectId, { action: 'forward', version, comments: [], comment: null }, tick());
        version = record.version;
        return true;
      };
      steps: for (const action of STEPS[plan]) {
        // the levels forward before the performance section acts (or the project waits for one without an account)
        while (action !== 'return' && (record?.status === 'unit_submitted' || record?.status === 'section_submitted')) {
          if (!(await forward())) break steps;
        }
        const actor = action === 'submit' ? editor! : (levelActor(record?.status) ?? reviewer);
        const body: WorkflowActionBody = { action, version, ...(action === 'return' ? returnComments(record) : {}) };
        record = await applyWorkflowAction(db, actor, projectId, body, tick());
        version = record.version;
      }
      if (plan === 'submitted' && i % 2 === 1 && record?.status === 'unit_submitted' && sectionOf.has(document.departmentId!)) await forward();
      const status = record?.status ?? 'draft';
      counts[status] = (counts[status] ?? 0) + 1;
    }
  }
  return counts;
}

/** A reviewer's return: a general comment and up to three comments on the cells the review flagged. */
function returnComments(record: ProjectRecord | null): Pick<WorkflowActionBody, 'comment' | 'comments'> {
  const comments: { field: string; text: string }[] = [];
  for (const f of record?.findings ?? []) {
    if (comments.length >= 3) break;
    const field = commentField(f.field, f.indicatorIndex);
    if (field === null || comments.some((c) => c.field === field)) continue;
    comments.push({ field, text: `${f.message.replace(/[。.]$/, '')}。${f.suggestion}` });
  }
  if (comments.length === 0) comments.push({ field: 'goals', text: '绩效目标请进一步细化、量化，与指标一一对应。' });
  return { comment: '请按批注修改后重新提交。', comments };
}

/** Where a finding's cell is, as a comment anchor ('indicator:3.target', 'budget.total' …). */
function commentField(field: string | null, indicatorIndex: number | null): string | null {
  if (field === null) return null;
  const anchor = indicatorIndex === null ? field : `indicator:${indicatorIndex}.${field}`;
  return COMMENT_FIELD_PATTERN.test(anchor) ? anchor : indicatorIndex === null ? null : `indicator:${indicatorIndex}`;
}

/**
 * The accounts that still have the demo password (checked against the hash), for the start-up
 * message: on a real installation this list should be empty. Looks at the first `limit` accounts.
 */
export async function listDemoLogins(db: Db, limit = 40): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const user of (await listUsers(db)).slice(0, limit)) {
    if (user.disabled) continue;
    const withHash = await findUserByUsername(db, user.username);
    if (withHash && (await verifyPassword(withHash.passwordHash, DEMO_PASSWORD))) logins.push(demoLogin(user));
  }
  return logins;
}
