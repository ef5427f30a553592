/** The page frames: the signed-in app (menu by role) and the public pages (no login). */
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Menu, Result, Space, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Redirect } from './redirect';
import type { Role } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { BUSINESS, PASSWORD_PATH, REVIEWING } from '../../shared/api/page-routes';
import { ROLE_LABELS } from '../lib/labels';
import { Loading } from './page-state';

/**
 * The bell loads with the signed-in frame's first use: its code (tasks, lists, cards) is not in the
 * entry, which the public pages load too (issue 34, point 7).
 */
const NotificationBell = lazy(async () => ({ default: (await import('./stage-parts')).NotificationBell }));

export const APP_TITLE = '绩效 · 预算绩效目标管理';
/** The header's title on narrow screens, where the menu needs the room. */
const APP_SHORT_TITLE = '绩效';

interface NavItem {
  key: string;
  label: string;
  path: string;
  roles: readonly Role[] | 'all';
}

/**
 * The business roles that work on monitoring, evaluation and results; a 主管部门 (supervisor) and a
 * 财政业务科室 (section) review their departments' targets and read the rest.
 */
const WORKING: readonly Role[] = ['reviewer', 'editor'];
/** What a 主管部门 (supervisor) or a 财政业务科室 (section) reads besides its review, read-only: its departments' monitoring and results (issue 32). */
const READING: readonly Role[] = ['reviewer', 'supervisor', 'section', 'editor'];

/** The menu; each entry for the roles that may use it (the server refuses the others all the same). */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'workbench', label: '工作台', path: '/workbench', roles: BUSINESS },
  { key: 'projects', label: '项目', path: '/projects', roles: BUSINESS },
  { key: 'departments', label: '部门', path: '/departments', roles: BUSINESS },
  { key: 'import', label: '导入', path: '/import', roles: WORKING },
  { key: 'library', label: '指标库', path: '/library', roles: BUSINESS },
  { key: 'monitoring', label: '监控', path: '/monitoring', roles: READING },
  { key: 'self-evaluations', label: '自评', path: '/self-evaluations', roles: WORKING },
  { key: 'self-evaluation-reviews', label: '自评复核', path: '/self-evaluation-reviews', roles: ['reviewer'] },
  { key: 'ex-ante', label: '事前评估', path: '/ex-ante', roles: WORKING },
  { key: 'rectifications', label: '整改', path: '/rectifications', roles: WORKING },
  { key: 'results', label: '结果运用', path: '/results', roles: READING },
  { key: 'review', label: '审核队列', path: '/review', roles: REVIEWING },
  { key: 'dashboard', label: '统计', path: '/dashboard', roles: ['reviewer'] },
  { key: 'users', label: '用户', path: '/admin/users', roles: ['admin', 'security'] },
  { key: 'security-policy', label: '安全策略', path: '/admin/security-policy', roles: ['security'] },
  { key: 'audit', label: '安全审计', path: '/audit', roles: ['auditor'] },
  { key: 'regions', label: '区划', path: '/admin/regions', roles: ['admin'] },
  { key: 'public', label: '公开', path: '/public', roles: 'all' },
];

/**
 * Where a role starts: the business roles at the workbench, the administrators at the accounts, the
 * auditor at the logs, an account without a role at its password (the only thing it may do).
 */
export function homePath(role: Role | undefined): string {
  if (role === 'admin' || role === 'security') return '/admin/users';
  if (role === 'unassigned') return PASSWORD_PATH;
  if (role === 'auditor') return '/audit';
  return '/workbench';
}

export function selectedKey(pathname: string): string[] {
  // A project's monitoring and self-evaluation belong to those sections, not to 项目.
  if (/^\/projects\/\d+\/monitoring$/.test(pathname)) return ['monitoring'];
  if (/^\/projects\/\d+\/self-evaluation$/.test(pathname)) return ['self-evaluations'];
  if (/^\/projects\/\d+\/ex-ante$/.test(pathname)) return ['ex-ante'];
  const item = NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  return item ? [item.key] : [];
}

/** A `?next=` target: only paths of this app, so that there is no open redirect through it. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workbench';
}

/**
 * Sends visitors without a session to the login page (and back here afterwards), and a user whose
 * password an admin set to the password page (the server refuses everything else until then).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, signedOut } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Redirect to={signedOut ? '/login' : `/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Redirect to={`${PASSWORD_PATH}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}

/**
 * The signed-in app: top bar with the menu for the user's role, user name and 退出. On a phone (below
 * 768 px, styles.css) the menu is a drawer opened by 菜单, and the corner keeps the bell, 修改密码 and
 * 退出 as icons: the bar is the screen's width (issue 58).
 */
