/**
 * A fake LibreOffice first on PATH (issue 72's tests of what a stuck LibreOffice does): `soffice` is a shell script in
 * a folder of its own put before the others on PATH; `hang()` makes one that records its folder (its HOME) and starts
 * a child (as soffice.bin) that runs on, holding the pipes, and never converts. `restore()` puts PATH back and ends
 * any child a failing test left (this file's processes only).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface FakeSoffice {
  /** Makes `soffice` the shell script `body`. */
  script(body: string): void;
  /** Makes `soffice` one that never ends: its folder and its child's pid recorded. */
  hang(): void;
  /** The folders (HOME) and children's pids the hanging soffice recorded, in order. */
  homes(): string[];
  pids(): string[];
  restore(): void;
}

/** Whether a process runs (a zombie waiting for a parent that does not reap it does not). */
export function alive(pid: string): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function fakeSoffice(): FakeSoffice {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-fake-soffice-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const path = process.env.PATH;
  process.env.PATH = `${bin}${delimiter}${path ?? ''}`;
  const lines = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8').trim().split('\n').filter(Boolean) : []);
  const script = (body: string) => {
    const file = join(bin, 'soffice');
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };
  return {
    script,
    hang: () => script(`echo "$HOME" >> "${dir}/homes"\nsleep 300 &\necho $! >> "${dir}/pids"\nwait`),
    homes: () => lines('homes'),
    pids: () => lines('pids'),
    restore() {
      process.env.PATH = path;
      for (const pid of lines('pids')) if (alive(pid)) process.kill(Number(pid), 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
