// The folio's forms, checked in the browser and again in the action. Amounts are typed as
// decimals and turned into minor units in the property's currency by the action; the folio
// RPCs repeat every rule (signs, refunds not above payments, reasons, who may post).
import { z } from 'zod';

const amount = z
  .string()
  .trim()
  .regex(/^\d{1,12}([.,]\d{1,3})?$/, 'Enter an amount such as 25 or 25.50.');
const signedAmount = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}([.,]\d{1,3})?$/, 'Enter an amount such as 25.50, or -10 for a discount.');
const method = z.enum(['cash', 'card', 'external'], 'Choose how the money moved.');
const reference = z.string().trim().max(200, 'Use at most 200 characters.');

export const PaymentSchema = z.object({ amount, method, reference });
export const RefundSchema = PaymentSchema;
export const AdjustmentSchema = z.object({
  amount: signedAmount,
  reason: z
    .string()
    .trim()
    .min(1, 'Say why, such as “Minibar” or “Goodwill discount”.')
    .max(200, 'Use at most 200 characters.'),
});
