-- "Not found" refusals answer HTTP 404 through the Data API.
--
-- Decision 003 gave them SQLSTATE P0002, expecting PostgREST to answer 404; PostgREST maps only
-- P0001 of class P0 to a 4xx and answers every other P0xxx with 500 (its pgErrorStatus). Its own
-- convention for a chosen status is SQLSTATE PTxyz, answered with status xyz. Every refusal goes
-- through private.raise_error, so translating there moves every RPC at once; the MESSAGE code
-- (organization_not_found, booking_not_found, …) stays what clients switch on.
create or replace function private.raise_error(p_code text, p_detail text, p_sqlstate text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise exception using
    errcode = case when p_sqlstate = 'P0002' then 'PT404' else p_sqlstate end,
    message = p_code,
    detail = p_detail;
end;
$$;
