/**
 * What the server writes into the web app's page (a JSON data block, id BOOT_ELEMENT_ID): the
 * session as GET /api/auth/session answers it, so that the page needs no round trip before it
 * draws. An anonymous visitor's is { user: null, csrfToken: null } (the same for everyone: the web
 * app asks for an anonymous token before its first state-changing request). Types only.
 */
import type { SessionUser } from './auth';

export interface PageBoot {
  user: SessionUser | null;
  csrfToken: string | null;
}
export const BOOT_ELEMENT_ID = 'jixiao-boot';

/**
 * A page the server drew (app/page-render.ts): the API answers it was drawn with, as @tanstack/react-query's
 * dehydrate() gives them, in a JSON data block of this id; the web app starts from them instead of asking again.
 */
export const SERVER_STATE_ELEMENT_ID = 'jixiao-state';

/** The attribute of <html> that says the web app runs in the page (set after its first render; a page the server drew is only shown until then). */
export const APP_RUNNING_ATTRIBUTE = 'data-app-running';
