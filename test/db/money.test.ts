import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/shared/domain/model';
import { MAX_FEN } from '../../src/shared/domain/money';
import {
  countStored,
  intFromDb,
  listAuditEntries,
  listCurrentProjects,
  loadDocument,
} from '../../src/server/db/document.repository';
import { BOUNDED_COLUMNS } from '../../src/server/db/migrations/0008-money-bounds';
import { getMigrations } from '../../src/server/db/migrations/index';
import { prepareForStorage } from '../../src/server/modules/imports/prepare-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject, buildSpendingPlan, buildWideDocument } from '../factories';
import { useTestDatabase } from './helpers';
import { CONSTRAINT_ERROR, TEST_DIALECT } from '../support/test-database';


describe('money is stored as exact integer fen', () => {
  it('20.982万元 = 209,820 元 = 20,982,000 fen, and 1262.16万元 = 1,262,160,000 fen', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          budget: { total: 20_982_000, fiscal: 1_262_160_000, other: 1 },
          spendingPlan: buildSpendingPlan(20_982_000),
        }),
      ],
    });
    const { documentId } = await storeDocument(db, doc);

    const row = await db
      .selectFrom('project')
      .select(['budgetTotal', 'budgetFiscal', 'budgetOther'])
      .where('documentId', '=', documentId)
      .executeTakeFirstOrThrow();
    // better-sqlite3 hands integers back as JS numbers; pg hands int8 back as exact decimal text
    // (never a float): intFromDb reads both.
    expect(row).toStrictEqual(
      TEST_DIALECT === 'postgres'
        ? { budgetTotal: '20982000', budgetFiscal: '1262160000', budgetOther: '1' }
        : { budgetTotal: 20_982_000, budgetFiscal: 1_262_160_000, budgetOther: 1 },
    );
    expect(20_982_000 / 100).toBe(209_820);

    const loaded = await loadDocument(db, documentId);
    expect(loaded?.projects[0]?.budget).toStrictEqual({ total: 20_982_000, fiscal: 1_262_160_000, other: 1 });
    expect(loaded?.projects[0]?.spendingPlan.map((c) => c.amount)).toStrictEqual([
      5_245_500, 10_491_000, 15_736_500, 20_982_000,
    ]);
  });

  it('keeps 1000亿元 (MAX_FEN, beyond 32 bits) to the fen', async () => {
    const db = await useTestDatabase();
    expect(MAX_FEN).toBe(100_000_000_000 * 100); // 1000亿元 in fen
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          budget: { total: MAX_FEN, fiscal: MAX_FEN - 1, other: 1 },
          spendingPlan: buildSpendingPlan(MAX_FEN, [0.01, 33.33, 99.99, 100]),
        }),
      ],
    });
    const { documentId } = await storeDocument(db, doc);
    const loaded = await loadDocument(db, documentId);
    expect(loaded?.projects[0]?.budget).toStrictEqual({ total: MAX_FEN, fiscal: MAX_FEN - 1, other: 1 });
    expect(loaded?.projects[0]?.spendingPlan).toStrictEqual(doc.projects[0]?.spendingPlan);
    const [listed] = await listCurrentProjects(db);
    expect(listed?.budgetTotal).toBe(MAX_FEN);
  });

  it('refuses to store a negative amount or percent, or an amount above 1000亿元, naming the project and the field; nothing is written', async () => {
    const db = await useTestDatabase();
    const cases: [Partial<Project>, RegExp][] = [
      [{ budget: { total: -123_456_789, fiscal: 0, other: null } }, /项目“城市社区工作者薪酬经费”的预算数为 -123\.456789 万元：金额不能为负数，未导入/],
      [{ budget: { total: 100, fiscal: MAX_FEN + 1, other: null } }, /财政资金为 10000000\.000001 万元：金额超过上限（1000亿元）/],
      [{ spendingPlan: buildSpendingPlan(300, [-1, 50, 75, 100]) }, /资金支出计划（3月底）金额为 -0\.000003 万元：金额不能为负数（另有 1 处）/],
      [{ spendingPlan: buildSpendingPlan(300, [25, 50, 75, 1001]) }, /资金支出计划（12月底）比例为 1001%：百分比超过上限（1000%）/],
      [{ budgetLines: [{ label: '上年结转资金', amount: -1, source: { line: 14 } }] }, /“上年结转资金”为 -0\.000001 万元：金额不能为负数/],
    ];
    for (const [overrides, message] of cases) {
      const doc = buildParsedDocument({ projects: [buildProject(overrides)] });
      await expect(storeDocument(db, doc)).rejects.toThrow(message);
    }
    expect((await countStored(db)).documents).toBe(0);
  });

  it('the import refuses such a document whole, with an error diagnostic in its place (the preview and the CLI show it)', () => {
    const doc = buildWideDocument();
    const wide = { ...doc, departmentTargets: { ...doc.departmentTargets!, budget: { total: -5, project: null, basic: null } } };
    const prepared = prepareForStorage(wide);
    expect(prepared.diagnostics.filter((d) => d.code === 'amount-out-of-range')).toStrictEqual([
      { severity: 'error', code: 'amount-out-of-range', message: '部门整体支出绩效目标“2025年度部门整体支出绩效目标表”的资金总额为 -0.000005 万元：金额不能为负数', source: { line: 8 } },
    ]);
    expect(prepareForStorage(prepared)).toBe(prepared);
    expect(prepareForStorage(doc)).toBe(doc);
  });

  it('stores a percent as exact hundredths', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument({
      projects: [buildProject({ spendingPlan: buildSpendingPlan(300, [33.33, 66.67, 0.07, 100]) })],
    });
    await storeDocument(db, doc);
    const rows = await db
      .selectFrom('spendingCheckpoint')
      .select(['checkpoint', 'percentHundredths'])
      .orderBy('checkpoint')
      .execute();
    expect(rows.map((r) => r.percentHundredths)).toStrictEqual([3333, 6667, 7, 10000]);
  });
});

