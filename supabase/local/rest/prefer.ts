// The `Prefer` header (RFC 7240) as PostgREST reads it: return, count, resolution, missing,
// handling, tx, max-affected, params. Unknown preferences are ignored unless handling=strict.
import { RestError } from './errors.ts';

export interface Preferences {
  return: 'minimal' | 'headers-only' | 'representation' | null;
  count: 'exact' | 'planned' | 'estimated' | null;
  resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
  missing: 'default' | 'null' | null;
  handling: 'strict' | 'lenient' | null;
  tx: 'commit' | 'rollback' | null;
  maxAffected: number | null;
  params: 'single-object' | null;
}

const ALLOWED: Record<string, readonly string[]> = {
  return: ['minimal', 'headers-only', 'representation'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
  tx: ['commit', 'rollback'],
  params: ['single-object'],
};

export function readPreferences(header: string | string[] | undefined): Preferences {
  const preferences: Preferences = {
    return: null,
    count: null,
    resolution: null,
    missing: null,
    handling: null,
    tx: null,
    maxAffected: null,
    params: null,
  };
  const invalid: string[] = [];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const [name = '', value = ''] = item.split('=').map((piece) => piece.trim());
    if (name === 'max-affected' && /^\d{1,15}$/.test(value)) {
      preferences.maxAffected = Number(value);
    } else if (name === 'timezone') {
      // Accepted and ignored: timestamps are answered in UTC as PostgREST does without it.
    } else if (Object.hasOwn(ALLOWED, name) && ALLOWED[name]?.includes(value)) {
      (preferences as unknown as Record<string, string>)[name] = value;
    } else {
      invalid.push(item);
    }
  }
  if (preferences.handling === 'strict' && invalid.length > 0) {
    throw new RestError(400, {
      code: 'PGRST122',
      message: 'Invalid preferences given with handling=strict',
      details: `Invalid preferences: ${invalid.join(', ')}`,
    });
  }
  return preferences;
}

/** The `Preference-Applied` header value for what was honoured. */
export function appliedPreferences(preferences: Preferences, applied: (keyof Preferences)[]): string | null {
  const names: Record<string, string> = { maxAffected: 'max-affected' };
  const parts = applied
    .filter((key) => preferences[key] !== null)
    .map((key) => `${names[key] ?? key}=${preferences[key]}`);
  return parts.length ? parts.join(', ') : null;
}
