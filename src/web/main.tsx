/** The web app's entry: providers (antd in Chinese, the API client, server state, session) and the routes. */
// First: zod's setting, before any module that parses at its start is evaluated.
import './zod-config';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { ApiProvider } from './api/api-context';
import { ApiError, createApiClient, errorMessage } from './api/client';
import { AppRoutes, preloadPage } from './app';
import { AuthProvider, SESSION_KEY } from './auth/auth-context';
import { readBoot, sessionOf } from './boot';
import './styles.css';

dayjs.locale('zh-cn');

/** Mutations that show their own error (e.g. the editor's stale-version dialog) set meta.silent. */
declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean };
  }
}

/** The query client: API errors of mutations as a message; a lost session sends to the login page. */
function QueryRoot({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const [queryClient] = useState(() => {
    const onUnauthenticated = (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) void client.invalidateQueries({ queryKey: SESSION_KEY });
    };
    const client: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: onUnauthenticated }),
      mutationCache: new MutationCache({
        onError: (e, _vars, _ctx, mutation) => {
          onUnauthenticated(e);
          if (!mutation.meta?.silent) void message.error(errorMessage(e));
        },
      }),
      defaultOptions: {
        queries: {
          // A 4xx will not get better by asking again.
          retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
          refetchOnWindowFocus: false,
          staleTime: 10_000,
        },
      },
    });
    return client;
  });
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

const boot = readBoot();
const api = createApiClient();

/**
 * antd's colours with enough contrast for WCAG 2.1 AA (4.5:1 for text; checked by axe-core in the
 * browser tests): a deeper primary blue than antd's #1677ff (4.1:1 on white), a deeper red, and
 * secondary, tertiary and placeholder text no lighter than #767676. Tag colours: styles.css.
 */
const ACCESSIBLE_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // danger buttons and texts: antd's #ff4d4f is 3.3:1 on white
    colorError: '#cf1322',
  },
};

// The session the server wrote into the page (app/spa-shell.ts): no GET /api/auth/session before
// the first render. An anonymous visitor's token is asked for before their first state-changing
// request (api/client.ts), as before.
if (boot?.csrfToken) api.setCsrfToken(boot.csrfToken);
const initialSession = sessionOf(boot);

// A data router (one route holding the app's own <Routes>): it is what lets the editor ask before
// leaving a page with unsaved changes (useBlocker).
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

// The page being opened is loaded before the first render (its scripts were named in the HTML and
// are on their way already): drawn at once, with no loading frame between.
void preloadPage(window.location.pathname, boot?.user ?? null).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={ACCESSIBLE_THEME}>
        <AntApp>
          <ApiProvider client={api}>
            <QueryRoot>
              <AuthProvider initial={initialSession}>
                <RouterProvider router={router} />
              </AuthProvider>
            </QueryRoot>
          </ApiProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  ),
);
