// How property_taxes' refusals read on the tax and fee form, field by field.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const TAX_ERRORS: Record<string, ErrorPlacement> = {
  property_taxes_property_name_key: {
    field: 'name',
    message: 'This property already has a tax or fee with this name.',
  },
  property_taxes_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  property_taxes_basis_amount: { field: 'rate', message: 'Give a percentage from 0 to 100, or an amount in range.' },
  property_taxes_applies_to_something: { field: 'applies_to', message: 'Choose at least one kind of booking.' },
  currency_mismatch: { message: 'Amounts of this property are in its own currency; reload the page.' },
  PGRST116: { message: 'No such tax or fee, or you may no longer change it.' },
};
