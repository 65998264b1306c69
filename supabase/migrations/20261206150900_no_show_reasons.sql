-- The dashboard ranks upcoming arrivals by no-show risk "with the reasons (the model's top
-- features)" (issue 15). The worker's model is a logistic regression, so a booking's logit above
-- the usual booking's splits exactly into one share per feature: the worker stores the largest
-- shares that raise the risk, [{"feature", "contribution", "direction": "higher"|"lower"}], at
-- most three (gpu-worker/src/noshow/model.ts, riskReasons). Rows written before have none.

alter table public.booking_no_show_risk add column reasons jsonb not null default '[]'::jsonb;
alter table public.booking_no_show_risk add constraint booking_no_show_risk_reasons_shape check (
  jsonb_typeof(reasons) = 'array' and jsonb_array_length(reasons) <= 10 and pg_column_size(reasons) <= 4096
);
comment on column public.booking_no_show_risk.reasons is
  'The features that raise this booking''s risk most above the usual booking''s (the model''s own shares of the logit).';
