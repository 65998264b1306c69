// A booking's folio at the desk: its entries (nights, orders, payments, refunds, adjustments)
// with a running balance in the property's currency; staff take payments and settle a zero
// balance; managers also refund and post adjustments (charges or discounts with a reason). The
// database decides who may post what (a forged manager-only post from staff is refused there
// and shown here); the invoice is a PDF from the server (folios/<id>.pdf). Live: entries posted
// on another device re-run the loader.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { CheckedForm } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { PresenceNote, presenceLinks } from '../../components/presence-note.tsx';
import { getFolio, postAdjustment, recordPayment, recordRefund, settleFolio } from '../../data/folios.server.ts';
import deskStyles from '../../styles/desk.css?url';
import { formatDate } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { currencyDigits, decimalToMinor, formatMoney } from '../../utils/money.ts';
import { presenceUser } from '../../utils/presence.server.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { usePresence } from '../../utils/use-presence.ts';
import { LiveBadge, stayDates } from '../o.$org_.p.$property.bookings.$booking/desk-parts.tsx';
import { AdjustmentSchema, PaymentSchema, RefundSchema } from './folio.schema.ts';
import { ENTRY_LABELS, FOLIO_ERRORS } from './folio-errors.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'Folio · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: deskStyles }, ...presenceLinks()];

async function folioOr404(args: LoaderFunctionArgs) {
  const access = await requireStaffProperty(args);
  const folio = await getFolio(args.context.supabase, access.property.id, args.params.folio ?? '');
  if (!folio) throw data({ message: 'No such folio at this property.' }, { status: 404 });
  return { ...access, folio };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, organization, property, membership, folio } = await folioOr404(args);
  return {
    base: `/o/${organization.slug}/p/${property.id}`,
    property: { id: property.id, time_zone: property.time_zone },
    manager: roleAtLeast(membership.role, 'manager'),
    folio,
    viewer: await presenceUser(args.context.supabase, user, membership.role),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property, folio } = await folioOr404(args);
  const { supabase } = args.context;
  const here = `/o/${organization.slug}/p/${property.id}/folios/${folio.id}`;
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const digits = currencyDigits(folio.currency);
  const badAmount = () =>
    data(
      { intent, fieldErrors: { amount: [`Use at most ${digits} decimals in ${folio.currency}.`] } },
      { status: 400 },
    );
  const refused = (error: { code: string; message: string }) =>
    data(
      { intent, ...databaseFailure(error, FOLIO_ERRORS) },
      { status: error.message === 'insufficient_role' ? 403 : 400 },
    );

  if (intent === 'payment' || intent === 'refund') {
    const parsed = parseForm(intent === 'payment' ? PaymentSchema : RefundSchema, form);
    if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
    const amountMinor = decimalToMinor(parsed.value.amount, digits);
    if (amountMinor === null) return badAmount();
    const money = { amountMinor, method: parsed.value.method, reference: parsed.value.reference };
    const saved = await (intent === 'payment' ? recordPayment : recordRefund)(supabase, folio.id, money);
    if (saved.error) return refused(saved.error);
    throw redirect(`${here}?saved=${intent}`);
  }
  if (intent === 'adjustment') {
    const parsed = parseForm(AdjustmentSchema, form);
    if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
    const amountMinor = decimalToMinor(parsed.value.amount, digits);
    if (amountMinor === null) return badAmount();
    const saved = await postAdjustment(supabase, folio.id, amountMinor, parsed.value.reason);
    if (saved.error) return refused(saved.error);
    throw redirect(`${here}?saved=adjustment`);
  }
  if (intent === 'settle') {
    const saved = await settleFolio(supabase, folio.id);
    if (saved.error) return refused(saved.error);
    throw redirect(`${here}?saved=settle`);
  }
  return data({ intent, fieldErrors: {}, formError: 'Unknown action.' }, { status: 400 });
}

const SAVED: Record<string, string> = {
  payment: 'Payment recorded.',
  refund: 'Refund recorded.',
  adjustment: 'Adjustment posted.',
  settle: 'Folio settled.',
};

/** The sum of the entries of these kinds (charges and refunds positive, payments negative). */
function sumOf(entries: { kind: string; amount_minor: number }[], kinds: string[]): number {
  return entries.filter((entry) => kinds.includes(entry.kind)).reduce((total, entry) => total + entry.amount_minor, 0);
}

// A stable array: the feed resubscribes when its tables change.
const LIVE_TABLES = ['folio_entries', 'bookings'];

type Failure = { intent: string; fieldErrors: Record<string, string[] | undefined>; formError?: string };

