// What presence on a property's topic means to the screens, without React or a socket: the
// entry each tab tracks, everyone's entries read from the channel's state (keyed by user id,
// one meta per tab), the other people on one booking, folio or table, and the sentence saying so.

export type PresenceScreen = 'booking' | 'folio' | 'table';

/** What one tab tracks: who, and what they have open. Nothing of it is stored anywhere. */
export interface PresenceEntry {
  name: string;
  role?: string;
  screen: PresenceScreen;
  id: string;
}

export interface PresentPerson extends PresenceEntry {
  userId: string;
  /** The signed-in user (this tab, or another tab or device of theirs). */
  isMe: boolean;
}

const SCREENS = new Set<string>(['booking', 'folio', 'table']);

function isEntry(meta: unknown): meta is PresenceEntry {
  if (typeof meta !== 'object' || meta === null) return false;
  const { name, screen, id } = meta as Record<string, unknown>;
  return typeof name === 'string' && typeof id === 'string' && typeof screen === 'string' && SCREENS.has(screen);
}

/**
 * Everyone's entries from a presence state (`{ userId: metas[] }`): one per person and thing
 * open, so a person with the same booking in two tabs counts once; malformed metas are skipped.
 */
export function peopleIn(state: Record<string, readonly unknown[]>, me: string | null): PresentPerson[] {
  const people: PresentPerson[] = [];
  for (const [userId, metas] of Object.entries(state)) {
    const seen = new Set<string>();
    for (const meta of metas) {
      if (!isEntry(meta)) continue;
      const what = `${meta.screen}:${meta.id}`;
      if (seen.has(what)) continue;
      seen.add(what);
      const entry: PresentPerson = { userId, isMe: userId === me, name: meta.name, screen: meta.screen, id: meta.id };
      if (typeof meta.role === 'string') entry.role = meta.role;
      people.push(entry);
    }
  }
  return people.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** The other people (never the signed-in user) who have this very thing open, one entry each. */
export function othersOn(people: readonly PresentPerson[], screen: PresenceScreen, id: string): PresentPerson[] {
  const seen = new Set<string>();
  return people.filter((person) => {
    if (person.isMe || person.screen !== screen || person.id !== id || seen.has(person.userId)) return false;
    seen.add(person.userId);
    return true;
  });
}

const THINGS: Record<PresenceScreen, string> = { booking: 'booking', folio: 'folio', table: 'table' };
const NAMED = 3;

/**
 * "Sam Desk also has this booking open", "Sam Desk and Ana Night are also looking at this
 * booking"; past three names the rest are counted. Null when nobody else is there.
 */
export function presenceSentence(names: readonly string[], screen: PresenceScreen): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} also has this ${THINGS[screen]} open`;
  const shown = names.length > NAMED ? [...names.slice(0, NAMED - 1), `${names.length - NAMED + 1} others`] : names;
  const list = `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${list} are also looking at this ${THINGS[screen]}`;
}
