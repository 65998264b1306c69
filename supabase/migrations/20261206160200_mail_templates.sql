-- Branded emails with attachments (decision 029, superseding the template part of 010).
--
-- 1. Each organization's email branding: brand colour, sender name and reply-to address (the
--    logo is organizations.logo_path, already there). Admins change them like the other
--    settings (column grants + the "admins can update" policy).
-- 2. The outbox carries a reply-to address and attachments (an .ics, a PDF invoice or report):
--    bytes in private.mail_attachments next to their outbox row, at most 10 per message and
--    5 MiB together; the local mailbox keeps a copy of what it received.
-- 3. private.enqueue_mail gains p_reply_to and p_attachments (defaults keep every existing
--    7-argument call working).

-- ============================================================================================
-- Organization branding
-- ============================================================================================

alter table public.organizations
  add column email_brand_color text,
  add column email_sender_name text,
  add column email_reply_to extensions.citext,
  add constraint organizations_email_brand_color_format check (
    email_brand_color is null or email_brand_color ~ '^#[0-9a-f]{6}$'),
  -- A display name in a From header: no quotes, angle brackets, backslashes or line breaks.
  add constraint organizations_email_sender_name_format check (
    email_sender_name is null
    or (char_length(email_sender_name) between 1 and 80 and email_sender_name = btrim(email_sender_name)
        and email_sender_name !~ '["<>\\\r\n]')),
  add constraint organizations_email_reply_to_format check (
    email_reply_to is null or private.is_email(email_reply_to::text));
comment on column public.organizations.email_brand_color is 'Colour of buttons and the header rule in emails (#rrggbb, lower case); Roost blue when null.';
comment on column public.organizations.email_sender_name is 'Display name of the From header of guest emails; the organization''s name when null.';
comment on column public.organizations.email_reply_to is 'Where guests'' replies to emails go; no Reply-To when null.';

grant update (email_brand_color, email_sender_name, email_reply_to) on table public.organizations to authenticated;

-- ============================================================================================
-- Outbox: reply-to and attachments; the mailbox's copy
-- ============================================================================================

alter table private.mail_outbox
  add column reply_to text,
  add constraint mail_outbox_reply_to_format check (reply_to is null or private.is_email(reply_to));

alter table private.mailbox
  add column reply_to text,
  -- [{filename, content_type, size, content (base64)}]: what the local transport was handed.
  add column attachments jsonb not null default '[]'::jsonb,
  add constraint mailbox_attachments_array check (jsonb_typeof(attachments) = 'array');

create table private.mail_attachments (
  id uuid primary key default gen_random_uuid(),
  outbox_id uuid not null references private.mail_outbox (id) on delete cascade,
  position integer not null,
  filename text not null,
  content_type text not null,
  content bytea not null,
  constraint mail_attachments_outbox_position_key unique (outbox_id, position),
  constraint mail_attachments_position_range check (position between 0 and 9),
  constraint mail_attachments_filename_format check (filename ~ '^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$'),
  constraint mail_attachments_content_type_format check (content_type ~ '^[a-z]+/[a-z0-9.+-]+(; ?[a-z]+=[A-Za-z0-9-]+)?$'),
  constraint mail_attachments_size check (octet_length(content) between 1 and 5242880)
);
comment on table private.mail_attachments is 'Files sent with an outbox message (an .ics, a PDF), in order; never changed after queueing.';

-- ============================================================================================
-- enqueue_mail with reply-to and attachments
-- ============================================================================================

drop function private.enqueue_mail(text, text, text, text, text, text, jsonb);

