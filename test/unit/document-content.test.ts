import { describe, expect, it } from 'vitest';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { toDocumentJson } from '../../src/shared/domain/document-json';
import { tidyCjkSpaces } from '../../src/shared/domain/text';
import { buildIndicator, buildParsedDocument, buildProject } from '../factories';

/** The content JSON as defined: every string tidied, locations, the projects' form profiles and the tables' readings left out (no shortcut). */
function reference(doc: ReturnType<typeof buildParsedDocument>): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { file, format, encoding, sha256, diagnostics, ...content } = toDocumentJson(doc);
  return JSON.stringify(content, (key, value: unknown) =>
    ['line', 'ref', 'cells', 'overallLine', 'form', 'reading', 'yearInferred'].includes(key) ? undefined : typeof value === 'string' ? tidyCjkSpaces(value) : value,
  );
}

describe('documentContentJson', () => {
  // Every kind of whitespace trim() removes or tidyCjkSpaces folds, inside and at the ends.
  const texts = ['村 (社区)', '村(社区)', ' 前后 ', '\u3000全角', '尾\u00a0', 'a\tb', '换\n行', '\ufeff标记', '\r\n', 'ISO  9001', '\u2003em', '无空白', ''];

  it('tidies every string with whitespace and leaves the others as they are, as tidying every string would', () => {
    const doc = buildParsedDocument({
      projects: texts.map((t, i) =>
        buildProject({ name: `项目${i}${t}`, purpose: t, indicators: [buildIndicator({ name: t, description: `${t}说明` })] }),
      ),
    });
    const json = documentContentJson(doc);
    expect(json).toBe(reference(doc));
    expect(json).toContain('"村(社区)"');
    expect(json).not.toContain('\u3000');
  });
});
