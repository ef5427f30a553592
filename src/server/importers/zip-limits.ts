/**
 * Limits on a zip package (.docx, .xlsx) before any reader opens it: the number of entries, and
 * how much its entries inflate to. A 300 KB .docx whose document.xml inflates to 300 MB would
 * otherwise be inflated whole by JSZip or ExcelJS and exhaust the memory. The sizes a package's
 * headers declare can lie, so each entry is inflated here as a stream, counted chunk by chunk,
 * and dropped: the check stops at the limit and never holds more than a chunk.
 *
 * The number of entries is counted first from the central directory itself (zipEntryCount), before
 * JSZip builds an object per entry (zip-directory.ts): a package of 200,000 empty entries is refused after reading
 * its directory's headers, without ever being opened.
 *
 * A package JSZip cannot open at all passes: the format's reader says what is wrong with it.
 */
import JSZip from 'jszip';
import { DocumentReadError } from './errors';
import { READER_LIMITS, limitMessage } from './limits';
import { zipEntryCount } from './zip-directory';

const MB = 1024 * 1024;

export async function checkZipPackage(bytes: Uint8Array, file: string): Promise<void> {
  const declared = zipEntryCount(bytes, READER_LIMITS.zipEntries);
  if (declared !== null && declared > READER_LIMITS.zipEntries) {
    throw new DocumentReadError(file, null, limitMessage('压缩包内文件数', declared, READER_LIMITS.zipEntries, ' 个'));
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return;
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > READER_LIMITS.zipEntries) {
    throw new DocumentReadError(file, null, limitMessage('压缩包内文件数', entries.length, READER_LIMITS.zipEntries, ' 个'));
  }
  let total = 0;
  const over = () => new DocumentReadError(file, null, `超过限制：解压后大小超过 ${READER_LIMITS.zipInflatedBytes / MB} MB（文件可能是“压缩炸弹”），未读取`);
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > READER_LIMITS.zipInflatedBytes) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(over());
        }
      });
      stream.on('error', () => resolve()); // a broken entry: the reader reports it
      stream.on('end', () => resolve());
    });
  }
}
