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

/** A term of the monitoring screens and what it means under a configuration. */
export interface MonitoringTerm {
  term: string;
  /** The light it explains, for the legend's colour; null for other terms. */
  light: Light | null;
  text: string;
}

/**
 * What the monitoring screens' lights and figures mean under `config`, for their legend: each
 * threshold as the configuration sets it (the numbers are the config's, not fixed text).
 * @example monitoringGlossary(DEFAULT_MONITORING_CONFIG)[0].text // '进度比 ≥ 80（计划进度为 0 时也为绿灯）；或预计“确定能”完成'
 */
export function monitoringGlossary(config: MonitoringConfig): MonitoringTerm[] {
  const { redBelow, greenFrom } = config.bands;
  const likely = (light: Light) => {
    const words = (Object.keys(config.likelihoodLights) as Likelihood[]).filter((k) => config.likelihoodLights[k] === light);
    return words.length > 0 ? `；或预计“${words.join('”“')}”完成` : '';
  };
  const explain = (light: Light) => (config.lightsNeedingExplanation.includes(light) ? '，须说明偏差原因并提出纠偏措施' : '');
  const key = config.keyMonitoring;
  const wan = (fen: Fen) => `${Number(fen) / 1_000_000}`;
  return [
    { term: '绿灯', light: 'green', text: `进度比 ≥ ${greenFrom}（计划进度为 0 时也为绿灯）${likely('green')}` },
    { term: '黄灯', light: 'yellow', text: `${redBelow} ≤ 进度比 < ${greenFrom}${likely('yellow')}${explain('yellow')}` },
    { term: '红灯', light: 'red', text: `进度比 < ${redBelow}${likely('red')}${explain('red')}` },
    { term: '蓝灯', light: 'blue', text: `累计完成值已达全年目标值的 ${config.blueFromPercentOfTarget}% 及以上：目标可能定得偏低，请复核` },
    { term: '进度比', light: null, text: '实际进度 ÷ 序时（计划）进度 × 100，单位为 %，保留两位小数：预算执行为累计支出占预算的百分比与资金支出计划在截止日的累计百分比之比；指标为截至目前完成值与截止日应完成值之比' },
    { term: '预算执行率', light: null, text: '累计支出 ÷ 预算数 × 100%' },
    { term: '重点监控', light: null, text: `预算超过 ${wan(key.budgetAboveFen)} 万元，且截至 ${key.byMonth} 月底支出不足预算的 ${key.minSpentPercent}%` },
    { term: '未说明', light: null, text: `黄灯、红灯条目未填写偏差原因（${config.causes.join('、')}）或纠偏措施` },
  ];
}
