/**
 * Whether the person asked their system for less motion (`prefers-reduced-motion: reduce`: Windows' "show animations"
 * off, macOS' "reduce motion", a remote desktop set for speed). WCAG 2.3.3: dialogs, lists and charts then appear
 * at once instead of zooming, sliding and growing in. The server draws a page with motion (it cannot know); the
 * browser takes the person's setting on its first render and follows it when it changes.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function current(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(QUERY).matches;
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, current, () => false);
}
