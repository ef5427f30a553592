/**
 * Two 自评表 forms the blind measure of issue 70 met on real tables (invented units and figures here,
 * test/documents/self-evaluation-kinds): the Sichuan form left unscored, whose 合计 row adds up the 权重 (合计 | 100 | —)
 * and whose 实施单位 label carries its seal's place (实施单位 (盖章)); and a county's 绩效目标自评表 with the year's
 * execution and each indicator's actual but no 分值 or 得分, named by 专项资金名称 and 县级主管部门.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';

const DIR = join(__dirname, '..', 'documents', 'self-evaluation-kinds');
const read = (file: string) => parseDocumentBytes(readFileSync(join(DIR, file)), file);

describe('自评表 forms met on real tables (issue 70)', () => {
  it('the Sichuan form unscored: its unit from 实施单位 (盖章), the 合计 of the 权重 read as the points, no total, no false sum', async () => {
    const doc = await read('s1-sichuan-unscored.txt');
    expect(doc.projects).toEqual([]);
    const se = doc.selfEvaluations![0]!;
    expect({ project: se.project, unit: se.unit, department: se.department }).toEqual({ project: '51000024R000000020001-村级便民服务站运行', unit: '清溪县民政局', department: '清溪县民政局本级' });
    expect(se.totalPoints?.value).toBe(100);
    expect(se.total).toBeNull();
    expect(se.indicators.map((i) => [i.name, i.target])).toEqual([
      ['便民服务站覆盖村数', '≥42个'],
      ['群众办事就近办理率', '≥90%'],
    ]);
    // a total it does not have is not said to differ from the sum of scores it does not have either
    expect(reviewSelfEvaluation(se).findings.filter((f) => f.rule === 'total.sum')).toEqual([]);
  });

  it('a county form with execution and actuals but no scores is a 自评表, named by 专项资金名称 and 县级主管部门, and says it cannot check scores', async () => {
    const doc = await read('s2-county-no-scores.txt');
    expect(doc.projects).toEqual([]);
    const se = doc.selfEvaluations![0]!;
    expect({ project: se.project, unit: se.unit, department: se.department, year: se.year }).toEqual({ project: '农村公路养护补助', unit: '公路养护中心', department: '清溪县交通运输局', year: 2024 });
    expect(se.funds.budgetFull?.fen).toBe(320_000_000);
    expect(se.funds.executed?.fen).toBe(304_000_000);
    expect(se.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual])).toEqual([
      ['产出指标', '数量指标', '日常养护里程', '≥680公里', '692公里'],
      ['产出指标', '质量指标', '养护路段优良率', '≥85%', '87%'],
      ['效益指标', '社会效益指标', '群众出行满意度', '≥90%', '93%'],
    ]);
    expect(se.reading.doubts.map((d) => d.code)).toEqual(['self-eval-columns']);
  });
});
