/**
 * A table with no name field takes the project's name from the heading above it (issue 37):
 * `某某项目绩效目标表`, `某某项目支出绩效目标表`, the heading's suffix removed. Small documents in the text format.
 * A heading without 表 (`一、某某项目绩效目标`) is the title of the table under it too: medium-term.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { nameFromHeading } from '../../src/server/importers/parse/project-table';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { textDocument, textTable } from '../support/text-document';

const parseText = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'heading.txt');
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error');

it.each([
  ['某某项目绩效目标表', '某某项目'],
  ['某某项目绩效目标', '某某项目'],
  ['关于农村饮水安全巩固提升项目的绩效目标', '农村饮水安全巩固提升项目'],
  ['城区道路维护项目支出绩效目标表', '城区道路维护项目'],
  ['项目支出绩效目标表', null],
  ['2025年度项目绩效目标表', null],
  ['部门整体支出绩效目标表', null],
])('nameFromHeading(%s) = %s', (title, name) => {
  expect(nameFromHeading(title)).toBe(name);
});

describe('a project named by its heading', () => {
  const table = (title: string) =>
    textDocument([
      textTable({
        title,
        codeName: ['项目编码', '13082725P00000000045'],
        indicators: [['产出指标', '数量指标', '站点数量', '运营站点数量', '≥6个', '计划标准']],
      }),
    ]);

  it.each([
    ['[bookmark: _Toc_1]1.社区养老服务站运营补贴项目绩效目标表', '社区养老服务站运营补贴项目'],
    ['[bookmark: _Toc_1]2.城区道路维护项目支出绩效目标表', '城区道路维护项目'],
  ])('%s → %s, without the heading\'s suffix, no error', async (title, name) => {
    const doc = await parseText(table(title));
    expect(doc.projects.map((p) => p.name)).toEqual([name]);
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).toContain('name-from-heading');
    expect(doc.projects[0]!.indicators.map((i) => i.target.raw)).toEqual(['≥6个']);
  });

  it('a heading that names no project leaves the name missing (an error, as before)', async () => {
    const doc = await parseText(table('[bookmark: _Toc_1]1.项目支出绩效目标表'));
    expect(codes(doc)).toContain('missing-project-name');
  });
});
