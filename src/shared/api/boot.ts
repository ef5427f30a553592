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
