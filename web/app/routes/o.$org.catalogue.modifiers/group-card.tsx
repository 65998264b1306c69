// One modifier group: its rule, its options (remove one, add one) and its settings behind a
// disclosure, for those who change the menu; read-only for the others.
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useMemo } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { IntentError } from '../o.$org.catalogue._index/intent-error.tsx';
import { GroupFields } from './group-fields.tsx';
import { GroupSchema, optionSchema } from './modifiers.schema.ts';

export interface GroupView {
  id: string;
  name: string;
  required: boolean;
  min_choices: number;
  max_choices: number;
  updated_at: string;
  rule: string;
  options: { id: string; name: string; delta: string }[];
}

export function GroupCard({
  group,
  canEdit,
  currency,
  base,
}: {
  group: GroupView;
  canEdit: boolean;
  currency: string;
  base: string;
}) {
  const busy = useNavigation().state !== 'idle';
  // The settings stay open to show the database's refusal of them.
  const refused = useActionData<{ intent?: string }>()?.intent === `group-${group.id}`;
  const schema = useMemo(() => optionSchema(currency), [currency]);
  const headingId = `group-${group.id}`;
  return (
    <section className="group-card" aria-labelledby={headingId}>
      <div className="group-head">
        <h3 id={headingId}>{group.name}</h3>
        <span className="muted">{group.rule}</span>
      </div>
      <SavedNotice intent={`group-${group.id}`} text="Group saved." />
      <SavedNotice intent={`option-${group.id}`} text="Option added." />
      <SavedNotice intent={`remove-option-${group.id}`} text="Option removed." />
      <IntentError intent={`remove-option-${group.id}`} />
      {group.options.length ? (
        <table className="table table-middle">
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col" className="numeric">
                Price change
              </th>
              {canEdit ? (
                <th scope="col" className="row-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {group.options.map((option) => (
              <tr key={option.id}>
                <td>{option.name}</td>
                <td className="numeric nowrap">{option.delta}</td>
                {canEdit ? (
                  <td className="row-actions">
                    <Form method="post" preventScrollReset className="inline-form">
                      <input type="hidden" name="intent" value={`remove-option-${group.id}`} />
                      <input type="hidden" name="option_id" value={option.id} />
                      <button
                        type="submit"
                        className="button button-small button-danger-quiet"
                        disabled={busy}
                        aria-label={`Remove ${option.name} from ${group.name}`}
                      >
                        Remove
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">No options yet{canEdit ? ': add the first one below.' : '.'}</p>
      )}
      {canEdit ? (
        <>
          <CheckedForm
            intent={`option-${group.id}`}
            schema={schema}
            formKey={group.options.length}
            label={`Add an option to ${group.name}`}
          >
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="compact-row">
                  <TextField
                    label="Option name"
                    name="name"
                    hint="Such as Medium rare or Extra cheese."
                    errors={errors?.fieldErrors.name}
                  />
                  <TextField
                    label={`Price change (${currency})`}
                    name="price_delta_minor"
                    inputMode="decimal"
                    hint="Blank for none; negative takes off."
                    errors={errors?.fieldErrors.price_delta_minor}
                  />
                  <FormButton label="Add option" />
                </div>
              </>
            )}
          </CheckedForm>
          <details className="diff" open={refused || undefined}>
            <summary>Change {group.name}’s name and rule</summary>
            <CheckedForm
              intent={`group-${group.id}`}
              schema={GroupSchema}
              formKey={group.updated_at}
              label={`Settings of ${group.name}`}
            >
              {(errors) => (
                <>
                  <FormError message={errors?.formError} />
                  <GroupFields group={group} errors={errors} />
                  <div className="form-actions">
                    <Link to={`${base}?remove=${group.id}`} preventScrollReset className="button button-danger-quiet">
                      Remove group…
                    </Link>
                    <button type="submit" className="button button-primary">
                      Save group
                    </button>
                  </div>
                </>
              )}
            </CheckedForm>
          </details>
        </>
      ) : null}
    </section>
  );
}
