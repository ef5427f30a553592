/** The web app's entry: the providers (app-root.tsx) and the routes, drawn into the page or taking over the one the server drew. */
// First: zod's setting, before any module that parses at its start is evaluated.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { createApiClient } from './api/client';
import { APP_ROUTES, preloadPage } from './app';
import { AppRoot } from './app-root';
import { readBoot, readServerState, sessionOf } from './boot';
import './styles.css';

const boot = readBoot();
const api = createApiClient();

// The session the server wrote into the page (app/spa-shell.ts): no GET /api/auth/session before
// the first render. An anonymous visitor's token is asked for before their first state-changing
// request (api/client.ts), as before.
if (boot?.csrfToken) api.setCsrfToken(boot.csrfToken);
const initialSession = sessionOf(boot);
// A page the server drew (app/page-render.ts): the answers it was drawn with.
const serverState = readServerState();

// A data router (one route holding the app's own <Routes>): it is what lets the editor ask before
// leaving a page with unsaved changes (useBlocker).
const router = createBrowserRouter(APP_ROUTES);

// The page being opened is loaded before the first render (its scripts were named in the HTML and
// are on their way already): drawn at once, with no loading frame between.
void preloadPage(window.location.pathname, boot?.user ?? null).then(() => {
  const root = document.getElementById('root')!;
  const app = (
    <StrictMode>
      <AppRoot api={api} initialSession={initialSession} serverState={serverState ?? undefined}>
        <RouterProvider router={router} />
      </AppRoot>
    </StrictMode>
  );
  // The server's page is taken over as it is (its content stays on screen); else drawn here.
  if (serverState && root.firstChild) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
