/**
 * A zip package's central directory, read without opening the package: how many entries it holds.
 * No imports: the evidence upload's route module loads it with the server, JSZip only when needed.
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;

/**
 * How many files (entries other than folders) a zip package's central directory holds, counted
 * header by header and no further than `stopAfter` (a count above it means "over the limit"), or
 * the count its end record declares when the directory is cut short before it. Reads only
 * the end record and the fixed part of each header: no entry is opened, no object is made per
 * entry. null when the bytes hold no end of central directory (not a zip, or truncated).
 */
export function zipEntryCount(bytes: Uint8Array, stopAfter: number): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at >= 0 && at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number) => (at >= 0 && at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  // the end record: 22 bytes and a comment of at most 65,535
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes[at] === 0x50 && u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let declared = u16(end + 10);
  let size = u32(end + 12);
  let offset = u32(end + 16);
  if ((declared === 0xffff || size === 0xffffffff || offset === 0xffffffff) && u32(end - 20) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    if (u32(record) === ZIP64_EOCD && record + 56 <= bytes.length) {
      declared = Number(view.getBigUint64(record + 32, true));
      size = Number(view.getBigUint64(record + 40, true));
      offset = Number(view.getBigUint64(record + 48, true));
    }
  }
  // The directory ends where the end record starts (bytes prepended to the package move the
  // offsets it declares but not that); else where it says.
  let at = u32(end - size) === CENTRAL_HEADER ? end - size : offset;
  let headers = 0;
  let files = 0;
  while (files <= stopAfter && u32(at) === CENTRAL_HEADER) {
    const name = u16(at + 28);
    headers++;
    if (name === 0 || bytes[at + 46 + name - 1] !== 0x2f) files++; // a name ending in "/" is a folder
    at += 46 + name + u16(at + 30) + u16(at + 32);
  }
  // a directory cut short: the folders seen are no files, the rest is taken as declared
  return files > stopAfter || headers >= declared ? files : declared - (headers - files);
}