describe('intFromDb', () => {
  it('reads numbers, pg int8 strings and bigints', () => {
    expect(intFromDb(20_982_000)).toBe(20_982_000);
    expect(intFromDb('99999999990000')).toBe(99_999_999_990_000);
    expect(intFromDb('-5')).toBe(-5);
    expect(intFromDb(7n)).toBe(7);
    expect(intFromDb(null)).toBeNull();
  });

  it('refuses what is not a safe integer instead of rounding', () => {
    expect(() => intFromDb('9007199254740993')).toThrow(RangeError);
    expect(() => intFromDb(1.5)).toThrow(RangeError);
    expect(() => intFromDb('12.5')).toThrow(RangeError);
    expect(() => intFromDb('abc')).toThrow(RangeError);
    expect(() => intFromDb('')).toThrow(RangeError);
  });
});

describe('the database holds every amount to 0 … 1000亿元 and every plan percent to 0 … 1000 %', () => {
  it('refuses a value out of bounds in every bounded column, however it is written', async () => {
    const db = await useTestDatabase();
    const { documentId } = await storeDocument(db, buildWideDocument());
    const projectId = (await db.selectFrom('project').select('id').where('documentId', '=', documentId).executeTakeFirstOrThrow()).id;
    const at = new Date().toISOString();
    await db.insertInto('executionRecord').values({ projectId, asOf: '2025-06-30', spent: 0, createdAt: at, createdBy: 'x', updatedAt: at, updatedBy: 'x' }).execute();
    await db.insertInto('selfEvaluation').values({ projectId, adjustedBudget: null, spent: 0, configId: 'x', totalHundredths: 0, grade: '差', complete: 0, updatedAt: at, updatedBy: 'x' }).execute();
    for (const c of BOUNDED_COLUMNS) {
      const set = (value: string) => sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${sql.raw(value)}`.execute(db);
      // 2^53 + 1 as SQL text (no float on the way in), in the bigint columns of money
      for (const bad of ['-1', String(c.max + 1), ...(c.max === MAX_FEN ? ['9007199254740993'] : [])]) {
        await expect(set(bad), `${c.table}.${c.column} = ${bad}`).rejects.toThrow(CONSTRAINT_ERROR.check);
      }
      await set(String(c.max));
      if (c.nullable) await set('null');
    }
    // Inserts too, not only updates.
    await expect(
      db.insertInto('spendingCheckpoint').values({ projectId, checkpoint: '03', percentHundredths: -1, amount: null, given: null, line: null, ref: null }).execute(),
    ).rejects.toThrow(CONSTRAINT_ERROR.check);
  });

  it('the migration repairs values stored before the bounds (NULL, or the nearest bound where a value is required), each in the audit log', async () => {
    const db = await useTestDatabase();
    const { documentId } = await storeDocument(db, buildParsedDocument());
    const projectId = (await db.selectFrom('project').select('id').where('documentId', '=', documentId).executeTakeFirstOrThrow()).id;
    const bounds = getMigrations(TEST_DIALECT)['0008-money-bounds']!;
    const raw = db.withoutPlugins();
    const later = Object.entries(getMigrations(TEST_DIALECT)).filter(([name]) => name > '0008-money-bounds').reverse();
    for (const [, m] of later) await m.down!(raw);
    await bounds.down!(raw);
    const at = new Date().toISOString();
    await sql`update project set budget_total = -500, budget_fiscal = 9007199254740991 where id = ${projectId}`.execute(db);
    await db.insertInto('executionRecord').values({ projectId, asOf: '2025-06-30', spent: MAX_FEN + 7, createdAt: at, createdBy: 'x', updatedAt: at, updatedBy: 'x' }).execute();
    await bounds.up(raw);
    for (const [, m] of [...later].reverse()) await m.up(raw);

    const project = await db.selectFrom('project').select(['budgetTotal', 'budgetFiscal']).where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(project).toStrictEqual({ budgetTotal: null, budgetFiscal: null });
    const spent = await db.selectFrom('executionRecord').select('spent').executeTakeFirstOrThrow();
    expect(intFromDb(spent.spent)).toBe(MAX_FEN);
    const repairs = (await listAuditEntries(db)).filter((e) => e.action === 'migration.boundsRepair');
    expect(repairs.map((e) => [e.entity, e.entityId, e.detail])).toStrictEqual([
      ['project', projectId, { table: 'project', column: 'budget_total', before: '-500', after: null }],
      ['project', projectId, { table: 'project', column: 'budget_fiscal', before: '9007199254740991', after: null }],
      ['project', projectId, { table: 'execution_record', column: 'spent', before: String(MAX_FEN + 7), after: MAX_FEN }],
    ]);
  });
});
