/**
 * Download names (issue 35, point 3): every download's Content-Disposition comes from one helper
 * (app/download.ts) that encodes `filename*` per RFC 5987 — ' ( ) * ! too, which
 * encodeURIComponent leaves raw and Chromium then refuses. Checked by RFC 5987's grammar (nothing
 * but attr-char and %XX) and read back, over names of every awkward character, and through the
 * evidence download, whose name is the user's.
 */
import { describe, expect, it } from 'vitest';
import { attachmentHeader, rfc5987 } from '../../src/server/app/download';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { importFixture } from './domain-support';
import { startTestApp } from './support';

const AWKWARD = ["单位'甲'(2025)*预算!.xlsx", "O'Brien (copy) *final*!.docx", '整改 报告 #1 & 附件 $+,;=@[]{}^`|~%.pdf', '名称　全角空格、“引号”.txt'];
/** RFC 5987 attr-char, and % for the encoding. */
const EXT_VALUE = /^UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/;

/** The file name a strict RFC 6266 reader takes: filename* when it is a valid ext-value. */
function parsedName(header: string): string {
  const ext = /;\s*filename\*=([^;]+)/.exec(header)?.[1]?.trim() ?? '';
  expect(ext).toMatch(EXT_VALUE);
  return decodeURIComponent(ext.slice("UTF-8''".length));
}

describe('Content-Disposition', () => {
  it('encodes every character outside RFC 5987 attr-char, and a parser reads the name back', () => {
    expect(rfc5987("'()*!")).toBe('%27%28%29%2A%21');
    for (const name of AWKWARD) {
      const header = attachmentHeader(name, 'fallback.xlsx');
      expect(header).toMatch(/^attachment; filename="fallback\.xlsx"; filename\*=/);
      expect(parsedName(header)).toBe(name);
    }
  });

  it('an evidence file keeps its awkward name, with its extension, on download', async () => {
    const t = await startTestApp();
    const a = await importFixture(t.db, 'f000');
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId: a.departmentId });
    const stored = await loadStoredFindings(t.db, a.projectIds);
    const projectId = a.projectIds.find((id) => (stored.get(id) ?? []).length > 0)!;
    const item = await reviewer.post('/api/rectifications', { projectId, sourceKind: 'finding', sourceKey: findingSourceKey(stored.get(projectId)![0]!), deadline: addDays(chinaToday(t.app.now()), 30) });
    expect(item.statusCode, item.body).toBe(200);
    const id = item.json().id as number;
    const name = "O'Brien (第2版) *终稿*!.txt";
    const up = await editor.upload(`/api/rectifications/${id}/files`, [{ filename: name, data: '整改说明' }]);
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json().files[0];
    const res = await editor.get(`/api/rectifications/${id}/files/${file.id}`);
    expect(res.statusCode).toBe(200);
    const header = String(res.headers['content-disposition']);
    expect(parsedName(header)).toBe(file.name);
    expect(file.name).toContain("O'Brien (第2版)");
    expect(file.name).toMatch(/\.txt$/);
  }, 60_000);
});
