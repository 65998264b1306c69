// What an object's stored content type may do when a browser opens it from the API's origin.
// Types a browser can run script in (HTML, XHTML, SVG, XML with XSLT, …) are "active": whatever
// their case, parameters (`;charset=…`) or a list (`image/png, text/html`: the Fetch standard takes
// the last), they are served sandboxed and as an attachment, so an upload never runs as the API.
import { isHeaderSafe } from './rules.ts';

/** Anything that mentions HTML, XML, SVG or XSL is treated as script-capable. */
const ACTIVE = /html|xml|svg|xsl/i;

export function isActiveContentType(mimetype: string): boolean {
  return ACTIVE.test(mimetype);
}

/** Sandbox for active types: no script, no plugins, no same-origin, inline styles only. */
export const SANDBOX_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * The Content-Type to send for a stored type: HTML as text/plain (as upstream), a value that
 * could not be a header (CR/LF stored before uploads refused it) as application/octet-stream.
 */
export function servedContentType(stored: string | undefined): string {
  const mimetype = stored && isHeaderSafe(stored) ? stored : 'application/octet-stream';
  return /text\/html/i.test(mimetype) ? 'text/plain' : mimetype;
}

/** A stored Cache-Control that is safe to send back, else upstream's default. */
export function servedCacheControl(stored: string | undefined): string {
  return stored && isHeaderSafe(stored) ? stored : 'no-cache';
}
