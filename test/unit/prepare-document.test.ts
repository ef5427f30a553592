import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { prepareForStorage } from '../../src/server/modules/imports/prepare-document';
import { buildIndicator, buildProject, buildWideDocument } from '../factories';

/** A document with an invisible character in exactly one of the names and codes the store cleans. */
const ZW = '\u200B';
const cases: [string, (d: ParsedDocument) => ParsedDocument][] = [
  ['单位编码', (d) => ({ ...d, department: { ...d.department!, code: `4${ZW}17001` } })],
  ['单位名称', (d) => ({ ...d, department: { ...d.department!, name: `示范${ZW}区民政局` } })],
  ['项目编码', (d) => ({ ...d, projects: [{ ...d.projects[0]!, code: `P${ZW}1` }] })],
  ['项目名称', (d) => ({ ...d, projects: [{ ...d.projects[0]!, name: `低保${ZW}资金` }] })],
  ['表格标题', (d) => ({ ...d, projects: [{ ...d.projects[0]!, title: `项目${ZW}支出绩效目标表` }] })],
  ['”的单位编码', (d) => ({ ...d, projects: [{ ...d.projects[0]!, department: { code: `4${ZW}1`, name: '局' } }] })],
  ['”的单位名称', (d) => ({ ...d, projects: [{ ...d.projects[0]!, department: { code: null, name: `示范${ZW}局` } }] })],
  ['三级指标', (d) => ({ ...d, projects: [buildProject({ indicators: [buildIndicator(), buildIndicator({ name: `发放${ZW}人数` })] })] })],
  ['部门整体支出绩效目标表标题', (d) => ({ ...d, departmentTargets: { ...d.departmentTargets!, title: `2025年度${ZW}部门整体支出绩效目标表` } })],
  ['部门整体支出绩效目标的单位编码', (d) => ({ ...d, departmentTargets: { ...d.departmentTargets!, department: { code: `41${ZW}7001`, name: '示范区民政局' } } })],
  ['部门整体支出绩效目标的单位名称', (d) => ({ ...d, departmentTargets: { ...d.departmentTargets!, department: { code: null, name: `示范区${ZW}民政局` } } })],
];

describe('prepareForStorage: invisible characters in names and codes', () => {
  it('a document without any is given back as it is', () => {
    const doc = buildWideDocument();
    expect(prepareForStorage(doc)).toBe(doc);
  });

  it.each(cases)('one in %s alone is removed, with a warning', (label, withOne) => {
    const doc = withOne(buildWideDocument());
    const prepared = prepareForStorage(doc);
    expect(JSON.stringify(prepared)).not.toContain(ZW);
    const warnings = prepared.diagnostics.filter((d) => d.code === 'invisible-characters-removed');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(label);
  });
});