-- p_attachments: a JSON array of {filename, content_type, content (base64)}.
create function private.enqueue_mail(
  p_to text,
  p_subject text,
  p_html text,
  p_text text,
  p_from text default null,
  p_template text default null,
  p_tags jsonb default '{}'::jsonb,
  p_reply_to text default null,
  p_attachments jsonb default '[]'::jsonb
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_item jsonb;
  v_position integer := 0;
  v_total bigint := 0;
  v_content bytea;
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
  perform private.check_input(
    p_reply_to is null or private.is_email(p_reply_to), 'invalid_reply_to', 'The reply-to must be a valid address.');
  perform private.check_input(
    p_attachments is not null and jsonb_typeof(p_attachments) = 'array' and jsonb_array_length(p_attachments) <= 10,
    'invalid_attachments', 'Attachments are a JSON array of at most 10 files.');
  insert into private.mail_outbox (recipient, sender, subject, html, text, template, tags, reply_to)
  values (p_to, p_from, p_subject, p_html, p_text, p_template, p_tags, p_reply_to)
  returning id into v_id;
  for v_item in select value from jsonb_array_elements(p_attachments) loop
    perform private.check_input(
      jsonb_typeof(v_item) = 'object'
        and jsonb_typeof(v_item -> 'filename') = 'string'
        and (v_item ->> 'filename') ~ '^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$'
        and jsonb_typeof(v_item -> 'content_type') = 'string'
        and (v_item ->> 'content_type') ~ '^[a-z]+/[a-z0-9.+-]+(; ?[a-z]+=[A-Za-z0-9-]+)?$'
        and jsonb_typeof(v_item -> 'content') = 'string'
        and (v_item ->> 'content') ~ '^[A-Za-z0-9+/\s]+={0,2}$',
      'invalid_attachments', 'An attachment is {filename, content_type, content (base64)} with a plain file name.');
    v_content := decode(v_item ->> 'content', 'base64');
    v_total := v_total + octet_length(v_content);
    perform private.check_input(v_total <= 5242880, 'attachments_too_large', 'Attachments may total at most 5 MiB.');
    insert into private.mail_attachments (outbox_id, position, filename, content_type, content)
    values (v_id, v_position, v_item ->> 'filename', v_item ->> 'content_type', v_content);
    v_position := v_position + 1;
  end loop;
  perform pg_notify('roost_mail_outbox', v_id::text);
  return v_id;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table private.mail_attachments from public, anon, authenticated, service_role;
grant select on table private.mail_attachments to service_role;

revoke execute on function private.enqueue_mail(text, text, text, text, text, text, jsonb, text, jsonb) from public, anon, authenticated;
grant execute on function private.enqueue_mail(text, text, text, text, text, text, jsonb, text, jsonb) to service_role;

-- ============================================================================================
-- "Mail me this report": the daily manager report to the caller's own address
-- ============================================================================================

-- The web server renders the email and the PDF (the dashboard's figures, read as the user) and
-- queues them here as the user: to the caller's own confirmed address only, for a property the
-- caller may see, at most 10 an hour per person, with one PDF of at most 2 MiB. Returns the
-- outbox id. Nothing else of the outbox is reachable from the Data API.
create function public.mail_daily_report(
  p_property_id uuid,
  p_subject text,
  p_html text,
  p_text text,
  p_pdf text
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_email text;
  v_property_name text;
  v_recent integer;
begin
  perform private.require_property_role(p_property_id, 'viewer', 'property_not_found', 'No such property.');
  perform private.check_input(
    p_subject is not null and char_length(p_subject) between 1 and 200 and p_subject !~ '[\r\n]',
    'invalid_subject', 'A subject is 1 to 200 characters on one line.');
  perform private.check_input(
    p_html is not null and octet_length(p_html) <= 262144 and p_text is not null and octet_length(p_text) <= 65536,
    'invalid_report_body', 'The report needs an HTML part of at most 256 KiB and a text part of at most 64 KiB.');
  perform private.check_input(
    p_pdf is not null and octet_length(p_pdf) <= 2796204 and octet_length(p_pdf) % 4 = 0
      and p_pdf ~ '^[A-Za-z0-9+/]+={0,2}$',
    'invalid_report_pdf', 'The report is a PDF of at most 2 MiB, in base64.');
  perform private.check_input(
    substr(decode(p_pdf, 'base64'), 1, 5) = '\x255044462d'::bytea,
    'invalid_report_pdf', 'The report is a PDF of at most 2 MiB, in base64.');
  select u.email into v_email from auth.users u where u.id = v_user and u.email_confirmed_at is not null;
  if v_email is null then
    perform private.raise_error('email_not_confirmed', 'Confirm your email address first.', 'P0001');
  end if;
  -- One person's reports in the last hour, under a lock on the person (concurrent posts count).
  perform pg_advisory_xact_lock(hashtextextended('mail_daily_report:' || v_user::text, 0));
  select count(*) into v_recent from private.mail_outbox
  where template = 'manager_report' and tags ->> 'requested_by' = v_user::text and created_at > now() - interval '1 hour';
  if v_recent >= 10 then
    perform private.raise_error('too_many_reports', 'At most 10 reports an hour: try again later.', 'P0001');
  end if;
  select name into v_property_name from public.properties where id = p_property_id;
  return private.enqueue_mail(
    v_email, p_subject, p_html, p_text, null, 'manager_report',
    jsonb_build_object('requested_by', v_user::text, 'property', p_property_id::text),
    null,
    jsonb_build_array(jsonb_build_object(
      'filename', 'daily-report.pdf', 'content_type', 'application/pdf', 'content', p_pdf)));
end;
$$;
comment on function public.mail_daily_report(uuid, text, text, text, text) is
  'Queues the daily manager report (rendered by the web server) to the caller''s own address.';

revoke execute on function public.mail_daily_report(uuid, text, text, text, text) from public, anon;
grant execute on function public.mail_daily_report(uuid, text, text, text, text) to authenticated;
