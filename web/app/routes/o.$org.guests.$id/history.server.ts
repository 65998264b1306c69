// The guest's stays and orders as the profile shows them: each in its property's time zone and
// currency, formatted on the server so the browser renders the same text.
import type { HistoryEntry } from '../../data/guests.server.ts';
import type { Property } from '../../data/properties.server.ts';
import { formatMoney } from '../../utils/money.ts';
import type { HistoryRow } from './history.tsx';
import { ORDER_STATUS_LABELS, STAY_STATUS_LABELS } from './labels.ts';

export function formatHistory(entries: HistoryEntry[], properties: Property[], locale: string): HistoryRow[] {
  const byId = new Map(properties.map((property) => [property.id, property]));
  return entries.map((entry) => {
    const property = byId.get(entry.property_id);
    const timeZone = property?.time_zone ?? 'UTC';
    const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const stay = entry.kind === 'stay';
    const guests = entry.party_size === 1 ? '1 guest' : `${entry.party_size} guests`;
    return {
      id: entry.id,
      kind: entry.kind,
      reference: entry.reference,
      property: property?.name ?? 'A property you do not work in',
      timeZone,
      when:
        stay && entry.ends_at
          ? `${when.format(new Date(entry.starts_at))} – ${when.format(new Date(entry.ends_at))}`
          : when.format(new Date(entry.starts_at)),
      detail: stay ? guests : entry.ends_at ? `Closed ${when.format(new Date(entry.ends_at))}` : '',
      status: (stay ? STAY_STATUS_LABELS : ORDER_STATUS_LABELS)[entry.status] ?? entry.status,
      amount: formatMoney(entry.total_minor, entry.currency, locale),
    };
  });
}
