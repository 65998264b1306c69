// Check-in at the desk: scan the guest's ID document (or type its details), confirm the guest's
// profile and the document, check the booking in. The scan is read by the OCR worker (an
// ocr_id_document job); the page follows the job live and fills the form with what it read. The
// name goes to the guest's profile; the document's fields, as staff confirmed or corrected them,
// are recorded with the check-in (check_in_with_identity_document: both or neither) as far as the
// property's id_document_retention allows, and the page lists the guest's documents on file.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CheckedForm, FormButton } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { roomStatusLabel } from '../../components/room-status-badge.tsx';
import { getGuest, guestFields, updateGuest } from '../../data/guests.server.ts';
import { bookingRoomStatus } from '../../data/housekeeping.server.ts';
import {
  checkInBooking,
  checkInWithDocument,
  type DocumentRetention,
  findScanJob,
  getCheckInBooking,
  getDocumentRetention,
  listIdentityDocuments,
  type ScanDocument,
} from '../../data/id-scan.server.ts';
import checkInStyles from '../../styles/check-in.css?url';
import roomStatusStyles from '../../styles/room-status.css?url';
import { formatDate, formatDateSpan, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { GUEST_ERRORS, languageChoices } from '../o.$org.guests.$id/guest.server.ts';
import { GuestFields } from '../o.$org.guests.$id/guest-fields.tsx';
import { checkInSchema, DOCUMENT_TYPES, documentTypeOf, nameFromDocument, scanParam } from './check-in.schema.ts';
import { DocumentFields, DocumentsOnFile } from './documents.tsx';
import { ScanPanel } from './scan.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: checkInStyles },
  { rel: 'stylesheet', href: roomStatusStyles },
];

