// The no-show model's reasons (gpu-worker/src/noshow/model.ts, riskReasons) in a front desk's
// words: each feature that raised a booking's risk, said the way it differs from the usual booking.

export interface RiskReason {
  feature: string;
  contribution: number;
  direction: 'higher' | 'lower';
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const WORDS: Record<string, { higher: string; lower: string }> = {
  log_lead_days: { higher: 'booked long in advance', lower: 'booked at short notice' },
  log_nights: { higher: 'a long stay', lower: 'a short stay' },
  party_size: { higher: 'a large party', lower: 'a small party' },
  source_staff: { higher: 'booked by staff', lower: 'not booked by staff' },
  source_widget: { higher: 'booked online', lower: 'not booked online' },
  source_api: { higher: 'booked through a channel', lower: 'not booked through a channel' },
  has_guest: { higher: 'has a guest profile', lower: 'no guest profile' },
  log_previous_stays: { higher: 'many earlier stays', lower: 'few or no earlier stays' },
  log_previous_no_shows: { higher: 'failed to show before', lower: 'no earlier no-shows' },
  previous_no_show_rate: { higher: 'often fails to show', lower: 'rarely fails to show' },
  log_total: { higher: 'a high booking value', lower: 'a low booking value' },
  deposit_paid: { higher: 'deposit paid', lower: 'no deposit paid' },
};

export function describeReason(reason: RiskReason): string {
  const weekday = WEEKDAYS.indexOf(reason.feature);
  if (weekday >= 0) {
    const name = reason.feature.charAt(0).toUpperCase() + reason.feature.slice(1);
    return reason.direction === 'higher' ? `arrives on a ${name}` : `not arriving on a ${name}`;
  }
  return WORDS[reason.feature]?.[reason.direction] ?? reason.feature.replaceAll('_', ' ');
}

/** Reasons read back from the database: only well-formed ones, largest share first. */
export function parseReasons(value: unknown): RiskReason[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (item): item is RiskReason =>
        typeof item === 'object' &&
        item !== null &&
        typeof item.feature === 'string' &&
        typeof item.contribution === 'number' &&
        (item.direction === 'higher' || item.direction === 'lower'),
    )
    .sort((a, b) => b.contribution - a.contribution);
}
