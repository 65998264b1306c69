// The catalogue's categories in menu order: add one, move it up or down, rename it (?rename=) or
// remove it after a confirmation (?remove=), which the database refuses while it holds items.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import type { Category } from '../../data/catalogue.server.ts';
import { CategorySchema, RenameCategorySchema } from './catalogue.schema.ts';
import { IntentError } from './intent-error.tsx';

interface Props {
  categories: Category[];
  canEdit: boolean;
  base: string;
  renaming: Category | null;
  removing: { category: Category; items: number } | null;
}

export function Categories({ categories, canEdit, base, renaming, removing }: Props) {
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="section" aria-labelledby="categories-heading">
      <h2 id="categories-heading">Categories</h2>
      <p className="muted">Sections of the menu, such as Starters or Drinks, in the order guests and staff see them.</p>
      <SavedNotice intent="category" text="Category added." />
      <SavedNotice intent="rename-category" text="Category renamed." />
      <SavedNotice intent="remove-category" text="Category removed." />
      <SavedNotice intent="move-category" text="Order saved." />
      {renaming ? <RenamePanel category={renaming} base={base} /> : null}
      {removing ? <RemovePanel {...removing} base={base} /> : null}
      <IntentError intent="move-category" />
      {categories.length ? (
        <table className="table table-middle">
          <thead>
            <tr>
              <th scope="col">Category</th>
              {canEdit ? (
                <th scope="col" className="row-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, index) => (
              <tr key={category.id}>
                <td>{category.name}</td>
                {canEdit ? (
                  <td className="row-actions">
                    <Form method="post" preventScrollReset className="inline-form">
                      <input type="hidden" name="intent" value="move-category" />
                      <input type="hidden" name="category_id" value={category.id} />
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="button button-small"
                        aria-label={`Move ${category.name} up`}
                        disabled={busy || index === 0}
                      >
                        ↑
                      </button>
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="button button-small"
                        aria-label={`Move ${category.name} down`}
                        disabled={busy || index === categories.length - 1}
                      >
                        ↓
                      </button>
                      <Link
                        to={`${base}?rename=${category.id}`}
                        preventScrollReset
                        className="button button-small"
                        aria-label={`Rename ${category.name}`}
                      >
                        Rename
                      </Link>
                      <Link
                        to={`${base}?remove=${category.id}`}
                        preventScrollReset
                        className="button button-small button-danger-quiet"
                        aria-label={`Remove ${category.name}`}
                      >
                        Remove
                      </Link>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">
          No categories yet.{' '}
          {canEdit
            ? 'Start here: add a category such as Starters or Drinks, then add its items.'
            : 'A manager over every property adds them.'}
        </p>
      )}
      {canEdit ? (
        <CheckedForm intent="category" schema={CategorySchema} formKey={categories.length} label="Add a category">
          {(errors) => (
            <>
              <h3>Add a category</h3>
              <FormError message={errors?.formError} />
              <div className="compact-row">
                <TextField
                  label="Category name"
                  name="name"
                  hint="Such as Starters, Mains or Drinks."
                  errors={errors?.fieldErrors.name}
                />
                <span />
                <FormButton label="Add category" />
              </div>
            </>
          )}
        </CheckedForm>
      ) : null}
    </section>
  );
}

function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

function RenamePanel({ category, base }: { category: Category; base: string }) {
  const heading = useFocusOnOpen();
  return (
    <section className="confirm-panel" aria-labelledby="rename-title">
      <h2 id="rename-title" tabIndex={-1} ref={heading}>
        Rename {category.name}
      </h2>
      <CheckedForm
        intent="rename-category"
        schema={RenameCategorySchema}
        formKey={category.updated_at}
        label={`Rename ${category.name}`}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <input type="hidden" name="category_id" value={category.id} />
            <TextField
              label="New name"
              name="name"
              defaultValue={category.name}
              errors={errors?.fieldErrors.name ?? errors?.fieldErrors.category_id}
            />
            <div className="confirm-actions">
              <button type="submit" className="button button-primary">
                Save name
              </button>
              <Link to={base} preventScrollReset className="button">
                Cancel
              </Link>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}

function RemovePanel({ category, items, base }: { category: Category; items: number; base: string }) {
  const heading = useFocusOnOpen();
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="confirm-panel confirm-panel-danger" aria-labelledby="remove-title">
      <h2 id="remove-title" tabIndex={-1} ref={heading}>
        Remove {category.name}?
      </h2>
      {items ? (
        <>
          <p>
            {category.name} still holds {items === 1 ? 'an item' : `${items} items`}. Move {items === 1 ? 'it' : 'them'}{' '}
            to another category or remove {items === 1 ? 'it' : 'them'} first.
          </p>
          <Link to={`${base}?category=${category.id}`} className="button">
            Show its items
          </Link>{' '}
          <Link to={base} className="button">
            Cancel
          </Link>
        </>
      ) : (
        <>
          <IntentError intent="remove-category" />
          <p>The category goes from the menu and from every station’s routing. This cannot be undone.</p>
          <Form method="post" className="confirm-actions">
            <input type="hidden" name="intent" value="remove-category" />
            <input type="hidden" name="category_id" value={category.id} />
            <button type="submit" className="button button-danger" disabled={busy}>
              Remove {category.name}
            </button>
            <Link to={base} className="button">
              Cancel
            </Link>
          </Form>
        </>
      )}
    </section>
  );
}
