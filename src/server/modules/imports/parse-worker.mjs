// A parse pool worker's entry (parse-pool.ts) when the server runs from its sources. Workers do
// not inherit the main thread's module loader hooks, so TypeScript is registered here; the task
// is parse-worker-task.ts (the built server bundles that as dist/server/parse-worker.mjs).
import { register } from 'tsx/esm/api';

register();
const { default: parse, planDemoMonitoring, readReady, sniffEvidenceFile, readExecutionWorkbook, auditCorpusFile } = await import('./parse-worker-task.ts');

export default parse;
export { planDemoMonitoring, readReady, sniffEvidenceFile, readExecutionWorkbook, auditCorpusFile };
