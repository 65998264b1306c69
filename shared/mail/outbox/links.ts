// The http(s) links of a message, as a person (or a test following a confirmation link) would
// find them: href attributes of the HTML, then bare URLs of the text; in order, without repeats.
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const BARE_URL = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function extractLinks(html: string | null, text: string | null): string[] {
  const found: string[] = [];
  for (const match of (html ?? '').matchAll(HREF)) found.push(decodeEntities((match[1] ?? match[2] ?? '').trim()));
  for (const match of (text ?? '').matchAll(BARE_URL)) found.push(match[0].replace(/[.,;:!?]+$/, ''));
  return [...new Set(found.filter(isWebLink))];
}
