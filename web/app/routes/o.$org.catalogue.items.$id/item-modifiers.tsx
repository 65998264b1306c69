// The modifier groups an item offers (item_modifier_groups): detach one, attach another.
import { Form, Link, useNavigation } from '@remix-run/react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField } from '../../components/forms.tsx';
import { IntentError } from '../o.$org.catalogue._index/intent-error.tsx';
import { AttachGroupSchema } from './item.schema.ts';

export interface OfferedGroup {
  linkId: string;
  name: string;
  rule: string;
  options: string;
}

interface Props {
  offered: OfferedGroup[];
  others: { id: string; name: string }[];
  canEdit: boolean;
  modifiersHref: string;
}

export function ItemModifiers({ offered, others, canEdit, modifiersHref }: Props) {
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="section" aria-labelledby="modifiers-heading">
      <h2 id="modifiers-heading">Modifier groups</h2>
      <p className="muted">Choices staff and guests make with this item, such as cooking or sides.</p>
      <SavedNotice intent="attach" text="Modifier group added to the item." />
      <SavedNotice intent="detach" text="Modifier group taken off the item." />
      <IntentError intent="detach" />
      {offered.length ? (
        <table className="table table-middle">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Rule</th>
              <th scope="col">Options</th>
              {canEdit ? (
                <th scope="col" className="row-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {offered.map((group) => (
              <tr key={group.linkId}>
                <td>{group.name}</td>
                <td>{group.rule}</td>
                <td className="cell-note">{group.options}</td>
                {canEdit ? (
                  <td className="row-actions">
                    <Form method="post" preventScrollReset className="inline-form">
                      <input type="hidden" name="intent" value="detach" />
                      <input type="hidden" name="link_id" value={group.linkId} />
                      <button
                        type="submit"
                        className="button button-small"
                        disabled={busy}
                        aria-label={`Take off ${group.name}`}
                      >
                        Take off
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">This item offers no choices.</p>
      )}
      {canEdit ? (
        others.length ? (
          <CheckedForm intent="attach" schema={AttachGroupSchema} formKey={offered.length} label="Add a modifier group">
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="compact-row">
                  <SelectField label="Modifier group" name="group_id" errors={errors?.fieldErrors.group_id}>
                    {others.map((group) => (
                      <option key={group.id} value={group.id}>
                        {group.name}
                      </option>
                    ))}
                  </SelectField>
                  <span />
                  <FormButton label="Add to item" />
                </div>
              </>
            )}
          </CheckedForm>
        ) : (
          <p className="muted">
            {offered.length ? 'The item offers every group. ' : 'No modifier groups yet. '}
            <Link to={modifiersHref}>Create modifier groups</Link> to offer more choices.
          </p>
        )
      ) : null}
    </section>
  );
}
