/**
 * `jixiao generate`: deterministic province-scale data in the database (issue 7) — documents of
 * many districts and departments through the real import (parse, review, store: 25 documents to
 * a transaction, the projects' workflow in the same one; parsed and reviewed in a worker thread
 * while the main thread stores), the projects spread over the workflow with their history, then execution
 * records and self-evaluations for the monitored ones. What benchmarks and load tests run on.
 */
import type { ProjectStatus } from '../../../shared/domain/workflow';
import { harvestFixtures, Rng } from '../../demo-corpus/generate-corpus';
import { generateProvince, provinceRegions, type District, type ProvinceOptions } from '../../demo-corpus/province';
import { setDepartmentRegion, upsertRegions } from '../../db/region.repository';
import { setDepartmentParent } from '../../db/review-levels.repository';
import { insertAuditEntry } from '../../db/document.repository';
import { setProjectStatuses } from '../../db/project.repository';
import { sql } from 'kysely';
import { dialectOf } from '../../db/database';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { countUsers } from '../../db/user.repository';
import { insertWorkflowEvents, type WorkflowEventRow } from '../../db/workflow.repository';
import { DEMO_PASSWORD } from '../demo/demo.service';
import { createParsePool } from '../imports/parse-pool';
import { storeReady } from '../imports/store.service';
import type { ReadReady } from '../imports/parse-worker-task';
import { generateDemoMonitoring, type DemoMonitoringResult, type DemoSlice, type DemoSlicePlanner } from '../execution-records/demo-execution';
import { createAccount } from '../users/users.service';

/** Written to the audit log and the workflow history as who did what `generate` did. */
export const GENERATE_ACTOR = '数据生成';

export interface GenerateDataOptions extends ProvinceOptions {
  fixtureDir: string;
  /** Also write execution records and self-evaluations (default true). */
  monitoring?: boolean;
  now?: Date;
  /** Documents stored in one transaction (default BATCH_DOCUMENTS); the data is the same for any. */
  batchDocuments?: number;
  /** Projects of the monitoring data planned and written at a time (default MONITORING_SLICE); the data is the same for any. */
  monitoringSlice?: number;
  /** After each document: projects written so far, of the total. */
  onProgress?: (projects: number, total: number, file: string) => void;
}

export interface GenerateDataResult {
  documents: number;
  projects: number;
  indicators: number;
  departments: number;
  districts: number;
  /** Cities the districts lie in (the region tree's middle level). */
  cities: number;
  /** Departments that are units (二级单位) of a 主管部门. */
  units: number;
  years: number;
  statuses: Partial<Record<ProjectStatus, number>>;
  monitoring: DemoMonitoringResult | null;
  /** Accounts created because the database had none (admin, reviewer). */
  accounts: string[];
}

/**
 * The status each project ends in, with the shares of a province in mid-year: most targets
 * approved or published, some still in review, a few drafts.
 */
const STATUS_SHARES: readonly [ProjectStatus, number][] = [
  ['draft', 0.1],
  ['submitted', 0.1],
  ['returned', 0.05],
  ['approved', 0.35],
  ['published', 0.4],
];

/** The workflow path from 草稿 to each status. */
const PATHS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  draft: [],
  unit_submitted: ['unit_submitted'],
  section_submitted: ['section_submitted'],
  submitted: ['submitted'],
  returned: ['submitted', 'returned'],
  approved: ['submitted', 'approved'],
  issued: ['submitted', 'approved', 'issued'],
  published: ['submitted', 'approved', 'published'],
};

/** Documents read ahead of the one being stored (generated, parsing or parsed, waiting). */
const DOCUMENTS_AHEAD = 4;

/** Documents stored in one transaction. */
const BATCH_DOCUMENTS = 25;

/** Projects of the monitoring data planned (in the worker) and written at a time. */
const MONITORING_SLICE = 1000;

/** Pages (4 KiB) of SQLite's write-ahead log between checkpoints while generating (its default: 1,000): ~200 MB. */
const GENERATE_CHECKPOINT_PAGES = 50_000;

/** The current values of some SQLite pragmas (integers), to set them back. */
async function sqlitePragmas(db: Db, names: readonly string[]): Promise<[string, number][]> {
  const values: [string, number][] = [];
  for (const name of names) {
    const row = (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0];
    values.push([name, Number(Object.values(row ?? {})[0])]);
  }
  return values;
}

type GeneratedProvinceDocument = ReturnType<typeof generateProvince> extends Iterable<infer D> ? D : never;

