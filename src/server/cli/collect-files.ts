import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** File names the importer reads when given a directory. */
const DOCUMENT_FILE = /\.(txt|docx|xlsx)$/i;

/**
 * Expands the command line's FILE...|DIR into files: a directory gives its .txt, .docx and .xlsx files,
 * recursively, in name order; a file is taken as given (the importer says if it is no document).
 */
export async function collectFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) files.push(...(await listDocuments(arg)));
    else files.push(arg);
  }
  return files;
}

async function listDocuments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listDocuments(path)));
    else if (entry.isFile() && DOCUMENT_FILE.test(entry.name)) out.push(path);
  }
  return out;
}
