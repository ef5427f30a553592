/**
 * React Router's <Navigate>, made to redirect again on every visit of its address.
 *
 * <Navigate> navigates from an effect whose dependencies are its target. When its address is visited again while the
 * same <Navigate> is still on screen — its own navigation held back in a transition while the next page's code loads —
 * React keeps the element, the effect does not run again, and the visitor is left on an empty page at the redirecting
 * address (issue 38: the auditor sent to /workbench right after signing in stayed on a blank /workbench, 5 times in 10
 * with the browser's CPU slowed four times). Keyed by the location's entry, each visit mounts a new one.
 */
import { Navigate, useLocation, type NavigateProps } from 'react-router-dom';

export function Redirect(props: NavigateProps) {
  const location = useLocation();
  return <Navigate key={location.key} {...props} />;
}
