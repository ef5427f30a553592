/**
 * The parse pool takes files in fair turns (issue 72, item 5): one user's hostile files stalled everyone's imports
 * (first come, first served: three 60-second refusals of one editor delayed another user's one-second preview to
 * 57 s). With one thread for any file and one for small files (the server's pool on a 2-core machine), user A's
 * three files that each run to the time limit (old Word documents of 1.5 MB whose LibreOffice never ends: a fake
 * soffice), then B's small document, then C's large file:
 *
 * - B's small file is read at once, beside A's first, and answered before it (it waited behind all three);
 * - C's large file is read after A's first, before A's other two (it waited behind all three);
 * - FairTurns, the turns alone: an owner with fewer files under way first, then the one whose last file started
 *   longest ago; a small file takes the small thread, or a general one when that is busy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParsePool, FairTurns, SMALL_FILE_BYTES } from '../../src/server/modules/imports/parse-pool';
import { FIXTURES, readFixture } from '../support/fixtures';
import { fakeSoffice, type FakeSoffice } from '../support/fake-soffice';

let soffice: FakeSoffice;
beforeAll(() => {
  soffice = fakeSoffice();
  soffice.hang();
});
afterAll(() => soffice.restore());

/** An old Word document padded past the small files' size: its conversion never ends (the fake soffice). */
const hostile = () => Buffer.concat([readFileSync(join(__dirname, '..', 'documents', 'readers', 'office', 'project.doc')), Buffer.alloc(SMALL_FILE_BYTES + 512 * 1024)]);

describe('the parse pool takes turns', () => {
  it("a small file is read beside another user's large ones; a large one takes its turn after one of theirs, not after all", async () => {
    const pool = createParsePool({ threads: 1, timeoutSeconds: 5 });
    const finished: string[] = [];
    const read = (name: string, bytes: Uint8Array, file: string, owner: string) =>
      pool.read(bytes, file, {}, undefined, owner).then((r) => {
        finished.push(name);
        return r;
      });
    try {
      // B's worker started before: a cold start takes seconds on a loaded machine (not counted in a file's time, but B's answer would wait for it)
      expect((await pool.read(readFixture(FIXTURES.f001), FIXTURES.f001, {}, undefined, 'B')).ok).toBe(true);
      const a = [1, 2, 3].map((k) => read(`A${k}`, hostile(), `a${k}.doc`, 'A'));
      const b = read('B', readFixture(FIXTURES.f001), FIXTURES.f001, 'B');
      const c = read('C', hostile(), 'c.doc', 'C');
      const results = await Promise.all([...a, b, c]);
      expect(results.map((r) => r.ok)).toStrictEqual([false, false, false, true, false]);
      expect(finished).toStrictEqual(['B', 'A1', 'C', 'A2', 'A3']);
    } finally {
      await pool.close();
    }
  }, 180_000);
});

describe('FairTurns', () => {
  it('the owner with fewer files under way first, then the one whose last file started longest ago; small files beside', async () => {
    const turns = new FairTurns(1, true);
    const started: string[] = [];
    const done = new Map<string, () => void>();
    const wait = (name: string, owner: string, bytes: number) =>
      void turns.wait(owner, bytes).then((turn) => {
        started.push(`${name}${turn.slot === 'small' ? '·small' : ''}`);
        done.set(name, turn.done);
      });
    const settle = () => new Promise((r) => setImmediate(r));
    const large = SMALL_FILE_BYTES + 1;
    wait('A1', 'A', large);
    wait('A2', 'A', large);
    wait('A3', 'A', 10);
    wait('B1', 'B', large);
    wait('C1', 'C', large);
    await settle();
    // A1 on the general thread; A3, small, on the small thread
    expect(started).toStrictEqual(['A1', 'A3·small']);
    expect(turns.load()).toStrictEqual({ reading: 2, waiting: 3 });
    done.get('A1')!();
    await settle();
    // A has a file under way (A3): B and C before A2; B came first
    expect(started).toStrictEqual(['A1', 'A3·small', 'B1']);
    done.get('A3')!();
    wait('D1', 'D', 10);
    await settle();
    // the small thread is free: D's small file at once
    expect(started).toStrictEqual(['A1', 'A3·small', 'B1', 'D1·small']);
    done.get('B1')!();
    await settle();
    // neither A nor C has a file under way; C has had no turn yet, A has: C first
    expect(started).toStrictEqual(['A1', 'A3·small', 'B1', 'D1·small', 'C1']);
    done.get('C1')!();
    await settle();
    expect(started).toStrictEqual(['A1', 'A3·small', 'B1', 'D1·small', 'C1', 'A2']);
    done.get('A2')!();
    done.get('D1')!();
    expect(turns.load()).toStrictEqual({ reading: 0, waiting: 0 });
  });
});