export default function FolioScreen() {
  const { base, property, folio, manager, viewer } = useLoaderData<typeof loader>();
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id });
  const others = usePresence({ propertyId: property.id, screen: 'folio', id: folio.id, ...viewer });
  const [params] = useSearchParams();
  const failure = useActionData<Failure>();
  const navigation = useNavigation();
  const saved = params.get('saved');
  const money = (minor: number) => formatMoney(minor, folio.currency);
  const open = folio.status === 'open';
  const time = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: property.time_zone,
  });
  return (
    <div className="desk">
      <p className="breadcrumb">
        {folio.booking ? (
          <Link to={`${base}/bookings/${folio.booking.id}`}>Booking {folio.booking.reference}</Link>
        ) : (
          <Link to={`${base}/grid`}>Booking grid</Link>
        )}
      </p>
      <div className="desk-header">
        <h1>
          Folio{folio.guest ? ` · ${folio.guest.full_name}` : ''}{' '}
          <span className={`status-badge status-${open ? 'confirmed' : 'checked_in'}`}>
            {open ? 'Open' : 'Settled'}
          </span>
        </h1>
        <LiveBadge state={live} />
      </div>
      <PresenceNote people={others} screen="folio" />
      {saved && SAVED[saved] && !failure ? (
        <div className="alert alert-success" role="status">
          {SAVED[saved]}
        </div>
      ) : null}
      {/* Failures of forms not on the page (settle's button; a forged manager-only post from staff). */}
      {failure && (failure.intent === 'settle' || (!manager && failure.intent !== 'payment')) ? (
        <FormError message={failure.formError} />
      ) : null}
      <dl className="facts">
        {folio.booking ? (
          <div>
            <dt>Stay</dt>
            <dd>
              {folio.booking.resource_name}, {stayDates(folio.booking.arrival_date, folio.booking.departure_date)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Charges</dt>
          <dd>{money(sumOf(folio.entries, ['room_charge', 'order', 'adjustment']))}</dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{money(-sumOf(folio.entries, ['payment', 'refund']))}</dd>
        </div>
        <div>
          <dt>Balance due</dt>
          <dd data-testid="folio-balance">{money(folio.balance_minor)}</dd>
        </div>
      </dl>
      <div className="desk-actions">
        <a href={`${base}/folios/${folio.id}.pdf`} className="button" target="_blank" rel="noreferrer">
          Invoice (PDF)
        </a>
        {open ? (
          <Form method="post">
            <input type="hidden" name="intent" value="settle" />
            <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
              Settle folio
            </button>
          </Form>
        ) : null}
        {folio.booking?.status === 'checked_in' ? (
          <Link to={`${base}/bookings/${folio.booking.id}?do=check_out`} className="button">
            Check out
          </Link>
        ) : null}
      </div>
      {folio.entries.length === 0 ? (
        <div className="empty-state">
          <p>Nothing posted yet.</p>
          <p className="muted">Nights are posted as they are stayed; take a deposit with a payment below.</p>
        </div>
      ) : (
        <table className="table folio-table">
          <caption>Entries</caption>
          <thead>
            <tr>
              <th scope="col">Posted</th>
              <th scope="col">Kind</th>
              <th scope="col">Description</th>
              <th scope="col" className="amount">
                Amount
              </th>
              <th scope="col" className="amount">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {folio.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.night ? formatDate(entry.night) : time.format(new Date(entry.created_at))}</td>
                <td>{ENTRY_LABELS[entry.kind]}</td>
                <td>
                  {entry.description}
                  {entry.external_reference ? <span className="muted"> · {entry.external_reference}</span> : null}
                  {entry.tax_minor ? <span className="muted"> · incl. tax {money(entry.tax_minor)}</span> : null}
                </td>
                <td className="amount">{money(entry.amount_minor)}</td>
                <td className="amount">{money(entry.balance_minor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <div className="desk-columns">
          <MoneyForm intent="payment" title="Take a payment" button="Record payment" />
          {manager ? <AdjustmentForm /> : null}
          {manager ? <MoneyForm intent="refund" title="Refund" button="Record refund" /> : null}
        </div>
      ) : null}
      {open && !manager ? (
        <p className="muted">Refunds and adjustments (extra charges, discounts) are for managers.</p>
      ) : null}
    </div>
  );
}

function MoneyForm({ intent, title, button }: { intent: 'payment' | 'refund'; title: string; button: string }) {
  const { folio } = useLoaderData<typeof loader>();
  return (
    <CheckedForm
      intent={intent}
      schema={intent === 'payment' ? PaymentSchema : RefundSchema}
      formKey={`${intent}-${folio.entries.length}`}
      label={title}
    >
      {(errors) => (
        <>
          <h2>{title}</h2>
          <FormError message={errors?.formError} />
          <TextField
            label={`Amount (${folio.currency})`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            errors={errors?.fieldErrors.amount}
          />
          <SelectField label="Method" name="method" defaultValue="card" errors={errors?.fieldErrors.method}>
            <option value="card">Card</option>
            <option value="cash">Cash</option>
            <option value="external">External (transfer, voucher)</option>
          </SelectField>
          <TextField
            label="Reference (optional)"
            name="reference"
            autoComplete="off"
            errors={errors?.fieldErrors.reference}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {button}
            </button>
          </div>
        </>
      )}
    </CheckedForm>
  );
}

function AdjustmentForm() {
  const { folio } = useLoaderData<typeof loader>();
  return (
    <CheckedForm
      intent="adjustment"
      schema={AdjustmentSchema}
      formKey={`adjustment-${folio.entries.length}`}
      label="Charge or discount"
    >
      {(errors) => (
        <>
          <h2>Charge or discount</h2>
          <FormError message={errors?.formError} />
          <TextField
            label={`Amount (${folio.currency})`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            hint="Negative for a discount."
            errors={errors?.fieldErrors.amount}
          />
          <TextField label="Reason" name="reason" autoComplete="off" errors={errors?.fieldErrors.reason} />
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              Post adjustment
            </button>
          </div>
        </>
      )}
    </CheckedForm>
  );
}
