/**
 * Tables that list many projects (issue 37): the 一体化 disclosure table (表11-style 项目支出绩效目标表)
 * prints one row per indicator with the project's name, code, unit, category, amount and annual
 * goal in leading cells, merged or repeated over that project's rows. Which header cell holds
 * which project field, as data: the form labels of labels.ts (项目名称, 项目编码, 单位名称/实施单位,
 * 项目类别, 资金总额/预算数, 年度目标 …) read as column headers. And the titles of a medium-term
 * table that follows a project's annual one (中期绩效目标, 中长期绩效目标表).
 */
import { compactLabel, splitNumbering, stripBookmarks } from '../domain/text';
import { readIndicatorHeader } from './indicator-columns';
import { PROJECT_LABELS, lookupLabel, normalizeLabel, type ProjectLabelKey } from './labels';

/** A project field a column of a project list holds. */
export type ProjectColumnRole = 'name' | 'code' | 'unit' | 'category' | 'amount' | 'goal' | 'mediumGoal';

/** The form label keys (labels.ts PROJECT_LABELS) that are project columns in a list, and the role of each. */
const ROLE_OF_LABEL: Partial<Record<ProjectLabelKey, ProjectColumnRole>> = {
  name: 'name',
  code: 'code',
  budgetDepartment: 'unit',
  implementer: 'unit',
  supervisor: 'unit',
  category: 'category',
  nature: 'category',
  annualTotal: 'amount',
  projectTotal: 'amount',
  goals: 'goal',
  longTermGoals: 'mediumGoal',
};

/** Headers of a medium-term goal column the form labels do not list. */
const MEDIUM_GOAL_HEADERS: readonly string[] = ['中期目标', '中期绩效目标', '项目中期目标', '中期总目标', '实施期目标', '实施期绩效目标'];

/** Headers of an amount column the form labels do not list (a list names the column briefly). */
const AMOUNT_HEADERS: readonly string[] = ['金额', '项目金额', '资金', '资金金额', '预算', '合计金额', '项目资金金额', '年度金额', '总金额', '申报金额', '预算安排', '预算安排金额'];

export interface ProjectColumn {
  role: ProjectColumnRole;
  /** The money unit the header names in brackets ("金额（万元）"), else null. */
  unit: '万元' | '元' | null;
  /** An amount of the whole project (项目资金总额, 项目总预算), not this year's: read as such beside a year's amount column. */
  whole: boolean;
  /** The header as written, whitespace removed. */
  text: string;
}

/**
 * The project field a header cell of a project list names; null for an indicator column (an
 * indicator role wins: 单位 and 计量单位 are the unit of measure) or any other.
 * @example readProjectColumn("资金总额（万元）") // { role: "amount", unit: "万元", text: "资金总额（万元）" }
 */
export function readProjectColumn(raw: string): ProjectColumn | null {
  const text = stripBookmarks(raw).text.replace(/\s+/g, '');
  if (text === '' || readIndicatorHeader(text).field !== null) return null;
  const norm = normalizeLabel(text);
  const key = norm.key.replace(/^\d+[.、]/, '');
  const label = lookupLabel(PROJECT_LABELS, key);
  const role = (label !== null ? ROLE_OF_LABEL[label] : undefined) ?? (MEDIUM_GOAL_HEADERS.includes(key) ? 'mediumGoal' : AMOUNT_HEADERS.includes(key) ? 'amount' : undefined);
  if (role === undefined) return null;
  const unit = norm.unit === '万元' || norm.unit === '元' ? norm.unit : null;
  return { role, unit, whole: label === 'projectTotal', text };
}

/**
 * Whether an indicator header row lists projects: it has a project name or code column. A
 * project's own form never puts 项目名称 among its indicator columns.
 */
export function listsProjects(headerTexts: readonly string[]): boolean {
  return headerTexts.some((t) => {
    const c = t.includes('项目') || t.includes('专项') ? readProjectColumn(t) : null;
    return c !== null && (c.role === 'name' || c.role === 'code');
  });
}

/** A row of a list that totals it ("合计", "总计") rather than naming a project. */
export const TOTAL_ROW_NAME = /^(合计|总计|小计|共计|总合计)$/;

/**
 * A title of a project's medium-term targets, standing after its annual table: 中期绩效目标,
 * 中长期绩效目标表, 项目中期绩效目标, 中期目标表 (numbering and bookmarks removed).
 */
export function isMediumTermTitle(text: string): boolean {
  if (!text.includes('期')) return false;
  const { rest } = splitNumbering(stripBookmarks(text).text.trim());
  return /^(项目)?(中期|中长期|长期|实施期)(绩效)?(目标|指标)(申报)?表?$/.test(compactLabel(rest));
}
