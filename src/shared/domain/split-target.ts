/**
 * A target split over several columns (issue 37), joined as a person reads it: 大于等于 | 98 | %
 * is the target ≥98%. The tables that 预算管理一体化 systems print give the operator (or 定性),
 * the number and the unit of measure in cells of their own; the operator is never lost and never
 * replaced by "=", and a 定性 row keeps its text as a qualitative target.
 *
 * Pure code, beside target-value.ts whose grammar reads the joined text.
 */
import type { TargetOperator, TargetValue } from './model';
import { parseTargetValue } from './target-value';

export interface TargetParts {
  /** The operator of the row's operator or nature cell; null when it gives none. */
  operator: TargetOperator | null;
  /** The text of the value (or target) cell, trimmed. */
  value: string;
  /** The text of the unit-of-measure cell, trimmed; "" when none. */
  unit: string;
  /** The row's nature cell says 定性: the value is a qualitative target, as written. */
  qualitative: boolean;
  /** The operator as its cell writes it (大于等于, ≥, >=): the joined target keeps it as written (issue 74); absent: the symbol. */
  operatorText?: string;
}

export interface JoinedTarget {
  target: TargetValue;
  /** The operator cell's operator went into the target. */
  operatorUsed: boolean;
  /** The unit cell's text went into the target (or the value already ended with it). */
  unitUsed: boolean;
  /** Why a part was not used, for a diagnostic (null when every given part was used). */
  conflict: string | null;
}

/** Whether the value's text states an operator of its own ("≥98", "不低于95%", "=100"). */
function statesOperator(value: string, parsed: TargetValue): boolean {
  return parsed.operator !== null && (parsed.operator !== '=' || /^\s*(?:[=＝]|等于)/.test(value));
}

/**
 * Joins the parts: the operator's symbol before a number that has none, the unit after a number
 * that has none. A value that is no number (定性, a deadline, prose) keeps its text; the parts it
 * cannot take are reported in `conflict` for the caller to keep them as written.
 * @example joinTargetParts({ operator: "≥", value: "98", unit: "%", qualitative: false }).target.raw // "≥98%"
 */
export function joinTargetParts(parts: TargetParts): JoinedTarget {
  const value = parts.value.trim();
  const unit = parts.unit.trim();
  const own = parseTargetValue(value);
  // "≤ | 2025年12月": a deadline by then, as written; "= | 2025年12月" or "= | 好" says nothing more (issue 31)
  if (value !== '' && unit === '' && !parts.qualitative && own.kind !== 'quantitative' && (parts.operator === '=' || (own.kind === 'deadline' && (parts.operator === '≤' || parts.operator === '<')))) {
    const target = parts.operator === '=' ? own : { ...parseTargetValue(`${parts.operator}${value}`), raw: `${parts.operator}${value}` };
    return { target: target.kind === own.kind ? target : own, operatorUsed: true, unitUsed: false, conflict: null };
  }
  if (value === '' || parts.qualitative || own.kind !== 'quantitative') {
    const unused = [parts.operator !== null ? `运算符“${parts.operator}”` : null, unit !== '' ? `计量单位“${unit}”` : null].filter((s) => s !== null);
    const why = value === '' ? '指标值为空' : parts.qualitative ? '定性指标' : '指标值不是数值';
    // 定性 with a number in its text ("提升10%") is still the document's qualitative target, as written
    const target: TargetValue =
      parts.qualitative && own.kind === 'quantitative'
        ? { ...own, kind: 'qualitative', operator: null, value: null, valueText: null, unit: null, words: null }
        : own;
    return { target, operatorUsed: false, unitUsed: false, conflict: unused.length > 0 ? `${why}，${unused.join('、')}未并入指标值` : null };
  }
  const conflicts: string[] = [];
  let operator = own.operator;
  let operatorUsed = false;
  let text = value;
  if (parts.operator !== null) {
    if (!statesOperator(value, own)) {
      operator = parts.operator;
      operatorUsed = true;
      // the operator as written, when it reads as the same operator (大于等于 | 98 | %: 大于等于98%, as the form prints it)
      const written = parts.operatorText?.trim() ?? '';
      text = `${written !== '' && parseTargetValue(`${written}${text}`).operator === parts.operator ? written : parts.operator}${text}`;
    } else if (own.operator === parts.operator) operatorUsed = true;
    else conflicts.push(`运算符“${parts.operator}”与指标值“${value}”自带的“${own.operator}”不一致，按指标值`);
  }
  let unitOf = own.unit;
  let unitUsed = false;
  if (unit !== '') {
    const alone = parseTargetValue(`1${unit}`);
    const unitRead = alone.kind === 'quantitative' && alone.valueText === '1' && alone.words === null ? alone.unit : unit;
    if (own.unit === null) {
      unitOf = unitRead;
      unitUsed = true;
      text = `${text}${unit}`;
    } else if (own.unit === unitRead || own.unit === unit) unitUsed = true;
    else conflicts.push(`计量单位“${unit}”与指标值“${value}”自带的“${own.unit}”不一致，按指标值`);
  }
  const joined = parseTargetValue(text);
  // The grammar may read the joined text otherwise (a unit it does not know): the parts decide.
  const target: TargetValue =
    joined.kind === 'quantitative' && joined.valueText === own.valueText && joined.operator === operator && joined.unit === unitOf
      ? joined
      : { ...own, raw: text, operator, unit: unitOf };
  return { target, operatorUsed, unitUsed, conflict: conflicts.length > 0 ? conflicts.join('；') : null };
}
