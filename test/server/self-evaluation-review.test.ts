/**
 * 自评复核 (issue 59) through HTTP, on SQLite and PostgreSQL: the eight test 自评表 uploaded by the 绩效科, each read,
 * checked and stored once (the same file again changes nothing), the one whose project is stored matched to it and
 * shown beside Jixiao's own self-evaluation; the 复核 list ranked by the gap with the share checked and the large
 * projects flagged; a table's findings; the conclusion checked, stored and audited; the list as .xlsx (with issue 70's
 * sheet of every figure re-scored beside the unit's); a real table re-scored and a doubted one not (issue 70); editors
 * refused (403), the anonymous (401); a file holding no 自评表 refused naming it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { selfEvaluationReviewListSchema, submittedSelfEvaluationDetailSchema, type SelfEvaluationReviewList } from '../../src/shared/api/self-evaluation-review';
import { SELF_EVALUATION_DIR, SELF_EVALUATION_FORMS_DIR } from '../support/self-evaluation-documents';
import { REAL_SELF_EVALUATIONS_DIR } from '../support/self-evaluation-truth';
import { monitoringProject, storeMonitoringDocument } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient } from './support';

const FILES = ['se01-clean', 'se02-met-deducted', 'se03-missed-full', 'se04-actual-not-value', 'se05-sum-points', 'se06-funds-score', 'se07-deviation', 'se08-grade'].map((n) => `${n}.html`);
const file = (name: string) => ({ filename: name, data: readFileSync(join(SELF_EVALUATION_DIR, name)) });

let t: TestApp;
let reviewer: TestClient;
let editor: TestClient;
let projectId: number;

beforeAll(async () => {
  t = await startTestApp();
  // the clean table's project is stored (临川县民政局, 2025) with Jixiao's own self-evaluation of it
  const stored = await storeMonitoringDocument(t.db, [monitoringProject(1, { name: '社区居家养老服务补贴' })], { code: '361001', name: '临川县民政局' });
  projectId = stored.projects[0]!.id;
  await t.db
    .insertInto('selfEvaluation')
    .values({ projectId, adjustedBudget: null, spent: 2_916_000_00, executionExplanation: null, goalAchievement: null, configId: 'default-2025', totalHundredths: 9_550, grade: '优', complete: 1, updatedAt: '2026-01-20T00:00:00.000Z', updatedBy: '填报人' })
    .execute();
  reviewer = await t.client('reviewer', { displayName: '绩效科复核人' });
  editor = await t.client('editor', { departmentId: stored.projects[0]!.departmentId! });
});
afterAll(() => t?.close());

describe('自评复核 over HTTP', () => {
  it('uploads: every table read, checked and stored once; a file with no 自评表 refused naming it', async () => {
    const res = await reviewer.upload('/api/self-evaluation-reviews/import', [...FILES.map(file), { filename: '通知.txt', data: '关于报送2025年度绩效自评材料的通知\n请各单位于3月底前报送。\n' }]);
    expect(res.statusCode).toBe(200);
    const files = res.json().files as { file: string; status: string; tables: number; message: string }[];
    expect(files.slice(0, 8).map((f) => [f.status, f.tables])).toEqual(FILES.map(() => ['imported', 1]));
    expect(files[8]!.status).toBe('refused');
    expect(files[8]!.message).toContain('通知.txt');
    const again = await reviewer.upload('/api/self-evaluation-reviews/import', [file(FILES[0]!)]);
    expect(again.json().files).toEqual([{ file: FILES[0], status: 'unchanged', tables: 1, message: '与已导入的自评表相同，未作改动' }]);
    const audit = await listAuditEntries(t.db, { entity: 'submitted_self_evaluation' });
    expect(audit.map((a) => a.action)).toEqual(FILES.map(() => 'submitted-self-evaluation.import'));
  });

  it('the 复核 list: ranked by how far the self-score stands from Jixiao\'s, the stored project matched, large projects flagged', async () => {
    const res = await reviewer.get('/api/self-evaluation-reviews?year=2025');
    expect(res.statusCode).toBe(200);
    const list = selfEvaluationReviewListSchema.parse(res.json());
    expect(list.items.map((i) => [i.project, i.selfScore, i.recomputedScore, i.gap])).toEqual([
      ['基本公共卫生服务', 99.8, 74.8, 25],
      ['职业技能提升培训补贴', 97, 100, -3],
      ['义务教育学校校舍维修改造', 96.6, 94.6, 2],
      ['高素质农民培育', 99.7, 97.88, 1.82],
      ['公共文化场馆免费开放', 100, 98.5, 1.5],
      ['农村饮水安全工程维修养护', 87.71, 87.71, 0],
      ['城镇老旧小区改造', 94.12, 94.12, 0],
      ['社区居家养老服务补贴', 97.22, 97.22, 0],
    ]);
    const clean = list.items.find((i) => i.project === '社区居家养老服务补贴')!;
    expect([clean.projectId, clean.department, clean.ownScore, clean.ownGrade]).toEqual([projectId, '临川县民政局', 95.5, '优']);
    expect(list.items.filter((i) => i.projectId === null)).toHaveLength(7);
    // 全年预算数 ≥ 500万元: 850万元 and 1200万元 (the 元 table's 265万元 is not)
    expect(list.items.filter((i) => i.large).map((i) => [i.project, i.budgetFullFen])).toEqual([
      ['基本公共卫生服务', 8_500_000_00],
      ['城镇老旧小区改造', 12_000_000_00],
    ]);
    expect(list.summary).toEqual({ total: 8, checked: 0, checkedPercent: 0, targetPercent: 30, large: 2, largeChecked: 0, largeThresholdFen: 5_000_000_00 });
  });

  it('a table: its figures beside Jixiao\'s, its findings in words', async () => {
    const list = (await reviewer.get('/api/self-evaluation-reviews?year=2025')).json() as SelfEvaluationReviewList;
    const id = list.items.find((i) => i.project === '职业技能提升培训补贴')!.id;
    const detail = submittedSelfEvaluationDetailSchema.parse((await reviewer.get(`/api/self-evaluation-reviews/${id}`)).json());
    expect(detail.funds).toEqual({ budgetStart: '180.00', budgetFull: '180.00', executed: '180.00', points: 10, rate: 100, score: 10, recomputed: 10 });
    expect(detail.indicators.find((i) => i.name === '资金到位及时率')).toMatchObject({ target: '≥100%', actual: '100%', points: 10, score: 7, recomputed: 10 });
    expect(detail.findingList).toEqual([
      {
        rule: 'score.deducted-when-met',
        title: '目标已达成却扣分',
        severity: 'warning',
        indicator: '资金到位及时率',
        given: 7,
        expected: 10,
        where: '表1 行13 列8',
        message: '“资金到位及时率”目标≥100%，实际100%，已达成，自评得7分（满分10分），未说明扣分原因',
        suggestion: expect.stringContaining('应得满分10分'),
      },
    ]);
    expect((await reviewer.get('/api/self-evaluation-reviews/999999')).statusCode).toBe(404);
  });

  it('the conclusion: checked, stored, audited with before and after; the share checked follows', async () => {
    const list = (await reviewer.get('/api/self-evaluation-reviews?year=2025')).json() as SelfEvaluationReviewList;
    const id = list.items[0]!.id;
    const bad = await reviewer.put(`/api/self-evaluation-reviews/${id}/conclusion`, { conclusion: 'adjusted', comment: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['comment', 'score']);
    const ok = await reviewer.put(`/api/self-evaluation-reviews/${id}/conclusion`, { conclusion: 'adjusted', score: 74.8, comment: '两项指标无实际完成值，不得分' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ conclusion: 'adjusted', conclusionScore: 74.8, conclusionComment: '两项指标无实际完成值，不得分', concludedBy: '绩效科复核人' });
    const audit = (await listAuditEntries(t.db, { entity: 'submitted_self_evaluation', entityId: id })).filter((a) => a.action === 'submitted-self-evaluation.conclude');
    expect(audit.map((a) => [a.actor, a.detail])).toEqual([
      ['绩效科复核人', { project: '基本公共卫生服务', before: { conclusion: '未复核', score: null, comment: null }, after: { conclusion: '调整得分', score: 74.8, comment: '两项指标无实际完成值，不得分' } }],
    ]);
    const after = (await reviewer.get('/api/self-evaluation-reviews?year=2025')).json() as SelfEvaluationReviewList;
    expect([after.summary.checked, after.summary.checkedPercent, after.summary.largeChecked]).toEqual([1, 12.5, 1]);
  });

  it('the list as .xlsx: 复核清单 in the list\'s order, 问题 with every finding', async () => {
    const res = await reviewer.get('/api/self-evaluation-reviews.xlsx?year=2025');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('复核清单')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('项目名称');
    expect([2, 3, 9].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['基本公共卫生服务', '职业技能提升培训补贴', '社区居家养老服务补贴']);
    expect(sheet.getRow(2).getCell(15).value).toBe('调整得分');
    expect(sheet.getRow(2).getCell(5).value).toBe(850);
    const problems = wb.getWorksheet('问题')!;
    expect(problems.rowCount - 1).toBe(11);
    // issue 70: every table's funds and indicators, the unit's score beside the re-scored one and how it was found, its totals
    const scores = wb.getWorksheet('得分复核')!;
    const header = (scores.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '项目名称', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '自评得分', '复核计算得分', '相差（分）', '复核计算方式', '偏差原因分析']);
    const rows = Array.from({ length: scores.rowCount - 1 }, (_, k) => (scores.getRow(k + 2).values as unknown[]).slice(1));
    const row = (name: string) => rows.find((r) => r[4] === name)!;
    expect([row('资金到位及时率')[8], row('资金到位及时率')[9], row('资金到位及时率')[10], row('资金到位及时率')[11]]).toEqual([7, 10, -3, '按完成比例计算']);
    const first = rows.filter((r) => r[0] === 1);
    expect(first[0]!.slice(2, 12)).toEqual(['年度资金', undefined, '预算执行率', '全年预算数850.00万元', '全年执行数833.00万元（执行率98.00%）', 10, 9.8, 9.8, 0, '执行率×分值']);
    expect(first[first.length - 1]!.slice(2, 12)).toEqual(['总分', undefined, undefined, undefined, undefined, undefined, 99.8, 74.8, 25, '复核计算等级：中']);
  });

  it('issue 70: a real table re-scored beside the unit\'s figures, how each was found; a doubted table not re-scored, said', async () => {
    const real = '01-yunnan-lincang-yongde-mingliangzhongxue-yingyanggaishan-2022.txt';
    const res = await reviewer.upload('/api/self-evaluation-reviews/import', [
      { filename: real, data: readFileSync(join(REAL_SELF_EVALUATIONS_DIR, real)) },
      { filename: 'fm11-doubted.html', data: readFileSync(join(SELF_EVALUATION_FORMS_DIR, 'fm11-doubted.html')) },
    ]);
    expect((res.json().files as { status: string }[]).map((f) => f.status)).toEqual(['imported', 'imported']);
    const y2022 = selfEvaluationReviewListSchema.parse((await reviewer.get('/api/self-evaluation-reviews?year=2022')).json());
    expect(y2022.items.map((i) => [i.project, i.selfScore, i.selfGrade, i.recomputedScore, i.recomputedGrade, i.gap])).toEqual([['义务教育营养改善计划专项资金', 96, '优', 99.8, '优', -3.8]]);
    const detail = submittedSelfEvaluationDetailSchema.parse((await reviewer.get(`/api/self-evaluation-reviews/${y2022.items[0]!.id}`)).json());
    expect(detail.indicators.map((i) => [i.name, i.target, i.actual, i.score, i.recomputed, i.how])).toEqual([
      ['学生受资助人数', '≧735人次', '735', 10, 10, '按完成比例计算'],
      ['营养改善计划覆盖率', '≧100%', '100%', 10, 10, '按完成比例计算'],
      ['资金到位及时率', '≧100%', '100%', 7, 10, '按完成比例计算'],
      ['生均补助标准达标率', '═100%', '100%', 10, 10, '按完成比例计算'],
      ['减轻贫困学生家庭经济负担', '有效', '有效', 10, 10, '按完成等级区间'],
      ['政策知晓率', '═100%', '98%', 9, 9.8, '按完成比例计算'],
      ['促进学校教育事业健康发展', '≧100%', '100%', 10, 10, '按完成比例计算'],
      ['学生满意度', '≧95%', '100%', 10, 10, '按完成比例计算'],
      ['家长满意度', '≧95%', '100%', 10, 10, '按完成比例计算'],
    ]);
    expect(detail.findingList.map((f) => f.rule)).toEqual(['score.deducted-when-met', 'deviation.missing']);
    // the doubted table: listed with the unit's score and none of Jixiao's, after those with a gap; its detail says why
    const y2025 = selfEvaluationReviewListSchema.parse((await reviewer.get('/api/self-evaluation-reviews?year=2025')).json());
    const doubted = y2025.items.find((i) => i.project === '森林防火物资储备经费')!;
    expect([doubted.selfScore, doubted.recomputedScore, doubted.recomputedGrade, doubted.gap, doubted.doubted]).toEqual([100, null, null, null, true]);
    expect(y2025.items.map((i) => i.project).indexOf('森林防火物资储备经费')).toBe(y2025.items.filter((i) => (i.gap ?? 0) !== 0).length);
    const d = submittedSelfEvaluationDetailSchema.parse((await reviewer.get(`/api/self-evaluation-reviews/${doubted.id}`)).json());
    expect([d.recomputedScore, d.funds.recomputed, d.findingList, d.withheld]).toEqual([null, 10, [], ['指标行读取存疑，指标得分、分值与总分未核对']]);
    expect(d.indicators.map((i) => [i.recomputed, i.how])).toEqual(d.indicators.map(() => [null, null]));
    expect(d.doubts).toEqual(['自评表1“项目支出绩效自评表”指标“储备物资完好率”的得分“见附件”不是数值，未能读取']);
  });

  it('for the 绩效科 only: editors 403, the anonymous 401', async () => {
    expect((await editor.get('/api/self-evaluation-reviews?year=2025')).statusCode).toBe(403);
    expect((await editor.upload('/api/self-evaluation-reviews/import', [file(FILES[0]!)])).statusCode).toBe(403);
    const anon = t.client();
    expect((await anon.get('/api/self-evaluation-reviews?year=2025')).statusCode).toBe(401);
  });
});

describe('a 自评表 on the 导入 page', () => {
  it('is refused there, saying where it goes; nothing stored', async () => {
    const before = await t.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await reviewer.upload('/api/imports/preview', [file(FILES[1]!)]);
    expect(res.statusCode).toBe(200);
    const [preview] = res.json().files as { action: string; error: string }[];
    expect([preview!.action, preview!.error]).toEqual(['refused', '文件中是项目支出绩效自评表（1 张），不是绩效目标表：请由财政局绩效科在“自评复核”页面上传，未导入']);
    const after = await t.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
