// The housekeeping board's forms, checked in the browser and again in the action; the database
// decides the rest (transitions, who may act, balancing: migration 20261206160500).
import { z } from 'zod';
import { type FieldErrors, formFields, type Parsed } from '../../utils/forms.ts';

const uuid = z.string().uuid('Choose a task.');
const notes = z.string().trim().max(2000, 'Use at most 2000 characters.');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const GenerateSchema = z.object({
  day: z.string().regex(DAY, 'Choose a day.'),
  attendant: z.array(z.string().uuid()).min(1, 'Choose at least one attendant on shift.').max(200),
});

export const TaskSchema = z.object({ task_id: uuid });

export const FinishSchema = z.object({ task_id: uuid, notes });

export const AssignSchema = z.object({
  task_id: uuid,
  // Empty: nobody (the unassigned column).
  assignee_id: z.union([z.literal(''), z.string().uuid('Choose an attendant.')]),
  position: z.union([z.literal(''), z.coerce.number().int().min(0).max(10_000)]).optional(),
});

const checklistItems = z.array(z.string().trim().min(1).max(200)).max(30);

/** `item`: the room type's checklist; `checked`: the items the inspector ticked as done. */
export const InspectSchema = z.object({
  task_id: uuid,
  result: z.enum(['pass', 'fail'], { message: 'Pass or fail the room.' }),
  notes,
  item: checklistItems,
  checked: checklistItems,
});

/** The migration's default checklist, for room types without their own. */
export const DEFAULT_CHECKLIST = [
  'Bed made',
  'Bathroom clean',
  'Floor vacuumed',
  'Amenities restocked',
  'Towels replaced',
];

export const LostItemSchema = z.object({
  task_id: uuid,
  description: z.string().trim().min(1, 'Say what was found.').max(500, 'Use at most 500 characters.'),
});

export const RoomStatusSchema = z.object({
  resource_id: z.string().uuid('Choose a room.'),
  status: z.enum(['clean', 'dirty', 'inspected', 'out_of_order'], { message: 'Choose a status.' }),
  note: z.string().trim().max(1000, 'Use at most 1000 characters.'),
});

/** The day the board shows: ?day= when it is a date, else today. */
export function boardDay(search: URLSearchParams, today: string): string {
  const day = search.get('day') ?? '';
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? day : today;
}

/** parseForm for forms with repeated fields (checkbox lists), read as arrays. */
export function parseWithLists<S extends z.ZodType>(schema: S, form: FormData, lists: string[]): Parsed<z.infer<S>> {
  const fields: Record<string, unknown> = formFields(form);
  for (const name of lists) fields[name] = form.getAll(name).filter((value) => typeof value === 'string');
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, failure: { fieldErrors } };
}