export function AppLayout() {
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState(false);
  const entries = NAV_ITEMS.filter((i) => i.roles === 'all' || (user && i.roles.includes(user.role)));
  const items = (testPrefix: string) =>
    entries.map((i) => ({
      key: i.key,
      label: (
        <Link to={i.path} data-testid={`${testPrefix}-${i.key}`}>
          {i.label}
        </Link>
      ),
    }));
  return (
    <div>
      <header className="app-header no-print">
        <Button className="app-menu-button" type="text" icon={<MenuOutlined />} aria-label="菜单" aria-expanded={drawer} data-testid="menu-toggle" onClick={() => setDrawer(true)} />
        <Link to={homePath(user?.role)} className="app-title" data-testid="app-title" aria-label={APP_TITLE} title={APP_TITLE}>
          {APP_SHORT_TITLE}
          <span className="app-title-rest">{APP_TITLE.slice(APP_SHORT_TITLE.length)}</span>
        </Link>
        <Menu className="app-menu" mode="horizontal" selectedKeys={selectedKey(location.pathname)} items={items('nav')} data-testid="nav" />
        <Drawer
          open={drawer}
          placement="left"
          size={240}
          title={user ? `${user.displayName}（${ROLE_LABELS[user.role]}）` : '菜单'}
          onClose={() => setDrawer(false)}
          destroyOnHidden
          data-testid="menu-drawer"
        >
          <Menu mode="inline" selectedKeys={selectedKey(location.pathname)} items={items('menu')} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 'none' }} />
        </Drawer>
        {user && (
          <Space className="app-corner">
            <UserOutlined className="app-user-icon" />
            <span className="app-user-name" data-testid="current-user" title={user.displayName}>
              {user.displayName}
            </span>
            <Tag className="app-user-role" data-testid="current-role">{ROLE_LABELS[user.role]}</Tag>
            {user.departmentName && !user.displayName.includes(user.departmentName) && (
              <span className="app-user-department" title={user.departmentName}>
                {user.departmentName}
              </span>
            )}
            {BUSINESS.includes(user.role) && !user.mustChangePassword && (
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
            )}
            <Tooltip title="修改密码">
              <Button data-testid="change-password" icon={<KeyOutlined />} aria-label="修改密码" onClick={() => navigate(PASSWORD_PATH)} />
            </Tooltip>
            <Button
              data-testid="logout"
              icon={<LogoutOutlined />}
              aria-label="退出"
              onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
            >
              <span className="app-logout-text">退出</span>
            </Button>
          </Space>
        )}
      </header>
      <main className="app-content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** The public pages: a plain header with 登录 (or the way back into the app). */
export function PublicLayout() {
  const { user } = useAuth();
  return (
    <div>
      <header className="app-header no-print">
        <Link to="/public" className="app-title" data-testid="app-title">
          预算绩效目标公开
        </Link>
        <div style={{ flex: 1 }} />
        {user ? (
          <Link to="/workbench" data-testid="enter-app">
            进入管理系统
          </Link>
        ) : (
          <Link to="/login" data-testid="login-link">
            登录
          </Link>
        )}
      </header>
      <main className="app-content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** Only for the given roles; others see 没有权限. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) {
    return <Forbidden />;
  }
  return <>{children}</>;
}

/**
 * The business pages' frame (三员分立): the system administrator and the auditor are sent from the
 * workbench (where sign-in leads) to their own page, and shown 没有权限 on any other business page.
 */
export function RequireBusiness() {
  const { user } = useAuth();
  const location = useLocation();
  if (user && !BUSINESS.includes(user.role)) {
    if (location.pathname === '/workbench' || location.pathname === '/') return <Redirect to={homePath(user.role)} replace />;
    return <Forbidden />;
  }
  return <Outlet />;
}

function Forbidden() {
  const { user } = useAuth();
  const business = user === null || BUSINESS.includes(user.role);
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title="没有权限"
      subTitle={business ? '当前账号不能使用此页面。' : `${ROLE_LABELS[user.role]}不查看、不办理业务（三员分立）。`}
      extra={business ? <Link to="/projects">返回项目列表</Link> : <Link to={homePath(user.role)}>返回</Link>}
    />
  );
}
