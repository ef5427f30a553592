/**
 * Which monitoring and self-evaluation settings a project uses: chosen by its budget year and its
 * region, the division code that starts its project code (130202 in 13020225P008911100023).
 */
import { codePrefixRegion as regionOf } from '../../../shared/domain/region';
import { selectMonitoringConfig, type MonitoringConfig } from '../../../shared/domain/monitoring-config';
import { selectSelfEvaluationConfig, type SelfEvaluationConfig } from '../../../shared/domain/self-evaluation-config';
import { MONITORED_STATUSES, STATUS_LABELS, type ProjectStatus } from '../../../shared/domain/workflow';

/** Why a project cannot take monitoring data yet, or null when it can. */
export function unmonitoredReason(project: { name: string; status: ProjectStatus }, what: string): string | null {
  if (MONITORED_STATUSES.includes(project.status)) return null;
  return `项目“${project.name}”的绩效目标尚未审核通过（当前状态：${STATUS_LABELS[project.status]}），审核通过后才能${what}`;
}

/** The division code of a project code: regionOf('13020225P008911100023') = '130202' (shared/domain/region.ts). */
export { regionOf };

/** The monitoring settings of a project. */
export function monitoringConfigFor(project: { year: number | null; code: string | null }): MonitoringConfig {
  return selectMonitoringConfig(project.year, regionOf(project.code));
}

/** The self-evaluation settings of a project. */
export function selfEvaluationConfigFor(project: { year: number | null; code: string | null }): SelfEvaluationConfig {
  return selectSelfEvaluationConfig(project.year, regionOf(project.code));
}
