// The audit log as CSV (admins and owners), with the screen's filter: the Data API's own CSV
// (`Accept: text/csv`) read as the user, so RLS decides the rows here as on the screen.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportAuditCsv } from '../data/audit.server.ts';
import { requireMember } from '../utils/auth.server.ts';
import { auditFilter, readAuditQuery } from './o.$org.audit/audit-filter.ts';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const query = readAuditQuery(new URL(request.url));
  const csv = await exportAuditCsv(context.supabase, organization.id, auditFilter(query, organization.time_zone));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${organization.slug}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