/** A manager's reason to check in to a room that is not clean or inspected (empty: none). */
const OverrideSchema = z.object({ override_reason: z.string().trim().max(500).optional().default('') });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Check in ${data?.booking.reference ?? ''} · Roost` },
];

/** check_in_booking's refusals. */
const CHECK_IN_ERRORS: Record<string, ErrorPlacement> = {
  invalid_transition: { message: 'This booking cannot be checked in now: it is not confirmed.' },
  too_early: { message: 'Check-in opens on the arrival date.' },
  hold_expired: { message: 'This hold has expired; book again.' },
  booking_changed: { message: 'The booking changed meanwhile. Reload the page and try again.' },
  booking_not_found: { message: 'This booking no longer exists.' },
  room_not_ready: {
    message: 'The room is not clean or inspected yet: a manager can check the guest in with a reason.',
  },
  invalid_override_reason: { field: 'override_reason', message: 'Use 1 to 500 characters.' },
  insufficient_role: { message: 'Only a manager can check a guest in to a room that is not ready.' },
};

/** check_in_with_identity_document's refusals of the document, and its table's constraints. */
const DOCUMENT_ERRORS: Record<string, ErrorPlacement> = {
  ...CHECK_IN_ERRORS,
  invalid_document_type: { field: 'document_type', message: 'Choose the kind of document.' },
  invalid_document_number: { field: 'document_number', message: 'Use 1 to 20 letters and digits, as printed.' },
  invalid_issuing_country: { field: 'issuing_country', message: 'Use the code of 1 to 3 letters on the document.' },
  invalid_nationality: { field: 'nationality', message: 'Use the code of 1 to 3 letters on the document.' },
  invalid_birth_date: { field: 'birth_date', message: 'The date of birth must be a past date from 1900 on.' },
  invalid_expiry_date: { field: 'expiry_date', message: 'The document cannot expire before its holder was born.' },
  guest_required: { message: 'This booking has no guest profile, so no document can be recorded for it.' },
};

async function loadBooking(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireStaffProperty(args);
  const booking = await getCheckInBooking(args.context.supabase, access.property.id, args.params.booking ?? '');
  if (!booking) throw data({ message: 'No such booking at this property.' }, { status: 404 });
  const guest = booking.guest_id
    ? await getGuest(args.context.supabase, access.organization.id, booking.guest_id)
    : null;
  const retention = await getDocumentRetention(args.context.supabase, access.property.id);
  return { ...access, booking, guest, retention };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property, booking, guest, retention, membership } = await loadBooking(args);
  const scan = scanParam(new URL(args.request.url).searchParams.get('scan'), organization.id, property.id, booking.id);
  const [job, documents, roomStatus] = await Promise.all([
    scan ? findScanJob(args.context.supabase, property.id, scan) : null,
    guest ? listIdentityDocuments(args.context.supabase, organization.id, guest.id) : [],
    bookingRoomStatus(args.context.supabase, booking.id),
  ]);
  return {
    organization: { id: organization.id, slug: organization.slug },
    property: { id: property.id, name: property.name, time_zone: property.time_zone },
    today: todayIn(property.time_zone),
    booking,
    guest,
    languages: languageChoices(guest?.language ?? null),
    scan,
    job,
    retention,
    documents,
    roomStatus,
    manager: roleAtLeast(membership.role, 'manager'),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { booking, guest, retention } = await loadBooking(args);
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent !== 'check-in') {
    return data({ intent: 'check-in', fieldErrors: {}, formError: 'Unknown action.' }, { status: 400 });
  }
  let document: Parameters<typeof checkInWithDocument>[2] | null = null;
  if (guest) {
    const parsed = parseForm(checkInSchema(retention !== 'validity_only'), form);
    if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
    const { document_type, document_number, issuing_country, nationality, birth_date, expiry_date, ...fields } =
      parsed.value;
    if (document_type) {
      document = {
        document_type,
        document_number,
        issuing_country: issuing_country || null,
        nationality: nationality || null,
        birth_date: birth_date || null,
        expiry_date: expiry_date || null,
      };
    }
    // Consent is not on this form: it stays as the guest gave it.
    const saved = await updateGuest(args.context.supabase, guest.id, {
      ...fields,
      marketing_consent: guestFields(guest).marketing_consent,
    });
    if (saved.error) return data({ intent, ...databaseFailure(saved.error, GUEST_ERRORS) }, { status: 400 });
  }
  const override = OverrideSchema.safeParse({ override_reason: form.get('override_reason') ?? undefined });
  const overrideReason = override.success ? override.data.override_reason : '';
  const checkedIn = document
    ? await checkInWithDocument(args.context.supabase, booking.id, document, overrideReason)
    : await checkInBooking(args.context.supabase, booking.id, overrideReason);
  if (checkedIn.error) {
    const failure = databaseFailure(checkedIn.error, DOCUMENT_ERRORS);
    const formError = guest
      ? `The guest’s details were saved, but the booking was not checked in: ${failure.formError ?? ''}`
      : failure.formError;
    return data({ intent, fieldErrors: failure.fieldErrors, formError }, { status: 400 });
  }
  return redirect(new URL(args.request.url).pathname);
}

export default function CheckIn() {
  const {
    organization,
    property,
    today,
    booking,
    guest,
    languages,
    scan,
    job,
    retention,
    documents,
    roomStatus,
    manager,
  } = useLoaderData<typeof loader>();
  const live = useLiveChanges({ tables: ['jobs', 'bookings', 'room_statuses'], propertyId: property.id });
  const roomReady = !roomStatus || roomStatus.status === 'clean' || roomStatus.status === 'inspected';
  const schema = guest ? checkInSchema(retention !== 'validity_only') : NO_FIELDS;
  const onFile = guest ? <DocumentsOnFile documents={documents} timeZone={property.time_zone} /> : null;
  const document = job?.document ?? null;
  const checkedIn = booking.status === 'checked_in';
  return (
    <div className="check-in">
      <header className="check-in-header">
        <div>
          <h1>Check in {guest?.full_name ?? `booking ${booking.reference}`}</h1>
          <p className="muted">
            Booking {booking.reference} · {booking.resource_name} ·{' '}
            {formatDateSpan(booking.arrival_date, booking.departure_date)} · {booking.party_size}{' '}
            {booking.party_size === 1 ? 'guest' : 'guests'}
          </p>
        </div>
        <p className={`check-in-live check-in-live-${live}`} role="status">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline: reload to see changes'}
        </p>
      </header>

      {checkedIn ? (
        <div className="alert alert-success" role="status">
          {guest?.full_name ?? 'The guest'} is checked in
          {booking.checked_in_at ? ` (${formatCheckedIn(booking.checked_in_at, property.time_zone)})` : ''}.{' '}
          <Link to={`/o/${organization.slug}/p/${property.id}`}>Back to the front desk</Link>
        </div>
      ) : booking.status !== 'confirmed' ? (
        <div className="alert alert-error" role="alert">
          This booking is {STATUS_LABELS[booking.status] ?? booking.status}: only a confirmed booking can be checked in.
        </div>
      ) : null}
      {booking.status !== 'confirmed' ? (
        onFile
      ) : (
        <div className="check-in-columns">
          <div className="check-in-side">
            <ScanPanel
              organizationId={organization.id}
              propertyId={property.id}
              bookingId={booking.id}
              job={job}
              scanMissing={Boolean(scan) && !job}
              live={live}
            />
            {onFile}
          </div>
          <div className="check-in-details">
            {document ? <DocumentDetails document={document} today={today} retention={retention} /> : null}
            <CheckedForm
              intent="check-in"
              schema={schema}
              formKey={`${guest?.updated_at ?? ''}:${document ? job?.id : ''}`}
              label="Guest and check-in"
            >
              {(errors) => (
                <>
                  <h2>{guest ? 'Guest' : 'Check-in'}</h2>
                  <FormError message={errors?.formError} />
                  {guest ? (
                    <>
                      <GuestFields
                        guest={{ ...guest, full_name: scannedName(document) || guest.full_name }}
                        languages={languages}
                        errors={errors}
                      />
                      <DocumentFields scanned={document} retention={retention} errors={errors} />
                    </>
                  ) : (
                    <p className="muted">
                      This booking has no guest profile yet. Check the document by hand, then check the booking in.
                    </p>
                  )}
                  {arrivalNote(booking.arrival_date, today)}
                  {roomReady || !roomStatus ? null : (
                    <div className="alert room-not-ready" role="status">
                      {booking.resource_name} is {roomStatusLabel(roomStatus).toLowerCase()}.{' '}
                      {manager
                        ? 'As a manager you can check the guest in anyway: give the reason, it is kept with the booking.'
                        : 'Check-in waits until housekeeping has cleaned it, or a manager checks the guest in with a reason.'}
                    </div>
                  )}
                  {!roomReady && manager ? (
                    <TextField
                      label="Reason to check in to a room that is not ready"
                      name="override_reason"
                      maxLength={500}
                      errors={errors?.fieldErrors.override_reason}
                    />
                  ) : null}
                  <FormButton
                    label={`${guest ? 'Save guest and check in' : 'Check in'}${roomReady ? '' : ' anyway'}`}
                  />
                </>
              )}
            </CheckedForm>
          </div>
        </div>
      )}
    </div>
  );
}

const NO_FIELDS = z.object({});

const STATUS_LABELS: Record<string, string> = {
  held: 'on hold',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  checked_out: 'checked out',
  cancelled: 'cancelled',
  no_show: 'marked as a no-show',
};

function scannedName(document: ScanDocument | null): string {
  return document ? nameFromDocument(document.firstName, document.lastName) : '';
}

function arrivalNote(arrival: string, today: string) {
  if (arrival <= today) return null;
  return <p className="muted">Arrives {formatDate(arrival)}: check-in opens on the arrival date.</p>;
}

function formatCheckedIn(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/** What the scan read, beside the form: for staff to compare with the document in their hand. */
function DocumentDetails({
  document,
  today,
  retention,
}: {
  document: ScanDocument;
  today: string;
  retention: DocumentRetention;
}) {
  const expired = document.expirationDate !== null && document.expirationDate < today;
  const rows: [string, string | null][] = [
    ['Name on the document', nameFromDocument(document.firstName, document.lastName) || null],
    ['Document', documentKindLabel(document.documentType)],
    ['Document number', document.documentNumber],
    ['Nationality', document.nationality],
    ['Date of birth', document.birthDate ? formatDate(document.birthDate) : null],
    ['Expires', document.expirationDate ? formatDate(document.expirationDate) : null],
  ];
  return (
    <section className="section check-in-document" aria-label="Read from the document">
      <h2>Read from the document</h2>
      <dl className="check-in-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">Not kept</span>}</dd>
          </div>
        ))}
      </dl>
      {expired ? (
        <div className="alert alert-error" role="alert">
          This document expired on {formatDate(document.expirationDate ?? '')}. Ask for another one.
        </div>
      ) : null}
      {document.valid ? null : (
        <div className="alert alert-warning" role="alert">
          Some check digits did not match: compare every field with the document carefully.
        </div>
      )}
      <p className="muted check-in-note">
        The name goes to the guest’s profile;{' '}
        {retention === 'validity_only'
          ? 'of the document, this property keeps only its kind and expiry date.'
          : 'the document’s details, as confirmed in the form, are kept with the check-in.'}
      </p>
    </section>
  );
}

function documentKindLabel(code: string | null): string | null {
  const type = documentTypeOf(code);
  return type ? DOCUMENT_TYPES[type] : null;
}
