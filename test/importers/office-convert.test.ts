/**
 * Old Office binaries through LibreOffice (office/convert.ts): real conversions with the installed
 * LibreOffice of the documents in test/documents/readers/office (made by
 * scripts/make-reader-documents.mjs), sniffing OLE compound files (real ones and ones built here),
 * and the process handling — time limit, process group, the bound on conversions at once, a caller
 * that gives up, temp directory — with small fake
 * soffice scripts.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/server/importers/blocks';
import { readDocx } from '../../src/server/importers/docx/read-docx';
import { DocumentReadError } from '../../src/server/importers/errors';
import { convertWithLibreOffice, sniffOle } from '../../src/server/importers/office/convert';
import { OFFICE_LIMITS, officeLoad } from '../../src/server/office/soffice';
import { readSheetGrid } from '../../src/server/importers/xlsx/read-grid';

const DOCUMENTS = join(__dirname, '..', 'documents', 'readers', 'office');
const doc = (name: string) => new Uint8Array(readFileSync(join(DOCUMENTS, name)));

const MISSING =
  '读取旧版 Word 文档（.doc/.wps）需要 LibreOffice：请安装 libreoffice-writer-nogui（Excel 97 .xls/.et 另需 libreoffice-calc-nogui），例如 apt-get install libreoffice-writer-nogui libreoffice-calc-nogui';

async function conversionError(promise: Promise<unknown>): Promise<DocumentReadError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DocumentReadError) return e;
    throw e;
  }
  throw new Error('no DocumentReadError');
}

/** Blocks without locations: a paragraph as its text, a row as its cells' lines (⇡ = merged from above). */
const shape = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.cells.map((c) => (c.mergedFromAbove ? '⇡' : c.lines.join('/')))));

// ---------------------------------------------------------------------------------------------
// A minimal compound file writer: a header, one FAT sector, the directory, one sector per stream.

interface Entry {
  name: string;
  type: 1 | 2 | 5;
  child?: number;
  left?: number;
  right?: number;
  /** The stream's first sector's content (its size is then 4096: beyond the mini-stream cutoff). */
  data?: Uint8Array;
}

function compoundFile(entries: Entry[]): Uint8Array {
  const NONE = 0xffffffff;
  const dirSectors = Math.ceil(entries.length / 4);
  const dataSectors = entries.filter((e) => e.data).length;
  const out = new Uint8Array(512 * (2 + dirSectors + dataSectors));
  const view = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, 3, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(44, 1, true); // one FAT sector
  view.setUint32(48, 1, true); // the directory starts at sector 1
  view.setUint32(56, 4096, true);
  view.setUint32(60, 0xfffffffe, true);
  view.setUint32(68, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(76 + i * 4, i === 0 ? 0 : NONE, true);
  // FAT (sector 0): itself, the directory chain, one-sector streams
  const fat = (s: number, next: number) => view.setUint32(512 + s * 4, next, true);
  for (let s = 0; s < 128; s++) fat(s, NONE);
  fat(0, 0xfffffffd);
  for (let d = 1; d <= dirSectors; d++) fat(d, d === dirSectors ? 0xfffffffe : d + 1);
  let nextData = 1 + dirSectors;
  entries.forEach((e, i) => {
    const at = 512 * 2 + i * 128;
    [...e.name].forEach((ch, k) => view.setUint16(at + k * 2, ch.charCodeAt(0), true));
    view.setUint16(at + 64, (e.name.length + 1) * 2, true);
    out[at + 66] = e.type;
    out[at + 67] = 1;
    view.setUint32(at + 68, e.left ?? NONE, true);
    view.setUint32(at + 72, e.right ?? NONE, true);
    view.setUint32(at + 76, e.child ?? NONE, true);
    view.setUint32(at + 116, e.data ? nextData : 0xfffffffe, true);
    view.setUint32(at + 120, e.data ? 4096 : 0, true);
    if (e.data) {
      out.set(e.data, 512 * (nextData + 1));
      fat(nextData, 0xfffffffe);
      nextData++;
    }
  });
  return out;
}

/** The start of a Word FIB: wIdent, nFib (Word 97), and the flags with fEncrypted or not. */
function fib(encrypted: boolean): Uint8Array {
  const bytes = new Uint8Array(512);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xa5ec, true);
  view.setUint16(2, 0x00c1, true);
  view.setUint16(0x0a, encrypted ? 0x0100 : 0, true);
  return bytes;
}