function drawStatus(rng: Rng): ProjectStatus {
  let x = rng.next();
  for (const [status, share] of STATUS_SHARES) {
    if (x < share) return status;
    x -= share;
  }
  return 'published';
}

export async function generateData(db: Db, opts: GenerateDataOptions): Promise<GenerateDataResult> {
  const now = opts.now ?? new Date();
  const at = now.toISOString();
  const harvest = await harvestFixtures(opts.fixtureDir);
  const rng = new Rng(opts.seed ^ 0x5eed);
  const result: GenerateDataResult = { documents: 0, projects: 0, indicators: 0, departments: 0, districts: 0, cities: 0, units: 0, years: opts.years ?? 1, statuses: {}, monitoring: null, accounts: [] };
  const districts = new Map<string, District>();
  // each unit's 主管部门, and each department's district, by department code
  const supervisors = new Map<string, string>();
  const departmentDistricts = new Map<string, string>();

  // Documents are parsed and reviewed in a worker thread (the upload's parse pool: the import's
  // own reading, review and digest) while this thread stores the ones before them: on two cores
  // the two halves of the import run side by side. They are stored in the order generated,
  // BATCH_DOCUMENTS to a transaction (into an empty database: a batch is all or nothing, and a
  // commit per document — an fsync on SQLite, round trips on PostgreSQL — bought nothing), each
  // through storeDocument as any import; the batch's workflow statuses go in at its end. The worker
  // is handed every document read ahead at once (tasksPerWorker; without the upload's time limit,
  // which would make Piscina run one at a time, and which documents generated here do not need):
  // storing is synchronous on SQLite, and with one document at a time the worker sat idle until
  // this thread's event loop came round to hand it the next.
  const pool = createParsePool({ threads: 1, tasksPerWorker: DOCUMENTS_AHEAD, timeoutSeconds: null, smallFileThread: false });
  const reading: { doc: GeneratedProvinceDocument; read: Promise<ReadReady> }[] = [];
  const documents = generateProvince(harvest, opts)[Symbol.iterator]();
  const readAhead = () => {
    while (reading.length < DOCUMENTS_AHEAD) {
      const next = documents.next();
      if (next.done) return;
      // readReady: the worker does all of the import's pure work (parse, review, digest, the rows
      // to insert) and sends back the rows; this thread runs the statements (storeReady).
      reading.push({ doc: next.value, read: pool.run<ReadReady>('readReady', { bytes: Buffer.from(next.value.text, 'utf8'), file: next.value.file }) });
    }
  };
  const storeBatch = async (trx: Db) => {
    const byStatus = new Map<ProjectStatus, number[]>();
    const events: Omit<WorkflowEventRow, 'id'>[] = [];
    for (let k = 0; k < (opts.batchDocuments ?? BATCH_DOCUMENTS) && reading.length > 0; k++) {
      const { doc, read } = reading.shift()!;
      readAhead();
      const outcome = await read;
      // A generated document that does not import (or has an error) is a generator bug, not data to skip.
      if (!outcome.ok) throw new Error(outcome.message);
      const { result: stored, projectIds } = await storeReady(trx, outcome.ready[0]!, { actor: GENERATE_ACTOR, now });
      if (stored.status !== 'imported') throw new Error(`${doc.file}: a document of ${doc.department.name} ${doc.year} is already stored (generate into an empty database)`);
      for (const projectId of projectIds) {
        const status = drawStatus(rng);
        const ids = byStatus.get(status);
        if (ids === undefined) byStatus.set(status, [projectId]);
        else ids.push(projectId);
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        let from: ProjectStatus = 'draft';
        for (const to of PATHS[status]) {
          events.push({ projectId, fromStatus: from, toStatus: to, actor: GENERATE_ACTOR, actorUserId: null, at, comment: to === 'returned' ? '请按审核意见修改后重新提交。' : null });
          from = to;
        }
      }
      result.documents += 1;
      result.projects += doc.projects.length;
      result.indicators += doc.indicatorRows;
      districts.set(doc.district.code, doc.district);
      if (doc.supervisorCode !== null) supervisors.set(doc.department.code, doc.supervisorCode);
      departmentDistricts.set(doc.department.code, doc.district.code);
      opts.onProgress?.(result.projects, opts.projects, doc.file);
    }
    for (const [status, ids] of byStatus) if (status !== 'draft') await setProjectStatuses(trx, ids, status, { at, by: GENERATE_ACTOR });
    await insertWorkflowEvents(trx, events);
  };
  // On SQLite (WAL) a commit waits for the disk (fsync) unless synchronous is NORMAL, which WAL
  // makes safe against corruption: a crash loses the last commits, not the file's consistency. For
  // a generate into an empty database that is no loss (it is run again), and the waits were on
  // the critical path (a tenth of the import's time in statements at 20,000 projects). With
  // NORMAL the disk is still waited for at each checkpoint (copying the log into the database
  // file: twice, the log then the file), and SQLite checkpoints at the first commit after its log
  // passes 1,000 pages (4 MB) — at every one of generate's commits (a batch writes ~7 MB): 59
  // fsyncs, 0.57 s of the storing thread at 10,000 projects. GENERATE_CHECKPOINT_PAGES between
  // checkpoints instead (the same pages copied, fewer times each, and the log bounded). Set back after.
  const pragmas = dialectOf(db) === 'sqlite' ? await sqlitePragmas(db, ['synchronous', 'wal_autocheckpoint']) : undefined;
  if (pragmas !== undefined) {
    await sql`pragma synchronous = normal`.execute(db);
    await sql.raw(`pragma wal_autocheckpoint = ${GENERATE_CHECKPOINT_PAGES}`).execute(db);
  }
  try {
    readAhead();
    while (reading.length > 0) await inTransaction(db, storeBatch);
    if (opts.monitoring !== false) {
      // The monitoring data's checks, lights and scores are planned in the same worker, a slice
      // ahead of the one this thread writes (the worker sat idle through this part, a quarter of
      // the run, while this thread did both).
      const plan: DemoSlicePlanner = (projects, stored, o) => pool.run<DemoSlice>('planDemoMonitoring', { projects, stored, opts: o });
      result.monitoring = await generateDemoMonitoring(db, { year: opts.year, seed: opts.seed, actor: GENERATE_ACTOR, now }, { sliceProjects: opts.monitoringSlice ?? MONITORING_SLICE, plan });
    }
  } finally {
    // Reads still under way after a failure are left to the pool's end.
    await Promise.allSettled(reading.map((r) => r.read));
    await pool.close();
    if (pragmas !== undefined) for (const [name, value] of pragmas) await sql.raw(`pragma ${name} = ${value}`).execute(db);
  }
  // the region tree of the districts written (province → cities → districts) and each unit under its 主管部门
  const regions = provinceRegions([...districts.values()]);
  const stored = await db.selectFrom('department').select(['id', 'code', 'regionCode']).execute();
  const departmentIds = new Map(stored.map((d) => [d.code, d.id]));
  await inTransaction(db, async (trx) => {
    await upsertRegions(trx, regions);
    // a department whose documents name no project code has no region read from them: its district is known here
    for (const d of stored) {
      const district = d.code === null ? undefined : departmentDistricts.get(d.code);
      if (d.regionCode === null && district !== undefined) await setDepartmentRegion(trx, d.id, district);
    }
    for (const [unit, supervisor] of supervisors) {
      const unitId = departmentIds.get(unit);
      const supervisorId = departmentIds.get(supervisor);
      if (unitId !== undefined && supervisorId !== undefined) await setDepartmentParent(trx, unitId, supervisorId);
    }
  });
  result.departments = departmentIds.size;
  result.districts = districts.size;
  result.cities = regions.filter((r) => r.level === 'city').length;
  result.units = supervisors.size;

  if ((await countUsers(db)) === 0) {
    const system = { id: 0, username: 'generate', displayName: GENERATE_ACTOR, role: 'admin' as const, departmentId: null, departmentName: null, mustChangePassword: false };
    for (const [username, displayName, role] of [
      ['admin', '系统管理员', 'admin'],
      ['secadmin', '安全管理员', 'security'],
      ['auditor', '安全审计员', 'auditor'],
      ['reviewer', '财政局绩效科', 'reviewer'],
    ] as const) {
      // The demo password: generated data is for trying out and measuring (serve --demo).
      await createAccount(db, system, { username, displayName, role, departmentId: null, password: DEMO_PASSWORD }, now, { demo: true, mustChangePassword: false });
      result.accounts.push(username);
    }
  }
  await insertAuditEntry(db, {
    at,
    actor: GENERATE_ACTOR,
    action: 'generate',
    entity: 'database',
    entityId: null,
    detail: { projects: result.projects, seed: opts.seed, year: opts.year, ...(result.years > 1 ? { years: result.years } : {}), statuses: result.statuses },
  });
  return result;
}
