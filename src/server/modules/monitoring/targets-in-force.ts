/**
 * The targets in force on a date (目标调整, issue 33): the one place monitoring and self-evaluation
 * read a project's indicators and budget through. A project without approved adjustments is
 * itself; with them, from an adjustment's effective date its rows (adjusted targets, removed rows
 * left out) and its budget apply (shared/domain/target-adjustment.ts).
 */
import { budgetInForce, indicatorsInForce } from '../../../shared/domain/target-adjustment';
import { parseTargetValue } from '../../../shared/domain/target-value';
import type { MonitoredProject } from '../../db/monitoring.repository';

/** The project as measured on `date` (YYYY-MM-DD): its indicators and budget in force then. */
export function targetsInForce(project: MonitoredProject, date: string): MonitoredProject {
  const adjustments = project.adjustments ?? [];
  if (adjustments.length === 0) return project;
  return {
    ...project,
    indicators: indicatorsInForce(project.indicators, adjustments, date, parseTargetValue),
    budgetTotal: budgetInForce([{ version: 1, effectiveOn: null, budgetFen: null }, ...adjustments], date, project.budgetTotal),
  };
}

/**
 * The project as the self-evaluation measures it: its indicators in force at the end of its year
 * (31 December; a project without a year, the latest version). The budget stays the approved one
 * (年初预算数); the 全年预算数 is the evaluation's own.
 */
export function targetsAtYearEnd(project: MonitoredProject): MonitoredProject {
  const adjustments = project.adjustments ?? [];
  if (adjustments.length === 0) return project;
  const date = project.year === null ? '9999-12-31' : `${project.year}-12-31`;
  return { ...project, indicators: indicatorsInForce(project.indicators, adjustments, date, parseTargetValue) };
}

/** The 全年预算 in force at the end of the project's year (its latest version's without a year): the self-evaluation's 全年预算数 unless it gives its own. */
export function budgetAtYearEnd(project: MonitoredProject): MonitoredProject['budgetTotal'] {
  return targetsInForce(project, project.year === null ? '9999-12-31' : `${project.year}-12-31`).budgetTotal;
}
