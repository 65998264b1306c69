// A whole POS order as the tablet builds it and sends it (now, or later from its offline queue):
// checked in the browser before it is queued and again by the submit route. The database checks
// every rule again (modifiers, stock, the table or stay); this only keeps the shape sane.
import { z } from 'zod';

const id = z.uuid('Not a valid id.');

export const PosLineSchema = z.object({
  item_id: id,
  quantity: z.number().int().min(1, 'Quantity must be 1 to 999.').max(999, 'Quantity must be 1 to 999.'),
  option_ids: z.array(id).max(50),
  note: z.string().trim().max(200, 'A note has at most 200 characters.').nullable(),
  seat: z.number().int().min(1).max(99).nullable(),
  course: z.number().int().min(1).max(9).nullable(),
});

export const POS_TARGETS = ['table', 'room', 'takeaway'] as const;

export const PosOrderSchema = z
  .object({
    idempotency_key: z.string().min(8).max(200),
    /** The open check this round goes onto; absent or null: a new order. */
    order_id: id.nullable().optional(),
    kind: z.enum(POS_TARGETS),
    table_resource_id: id.nullable(),
    booking_id: id.nullable(),
    guest_name: z.string().trim().max(120, 'A name has at most 120 characters.').nullable(),
    lines: z.array(PosLineSchema).min(1, 'Add at least one item.').max(100, 'At most 100 lines per order.'),
  })
  .refine((order) => order.kind !== 'table' || order.table_resource_id !== null, {
    message: 'Choose the table.',
    path: ['table_resource_id'],
  })
  .refine((order) => order.kind !== 'room' || order.booking_id !== null, {
    message: 'Choose the guest’s stay.',
    path: ['booking_id'],
  });

export type PosLine = z.infer<typeof PosLineSchema>;
export type PosOrder = z.infer<typeof PosOrderSchema>;

/** What the submit route answers: the order (new or the one the key already made), or why not. */
export type SubmitAnswer =
  | { ok: true; order: { id: string; status: string; total_minor: number } }
  | { ok: false; message: string; code: string };

/** The open-orders panel's buttons: one intent and the order it acts on. */
export const OrderActionSchema = z.object({
  intent: z.enum(['served', 'close', 'charge_room', 'charge_tab', 'request_bill', 'split', 'settle']),
  order_id: id,
});

export const PAYMENT_METHODS = ['card', 'cash'] as const;

/** Paying a check: how the guest paid (recorded; no card terminal is driven from here). */
export const SettleSchema = z.object({
  order_id: id,
  method: z.enum(PAYMENT_METHODS, 'Choose card or cash.'),
});

/** Splitting a check: the lines (repeated `item_id` fields) that move to a new check. */
export const SplitSchema = z.object({
  order_id: id,
  item_ids: z.array(id).min(1, 'Choose the lines for the new check.').max(100, 'At most 100 lines.'),
});
