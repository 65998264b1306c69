// The widget page's server half: the key's configuration from the public widget API (GET
// /config), read once per page load, because the page's own response headers depend on it
// (frame-ancestors lists the key's allowed origins). A key the API refuses gives no config and
// the page is then framed by no one.
import type { WidgetConfig } from './api.ts';

export type ConfigAnswer = { config: WidgetConfig } | { refusal: { code: string; message: string } };

export async function readWidgetConfig(apiUrl: string, key: string, appOrigin: string): Promise<ConfigAnswer> {
  try {
    const response = await fetch(`${apiUrl.replace(/\/$/, '')}/functions/v1/widget-api/config`, {
      headers: { 'X-Roost-Widget-Key': key, Origin: appOrigin },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => null)) as
      | (WidgetConfig & { error?: { code: string; message: string } })
      | null;
    if (response.ok && body && Array.isArray(body.allowed_origins) && body.property) return { config: body };
    return {
      refusal: body?.error ?? { code: 'unavailable', message: `The widget API answered ${response.status}.` },
    };
  } catch {
    return { refusal: { code: 'unavailable', message: 'The widget API could not be reached.' } };
  }
}
