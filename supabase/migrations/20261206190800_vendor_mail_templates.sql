-- Vendor emails rendered with the React Email templates (issue 19; docs/decisions/041-vendor-mail.md).
--
-- Until now private.enqueue_maintenance_mail built the quote request and the "accepted" / "not
-- selected" emails as plain HTML in SQL. It keeps its signature and its callers
-- (request_vendor_quote, accept_vendor_quote) but now only queues what to send in
-- private.vendor_mail_queue, in the same transaction, and notifies `roost_vendor_mail` at commit.
-- The worker (gpu-worker/src/maintenance/vendor-mail.ts) renders each row with
-- shared/mail/templates/maintenance.tsx from the rows its tags name (the request or the quote),
-- in the organization's branding and language, queues it into private.mail_outbox with the same
-- template name and tags, and deletes the queue row, all in one transaction.
--
-- The link (with the token) waits in this private table until rendered, as it waits in
-- private.mail_outbox until sent: neither is reachable through the Data API.

create table private.vendor_mail_queue (
  id uuid primary key default gen_random_uuid(),
  template text not null,
  recipient text not null,
  -- The quote link of a request (its only copy besides the email it becomes); null for a decision.
  link text,
  -- {organization, quote_request} or {organization, vendor_quote}: what the worker renders from.
  tags jsonb not null,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  constraint vendor_mail_queue_template_valid check (
    template in ('vendor_quote_request', 'vendor_quote_accepted', 'vendor_quote_declined')),
  constraint vendor_mail_queue_link_when_request check ((link is not null) = (template = 'vendor_quote_request')),
  constraint vendor_mail_queue_tags_object check (jsonb_typeof(tags) = 'object')
);
comment on table private.vendor_mail_queue is
  'Vendor emails waiting for the worker to render them with the React Email templates (decision 041).';
create index vendor_mail_queue_created_idx on private.vendor_mail_queue (created_at);
alter table private.vendor_mail_queue enable row level security;
revoke all on table private.vendor_mail_queue from public, anon, authenticated;

create or replace function private.enqueue_maintenance_mail(
  p_to text,
  p_subject text,
  p_paragraphs text[],
  p_link text,
  p_link_label text,
  p_template text,
  p_tags jsonb
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  -- The subject, paragraphs and label are the templates' business now (kept for the signature).
  insert into private.vendor_mail_queue (template, recipient, link, tags)
  values (p_template, p_to, p_link, coalesce(p_tags, '{}'::jsonb))
  returning id into v_id;
  perform pg_notify('roost_vendor_mail', '');
  return v_id;
end;
$$;
comment on function private.enqueue_maintenance_mail(text, text, text[], text, text, text, jsonb) is
  'Queues a vendor email for the worker to render with the React Email templates (decision 041).';
revoke execute on function private.enqueue_maintenance_mail(text, text, text[], text, text, text, jsonb)
  from public, anon, authenticated;
