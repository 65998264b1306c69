// Wall-clock times in a named time zone as instants, with Intl only (no time-zone library):
// a property's local times and an organization's calendar days become UTC for the database.

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) happens in `timeZone`. The offset is read
 * twice: once at the wall time taken as UTC, then at the instant that gives, which settles it
 * across a daylight-saving change.
 */
export function zonedToInstant(local: string, timeZone: string): Date {
  const asUtc = Date.parse(`${local}:00Z`);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone));
}

/** The instant a calendar day (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDay(date: string, timeZone: string): Date {
  return zonedToInstant(`${date}T00:00`, timeZone);
}
