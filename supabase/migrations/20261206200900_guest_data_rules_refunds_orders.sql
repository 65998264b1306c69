-- Guest data rules for this release's tables that reach guests (decision 037: the erasure refuses
-- to run while a reached table has no rule, so a new table cannot be forgotten).
insert into private.guest_data_rules (table_name, action, reason) values
  ('private.guest_refunds', 'keep', 'Refunds are financial records; they hold no name or contact.'),
  ('private.widget_orders', 'keep', 'An online order''s token hash and widget key: nothing personal (the order''s guest name is anonymised on the order).');
