// The frame every Roost email shares: a plain, table-free layout that mail clients render alike.
import { escapeHtml } from '../html.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  template: string;
}

/** `body` is HTML the template built from escaped values. */
export function renderLayout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5}
.button{display:inline-block;padding:10px 18px;background:#1f4f7a;color:#fff;border-radius:6px;text-decoration:none}
.small{color:#666;font-size:13px}</style></head>
<body><div style="max-width:560px;margin:0 auto;padding:24px">
${body}
<p class="small">Roost</p>
</div></body></html>`;
}
