/**
 * The order test files start in (issue 38): the longest first, so that when two or more run at once the run does not
 * end with one long file working alone while the other workers have nothing left. Vitest orders by the durations of
 * the last run when it has them, else by file size — and on a clean clone (CI, a new user) it has none, where file size
 * says little: the PDF fuzzing (37 lines, 38 s) and the CLI file (25 s) started among the last eight of 213.
 * Here a file's cost is its last duration when known, else an estimate: a file of a slow kind (a browser file, a
 * property test, a CLI file, the migration crash) about 20 s, any other file by its size. Measured: no difference
 * that one pair of clean runs can show (SQLite 531 s without, 539 s with; docs/testing.md).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Kinds of file that take long for their size: browser, many generated inputs, a `jixiao` process per test, documents
 * printed to PDF by a browser or LibreOffice (issue 53: the fixtures' prints, about a minute).
 */
const SLOW_KINDS = [/^test\/e2e\//, /^test\/corpus\//, /\.property\.test\.ts$/, /^test\/cli\//, /^test\/db\/migration-crash\./, /^test\/importers\/(fixture-prints|pdf-touching-tables|pdf-line-wraps)\./];
const SLOW_KIND_MS = 20_000;
/** A file of another kind: about a millisecond of run time per 10 bytes (a 30 kB server test file, about 3 s). */
const BYTES_PER_MS = 10;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const cost = new Map<TestSpecification, number>();
    for (const spec of files) {
      const path = relative(root, spec.moduleId);
      const key = `${spec.project.name}:${path}`;
      const last = this.ctx.cache.getFileTestResults(key)?.duration;
      const size = this.ctx.cache.getFileStats(key)?.size ?? 0;
      cost.set(spec, last ?? (SLOW_KINDS.some((k) => k.test(path)) ? SLOW_KIND_MS : 0) + size / BYTES_PER_MS);
    }
    // as Vitest's own: the projects' groups in their order, one project after another, then the longest first
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        (a.project.name === b.project.name ? 0 : a.project.name < b.project.name ? -1 : 1) ||
        cost.get(b)! - cost.get(a)!,
    );
  }
}
