// The property forms (create and edit), checked in the browser and again in the action; the
// tables' constraints (properties_*, property_settings_*) repeat each rule.
import { z } from 'zod';

export const PROPERTY_KINDS = ['hotel', 'restaurant', 'venue', 'other'] as const;
export const FEE_KINDS = ['first_night', 'percentage'] as const;
export const DEPOSIT_KINDS = ['none', 'first_night', 'percentage', 'full'] as const;

/** A whole number typed into a field: required, within [min, max]. */
function wholeNumber(min: number, max: number, unit: string) {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(min, message).max(max, message));
}

export const PropertySchema = z.object({
  name: z.string().trim().min(1, 'Enter the property’s name.').max(120, 'Use at most 120 characters.'),
  kind: z.enum(PROPERTY_KINDS, 'Choose what kind of place this is.'),
  time_zone: z.string().min(1, 'Choose a time zone.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
});

const clock = (label: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter the ${label} time, such as 15:00.`);

/** A percentage typed into a field, 0 to 100 (stored as basis points). */
const percent = z
  .string()
  .trim()
  .min(1, 'Enter a percentage from 0 to 100.')
  .pipe(
    z.coerce
      .number<string>('Enter a percentage from 0 to 100.')
      .min(0, 'Enter a percentage from 0 to 100.')
      .max(100, 'Enter a percentage from 0 to 100.'),
  );

export const PropertySettingsSchema = z
  .object({
    check_in_time: clock('check-in'),
    check_out_time: clock('check-out'),
    slot_turn_minutes: wholeNumber(0, 240, 'minutes'),
    min_notice_minutes: wholeNumber(0, 60 * 24 * 30, 'minutes'),
    booking_window_days: wholeNumber(1, 1000, 'days'),
    hold_minutes: wholeNumber(1, 60 * 24 * 7, 'minutes'),
    free_cancellation_hours: wholeNumber(0, 24 * 365, 'hours'),
    cancellation_fee_kind: z.enum(FEE_KINDS, 'Choose what a late cancellation costs.'),
    cancellation_fee_percent: percent,
    // What a guest pays online when confirming through a widget (decision 034); the table
    // refuses a percentage deposit of 0 % (property_settings_deposit_percentage_positive).
    deposit_kind: z.enum(DEPOSIT_KINDS, 'Choose what guests pay online when they book.'),
    deposit_percent: percent,
  })
  .transform(({ cancellation_fee_percent, deposit_percent, ...settings }) => ({
    ...settings,
    cancellation_fee_bps: Math.round(cancellation_fee_percent * 100),
    deposit_bps: Math.round(deposit_percent * 100),
  }));
