/**
 * A doubted value's likely reading, accepted by a person in the import preview (issue 69): the OCR doubts
 * (ocr-doubts.ts) give a target whose shape is no target's (295%, 三100%) or that differs from the same indicator
 * elsewhere its likely readings (Doubt.likely); the one a person chooses becomes the target, read as any 指标值 is
 * (target-value.ts), and the doubt is answered. The document keeps a note of it (an info diagnostic at the cell).
 */
import type { DepartmentTargets, Indicator, ParsedDocument, Project } from '../../../shared/domain/model';
import { readingOf, type Doubt } from '../../../shared/domain/reading';
import { parseTargetValue } from '../../../shared/domain/target-value';

/** The indicator whose 指标值 cell a doubt stands at. */
function indicatorAt(table: Project | DepartmentTargets, doubt: Doubt): Indicator | undefined {
  const list = 'longTermIndicators' in table ? [...table.indicators, ...table.longTermIndicators] : table.indicators;
  return list.find((ind) => ind.sources.target !== undefined && ind.sources.target.line === doubt.where.line);
}

/**
 * Puts a doubt's chosen reading in: the target at its cell read anew, the doubt gone from the table's reading, a note
 * in the document's diagnostics. False when the doubt stands at no target (nothing changed).
 */
export function acceptReading(doc: ParsedDocument, table: Project | DepartmentTargets, doubt: Doubt, reading: string): boolean {
  const ind = indicatorAt(table, doubt);
  if (ind === undefined || table.reading === undefined) return false;
  const read = ind.target.raw;
  ind.target = parseTargetValue(reading);
  table.reading = readingOf(table.reading.doubts.filter((d) => d !== doubt));
  const where = doubt.where;
  doc.diagnostics.push({
    severity: 'info',
    code: 'ocr.accepted',
    message: `指标“${ind.name}”的指标值由识别结果“${read}”改为“${reading}”（导入时由人确认）`,
    source: { line: where.line, ...(where.ref !== undefined ? { ref: where.ref } : {}) },
  });
  return true;
}
