// A room type's housekeeping settings: its credits (how heavy a clean is, for balancing the day's
// tasks) and the inspector's checklist, one item per line. The table's constraints
// (housekeeping_room_types_credits_range, _checklist_size) have the last word.
import { z } from 'zod';

/** The checklist as typed: one item per line, blank lines and surrounding spaces dropped. */
export function checklistLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export const RoomTypeSettingsSchema = z.object({
  type_id: z.string().uuid('Choose a room type.'),
  credits: z
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d)?$/, 'Use a number such as 1 or 1.5.')
    .transform((value) => Number(value.replace(',', '.')))
    .refine((value) => value >= 0.5 && value <= 20, 'Use 0.5 to 20 credits.'),
  checklist: z
    .string()
    .transform(checklistLines)
    .refine((items) => items.length >= 1, 'Write at least one item, one per line.')
    .refine((items) => items.length <= 30, 'Use at most 30 items.')
    .refine((items) => items.every((item) => item.length <= 200), 'Keep each item under 200 characters.')
    .refine((items) => new Set(items).size === items.length, 'Each item once: remove the repeated line.'),
});
