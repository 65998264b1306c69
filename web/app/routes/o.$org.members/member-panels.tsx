// The two steps opened from a member's row (?remove=, ?access=): the confirmation before a
// removal, and the properties a member works in. Each takes the focus when it opens.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { PropertyChoice } from '../../data/members.server.ts';
import type { Member } from '../../data/memberships.server.ts';
import type { FormFailure } from '../../utils/forms.ts';
import type { Role } from '../../utils/roles.ts';
import { memberControl } from './member-rules.ts';
import { memberName, membersHref } from './member-table.tsx';

function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

interface RemoveProps {
  organization: { slug: string; name: string };
  member: Member;
  me: string;
  actor: Role;
  /** Owners in the organization, over every page. */
  owners: number;
  page: number;
}

export function RemovePanel({ organization, member, me, actor, owners, page }: RemoveProps) {
  const heading = useFocusOnOpen();
  const busy = useNavigation().state !== 'idle';
  const name = memberName(member);
  const back = membersHref(organization.slug, page);
  const control = memberControl(actor, member, owners);
  const yourself = member.userId === me;
  return (
    <section className="panel panel-danger" aria-labelledby="remove-title">
      <h2 id="remove-title" tabIndex={-1} ref={heading}>
        {yourself ? `Leave ${organization.name}?` : `Remove ${name} from ${organization.name}?`}
      </h2>
      {control.editable ? (
        <>
          <p>
            {yourself
              ? 'You lose access to this organization and its properties at once.'
              : `${name} loses access to this organization and all its properties at once. You can invite them again later.`}
          </p>
          <Form method="post" className="panel-actions">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="userId" value={member.userId} />
            <input type="hidden" name="name" value={name} />
            <button type="submit" className="button button-danger" disabled={busy}>
              {yourself ? 'Leave the organization' : `Remove ${name}`}
            </button>
            <Link to={back} className="button">
              Cancel
            </Link>
          </Form>
        </>
      ) : (
        <>
          <p>{control.reason}</p>
          <Link to={back} className="button">
            Back to members
          </Link>
        </>
      )}
    </section>
  );
}

interface AccessProps {
  organization: { slug: string };
  member: Member;
  properties: PropertyChoice[];
  current: string[];
  failure?: FormFailure | undefined;
  page: number;
}

export function AccessPanel({ organization, member, properties, current, failure, page }: AccessProps) {
  const heading = useFocusOnOpen();
  const busy = useNavigation().state !== 'idle';
  const back = membersHref(organization.slug, page);
  const [scope, setScope] = useState(member.allProperties ? 'all' : 'some');
  const name = memberName(member);
  const errors = failure?.fieldErrors.property;
  return (
    <section className="panel" aria-labelledby="access-title">
      <h2 id="access-title" tabIndex={-1} ref={heading}>
        Where {name} works
      </h2>
      <Form method="post">
        <input type="hidden" name="intent" value="access" />
        <input type="hidden" name="userId" value={member.userId} />
        <input type="hidden" name="name" value={name} />
        <fieldset className="choice-group">
          <legend>Properties</legend>
          <label className="choice">
            <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} />
            Every property, including ones added later
          </label>
          <label className="choice">
            <input
              type="radio"
              name="scope"
              value="some"
              checked={scope === 'some'}
              onChange={() => setScope('some')}
            />
            Only the properties ticked below
          </label>
        </fieldset>
        <fieldset
          className="choice-group choice-list"
          disabled={scope === 'all'}
          aria-describedby={errors?.length ? 'access-errors' : undefined}
        >
          <legend>Works in</legend>
          {properties.map((property) => (
            <label className="choice" key={property.id}>
              <input
                type="checkbox"
                name="property"
                value={property.id}
                defaultChecked={current.includes(property.id)}
              />
              {property.name}
            </label>
          ))}
        </fieldset>
        {errors?.length ? (
          <ul className="field-errors" id="access-errors">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        ) : null}
        <FormErrorLine message={failure?.formError} />
        <div className="panel-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Save properties
          </button>
          <Link to={back} className="button">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

function FormErrorLine({ message }: { message?: string | undefined }) {
  return message ? (
    <p className="field-errors" role="alert">
      {message}
    </p>
  ) : null;
}
