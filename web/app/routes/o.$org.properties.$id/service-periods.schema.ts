// The table service hours form (decision 044): per weekday up to two services (lunch, dinner),
// each from its first to its last seating, and one step between seatings for the week. Empty
// services close the day. property_settings_service_periods_* repeat the rules in the database.
import { z } from 'zod';
import type { ServicePeriod } from '../../data/service-periods.server.ts';

export const WEEKDAYS = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [7, 'Sunday'],
] as const;
export const SERVICES = [
  ['a', 'First service'],
  ['b', 'Second service'],
] as const;
export const SLOT_CHOICES = ['15', '20', '30', '45', '60', '90', '120'] as const;

/** The form field of a weekday's service bound: d5_b_opens = Friday, second service, first seating. */
export const fieldName = (weekday: number, service: 'a' | 'b', bound: 'opens' | 'last') =>
  `d${weekday}_${service}_${bound}`;

const time = z
  .string()
  .trim()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d)?$/, 'Enter a time such as 18:30, or leave it empty.')
  .default('');

const fields: Record<string, typeof time> = {};
// An absent field reads as empty (a service not offered).
for (const [weekday] of WEEKDAYS)
  for (const [service] of SERVICES)
    for (const bound of ['opens', 'last'] as const) fields[fieldName(weekday, service, bound)] = time;

export const ServicePeriodsSchema = z
  .object({ ...fields, slot_minutes: z.enum(SLOT_CHOICES, 'Choose how often guests are seated.') })
  .superRefine((form, context) => {
    const value = form as Record<string, string>;
    for (const [weekday, day] of WEEKDAYS) {
      const spans: { opens: string; last: string; service: string }[] = [];
      for (const [service, label] of SERVICES) {
        const opens = value[fieldName(weekday, service, 'opens')] ?? '';
        const last = value[fieldName(weekday, service, 'last')] ?? '';
        if (!opens && !last) continue;
        if (!opens || !last) {
          const missing = fieldName(weekday, service, opens ? 'last' : 'opens');
          context.addIssue({
            code: 'custom',
            path: [missing],
            message: `${day}, ${label.toLowerCase()}: enter the first and the last seating, or neither.`,
          });
        } else if (last < opens) {
          context.addIssue({
            code: 'custom',
            path: [fieldName(weekday, service, 'last')],
            message: `${day}, ${label.toLowerCase()}: the last seating is before the first.`,
          });
        } else spans.push({ opens, last, service });
      }
      const [first, second] = spans;
      if (first && second && first.opens <= second.last && second.opens <= first.last) {
        context.addIssue({
          code: 'custom',
          path: [fieldName(weekday, 'b', 'opens')],
          message: `${day}: the two services overlap; start the second after the first one’s last seating.`,
        });
      }
    }
  })
  .transform((form): ServicePeriod[] => {
    const value = form as Record<string, string>;
    const periods: ServicePeriod[] = [];
    for (const [weekday] of WEEKDAYS)
      for (const [service] of SERVICES) {
        const opens = value[fieldName(weekday, service, 'opens')];
        const last = value[fieldName(weekday, service, 'last')];
        if (opens && last)
          periods.push({ weekday, opens, last_seating: last, slot_minutes: Number(form.slot_minutes) });
      }
    return periods;
  });

/** The form's starting values: the saved periods (earliest two a day), else the former fixed hours. */
export function servicePeriodDefaults(periods: ServicePeriod[] | null): {
  values: Record<string, string>;
  slotMinutes: string;
} {
  const shown =
    periods ?? WEEKDAYS.map(([weekday]) => ({ weekday, opens: '12:00', last_seating: '21:30', slot_minutes: 30 }));
  const values: Record<string, string> = {};
  for (const [weekday] of WEEKDAYS) {
    const day = shown.filter((period) => period.weekday === weekday).sort((a, b) => a.opens.localeCompare(b.opens));
    day.slice(0, 2).forEach((period, index) => {
      const service = index === 0 ? 'a' : 'b';
      values[fieldName(weekday, service, 'opens')] = period.opens;
      values[fieldName(weekday, service, 'last')] = period.last_seating;
    });
  }
  const step = String(shown[0]?.slot_minutes ?? 30);
  return { values, slotMinutes: (SLOT_CHOICES as readonly string[]).includes(step) ? step : '30' };
}
