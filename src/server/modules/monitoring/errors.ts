/**
 * The errors of monitoring and self-evaluation input. Malformed data is refused whole: one
 * ExecutionDataError lists every problem with where it is — a dotted field path of the service
 * input ("indicators.2.valueToDate") or, for a workbook, the cell ("指标执行!H5") — and nothing is
 * written. The API maps it to 400 'validation' with `issues`.
 */

/** One problem of the input: where (dotted path or sheet!cell; '' for the whole) and what, in Chinese. */
export interface DataIssue {
  path: string;
  message: string;
}

/** Input that cannot be stored; `issues` has every problem, the message names the first. */
export class ExecutionDataError extends Error {
  readonly issues: readonly DataIssue[];

  constructor(issues: readonly DataIssue[]) {
    const first = issues[0] ?? { path: '', message: '数据有误' };
    const more = issues.length - 1;
    super(`${first.path ? `${first.path}: ` : ''}${first.message}${more > 0 ? `（另有 ${more} 处错误）` : ''}`);
    this.name = 'ExecutionDataError';
    this.issues = issues;
  }
}

/** A project (or department) that does not exist; the API maps it to 404 'not-found'. */
export class MonitoringNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MonitoringNotFoundError';
  }
}

/** Collects issues while validating; `throwIfAny` refuses the input when there is one. */
/** The longest free text a monitoring or self-evaluation field takes. */
export const MAX_TEXT = 4000;

export class IssueList {
  readonly issues: DataIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Optional free text, trimmed (blank: null); an issue when it is not text or longer than MAX_TEXT. */
  text(path: string, value: unknown, label: string): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') {
      this.add(path, `${label}应为文字`);
      return null;
    }
    const t = value.trim();
    if (t.length > MAX_TEXT) this.add(path, `${label}最多 ${MAX_TEXT} 个字符`);
    return t === '' ? null : t;
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ExecutionDataError(this.issues);
  }
}

/**
 * Walks an input's `indicators` list: each entry names an indicator of the project by an integer
 * `indicatorId`, at most once. Entries that do not are reported (`indicators.N.indicatorId`) and
 * skipped; `visit` gets the others, with a path maker for their fields.
 */
export function eachIndicatorEntry<I extends { id: number; name: string }, E extends { indicatorId?: unknown }>(
  issues: IssueList,
  entries: unknown,
  indicators: readonly I[],
  projectName: string,
  listLabel: string,
  visit: (entry: E, indicator: I, at: (field: string) => string, index: number) => void,
): void {
  if (!Array.isArray(entries)) {
    issues.add('indicators', `${listLabel}应为列表`);
    return;
  }
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const seen = new Set<number>();
  entries.forEach((entry: E, index) => {
    const at = (field: string) => `indicators.${index}.${field}`;
    const id: unknown = entry?.indicatorId;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      issues.add(at('indicatorId'), '指标编号应为整数');
      return;
    }
    const indicator = byId.get(id);
    if (indicator === undefined) {
      issues.add(at('indicatorId'), `所填的指标不属于${projectName}（或已在调整中取消）`);
      return;
    }
    if (seen.has(id)) {
      issues.add(at('indicatorId'), `指标“${indicator.name}”重复填写`);
      return;
    }
    seen.add(id);
    visit(entry, indicator, at, index);
  });
}
