// Route templates for metric labels and log lines: ids (UUIDs, numbers) and segments that are not
// plain names become `:id`, and only the first `maxSegments` segments are kept (`/*` marks the
// rest), so labels name routes rather than rows. Callers also cap how many distinct templates
// they keep (createRouteLabels), so invented paths cannot grow a label set without bound.

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;
const NAME_SEGMENT = /^[A-Za-z_$][A-Za-z0-9_.$-]{0,62}$/;

/** `/object/public/avatars/9f…/a.png` → `/object/public/avatars/*`; `/rpc/create_job` stays. */
export function routeTemplate(path: string, maxSegments = 3): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const kept = segments
    .slice(0, maxSegments)
    .map((segment) => (ID_SEGMENT.test(segment) || !NAME_SEGMENT.test(segment) ? ':id' : segment));
  return `/${kept.join('/')}${segments.length > maxSegments ? '/*' : ''}`;
}

/** Keeps at most `max` distinct labels; later new ones are counted as `other`. */
export function createRouteLabels(max = 500): (label: string) => string {
  const seen = new Set<string>();
  return (label) => {
    if (seen.has(label)) return label;
    if (seen.size >= max) return 'other';
    seen.add(label);
    return label;
  };
}
