/**
 * The ex-ante gate and the approval settings (issue 33, shared/domain/approval.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_SETTINGS, effectiveApprovalSettings, exAnteGate, exAnteGateNeed, formatPerMille, type ApprovalSettings } from '../../src/shared/domain/approval';

const on: ApprovalSettings = { ...DEFAULT_APPROVAL_SETTINGS, exAnteGate: true, budgetChangePerMille: 200 };
const project = { name: '城乡环境整治', budgetFen: 1_000_000 };

describe('exAnteGate', () => {
  it('holds a new project without an assessment, and says why naming the project', () => {
    const g = exAnteGate(project, undefined, undefined, on);
    expect(g.held).toBe(true);
    expect(g.need).toBe('新增项目（上年度无同一项目）');
    expect(g.reason).toContain('城乡环境整治');
    expect(g.reason).toContain('尚未进行事前绩效评估');
  });

  it('holds a project whose assessment was returned, or is not yet approved', () => {
    const returned = exAnteGate(project, undefined, { status: 'returned', conclusion: 'support', conclusionReason: null }, on);
    expect(returned.held).toBe(true);
    expect(returned.reason).toContain('“退回”');
    expect(exAnteGate(project, undefined, { status: 'submitted', conclusion: 'support', conclusionReason: null }, on).held).toBe(true);
  });

  it('holds a project concluded 不予支持', () => {
    const g = exAnteGate(project, undefined, { status: 'approved', conclusion: 'reject', conclusionReason: '重复' }, on);
    expect(g.held).toBe(true);
    expect(g.reason).toContain('不予支持');
    expect(g.conclusion).toBe('reject');
  });

  it('passes 予以支持', () => {
    const g = exAnteGate(project, undefined, { status: 'approved', conclusion: 'support', conclusionReason: '充分' }, on);
    expect(g).toMatchObject({ held: false, conclusion: 'support', parts: null });
  });

  it('passes 部分支持 and names the parts', () => {
    const g = exAnteGate(project, undefined, { status: 'approved', conclusion: 'partial', conclusionReason: '仅支持设备购置部分' }, on);
    expect(g).toMatchObject({ held: false, conclusion: 'partial', parts: '仅支持设备购置部分' });
    expect(g.reason).toContain('仅支持设备购置部分');
  });

  it('holds by the budget change only above the threshold, exactly', () => {
    // 20% exactly is not more than 20%
    expect(exAnteGate({ ...project, budgetFen: 1_200_000 }, { budgetFen: 1_000_000 }, undefined, on).held).toBe(false);
    expect(exAnteGate({ ...project, budgetFen: 800_000 }, { budgetFen: 1_000_000 }, undefined, on).held).toBe(false);
    // one fen more
    const up = exAnteGate({ ...project, budgetFen: 1_200_001 }, { budgetFen: 1_000_000 }, undefined, on);
    expect(up.held).toBe(true);
    expect(up.need).toBe('预算较上年增加超过20%');
    expect(exAnteGate({ ...project, budgetFen: 799_999 }, { budgetFen: 1_000_000 }, undefined, on).need).toBe('预算较上年减少超过20%');
    // large amounts stay exact (beyond 2^53 when multiplied)
    const big = 9_000_000_000_000_000;
    expect(exAnteGateNeed({ budgetFen: big / 1000 * 1200 / 1000 }, { budgetFen: big / 1000 }, 200)).toBeNull();
    // a threshold of 12.5%
    expect(exAnteGateNeed({ budgetFen: 1_125_000 }, { budgetFen: 1_000_000 }, 125)).toBeNull();
    expect(exAnteGateNeed({ budgetFen: 1_125_001 }, { budgetFen: 1_000_000 }, 125)).toBe('预算较上年增加超过12.5%');
  });

  it('does not apply to a continuing project without budget figures', () => {
    expect(exAnteGate({ ...project, budgetFen: null }, { budgetFen: 1_000_000 }, undefined, on).held).toBe(false);
    expect(exAnteGate(project, { budgetFen: null }, undefined, on).held).toBe(false);
  });

  it('holds nothing when the gate is off, and says so of a project that needs the assessment and lacks it (issue 71)', () => {
    const off = { ...on, exAnteGate: false };
    const g = exAnteGate(project, undefined, undefined, off);
    expect(g).toMatchObject({ held: false, need: '新增项目（上年度无同一项目）', conclusion: null, parts: null });
    expect(g.reason).toBe('本地区本年度未开启事前绩效评估把关，不影响审核通过；但项目“城乡环境整治”为新增项目（上年度无同一项目），尚未进行事前绩效评估，审核通过前请核实');
    expect(exAnteGate(project, undefined, { status: 'submitted', conclusion: 'support', conclusionReason: null }, off).reason).toContain('事前绩效评估当前为“已提交”，尚未审核');
    // supported, or not needed: nothing to say
    expect(exAnteGate(project, undefined, { status: 'approved', conclusion: 'support', conclusionReason: null }, off)).toEqual({ held: false, need: null, reason: null, conclusion: null, parts: null });
    expect(exAnteGate(project, { budgetFen: 1_000_000 }, undefined, off)).toEqual({ held: false, need: null, reason: null, conclusion: null, parts: null });
  });
});

describe('effectiveApprovalSettings', () => {
  it("takes the region's own, else the nearest ancestor's, else the defaults", () => {
    const prov: ApprovalSettings = { exAnteGate: true, budgetChangePerMille: 100, publishRequiresIssue: false };
    const city: ApprovalSettings = { exAnteGate: false, budgetChangePerMille: 300, publishRequiresIssue: true };
    const own = new Map([['130000', prov], ['130200', city]]);
    expect(effectiveApprovalSettings(['130202', '130200', '130000'], own)).toBe(city);
    expect(effectiveApprovalSettings(['130302', '130300', '130000'], own)).toBe(prov);
    expect(effectiveApprovalSettings(['110101', '110100', '110000'], own)).toBe(DEFAULT_APPROVAL_SETTINGS);
    expect(formatPerMille(200)).toBe('20%');
  });
});

describe('an assessment that concluded 不予支持 (issue 58)', () => {
  const project = { name: '示例项目', budgetFen: 1_000_000 };
  const rejected = { status: 'approved' as const, conclusion: 'reject' as const, conclusionReason: '与已有项目重复' };
  const on = { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false };
  it('holds the project with the gate on, even one that did not need it', () => {
    const g = exAnteGate(project, { budgetFen: 1_000_000 }, rejected, on);
    expect(g).toMatchObject({ held: true, need: null, conclusion: 'reject' });
    expect(g.reason).toContain('不予支持');
  });
  it('is said before the approval with the gate off, without holding it', () => {
    const g = exAnteGate(project, undefined, rejected, { ...on, exAnteGate: false });
    expect(g).toMatchObject({ held: false, conclusion: 'reject' });
    expect(g.reason).toContain('未开启事前绩效评估把关');
  });
});
