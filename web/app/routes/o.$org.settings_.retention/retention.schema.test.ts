import { describe, expect, it } from 'vitest';
import { parseForm } from '../../utils/forms.ts';
import { RetentionSchema } from './retention.schema.ts';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
};
const valid = { id_scan_days: '30', inactive_guest_years: '3', mail_body_days: '90', notification_days: '180' };

describe('the retention form', () => {
  it('takes whole numbers within each range', () => {
    expect(parseForm(RetentionSchema, form(valid))).toEqual({
      ok: true,
      value: { id_scan_days: 30, inactive_guest_years: 3, mail_body_days: 90, notification_days: 180 },
    });
  });

  it('refuses values out of range, fractions and blanks with a message on the field', () => {
    const parsed = parseForm(
      RetentionSchema,
      form({ ...valid, id_scan_days: '0', inactive_guest_years: '2.5', mail_body_days: '', notification_days: '731' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.failure.fieldErrors.id_scan_days).toEqual(['Enter a whole number of days from 1 to 365.']);
    expect(parsed.failure.fieldErrors.inactive_guest_years).toEqual(['Enter a whole number of years from 1 to 10.']);
    expect(parsed.failure.fieldErrors.mail_body_days).toEqual(['Enter a whole number of days from 7 to 730.']);
    expect(parsed.failure.fieldErrors.notification_days).toEqual(['Enter a whole number of days from 7 to 730.']);
  });
});
