/**
 * The calibration documents of issue 30 (test/documents/review/, docs/review-calibration.md): which completeness rule
 * says which field is missing, as the forms name that field in expected.json's formLacks. Shared by
 * scripts/calibrate-review.ts and test/review/calibration-documents.test.ts.
 */
export const LACKING: Record<string, RegExp> = {
  'missing.project-code': /项目编码/,
  'missing.spending-plan': /资金支出计划/,
  'missing.purpose': /资金用途/,
  'missing.basis': /指标值确定依据/,
  'missing.fund-source': /财政资金|其他资金/,
  'missing.department-goal': /部门整体绩效目标|第一部分/,
  'missing.description': /绩效指标描述/,
};
