-- The deposit policy on the property settings form (decision 036, session 5): a percentage
-- deposit of 0 % would ask a guest to pay nothing online yet still route the confirmation through
-- a payment; the table now refuses it (the form shows the message on the percentage field).
-- `none` is the way to take no deposit.
alter table public.property_settings
  add constraint property_settings_deposit_percentage_positive
  check (deposit_kind <> 'percentage' or deposit_bps between 1 and 10000);
