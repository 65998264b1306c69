// The tax or fee form, checked in the browser and again in the action; property_taxes'
// constraints repeat each rule (a percentage or an amount, never both; at least one kind).
import { z } from 'zod';
import { parsePercent, parsePrice } from '../../utils/prices.ts';

export const BASES = ['percentage', 'per_unit'] as const;
export const KINDS = ['room', 'table', 'space'] as const;
/** One checkbox per kind: repeated names are not read by parseForm. */
export const KIND_FIELDS = { room: 'applies_room', table: 'applies_table', space: 'applies_space' } as const;

export function taxSchema(currency: string) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'Enter the name guests see, such as VAT or City tax.')
        .max(120, 'Use at most 120 characters.'),
      basis: z.enum(BASES, 'Choose how it is charged.'),
      rate: z.string().trim(),
      amount: z.string().trim(),
      inclusive: z.enum(['false', 'true'], 'Choose whether it is added or included.'),
      applies_room: z.literal('on').optional(),
      applies_table: z.literal('on').optional(),
      applies_space: z.literal('on').optional(),
    })
    .transform((form, context) => {
      const rate_bps = form.basis === 'percentage' ? parsePercent(form.rate) : null;
      const amount_minor = form.basis === 'per_unit' ? parsePrice(form.amount, currency) : null;
      if (form.basis === 'percentage' && rate_bps === null) {
        context.addIssue({
          code: 'custom',
          path: ['rate'],
          message: 'Enter a percentage from 0 to 100, such as 6 or 12.5.',
        });
      }
      if (form.basis === 'per_unit' && amount_minor === null) {
        context.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount such as 2 or 2.50.' });
      }
      const applies_to = KINDS.filter((kind) => form[KIND_FIELDS[kind]] === 'on');
      if (!applies_to.length) {
        context.addIssue({ code: 'custom', path: ['applies_to'], message: 'Choose at least one kind of booking.' });
      }
      return {
        name: form.name,
        basis: form.basis,
        rate_bps,
        amount_minor,
        inclusive: form.inclusive === 'true',
        applies_to,
      };
    });
}

export const TaxIdSchema = z.object({ tax_id: z.uuid('Choose a tax or fee.') });

export const TaxActiveSchema = TaxIdSchema.extend({ active: z.enum(['true', 'false']).transform((v) => v === 'true') });
