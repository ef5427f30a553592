/** The routes of the web app. Pages load on demand, so the public pages do not carry the editor or ECharts. */
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/auth-context';
import { AppLayout, PublicLayout, RequireAuth, RequireBusiness, RequireRole } from './components/layouts';
import { PASSWORD_PATH, REVIEWING } from '../shared/api/page-routes';
import { Loading } from './components/page-state';
import { NotFoundPage } from './pages/not-found-page';

/** A page module's named export, loaded when first shown. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('./pages/login-page'), 'LoginPage');
const WorkbenchPage = page(() => import('./pages/workbench-page'), 'WorkbenchPage');
const ProjectsPage = page(() => import('./pages/projects-page'), 'ProjectsPage');
const ProjectPage = page(() => import('./pages/project-page'), 'ProjectPage');
const ProjectEditPage = page(() => import('./pages/project-edit-page'), 'ProjectEditPage');
const DepartmentsPage = page(() => import('./pages/departments-page'), 'DepartmentsPage');
const DepartmentPage = page(() => import('./pages/department-page'), 'DepartmentPage');
const ImportPage = page(() => import('./pages/import-page'), 'ImportPage');
const ReviewPage = page(() => import('./pages/review-page'), 'ReviewPage');
const DashboardPage = page(() => import('./pages/dashboard-page'), 'DashboardPage');
const MonitoringPage = page(() => import('./pages/monitoring-page'), 'MonitoringPage');
const DepartmentMonitoringPage = page(() => import('./pages/monitoring-page'), 'DepartmentMonitoringPage');
const ProjectMonitoringPage = page(() => import('./pages/project-monitoring-page'), 'ProjectMonitoringPage');
const SelfEvaluationPage = page(() => import('./pages/self-evaluation-page'), 'SelfEvaluationPage');
const RankingPage = page(() => import('./pages/ranking-page'), 'RankingPage');
const DepartmentSelfEvaluationPage = page(() => import('./pages/ranking-page'), 'DepartmentSelfEvaluationPage');
const ResultsPage = page(() => import('./pages/results-page'), 'ResultsPage');
const LibraryPage = page(() => import('./pages/library-page'), 'LibraryPage');
const RectificationListPage = page(() => import('./pages/rectification-page'), 'RectificationListPage');
const RectificationPage = page(() => import('./pages/rectification-page'), 'RectificationPage');
const ExAnteListPage = page(() => import('./pages/ex-ante-page'), 'ExAnteListPage');
const ExAnteEditPage = page(() => import('./pages/ex-ante-page'), 'ExAnteEditPage');
const UsersPage = page(() => import('./pages/users-page'), 'UsersPage');
const AuditPage = page(() => import('./pages/audit-page'), 'AuditPage');
const RegionsPage = page(() => import('./pages/regions-page'), 'RegionsPage');
const ProgressPage = page(() => import('./pages/progress-page'), 'ProgressPage');
const NotificationsPage = page(() => import('./pages/notifications-page'), 'NotificationsPage');
const PasswordPage = page(() => import('./pages/password-page'), 'PasswordPage');
const PublicHomePage = page(() => import('./pages/public-pages'), 'PublicHomePage');
const PublicDepartmentPage = page(() => import('./pages/public-pages'), 'PublicDepartmentPage');
const PublicProjectPage = page(() => import('./pages/public-pages'), 'PublicProjectPage');

/** An unknown address: 404 inside the frame the visitor is in. */
function NotFoundRoute() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  return user ? <AppLayout /> : <PublicLayout />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<Loading />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route element={<PublicLayout />}>
        <Route path="/public" element={<PublicHomePage />} />
        <Route path="/public/departments/:id" element={<PublicDepartmentPage />} />
        <Route path="/public/projects/:id" element={<PublicProjectPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route path="/" element={<Navigate to="/workbench" replace />} />
        <Route element={<RequireBusiness />}>
          <Route path="/workbench" element={<WorkbenchPage />} />
          <Route path="/projects" element={<ProjectsPage />} />
          <Route path="/projects/:id" element={<ProjectPage />} />
          <Route path="/projects/:id/edit" element={<ProjectEditPage />} />
          <Route path="/departments" element={<DepartmentsPage />} />
          <Route path="/departments/:id" element={<DepartmentPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/projects/:id/monitoring" element={<ProjectMonitoringPage />} />
          <Route path="/projects/:id/self-evaluation" element={<SelfEvaluationPage />} />
          <Route path="/library" element={<LibraryPage />} />
          <Route path="/rectifications" element={<RectificationListPage />} />
          <Route path="/rectifications/:id" element={<RectificationPage />} />
          <Route path="/ex-ante" element={<ExAnteListPage />} />
          <Route path="/projects/:id/ex-ante" element={<ExAnteEditPage />} />
          <Route path="/monitoring" element={<MonitoringPage />} />
          <Route path="/monitoring/departments/:id" element={<DepartmentMonitoringPage />} />
          <Route path="/self-evaluations" element={<RankingPage />} />
          <Route path="/self-evaluations/departments/:id" element={<DepartmentSelfEvaluationPage />} />
          <Route path="/results" element={<ResultsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
        </Route>
        <Route path={PASSWORD_PATH} element={<PasswordPage />} />
        <Route
          path="/review"
          element={
            <RequireRole roles={REVIEWING}>
              <ReviewPage />
            </RequireRole>
          }
        />
        <Route
          path="/dashboard"
          element={
            <RequireRole roles={['reviewer']}>
              <DashboardPage />
            </RequireRole>
          }
        />
        <Route
          path="/progress"
          element={
            <RequireRole roles={['reviewer']}>
              <ProgressPage />
            </RequireRole>
          }
        />
        <Route
          path="/admin/users"
          element={
            <RequireRole roles={['admin']}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="/audit"
          element={
            <RequireRole roles={['auditor']}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route
          path="/admin/regions"
          element={
            <RequireRole roles={['admin']}>
              <RegionsPage />
            </RequireRole>
          }
        />
      </Route>
      <Route element={<NotFoundRoute />}>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
