// The resource forms of a property page: a resource type, a resource, an out-of-service period.
// The tables' constraints (resource_types_*, resources_*, resource_out_of_service_*) repeat them.
import { z } from 'zod';

export const RESOURCE_KINDS = ['room', 'table', 'space'] as const;
export const PRICING_UNITS = ['night', 'slot'] as const;

export const ResourceTypeSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Enter the type’s name, such as Double room.')
      .max(120, 'Use at most 120 characters.'),
    kind: z.enum(RESOURCE_KINDS, 'Choose room, table or space.'),
    pricing: z.enum(PRICING_UNITS, 'Choose how it is priced.'),
    description: z
      .string()
      .trim()
      .max(2000, 'Use at most 2,000 characters.')
      .transform((text) => text || null),
  })
  .refine((type) => type.kind !== 'room' || type.pricing === 'night', {
    path: ['pricing'],
    message: 'Rooms are priced per night.',
  })
  .refine((type) => type.kind !== 'table' || type.pricing === 'slot', {
    path: ['pricing'],
    message: 'Tables are priced per slot.',
  });

const guests = (label: string) => {
  const message = `Enter the ${label} number of guests, from 1 to 1000.`;
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(1, message).max(1000, message));
};

export const ResourceSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the name, such as 101 or Table 4.').max(120, 'Use at most 120 characters.'),
    resource_type_id: z.uuid('Choose a type.'),
    min_guests: guests('smallest'),
    max_guests: guests('largest'),
  })
  .refine((resource) => resource.max_guests >= resource.min_guests, {
    path: ['max_guests'],
    message: 'The largest number of guests cannot be below the smallest.',
  });

const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time.');

export const OutOfServiceSchema = z
  .object({
    resource_id: z.uuid('Choose a resource.'),
    starts: localTime,
    ends: localTime,
    reason: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .transform((text) => text || null),
  })
  .refine((period) => period.ends > period.starts, { path: ['ends'], message: 'The end must be after the start.' });
