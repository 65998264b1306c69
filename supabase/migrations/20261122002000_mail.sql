-- Mail: a transactional outbox and the local mailbox. Code that sends mail (RPCs, triggers, the
-- Remix server, edge functions, Auth) queues it with private.enqueue_mail in the same transaction
-- as the change that causes it, so a message exists exactly when that change committed. The
-- mailer (supabase/local/mail) claims due rows, sends them through Resend or into
-- private.mailbox, retries failures with backoff and never deletes a message.
--
-- Nothing here is exposed by the Data API: both tables live in the private schema; the service
-- role may read them and queue mail; anon and authenticated get nothing.
-- Errors carry a stable code (docs/decisions/003-error-codes.md).

-- ============================================================================================
-- Tables
-- ============================================================================================

create table private.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  recipient text not null,
  -- null: the mailer's configured default sender.
  sender text,
  subject text not null,
  html text,
  text text,
  -- Resend tags (name → value); kept for the local mailbox too.
  tags jsonb not null default '{}'::jsonb,
  template text,
  status text not null default 'queued',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  provider_message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint mail_outbox_recipient_format check (private.is_email(recipient)),
  constraint mail_outbox_sender_length check (sender is null or char_length(sender) between 3 and 320),
  constraint mail_outbox_subject_format check (char_length(subject) between 1 and 998 and subject !~ '[\r\n]'),
  constraint mail_outbox_body_present check (html is not null or text is not null),
  constraint mail_outbox_body_size check (octet_length(coalesce(html, '')) + octet_length(coalesce(text, '')) <= 1048576),
  constraint mail_outbox_tags_object check (jsonb_typeof(tags) = 'object' and pg_column_size(tags) <= 4096),
  constraint mail_outbox_template_format check (template is null or template ~ '^[a-z][a-z0-9_]{0,62}$'),
  constraint mail_outbox_status_valid check (status in ('queued', 'sent', 'failed')),
  constraint mail_outbox_attempts_nonnegative check (attempts >= 0),
  constraint mail_outbox_sent_at_when_sent check ((status = 'sent') = (sent_at is not null))
);
comment on table private.mail_outbox is 'Every email Roost sends: queued in the transaction that causes it, sent by the mailer, never deleted.';

create table private.mailbox (
  id uuid primary key default gen_random_uuid(),
  outbox_id uuid references private.mail_outbox (id) on delete set null,
  recipient text not null,
  sender text not null,
  subject text not null,
  html text,
  text text,
  -- http(s) links found in the html and text, in order of appearance, without duplicates.
  links text[] not null default '{}',
  delivered_at timestamptz not null default now()
);
comment on table private.mailbox is 'Mail delivered locally when no Resend key is configured; read by the mailbox page and tests.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

-- The mailer's claim: due queued messages, oldest first.
create index mail_outbox_due_idx on private.mail_outbox (next_attempt_at) where status = 'queued';
create index mailbox_outbox_id_idx on private.mailbox (outbox_id);
create index mailbox_recipient_delivered_at_idx on private.mailbox (lower(recipient), delivered_at desc);

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- Queues one message and wakes the mailer (NOTIFY is delivered at commit, so a rolled-back
-- transaction neither queues nor wakes anything). Returns the outbox id.
create function private.enqueue_mail(
  p_to text,
  p_subject text,
  p_html text,
  p_text text,
  p_from text default null,
  p_template text default null,
  p_tags jsonb default '{}'::jsonb
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
  perform private.check_input(private.is_email(p_to), 'invalid_email', 'The recipient must be a valid address of at most 254 characters.');
  perform private.check_input(
    p_subject is not null and char_length(p_subject) between 1 and 998 and p_subject !~ '[\r\n]',
    'invalid_subject', 'A subject is 1 to 998 characters on one line.');
  perform private.check_input(p_html is not null or p_text is not null, 'mail_body_required', 'A message needs an HTML or a text body.');
  perform private.check_input(
    p_from is null or char_length(p_from) between 3 and 320, 'invalid_sender', 'The sender is an address of at most 320 characters.');
  perform private.check_input(
    p_template is null or p_template ~ '^[a-z][a-z0-9_]{0,62}$', 'invalid_template', 'A template name is snake_case.');
  perform private.check_input(
    p_tags is not null and jsonb_typeof(p_tags) = 'object', 'invalid_tags', 'Tags are a JSON object of names to values.');
  insert into private.mail_outbox (recipient, sender, subject, html, text, template, tags)
  values (p_to, p_from, p_subject, p_html, p_text, p_template, p_tags)
  returning id into v_id;
  perform pg_notify('roost_mail_outbox', v_id::text);
  return v_id;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table private.mail_outbox, private.mailbox from public, anon, authenticated, service_role;
grant select on table private.mail_outbox, private.mailbox to service_role;

revoke execute on function private.enqueue_mail(text, text, text, text, text, text, jsonb) from public, anon, authenticated;
grant execute on function private.enqueue_mail(text, text, text, text, text, text, jsonb) to service_role;
