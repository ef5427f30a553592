/**
 * Every page of the web app a role may open (shared/api/page-routes.ts), each address with ids of the demo's
 * data that account may see: the page scan and the phone's walk (issue 58).
 */
import { mayOpen, PAGE_ROUTES, type PageRoute } from '../../src/shared/api/page-routes';
import type { Role } from '../../src/shared/domain/duties';
import type { E2e } from './harness';

/** The demo accounts that walk the app, one per role (the public: no account): the page scan, the walk of every role (issue 71). */
export const DEMO_ACCOUNTS: readonly { role: Role | null; username: string | null }[] = [
  { role: 'editor', username: 'dept-763002' },
  { role: 'supervisor', username: 'supervisor-763001' },
  { role: 'section', username: 'section-lunan-shbz' },
  { role: 'reviewer', username: 'reviewer' },
  { role: 'admin', username: 'admin' },
  { role: 'security', username: 'secadmin' },
  { role: 'auditor', username: 'auditor' },
  { role: null, username: null },
];

/** Ids of the demo's data for the addresses' parameters, as the account may open them. */
export async function pageAddresses(e: E2e, role: Role | null, username: string | null): Promise<string[]> {
  const login = username === null ? undefined : e.demoLogins.find((l) => l.username === username);
  const department = login?.departmentName ? await e.db.selectFrom('department').select('id').where('name', '=', login.departmentName).executeTakeFirst() : undefined;
  const projects = await e.db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .select(['p.id', 'p.status', 'd.departmentId'])
    .where('d.isCurrent', '=', 1)
    .orderBy('p.id')
    .execute();
  const own = role === 'editor' ? projects.filter((p) => p.departmentId === department?.id) : projects;
  const monitored = own.find((p) => ['approved', 'issued', 'published'].includes(p.status)) ?? own[0]!;
  const editable = own.find((p) => p.status === 'draft' || p.status === 'returned') ?? monitored;
  const published = projects.find((p) => p.status === 'published')!;
  const rectification = await e.db.selectFrom('rectificationItem').select('id').where('departmentId', '=', monitored.departmentId!).orderBy('id').executeTakeFirst();
  const ids: Record<string, Record<string, number>> = {
    '/projects/:id': { id: monitored.id },
    '/projects/:id/edit': { id: editable.id },
    '/projects/:id/monitoring': { id: monitored.id },
    '/projects/:id/self-evaluation': { id: monitored.id },
    '/projects/:id/ex-ante': { id: monitored.id },
    '/departments/:id': { id: monitored.departmentId! },
    '/monitoring/departments/:id': { id: monitored.departmentId! },
    '/self-evaluations/departments/:id': { id: monitored.departmentId! },
    '/rectifications/:id': { id: rectification?.id ?? 0 },
    '/public/departments/:id': { id: published.departmentId! },
    '/public/projects/:id': { id: published.id },
  };
  const routes = (PAGE_ROUTES as readonly PageRoute[]).filter((r) => r.path !== '/login' && mayOpen(r.access, role) && (role === null ? r.access === 'public' : true));
  return routes
    .filter((r) => !(r.path === '/rectifications/:id' && rectification === undefined))
    .map((r) => r.path.replace(/:(\w+)/g, (_, k: string) => String(ids[r.path]?.[k] ?? '')));
}

/**
 * Waits until a page opened shows its own content, its data come (no spinner, no 加载中) and nothing
 * changes any more: axe.ts's check, the same DOM over two looks, never a fixed wait.
 */
export { pageSettled as pageReady } from './axe';
