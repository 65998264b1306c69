// Guest data requests (decision 037) as the worker carries them out: the SQL on
// public.guest_data_requests (as the database owner, guarded by status so a redelivered pg-boss
// job never runs a finished request again) and the two handlers, export and erasure.
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import { brandFromOrganization, DEFAULT_SENDER, fromHeader } from '../../../shared/mail/brand.ts';
import { pickLanguage } from '../../../shared/mail/i18n.ts';
import { loadTemplates } from '../../../shared/mail/load.ts';
import { buildArchive, type GuestExportData, type StoredDocument } from './archive.ts';
import type { GuestDataStorage } from './storage.ts';

export const GUEST_DATA_QUEUES = ['guest_export', 'guest_erasure'] as const;
export const EXPORT_BUCKET = 'guest-exports';
/** How long a mailed self-service link works. */
export const LINK_TTL_SECONDS = 7 * 24 * 3600;

export interface GuestDataRequest {
  id: string;
  organizationId: string;
  guestId: string;
  kind: 'export' | 'erasure';
  channel: 'portal' | 'self_service';
}

/** An error that retrying cannot fix (the guest is gone or erased): the request fails at once. */
export class FinalRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FinalRequestError';
    this.code = code;
  }
}

export interface RequestContext {
  sql: Sql;
  storage: GuestDataStorage;
  log: Logger;
}

export function createRequestStore(sql: Sql) {
  return {
    /** Starts an attempt of the request unless it is final (or missing): null then. */
    async start(id: string): Promise<GuestDataRequest | null> {
      const [row] = await sql<GuestDataRequest[]>`
        update public.guest_data_requests
        set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), error = null
        where id = ${id} and status in ('queued', 'running')
        returning id, organization_id as "organizationId", guest_id as "guestId", kind, channel`;
      return row ?? null;
    },
    async progress(id: string, percent: number): Promise<void> {
      await sql`
        update public.guest_data_requests set progress = ${Math.round(percent)}
        where id = ${id} and status = 'running' and progress < ${Math.round(percent)}`;
    },
    async succeed(id: string, fields: { objectName?: string; summary: Record<string, unknown> }): Promise<void> {
      await sql`
        update public.guest_data_requests
        set status = 'succeeded', progress = 100, finished_at = now(), summary = ${sql.json(fields.summary as never)},
          object_name = coalesce(${fields.objectName ?? null}, object_name)
        where id = ${id} and status = 'running'`;
    },
    async fail(id: string, final: boolean, error: { code: string; message: string }): Promise<void> {
      await sql`
        update public.guest_data_requests
        set status = ${final ? 'failed' : 'queued'}, error = ${sql.json(error)},
          finished_at = ${final ? sql`now()` : null}
        where id = ${id} and status = 'running'`;
    },
  };
}

export type RequestStore = ReturnType<typeof createRequestStore>;

/** Database refusals that say the guest is not there (any more): final. */
function finalDatabaseError(error: unknown): FinalRequestError | null {
  const { message, code } = error as { message?: string; code?: string };
  if (message === 'guest_not_found' || message === 'request_not_found' || message === 'gdpr_rule_missing') {
    return new FinalRequestError(message, String((error as { detail?: string }).detail ?? message));
  }
  return code === '22023' ? new FinalRequestError(String(message), String(message)) : null;
}

export async function runExport(request: GuestDataRequest, store: RequestStore, context: RequestContext) {
  const { sql, storage } = context;
  await store.progress(request.id, 10);
  let data: GuestExportData;
  try {
    const [row] = await sql<{ data: GuestExportData }[]>`select private.guest_export_data(${request.guestId}) as data`;
    data = row?.data as GuestExportData;
  } catch (error) {
    throw finalDatabaseError(error) ?? error;
  }
  await store.progress(request.id, 30);
  const documents: StoredDocument[] = [];
  const missing: string[] = [];
  for (const document of data.documents) {
    const bytes = await storage.download(document);
    if (bytes) documents.push({ ...document, bytes });
    else missing.push(document.name);
  }
  await store.progress(request.id, 60);
  const objectName = `${request.organizationId}/${request.id}/guest-data.zip`;
  await storage.upload({ bucket: EXPORT_BUCKET, name: objectName }, buildArchive(data, documents), 'application/zip');
  await store.progress(request.id, 85);
  if (request.channel === 'self_service') await mailLink(request, objectName, context);
  const rows = Object.fromEntries(Object.entries(data.tables).map(([table, list]) => [table, list.length]));
  return {
    objectName,
    summary: {
      rows,
      consent_history: data.consent_history.length,
      messages: data.messages.length,
      webhook_events: data.webhook_events.length,
      documents: documents.length,
      documents_missing: missing.length,
    },
  };
}

