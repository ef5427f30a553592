/**
 * Issue 70: the eight real 自评表 of ../shared/fixtures/self-evaluations (Yunnan ×2, Anhui ×2, Hubei, Hebei, Xinjiang,
 * Sichuan) read field by field against their hand-written truth (truth.json; that folder's README), as
 * test/importers/other-provinces.test.ts reads the target tables: at least 98 % of all their fields, and every
 * self-score the README names as contradicting the table's own figures found by the 复核.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { compareWithTruth, REAL_SELF_EVALUATIONS_DIR, type SelfEvaluationTruth, type TruthComparison } from '../support/self-evaluation-truth';

const truth = JSON.parse(readFileSync(join(REAL_SELF_EVALUATIONS_DIR, 'truth.json'), 'utf8')) as Record<string, SelfEvaluationTruth>;

async function read(file: string) {
  const doc = await parseDocumentBytes(readFileSync(join(REAL_SELF_EVALUATIONS_DIR, file)), file);
  expect(doc.projects.map((p) => p.name), 'no target table').toEqual([]);
  expect(doc.selfEvaluations, 'one 自评表').toHaveLength(1);
  return doc.selfEvaluations![0]!;
}

/**
 * Every finding the 复核 raises on each table, [rule, indicator]. The README names five self-scores that contradict the
 * table's own figures (CONTRADICTIONS); the others are judged here: a shortfall with no deviation written (01, 04), a
 * target missed in part and scored below the method (05 计划完成率: 10 of 20 for 60 % of 90 %), 分值 adding up to 110
 * (05), and, in 03, six rows with neither a target nor an actual left to the reviewer (info).
 */
const FINDINGS: Record<string, [string, string | null][]> = {
  '01-yunnan-lincang-yongde-mingliangzhongxue-yingyanggaishan-2022.txt': [
    ['score.deducted-when-met', '资金到位及时率'],
    ['deviation.missing', '政策知晓率'],
  ],
  // issue 70, the lead's rule: a funds score written whole is the exact one rounded; 9 for 97.81 % × 10 = 9.78 is a
  // deduction of 0.78 (a warning), not one of the README's five
  '02-yunnan-lincang-linxiang-linyecaoyuanju-shourongsuo-2023.txt': [['funds.score', null]],
  '03-anhui-chuzhou-tianchang-shuiliju-shuihanfangyu-2022.txt': ['指标1:工程质量合格', '指标1:年度资金支付完成率100%', '指标1:资金执行在预算范围内', '指标1:全市安全度汛', '指标1:保护全市人口财产不受损失', '指标1:已建工程良性运行'].map((n) => ['score.for-reviewer', n]),
  '04-anhui-huaibei-suixi-minzhengju-linshijiuzhu-2019.txt': [
    ['score.full-despite-shortfall', '★★★特困人员救助供养人数(按月平均)(≥**人)'],
    ['score.full-despite-shortfall', '扶贫临时救助标准(<**元/户·年)——一户年最高5300元'],
    ['deviation.missing', '扶贫临时救助标准(<**元/户·年)——一户年最高5300元'],
  ],
  '05-hubei-ezhou-caizhengju-goumaifuwu-2019.txt': [
    ['score.differs', '计划完成率'],
    ['actual.not-a-value', '财政工作运行效率'],
    ['points.total', null],
    ['total.sum', null],
  ],
  '06-hebei-langfang-shipingongchengxuexiao-nuantonggaizao-2019.txt': [],
  '07-xinjiang-changji-fukang-tongjiju-diaochaduijingfei-2023.txt': [],
  '08-sichuan-suining-daying-sifaju-ankebuzhu-2023.txt': [],
};

/** The README's five: a met target scored 7 of 10, a missed target and an exceeded cap kept in full, an actual written as a target, a total that is not the sum. */
const CONTRADICTIONS: [string, string, string | null, string][] = [
  ['01-yunnan-lincang-yongde-mingliangzhongxue-yingyanggaishan-2022.txt', 'score.deducted-when-met', '资金到位及时率', '自评得7分（满分10分）'],
  ['04-anhui-huaibei-suixi-minzhengju-linshijiuzhu-2019.txt', 'score.full-despite-shortfall', '★★★特困人员救助供养人数(按月平均)(≥**人)', '完成96.84%，未达成，自评得5分（满分5分），按完成比例应得4.84分'],
  ['04-anhui-huaibei-suixi-minzhengju-linshijiuzhu-2019.txt', 'score.full-despite-shortfall', '扶贫临时救助标准(<**元/户·年)——一户年最高5300元', '超出目标10%，未达成，自评得10分（满分10分），按比例应得9.09分'],
  ['05-hubei-ezhou-caizhengju-goumaifuwu-2019.txt', 'actual.not-a-value', '财政工作运行效率', '实际完成值“≥80%”是目标值的写法'],
  ['05-hubei-ezhou-caizhengju-goumaifuwu-2019.txt', 'total.sum', null, '总分90分不等于年度资金得分与各指标得分之和96分'],
];

describe('the real 自评表, read against their truth', () => {
  const results = new Map<string, TruthComparison>();
  for (const [file, t] of Object.entries(truth)) {
    it(file, async () => {
      const se = await read(file);
      // read as certain, but the two copies cut right after the indicator header (no indicator under it: said)
      expect(se.reading.doubts.map((d) => d.code)).toEqual(t.indicators.length === 0 ? ['self-eval-no-indicators'] : []);
      const c = compareWithTruth(se, t);
      results.set(file, c);
      console.log(`${file}: ${c.right}/${c.fields}${c.wrong.length > 0 ? `\n  ${c.wrong.join('\n  ')}` : ''}`);
    });
  }
  it.each(CONTRADICTIONS)('%s: the contradiction %s of “%s” is found', async (file, rule, indicator, words) => {
    const review = reviewSelfEvaluation(await read(file));
    const found = review.findings.find((f) => f.rule === rule && f.indicator === indicator);
    expect(found, `${rule} ${indicator}`).toBeDefined();
    expect(found!.message).toContain(words);
    expect(found!.severity).not.toBe('info');
  });

  it.each(Object.keys(FINDINGS))('%s: the 复核 raises exactly the findings judged, and re-scores it unless its reading is doubted', async (file) => {
    const se = await read(file);
    const review = reviewSelfEvaluation(se);
    expect(review.findings.map((f) => [f.rule, f.indicator])).toEqual(FINDINGS[file]);
    expect(review.recomputed.total === null).toBe(!se.reading.certain);
  });

  it('≥ 98 % of all the fields', () => {
    const fields = [...results.values()].reduce((n, c) => n + c.fields, 0);
    const right = [...results.values()].reduce((n, c) => n + c.right, 0);
    console.log(`all: ${right}/${fields} = ${((right / fields) * 100).toFixed(2)} %`);
    expect(results.size).toBe(Object.keys(truth).length);
    expect(right / fields).toBeGreaterThanOrEqual(0.98);
  });
});
