/**
 * The LibreOffice profile a conversion starts with (src/server/office/profile.ts): it records the installation's
 * version, so that LibreOffice does not take each conversion for the first start after an upgrade and run its
 * graphics render tests (about 4 s of a 5–6 s conversion). Read from a made-up installation, from the real one
 * on this machine (npm test installs LibreOffice), and left empty when there is no installation to read.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedVersion, prepareProfile } from '../../src/server/office/profile';

const root = mkdtempSync(join(tmpdir(), 'jixiao-profile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const REGISTRY = (version: string) =>
  `<oor:data><oor:component-data oor:name="Setup" oor:package="org.openoffice"><node oor:name="Product"><prop oor:name="ooSetupVersion" oor:type="xs:string" oor:nillable="false">\n  <value>${version}</value>\n</prop><prop oor:name="ooSetupLastVersion" oor:type="xs:string" oor:nillable="true"/></node></oor:component-data></oor:data>`;

/** A made-up installation: program/soffice and share/registry/main.xcd; a link to its program as /usr/bin has. */
function installation(name: string, version: string): { program: string; link: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, 'program'), { recursive: true });
  mkdirSync(join(dir, 'share', 'registry'), { recursive: true });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'program', 'soffice'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(dir, 'share', 'registry', 'main.xcd'), REGISTRY(version));
  symlinkSync(join(dir, 'program', 'soffice'), join(dir, 'bin', 'soffice'));
  return { program: join(dir, 'program', 'soffice'), link: join(dir, 'bin', 'soffice') };
}

const modifications = (profileUrl: string) => readFileSync(join(fileURLToPath(profileUrl), 'user', 'registrymodifications.xcu'), 'utf8');

describe("a conversion's LibreOffice profile", () => {
  it("records the installation's version as the last one seen, found through a link to the program and on PATH", async () => {
    const { program, link } = installation('lo-24', '24.8');
    expect(await installedVersion(program)).toBe('24.8');
    const profile = await prepareProfile(join(root, 'p1'), link);
    expect(profile).toBe(`file://${join(root, 'p1')}`);
    expect(modifications(profile)).toContain('<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>24.8</value></prop></item>');

    const path = process.env.PATH;
    process.env.PATH = `${join(root, 'lo-24', 'bin')}:${path}`;
    try {
      expect(modifications(await prepareProfile(join(root, 'p2'), 'soffice'))).toContain('<value>24.8</value>');
    } finally {
      process.env.PATH = path;
    }
  });

  it('is left empty when the installation cannot be read: no program, no registry, no version in it', async () => {
    const { program } = installation('lo-broken', 'x');
    rmSync(join(root, 'lo-broken', 'share', 'registry', 'main.xcd'));
    writeFileSync(join(root, 'lo-broken', 'share', 'registry', 'main.xcd'), '<oor:data/>');
    for (const [i, soffice] of [join(root, 'nowhere', 'soffice'), program, 'no-such-soffice-anywhere'].entries()) {
      const dir = join(root, `empty-${i}`);
      mkdirSync(dir);
      expect(await prepareProfile(dir, soffice)).toBe(`file://${dir}`);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it.skipIf(!existsSync('/usr/lib/libreoffice/program/soffice'))('with the real LibreOffice: its version is read, and a conversion with the profile runs no graphics render tests', async () => {
    expect(await installedVersion('/usr/lib/libreoffice/program/soffice')).toMatch(/^\d+\.\d+$/);
    const dir = join(root, 'real');
    mkdirSync(join(dir, 'out'), { recursive: true });
    writeFileSync(join(dir, 'in.txt'), '绩效目标\n');
    const profile = await prepareProfile(join(dir, 'profile'), '/usr/lib/libreoffice/program/soffice');
    const run = spawnSync('/usr/lib/libreoffice/program/soffice', ['--headless', '--norestore', '--nologo', `-env:UserInstallation=${profile}`, '--convert-to', 'docx', '--outdir', join(dir, 'out'), join(dir, 'in.txt')], { timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'out', 'in.docx'))).toBe(true);
    // LibreOffice writes this log when it runs the tests: a conversion with an empty profile leaves it (seen 2026-11-26)
    expect(existsSync(join(dir, 'profile', 'user', 'GraphicsRenderTests.log'))).toBe(false);
  }, 90_000);
});
