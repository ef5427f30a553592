/**
 * The problems of a project that may become 整改 items, each with its stable key
 * (shared/domain/rectification.ts) and the text the item keeps of it:
 * - review findings: the project's stored findings (loadStoredFindings);
 * - monitoring deviations: the yellow and red entries (spending, indicators) of a round's
 *   monitoring table, as monitoring computes it;
 * - self-evaluation problems: the requirements of the project's self-evaluation (an indicator
 *   short of its target or far above it, spending under 90%).
 * A source is read when the item is made; the item keeps the text, so later edits of the source
 * do not change what the item says.
 */
import { LIGHT_LABELS, type IndicatorProgress, type MonitoringTable } from '../../../shared/api/monitoring';
import {
  deviationSourceKey,
  findingSourceKey,
  selfEvaluationSourceKey,
  type RectificationSourceKind,
} from '../../../shared/domain/rectification';
import { CATEGORY_LABELS } from '../../../shared/review/types';
import { loadStoredFindings } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { isWarning } from '../monitoring/indicator-progress';
import { getMonitoringTable } from '../monitoring/monitoring.service';
import { getSelfEvaluation } from '../self-evaluation/self-evaluation.service';

export interface RectificationSource {
  kind: RectificationSourceKind;
  key: string;
  text: string;
}

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

/** The project's review findings as sources. */
export async function findingSources(db: Db, projectId: number): Promise<RectificationSource[]> {
  const findings = (await loadStoredFindings(db, [projectId])).get(projectId) ?? [];
  return findings.map((f) => ({
    kind: 'finding' as const,
    key: findingSourceKey(f),
    text: `【${SEVERITY[f.severity] ?? f.severity}·${CATEGORY_LABELS[f.category] ?? f.category}】${f.indicator ? `指标“${f.indicator}”：` : ''}${f.message}（建议：${f.suggestion}）`,
  }));
}

function explained(cause: string | null, note: string | null, measure: string | null): string {
  const parts = [cause ? `偏差原因：${cause}${note ? `（${note}）` : ''}` : '', measure ? `纠偏措施：${measure}` : ''].filter((p) => p !== '');
  return parts.length === 0 ? '（未说明偏差原因）' : parts.join('；');
}

function indicatorText(asOf: string, i: IndicatorProgress): string {
  const value = i.valueToDate !== null ? `累计完成 ${i.valueToDate}` : i.projected !== null ? `预计全年 ${i.projected}` : i.likelihood !== null ? `完成可能性：${i.likelihood}` : '未填报完成值';
  return `截至 ${asOf}，指标“${i.name}”（年度指标值 ${i.target}）${value}，${LIGHT_LABELS[i.light!]}。${explained(i.cause, i.causeNote, i.measure)}`;
}

/** The yellow and red entries of one round of the project's monitoring (the latest round without `asOf`). */
export async function deviationSources(db: Db, projectId: number, asOf?: string): Promise<RectificationSource[]> {
  const table: MonitoringTable | null = await getMonitoringTable(db, projectId, asOf);
  if (table === null) return [];
  const out: RectificationSource[] = [];
  const s = table.spending;
  if (isWarning(s.light)) {
    out.push({
      kind: 'deviation',
      key: deviationSourceKey(table.asOf, null),
      text: `截至 ${table.asOf}，预算执行率 ${s.actualPercent ?? '—'}%，序时进度 ${s.planPercent ?? '—'}%，${LIGHT_LABELS[s.light!]}。${explained(s.cause, s.causeNote, s.measure)}`,
    });
  }
  for (const i of table.indicators) {
    if (isWarning(i.light)) out.push({ kind: 'deviation', key: deviationSourceKey(table.asOf, i.indicatorId), text: indicatorText(table.asOf, i) });
  }
  return out;
}

/** The requirements of the project's saved self-evaluation (none when it was never saved). */
export async function selfEvaluationSources(db: Db, projectId: number): Promise<RectificationSource[]> {
  const result = await getSelfEvaluation(db, projectId);
  if (result.updatedAt === null) return [];
  const indicators = new Map(result.indicators.map((i) => [i.indicatorId, i]));
  return result.requirements.map((r) => {
    const i = r.indicatorId === null ? undefined : indicators.get(r.indicatorId);
    const detail = i
      ? `指标“${i.name}”（年度指标值 ${i.target}，实际 ${i.actualText ?? '未填'}，得分 ${i.score}/${i.weight}）。${i.deviationCause ? `偏差原因：${i.deviationCause}` : '未说明偏差原因'}${i.improvement ? `；改进措施：${i.improvement}` : ''}`
      : result.executionExplanation
        ? `说明：${result.executionExplanation}`
        : '';
    return { kind: 'self-evaluation' as const, key: selfEvaluationSourceKey(r.code, r.indicatorId), text: `${r.message}${detail ? `。${detail}` : ''}` };
  });
}

/** The one source of `kind` and `key` of a project, or undefined when the project has no such problem. */
export async function findSource(db: Db, projectId: number, kind: RectificationSourceKind, key: string): Promise<RectificationSource | undefined> {
  let sources: RectificationSource[];
  if (kind === 'finding') sources = await findingSources(db, projectId);
  else if (kind === 'deviation') {
    const asOf = /^(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1];
    if (asOf === undefined) return undefined;
    sources = await deviationSources(db, projectId, asOf);
  } else sources = await selfEvaluationSources(db, projectId);
  return sources.find((s) => s.key === key);
}
