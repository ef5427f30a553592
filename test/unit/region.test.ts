import { describe, expect, it } from 'vitest';
import { ancestorCodes, buildRegionTree, isRegionCode, isWithin, parentIn, readRegionFile, regionLevel, regionOfProjectCode, subtreeRange } from '../../src/shared/domain/region';

describe('the region tree', () => {
  it('derives the level, the ancestors and the subtree from the code', () => {
    expect(['130000', '130200', '130202', '110101', '429004'].map(regionLevel)).toStrictEqual(['province', 'city', 'county', 'county', 'county']);
    expect(ancestorCodes('130202')).toStrictEqual(['130200', '130000']);
    expect(ancestorCodes('130200')).toStrictEqual(['130000']);
    expect(ancestorCodes('130000')).toStrictEqual([]);
    expect(isWithin('130202', '130200')).toBe(true);
    expect(isWithin('130202', '130000')).toBe(true);
    expect(isWithin('130202', '130202')).toBe(true);
    expect(isWithin('130213', '130202')).toBe(false);
    expect(isWithin('130602', '130200')).toBe(false);
    expect(isWithin('140202', '130000')).toBe(false);
    expect(subtreeRange('130000')).toStrictEqual({ lo: '130000', hi: '139999' });
    expect(subtreeRange('130200')).toStrictEqual({ lo: '130200', hi: '130299' });
    expect(subtreeRange('130202')).toStrictEqual({ lo: '130202', hi: '130202' });
    // the range and isWithin agree on every code of a sample
    for (const code of ['130000', '130100', '130199', '130200', '130201', '130299', '130300', '139999', '140000', '129999']) {
      for (const root of ['130000', '130200', '130202']) {
        const { lo, hi } = subtreeRange(root);
        expect(code >= lo && code <= hi, `${code} in ${root}`).toBe(isWithin(code, root));
      }
    }
    expect(isRegionCode('130202')).toBe(true);
    expect(isRegionCode('13020')).toBe(false);
    expect(isRegionCode('001234')).toBe(false);
    expect(regionOfProjectCode('13020225P008911100023')).toBe('130202');
    expect(regionOfProjectCode('P0089')).toBeNull();
    expect(regionOfProjectCode(null)).toBeNull();
  });

  it('hangs a region under its nearest ancestor in the tree (直辖市 districts, 省直辖县)', () => {
    const known = new Set(['110000', '420000', '130000', '130200']);
    expect(parentIn('110101', known)).toBe('110000');
    expect(parentIn('429004', known)).toBe('420000');
    expect(parentIn('130202', known)).toBe('130200');
    expect(parentIn('130602', known)).toBe('130000');
    expect(parentIn('130000', known)).toBeNull();
  });

  it('reads CSV and JSON and names the line of every problem', () => {
    const csv = '区划代码,名称\n130000,河北省\n130200,唐山市\n\n"130202","路南区"\n130203，路北区\n';
    const read = readRegionFile(csv);
    expect(read.issues).toStrictEqual([]);
    const tree = buildRegionTree(read.lines);
    expect(tree.issues).toStrictEqual([]);
    expect(tree.regions).toStrictEqual([
      { code: '130000', name: '河北省', parentCode: null, level: 'province' },
      { code: '130200', name: '唐山市', parentCode: '130000', level: 'city' },
      { code: '130202', name: '路南区', parentCode: '130200', level: 'county' },
      { code: '130203', name: '路北区', parentCode: '130200', level: 'county' },
    ]);
    const json = readRegionFile(JSON.stringify([{ code: '130000', name: '河北省' }, { code: 130200, name: '唐山市' }]));
    expect(buildRegionTree(json.lines).regions.map((r) => r.parentCode)).toStrictEqual([null, '130000']);

    const bad = buildRegionTree(readRegionFile('130000,河北省\n1302,唐山市\n130202,\n130000,又一个\n').lines);
    expect(bad.regions).toStrictEqual([]);
    expect(bad.issues.map((i) => i.line)).toStrictEqual([2, 3, 4]);
    expect(bad.issues[0]!.message).toContain('第 2 行');
    expect(bad.issues[2]!.message).toContain('与第 1 行重复');
    expect(readRegionFile('130000\n').issues[0]!.message).toContain('第 1 行');
    expect(readRegionFile('[{"code":"130000"}]').issues[0]!.message).toContain('第 1 项');
    expect(readRegionFile('{oops').issues[0]!.message).toContain('JSON');
  });
});
