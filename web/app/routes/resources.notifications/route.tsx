// The bell's data (GET: the newest notifications and the unread count, as JSON) and its writes
// (POST intent mark-read with ids, or mark-all-read). Signed-in users only; RLS shows each user
// their own rows. Used by components/notification-bell.tsx.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { listNotifications, markNotificationsRead } from '../../data/notifications.server.ts';
import { requireUser } from '../../utils/auth.server.ts';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { notifications, unread } = await listNotifications(context.supabase);
  // Plain JSON: the bell reads it with fetch().
  return Response.json({ userId: user.id, notifications, unread }, { headers: { 'Cache-Control': 'no-store' } });
}

const MarkSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('mark-read'), ids: z.array(z.uuid()).min(1).max(100) }),
  z.object({ intent: z.literal('mark-all-read') }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request, context);
  const form = await request.formData();
  const parsed = MarkSchema.safeParse({ intent: form.get('intent'), ids: form.getAll('id') });
  if (!parsed.success) return data({ ok: false, message: 'Choose notifications to mark read.' }, { status: 400 });
  const saved = await markNotificationsRead(
    context.supabase,
    parsed.data.intent === 'mark-read' ? parsed.data.ids : null,
  );
  if (saved.error) return data({ ok: false, message: 'Nothing was marked read. Try again.' }, { status: 400 });
  return { ok: true, marked: saved.row };
}
