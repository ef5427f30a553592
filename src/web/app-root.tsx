/**
 * The providers every page is drawn in — antd in Chinese with the app's theme, the API client, server state, the
 * session — shared by the browser's entry (main.tsx) and the server's drawing of a page (server-render.tsx), so that
 * the page the server sends and the one the browser takes over are the same tree.
 */
import { HydrationBoundary, MutationCache, QueryCache, QueryClient, QueryClientProvider, type DehydratedState } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiProvider } from './api/api-context';
import { ApiError, errorMessage, type ApiClient } from './api/client';
import type { SessionResponse } from './api/types';
import { AuthProvider, SESSION_KEY } from './auth/auth-context';
import { usePrefersReducedMotion } from './lib/reduced-motion';
import { APP_RUNNING_ATTRIBUTE } from '../shared/api/boot';

dayjs.locale('zh-cn');

/** Mutations that show their own error (e.g. the editor's stale-version dialog) set meta.silent. */
declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean };
  }
}

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
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
};

/**
 * The browser's query client: API errors of mutations as a message; a lost session sends to the login page.
 * `client` (the server's drawing): a client made by the caller, its queries already answered.
 */
function QueryRoot({ children, client: given }: { children: ReactNode; client?: QueryClient | undefined }) {
  const { message } = AntApp.useApp();
  const [queryClient] = useState(() => {
    if (given) return given;
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

export interface AppRootProps {
  api: ApiClient;
  /** The session the server wrote into the page; without it, it is asked for. */
  initialSession: SessionResponse | undefined;
  /** The answers the server drew the page with (server-render.tsx): the browser starts from them. */
  serverState?: DehydratedState | undefined;
  /** The server's own query client. */
  queryClient?: QueryClient | undefined;
  children: ReactNode;
}

export function AppRoot({ api, initialSession, serverState, queryClient, children }: AppRootProps) {
  // After the first render in the browser (never on the server): from here on, the page's controls work.
  useEffect(() => document.documentElement.setAttribute(APP_RUNNING_ATTRIBUTE, ''), []);
  const reducedMotion = usePrefersReducedMotion();
  // antd's `motion: false`: no zoom, slide or fade — dialogs, lists, drawers and messages appear and go at once
  const theme = useMemo(() => (reducedMotion ? { ...ACCESSIBLE_THEME, token: { ...ACCESSIBLE_THEME.token, motion: false } } : ACCESSIBLE_THEME), [reducedMotion]);
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={theme}>
      <AntApp>
        <ApiProvider client={api}>
          <QueryRoot client={queryClient}>
            <HydrationBoundary state={serverState}>
              <AuthProvider initial={initialSession}>{children}</AuthProvider>
            </HydrationBoundary>
          </QueryRoot>
        </ApiProvider>
      </AntApp>
    </ConfigProvider>
  );
}
