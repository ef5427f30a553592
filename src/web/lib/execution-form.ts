/**
 * The entry form of one monitoring round (执行情况填报): what the user types, filled from a stored
 * round, and the PUT body built from it — the spent amount typed in 万元 becomes fen digit by digit.
 */
import type { ExecutionRecord, ExecutionRecordInput } from '../../shared/api/monitoring';
import { wanInputText } from './format';
import { parseSpentWan } from './monitoring';

export interface ExecutionIndicatorLine {
  indicatorId: number;
  valueToDate: string;
  projected: string;
  likelihood: string | null;
  cause: string | null;
  causeNote: string;
  measure: string;
}

export interface ExecutionForm {
  asOf: string;
  spentText: string;
  spendingCause: string | null;
  spendingCauseNote: string;
  spendingMeasure: string;
  note: string;
  indicators: ExecutionIndicatorLine[];
}

/** The form for a round: the stored values when there are, else blank lines for every indicator. */
export function executionFormFrom(indicatorIds: readonly number[], asOf: string, stored: ExecutionRecord | null): ExecutionForm {
  const lines = new Map((stored?.indicators ?? []).map((l) => [l.indicatorId, l]));
  return {
    asOf,
    spentText: stored ? wanInputText(stored.spentFen) : '',
    spendingCause: stored?.spendingCause ?? null,
    spendingCauseNote: stored?.spendingCauseNote ?? '',
    spendingMeasure: stored?.spendingMeasure ?? '',
    note: stored?.note ?? '',
    indicators: indicatorIds.map((indicatorId) => {
      const l = lines.get(indicatorId);
      return {
        indicatorId,
        valueToDate: l?.valueToDate ?? '',
        projected: l?.projected ?? '',
        likelihood: l?.likelihood ?? null,
        cause: l?.cause ?? null,
        causeNote: l?.causeNote ?? '',
        measure: l?.measure ?? '',
      };
    }),
  };
}

const blankToNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/**
 * The PUT body, or the fields that cannot be sent as typed (paths as the server names them).
 * @example executionFormToInput({ …, spentText: '48' }).input.spentFen // 48_000_000
 */
export function executionFormToInput(
  form: ExecutionForm,
): { ok: true; input: ExecutionRecordInput } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.asOf)) errors.push({ path: 'asOf', message: '请选择截至日期' });
  const spent = parseSpentWan(form.spentText, true);
  if (!spent.ok) errors.push({ path: 'spentFen', message: spent.message });
  if (!spent.ok || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      asOf: form.asOf,
      spentFen: spent.fen!,
      spendingCause: (form.spendingCause as ExecutionRecordInput['spendingCause']) ?? null,
      spendingCauseNote: blankToNull(form.spendingCauseNote),
      spendingMeasure: blankToNull(form.spendingMeasure),
      note: blankToNull(form.note),
      indicators: form.indicators.map((l) => ({
        indicatorId: l.indicatorId,
        valueToDate: blankToNull(l.valueToDate),
        projected: blankToNull(l.projected),
        likelihood: (l.likelihood as ExecutionRecordInput['indicators'][number]['likelihood']) ?? null,
        cause: (l.cause as ExecutionRecordInput['indicators'][number]['cause']) ?? null,
        causeNote: blankToNull(l.causeNote),
        measure: blankToNull(l.measure),
      })),
    },
  };
}

/**
 * The date proposed for a new round: the last day of the month after the latest round (the first
 * round: 31 July, the national round's data), never past 31 December; '' without a year.
 * @example nextRoundDate(2025, ['2025-06-30', '2025-08-31']) // '2025-09-30'
 */
export function nextRoundDate(year: number | null, rounds: readonly string[]): string {
  if (year === null) return '';
  const latest = [...rounds].filter((r) => r.startsWith(`${year}-`)).sort().pop();
  const month = latest ? Math.min(12, Number(latest.slice(5, 7)) + 1) : 7;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${last}`;
}
