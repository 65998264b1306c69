// One guest's profile (staff and up; viewers get 403; another organization's guest id is 404):
// contact fields, language and notes; marketing consent with its history; loyalty points (staff
// redeem, managers adjust); the guest's stays and orders. Each form posts an intent to the
// database's functions (update_guest, redeem_loyalty_points, adjust_loyalty_points).
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import {
  getGuest,
  guestFields,
  HISTORY_PAGE_SIZE,
  listConsentHistory,
  listGuestHistory,
  updateGuest,
} from '../../data/guests.server.ts';
import { adjustPoints, LEDGER_PAGE_SIZE, listLedger, redeemPoints } from '../../data/loyalty.server.ts';
import { listMembers } from '../../data/memberships.server.ts';
import { listProperties } from '../../data/properties.server.ts';
import guestStyles from '../../styles/guests.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { Consent } from './consent.tsx';
import { AdjustSchema, ConsentSchema, GuestSchema, RedeemSchema } from './guest.schema.ts';
import { GUEST_ERRORS, LOYALTY_ERRORS, languageChoices } from './guest.server.ts';
import { GuestFields } from './guest-fields.tsx';
import { formatHistory } from './history.server.ts';
import { VisitHistory } from './history.tsx';
import { Loyalty } from './loyalty.tsx';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.guest.full_name ?? 'Guest'} · Roost` },
];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: guestStyles }];

async function requireGuest({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireMember(request, context, params.org, 'staff');
  const guest = await getGuest(context.supabase, access.organization.id, params.id ?? '');
  if (!guest) throw data({ message: 'No such guest in this organization.' }, { status: 404 });
  return { ...access, guest };
}

/** A 1-based page number from the URL, 1 when missing or malformed. */
function pageParam(url: URL, name: string): number {
  const page = Number(url.searchParams.get(name));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, membership, guest } = await requireGuest(args);
  const supabase = args.context.supabase;
  const url = new URL(args.request.url);
  const visitsPage = pageParam(url, 'visits');
  const pointsPage = pageParam(url, 'points');
  const [consent, ledger, history, members, properties] = await Promise.all([
    listConsentHistory(supabase, guest.id),
    listLedger(supabase, guest.id, pointsPage),
    listGuestHistory(supabase, organization.id, guest.id, visitsPage),
    listMembers(supabase, organization.id),
    listProperties(supabase, organization.id),
  ]);
  const names = new Map(members.map((member) => [member.userId, member.displayName ?? 'A member']));
  // Consent and points are the organization's: its time zone; stays and orders their property's.
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  return {
    organization: { slug: organization.slug, locale: organization.locale, time_zone: organization.time_zone },
    guest,
    languages: languageChoices(guest.language),
    guestSince: new Intl.DateTimeFormat(organization.locale, {
      dateStyle: 'medium',
      timeZone: organization.time_zone,
    }).format(new Date(guest.created_at)),
    consentSince: guest.marketing_consent_at ? when.format(new Date(guest.marketing_consent_at)) : null,
    consentHistory: consent.map((change) => ({
      when: when.format(new Date(change.changed_at)),
      granted: change.granted,
      by: change.changed_by ? (names.get(change.changed_by) ?? 'A former member') : 'Roost itself (no person)',
    })),
    ledger: {
      rows: ledger.entries.map((entry) => ({
        id: entry.id,
        when: when.format(new Date(entry.created_at)),
        points: entry.points,
        reason: entry.reason,
      })),
      total: ledger.total,
      page: pointsPage,
      pages: Math.max(1, Math.ceil(ledger.total / LEDGER_PAGE_SIZE)),
    },
    history: {
      rows: formatHistory(history.entries, properties, organization.locale),
      total: history.total,
      page: visitsPage,
      pages: Math.max(1, Math.ceil(history.total / HISTORY_PAGE_SIZE)),
    },
    canAdjust: roleAtLeast(membership.role, 'manager'),
    // Export and erasure (GDPR, decision 037) are for admins and owners.
    canManageData: roleAtLeast(membership.role, 'admin'),
  };
}

type Intent = 'profile' | 'consent' | 'redeem' | 'adjust';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, guest } = await requireGuest(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent')) as Intent;
  const done = (what: Intent) => redirect(`/o/${organization.slug}/guests/${guest.id}?saved=${what}`);
  switch (intent) {
    case 'profile': {
      const parsed = parseForm(GuestSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await updateGuest(supabase, guest.id, {
        ...parsed.value,
        marketing_consent: guest.marketing_consent,
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, GUEST_ERRORS));
      throw done(intent);
    }
    case 'consent': {
      const parsed = parseForm(ConsentSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await updateGuest(supabase, guest.id, {
        ...guestFields(guest),
        marketing_consent: parsed.value.consent === 'given',
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, GUEST_ERRORS));
      throw done(intent);
    }
    case 'redeem': {
      const parsed = parseForm(RedeemSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await redeemPoints(supabase, guest.id, parsed.value.points, parsed.value.reason);
      if (saved.error) return failed(intent, databaseFailure(saved.error, LOYALTY_ERRORS));
      throw done(intent);
    }
    case 'adjust': {
      const parsed = parseForm(AdjustSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await adjustPoints(supabase, guest.id, parsed.value.points, parsed.value.reason);
      if (saved.error) return failed(intent, databaseFailure(saved.error, LOYALTY_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function GuestProfile() {
  const {
    organization,
    guest,
    languages,
    guestSince,
    consentSince,
    consentHistory,
    ledger,
    history,
    canAdjust,
    canManageData,
  } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/o/${organization.slug}/guests/${guest.id}`;
  const pageLink = (name: string) => (page: number) => {
    const next = new URLSearchParams(params);
    next.delete('saved');
    next.delete('created');
    if (page > 1) next.set(name, String(page));
    else next.delete(name);
    const search = next.toString();
    return `${base}${search ? `?${search}` : ''}`;
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/guests`}>Guests</Link>
      </p>
      <h1>{guest.full_name}</h1>
      <p className="muted">{[guest.email, guest.phone].filter(Boolean).join(' · ') || 'No email or phone yet.'}</p>
      <dl className="facts guest-facts">
        <div>
          <dt>Loyalty points</dt>
          <dd>{guest.loyalty_points.toLocaleString(organization.locale)}</dd>
        </div>
        <div>
          <dt>Marketing</dt>
          <dd>{guest.marketing_consent ? 'Consented' : 'No consent'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{languages.find((language) => language.value === guest.language)?.label ?? 'Not known'}</dd>
        </div>
        <div>
          <dt>Guest since</dt>
          <dd>{guestSince}</dd>
        </div>
      </dl>
      {canManageData ? (
        <p>
          <Link className="button button-small" to={`${base}/data`}>
            Export or erase data
          </Link>
        </p>
      ) : null}
      {params.has('created') ? (
        <div className="alert alert-success" role="status">
          Guest added.
        </div>
      ) : null}

      <section className="section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <SavedNotice intent="profile" text="Profile saved." />
        <CheckedForm intent="profile" schema={GuestSchema} formKey={guest.updated_at} label="Profile">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <GuestFields guest={guest} languages={languages} errors={errors} />
              <FormButton label="Save profile" />
            </>
          )}
        </CheckedForm>
      </section>

      <Consent given={guest.marketing_consent} since={consentSince} history={consentHistory} />
      <Loyalty
        balance={guest.loyalty_points.toLocaleString(organization.locale)}
        {...ledger}
        href={pageLink('points')}
        canAdjust={canAdjust}
        formKey={`${guest.updated_at}-${guest.loyalty_points}`}
        locale={organization.locale}
      />
      <VisitHistory {...history} href={pageLink('visits')} />
    </>
  );
}
