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
export class IssueList {
  readonly issues: DataIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ExecutionDataError(this.issues);
  }
}
