/**
 * Uploads are parsed in worker threads (parse-pool.ts) with a time and a memory limit, and the
 * previews waiting for their commit are bounded (preview-token.store.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldBytes, readForImport } from '../../src/server/modules/imports/import-files';
import { createParsePool, type ParsePool } from '../../src/server/modules/imports/parse-pool';
import { ImportTokenStore } from '../../src/server/modules/imports/preview-token.store';
import { FIXTURES, readFixture } from '../support/fixtures';

const pools: ParsePool[] = [];
const pool = (...args: Parameters<typeof createParsePool>) => {
  const p = createParsePool(...args);
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** A long text document: the fixture's tables repeated (about `mb` MB). */
function bigDocument(mb: number): Uint8Array {
  const text = readFixture(FIXTURES.f003).toString('utf8');
  return Buffer.from(text.repeat(Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(text))), 'utf8');
}

describe('the parse pool', () => {
  it('reads a file in a worker exactly as in this thread', async () => {
    const bytes = readFixture(FIXTURES.f001);
    const inWorker = await pool({ threads: 1 }).read(bytes, FIXTURES.f001);
    expect(inWorker).toEqual(await readForImport(bytes, FIXTURES.f001));
    expect(inWorker.ok && inWorker.docs[0]!.projects.length).toBe(19);
  });

  it('reads PDFs in its worker as this thread does (pdf.js loaded there by require)', async () => {
    const bytes = readFileSync(join('test', 'documents', 'layouts', '12-department-document.pdf'));
    const inWorker = await pool({ threads: 1 }).read(bytes, 'doc.pdf');
    expect(inWorker).toEqual(await readForImport(bytes, 'doc.pdf'));
    expect(inWorker.ok && inWorker.docs[0]!.projects.map((p) => p.indicators.length)).toEqual([4, 27, 4]);
  });

  it('reads an old Word document in its worker as this thread does: LibreOffice run by the main thread (issue 72)', async () => {
    const bytes = readFileSync(join('test', 'documents', 'readers', 'office', 'project.doc'));
    const inWorker = await pool({ threads: 1 }).read(bytes, 'project.doc');
    expect(inWorker.ok, inWorker.ok ? '' : inWorker.message).toBe(true);
    expect(inWorker).toEqual(await readForImport(bytes, 'project.doc'));
  });

  it('refuses a file the reader refuses, with the reader\'s message', async () => {
    const read = await pool({ threads: 1 }).read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'cut.docx');
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.message).toMatch(/^cut\.docx: .*(损坏|不完整)/);
  });

  it('ends a file that takes longer than its time limit, with a message naming the limit', async () => {
    const read = await pool({ threads: 1, timeoutSeconds: 0.2 }).read(bigDocument(12), 'big.txt');
    expect(read).toEqual({ ok: false, message: 'big.txt: 解析超时（超过 0.2 秒），文件可能过大或结构异常，未导入' });
  });

  it('a scan read in a worker tells its pages recognised (issue 56)', async () => {
    const scans = pool({ threads: 1 });
    const seen: [number, number][] = [];
    const read = await scans.read(readFileSync(join('test', 'documents', 'layouts', 'scanned.pdf')), 'scanned.pdf', {}, (done, total) => seen.push([done, total]));
    expect(read.ok, read.ok ? '' : read.message).toBe(true);
    expect(seen).toEqual([[0, 2], [1, 2], [2, 2]]);
  });

  it('ends a worker that runs out of its memory, not the server', async () => {
    const p = pool({ threads: 1, memoryMb: 64 });
    const read = await p.read(bigDocument(18), 'huge.txt');
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.message).toMatch(/^huge\.txt: (解析时超出内存限制（64 MB）|解析失败)/);
    // the pool goes on with the next file
    expect((await p.read(readFixture(FIXTURES.f000), FIXTURES.f000)).ok).toBe(true);
  });
});

describe('previews waiting for their commit', () => {
  const now = () => new Date('2025-03-01T08:00:00Z');

  it('a user keeps at most a few; the oldest goes first', () => {
    const store = new ImportTokenStore<string>(60_000, now, { perUser: 2, total: 10, bytes: 1_000 });
    const a = store.put(1, 'a', 10);
    const b = store.put(1, 'b', 10);
    const other = store.put(2, 'x', 10);
    const c = store.put(1, 'c', 10);
    expect(store.take(a, 1)).toBeUndefined();
    expect([store.take(b, 1), store.take(c, 1), store.take(other, 2)]).toEqual(['b', 'c', 'x']);
  });

  it('all users together keep at most so many bytes: the oldest previews are dropped for a new one', () => {
    const store = new ImportTokenStore<string>(60_000, now, { perUser: 5, total: 10, bytes: 100 });
    const first = store.put(1, 'first', 60);
    const second = store.put(2, 'second', 30);
    const third = store.put(3, 'third', 50);
    expect(store.heldBytes).toBe(80);
    expect(store.take(first, 1)).toBeUndefined();
    expect([store.take(second, 2), store.take(third, 3)]).toEqual(['second', 'third']);
    expect(store.heldBytes).toBe(0);
  });

  it('a preview is weighed by the memory its parsed documents hold, many times its file', async () => {
    const bytes = readFixture(FIXTURES.f001);
    const read = await readForImport(bytes, FIXTURES.f001);
    expect(read.ok && read.weight).toBeGreaterThan(3 * bytes.length);
    expect(read.ok && read.weight).toBe(read.ok && heldBytes([read.docs, read.prepared]));
  });

  it('weighs strings by their characters, counts a shared value once, and ends on a cycle', () => {
    const shared = { name: 'x'.repeat(1000) };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    const one = heldBytes(shared);
    expect(one).toBeGreaterThan(2000);
    expect(heldBytes(cyclic)).toBeLessThan(one + 200);
    expect(heldBytes([shared, { name: 'y'.repeat(1000) }])).toBeGreaterThan(2 * one);
  });
});
