/**
 * A parse pool worker's task (parse-pool.ts): the importer's own readForImport, with the same
 * reading, refusals and limits as in the main thread. Loaded by parse-worker.mjs (the sources,
 * through tsx) or bundled as dist/server/parse-worker.mjs (scripts/server-build.mjs).
 */
import type { DemoPlanOptions, DemoSlice, DemoStored } from '../execution-records/demo-execution';
import type { MonitoredProject } from '../../db/monitoring.repository';
import { readForImport, type ReadForImport } from './import-files';

export default function parse({ bytes, file, weigh }: { bytes: Uint8Array; file: string; weigh?: boolean }): Promise<ReadForImport> {
  return readForImport(bytes, file, { weigh });
}

/**
 * generate's second use of its worker (ParsePool.run): a slice of the demo monitoring data planned
 * while the main thread writes the one before (execution-records/demo-execution.ts). Loaded on
 * first use: an upload's worker never loads it.
 */
export async function planDemoMonitoring({ projects, stored, opts }: { projects: (MonitoredProject & { year: number; budgetTotal: number })[]; stored: DemoStored; opts: DemoPlanOptions }): Promise<DemoSlice> {
  const { planDemoSlice } = await import('../execution-records/demo-execution');
  return planDemoSlice(projects, stored, opts);
}
