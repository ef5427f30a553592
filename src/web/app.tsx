/**
 * The routes of the web app, made of the page table (page-routes.ts). Pages load on demand, so the
 * public pages do not carry the editor or ECharts; the page being opened is loaded before the
 * first render (preloadPage, main.tsx), its scripts already named in the HTML by the server.
 */
import { createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes, type RouteObject } from 'react-router-dom';
import { Redirect } from './components/redirect';
import { useAuth } from './auth/auth-context';
import { AppLayout, PublicLayout, RequireAuth, RequireBusiness, RequireRole } from './components/layouts';
import { Loading } from './components/page-state';
import type { SessionUser } from './api/types';
import { PAGE_ROUTES, pageShownAt, type PageModule, type PageRoute } from '../shared/api/page-routes';
import { NotFoundPage } from './pages/not-found-page';

/** Each page module, loaded when first shown. */
const LOADERS = {
  'login-page': () => import('./pages/login-page'),
  'workbench-page': () => import('./pages/workbench-page'),
  'projects-page': () => import('./pages/projects-page'),
  'project-page': () => import('./pages/project-page'),
  'project-edit-page': () => import('./pages/project-edit-page'),
  'departments-page': () => import('./pages/departments-page'),
  'department-page': () => import('./pages/department-page'),
  'import-page': () => import('./pages/import-page'),
  'review-page': () => import('./pages/review-page'),
  'dashboard-page': () => import('./pages/dashboard-page'),
  'monitoring-page': () => import('./pages/monitoring-page'),
  'project-monitoring-page': () => import('./pages/project-monitoring-page'),
  'self-evaluation-page': () => import('./pages/self-evaluation-page'),
  'ranking-page': () => import('./pages/ranking-page'),
  'self-evaluation-review-page': () => import('./pages/self-evaluation-review-page'),
  'results-page': () => import('./pages/results-page'),
  'library-page': () => import('./pages/library-page'),
  'rectification-page': () => import('./pages/rectification-page'),
  'ex-ante-page': () => import('./pages/ex-ante-page'),
  'users-page': () => import('./pages/users-page'),
  'security-policy-page': () => import('./pages/security-policy-page'),
  'audit-page': () => import('./pages/audit-page'),
  'regions-page': () => import('./pages/regions-page'),
  'progress-page': () => import('./pages/progress-page'),
  'notifications-page': () => import('./pages/notifications-page'),
  'password-page': () => import('./pages/password-page'),
  'public-pages': () => import('./pages/public-pages'),
} satisfies Record<PageModule, () => Promise<object>>;

type Exports<M extends PageModule> = Awaited<ReturnType<(typeof LOADERS)[M]>>;
/** A compile-time check: every page the table names is a component its module exports. */
type Checked<R> = R extends { module: infer M extends PageModule; page: infer P } ? (P extends keyof Exports<M> ? true : R) : never;
const PAGES_EXIST: Checked<(typeof PAGE_ROUTES)[number]> extends true ? true : never = true;
void PAGES_EXIST;

interface Page {
  (): ReactNode;
  /** Loads the page's module; once it is in, the page draws at once (no Suspense fallback). */
  preload(): Promise<unknown>;
}

/**
 * A page's component, loaded on demand. Once its module is in (preloaded, or shown before), it is
 * drawn directly: React.lazy alone would show the fallback for a frame and then hold the page
 * back by its fallback throttle (300 ms) even when the module is already there.
 */
function page(route: PageRoute): Page {
  let loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const load = () =>
    (loading ??= LOADERS[route.module]().then((m) => {
      const component = (m as Record<string, ComponentType | undefined>)[route.page];
      if (!component) throw new Error(`${route.module} has no ${route.page}`);
      return (loaded = component);
    }));
  const Lazy = lazy(async () => ({ default: await load() }));
  const Page = (() => (loaded ? createElement(loaded) : createElement(Lazy))) as Page;
  Page.preload = load;
  return Page;
}

const PAGES = new Map<string, Page>(PAGE_ROUTES.map((r) => [r.path, page(r)]));

/** Loads the page a visitor is shown first at a path (pageShownAt): main.tsx waits for it before the first render. */
export function preloadPage(pathname: string, user: SessionUser | null): Promise<unknown> {
  const route = pageShownAt(pathname, user);
  return route ? PAGES.get(route.path)!.preload().catch(() => undefined) : Promise.resolve();
}

/** An unknown address: 404 inside the frame the visitor is in. */
function NotFoundRoute() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  return user ? <AppLayout /> : <PublicLayout />;
}

function routesOf(keep: (r: PageRoute) => boolean, wrap: (r: PageRoute, page: ReactNode) => ReactNode = (_r, p) => p) {
  return (PAGE_ROUTES as readonly PageRoute[]).filter(keep).map((r) => {
    const Page = PAGES.get(r.path)!;
    return <Route key={r.path} path={r.path} element={wrap(r, <Page />)} />;
  });
}

export function AppRoutes() {
  return (
    <Routes>
      {routesOf(
        (r) => r.access === 'anyone',
        (_r, p) => <Suspense fallback={<Loading />}>{p}</Suspense>,
      )}
      <Route element={<PublicLayout />}>{routesOf((r) => r.access === 'public')}</Route>
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route path="/" element={<Redirect to="/workbench" replace />} />
        <Route element={<RequireBusiness />}>{routesOf((r) => r.access === 'business')}</Route>
        {routesOf((r) => r.access === 'signed-in')}
        {routesOf(
          (r) => typeof r.access !== 'string',
          (r, p) => <RequireRole roles={typeof r.access === 'string' ? [] : r.access}>{p}</RequireRole>,
        )}
      </Route>
      <Route element={<NotFoundRoute />}>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The router's one route, holding the app's own <Routes>: the browser's data router (main.tsx) and the server's (server-render.tsx). */
export const APP_ROUTES: RouteObject[] = [{ path: '*', element: <AppRoutes /> }];
