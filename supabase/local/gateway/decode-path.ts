// The one path decoder of the local stack: a percent-escaped path segment decoded, or null when
// the escape is malformed (`%E0%A4%A`, `%zz`), so every service answers it as a 4xx of its own
// shape instead of letting decodeURIComponent's URIError become a 500.

/** The decoded segment, or null for a malformed percent-escape. */
export function decodePathSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
