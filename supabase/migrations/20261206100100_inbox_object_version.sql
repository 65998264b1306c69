-- Inbox jobs carry the version of the object they were made for (issue 12, item 15): a new version
-- uploaded to an inbox path while an older job of that path still ran was deleted by the older
-- job's clean-up (an ID document's scan is removed once its job is final). The job input now names
-- `version` (storage.objects.version) and the worker removes the object only while it is still
-- that version (gpu-worker/src/handlers/ocr.ts). Jobs made through public.create_job may still omit
-- it. See docs/decisions/015-gpu-worker-jobs.md.

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- As in 20261122004000_jobs.sql, with an optional `version` (a storage object version) for OCR.
create or replace function private.is_job_input(p_kind text, p_input jsonb, p_organization_id uuid, p_property_id uuid)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(p_input) = 'object' and pg_column_size(p_input) <= 2048 and case
    when p_kind like 'ocr\_%' then
      not exists (select 1 from jsonb_object_keys(p_input) k where k not in ('bucket', 'name', 'version'))
      and p_input ->> 'bucket' = 'documents'
      and jsonb_typeof(p_input -> 'name') = 'string'
      and char_length(p_input ->> 'name') <= 1024
      and starts_with(p_input ->> 'name', format('%s/%s/', p_organization_id, p_property_id))
      and p_input ->> 'name' !~ '(^|/)\.\.?(/|$)'
      and right(p_input ->> 'name', 1) <> '/'
      and (p_kind = 'ocr_id_document' or split_part(p_input ->> 'name', '/', 3) <> 'inbox'
        or split_part(p_input ->> 'name', '/', 4) <> 'id-documents')
      and (not p_input ? 'version'
        or (jsonb_typeof(p_input -> 'version') = 'string' and char_length(p_input ->> 'version') between 1 and 128))
    when p_kind in ('forecast', 'no_show_risk') then
      not exists (select 1 from jsonb_object_keys(p_input) k where k <> 'horizonDays')
      and (not p_input ? 'horizonDays'
        or (jsonb_typeof(p_input -> 'horizonDays') = 'number'
          and (p_input ->> 'horizonDays') ~ '^[0-9]{1,3}$'
          and (p_input ->> 'horizonDays')::integer between 1 and 90))
    else false
  end;
$$;

-- As in 20261122004000_jobs.sql, with the object's version in the job input.
create or replace function private.create_job_for_upload()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_organization uuid := private.path_id(new.name, 1);
  v_property uuid := private.path_id(new.name, 2);
  v_kind text := private.inbox_job_kind(split_part(new.name, '/', 4));
  v_input jsonb := jsonb_strip_nulls(
    jsonb_build_object('bucket', new.bucket_id, 'name', new.name, 'version', new.version));
begin
  if v_kind is null or v_property is null or split_part(new.name, '/', 5) = ''
     or not exists (select 1 from public.properties p where p.id = v_property and p.organization_id = v_organization)
     or not private.is_job_input(v_kind, v_input, v_organization, v_property) then
    return null;
  end if;
  insert into public.jobs (organization_id, property_id, kind, input, created_by)
  values (v_organization, v_property, v_kind, v_input,
    (select u.id from auth.users u where u.id = new.owner));
  return null;
end;
$$;
