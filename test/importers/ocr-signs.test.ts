/**
 * Issue 69: comparison signs told by their strokes (src/server/importers/ocr/signs.ts). Tesseract has no ≥ or ≤ and
 * reads them as 2, 三, = or <; the reader looks at the first glyph of a target's word on the page image. Here each
 * sign (and what is no sign: a 2, a 3, a bracket, a Chinese character) is drawn by the system's CJK font at a 200 dpi
 * scan's size, and signAt says which sign it is; findSigns and applySign put it in the word tesseract read.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inkLevel, type GrayImage } from '../../src/server/importers/ocr/page-image';
import { settlePunctuation, widenPunctuation } from '../../src/server/importers/ocr/punctuation';
import { applySign, findSigns, percentOf, signAt, type PixelBox } from '../../src/server/importers/ocr/signs';
import type { OcrWord } from '../../src/server/importers/ocr/tesseract';

/** A line of text drawn at 10.5 pt and 200 dpi (29 px), grey, with the box of its ink. */
async function drawn(text: string, font = 'Noto Sans CJK SC'): Promise<{ image: GrayImage; ink: PixelBox }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><rect width="400" height="80" fill="white"/><text x="20" y="52" font-family="${font}" font-size="29" fill="black">${text}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).grayscale().raw().toBuffer({ resolveWithObject: true });
  const image = { data, width: info.width, height: info.height };
  let [left, top, right, bottom] = [info.width, info.height, -1, -1];
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if (data[y * info.width + x]! < 128) [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  return { image, ink: { left, top, width: right - left + 1, height: bottom - top + 1 } };
}

/** The line box tesseract gives: the text's height (a CJK line, 29 px), around the ink. */
const lineOf = (ink: PixelBox): PixelBox => ({ left: ink.left, top: 52 - 25, width: ink.width, height: 29 });

describe('comparison signs told by their strokes', () => {
  for (const font of ['DejaVu Sans', 'DejaVu Serif']) {
    it(`${font}: ≥ ≤ > < = are told; 2, 3, a bracket and a character are no sign`, async () => {
      for (const [text, sign] of [['≥85%', '≥'], ['≤10万元', '≤'], ['&gt;5次', '>'], ['&lt;5次', '<'], ['=1次', '=']] as const) {
        const { image, ink } = await drawn(text, font);
        expect(signAt(image, lineOf(ink), ink.left, inkLevel(image))?.sign, text).toBe(sign);
      }
      for (const text of ['285%', '385%', '（社工）', '满意度', '1200人次', '85%']) {
        const { image, ink } = await drawn(text, font);
        expect(signAt(image, lineOf(ink), ink.left, inkLevel(image)), text).toBeNull();
      }
    });
  }

  it('Noto CJK draws the bar of ≥ and ≤ slanted: never told as > or < (the shape doubt stands for it); its > and < are told, nothing as another sign', async () => {
    for (const font of ['Noto Sans CJK SC', 'Noto Serif CJK SC']) {
      for (const [text, told] of [['≥85%', [null]], ['≤10万元', [null]], ['&gt;5次', ['>']], ['&lt;5次', ['<']], ['=1次', [null, '=']]] as const) {
        const { image, ink } = await drawn(text, font);
        expect(told, `${font} ${text}`).toContain(signAt(image, lineOf(ink), ink.left, inkLevel(image))?.sign ?? null);
      }
    }
  });

  it('a word tesseract read as 285% where ≥85% is drawn gets the sign, what follows read again, and remembers what was read', async () => {
    const { image, ink } = await drawn('≥85%', 'DejaVu Sans');
    const line = lineOf(ink);
    const word: OcrWord = { text: '285%', conf: 93, left: ink.left, top: ink.top, width: ink.width, height: ink.height, line, image: 0, cell: true };
    const fixes = findSigns(image, [word], () => ink.left + ink.width + 4, inkLevel(image));
    expect(fixes.map((f) => f.sign)).toEqual(['≥']);
    const rest: OcrWord = { ...word, text: '85%', left: fixes[0]!.rest.left, width: ink.left + ink.width - fixes[0]!.rest.left };
    const [signed] = applySign([word], fixes[0]!, [rest]);
    expect(signed).toMatchObject({ text: '≥85%', read: '285%', conf: 93 });
    // ≥1年 read as S14 (an S for the sign): the sign told, what follows read again
    const year = await drawn('≥1年', 'DejaVu Sans');
    const s14: OcrWord = { ...word, text: 'S14', left: year.ink.left, width: year.ink.width, line: lineOf(year.ink) };
    expect(findSigns(year.image, [s14], () => year.ink.left + year.ink.width + 4, inkLevel(year.image)).map((f) => f.sign)).toEqual(['≥']);
    // a number drawn without a sign is left as read
    const plain = await drawn('285%', 'DejaVu Sans');
    const digits: OcrWord = { ...word, left: plain.ink.left, width: plain.ink.width, line: lineOf(plain.ink) };
    expect(findSigns(plain.image, [digits], () => plain.ink.left + plain.ink.width + 4, inkLevel(plain.image))).toEqual([]);
  });

  it("the Chinese model's percent read as 9%6 or 9% is put back as the first reading had it", () => {
    expect(percentOf('859%6', '285%')).toBe('85%');
    expect(percentOf('859%', '285%')).toBe('85%');
    expect(percentOf('95%', '295%')).toBe('95%');
  });
});

describe('full-width punctuation told by the gaps beside it (issue 69: （社工） read as (社工))', () => {
  /** The line as tesseract reads it (ASCII marks), over its drawing. */
  const widened = async (drawnText: string, read: string, font = 'Noto Sans CJK SC') => {
    const { image, ink } = await drawn(drawnText, font);
    const word: OcrWord = { text: read, conf: 90, left: ink.left, top: ink.top, width: ink.width, height: ink.height, line: lineOf(ink), image: 0 };
    const count = { full: 0, half: 0 };
    return { text: widenPunctuation(image, [word], inkLevel(image), count).map((w) => w.text).join(''), count };
  };

  it('a full-width pair and colon are made full-width, an ASCII pair kept; a mark it cannot measure is settled by the document', async () => {
    const full = await widened('服务对象（社工）满意度：高', '服务对象(社工)满意度:高');
    expect(full.text).toBe('服务对象（社工）满意度：高');
    expect(full.count.full).toBeGreaterThan(0);
    const half = await widened('服务对象(社工)满意度', '服务对象(社工)满意度', 'DejaVu Sans');
    expect(half.text).toBe('服务对象(社工)满意度');
    expect(settlePunctuation('\uE000社工\uE001', { full: 3, half: 0 })).toBe('（社工）');
    expect(settlePunctuation('\uE000社工\uE001', { full: 0, half: 3 })).toBe('(社工)');
  });
});
