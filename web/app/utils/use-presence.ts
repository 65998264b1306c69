// Who else has a booking, folio or table open: presence on the property's private Realtime topic
// `property:<id>` (RLS on realtime.messages lets only those who work at the property join, and
// only staff and up track), keyed by the signed-in user's id so two tabs of one person are one
// key. Nothing is stored: an entry lives as long as the tab that tracks it is connected.
//
// supabase-js keeps one channel per topic per client, and a socket may join a topic once, so
// every screen of this tab shares one channel per property here: hooks enter and leave a "room"
// that joins when the first enters and leaves a little after the last one went (a move from a
// booking to its folio keeps the channel). Each tab tracks one entry, what it shows last.
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useEffect, useMemo, useState } from 'react';
import { othersOn, type PresenceEntry, type PresenceScreen, type PresentPerson, peopleIn } from './presence.ts';
import { browserSupabase } from './supabase.client.ts';

export type { PresenceEntry, PresenceScreen, PresentPerson } from './presence.ts';

/** How long a room outlives its last screen, so a navigation between two screens keeps it. */
const LINGER_MS = 3000;
const NOBODY: PresentPerson[] = [];

type Listener = (people: PresentPerson[]) => void;

interface Room {
  propertyId: string;
  listeners: Set<Listener>;
  /** What this tab's screens have open, latest last: the last one is tracked. */
  open: { token: symbol; entry: PresenceEntry }[];
  channel: RealtimeChannel | null;
  joined: boolean;
  tracked: PresenceEntry | null;
  people: PresentPerson[];
  closing: ReturnType<typeof setTimeout> | undefined;
  gone: boolean;
}

const rooms = new Map<string, Room>();
/** A channel being left: the next join of that topic waits for it (supabase-js drops by topic). */
const leaving = new Map<string, Promise<unknown>>();

/** The user id (`sub`) of the token Realtime holds, or null without a user's token. */
function userIdOf(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    return typeof claims.sub === 'string' && claims.is_anonymous !== true ? claims.sub : null;
  } catch {
    return null;
  }
}

function roomFor(propertyId: string): Room {
  const existing = rooms.get(propertyId);
  if (existing) {
    clearTimeout(existing.closing);
    existing.closing = undefined;
    return existing;
  }
  const room: Room = {
    propertyId,
    listeners: new Set(),
    open: [],
    channel: null,
    joined: false,
    tracked: null,
    people: NOBODY,
    closing: undefined,
    gone: false,
  };
  rooms.set(propertyId, room);
  void connect(room);
  return room;
}

async function connect(room: Room): Promise<void> {
  const supabase = browserSupabase();
  await leaving.get(room.propertyId);
  // The client reads its session from the cookies asynchronously: join with the user's token,
  // never as anon (RLS would refuse, and the key would be nobody's).
  await supabase.realtime.setAuth().catch(() => undefined);
  const me = userIdOf(supabase.realtime.accessTokenValue);
  if (room.gone || !me) return;
  const channel = supabase.channel(`property:${room.propertyId}`, {
    config: { private: true, presence: { key: me } },
  });
  room.channel = channel;
  channel
    .on('presence', { event: 'sync' }, () => {
      room.people = peopleIn(channel.presenceState(), me);
      for (const listener of room.listeners) listener(room.people);
    })
    .subscribe((status) => {
      // A rejoin after a drop starts with nothing tracked: track again.
      room.joined = status === 'SUBSCRIBED';
      room.tracked = null;
      if (room.joined) return retrack(room);
      // Dropped or refused: say nobody rather than show who was there before.
      room.people = NOBODY;
      for (const listener of room.listeners) listener(room.people);
    });
}

/** Tracks what this tab shows last, or untracks when it shows nothing any more. */
function retrack(room: Room): void {
  const { channel } = room;
  if (!channel || !room.joined) return;
  const entry = room.open.at(-1)?.entry ?? null;
  const same = entry && room.tracked && JSON.stringify(entry) === JSON.stringify(room.tracked);
  if (same || (!entry && !room.tracked)) return;
  room.tracked = entry;
  // A refusal (a viewer may watch but not track) or a drop leaves nothing to do here.
  void (entry ? channel.track(entry) : channel.untrack()).catch(() => undefined);
}

function release(room: Room): void {
  if (room.listeners.size > 0 || room.open.length > 0 || room.closing) return;
  room.closing = setTimeout(() => {
    room.gone = true;
    rooms.delete(room.propertyId);
    const { channel } = room;
    if (!channel) return;
    const removal = browserSupabase()
      .removeChannel(channel)
      .catch(() => undefined)
      .finally(() => {
        if (leaving.get(room.propertyId) === removal) leaving.delete(room.propertyId);
      });
    leaving.set(room.propertyId, removal);
  }, LINGER_MS);
}

/**
 * Everyone's entries on the property's topic (the signed-in user's too, marked `isMe`), one per
 * person and thing open: for screens that show who has which table or booking open.
 */
export function usePropertyPresence(propertyId: string): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>(NOBODY);
  useEffect(() => {
    const room = roomFor(propertyId);
    room.listeners.add(setPeople);
    setPeople(room.people);
    return () => {
      room.listeners.delete(setPeople);
      setPeople(NOBODY);
      release(room);
    };
  }, [propertyId]);
  return people;
}

interface Options {
  propertyId: string;
  screen: PresenceScreen;
  /** The booking's, folio's or table's id; null while the screen has none open (nothing tracked). */
  id: string | null;
  /** The signed-in user's name as co-workers should read it (from the loader). */
  name: string;
  role?: string;
}

/**
 * Tracks that this tab shows one booking, folio or table, and returns the other people (never
 * the signed-in user; one entry per person whatever their tabs) who have it open too.
 */
export function usePresence({ propertyId, screen, id, name, role }: Options): PresentPerson[] {
  const everyone = usePropertyPresence(propertyId);
  useEffect(() => {
    if (id === null) return;
    const room = roomFor(propertyId);
    const token = Symbol(id);
    const entry: PresenceEntry = role ? { name, role, screen, id } : { name, screen, id };
    room.open.push({ token, entry });
    retrack(room);
    return () => {
      room.open = room.open.filter((opened) => opened.token !== token);
      // Leaving the screen is seen by the others at once, not when the channel goes.
      retrack(room);
      release(room);
    };
  }, [propertyId, screen, id, name, role]);
  return useMemo(() => (id === null ? NOBODY : othersOn(everyone, screen, id)), [everyone, screen, id]);
}
