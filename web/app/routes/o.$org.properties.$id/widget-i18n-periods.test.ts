// The table service hours form's schema (decision 044) and the reservation book's hours from the
// day's service periods.
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../utils/forms.ts';
import { serviceHours } from '../o.$org_.p.$property.reservations/slot-model.ts';
import { fieldName, ServicePeriodsSchema, servicePeriodDefaults } from './service-periods.schema.ts';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  data.set('slot_minutes', '30');
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('table service hours form', () => {
  it('turns filled services into periods and skips empty ones (a closed day)', () => {
    const parsed = parseForm(
      ServicePeriodsSchema,
      form({
        [fieldName(1, 'a', 'opens')]: '12:00',
        [fieldName(1, 'a', 'last')]: '14:00',
        [fieldName(1, 'b', 'opens')]: '19:00',
        [fieldName(1, 'b', 'last')]: '21:30',
        [fieldName(5, 'b', 'opens')]: '18:00',
        [fieldName(5, 'b', 'last')]: '22:00',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: [
        { weekday: 1, opens: '12:00', last_seating: '14:00', slot_minutes: 30 },
        { weekday: 1, opens: '19:00', last_seating: '21:30', slot_minutes: 30 },
        { weekday: 5, opens: '18:00', last_seating: '22:00', slot_minutes: 30 },
      ],
    });
  });

  it('refuses a malformed time and a bad step', () => {
    const parsed = parseForm(ServicePeriodsSchema, form({ [fieldName(6, 'a', 'opens')]: '7pm', slot_minutes: '7' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.failure.fieldErrors).sort()).toEqual([fieldName(6, 'a', 'opens'), 'slot_minutes']);
  });

  it('refuses half a service, a last seating before the first and overlapping services', () => {
    const parsed = parseForm(
      ServicePeriodsSchema,
      form({
        [fieldName(2, 'a', 'opens')]: '12:00',
        [fieldName(3, 'a', 'opens')]: '15:00',
        [fieldName(3, 'a', 'last')]: '14:00',
        [fieldName(4, 'a', 'opens')]: '12:00',
        [fieldName(4, 'a', 'last')]: '15:00',
        [fieldName(4, 'b', 'opens')]: '14:30',
        [fieldName(4, 'b', 'last')]: '20:00',
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.failure.fieldErrors).toEqual({
      [fieldName(2, 'a', 'last')]: ['Tuesday, first service: enter the first and the last seating, or neither.'],
      [fieldName(3, 'a', 'last')]: ['Wednesday, first service: the last seating is before the first.'],
      [fieldName(4, 'b', 'opens')]: [
        'Thursday: the two services overlap; start the second after the first one’s last seating.',
      ],
    });
  });

  it('starts from the saved periods, else from the former 12:00–21:30 every day', () => {
    expect(servicePeriodDefaults(null).values[fieldName(7, 'a', 'last')]).toBe('21:30');
    const saved = servicePeriodDefaults([
      { weekday: 2, opens: '19:00', last_seating: '21:00', slot_minutes: 45 },
      { weekday: 2, opens: '12:00', last_seating: '13:30', slot_minutes: 45 },
    ]);
    expect(saved).toEqual({
      values: {
        [fieldName(2, 'a', 'opens')]: '12:00',
        [fieldName(2, 'a', 'last')]: '13:30',
        [fieldName(2, 'b', 'opens')]: '19:00',
        [fieldName(2, 'b', 'last')]: '21:00',
      },
      slotMinutes: '45',
    });
  });
});

describe('reservation book hours', () => {
  it('runs from the first seating to the last seating’s usual end, widened around bookings', () => {
    expect(serviceHours([], [{ opens: '18:15', last_seating: '21:00' }])).toEqual({ open: 18 * 60, close: 23 * 60 });
    expect(
      serviceHours(
        [{ start: 12 * 60, end: 13 * 60 }],
        [
          { opens: '18:00', last_seating: '22:00' },
          { opens: '13:00', last_seating: '14:00' },
        ],
      ),
    ).toEqual({ open: 12 * 60, close: 24 * 60 });
    // No service that day: the default lunch-to-late-evening view.
    expect(serviceHours([], [])).toEqual({ open: 11 * 60, close: 23 * 60 });
  });
});
