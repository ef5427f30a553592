import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  intFromDb,
  listCurrentProjects,
  loadDocument,
} from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject, buildSpendingPlan } from '../factories';
import { useTestDatabase } from './helpers';
import { TEST_DIALECT } from '../support/test-database';

const FEN_PER_WAN = 1_000_000; // 1 万元 = 10,000 元 = 1,000,000 分

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

  it('keeps 99999999.99万元 (beyond 32 bits) to the fen', async () => {
    const db = await useTestDatabase();
    const huge = 99_999_999_990_000; // 99,999,999.99 万元
    expect(huge).toBe(9_999_999_999 * FEN_PER_WAN / 100);
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          budget: { total: huge, fiscal: huge - 1, other: Number.MAX_SAFE_INTEGER },
          spendingPlan: buildSpendingPlan(huge, [0.01, 33.33, 99.99, 100]),
        }),
      ],
    });
    const { documentId } = await storeDocument(db, doc);
    const loaded = await loadDocument(db, documentId);
    expect(loaded?.projects[0]?.budget).toStrictEqual({
      total: huge,
      fiscal: huge - 1,
      other: Number.MAX_SAFE_INTEGER,
    });
    expect(loaded?.projects[0]?.spendingPlan).toStrictEqual(doc.projects[0]?.spendingPlan);
    const [listed] = await listCurrentProjects(db);
    expect(listed?.budgetTotal).toBe(huge);
  });

  it('keeps negative amounts (adjustments) exact', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument({
      projects: [buildProject({ budget: { total: -123_456_789, fiscal: 0, other: null } })],
    });
    const { documentId } = await storeDocument(db, doc);
    expect((await loadDocument(db, documentId))?.projects[0]?.budget).toStrictEqual({
      total: -123_456_789,
      fiscal: 0,
      other: null,
    });
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

describe('bigint columns beyond 2^53', () => {
  it('come back exact from the driver, and intFromDb refuses them rather than round', async () => {
    const db = await useTestDatabase();
    const { documentId } = await storeDocument(db, buildParsedDocument());
    // 2^53 + 1: not a JS number. Written as SQL text so that no float is involved on the way in.
    await sql`update project set budget_total = 9007199254740993 where document_id = ${documentId}`.execute(db);
    const row = await db.selectFrom('project').select('budgetTotal').where('documentId', '=', documentId).executeTakeFirstOrThrow();
    // pg: int8 as text, every digit kept. better-sqlite3: the nearest double, 2^53 (the app never
    // writes such an amount: fenToDb refuses unsafe integers). Either way intFromDb refuses it.
    expect(row.budgetTotal).toBe(TEST_DIALECT === 'postgres' ? '9007199254740993' : 9007199254740992);
    expect(() => intFromDb(row.budgetTotal)).toThrow(RangeError);
    await expect(loadDocument(db, documentId)).rejects.toThrow(RangeError);
  });
});
