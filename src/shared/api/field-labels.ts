/**
 * The fields of the API's bodies by the names the screens give them (issue 58): a validation
 * message names its place in words — "第1个指标·截至目前完成值：…" — never by its path
 * (`indicators.0.valueToDate`). The server's 400 answers say it in their message; the pages say it
 * beside a message they do not pin to a field. A path with a part this table does not name gives
 * no label (the message alone, which names its place itself), never the key.
 */

/** A field's label, by its key in any body. */
const FIELDS: Record<string, string> = {
  // monitoring (执行监控)
  asOf: '截至日期',
  spentFen: '累计支出',
  spendingCause: '支出偏差原因',
  spendingCauseNote: '支出偏差原因说明',
  spendingMeasure: '支出纠偏措施',
  note: '备注',
  indicatorId: '指标',
  valueToDate: '截至目前完成值',
  projected: '全年预计完成值',
  likelihood: '完成可能性',
  cause: '偏差原因',
  causeNote: '偏差原因说明',
  measure: '纠偏措施',
  // self-evaluation (绩效自评)
  adjustedBudgetFen: '全年预算数',
  executionExplanation: '预算执行情况说明',
  goalAchievement: '总体绩效目标完成情况',
  weight: '分值',
  actualKind: '实际值填报方式',
  actualText: '实际完成值',
  grade: '完成等级',
  percent: '完成程度',
  deviationCause: '偏差原因',
  improvement: '改进措施',
  // 目标调整
  reason: '理由',
  effectiveOn: '生效日期',
  budgetFen: '预算',
  rows: '绩效指标',
  key: '指标',
  level1: '一级指标',
  level2: '二级指标',
  name: '名称',
  target: '指标值',
  decision: '审核结论',
  comment: '意见',
  comments: '逐项意见',
  // a project's form
  project: '项目',
  code: '编码',
  budget: '预算',
  total: '预算数',
  fiscal: '财政资金',
  other: '其他资金',
  purpose: '资金用途',
  spendingPlan: '资金支出计划',
  goals: '年度绩效目标',
  description: '绩效指标描述',
  basis: '指标值确定依据',
  version: '版本',
  // rectification, stages, approval, accounts
  deadline: '整改期限',
  requirement: '整改要求',
  ownerPerson: '责任人',
  opensOn: '开始日期',
  dueOn: '截止日期',
  roundAsOf: '监控截至日期',
  label: '名称',
  year: '年度',
  kind: '类型',
  docNumber: '批复文号',
  issuedOn: '批复日期',
  projectIds: '项目',
  departmentId: '单位',
  regionCode: '区划',
  username: '用户名',
  q: '搜索内容',
  displayName: '姓名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  role: '角色',
  conclusion: '评估结论',
  conclusionReason: '结论理由',
  scores: '评分',
  points: '得分',
};

/** The lists whose items are numbered for people: "第1个指标", "第2行". */
const LISTS: Record<string, (n: number) => string> = {
  indicators: (n) => `第${n}个指标`,
  rows: (n) => `第${n}行`,
  spendingPlan: (n) => `第${n}个支出节点`,
  goals: (n) => `第${n}条目标`,
  comments: (n) => `第${n}条意见`,
  scores: (n) => `第${n}个评分项`,
  projectIds: (n) => `第${n}个项目`,
};

/**
 * A body's path in words: `indicators.0.valueToDate` → 第1个指标·截至目前完成值; null for an empty path
 * or one with a part the table does not name.
 * @example fieldLabelOf('indicators.0.valueToDate') // '第1个指标·截至目前完成值'
 */
export function fieldLabelOf(path: string | readonly (string | number)[] | null | undefined): string | null {
  // a place an error may not have (a malformed upload's): no label
  if (path === null || path === undefined) return null;
  const parts = (typeof path === 'string' ? path.split('.') : Array.isArray(path) ? path.map(String) : []).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && LISTS[part] !== undefined) {
      words.push(LISTS[part](Number(next) + 1));
      i++;
      continue;
    }
    if (/^\d+$/.test(part)) return null;
    const label = FIELDS[part];
    if (label === undefined) return null;
    words.push(label);
  }
  return words.join('·');
}
