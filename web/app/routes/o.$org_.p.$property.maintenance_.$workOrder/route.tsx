// One work order (staff and up; quotes and invoices for managers and up): its next step through
// the database's status flow, who does it, the room off sale until when (extend it, or put the room
// back on sale; closing the order ends the block now), photos with a preview before upload; vendors'
// quotes asked by email, compared cheapest first and one accepted (the others are told); the
// vendor's invoice, read by the OCR job and matched against the accepted quote.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { invoiceFolder, PHOTO_TYPES, photoFolder } from '../../data/maintenance-paths.ts';
import {
  acceptQuote,
  addInvoice,
  listActiveVendors,
  listInvoiceChecks,
  listQuoteRequests,
  listQuotes,
  requestQuote,
} from '../../data/vendors.server.ts';
import {
  addPhoto,
  changeWorkOrder,
  getWorkOrder,
  listAssignees,
  listPhotos,
  type WorkOrderChange,
} from '../../data/work-orders.server.ts';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { zonedToInstant } from '../../utils/time-zones.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import {
  formatLocalTime,
  MATCH_LABELS,
  NEXT_STEPS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  WORK_ORDER_ERRORS,
} from '../o.$org_.p.$property.maintenance/labels.ts';
import {
  acceptQuoteSchema,
  assignSchema,
  outOfServiceSchema,
  photoSchema,
  requestQuoteSchema,
  statusSchema,
} from '../o.$org_.p.$property.maintenance/maintenance.schema.ts';
import { FileUpload } from './file-upload.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: maintenanceStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `#${loaded.order.number} ${loaded.order.title} · Maintenance · Roost` : 'Work order · Roost' },
];

const INVOICE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property, membership } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const order = await getWorkOrder(supabase, property.id, args.params.workOrder ?? '');
  if (!order) throw data({ message: 'No such work order at this property.' }, { status: 404 });
  const manager = roleAtLeast(membership.role, 'manager');
  const [photos, assignees, vendors, requests, quotes, invoices] = await Promise.all([
    listPhotos(supabase, order.id),
    listAssignees(supabase, organization.id),
    manager ? listActiveVendors(supabase, organization.id) : [],
    manager ? listQuoteRequests(supabase, order.id) : [],
    manager ? listQuotes(supabase, order.id) : [],
    manager ? listInvoiceChecks(supabase, order.id) : [],
  ]);
  return {
    organizationId: organization.id,
    property: { id: property.id, timeZone: property.time_zone, currency: property.currency },
    today: todayIn(property.time_zone),
    manager,
    order,
    photos,
    assignees,
    vendors,
    requests,
    quotes,
    invoices,
  };
}

type Failure = FormFailure & { intent: string };

