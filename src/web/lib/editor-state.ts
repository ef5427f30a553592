/**
 * The editor's form state (texts as typed, money in 万元 text) and its conversion to the
 * ProjectInput of PUT /api/projects/:id, with the field errors that stop a save. Pure.
 */
import { indicatorToInput } from '../../shared/api/project-input';
import type { ProjectInput, ProjectInputParsed } from '../../shared/api/projects';
import { CHECKPOINTS, type Checkpoint, type Project } from '../../shared/domain/model';
import { parseAmountInput } from '../../shared/domain/money';
import { formatTablePercent } from '../../shared/domain/official-table';
import { wanInputText } from './format';

export interface IndicatorRow {
  /** A stable React key: rows move. */
  key: string;
  /** The index in the saved project this row was edited from; null for a new row. */
  origin: number | null;
  level1Raw: string;
  level2Raw: string;
  name: string;
  description: string;
  targetRaw: string;
  basis: string;
}

export interface EditorState {
  code: string;
  name: string;
  total: string;
  fiscal: string;
  other: string;
  purpose: string;
  /** Whether the spending plan is written in cumulative percent or cumulative amounts (万元). */
  planMode: 'percent' | 'amount';
  plan: Record<Checkpoint, string>;
  goals: string[];
  indicators: IndicatorRow[];
}

/** A fresh row key; only React uses it, so random is enough. */
export function newRowKey(): string {
  return `row-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/** The form state of a stored project. */
export function editorStateOf(project: Project): EditorState {
  const planMode = project.spendingPlan.some((c) => c.given === 'amount') ? 'amount' : 'percent';
  const plan = Object.fromEntries(
    CHECKPOINTS.map((c) => {
      const entry = project.spendingPlan.find((p) => p.checkpoint === c);
      let text = '';
      if (entry?.given === 'amount') text = wanInputText(entry.amount);
      else if (entry?.given === 'percent' && entry.percent !== null) text = formatTablePercent(entry.percent).replace('%', '');
      return [c, text];
    }),
  ) as Record<Checkpoint, string>;
  return {
    code: project.code ?? '',
    name: project.name,
    total: wanInputText(project.budget.total),
    fiscal: wanInputText(project.budget.fiscal),
    other: wanInputText(project.budget.other),
    purpose: project.purpose ?? '',
    planMode,
    plan,
    goals: project.goals.length > 0 ? [...project.goals] : [''],
    indicators: project.indicators.map((ind, i) => {
      const row = indicatorToInput(ind);
      return { ...row, description: row.description ?? '', basis: row.basis ?? '', key: newRowKey(), origin: i };
    }),
  };
}

/** A percent as typed ("25", "25%", "33.33"): at most two decimals, 0–100; undefined when not one. */
export function parsePercentInput(text: string): number | null | undefined {
  const s = text.replace(/[%％\s]/g, '');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 100 ? n : undefined;
}

export interface EditorConversion {
  /** What PUT /api/projects/:id is sent. */
  input: ProjectInput;
  /** Field (anchor) → message, for values the form cannot read. Empty: can be sent. */
  errors: Record<string, string>;
}

/** The ProjectInput of a form state; unreadable values become null and are reported in `errors`. */
export function editorInput(state: EditorState): EditorConversion {
  const errors: Record<string, string> = {};
  // strictly: a malformed amount ("5.49.1") is refused with its reason, not taken as blank
  const money = (text: string, field: string) => {
    const read = parseAmountInput(text, '万元');
    if (!read.ok) {
      errors[field] = read.reason;
      return null;
    }
    return read.fen;
  };
  const budget = { total: money(state.total, 'budget.total'), fiscal: money(state.fiscal, 'budget.fiscal'), other: money(state.other, 'budget.other') };
  const spendingPlan = CHECKPOINTS.map((checkpoint) => {
    const text = state.plan[checkpoint];
    if (state.planMode === 'percent') {
      const percent = parsePercentInput(text);
      if (percent === undefined) errors[`spendingPlan.${checkpoint}`] = '请输入 0–100 的百分比，最多两位小数';
      return { checkpoint, percent: percent ?? null, amount: null };
    }
    return { checkpoint, percent: null, amount: money(text, `spendingPlan.${checkpoint}`) };
  });
  return {
    input: {
      code: state.code,
      name: state.name,
      budget,
      purpose: state.purpose,
      spendingPlan,
      goals: state.goals,
      indicators: state.indicators.map(({ key: _key, ...row }) => row),
    },
    errors,
  };
}

const optionalText = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

/**
 * The input as the server reads it (projectInputSchema's transforms: texts trimmed, blanks null,
 * empty goals dropped), without its checks, so the live review also runs on an input the server
 * would still refuse (an empty name is a finding first).
 */
export function normalizeInput(input: ProjectInput): ProjectInputParsed {
  return {
    code: optionalText(input.code),
    name: input.name.trim(),
    budget: { ...input.budget },
    purpose: optionalText(input.purpose),
    spendingPlan: input.spendingPlan.map((c) => ({ ...c })),
    goals: input.goals.map((g) => g.trim()).filter((g) => g !== ''),
    indicators: input.indicators.map((r) => ({
      level1Raw: r.level1Raw.trim(),
      level2Raw: r.level2Raw.trim(),
      name: r.name.trim(),
      description: optionalText(r.description),
      targetRaw: r.targetRaw.trim(),
      basis: optionalText(r.basis),
      ...(r.origin !== undefined ? { origin: r.origin } : {}),
    })),
  };
}

/** Moves an element of a list by `delta` places (no change at the ends). */
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}
