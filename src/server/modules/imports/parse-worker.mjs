// A parse pool worker's entry (parse-pool.ts). Workers do not inherit the main thread's module
// loader hooks, so TypeScript is registered here, then the task is the importer's own
// readForImport: the same reading, refusals and limits as in the main thread.
import { register } from 'tsx/esm/api';

register();
const { readForImport } = await import('./import-files.ts');

/** @param {{ bytes: Uint8Array, file: string, weigh?: boolean }} task */
export default function parse({ bytes, file, weigh }) {
  return readForImport(bytes, file, { weigh });
}
