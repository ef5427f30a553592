/** What the server wrote into the page (app/spa-shell.ts; shared/api/boot.ts), read by main.tsx before the first render. */
import type { DehydratedState } from '@tanstack/react-query';
import { BOOT_ELEMENT_ID, SERVER_STATE_ELEMENT_ID, type PageBoot } from '../shared/api/boot';
import type { SessionResponse } from './api/types';

/** A JSON data block of the page; null when missing or not JSON. */
function readBlock<T>(id: string): T | null {
  const text = document.getElementById(id)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The page's boot data; null on a page without it (the development server's). */
export function readBoot(): PageBoot | null {
  return readBlock<PageBoot>(BOOT_ELEMENT_ID);
}

/** The answers a page the server drew was drawn with; null on a page the browser draws. */
export function readServerState(): DehydratedState | null {
  return readBlock<DehydratedState>(SERVER_STATE_ELEMENT_ID);
}

/** The session for AuthProvider: as GET /api/auth/session answers it (an anonymous visitor's token is asked for when needed). */
export function sessionOf(boot: PageBoot | null): SessionResponse | undefined {
  return boot ? { user: boot.user, csrfToken: boot.csrfToken ?? '' } : undefined;
}
