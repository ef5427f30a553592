import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../importers/read-document';

/** A file of a directory that is not read, and why (printed by the commands, never dropped silently). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/**
 * Expands the command line's FILE...|DIR into files: a directory gives its documents (the
 * extensions the importer reads), recursively, in name order, and names every other file it
 * skips with the reason; a file given by name is taken as given (the importer says if it is no
 * document).
 */
export async function collectFiles(args: string[]): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) await listDocuments(arg, files, skipped);
    else files.push(arg);
  }
  return { files, skipped };
}

function skipReason(name: string): string | null {
  if (name.startsWith('~$')) return 'Office 打开文档时留下的临时文件';
  if (name.startsWith('.')) return '隐藏文件';
  const ext = extname(name).toLowerCase();
  if (ext === '') return '没有扩展名，无法判断格式';
  if (!DOCUMENT_EXTENSIONS.includes(ext)) return `不是支持的文档格式（${ext}；支持 ${DOCUMENT_EXTENSIONS.join(' ')}）`;
  return null;
}

async function listDocuments(dir: string, files: string[], skipped: SkippedFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.')) skipped.push({ path, reason: '隐藏目录' });
      else await listDocuments(path, files, skipped);
    } else if (!entry.isFile()) {
      skipped.push({ path, reason: '不是普通文件' });
    } else {
      const reason = skipReason(entry.name);
      if (reason === null) files.push(path);
      else skipped.push({ path, reason });
    }
  }
}
