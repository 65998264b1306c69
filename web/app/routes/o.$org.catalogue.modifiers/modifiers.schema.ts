// The modifier forms: a group (its name and how many options to pick) and an option (its name
// and price delta, which may be negative). modifier_groups_* and modifier_options_* repeat each rule.
import { z } from 'zod';
import { amount, name } from '../o.$org.catalogue._index/catalogue.schema.ts';

const choices = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, message)
    .transform(Number);

export const GroupSchema = z.object({
  name: name('group'),
  required: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
  min_choices: choices('Enter a whole number from 0 to 50.'),
  max_choices: choices('Enter a whole number from 1 to 50.'),
});

export const GroupRefSchema = z.object({ group_id: z.uuid('Choose a group.') });
export const OptionRefSchema = z.object({ option_id: z.uuid('Choose an option.') });

export const optionSchema = (currency: string) =>
  z.object({
    name: name('option'),
    price_delta_minor: z.union([z.literal('').transform(() => 0), amount(currency, 'an amount', true)]),
  });
