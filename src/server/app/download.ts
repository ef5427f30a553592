/**
 * The Content-Disposition of every download (issue 35, point 3): an attachment with the file's
 * own (Chinese) name in `filename*` (RFC 6266 with RFC 5987's encoding) and an ASCII fallback in
 * `filename`. RFC 5987's attr-char admits only letters, digits and !#$&+-.^_`|~: everything else
 * is percent-encoded, including the ' ( ) * that encodeURIComponent leaves as they are (and !,
 * harmless to encode) — Chromium drops a `filename*` holding a raw ' and saves the download under
 * the fallback, or the URL's last segment, without its extension.
 */

/** Percent-encodes a value for an RFC 5987 ext-value (UTF-8''…). */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A Content-Disposition header for a download with a Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
