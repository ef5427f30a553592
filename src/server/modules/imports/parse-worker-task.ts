/**
 * A parse pool worker's task (parse-pool.ts): the importer's own readForImport, with the same
 * reading, refusals and limits as in the main thread. Loaded by parse-worker.mjs (the sources,
 * through tsx) or bundled as dist/server/parse-worker.mjs (scripts/server-build.mjs).
 */
import { readForImport, type ReadForImport } from './import-files';

export default function parse({ bytes, file, weigh }: { bytes: Uint8Array; file: string; weigh?: boolean }): Promise<ReadForImport> {
  return readForImport(bytes, file, { weigh });
}