const fail = (intent: string, failure: FormFailure, status = 400) => data<Failure>({ ...failure, intent }, { status });

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const managerIntents = ['request_quote', 'accept_quote', 'invoice'];
  const { organization, property } = await requireStaffProperty(
    args,
    managerIntents.includes(intent) ? 'manager' : 'staff',
  );
  const supabase = args.context.supabase;
  const id = args.params.workOrder ?? '';
  const ids = { organizationId: organization.id, propertyId: property.id, workOrderId: id };
  const done = (saved: string) => redirect(`?saved=${saved}`);

  async function change(values: WorkOrderChange, saved: string) {
    const result = await changeWorkOrder(supabase, property.id, id, values);
    if (result.error) return fail(intent, databaseFailure(result.error, WORK_ORDER_ERRORS));
    return done(saved);
  }

  switch (intent) {
    case 'status': {
      const parsed = parseForm(statusSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      return change({ status: parsed.value.status }, parsed.value.status);
    }
    case 'assign': {
      const parsed = parseForm(assignSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      const order = await getWorkOrder(supabase, property.id, id);
      if (!order) throw data({ message: 'No such work order at this property.' }, { status: 404 });
      const assignee = parsed.value.assigned_to;
      // An open order becomes assigned with its assignee; unassigning puts it back (the trigger).
      const values: WorkOrderChange =
        assignee && order.status === 'open' ? { assigned_to: assignee, status: 'assigned' } : { assigned_to: assignee };
      return change(values, 'assigned');
    }
    case 'out_of_service': {
      const parsed = parseForm(outOfServiceSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      const until = parsed.value.out_of_service_until;
      return change(
        { out_of_service_until: until ? zonedToInstant(until, property.time_zone).toISOString() : null },
        until ? 'off_sale' : 'on_sale',
      );
    }
    case 'photo':
    case 'invoice': {
      const parsed = parseForm(photoSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      const result =
        intent === 'photo'
          ? await addPhoto(supabase, ids, parsed.value.object_name)
          : await addInvoice(supabase, ids, parsed.value.object_name);
      if (result.error) return fail(intent, databaseFailure(result.error, WORK_ORDER_ERRORS));
      return { saved: intent };
    }
    case 'request_quote': {
      const parsed = parseForm(requestQuoteSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      // The link in the email points back at this app (its /quote/<token> page).
      const site = new URL(args.request.url).origin;
      const result = await requestQuote(supabase, id, parsed.value.vendor_id, site, parsed.value.valid_days);
      if (result.error) return fail(intent, databaseFailure(result.error, WORK_ORDER_ERRORS));
      return done('quote_requested');
    }
    case 'accept_quote': {
      const parsed = parseForm(acceptQuoteSchema, form);
      if (!parsed.ok) return fail(intent, parsed.failure);
      const result = await acceptQuote(supabase, parsed.value.quote_id);
      if (result.error) return fail(intent, databaseFailure(result.error, WORK_ORDER_ERRORS));
      return done('quote_accepted');
    }
    default:
      return fail('form', { fieldErrors: {}, formError: 'Unknown action.' });
  }
}

function IntentError({ intent }: { intent: string }) {
  const failure = useActionData<Failure>();
  if (failure?.intent !== intent) return null;
  const fields = Object.values(failure.fieldErrors).flat().filter(Boolean);
  return <FormError message={failure.formError ?? fields.join(' ')} />;
}

/** A post that asks first (closing or cancelling cannot be undone). */
function ConfirmedButton({ label, question, className }: { label: string; question: string; className: string }) {
  return (
    <button
      type="submit"
      className={className}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      {label}
    </button>
  );
}

/** A UTC instant as the value of a datetime-local field in the property's zone. */
function localInputValue(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

const SAVED_TEXT: Record<string, string> = {
  raised: 'Work order raised.',
  assigned: 'Assignment saved.',
  off_sale: 'The room is off sale until the date shown.',
  on_sale: 'The room is back on sale.',
  quote_requested: 'Quote request emailed to the vendor.',
  quote_accepted: 'Quote accepted; the vendors were told by email.',
  in_progress: 'Work started.',
  on_hold: 'Work order on hold.',
  done: 'Work order done.',
  cancelled: 'Work order cancelled.',
  open: 'Work order reopened.',
};

export default function WorkOrderScreen() {
  const { organizationId, property, today, manager, order, photos, assignees, vendors, requests, quotes, invoices } =
    useLoaderData<typeof loader>();
  // Jobs too: an invoice's OCR result arrives as a change of its job.
  const live = useLiveChanges({ tables: ['work_orders', 'jobs'], propertyId: property.id });
  const params = useParams();
  const navigation = useNavigation();
  const closed = order.status === 'done' || order.status === 'cancelled';
  const offSale = !closed && order.outOfServiceUntil !== null && Date.parse(order.outOfServiceUntil) > Date.now();
  const overdue = !closed && order.dueOn !== null && order.dueOn < today;
  const accepted = quotes.find((quote) => quote.status === 'accepted') ?? null;
  const cheapest = quotes.find((quote) => quote.status !== 'declined') ?? null;
  return (
    <div className="maintenance-screen">
      <p>
        <Link to={`/o/${params.org}/p/${property.id}/maintenance`}>← All work orders</Link>
      </p>
      <header className="maintenance-header">
        <h1>
          #{order.number} {order.title}
        </h1>
        <LiveBadge state={live} />
      </header>
      {Object.entries(SAVED_TEXT).map(([intent, text]) => (
        <SavedNotice key={intent} intent={intent} text={text} />
      ))}
      <div className={manager ? 'maintenance-layout' : 'maintenance-single'}>
        <div>
          <section className="section" aria-labelledby="summary-title">
            <h2 id="summary-title" className="visually-hidden">
              Summary
            </h2>
            <dl className="work-order-facts">
              <dt>Status</dt>
              <dd>
                <span className={`wo-badge wo-status-${order.status}`}>{STATUS_LABELS[order.status]}</span>
              </dd>
              <dt>Priority</dt>
              <dd>
                <span className={`wo-badge wo-priority-${order.priority}`}>{PRIORITY_LABELS[order.priority]}</span>
              </dd>
              <dt>Where</dt>
              <dd>
                {[order.resourceName && `Room ${order.resourceName}`, order.area].filter(Boolean).join(' · ') ||
                  'Whole property'}
              </dd>
              <dt>Due</dt>
              <dd className={overdue ? 'wo-overdue' : undefined}>
                {order.dueOn ? `${overdue ? 'Overdue since ' : ''}${formatDate(order.dueOn)}` : 'No due date'}
              </dd>
              <dt>Reported</dt>
              <dd>
                {formatLocalTime(order.createdAt, property.timeZone)} by{' '}
                {order.source === 'preventive' ? 'a preventive schedule' : order.source}
              </dd>
              {order.closedAt ? (
                <>
                  <dt>Closed</dt>
                  <dd>{formatLocalTime(order.closedAt, property.timeZone)}</dd>
                </>
              ) : null}
            </dl>
            {order.description ? <p className="work-order-description">{order.description}</p> : null}
          </section>

          {closed ? null : (
            <section className="section" aria-labelledby="steps-title">
              <h2 id="steps-title">Next step</h2>
              <IntentError intent="status" />
              <div className="work-order-steps">
                {NEXT_STEPS[order.status].map((step) => (
                  <Form method="post" key={step.to}>
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="status" value={step.to} />
                    {step.to === 'done' ? (
                      <ConfirmedButton
                        className="button button-primary"
                        label={step.label}
                        question={offSale ? 'Mark done? The room goes back on sale now.' : 'Mark this work order done?'}
                      />
                    ) : (
                      <button type="submit" className="button button-primary">
                        {step.label}
                      </button>
                    )}
                  </Form>
                ))}
                {order.status === 'open' ? <p className="muted">Assign someone to start the work.</p> : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="status" value="cancelled" />
                  <ConfirmedButton
                    className="button"
                    label="Cancel work order"
                    question="Cancel this work order? It cannot be reopened."
                  />
                </Form>
              </div>
              <Form method="post" className="form-panel work-order-assign" aria-label="Assign">
                <input type="hidden" name="intent" value="assign" />
                <IntentError intent="assign" />
                <SelectField
                  label="Assigned to"
                  name="assigned_to"
                  defaultValue={order.assignedTo ?? ''}
                  key={order.updatedAt}
                >
                  <option value="">Nobody yet</option>
                  {assignees.map((member) => (
                    <option key={member.userId} value={member.userId}>
                      {member.name}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="button">
                  Save assignment
                </button>
              </Form>
            </section>
          )}

          {order.resourceId ? (
            <section className="section" aria-labelledby="sale-title">
              <h2 id="sale-title">Room {order.resourceName} on sale</h2>
              <p className={offSale ? 'wo-off-sale' : 'muted'}>
                {offSale && order.outOfServiceUntil
                  ? `Off sale until ${formatLocalTime(order.outOfServiceUntil, property.timeZone)}: no booking can take it before then.`
                  : closed
                    ? 'The order is closed: the room is on sale.'
                    : 'On sale. Take it off sale while it cannot be used.'}
              </p>
              {closed ? null : (
                <div className="field-row field-row-2">
                  <Form method="post" className="form-panel" aria-label="Off sale until">
                    <input type="hidden" name="intent" value="out_of_service" />
                    <IntentError intent="out_of_service" />
                    <TextField
                      label={offSale ? 'Extend or shorten until' : 'Off sale until'}
                      name="out_of_service_until"
                      type="datetime-local"
                      required
                      key={order.updatedAt}
                      defaultValue={
                        order.outOfServiceUntil ? localInputValue(order.outOfServiceUntil, property.timeZone) : ''
                      }
                    />
                    <button type="submit" className="button button-primary">
                      {offSale ? 'Save new date' : 'Take off sale'}
                    </button>
                  </Form>
                  {offSale ? (
                    <Form method="post" className="form-panel" aria-label="Back on sale">
                      <input type="hidden" name="intent" value="out_of_service" />
                      <input type="hidden" name="out_of_service_until" value="" />
                      <p className="muted">The room can be booked again from now.</p>
                      <button type="submit" className="button">
                        Back on sale now
                      </button>
                    </Form>
                  ) : null}
                </div>
              )}
            </section>
          ) : null}

          <section className="section" aria-labelledby="photos-title">
            <h2 id="photos-title">Photos</h2>
            {photos.length === 0 ? (
              <p className="empty-state">No photos yet. A photo helps whoever fixes it (and the vendor quoting).</p>
            ) : (
              <ul className="work-order-photos">
                {photos.map((photo, index) => (
                  <li key={photo.id}>
                    {photo.url ? (
                      <a href={photo.url} target="_blank" rel="noreferrer">
                        <img src={photo.url} alt={`Work order ${order.number}, view ${index + 1}`} loading="lazy" />
                      </a>
                    ) : (
                      <span className="muted">Photo unavailable</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {closed ? null : (
              <FileUpload
                folder={photoFolder(organizationId, property.id, order.id)}
                intent="photo"
                accept={[...PHOTO_TYPES]}
                capture
                label="Take or choose a photo"
                buttonLabel="Add photo"
                hint="JPEG, PNG, WebP or HEIC, up to 20 MB"
              />
            )}
          </section>
        </div>

        {manager ? (
          <div>
            <section className="section" aria-labelledby="quotes-title">
              <h2 id="quotes-title">Vendor quotes</h2>
              {quotes.length === 0 ? (
                <p className="empty-state">No quotes yet. Ask vendors below; their answers appear here.</p>
              ) : (
                <table className="table">
                  <caption className="visually-hidden">Quotes, cheapest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Vendor</th>
                      <th scope="col" className="numeric">
                        Amount
                      </th>
                      <th scope="col">Can start</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {quotes.map((quote) => (
                      <tr key={quote.id} className={quote.status === 'accepted' ? 'quote-accepted' : undefined}>
                        <td>
                          {quote.vendorName}
                          {quote.notes ? <span className="cell-note"> {quote.notes}</span> : null}
                          {quote.attachmentName && quote.attachmentStored ? (
                            <>
                              {' '}
                              <a
                                href={`/o/${params.org}/p/${property.id}/maintenance/${order.id}/quote-attachment/${quote.id}`}
                              >
                                {quote.attachmentName}
                              </a>
                            </>
                          ) : null}
                          {quote.attachmentName && !quote.attachmentStored ? (
                            <span className="cell-note">
                              {' '}
                              {quote.attachmentName} (not received: ask the vendor to email it)
                            </span>
                          ) : null}
                        </td>
                        <td className="numeric">
                          {formatMoney(quote.amountMinor, quote.currency)}
                          {cheapest?.id === quote.id && quotes.length > 1 ? (
                            <span className="cell-note"> lowest</span>
                          ) : null}
                        </td>
                        <td>{quote.availableOn ? formatDate(quote.availableOn) : '—'}</td>
                        <td>
                          {quote.status === 'submitted' && !accepted && !closed ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="accept_quote" />
                              <input type="hidden" name="quote_id" value={quote.id} />
                              <ConfirmedButton
                                className="button button-primary"
                                label="Accept"
                                question={`Accept ${quote.vendorName}'s quote of ${formatMoney(quote.amountMinor, quote.currency)}? The other vendors are told by email.`}
                              />
                            </Form>
                          ) : (
                            { submitted: 'Submitted', accepted: 'Accepted', declined: 'Declined' }[quote.status]
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <IntentError intent="accept_quote" />
              {closed || accepted ? null : (
                <Form method="post" className="form-panel" aria-label="Ask a vendor for a quote">
                  <input type="hidden" name="intent" value="request_quote" />
                  <h3>Ask a vendor for a quote</h3>
                  <IntentError intent="request_quote" />
                  {vendors.length === 0 ? (
                    <p className="muted">
                      No vendors yet: add them in the portal’s <Link to={`/o/${params.org}/vendors`}>Vendors</Link>{' '}
                      page.
                    </p>
                  ) : (
                    <>
                      <div className="field-row field-row-2">
                        <SelectField label="Vendor" name="vendor_id" required defaultValue="">
                          <option value="" disabled>
                            Choose a vendor
                          </option>
                          {vendors.map((vendor) => (
                            <option key={vendor.id} value={vendor.id}>
                              {vendor.name}
                              {vendor.trade ? ` (${vendor.trade})` : ''}
                            </option>
                          ))}
                        </SelectField>
                        <TextField
                          label="Link valid for (days)"
                          name="valid_days"
                          inputMode="numeric"
                          defaultValue="14"
                          required
                        />
                      </div>
                      <button
                        type="submit"
                        className="button button-primary"
                        disabled={navigation.state === 'submitting'}
                      >
                        Email quote request
                      </button>
                    </>
                  )}
                </Form>
              )}
              {requests.length ? (
                <>
                  <h3>Requests sent</h3>
                  <ul className="quote-requests">
                    {requests.map((request) => (
                      <li key={request.id}>
                        {request.vendorName} ({request.email}) ·{' '}
                        {request.status === 'submitted'
                          ? 'answered'
                          : request.status === 'closed'
                            ? 'closed'
                            : Date.parse(request.expiresAt) < Date.now()
                              ? 'expired'
                              : `waiting, link valid until ${formatLocalTime(request.expiresAt, property.timeZone)}`}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>

            <section className="section" aria-labelledby="invoices-title">
              <h2 id="invoices-title">Vendor invoice</h2>
              {invoices.length === 0 ? (
                <p className="empty-state">
                  No invoice yet. Photograph the vendor’s invoice: its total is read and compared with the accepted
                  quote.
                </p>
              ) : (
                <ul className="invoice-checks">
                  {invoices.map((invoice, index) => (
                    <li key={invoice.id} className={`invoice-${invoice.matchState}`}>
                      <strong>Invoice {index + 1}</strong>: {MATCH_LABELS[invoice.matchState]}
                      {invoice.readTotalMinor !== null ? (
                        <span>
                          {' '}
                          · read total {formatMoney(invoice.readTotalMinor, invoice.readCurrency ?? property.currency)}
                        </span>
                      ) : null}
                      {invoice.quotedMinor !== null ? (
                        <span> · quoted {formatMoney(invoice.quotedMinor, property.currency)}</span>
                      ) : null}
                      {invoice.matchState === 'differs' && invoice.differenceMinor !== null ? (
                        <strong className="wo-overdue">
                          {' '}
                          · {invoice.differenceMinor > 0 ? 'over' : 'under'} by{' '}
                          {formatMoney(Math.abs(invoice.differenceMinor), property.currency)}
                        </strong>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              <FileUpload
                folder={invoiceFolder(organizationId, property.id, order.id)}
                intent="invoice"
                accept={INVOICE_TYPES}
                capture
                label="Take or choose the invoice"
                buttonLabel="Add invoice"
                hint="A photo or image of the invoice (JPEG, PNG or WebP)"
              />
            </section>
          </div>
        ) : null}
      </div>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
