/**
 * A page of the web app drawn on the server (issue 34, point 7): a public page's content, or a signed-in visitor's
 * page drawn from their own answers, is in the HTML the visitor receives, shown before any script has run; the
 * browser then takes the page over (main.tsx, hydrateRoot) from the same answers. Built by Vite as a module of its
 * own (app/web-build.ts: dist/web-render) and run by the server in a worker thread (app/page-render.ts), which hands
 * it a way to ask its own API as the visitor.
 *
 * The page is drawn with the same providers and routes as in the browser (app-root.tsx, app.tsx). What the page
 * asks the API for is learnt by drawing it: the queries its components make are answered, then it is drawn again
 * with their answers, until a drawing asks for nothing new (a few rounds at most: a page's later questions depend on
 * its first answers). antd's styles for what was drawn come with it (@ant-design/cssinjs extractStyle), so the page
 * looks right before antd's script runs (antd's documented way: the styles carry the marks its browser side reads).
 */
import './zod-config';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { dehydrate, QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom';
import { ApiError, errorOf, parseBody, toQuery, type ApiClient, type QueryValue } from './api/client';
import { APP_ROUTES, preloadPage } from './app';
import { AppRoot } from './app-root';
import { sessionOf } from './boot';
import type { PageBoot } from '../shared/api/boot';

/** An answer of the server's own API: its status and body. */
export interface ApiAnswer {
  status: number;
  body: string;
}

export interface RenderInput {
  /** The address asked for: path and query. */
  url: string;
  boot: PageBoot;
  /** A GET of the API, as the visitor would make it (same session). */
  get(pathAndQuery: string): Promise<ApiAnswer>;
}

export interface Rendered {
  /** The page's content, for inside <div id="root">. */
  html: string;
  /** antd's style elements for what was drawn, for the <head>. */
  styles: string;
  /** The answers the page was drawn with (dehydrate()), for SERVER_STATE_ELEMENT_ID. */
  state: unknown;
}

/**
 * How many times a page is drawn at most: its first questions, then those that need their answers (the monitoring
 * page asks in five rounds: the departments and years, then the year's rounds, its date, the first department's).
 */
const MAX_ROUNDS = 8;

/** An API client that asks the server's own API; a page being drawn only reads. */
function serverApi(get: RenderInput['get']): ApiClient {
  const refuse = () => Promise.reject(new ApiError(0, 'server-render', '页面尚未加载完成'));
  return {
    async get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
      // Read as the browser's client reads an answer (api/client.ts).
      const answer = await get(path + toQuery(query));
      const body = parseBody(answer.body);
      if (answer.status < 200 || answer.status >= 300) throw errorOf(answer.status, body);
      return body as T;
    },
    send: refuse,
    upload: refuse,
    session: refuse,
    setCsrfToken() {},
  };
}

/** The HTML of a tree, once everything in it has loaded (a page's code that loads on demand is waited for). */
async function drawn(tree: ReactNode): Promise<string> {
  // progressiveChunkSize: React sends a large part of the page (over 12.8 kB by default) after the rest, with a
  // script to put it in place, which the Content-Security-Policy does not run; here the page is one piece.
  const { prelude } = await prerenderToNodeStream(tree, { progressiveChunkSize: Number.POSITIVE_INFINITY });
  const chunks: Buffer[] = [];
  for await (const chunk of prelude) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The page at `input.url` drawn with its data; null when it is not a page of the app or does not settle within MAX_ROUNDS drawings. */
export async function renderPage(input: RenderInput): Promise<Rendered | null> {
  const url = new URL(input.url, 'http://jixiao.invalid');
  await preloadPage(url.pathname, input.boot.user);
  const handler = createStaticHandler(APP_ROUTES);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const api = serverApi(input.get);
  // No retries and nothing stale: each question is asked once, for this drawing.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const asked = new Set<string>();
  // One style cache for all rounds: antd makes a component's styles once, not once a round (the project list drew in
  // 338 ms with a cache per round, 252 ms with one); the styles of what only an earlier round drew (a spinner) come too.
  const cache = createCache();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const html = await drawn(
      <StrictMode>
        <StyleProvider cache={cache}>
          <AppRoot api={api} initialSession={sessionOf(input.boot)} queryClient={queryClient}>
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </AppRoot>
        </StyleProvider>
      </StrictMode>,
    );
    const waiting = queryClient
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.status === 'pending' && !asked.has(q.queryHash));
    // Code that loaded on demand while this round drew (a lazy part of the page) came as a placeholder and a
    // script to swap it in (which the Content-Security-Policy does not run): the next round has the code and draws it.
    const swapped = html.includes('<script');
    if (waiting.length === 0 && !swapped) return { html, styles: extractStyle(cache), state: dehydrate(queryClient) };
    for (const q of waiting) asked.add(q.queryHash);
    // A question the API refuses stays unanswered: the browser asks it again and shows the error as usual.
    await Promise.all(waiting.map((q) => q.fetch().catch(() => undefined)));
  }
  // Still asking, or still loading code, after MAX_ROUNDS: not a page to send as drawn.
  return null;
}
