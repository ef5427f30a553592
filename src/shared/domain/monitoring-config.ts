/**
 * The settings of in-year monitoring (绩效运行监控, "双监控"), as data: light bands, the blue
 * threshold, key-monitoring criteria, deviation causes, checkpoint dates. lifecycle.md §2 gives the
 * defaults; places differ, so a region and year can override any part (MONITORING_CONFIG_ASSIGNMENTS),
 * never the code. Pure data: runs in the browser too.
 */
import { selectConfig } from './config-assignments';
import type { ConfigAssignment } from './config-assignments';
import type { Checkpoint, Fen } from './model';

/** A warning light. Blue: a cumulative target already exceeded well ahead of the year's end. */
export type Light = 'green' | 'yellow' | 'red' | 'blue';

/** The department's judgement whether a target will be reached (rates and qualitative targets). */
export type Likelihood = '确定能' | '有可能' | '完全不可能';

/** Why an indicator or the spending deviates (偏差原因). */
export type DeviationCause = '经费保障' | '制度保障' | '人员保障' | '硬件保障' | '其他';

export interface MonitoringConfig {
  id: string;
  /**
   * Ratio bands (actual ÷ expected × 100, compared after rounding to two decimals): below
   * `redBelow` red, below `greenFrom` yellow, else green.
   */
  bands: { redBelow: number; greenFrom: number };
  /** A cumulative indicator whose value to date is at least this percent of the annual target is blue. */
  blueFromPercentOfTarget: number;
  /** Likelihood → light. */
  likelihoodLights: Record<Likelihood, Light>;
  /**
   * Key monitoring (重点监控): budget strictly above `budgetAboveFen` and less than `minSpentPercent`
   * spent at the end of month `byMonth` (judged on rounds as of that month's last day or later).
   */
  keyMonitoring: { budgetAboveFen: Fen; minSpentPercent: number; byMonth: number };
  /** The causes a yellow or red entry may give. */
  causes: DeviationCause[];
  /** Causes that need a free-text note as well (其他 says nothing by itself). */
  causesNeedingNote: DeviationCause[];
  /** Lights that need a cause and a corrective measure. */
  lightsNeedingExplanation: Light[];
  /** The date each checkpoint of 资金支出计划 stands for (3月底 = 31 March …). */
  checkpointDates: Record<Checkpoint, { month: number; endOfMonth: true }>;
}

export const DEFAULT_MONITORING_CONFIG: MonitoringConfig = {
  id: 'default-2025',
  bands: { redBelow: 60, greenFrom: 80 },
  blueFromPercentOfTarget: 120,
  likelihoodLights: { 确定能: 'green', 有可能: 'yellow', 完全不可能: 'red' },
  // 200万元 = 2,000,000 yuan = 200,000,000 fen
  keyMonitoring: { budgetAboveFen: 200_000_000, minSpentPercent: 60, byMonth: 8 },
  causes: ['经费保障', '制度保障', '人员保障', '硬件保障', '其他'],
  causesNeedingNote: ['其他'],
  lightsNeedingExplanation: ['yellow', 'red'],
  checkpointDates: {
    '03': { month: 3, endOfMonth: true },
    '06': { month: 6, endOfMonth: true },
    '10': { month: 10, endOfMonth: true },
    '12': { month: 12, endOfMonth: true },
  },
};

/** Which settings a (region, year) uses: the most specific rule wins. */
export type MonitoringConfigAssignment = ConfigAssignment<MonitoringConfig>;

export const MONITORING_CONFIG_ASSIGNMENTS: readonly MonitoringConfigAssignment[] = [];

/**
 * The settings for a region (division code prefix, e.g. "1302") and budget year: the defaults,
 * overlaid by each applicable assignment from the least to the most specific.
 * @example selectMonitoringConfig(2025, "130202").bands // { redBelow: 60, greenFrom: 80 }
 */
export function selectMonitoringConfig(
  year: number | null,
  region?: string | null,
  assignments: readonly MonitoringConfigAssignment[] = MONITORING_CONFIG_ASSIGNMENTS,
): MonitoringConfig {
  return selectConfig(DEFAULT_MONITORING_CONFIG, assignments, year, region);
}
