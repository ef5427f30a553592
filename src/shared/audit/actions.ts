/**
 * Every action the audit log records, with its Chinese name: one table (issue 34). The server's
 * audit writes are typed with AuditAction, so a new action fails to compile until it is named
 * here; test/unit/audit-history.test.ts also reads every write in src/server and checks it.
 */
import { EX_ANTE_ACTIONS, type ExAnteAction } from '../domain/ex-ante';
import { RECTIFICATION_ACTIONS, type RectificationAction } from '../domain/rectification';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../domain/workflow';

/** What a rectification item's audit entries are (its actions and the bureau's own steps). */
export type RectificationAuditStep = RectificationAction | 'create' | 'edit' | 'withdraw' | 'files';

export type AuditAction =
  | `project.${WorkflowAction}`
  | 'project.update'
  | 'project.carryOver'
  | 'document.import'
  | 'document.supersede'
  | 'document.withdraw'
  | 'department.create'
  | 'department.rename'
  | 'department.assignCode'
  | 'department.region'
  | 'department.parent'
  | 'department.section'
  | 'section.create'
  | 'section.rename'
  | 'section.delete'
  | 'form-template.create'
  | 'form-template.rename'
  | 'form-template.retire'
  | 'region.import'
  | 'region.reviewLevels'
  | 'region.approvalSettings'
  | 'approval.issue'
  | 'adjustment.request'
  | 'adjustment.approve'
  | 'adjustment.return'
  | 'results.decide'
  | 'self-evaluation.save'
  | 'self-evaluation.keep'
  | 'self-evaluation.rescore-accept'
  | 'submitted-self-evaluation.import'
  | 'submitted-self-evaluation.conclude'
  | 'execution.save'
  | 'execution.delete'
  | 'ex-ante.create'
  | 'ex-ante.save'
  | `ex-ante.${ExAnteAction}`
  | `rectification.${RectificationAuditStep}`
  | 'stage.open'
  | 'stage.edit'
  | 'stage.close'
  | 'stage.reopen'
  | 'stage.remind'
  | 'user.create'
  | 'user.update'
  | 'user.passwordChange'
  | 'user.passwordReset'
  | 'user.code'
  | 'user.role'
  | 'user.lock'
  | 'user.signInLimit'
  | 'user.disableRequest'
  | 'user.disableWithdraw'
  | 'user.disableDecline'
  | 'user.unlock'
  | 'security.policy'
  | 'generate'
  | 'migration.boundsRepair';

/** The Chinese name of every action (a Record over the union: a missing one does not compile). */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'project.update': '修改项目',
  'project.submit': '提交',
  'project.forward': '转报（主管部门转报财政或业务科室转报绩效科）',
  'project.return': '退回修改',
  'project.approve': '审核通过',
  'project.publish': '公开',
  'project.unpublish': '撤回公开',
  'project.carryOver': '以上年项目为基础编制',
  'document.import': '导入文件',
  'document.supersede': '被新导入的文件替换',
  'document.withdraw': '撤回导入',
  'department.create': '新建单位',
  'department.rename': '单位更名',
  'department.assignCode': '补填单位编码',
  'department.region': '设置单位所属区划',
  'department.parent': '设置主管部门',
  'department.section': '设置归口业务科室',
  'section.create': '新增财政业务科室',
  'section.rename': '修改财政业务科室名称',
  'section.delete': '删除财政业务科室',
  'form-template.create': '保存表样',
  'form-template.rename': '修改表样名称',
  'form-template.retire': '停用表样',
  'region.import': '导入区划',
  'region.reviewLevels': '设置审核层级',
  'region.approvalSettings': '设置审批与公开',
  'approval.issue': '批复下达',
  'adjustment.request': '申请目标调整',
  'adjustment.approve': '目标调整审核通过',
  'adjustment.return': '退回目标调整',
  'results.decide': '确定结果运用',
  'self-evaluation.save': '保存绩效自评',
  'self-evaluation.keep': '保留已公开的绩效自评结果（目标调整后待重新评分）',
  'self-evaluation.rescore-accept': '复核通过目标调整后重新评分的绩效自评',
  'submitted-self-evaluation.import': '导入单位自评表',
  'submitted-self-evaluation.conclude': '填写自评复核结论',
  'execution.save': '填报执行监控',
  'execution.delete': '删除执行监控填报',
  'ex-ante.create': '新建事前绩效评估',
  'ex-ante.save': '修改事前绩效评估',
  'ex-ante.submit': '提交事前绩效评估',
  'ex-ante.return': '退回事前绩效评估',
  'ex-ante.approve': '事前绩效评估审核通过',
  'rectification.create': '转为整改事项',
  'rectification.edit': '修改整改要求',
  'rectification.progress': '记录整改进展',
  'rectification.submit': '报告已整改',
  'rectification.confirm': '确认销号',
  'rectification.reopen': '退回继续整改',
  'rectification.withdraw': '撤销整改事项',
  'rectification.files': '上传证明材料',
  'stage.open': '开启工作阶段',
  'stage.edit': '修改工作阶段',
  'stage.close': '关闭工作阶段',
  'stage.reopen': '重新开启工作阶段',
  'stage.remind': '催办',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.passwordChange': '修改密码',
  'user.passwordReset': '重置密码',
  'user.code': '发放一次性密码',
  'user.role': '分配角色',
  'user.lock': '登录失败过多而锁定账号',
  'user.signInLimit': '登录失败过多而限制登录',
  'user.disableRequest': '申请停用安全审计员账号（待系统管理员同意）',
  'user.disableWithdraw': '撤回停用安全审计员账号的申请',
  'user.disableDecline': '不同意停用安全审计员账号',
  'user.unlock': '解除账号锁定',
  'security.policy': '修改安全策略',
  generate: '生成演示数据',
  'migration.boundsRepair': '升级时修复超出范围的金额',
};

/** Every action, in the table's order. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The actions written with a step in their name (`project.${action}` …): each step list, for the test. */
export const AUDIT_ACTION_STEPS: Readonly<Record<string, readonly string[]>> = {
  project: WORKFLOW_ACTIONS,
  'ex-ante': EX_ANTE_ACTIONS,
  rectification: [...RECTIFICATION_ACTIONS, 'create', 'edit', 'withdraw', 'files'],
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, action);
}

/** The Chinese name of an action; one this version does not know as "其他操作", never its code. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : '其他操作';
}
