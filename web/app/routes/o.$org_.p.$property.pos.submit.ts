// POST /o/:org/p/:property/pos/submit: one whole POS order as JSON (sent at once, or replayed
// from the tablet's offline queue), placed by place_order under the client's idempotency key: a
// key already used returns the order it made, so a double tap or a replay never duplicates.
// An order that names an open check (order_id) is a further round onto it (add_order_round, under
// the same kind of key). Answers 200 with the order, 4xx with the database's refusal (the tablet
// stops retrying it).
import { type ActionFunctionArgs, data } from '@remix-run/node';
import { addRound, placeOrder } from '../data/pos.server.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { PosOrderSchema, type SubmitAnswer } from './o.$org_.p.$property.pos/pos.schema.ts';
import { placeOrderFailure } from './o.$org_.p.$property.pos/pos-errors.ts';

export async function loader() {
  throw data({ message: 'Send orders with POST.' }, { status: 405 });
}

export async function action(args: ActionFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  if (args.request.method !== 'POST') {
    return data<SubmitAnswer>({ ok: false, code: 'method', message: 'Send orders with POST.' }, { status: 405 });
  }
  let body: unknown;
  try {
    body = await args.request.json();
  } catch {
    return data<SubmitAnswer>(
      { ok: false, code: 'invalid_json', message: 'The order is not valid JSON.' },
      { status: 400 },
    );
  }
  const parsed = PosOrderSchema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'The order is not valid.';
    return data<SubmitAnswer>({ ok: false, code: 'invalid_order', message }, { status: 400 });
  }
  const order = parsed.data;
  const lines = order.lines.map((line) => ({ ...line, note: line.note || null }));
  const placed = order.order_id
    ? await addRound(args.context.supabase, {
        orderId: order.order_id,
        idempotencyKey: order.idempotency_key,
        lines,
      })
    : await placeOrder(args.context.supabase, {
        propertyId: property.id,
        idempotencyKey: order.idempotency_key,
        kind: order.kind,
        tableResourceId: order.kind === 'table' ? order.table_resource_id : null,
        bookingId: order.kind === 'room' ? order.booking_id : null,
        guestName: order.guest_name || null,
        lines,
      });
  if (placed.error) {
    const failure = placeOrderFailure(placed.error);
    return data<SubmitAnswer>({ ok: false, ...failure }, { status: failure.status });
  }
  const { id, status, total_minor } = placed.row;
  return data<SubmitAnswer>({ ok: true, order: { id, status, total_minor } });
}
