// DNS rebinding guard for the local-only servers (the mailbox): a page on evil.example whose name
// is re-pointed at 127.0.0.1 reaches a loopback server as a same-origin request, but its `Host`
// header still says evil.example. Answering only loopback host names closes that door.
// (The API gateway does not need it: it is CORS-open by design and authority travels in keys.)

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a `Host` header names this machine's loopback (any port): localhost, 127.0.0.1, [::1]. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::\d{1,5})?$/i.exec(host.trim());
  const name = match?.[1]?.toLowerCase().replace(/\.$/, '');
  return name !== undefined && LOOPBACK_NAMES.has(name);
}
