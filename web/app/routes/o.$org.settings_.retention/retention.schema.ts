// The retention policies form, checked in the browser and again in the action; the table's
// constraints (retention_policies_*_range) repeat each range.
import { z } from 'zod';

export const RETENTION_RANGES = {
  id_scan_days: { min: 1, max: 365, unit: 'days' },
  inactive_guest_years: { min: 1, max: 10, unit: 'years' },
  mail_body_days: { min: 7, max: 730, unit: 'days' },
  notification_days: { min: 7, max: 730, unit: 'days' },
} as const;

function wholeNumber({ min, max, unit }: { min: number; max: number; unit: string }) {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(min, message).max(max, message));
}

export const RetentionSchema = z.object({
  id_scan_days: wholeNumber(RETENTION_RANGES.id_scan_days),
  inactive_guest_years: wholeNumber(RETENTION_RANGES.inactive_guest_years),
  mail_body_days: wholeNumber(RETENTION_RANGES.mail_body_days),
  notification_days: wholeNumber(RETENTION_RANGES.notification_days),
});
