-- Predictions of the GPU worker's own models (gpu-worker/src/forecast, gpu-worker/src/noshow): daily
-- occupancy or covers forecasts per property, and the no-show risk of upcoming bookings. Staff read them
-- through RLS like any other property data; only the worker writes them (its platform connection, or the
-- service role), so authenticated users get select and nothing else.
--
-- - Every forecast row carries the model's backtest error (MAPE and WAPE, as fractions) and the
--   seasonal-naive baseline's, measured on the 30 days before the model's training cut, so a screen can
--   show how far to trust it. MAPE is null when undefined (all backtest actuals zero).
-- - Writes are idempotent: one row per (property, kind, model version, date) and per (booking, model
--   version); the model version ends with a digest of the ONNX bytes, so a retried job that trains the
--   same model from the same history rewrites the same rows instead of adding new ones.
-- - job_id names the worker job that wrote the row (public.jobs); it is a plain uuid, not a foreign key,
--   so predictions outlive the job rows the worker prunes.

-- ============================================================================================
-- Types
-- ============================================================================================

create type public.forecast_kind as enum ('occupancy', 'covers');

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.forecasts (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  kind public.forecast_kind not null,
  model_version text not null,
  forecast_date date not null,
  -- Occupancy: rooms sold / rooms available (0–1); covers: table orders of the day.
  value double precision not null,
  trained_through date not null,
  backtest_mape double precision,
  backtest_wape double precision,
  baseline_mape double precision,
  baseline_wape double precision,
  job_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint forecasts_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint forecasts_day_key unique (property_id, kind, model_version, forecast_date),
  constraint forecasts_model_version_length check (char_length(model_version) between 1 and 200),
  constraint forecasts_value_range check (value >= 0 and (kind <> 'occupancy' or value <= 1)),
  constraint forecasts_after_training check (forecast_date > trained_through),
  constraint forecasts_errors_non_negative check (
    coalesce(backtest_mape, 0) >= 0 and coalesce(backtest_wape, 0) >= 0
    and coalesce(baseline_mape, 0) >= 0 and coalesce(baseline_wape, 0) >= 0
  )
);
comment on table public.forecasts is 'Daily occupancy or covers forecasts of a property, with the model''s backtest error and the seasonal-naive baseline''s.';

create table public.booking_no_show_risk (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  booking_id uuid not null,
  model_version text not null,
  -- Probability that the guest does not arrive (0–1).
  risk double precision not null,
  -- The model's AUC on its held-out period and the base-rate baseline's (0.5).
  held_out_auc double precision,
  base_rate_auc double precision,
  job_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint booking_no_show_risk_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint booking_no_show_risk_booking_fkey foreign key (organization_id, booking_id)
    references public.bookings (organization_id, id) on delete cascade,
  constraint booking_no_show_risk_booking_model_key unique (organization_id, booking_id, model_version),
  constraint booking_no_show_risk_model_version_length check (char_length(model_version) between 1 and 200),
  constraint booking_no_show_risk_range check (risk between 0 and 1),
  constraint booking_no_show_risk_auc_range check (
    (held_out_auc is null or held_out_auc between 0 and 1) and (base_rate_auc is null or base_rate_auc between 0 and 1)
  )
);
comment on table public.booking_no_show_risk is 'No-show risk of a booking as scored by a version of the no-show model.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index forecasts_property_idx on public.forecasts (organization_id, property_id);
-- The latest forecast of a property for a date range.
create index forecasts_property_date_idx on public.forecasts (property_id, kind, forecast_date, created_at desc);
create index booking_no_show_risk_property_idx on public.booking_no_show_risk (organization_id, property_id);
-- (organization_id, booking_id) of the foreign key lead the unique constraint's index.

-- ============================================================================================
-- Triggers
-- ============================================================================================

create trigger forecasts_touch_updated_at before update on public.forecasts
  for each row execute function private.touch_updated_at();
create trigger forecasts_organization_immutable before update on public.forecasts
  for each row execute function private.forbid_organization_change();
create trigger forecasts_audit after insert or update or delete on public.forecasts
  for each row execute function private.record_audit('organization_id');

create trigger booking_no_show_risk_touch_updated_at before update on public.booking_no_show_risk
  for each row execute function private.touch_updated_at();
create trigger booking_no_show_risk_organization_immutable before update on public.booking_no_show_risk
  for each row execute function private.forbid_organization_change();
create trigger booking_no_show_risk_audit after insert or update or delete on public.booking_no_show_risk
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.forecasts enable row level security;
alter table public.booking_no_show_risk enable row level security;

create policy "members can read forecasts of properties they work in" on public.forecasts
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "members can read no-show risk of properties they work in" on public.booking_no_show_risk
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.forecasts, public.booking_no_show_risk from anon, authenticated;
grant select on table public.forecasts, public.booking_no_show_risk to authenticated;