describe('sniffOle', () => {
  it('the documents LibreOffice wrote: Word 97 (.doc, .wps) and Excel 97 (.xls, .et)', () => {
    expect(sniffOle(doc('project.doc'))).toBe('word');
    expect(sniffOle(doc('department.wps'))).toBe('word');
    expect(sniffOle(doc('budget.xls'))).toBe('excel');
    expect(sniffOle(doc('indicators.et'))).toBe('excel');
  });

  it('a password-protected .docx/.xlsx (EncryptionInfo, EncryptedPackage) and a Word document with an open password', () => {
    expect(sniffOle(compoundFile([
      { name: 'Root Entry', type: 5, child: 1 },
      { name: 'EncryptionInfo', type: 2, right: 2 },
      { name: 'EncryptedPackage', type: 2 },
    ]))).toBe('encrypted');
    const word = (encrypted: boolean) => compoundFile([
      { name: 'Root Entry', type: 5, child: 1 },
      { name: 'WordDocument', type: 2, right: 2, data: fib(encrypted) },
      { name: '1Table', type: 2 },
    ]);
    expect(sniffOle(word(true))).toBe('encrypted');
    expect(sniffOle(word(false))).toBe('word');
  });

  it("the root storage decides, not an embedded object's streams nor the order of the directory", () => {
    // A Word document with an Excel sheet embedded below ObjectPool, listed first.
    expect(sniffOle(compoundFile([
      { name: 'Root Entry', type: 5, child: 4 },
      { name: 'ObjectPool', type: 1, child: 2 },
      { name: '_1234567890', type: 1, child: 3 },
      { name: 'Workbook', type: 2 },
      { name: 'WordDocument', type: 2, left: 1, right: 5 },
      { name: '1Table', type: 2 },
    ]))).toBe('word');
    // An Excel workbook with a Word document embedded in an MBD storage, listed first.
    expect(sniffOle(compoundFile([
      { name: 'Root Entry', type: 5, child: 3 },
      { name: 'WordDocument', type: 2 },
      { name: 'MBD0001', type: 1, child: 1 },
      { name: 'Workbook', type: 2, right: 2 },
    ]))).toBe('excel');
    expect(sniffOle(compoundFile([
      { name: 'Root Entry', type: 5, child: 1 },
      { name: 'Book', type: 2 },
    ]))).toBe('excel'); // Excel 5/95
  });

  it('other compound files, and a stream that merely mentions "WordDocument", are other', () => {
    const mention = new Uint8Array(512);
    [...'WordDocument'].forEach((ch, i) => (mention[i * 2] = ch.charCodeAt(0)));
    expect(sniffOle(compoundFile([
      { name: 'Root Entry', type: 5, child: 1 },
      { name: 'PowerPoint Document', type: 2, data: mention },
    ]))).toBe('other');
    expect(sniffOle(new TextEncoder().encode('PK\u0003\u0004 not ole'))).toBe('other');
    expect(sniffOle(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('other');
  });

  it('a damaged directory chain: the aligned directory entries are searched; a file cut before its directory: the start of its main stream', () => {
    for (const [name, kind] of [['project.doc', 'word'], ['budget.xls', 'excel']] as const) {
      const broken = doc(name).slice();
      new DataView(broken.buffer).setUint32(48, 0x7ffffff0, true); // the first directory sector, out of the file
      expect(sniffOle(broken), name).toBe(kind);
    }
    expect(sniffOle(doc('corrupt.doc'))).toBe('word');
    // budget.xls: its Workbook stream starts at byte 2048, its directory at 5120
    expect(sniffOle(doc('budget.xls').subarray(0, 3072))).toBe('excel');
    expect(sniffOle(doc('budget.xls').subarray(0, 2048))).toBe('other');
  });
});

describe('real conversions with the installed LibreOffice', () => {
  it('.doc → .docx: a package JSZip opens, with the text and the table (merges kept)', async () => {
    const docx = await convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx');
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('城市社区工作者薪酬经费');
    const read = await readDocx(docx, 'project.doc');
    expect(shape(read.blocks).filter((b) => b !== '')).toEqual([
      '第二部分',
      '预算项目绩效目标表',
      '1.城市社区工作者薪酬经费绩效目标表',
      ['763001中共唐山市路南区委社会工作部', '单位：万元'],
      ['项目编码', '13020225P00912310002A', '项目名称', '城市社区工作者薪酬经费'],
      ['预算数', '1262.16', '其中：财政资金', '1262.16', '其他资金', ''],
      ['绩效目标', '1.按时足额发放社区工作者薪酬。/2.稳定社区工作者队伍。'],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '社区工作者人数', '保障社区工作者人数', '≥334人', '计划标准'],
      ['⇡', '时效指标', '发放及时率', '按月发放', '100%', '工作要求'],
      ['满意度指标', '服务对象满意度指标', '社区居民满意度', '问卷调查', '≥90%', ''],
    ]);
    const spans = read.blocks.filter((b) => b.kind === 'row').slice(0, 2).map((b) => b.kind === 'row' && b.cells.map((c) => [c.col, c.span]));
    expect(spans).toEqual([[[0, 4], [4, 2]], [[0, 1], [1, 2], [3, 1], [4, 2]]]);
  });

  it('.wps (a Word 97 file as WPS saves it) → .docx', async () => {
    const read = await readDocx(await convertWithLibreOffice(doc('department.wps'), 'department.wps', 'docx'), 'department.wps');
    expect(shape(read.blocks).filter((b) => b !== '')).toEqual([
      '第一部分',
      '部门整体绩效目标',
      '一、总体绩效目标',
      '完成区委交办的各项任务，提升社区治理水平。',
      '二、分项绩效目标',
      '1.加强社区工作者队伍建设。',
      '三、工作保障措施',
      '1.加强组织领导。',
      ['部门（单位）名称', '示范区民政局', '部门预算编码', '417001'],
      ['年度预算安排（万元）', '资金总额', '项目支出', '基本支出'],
      ['⇡', '3560', '1200', '2360'],
    ]);
  });

  it('.xls → .xlsx and .et (an Excel 97 file as WPS saves it) → .xlsx: read as forms', async () => {
    const xlsx = await convertWithLibreOffice(doc('budget.xls'), 'budget.xls', 'xlsx');
    expect((await JSZip.loadAsync(xlsx)).file('xl/workbook.xml')).not.toBeNull();
    expect(shape((await readSheetGrid(xlsx, 'budget.xls')).blocks)).toEqual([
      ['2025年项目支出绩效目标表'],
      ['项目名称', '城市社区工作者薪酬经费', '预算数（万元）', '1,262.16'],
      ['资金到位率', '100%', '完成时间', '2025-12-31'],
    ]);
    const et = await readSheetGrid(await convertWithLibreOffice(doc('indicators.et'), 'indicators.et', 'xlsx'), 'indicators.et');
    expect(shape(et.blocks)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '改造小区数量', '≥12个'],
      ['⇡', '质量指标', '验收合格率', '98%'],
    ]);
  });

  it('a .doc cut in half: LibreOffice cannot open it', async () => {
    const e = await conversionError(convertWithLibreOffice(doc('corrupt.doc'), 'corrupt.doc', 'docx'));
    expect(e.toOneLine()).toBe('corrupt.doc: 无法转换旧版 Word 文档（.doc）：LibreOffice 未能打开该文件，文件可能已损坏');
  });

  it('over the time limit: the conversion is stopped and the limit named', async () => {
    const e = await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { timeoutMs: 1 }));
    expect(e.message).toBe('无法转换旧版 Word 文档（.doc）：超过限制：LibreOffice 转换时间 >0.001 秒，最多 0.001 秒');
  });

  it('LibreOffice missing: which packages to install', async () => {
    const e = await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { soffice: '/nonexistent/libreoffice/soffice' }));
    expect(e.message).toBe(MISSING);
    expect(e.line).toBeNull();
  });
});

