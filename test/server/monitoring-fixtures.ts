/**
 * Projects for the monitoring and self-evaluation tests: stored through the real import service,
 * read back as monitoring sees them (with indicator ids).
 */
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import type { SelfEvaluationDraft } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import { loadMonitoredProjects } from '../../src/server/db/monitoring.repository';
import type { Db, ProjectStatus } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import type { Indicator, Project } from '../../src/shared/domain/model';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { buildIndicator, buildParsedDocument, buildProject, buildSpendingPlan, fakeSha256 } from '../factories';

/** Fen per 万元. */
export const WAN = 1_000_000;

/** An indicator as the importer builds it: the target parsed from its text. */
export function indicator(level1: string, level2: string, name: string, target: string, extra: Partial<Indicator> = {}): Indicator {
  return buildIndicator({ level1, level2, level1Raw: level1, level2Raw: level2, name, target: parseTargetValue(target), ...extra });
}

/**
 * The standard project: the worked example's budget (120万元, plan 25/50/75/100) and one indicator of
 * each kind — cumulative, ceiling, qualitative, level (rate), deadline.
 */
export function monitoringProject(serial: number, overrides: Partial<Project> & { budgetWan?: number } = {}): Project {
  const { budgetWan = 120, ...rest } = overrides;
  const total = budgetWan * WAN;
  return buildProject({
    sequence: serial,
    code: `13020225P${String(serial).padStart(12, '0')}`,
    name: `监控测试项目${serial}`,
    budget: { total, fiscal: total, other: null },
    spendingPlan: buildSpendingPlan(total, [25, 50, 75, 100]),
    indicators: [
      indicator('产出指标', '数量指标', '培训人次', '≥1000人次'),
      indicator('产出指标', '成本指标', '项目成本', '≤120万元'),
      indicator('效益指标', '社会效益指标', '社会效益', '显著提高'),
      indicator('满意度指标', '服务对象满意度指标', '群众满意度', '≥85%'),
      indicator('产出指标', '时效指标', '完成时间', '2025年12月底前'),
    ],
    ...rest,
  });
}

/** lifecycle.md §3 worked example 1: budget 10万元, the six indicators of the example. */
export function example1Project(serial: number): Project {
  return monitoringProject(serial, {
    budgetWan: 10,
    spendingPlan: buildSpendingPlan(10 * WAN),
    indicators: [
      indicator('产出指标', '成本指标', '项目成本', '≤10万元'),
      indicator('产出指标', '数量指标', '培训次数', '≥1次'),
      indicator('产出指标', '时效指标', '完成时间', '≤1年'),
      indicator('产出指标', '质量指标', '工作质量', '达成市级目标'),
      indicator('效益指标', '社会效益指标', '社会效益', '显著提高'),
      indicator('满意度指标', '服务对象满意度指标', '群众满意度', '≥85%'),
    ],
  });
}

let documentSerial = 0;

/**
 * Stores a department's document with these projects, their targets approved (monitoring covers
 * approved projects only) unless another status is given; returns them as monitoring sees them.
 */
export async function storeMonitoringDocument(
  db: Db,
  projects: Project[],
  department: { code: string; name: string } = { code: '763001', name: '中共唐山市路南区委社会工作部' },
  year = 2025,
  status: ProjectStatus = 'approved',
): Promise<{ documentId: number; projects: MonitoredProject[] }> {
  documentSerial++;
  const doc = buildParsedDocument({
    sha256: fakeSha256(`monitoring document ${documentSerial}`),
    year,
    department: { ...department, source: { line: 1 } },
    projects: projects.map((p) => ({ ...p, department: { code: department.code, name: department.name } })),
  });
  const { documentId } = await storeDocument(db, doc, { actor: 'importer', now: new Date('2025-01-10T08:00:00.000Z') });
  await db.updateTable('project').set({ status }).where('documentId', '=', documentId).execute();
  const stored = await loadMonitoredProjects(db, {});
  return { documentId, projects: stored.filter((p) => p.documentId === documentId) };
}

/** lifecycle.md §3 worked example 1 with every deviation explained: 91.86 → 优. */
export function example1Explained(p: MonitoredProject): SelfEvaluationDraft {
  const [cost, count, time, quality, benefit, satisfaction] = p.indicators.map((i) => i.id);
  const why = { deviationCause: '部分工作延后', improvement: '加强调度' };
  return {
    spentFen: 9_200_000,
    executionExplanation: '结余资金按规定收回',
    indicators: [
      { indicatorId: cost!, actual: { kind: 'value', value: '9.2' } },
      { indicatorId: count!, actual: { kind: 'value', value: 3 }, deviationCause: '目标设定偏低' },
      { indicatorId: time!, actual: { kind: 'value', value: '1年' } },
      { indicatorId: quality!, actual: { kind: 'graded', grade: '部分达成', percent: 70 }, ...why },
      { indicatorId: benefit!, actual: { kind: 'graded', grade: '达成', percent: 90 }, ...why },
      { indicatorId: satisfaction!, actual: { kind: 'value', value: '80%' }, ...why },
    ],
  };
}
