// Tools of the scripts that write test documents (make-reader-documents.mjs,
// make-layout-documents.mjs): GBK encoding, and LibreOffice conversions.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Node decodes GBK but does not encode it: the decoder's table read backwards encodes. */
export function gbkEncoder() {
  const decoder = new TextDecoder('gbk');
  const table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const bytes = [];
    for (const ch of text) {
      const code = ch.codePointAt(0);
      if (code < 0x80) bytes.push(code);
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`not in GBK: ${ch} U+${code.toString(16)}`);
        bytes.push(...pair);
      }
    }
    return Uint8Array.from(bytes);
  };
}

/**
 * A LibreOffice converter working in `work` (its own profile there): convert('a.html', bytes,
 * 'doc:MS Word 97', 'doc') writes the input, converts it and returns the path of the output. A web
 * page opens in Writer (not Writer/Web, which cannot save Word formats or print a PDF of a Word
 * document's look).
 */
export function libreOffice(work) {
  return (name, bytes, filter, ext) => {
    const input = join(work, name);
    writeFileSync(input, bytes);
    execFileSync(
      'soffice',
      [
        '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        ...(name.endsWith('.html') ? ['--infilter=HTML (StarWriter)'] : []),
        '--convert-to', filter, '--outdir', work, input,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return join(work, name.replace(/\.[^.]+$/, `.${ext}`));
  };
}
