/**
 * The checks every change to a project makes before it writes, in one place so that the save and
 * the workflow actions refuse in the same words: the project exists and the user may see it
 * (404), it belongs to the current document (409), and the version the client saw is still the
 * stored one (409 stale-version, naming who changed it when).
 */
import type { SessionUser } from '../../../shared/api/auth';
import { assertDepartmentAccess } from '../../app/auth';
import { AppError } from '../../app/errors';
import { findProjectState, loadProjectPage, type ProjectPageRows, type ProjectState } from '../../db/project.repository';
import type { Db } from '../../db/schema';

/** "2025-03-01 16:00" in China Standard Time (UTC+8, no daylight saving) from an ISO time. */
export function formatChinaTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The project's state if the user may see it; 404 otherwise (an editor's foreign project included). */
export async function visibleProject(db: Db, user: SessionUser, projectId: number): Promise<ProjectState> {
  return visible(user, await findProjectState(db, projectId));
}

/** The project's page rows (loadProjectPage) if the user may see it; 404 as visibleProject. */
export async function visibleProjectPage(db: Db, user: SessionUser, projectId: number): Promise<ProjectPageRows> {
  const page = await loadProjectPage(db, projectId);
  visible(user, page?.state);
  return page!;
}

function visible(user: SessionUser, state: ProjectState | undefined): ProjectState {
  if (state === undefined) throw new AppError(404, 'not-found', '项目不存在');
  assertDepartmentAccess(user, state.departmentId);
  return state;
}

/** 409 unless the project belongs to the current version of its department's document. */
export function assertCurrent(state: ProjectState): void {
  if (!state.isCurrent) {
    throw new AppError(409, 'conflict', '该项目属于已被新导入版本替换的历史文档，不能修改');
  }
}

/** 409 'stale-version' naming who changed the project when, and the current version. */
export function staleVersionError(state: ProjectState, sentVersion: number): AppError {
  const who = state.updatedBy ?? '导入';
  return new AppError(
    409,
    'stale-version',
    `该项目已被“${who}”于 ${formatChinaTime(state.updatedAt)} 修改，当前版本为 ${state.version}（您编辑的是版本 ${sentVersion}）。请刷新页面查看最新内容后再操作，以免覆盖他人的修改。`,
  );
}

/** Throws staleVersionError unless the client's version is the stored one. */
export function assertVersion(state: ProjectState, sentVersion: number): void {
  if (state.version !== sentVersion) throw staleVersionError(state, sentVersion);
}
