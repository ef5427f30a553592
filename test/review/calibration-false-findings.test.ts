/**
 * False findings the calibration on non-Hebei documents found (issue 30 §5), each with a case where the rule must
 * still fire: part one asked of a set of single-project forms, and a zero-defect count taken for a misplaced quantity.
 */
import { describe, expect, it } from 'vitest';
import { formAsksDepartmentGoal } from '../../src/shared/domain/document-scope';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';

const rulesOf = (doc: ParsedDocument) => reviewDocument(doc).map((f) => f.rule);

/** Three tables and no part one at all (overall null, no sub-goals), as a document of forms is read. */
function withoutPartOne(retitle: ((name: string) => string) | null, formName: string | null): ParsedDocument {
  const doc = buildExampleDocument({ departmentGoals: { subGoals: [] }, copies: 2 });
  doc.departmentGoals.overall = null;
  for (const p of doc.projects) {
    if (retitle !== null) p.title = retitle(p.name);
    if (formName !== null) p.form = { name: formName, fields: { name: '项目名称', total: '年度资金申请总额', goals: '年度绩效目标' }, columns: { name: '三级指标', target: '指标值' }, extraColumns: [] };
  }
  return doc;
}

describe('missing.department-goal only where the form has part one', () => {
  it('is silent on a set of 申报表 / transfer-payment tables: their form has no part one', () => {
    for (const name of ['财政项目支出绩效目标申报表', '项目支出绩效目标申报书', '转移支付项目绩效目标表']) {
      const doc = withoutPartOne(() => `2025年${name}`, name);
      expect(formAsksDepartmentGoal(doc), name).toBe(false);
      expect(rulesOf(doc), name).not.toContain('missing.department-goal');
    }
  });

  it('is silent on tables titled by their form, not by their project, whatever the form’s name', () => {
    // "2025年度项目绩效目标表" over each table: the published form's name, but each table a form of its own
    const doc = withoutPartOne(() => '2025年度项目绩效目标表', '项目绩效目标表');
    expect(rulesOf(doc)).not.toContain('missing.department-goal');
    const unprofiled = withoutPartOne(() => '湘溪县2025年项目支出绩效目标表', null);
    expect(rulesOf(unprofiled)).not.toContain('missing.department-goal');
  });

  it('is silent on project tables read from a file, each titled by its project, with nothing of part one (a system’s print: calibration document u-)', () => {
    const doc = withoutPartOne((name) => `${name}绩效目标表`, '项目绩效目标表');
    expect(rulesOf(doc)).not.toContain('missing.department-goal');
  });

  it('fires on a department’s document made on Jixiao’s own tables that has no part one', () => {
    // Jixiao's own tables (no recorded form) are the department document's too
    expect(rulesOf(withoutPartOne(null, null))).toContain('missing.department-goal');
  });

  it('fires where the document has part one but no overall goal, and where it has a 第三部分 table', () => {
    const blank = buildExampleDocument({ departmentGoals: { overall: '' }, copies: 1 });
    for (const p of blank.projects) p.title = '2025年度项目支出绩效目标申报表';
    expect(rulesOf(blank)).toContain('missing.department-goal');
    const withPublic = withoutPartOne(() => '2025年度项目绩效目标表', '项目绩效目标表');
    withPublic.projects[2]!.part = 'public';
    expect(rulesOf(withPublic)).toContain('missing.department-goal');
  });

  it('the form note does not list part one for a set of 申报表', () => {
    const doc = withoutPartOne(() => '2025年度项目支出绩效目标申报表', '项目支出绩效目标申报表');
    const note = reviewDocument(doc).find((f) => f.rule === 'missing.form-lacks-fields');
    expect(note?.message ?? '').not.toMatch(/第一部分|部门整体|总体绩效目标/);
  });
});

describe('unit.quality-not-rate only where a percentage is clearly meant', () => {
  const quality = (name: string, target: string) =>
    reviewDocument(buildExampleDocument({ indicators: [{ at: 1, name, target }] })).filter((f) => f.rule === 'unit.quality-not-rate');

  it('is silent on zero-defect and incident counts', () => {
    for (const [name, target] of [
      ['车辆安全责任事故次数', '0次'],
      ['群众有效投诉', '≤2件'],
      ['财务核算差错', '0笔'],
      ['重大安全事故发生率', '0起'],
      ['返工次数', '≤1次'],
      ['重大质量问题', '0个'], // a count whose name says neither a rate nor an output count
    ]) {
      expect(quality(name!, target!), name).toEqual([]);
    }
  });

  it('fires where the name says a rate but the value is a count, and on money', () => {
    const [f] = quality('活动完成率', '≥10个');
    expect(f).toMatchObject({ severity: 'info' });
    expect(f!.message).toContain('“≥10个”是计数');
    expect(quality('工程验收合格', '≥3个')).toHaveLength(1);
    expect(quality('招商活动签约项目个数', '≥1个')).toHaveLength(1); // an output count: a quantity in the wrong place
    expect(quality('设备维护质量', '≤5万元')).toMatchObject([{ severity: 'warning' }]);
  });
});

describe('missing.project-name numbers the table as the document does', () => {
  const nameless = (doc: ParsedDocument) => reviewDocument(doc).filter((f) => f.rule === 'missing.project-name').map((f) => f.message);

  it('表N in part two, 第三部分表N in part three, the code when there is one', () => {
    const doc = buildExampleDocument({ copies: 2 });
    doc.projects[1]!.name = '';
    doc.projects[2]!.name = '';
    doc.projects[2]!.part = 'public';
    doc.projects[2]!.sequence = 1;
    doc.projects[2]!.code = null;
    expect(nameless(doc)).toEqual([`表2（${doc.projects[1]!.code}）缺少项目名称`, '第三部分表1缺少项目名称']);
  });

  it('is silent where every table has its name', () => {
    expect(nameless(buildExampleDocument({ copies: 2 }))).toEqual([]);
  });
});
