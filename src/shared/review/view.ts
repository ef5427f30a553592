/**
 * The document as the review reads it: the reader's reading, with the form's own words about a value taken at their
 * word (issue 73). A form that prints the unit in the indicator's name (`信访事务业务经费支出（万元/年） | ≤443.62`,
 * `合同修订完成时限（工作日） | ≤3`) gives every value of that row its unit: the review judges `≤443.62` as 443.62 万元,
 * never as a number without a unit. Nothing is changed in the document itself; the view shares every object the
 * reading has and copies only the rows it gives a unit (and the tables and lists that hold them).
 */
import type { Indicator, ParsedDocument } from '../domain/model';
import type { ReviewConfig } from './config';
import { perText } from './memo';
import { unitFamily } from './units';

/** A unit in brackets at the end of a name ("（万元/年）", "(元/人/天)", "（%）"), as written inside them. */
const TRAILING_BRACKETS = /[（(]\s*([^（）()\s]{1,8})\s*[)）]\s*$/;

/**
 * The unit a name prints in its closing brackets, when the brackets hold a unit of a known family (a compound unit by
 * its first part, a magnitude before a unit as the unit: “千印” counts 印); null otherwise ("（试行）", "（必填）").
 * Once per name and settings.
 */
export const unitInName = perText((name: string, config: ReviewConfig): string | null => {
  const m = TRAILING_BRACKETS.exec(name);
  if (m === null) return null;
  const unit = m[1]!.replace(/^％$/, '%');
  return unitFamily(unit, config) !== null ? unit : null;
});

/** The row with the unit its name prints given to its number; the row itself when it has a unit or its name none. */
function withNamedUnit(indicator: Indicator, config: ReviewConfig): Indicator {
  const t = indicator.target;
  if (t.kind !== 'quantitative' || t.unit !== null || t.value === null) return indicator;
  const unit = unitInName(indicator.name, config);
  return unit === null ? indicator : { ...indicator, target: { ...t, unit } };
}

function withNamedUnits(indicators: Indicator[], config: ReviewConfig): Indicator[] {
  let out: Indicator[] | null = null;
  for (let i = 0; i < indicators.length; i++) {
    const seen = withNamedUnit(indicators[i]!, config);
    if (seen !== indicators[i]) (out ??= indicators.slice())[i] = seen;
  }
  return out ?? indicators;
}

/**
 * The document the rules read (see the file's header): `doc` itself when no row needs anything, which is most
 * documents, else a shallow copy sharing all it can.
 */
export function reviewedView(doc: ParsedDocument, config: ReviewConfig): ParsedDocument {
  let projects: ParsedDocument['projects'] | null = null;
  for (let p = 0; p < doc.projects.length; p++) {
    const project = doc.projects[p]!;
    const indicators = withNamedUnits(project.indicators, config);
    const longTermIndicators = withNamedUnits(project.longTermIndicators, config);
    if (indicators !== project.indicators || longTermIndicators !== project.longTermIndicators) (projects ??= doc.projects.slice())[p] = { ...project, indicators, longTermIndicators };
  }
  let targets = doc.departmentTargets;
  if (targets !== null) {
    const indicators = withNamedUnits(targets.indicators, config);
    if (indicators !== targets.indicators) targets = { ...targets, indicators };
  }
  return projects === null && targets === doc.departmentTargets ? doc : { ...doc, projects: projects ?? doc.projects, departmentTargets: targets };
}
