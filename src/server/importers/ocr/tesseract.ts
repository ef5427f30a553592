/**
 * Debian's tesseract (tesseract-ocr with tesseract-ocr-chi-sim), run as a process of its own: the
 * recognition takes seconds of CPU a page, which never run on the server's event loop. Each run
 * gets one page image on its stdin and writes TSV (words with their boxes and confidences) or, with
 * --psm 0, its orientation guess, to stdout. It runs under coreutils `timeout -s KILL`, so a page
 * that takes too long is killed even if the process that started it is gone (a parse worker ended
 * for its own time limit), and with one thread (OMP_THREAD_LIMIT=1): the reader runs pages side by
 * side instead, one per core. Nothing is downloaded: the trained data comes with the Debian packages.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DocumentReadError } from '../errors';

/** A word tesseract read, in the page image's pixels, with the line it stands in. */
export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Tesseract's confidence, 0–100. */
  conf: number;
  /** The box of the line tesseract put the word in. */
  line: { left: number; top: number; width: number; height: number };
  /** The image of the run it is on (1-based). */
  image: number;
  /** Read in a table cell's image of its own (its line is within the cell). */
  cell?: boolean;
  /** What tesseract read where the reader corrected it (issue 69: a comparison sign told by its strokes): its text is the correction. */
  read?: string;
}

const INSTALL = '未安装文字识别程序 tesseract 或其中文数据：请安装 Debian 软件包 tesseract-ocr 与 tesseract-ocr-chi-sim 后再导入扫描件';

type Outcome = { kind: 'done'; stdout: string; stderr: string; code: number | null } | { kind: 'timeout' } | { kind: 'missing' };

function run(args: string[], input: Buffer, seconds: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('timeout', ['-s', 'KILL', String(seconds), 'tesseract', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1', LC_ALL: 'C.UTF-8' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // tesseract may exit before reading all of a bad image
    child.on('error', () => resolve({ kind: 'missing' }));
    child.on('close', (code, signal) => {
      // timeout(1) exits 137 when it killed the command (124 with another signal), 127 when there is no tesseract
      if (code === 137 || code === 124 || signal === 'SIGKILL') resolve({ kind: 'timeout' });
      else if (code === 127) resolve({ kind: 'missing' });
      else resolve({ kind: 'done', stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code });
    });
    child.stdin.end(input);
  });
}

let languages: Promise<string[] | null> | null = null;

/** Whether tesseract and its Chinese and English data are installed (asked once). */
export async function tesseractReady(): Promise<boolean> {
  languages ??= run(['--list-langs'], Buffer.alloc(0), 20).then((o) => (o.kind === 'done' && o.code === 0 ? `${o.stdout}\n${o.stderr}`.split('\n').map((l) => l.trim()) : null));
  const langs = await languages;
  return langs !== null && langs.includes('chi_sim') && langs.includes('eng');
}

async function ready(file: string): Promise<void> {
  if (!(await tesseractReady())) throw new DocumentReadError(file, null, INSTALL);
}

/** How far the page is turned (0, 90, 180 or 270 degrees clockwise to set it upright), by tesseract's orientation detection; 0 when it cannot tell. */
export async function orientation(png: Buffer, file: string, seconds: number): Promise<{ rotate: number; confidence: number }> {
  await ready(file);
  const o = await run(['stdin', 'stdout', '--psm', '0', '-l', 'osd'], png, seconds);
  if (o.kind !== 'done' || o.code !== 0) return { rotate: 0, confidence: 0 };
  const rotate = Number(/Rotate:\s*(\d+)/.exec(o.stdout)?.[1] ?? 0);
  const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(o.stdout)?.[1] ?? 0);
  return { rotate: [0, 90, 180, 270].includes(rotate) ? rotate : 0, confidence };
}

/**
 * The words of page images, Chinese and English, with their boxes and confidences, in one run of
 * tesseract (its models loaded once): `images` are image files (PGM, PNG), each a page of the run; the words come
 * back per image. `psm` is tesseract's page segmentation: 3 for a page of text, 6 for a table cell
 * (a block of lines); `lang` Chinese and English, or Chinese alone (whose model reads digits and
 * Latin letters too). `what` names the page in a refusal (`第3页`).
 */
export async function recognise(images: readonly string[], psm: 3 | 6 | 7 | 13, lang: 'chi_sim+eng' | 'chi_sim', dpi: number, file: string, what: string, seconds: number): Promise<OcrWord[][]> {
  await ready(file);
  if (images.length === 0) return [];
  // several images: a list file beside them, which tesseract reads as one image per line
  let input = images[0]!;
  if (images.length > 1) {
    input = join(dirname(images[0]!), `list-${psm}.txt`);
    await writeFile(input, `${images.join('\n')}\n`);
  }
  const o = await run([input, 'stdout', '--dpi', String(dpi), '-l', lang, '--psm', String(psm), 'tsv'], Buffer.alloc(0), seconds);
  if (o.kind === 'missing') throw new DocumentReadError(file, null, INSTALL);
  if (o.kind === 'timeout') throw new DocumentReadError(file, null, `超过限制：${what}文字识别超过 ${seconds} 秒，已停止`);
  if (o.code !== 0) throw new DocumentReadError(file, null, `${what}无法识别文字（图像无法读取）`);
  const words = parseTsv(o.stdout);
  const out: OcrWord[][] = images.map(() => []);
  for (const w of words) out[w.image - 1]?.push(w);
  return out;
}

/** Tesseract's TSV: level 4 rows are lines, level 5 rows words (conf −1 and empty text are no word). */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  const lines = new Map<string, OcrWord['line']>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, image, block, par, line, , left, top, width, height, conf] = f.slice(0, 11).map(Number) as number[];
    const key = `${image}/${block}/${par}/${line}`;
    const box = { left: left!, top: top!, width: width!, height: height! };
    if (level === 4) lines.set(key, box);
    const text = f.slice(11).join('\t').trim();
    if (level !== 5 || text === '' || conf! < 0) continue;
    words.push({ text, ...box, conf: conf!, line: lines.get(key) ?? box, image: image! });
  }
  return words;
}
