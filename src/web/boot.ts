/** What the server wrote into the page (app/spa-shell.ts; shared/api/boot.ts), read by main.tsx before the first render. */
import { BOOT_ELEMENT_ID, type PageBoot } from '../shared/api/boot';
import type { SessionResponse } from './api/types';

/** The page's boot data; null on a page without it (the development server's). */
export function readBoot(): PageBoot | null {
  const text = document.getElementById(BOOT_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as PageBoot;
  } catch {
    return null;
  }
}

/** The session for AuthProvider: as GET /api/auth/session answers it (an anonymous visitor's token is asked for when needed). */
export function sessionOf(boot: PageBoot | null): SessionResponse | undefined {
  return boot ? { user: boot.user, csrfToken: boot.csrfToken ?? '' } : undefined;
}
