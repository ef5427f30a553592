/**
 * Whether the person asked their system for less motion (`prefers-reduced-motion: reduce`: Windows' "show animations"
 * off, macOS' "reduce motion", a remote desktop set for speed). WCAG 2.3.3: dialogs, lists and charts then appear
 * at once instead of zooming, sliding and growing in. The server draws a page with motion (it cannot know); the
 * browser takes the person's setting on its first render and follows it when it changes.
 */
import { useSyncExternalStore } from 'react';

let list: MediaQueryList | undefined;
/** The browser's one list for the query, made on first use (none on the server). */
function query(): MediaQueryList | undefined {
  if (list === undefined && typeof window !== 'undefined' && window.matchMedia) list = window.matchMedia('(prefers-reduced-motion: reduce)');
  return list;
}

function subscribe(onChange: () => void): () => void {
  const l = query();
  l?.addEventListener('change', onChange);
  return () => l?.removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => query()?.matches ?? false, () => false);
}