/** The download link goes to the address on file only, never to the one typed in the request. */
async function mailLink(request: GuestDataRequest, objectName: string, context: RequestContext): Promise<void> {
  const [guest] = await context.sql<
    {
      email: string | null;
      language: string | null;
      name: string;
      locale: string | null;
      logo_path: string | null;
      email_brand_color: string | null;
      email_sender_name: string | null;
      email_reply_to: string | null;
    }[]
  >`
    select g.email::text as email, g.language, o.name, o.locale, o.logo_path, o.email_brand_color,
      o.email_sender_name, o.email_reply_to::text as email_reply_to
    from public.guests g join public.organizations o on o.id = g.organization_id
    where g.id = ${request.guestId} and g.erased_at is null`;
  if (!guest?.email) throw new FinalRequestError('guest_not_found', 'The guest has no email address on file.');
  const url = await context.storage.signedUrl({ bucket: EXPORT_BUCKET, name: objectName }, LINK_TTL_SECONDS);
  const supabaseUrl = process.env.SUPABASE_URL;
  const brand = brandFromOrganization(guest, supabaseUrl ? `${supabaseUrl.replace(/\/+$/, '')}/storage/v1` : undefined);
  const { renderGuestDataEmail } = await loadTemplates();
  const mail = await renderGuestDataEmail({
    organizationName: guest.name,
    link: url,
    expiresAt: new Date(Date.now() + LINK_TTL_SECONDS * 1000),
    brand,
    language: pickLanguage(guest.language ?? guest.locale),
  });
  await context.sql`
    select private.enqueue_mail(p_to => ${guest.email}, p_subject => ${mail.subject}, p_html => ${mail.html},
      p_text => ${mail.text}, p_from => ${fromHeader(brand, process.env.MAIL_FROM ?? DEFAULT_SENDER)},
      p_template => ${mail.template},
      p_tags => ${context.sql.json({ gdpr_request: request.id, organization: request.organizationId })},
      p_reply_to => ${brand.replyTo ?? null})`;
}

export async function runErasure(request: GuestDataRequest, store: RequestStore, context: RequestContext) {
  const { sql, storage } = context;
  await store.progress(request.id, 10);
  // Stored documents first: erase_guest deletes the identity documents that link scans to the guest.
  const objects = await sql<{ bucket: string; name: string }[]>`
    select bucket, name from private.guest_erasure_objects(${request.guestId})`;
  const removed = await storage.remove(objects.map(({ bucket, name }) => ({ bucket, name })));
  await store.progress(request.id, 60);
  let summary: Record<string, unknown>;
  try {
    const [row] = await sql<
      { summary: Record<string, unknown> }[]
    >`select private.erase_guest(${request.id}) as summary`;
    summary = row?.summary ?? {};
  } catch (error) {
    throw finalDatabaseError(error) ?? error;
  }
  return { summary: { ...summary, 'storage.objects': removed } };
}

/**
 * Runs one attempt of a request: null when it was final already. Errors are recorded: a final
 * one (or the last attempt) fails the request, others put it back to queued and are rethrown so
 * that pg-boss retries.
 */
export async function runRequest(
  id: string,
  lastAttempt: boolean,
  store: RequestStore,
  context: RequestContext,
): Promise<'succeeded' | 'failed' | 'retry' | null> {
  const request = await store.start(id);
  if (!request) return null;
  const log = context.log.child({ requestId: id, kind: request.kind });
  try {
    const outcome =
      request.kind === 'export' ? await runExport(request, store, context) : await runErasure(request, store, context);
    await store.succeed(id, outcome);
    log.info({ summary: outcome.summary }, 'guest data request done');
    return 'succeeded';
  } catch (error) {
    const final = error instanceof FinalRequestError;
    const code = final ? error.code : 'request_failed';
    const message = error instanceof Error ? error.message : String(error);
    await store.fail(id, final || lastAttempt, { code, message: message.slice(0, 1000) });
    log.warn({ err: error, final: final || lastAttempt }, 'guest data request failed');
    if (final || lastAttempt) return 'failed';
    throw error;
  }
}
