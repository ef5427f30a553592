/**
 * The private LibreOffice profile each conversion starts with (the importers' .doc/.xls/.wps/.et reading,
 * importers/office/convert.ts, and the PDF export, exporters/pdf-exporter.ts): an empty folder would do, but
 * LibreOffice takes a profile that has never recorded the installation's version (ooSetupLastVersion) as the first
 * start after an upgrade, and runs its graphics render tests (vcl's GraphicsRenderTests: bitmaps of 64 MB drawn
 * over and over) before it converts anything — about 4 of the 5–6 seconds a conversion took here (LibreOffice 7.4,
 * 2 cores), on every conversion, since a headless conversion never records the version either. A profile that
 * says it has seen this version skips them: a .doc converted in 1.2 s instead of 5.9 s (measured 2026-11-26).
 *
 * The version is the installation's own (ooSetupVersion in its share/registry/main.xcd, beside the program
 * folder); when it cannot be read the profile is left empty and the conversion is as slow as before, never wrong.
 */
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const VERSION = /oor:name="ooSetupVersion"[^>]*>\s*<value>(\d+(?:\.\d+)*)<\/value>/;

const versions = new Map<string, Promise<string | null>>();

/** The version of the LibreOffice `soffice` (a path, or a name on PATH) belongs to ("7.4"), read once per program; null when unknown. */
export async function installedVersion(soffice: string): Promise<string | null> {
  const file = await programFile(soffice);
  if (file === null) return null;
  let version = versions.get(file);
  if (!version) {
    version = readVersion(file);
    versions.set(file, version);
  }
  return version;
}

/** The program itself: `soffice` as given, or a bare name looked up on PATH as the shell would. */
async function programFile(soffice: string): Promise<string | null> {
  const candidates = soffice.includes(sep) ? [soffice] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, soffice));
  for (const candidate of candidates) {
    try {
      return await realpath(candidate);
    } catch {
      // not here
    }
  }
  return null;
}

/** The version in the registry of the installation whose program `file` is (a real path). */
async function readVersion(file: string): Promise<string | null> {
  const program = dirname(file);
  // Linux and Windows: program/ beside share/; macOS: Contents/MacOS beside Contents/Resources.
  for (const registry of [join(program, '..', 'share', 'registry', 'main.xcd'), join(program, '..', 'Resources', 'registry', 'main.xcd')]) {
    try {
      const match = VERSION.exec(await readFile(registry, 'utf8'));
      if (match) return match[1]!;
    } catch {
      // not this layout
    }
  }
  return null;
}

/**
 * Makes `dir` (a new, private folder) a LibreOffice profile that has seen the installation of `soffice` (a path, or
 * a name on PATH), and gives it as the file URL for `-env:UserInstallation=`. Never fails: a profile it cannot
 * prepare stays empty.
 */
export async function prepareProfile(dir: string, soffice: string): Promise<string> {
  const version = await installedVersion(soffice);
  if (version !== null) {
    try {
      await mkdir(join(dir, 'user'), { recursive: true });
      await writeFile(
        join(dir, 'user', 'registrymodifications.xcu'),
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
          `<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>${version}</value></prop></item>`,
          '</oor:items>',
          '',
        ].join('\n'),
      );
    } catch {
      // an empty profile: slower, not wrong
    }
  }
  return pathToFileURL(dir).href;
}
