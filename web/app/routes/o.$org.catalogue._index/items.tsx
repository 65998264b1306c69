// The catalogue's items in menu order, grouped under their categories, a page at a time, with a
// search by name and a category filter; and the form that adds an item (the rest on its page).
import { Form, Link, useLocation } from '@remix-run/react';
import { useMemo } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import type { Category } from '../../data/catalogue.server.ts';
import { newItemSchema } from './catalogue.schema.ts';

export interface ListedItem {
  id: string;
  name: string;
  category_id: string;
  price: string;
  active: boolean;
  photo: string | null;
}

interface Props {
  items: ListedItem[];
  categories: Category[];
  canEdit: boolean;
  base: string;
  filter: { search: string; categoryId: string };
  page: number;
  pages: number;
  total: number;
  currency: string;
}

export function Items({ items, categories, canEdit, base, filter, page, pages, total, currency }: Props) {
  // Remounted per URL, so the fields show the filter in force (after Clear or Back too).
  const { search } = useLocation();
  const categoryName = new Map(categories.map((category) => [category.id, category.name]));
  const filtered = Boolean(filter.search || filter.categoryId);
  const schema = useMemo(() => newItemSchema(currency), [currency]);
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (filter.search) params.set('q', filter.search);
    if (filter.categoryId) params.set('category', filter.categoryId);
    if (n > 1) params.set('page', String(n));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  // A heading row wherever the category changes (the page is in menu order).
  const rows: ({ kind: 'group'; id: string; name: string } | { kind: 'item'; item: ListedItem })[] = [];
  for (const item of items) {
    const last = rows.at(-1);
    const previous = last?.kind === 'item' ? last.item.category_id : last?.id;
    if (previous !== item.category_id) {
      rows.push({ kind: 'group', id: item.category_id, name: categoryName.get(item.category_id) ?? 'Category' });
    }
    rows.push({ kind: 'item', item });
  }
  return (
    <section className="section" aria-labelledby="items-heading">
      <h2 id="items-heading">Items</h2>
      <p className="muted">
        What you sell, priced in {currency}. Open an item to add its photo and modifiers and to set where it is sold.
      </p>
      {categories.length ? (
        <Form method="get" className="filters item-search" key={search} aria-label="Find items">
          <TextField label="Name contains" name="q" type="search" defaultValue={filter.search} />
          <SelectField label="In category" name="category" defaultValue={filter.categoryId}>
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <div className="filters-actions">
            <button type="submit" className="button">
              Find
            </button>
            {filtered ? (
              <Link to={base} className="button button-quiet">
                Clear
              </Link>
            ) : null}
          </div>
        </Form>
      ) : null}
      {items.length ? (
        <>
          <p className="muted">
            {total === 1 ? '1 item' : `${total} items`}
            {filtered ? ' match' : ''}.
          </p>
          <table className="table table-middle">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="numeric">
                  Price
                </th>
                <th scope="col">On the menu</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) =>
                row.kind === 'group' ? (
                  <tr key={`group-${row.id}`} className="group-row">
                    <th scope="colgroup" colSpan={3}>
                      {row.name}
                    </th>
                  </tr>
                ) : (
                  <tr key={row.item.id}>
                    <td>
                      <span className="item-name">
                        {row.item.photo ? (
                          <img className="thumb" src={row.item.photo} alt="" loading="lazy" />
                        ) : (
                          <span className="thumb" aria-hidden="true" />
                        )}
                        <Link to={`${base}/items/${row.item.id}`} className="table-link">
                          {row.item.name}
                        </Link>
                      </span>
                    </td>
                    <td className="numeric nowrap">{row.item.price}</td>
                    <td>
                      {row.item.active ? (
                        <span className="badge badge-on">Active</span>
                      ) : (
                        <span className="badge badge-off">Hidden</span>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <Pagination page={page} pages={pages} href={href} labels={{ previous: '← Previous', next: 'Next →' }} />
        </>
      ) : filtered ? (
        <p className="empty-state">
          No items match{filter.search ? ` “${filter.search}”` : ''}
          {filter.categoryId ? ` in ${categoryName.get(filter.categoryId) ?? 'this category'}` : ''}.{' '}
          <Link to={base}>Show all items</Link>.
        </p>
      ) : categories.length ? (
        <p className="empty-state">
          No items yet. {canEdit ? 'Add the first one below; then open it to set its photo and where it is sold.' : ''}
        </p>
      ) : (
        <p className="empty-state">No items yet. Items go in categories: add a category first.</p>
      )}
      {canEdit && categories.length ? (
        <>
          <SavedNotice intent="remove-item" text="Item removed." />
          <CheckedForm intent="item" schema={schema} formKey={total} label="Add an item">
            {(errors) => (
              <>
                <h3>Add an item</h3>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-3">
                  <TextField
                    label="Item name"
                    name="name"
                    hint="Such as Caesar salad."
                    errors={errors?.fieldErrors.name}
                  />
                  <SelectField
                    label="Category"
                    name="category_id"
                    defaultValue={filter.categoryId || categories[0]?.id}
                    errors={errors?.fieldErrors.category_id}
                  >
                    {categories.map((category) => (
                      <option key={category.id} value={category.id}>
                        {category.name}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label={`Price (${currency})`}
                    name="price_minor"
                    inputMode="decimal"
                    hint="Before tax, unless a property’s prices include it."
                    errors={errors?.fieldErrors.price_minor}
                  />
                </div>
                <FormButton label="Add item" />
              </>
            )}
          </CheckedForm>
        </>
      ) : null}
    </section>
  );
}
