/**
 * Issue 56, hostile scans: images and PDF pages that would take the memory or the time of the server are refused
 * with a clear Chinese message naming the file, before anything is decoded or rendered (the image's header, the
 * page's size), and a damaged image is refused, never a stack trace. None of these reaches tesseract, so each is
 * refused at once: nothing here waits on a recognition.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentReadError } from '../../src/server/importers/errors';
import { OCR_LIMITS } from '../../src/server/importers/ocr/ocr-limits';
import { readImages } from '../../src/server/importers/ocr/read-scanned';
import { refusal } from '../support/hostile-files';
import { imageOnlyPdf } from '../support/scans';

const crc32 = (() => {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  return (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
})();

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A grey PNG of `width` × `height` whose pixels are all black, deflated: `rows` rows of it written (all when omitted). */
function png(width: number, height: number, rows = height): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  const raw = Buffer.alloc(rows * (width + 1)); // a filter byte and the row: zeros
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A little-endian TIFF of `frames` grey pages of `width` × `height`, each one deflated strip of zeros. */
function tiff(width: number, height: number, frames = 1): Buffer {
  const strip = deflateSync(Buffer.alloc(Math.min(width * height, 1 << 16)));
  const parts: Buffer[] = [];
  let at = 8;
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  parts.push(header);
  for (let f = 0; f < frames; f++) {
    const entries: [number, number, number][] = [
      [256, 4, width], // ImageWidth
      [257, 4, height], // ImageLength
      [258, 3, 8], // BitsPerSample
      [259, 3, 8], // Compression: deflate
      [262, 3, 1], // Photometric: black is zero
      [273, 4, 0], // StripOffsets (set below)
      [277, 3, 1], // SamplesPerPixel
      [278, 4, height], // RowsPerStrip
      [279, 4, strip.length], // StripByteCounts
    ];
    const ifdSize = 2 + entries.length * 12 + 4;
    const dataAt = at + ifdSize;
    const next = f === frames - 1 ? 0 : dataAt + strip.length;
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, value], i) => {
      const o = 2 + i * 12;
      ifd.writeUInt16LE(tag, o);
      ifd.writeUInt16LE(type, o + 2);
      ifd.writeUInt32LE(1, o + 4);
      if (type === 3) ifd.writeUInt16LE(value, o + 8);
      else ifd.writeUInt32LE(tag === 273 ? dataAt : value, o + 8);
    });
    ifd.writeUInt32LE(next, ifdSize - 4);
    parts.push(ifd, strip);
    at = dataAt + strip.length;
  }
  return Buffer.concat(parts);
}

describe('hostile scans are refused by name, before they are decoded', () => {
  it('an image of huge dimensions: refused from its header (a PNG of 100,000 × 100,000 pixels is a few hundred bytes)', async () => {
    const bomb = png(100_000, 100_000, 1);
    expect(bomb.length).toBeLessThan(2000);
    expect(await refusal(bomb, '批复表.png')).toBe(`批复表.png: 超过限制：图像尺寸 100000×100000 像素，最多 ${OCR_LIMITS.side}×${OCR_LIMITS.side} 像素`);
  });

  it('a PNG decompression bomb (56 million black pixels in some 60 KB) is refused by its pixels before inflating', async () => {
    const bomb = png(7500, 7500);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(bomb, 'bomb.png')).toBe('bomb.png: 超过限制：图像像素数 56 百万，最多 50 百万');
  });

  it('a TIFF bomb (60,000 × 60,000 in a strip of a hundred bytes) and a TIFF of more frames than pages allowed', async () => {
    expect(await refusal(tiff(60_000, 60_000), 'bomb.tif')).toBe(`bomb.tif: 超过限制：图像尺寸 60000×60000 像素，最多 ${OCR_LIMITS.side}×${OCR_LIMITS.side} 像素`);
    expect(await refusal(tiff(100, 100, OCR_LIMITS.pages + 10), 'many.tiff')).toBe(`many.tiff: 超过限制：图像页数 ${OCR_LIMITS.pages + 10} 页，最多 ${OCR_LIMITS.pages} 页`);
  });

  it('images given as one document: more pages than allowed together is refused naming the image past the limit', async () => {
    const page = tiff(100, 100, 30);
    const e = await readImages([{ bytes: page, name: 'a.tif' }, { bytes: page, name: 'b.tif' }]).catch((err: unknown) => err);
    expect((e as DocumentReadError).toOneLine()).toBe(`b.tif: 超过限制：图像页数 60 页，最多 ${OCR_LIMITS.pages} 页`);
  });

  it('truncated PNG, JPEG and TIFF files are refused as damaged, never a stack trace', async () => {
    const page = sharp({ create: { width: 800, height: 1000, channels: 3, background: '#ffffff' } }).composite([{ input: { create: { width: 600, height: 20, channels: 3, background: '#000000' } }, top: 100, left: 100 }]);
    for (const [format, name] of [['png', 'cut.png'], ['jpeg', 'cut.jpg'], ['tiff', 'cut.tif']] as const) {
      const whole = await page.clone()[format]().toBuffer();
      const line = await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)), name);
      expect(line).toBe(`${name}: 图像文件已损坏或不完整，无法读取`);
    }
  });

  it('a file that only starts like an image, and an image format that is no scan, are refused by name', async () => {
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'fake.png')).toBe('fake.png: 图像文件已损坏或不完整，无法读取');
  });

  it('a scanned PDF page too big to render at 200 dpi is refused before it is rendered', async () => {
    // one small image painted over a page of 18,000 points square (250 inches): 50,000 pixels a side at 200 dpi
    const small = await sharp({ create: { width: 500, height: 500, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const pdf = await imageOnlyPdf([small], 2);
    expect(await refusal(pdf, 'huge.pdf')).toBe(`huge.pdf: 超过限制：PDF 第 1 页按 200 dpi 的尺寸 50000×50000 像素，最多 ${OCR_LIMITS.side}×${OCR_LIMITS.side} 像素`);
  });
});