describe('the process: arguments, temp directory, process group, queue', () => {
  let dir: string;
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-office-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs soffice headless with a private profile, HOME in the temp directory, and removes the directory', async () => {
    const log = join(dir, 'args.log');
    const fake = script(
      'soffice-args',
      `for a in "$@"; do echo "$a" >> "${log}"; done
echo "HOME=$HOME" >> "${log}"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
printf 'converted' > "$out/input.xlsx"`,
    );
    const bytes = await convertWithLibreOffice(doc('budget.xls'), 'budget.et', 'xlsx', { soffice: fake });
    expect(new TextDecoder().decode(bytes)).toBe('converted');
    const args = readFileSync(log, 'utf8').trim().split('\n');
    const temp = args.find((a) => a.startsWith('HOME='))!.slice(5);
    expect(args).toEqual([
      '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
      `-env:UserInstallation=file://${temp}/profile`,
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
      '--outdir', `${temp}/out`,
      `${temp}/input.xls`, // named by content: an .et is an Excel 97 file
      `HOME=${temp}`,
    ]);
    expect(temp.startsWith(join(tmpdir(), 'jixiao-office-'))).toBe(true);
    expect(existsSync(temp)).toBe(false);
  });

  it('at the time limit the whole process group is killed, and the temp directory removed', async () => {
    const pidFile = join(dir, 'child.pid');
    const homeFile = join(dir, 'home.txt');
    const fake = script('soffice-hang', `echo "$HOME" > "${homeFile}"\nsleep 30 &\necho $! > "${pidFile}"\nwait`);
    const started = Date.now();
    const e = await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { soffice: fake, timeoutMs: 500 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.message).toBe('无法转换旧版 Word 文档（.doc）：超过限制：LibreOffice 转换时间 >0.5 秒，最多 0.5 秒');
    const pid = readFileSync(pidFile, 'utf8').trim();
    // The grandchild (sleep) is gone: no process, or a zombie waiting for an init that does not reap.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
    expect(existsSync(readFileSync(homeFile, 'utf8').trim())).toBe(false);
  });

  it('at most OFFICE_LIMITS.concurrent at a time: more queue, each gets its own result; beyond the waiting limit refused at once', async () => {
    const log = join(dir, 'queue.log');
    const fake = script(
      'soffice-slow',
      `echo "start" >> "${log}"
sleep 0.3
out=""; prev=""; input=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; input="$a"; done
cat "$input" > "$out/input.docx"
echo "end" >> "${log}"`,
    );
    const n = OFFICE_LIMITS.concurrent + OFFICE_LIMITS.waiting;
    const inputs = Array.from({ length: n + 1 }, (_, i) => new TextEncoder().encode(`{\\rtf1 第${i}份}`));
    const settled = await Promise.allSettled(inputs.map((bytes, i) => convertWithLibreOffice(bytes, `d${i}.rtf`, 'docx', { soffice: fake })));
    expect(settled.slice(0, n).map((r) => (r.status === 'fulfilled' ? new TextDecoder().decode(r.value) : r.reason))).toEqual(inputs.slice(0, n).map((b) => new TextDecoder().decode(b)));
    // the one over the limit: refused at once, saying why
    expect(settled[n]).toMatchObject({ status: 'rejected', reason: { message: `无法转换 RTF 文档（.rtf）：LibreOffice 转换繁忙：已有 ${OFFICE_LIMITS.concurrent} 个文件正在转换、${OFFICE_LIMITS.waiting} 个在等待，请稍后再试` } });
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect([most, running]).toEqual([OFFICE_LIMITS.concurrent, 0]);
    expect(officeLoad()).toEqual({ running: 0, waiting: 0 });
  });

  it('a caller that gives up: a waiting conversion leaves the queue, a running one is killed; the folders are removed', async () => {
    const homes = join(dir, 'gives-up.homes');
    const fake = script('soffice-sleeps', `echo "$HOME" >> "${homes}"\nsleep 30`);
    const gone = new AbortController();
    const calls = Array.from({ length: OFFICE_LIMITS.concurrent + 1 }, (_, i) =>
      convertWithLibreOffice(doc('project.doc'), `p${i}.doc`, 'docx', { soffice: fake, signal: gone.signal }).then(() => 'converted', (e: Error) => e.message),
    );
    await expect.poll(() => (existsSync(homes) ? readFileSync(homes, 'utf8').trim().split('\n').length : 0)).toBe(OFFICE_LIMITS.concurrent);
    expect(officeLoad()).toEqual({ running: OFFICE_LIMITS.concurrent, waiting: 1 });
    gone.abort();
    expect(await Promise.all(calls)).toEqual(calls.map(() => '无法转换旧版 Word 文档（.doc）：LibreOffice 转换已取消'));
    expect(officeLoad()).toEqual({ running: 0, waiting: 0 });
    expect(readFileSync(homes, 'utf8').trim().split('\n').filter((h) => existsSync(h))).toEqual([]);
  });

  it('a failure does not stop the queue; the message names the format', async () => {
    const failing = script('soffice-fail', 'echo "Error: source file could not be loaded" >&2\nexit 1');
    const cases: Array<[Uint8Array, string, 'docx' | 'xlsx', string]> = [
      [doc('department.wps'), 'department.wps', 'docx', '无法转换 WPS 文字文档（.wps）：LibreOffice 未能打开该文件，文件可能已损坏'],
      [doc('budget.xls'), 'budget.xls', 'xlsx', '无法转换旧版 Excel 工作簿（.xls）：LibreOffice 未能打开该文件，文件可能已损坏'],
      [doc('indicators.et'), 'indicators.et', 'xlsx', '无法转换 WPS 表格文档（.et）：LibreOffice 未能打开该文件，文件可能已损坏'],
      [new TextEncoder().encode('{\\rtf1 x}'), 'download.doc', 'docx', '无法转换 RTF 文档（.rtf）：LibreOffice 未能打开该文件，文件可能已损坏'],
    ];
    const settled = await Promise.allSettled(cases.map(([bytes, file, target]) => convertWithLibreOffice(bytes, file, target, { soffice: failing })));
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'fulfilled'))).toEqual(cases.map((c) => c[3]));
    const empty = script('soffice-empty', 'out=""; prev=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n: > "$out/input.docx"');
    expect((await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { soffice: empty }))).message).toBe(
      '无法转换旧版 Word 文档（.doc）：LibreOffice 未能打开该文件，文件可能已损坏',
    );
  });

  it('a LibreOffice without Calc (or Writer): says which package to install, not that the file is damaged', async () => {
    const program = join(dir, 'libreoffice', 'program');
    mkdirSync(program, { recursive: true });
    writeFileSync(join(program, 'libswlo.so'), '');
    const path = join(program, 'soffice');
    writeFileSync(path, '#!/bin/sh\necho "Error: source file could not be loaded" >&2\n');
    chmodSync(path, 0o755);
    expect((await conversionError(convertWithLibreOffice(doc('budget.xls'), 'budget.xls', 'xlsx', { soffice: path }))).message).toBe(
      '读取旧版 Excel 工作簿（.xls/.et）需要 LibreOffice Calc：请安装 libreoffice-calc-nogui，例如 apt-get install libreoffice-calc-nogui',
    );
    // Writer is there: a .doc that does not convert is a damaged file
    expect((await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { soffice: path }))).message).toBe(
      '无法转换旧版 Word 文档（.doc）：LibreOffice 未能打开该文件，文件可能已损坏',
    );
    writeFileSync(join(program, 'libsclo.so'), '');
    expect((await conversionError(convertWithLibreOffice(doc('budget.xls'), 'budget.xls', 'xlsx', { soffice: path }))).message).toBe(
      '无法转换旧版 Excel 工作簿（.xls）：LibreOffice 未能打开该文件，文件可能已损坏',
    );
  });

  it('an soffice that is not executable counts as missing', async () => {
    const path = join(dir, 'not-executable');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o644);
    expect((await conversionError(convertWithLibreOffice(doc('project.doc'), 'project.doc', 'docx', { soffice: path }))).message).toBe(MISSING);
  });
});
