// A new guest (staff and up, as create_guest allows; viewers get 403). The database never merges
// it into an existing profile: an email or phone another guest has is refused on its field.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CheckedForm, FormButton } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import { createGuest } from '../../data/guests.server.ts';
import guestStyles from '../../styles/guests.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { NewGuestSchema } from '../o.$org.guests.$id/guest.schema.ts';
import { GUEST_ERRORS, languageChoices } from '../o.$org.guests.$id/guest.server.ts';
import { GuestFields } from '../o.$org.guests.$id/guest-fields.tsx';

export const meta: MetaFunction = () => [{ title: 'New guest · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: guestStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'staff');
  return { organization: { slug: organization.slug }, languages: languageChoices(null) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'staff');
  const parsed = parseForm(NewGuestSchema, await request.formData());
  if (!parsed.ok) return data({ intent: 'guest', ...parsed.failure }, { status: 400 });
  const saved = await createGuest(context.supabase, organization.id, parsed.value);
  if (saved.error) return data({ intent: 'guest', ...databaseFailure(saved.error, GUEST_ERRORS) }, { status: 400 });
  throw redirect(`/o/${organization.slug}/guests/${saved.row.id}?created`);
}

const EMPTY = { full_name: '', email: null, phone: null, language: null, notes: null };

export default function NewGuest() {
  const { organization, languages } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/guests`}>Guests</Link>
      </p>
      <h1>New guest</h1>
      <p className="muted">
        One profile per guest for all your properties. Search first if they may have stayed before.
      </p>
      <CheckedForm intent="guest" schema={NewGuestSchema} formKey="new" label="New guest">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <GuestFields guest={EMPTY} languages={languages} errors={errors} />
            <div className="checkbox-field">
              <input id="marketing-consent" type="checkbox" name="marketing_consent" />
              <label htmlFor="marketing-consent">The guest agrees to receive marketing messages</label>
            </div>
            <FormButton label="Add guest" />
          </>
        )}
      </CheckedForm>
    </>
  );
}
