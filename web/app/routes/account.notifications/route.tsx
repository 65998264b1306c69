// What the signed-in user is told (/account/notifications): per event, in the app (the bell)
// and by email. Saved in public.notification_preferences (RLS: the user's own rows); the
// database's triggers read them when they write a notification (decision 031).
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import { getPreferences, savePreferences } from '../../data/notifications.server.ts';
import { requireUser } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import styles from '../account._index/account.css?url';
import preferenceStyles from './preferences.css?url';
import { EVENT_LABELS, preferencesSchema } from './preferences.schema.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'stylesheet', href: preferenceStyles },
];

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'Notifications · Your account · Roost' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { email: user.email, preferences: await getPreferences(context.supabase) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await request.formData();
  if (form.get('intent') !== 'save-preferences') throw data({ message: 'Unknown form.' }, { status: 400 });
  const parsed = parseForm(preferencesSchema, form);
  if (!parsed.ok) return data({ intent: 'save-preferences', ...parsed.failure }, { status: 400 });
  const saved = await savePreferences(context.supabase, user.id, parsed.value);
  if (saved.error) return data({ intent: 'save-preferences', ...databaseFailure(saved.error) }, { status: 400 });
  throw redirect('/account/notifications?saved=save-preferences');
}

export default function NotificationPreferences() {
  const { email, preferences } = useLoaderData<typeof loader>();
  return (
    <div className="account-page">
      <header className="account-topbar">
        <Link to="/?pick" className="brand brand-link">
          Roost
        </Link>
        <Link to="/account">Your account</Link>
      </header>
      <main className="account-content" id="main">
        <h1>Notifications</h1>
        <p className="muted">
          What the bell tells you, and what is also emailed to {email}. Only events at properties you work in reach you.
        </p>
        <SavedNotice intent="save-preferences" text="Preferences saved." />
        <CheckedForm
          intent="save-preferences"
          schema={preferencesSchema}
          formKey="preferences"
          label="Notification preferences"
        >
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <table className="table notification-preferences">
                <caption className="visually-hidden">Notification preferences</caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">In the app</th>
                    <th scope="col">By email</th>
                  </tr>
                </thead>
                <tbody>
                  {preferences.map((p) => (
                    <tr key={p.event}>
                      <th scope="row" className="row-heading">
                        {EVENT_LABELS[p.event].label}
                        <div className="muted">{EVENT_LABELS[p.event].hint}</div>
                      </th>
                      <td>
                        <input
                          type="checkbox"
                          name={`${p.event}.in_app`}
                          defaultChecked={p.in_app}
                          aria-label={`${EVENT_LABELS[p.event].label} in the app`}
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          name={`${p.event}.email`}
                          defaultChecked={p.email}
                          aria-label={`${EVENT_LABELS[p.event].label} by email`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="form-actions">
                <button type="submit" className="button button-primary">
                  Save preferences
                </button>
              </div>
            </>
          )}
        </CheckedForm>
      </main>
    </div>
  );
}
