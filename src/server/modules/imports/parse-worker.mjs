// A parse pool worker's entry (parse-pool.ts). Workers do not inherit the main thread's module
// loader hooks, so TypeScript is registered here, then the task is the importer's own
// readForImport: the same reading, refusals and limits as in the main thread.
import { register } from 'tsx/esm/api';

register();
const { readForImport } = await import('./import-files.ts');

/** @param {{ bytes: Uint8Array, file: string }} task */
export default function parse({ bytes, file }) {
  return readForImport(bytes, file);
}
