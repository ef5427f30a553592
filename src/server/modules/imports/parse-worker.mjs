// A parse pool worker's entry (parse-pool.ts). Workers do not inherit the main thread's module
// loader hooks, so TypeScript is registered here, then the task is the importer's own
// readForImport: the same reading, refusals and limits as in the main thread.
import { readFile } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readForImport } = await import('./import-files.ts');

// A worker started ahead of uploads (ParsePoolOptions.warm) reads a small PDF first: the first PDF
// a process reads costs about a second more than later ones (pdf.js's font machinery and the
// parser compiled on first use), and that second is better spent before anyone waits.
if (workerData?.warm) {
  try {
    await readForImport(await readFile(new URL('../../importers/pdf/warm-up.pdf', import.meta.url)), 'warm-up.pdf');
  } catch {
    // Warming up is an optimisation: a failure here only means a slower first upload.
  }
}

/** @param {{ bytes: Uint8Array, file: string }} task */
export default function parse({ bytes, file }) {
  return readForImport(bytes, file);
}
