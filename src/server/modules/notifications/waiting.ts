/**
 * Every action that waits for someone reaches them (issue 58): the accounts whose turn it is get a
 * 待办 notification — a project submitted or forwarded to their level, a project returned to its unit,
 * a 目标调整 request to decide, an ex-ante assessment to review, a 整改 reported done to confirm, a new
 * or sent-back 整改 item for its unit — and the account that asked is told the outcome (结果: an
 * adjustment or an assessment decided, an item closed). Written in the transaction of the change,
 * through the one Notifier (stages/notifier.ts: in-app only). The same things are listed on each
 * account's 工作台.
 */
import type { NotificationKind } from '../../../shared/api/stages';
import type { ProjectStatus } from '../../../shared/domain/workflow';
import { reviewerAccountsFor, sectionAccountsFor, type NewNotification } from '../../db/notification.repository';
import type { Db } from '../../db/schema';
import { recipientsOf } from '../../db/stage.repository';
import { inAppNotifier } from '../stages/notifier';

/** What to tell: its title and text, and where the work is done. */
export interface Notice {
  kind: Extract<NotificationKind, 'task' | 'result'>;
  title: string;
  body: string;
  link: string;
}

/** Who a notice goes to, for a department's matter. */
export type Audience = 'unit' | 'supervisor' | 'section' | 'reviewers';

async function accountsOf(db: Db, departmentId: number, audience: Audience): Promise<number[]> {
  switch (audience) {
    case 'reviewers':
      return reviewerAccountsFor(db, departmentId);
    case 'section':
      return sectionAccountsFor(db, departmentId);
    case 'unit':
    case 'supervisor': {
      // recipientsOf: the department's editors, then its 主管部门's supervisors
      const all = (await recipientsOf(db, [departmentId])).get(departmentId) ?? [];
      const editors = new Set(
        (await db.selectFrom('appUser').select('id').where('role', '=', 'editor').where('departmentId', '=', departmentId).execute()).map((u) => u.id),
      );
      return all.filter((id) => (audience === 'unit' ? editors.has(id) : !editors.has(id)));
    }
  }
}

/** Delivers a notice about a department's matter to its audience, now. Returns how many accounts got it. */
export async function notify(db: Db, departmentId: number, audience: Audience, notice: Notice, at: string): Promise<number> {
  const accounts = await accountsOf(db, departmentId, audience);
  const rows: NewNotification[] = accounts.map((userId) => ({ userId, ...notice, stageId: null, departmentId, dedupeKey: null, createdAt: at }));
  return rows.length === 0 ? 0 : inAppNotifier.deliver(db, rows);
}

/** Who a project's new status waits for, and what to tell them (null: nobody waits on it). */
export function projectWaitsFor(
  project: { id: number; name: string; departmentName: string },
  status: ProjectStatus,
  comment: string | null,
): { audience: Audience; notice: Notice } | null {
  const link = `/projects/${project.id}`;
  const what = `“${project.name}”（${project.departmentName}）`;
  switch (status) {
    case 'unit_submitted':
      return { audience: 'supervisor', notice: { kind: 'task', title: `待主管部门审核：${project.name}`, body: `所属单位提交了项目${what}，请审核后转报财政或退回。`, link } };
    case 'section_submitted':
      return { audience: 'section', notice: { kind: 'task', title: `待业务科室审核：${project.name}`, body: `项目${what}已报送业务科室，请审核后转报绩效科或退回。`, link } };
    case 'submitted':
      return { audience: 'reviewers', notice: { kind: 'task', title: `待审核：${project.name}`, body: `项目${what}已报财政局绩效科审核。`, link } };
    case 'returned':
      return { audience: 'unit', notice: { kind: 'task', title: `项目被退回：${project.name}`, body: `项目${what}被退回修改${comment ? `，意见：${comment}` : '，请查看表中批注'}。`, link: `${link}/edit` } };
    default:
      return null;
  }
}
