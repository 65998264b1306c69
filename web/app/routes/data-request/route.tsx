// A guest's own data request (GDPR, decision 037), public: their booking reference and email. When
// both match a guest on file, the hotel's export is prepared and a download link is emailed to the
// address the hotel has; the page says the same whether or not anything matched, so it reveals
// nothing about who stays where (public.request_my_guest_data answers alike).
import { type ActionFunctionArgs, data, type LinksFunction, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { FormError, TextField } from '../../components/forms.tsx';
import { requestMyGuestData } from '../../data/guest-data-requests.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import styles from '../account._index/account.css?url';
import { DataRequestSchema } from './data-request.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [
  { title: 'Your personal data · Roost' },
  { name: 'robots', content: 'noindex' },
];

export function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(DataRequestSchema, form);
  const failed = (failure: FormFailure) => data({ received: false as const, ...failure }, { status: 400 });
  if (!parsed.ok) return failed(parsed.failure);
  const result = await requestMyGuestData(context.supabase, parsed.value.reference, parsed.value.email);
  if (result.error) {
    return failed(
      databaseFailure(result.error, {
        invalid_booking_reference: {
          field: 'reference',
          message: 'Enter the booking reference from your confirmation.',
        },
        invalid_email: { field: 'email', message: 'Enter the email address you gave when booking.' },
      }),
    );
  }
  return { received: true as const };
}

export default function DataRequest() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors = result && !result.received ? result : null;
  return (
    <div className="account-page">
      <main className="account-content" id="main">
        <h1>Your personal data</h1>
        {result?.received ? (
          <div className="alert alert-success" role="status">
            Thank you. If the booking reference and email match a booking, we will email a link to download your data to
            the address the hotel has on file. The link works for 7 days. If nothing arrives within an hour, check the
            reference on your confirmation or contact the hotel.
          </div>
        ) : (
          <>
            <p>
              Ask for a copy of the personal data a hotel using Roost holds about you. Enter the reference of one of
              your bookings and the email address you gave; we send a download link to that address.
            </p>
            <Form method="post" noValidate className="form-panel">
              <FormError message={errors?.formError} />
              <TextField
                label="Booking reference"
                name="reference"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                required
                errors={errors?.fieldErrors.reference}
              />
              <TextField
                label="Email address"
                name="email"
                type="email"
                autoComplete="email"
                required
                errors={errors?.fieldErrors.email}
              />
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  Email me my data
                </button>
              </div>
            </Form>
          </>
        )}
      </main>
    </div>
  );
}
