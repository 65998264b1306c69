// Bad input to every public RPC gives a clear error with a stable code and writes nothing.
// Driven by the catalogue: every function in schema public that `authenticated` may execute
// needs an entry in RPCS below, with a case for each of its arguments set to null, so a new RPC
// without bad-input cases fails this file. Each case starts from arguments that succeed (checked
// by the first test of each RPC) and spoils one of them; it runs as the organization's owner, so
// authorization is never what fails. Before and after every case, every table of the schemas
// public and auth is counted and hashed; the two snapshots must match (the audit log included).
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, createUser, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

// ============================================================================================
// Helpers
// ============================================================================================

type Args = Record<string, unknown>;

/** What a refused call raises: SQLSTATE, plus our stable code unless PostgreSQL itself refuses. */
interface Expected {
  code: string;
  message?: string;
}

interface Fixtures {
  tenant: Tenant;
  /** Another organization: its ids belong to nobody the caller may touch. */
  other: Tenant;
  owner: TestUser;
  /** A second owner of `tenant`, so that its owner may leave. */
  coOwner: TestUser;
  /** Token of an open invitation of `other` addressed to `owner`'s email. */
  tokenForOwner: string;
}

interface BadInput {
  label: string;
  /** Arguments that replace the valid ones. */
  args: Args | ((f: Fixtures) => Args);
  expected: Expected;
  /** A reported migration bug: the case asserts the right behaviour and is expected to fail until fixed. */
  bug?: string;
}

interface RpcCases {
  /** Arguments, by name, with which the RPC succeeds. */
  valid: (f: Fixtures) => Args;
  /** For each argument: what passing null raises, or why null is a meaningful value. */
  nulls: Record<string, Expected | { means: string }>;
  cases: BadInput[];
}

const invalid = (message: string): Expected => ({ code: '22023', message });
const notFound = (message: string): Expected => ({ code: 'PT404', message });
const conflict = (message: string): Expected => ({ code: '23505', message });
/** Refused by PostgreSQL while reading the argument, before the RPC runs. */
const BAD_UUID: Expected = { code: '22P02' };
const BAD_INTERVAL: Expected = { code: '22007' };
const BAD_NUMBER: Expected = { code: '22P02' };
const rule = (message: string): Expected => ({ code: 'P0001', message });
/** Ids of the catalogue fixture (supabase/tests/support/fixtures/catalogue.ts) of a tenant. */
const cat = (tenant: Tenant): Record<string, string> => tenant.extra.catalogue ?? {};

const LONG = 'x'.repeat(10_000);
const UNKNOWN_ID = randomUUID();
const UNKNOWN_ROLES = ['superboss', 'OWNER', '', '4', LONG];
const RPC_NAME = /^public\.[a-z_][a-z0-9_]*$/;
const ARG_NAME = /^[a-z_][a-z0-9_]*$/;

const BAD_DATE: Expected = { code: '22007' };
/** A date `days` from today, as YYYY-MM-DD (UTC; the fixtures' dates are Lisbon's, never a day apart here). */
const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Ids of the bookings fixture (support/fixtures/bookings.ts) of the tenant, or of the other organization. */
const booked = (f: Fixtures, which: 'tenant' | 'other' = 'tenant'): BookingsFixtureIds =>
  f[which].extra.bookings as unknown as BookingsFixtureIds;
/** A booking id that is not one, unknown, or another organization's. */
const bookingIdCases = (argument: string): BadInput[] => [
  { label: `${argument} 'not-a-uuid'`, args: { [argument]: 'not-a-uuid' }, expected: BAD_UUID },
  { label: `${argument} unknown`, args: { [argument]: UNKNOWN_ID }, expected: notFound('booking_not_found') },
  {
    label: `${argument} of another organization`,
    args: (f) => ({ [argument]: booked(f, 'other').confirmedBookingId }),
    expected: notFound('booking_not_found'),
  },
];

/** A property id that is not one, unknown, or another organization's. */
const propertyIdCases = (argument = 'p_property_id'): BadInput[] => [
  { label: `${argument} 'not-a-uuid'`, args: { [argument]: 'not-a-uuid' }, expected: BAD_UUID },
  { label: `${argument} unknown`, args: { [argument]: UNKNOWN_ID }, expected: notFound('property_not_found') },
  {
    label: `${argument} of another organization's property`,
    args: (f) => ({ [argument]: f.other.propertyIds[0] }),
    expected: notFound('property_not_found'),
  },
];

/** Ids of the folios fixture (support/fixtures/folios.ts) of the tenant, or of the other organization. */
const folio = (f: Fixtures, which: 'tenant' | 'other' = 'tenant'): Record<string, string> =>
  f[which].extra.folios ?? {};
/** A folio id that is not one, unknown, or another organization's. */
const folioIdCases = (argument: string): BadInput[] => [
  { label: `${argument} 'not-a-uuid'`, args: { [argument]: 'not-a-uuid' }, expected: BAD_UUID },
  { label: `${argument} unknown`, args: { [argument]: UNKNOWN_ID }, expected: notFound('folio_not_found') },
  {
    label: `${argument} of another organization`,
    args: (f) => ({ [argument]: folio(f, 'other').tabId }),
    expected: notFound('folio_not_found'),
  },
];
/** Ids of the housekeeping fixture (support/fixtures/housekeeping.ts). */
const housekeeping = (f: Fixtures, which: 'tenant' | 'other' = 'tenant'): Record<string, string> =>
  f[which].extra.housekeeping ?? {};
/** A housekeeping task id that is not one, unknown, or another organization's. */
const taskIdCases = (argument: string): BadInput[] => [
  { label: `${argument} 'not-a-uuid'`, args: { [argument]: 'not-a-uuid' }, expected: BAD_UUID },
  { label: `${argument} unknown`, args: { [argument]: UNKNOWN_ID }, expected: notFound('task_not_found') },
  {
    label: `${argument} of another organization`,
    args: (f) => ({ [argument]: housekeeping(f, 'other').taskId }),
    expected: notFound('task_not_found'),
  },
];
/** A manager's reason for checking in to a room that is not ready: blank or too long. */
const overrideReasonCases = (argument: string): BadInput[] => [
  { label: `${argument} blank`, args: { [argument]: '   ' }, expected: invalid('invalid_override_reason') },
  {
    label: `${argument} of 10,000 characters`,
    args: { [argument]: LONG },
    expected: invalid('invalid_override_reason'),
  },
];
/** Amounts in minor units that are no amount. */
const amountCases = (argument: string): BadInput[] => [
  { label: `${argument} zero`, args: { [argument]: 0 }, expected: invalid('invalid_amount') },
  { label: `${argument} '1.5'`, args: { [argument]: '1.5' }, expected: BAD_NUMBER },
  { label: `${argument} above 10^11`, args: { [argument]: 100_000_000_001 }, expected: invalid('invalid_amount') },
];

const roleCases = (argument: string): BadInput[] =>
  UNKNOWN_ROLES.map((role) => ({
    label: `${argument} ${role.length > 20 ? `of ${role.length} characters` : `'${role}'`}`,
    args: { [argument]: role },
    expected: invalid('invalid_role'),
  }));

/** Calls an RPC with named arguments; identifiers are checked before they reach SQL text. */
function callRpc(tx: Tx, rpc: string, args: Args) {
  if (!RPC_NAME.test(rpc)) throw new Error(`unexpected RPC name ${rpc}`);
  const names = Object.keys(args);
  for (const name of names) if (!ARG_NAME.test(name)) throw new Error(`unexpected argument name ${name}`);
  const list = names.map((name, i) => `${name} => $${i + 1}`).join(', ');
  return tx.unsafe(`select * from ${rpc}(${list})`, Object.values(args) as never[]);
}

/** Thrown inside a transaction to roll it back once a call has succeeded. */
class Succeeded extends Error {}

/** Calls the RPC as `user` in a transaction that never commits; returns the error, or null. */
async function attempt(
  user: TestUser,
  rpc: string,
  args: Args,
): Promise<{ code: string; message: string; detail?: string } | null> {
  try {
    await asUser(db.admin, user, async (tx) => {
      await callRpc(tx, rpc, args);
      throw new Succeeded();
    });
  } catch (error) {
    if (error instanceof Succeeded) return null;
    if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
      return error as { code: string; message: string; detail?: string };
    }
    throw error;
  }
  throw new Error('unreachable: the transaction always throws');
}

let snapshotSql: string;

/** Row count and content hash of every table in public and auth, read as superuser. */
async function snapshot(): Promise<Record<string, { rows: number; hash: string }>> {
  const tables = await db.admin.unsafe<{ name: string; rows: number; hash: string }[]>(snapshotSql);
  return Object.fromEntries(tables.map((t) => [t.name, { rows: t.rows, hash: t.hash }]));
}

// ============================================================================================
// Cases
// ============================================================================================

/** Webhook fixtures of a tenant (made in beforeAll): an endpoint, a disabled one, a delivered and a pending delivery. */
const hooks = (f: Fixtures, which: 'tenant' | 'other' = 'tenant'): Record<string, string> =>
  f[which].extra.webhooks ?? {};
const webhookEndpointIdCases = (argument: string): BadInput[] => [
  { label: `${argument} 'not-a-uuid'`, args: { [argument]: 'not-a-uuid' }, expected: BAD_UUID },
  { label: `${argument} unknown`, args: { [argument]: UNKNOWN_ID }, expected: notFound('webhook_endpoint_not_found') },
  {
    label: `${argument} of another organization`,
    args: (f) => ({ [argument]: hooks(f, 'other').endpointId }),
    expected: notFound('webhook_endpoint_not_found'),
  },
];
const webhookUrlCases = (argument: string): BadInput[] => [
  {
    label: `${argument} http`,
    args: { [argument]: 'http://hooks.example.com/h' },
    expected: invalid('webhook_url_not_https'),
  },
  {
    label: `${argument} with credentials`,
    args: { [argument]: 'https://user:pw@hooks.example.com/h' },
    expected: invalid('webhook_url_has_credentials'),
  },
  {
    label: `${argument} on a loopback address`,
    args: { [argument]: 'https://127.0.0.1/h' },
    expected: invalid('webhook_url_private_address'),
  },
  { label: `${argument} 'not a url'`, args: { [argument]: 'not a url' }, expected: invalid('invalid_webhook_url') },
  { label: `${argument} empty`, args: { [argument]: '' }, expected: invalid('invalid_webhook_url') },
  {
    label: `${argument} of 10,000 characters`,
    args: { [argument]: `https://hooks.example.com/${LONG}` },
    expected: invalid('invalid_webhook_url'),
  },
];
const webhookEventCases = (argument: string): BadInput[] => [
  { label: `${argument} []`, args: { [argument]: [] }, expected: invalid('invalid_webhook_events') },
  {
    label: `${argument} unknown`,
    args: { [argument]: ['booking.exploded'] },
    expected: invalid('invalid_webhook_events'),
  },
  {
    label: `${argument} twice the same`,
    args: { [argument]: ['guest.created', 'guest.created'] },
    expected: invalid('invalid_webhook_events'),
  },
  {
    label: `${argument} with a null`,
    args: { [argument]: ['guest.created', null] },
    expected: invalid('invalid_webhook_events'),
  },
];

const RPCS: Record<string, RpcCases> = {
  'public.create_organization': {
    valid: () => ({
      p_name: 'Casa Nova',
      p_slug: `casa-nova-${randomBytes(3).toString('hex')}`,
      p_time_zone: 'Europe/Lisbon',
      p_currency: 'EUR',
      p_locale: 'pt-PT',
    }),
    nulls: {
      p_name: invalid('invalid_name'),
      p_slug: invalid('invalid_slug'),
      p_time_zone: invalid('invalid_time_zone'),
      p_currency: invalid('invalid_currency'),
      p_locale: invalid('invalid_locale'),
    },
    cases: [
      { label: 'p_name of 10,000 characters', args: { p_name: LONG }, expected: invalid('invalid_name') },
      { label: 'p_name of 121 characters', args: { p_name: 'n'.repeat(121) }, expected: invalid('invalid_name') },
      { label: 'p_name empty', args: { p_name: '' }, expected: invalid('invalid_name') },
      { label: 'p_name only blanks', args: { p_name: '   ' }, expected: invalid('invalid_name') },
      { label: "p_slug 'Bad Slug!'", args: { p_slug: 'Bad Slug!' }, expected: invalid('invalid_slug') },
      { label: 'p_slug of 10,000 characters', args: { p_slug: LONG }, expected: invalid('invalid_slug') },
      { label: 'p_slug of 49 characters', args: { p_slug: 's'.repeat(49) }, expected: invalid('invalid_slug') },
      { label: 'p_slug empty', args: { p_slug: '' }, expected: invalid('invalid_slug') },
      { label: 'p_slug with a leading hyphen', args: { p_slug: '-casa' }, expected: invalid('invalid_slug') },
      { label: 'p_slug already taken', args: (f) => ({ p_slug: f.tenant.slug }), expected: conflict('slug_taken') },
      {
        label: "p_time_zone 'Mars/Olympus'",
        args: { p_time_zone: 'Mars/Olympus' },
        expected: invalid('invalid_time_zone'),
      },
      { label: "p_time_zone '+02:00'", args: { p_time_zone: '+02:00' }, expected: invalid('invalid_time_zone') },
      {
        label: 'p_time_zone of 10,000 characters',
        args: { p_time_zone: LONG },
        expected: invalid('invalid_time_zone'),
      },
      {
        label: "p_time_zone 'localtime' (the server's zone, not an IANA name)",
        args: { p_time_zone: 'localtime' },
        expected: invalid('invalid_time_zone'),
      },
      { label: "p_currency 'euro'", args: { p_currency: 'euro' }, expected: invalid('invalid_currency') },
      { label: "p_currency 'eur'", args: { p_currency: 'eur' }, expected: invalid('invalid_currency') },
      {
        label: "p_currency '978' (the numeric ISO code)",
        args: { p_currency: '978' },
        expected: invalid('invalid_currency'),
      },
      { label: 'p_currency of 10,000 characters', args: { p_currency: LONG }, expected: invalid('invalid_currency') },
      { label: "p_locale 'english'", args: { p_locale: 'english' }, expected: invalid('invalid_locale') },
      { label: "p_locale 'pt_PT'", args: { p_locale: 'pt_PT' }, expected: invalid('invalid_locale') },
      { label: 'p_locale of 10,000 characters', args: { p_locale: LONG }, expected: invalid('invalid_locale') },
    ],
  },

  'public.invite_member': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_email: `new-${randomBytes(3).toString('hex')}@example.test`,
      p_role: 'staff',
      p_valid_for: '3 days',
      p_property_ids: null,
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_email: invalid('invalid_email'),
      p_role: invalid('invalid_role'),
      p_valid_for: invalid('invalid_validity'),
      p_property_ids: { means: 'the new member will work in every property' },
    },
    cases: [
      { label: "p_property_ids ['not-a-uuid']", args: { p_property_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      { label: 'p_property_ids []', args: { p_property_ids: [] }, expected: invalid('invalid_property_ids') },
      {
        label: 'p_property_ids with a null among ids',
        args: (f) => ({ p_property_ids: [f.tenant.propertyIds[0], null] }),
        expected: invalid('invalid_property_ids'),
      },
      {
        label: 'p_property_ids unknown',
        args: { p_property_ids: [UNKNOWN_ID] },
        expected: notFound('property_not_found'),
      },
      {
        label: 'p_property_ids for an admin',
        args: (f) => ({ p_role: 'admin', p_property_ids: [f.tenant.propertyIds[0]] }),
        expected: invalid('property_access_not_applicable'),
      },
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: "p_organization_id '42'", args: { p_organization_id: '42' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_email of 10,000 characters',
        args: { p_email: `${LONG}@example.test` },
        expected: invalid('invalid_email'),
      },
      { label: "p_email 'not-an-email'", args: { p_email: 'not-an-email' }, expected: invalid('invalid_email') },
      { label: "p_email 'a@b'", args: { p_email: 'a@b' }, expected: invalid('invalid_email') },
      { label: 'p_email empty', args: { p_email: '' }, expected: invalid('invalid_email') },
      {
        label: 'p_email of a member',
        args: (f) => ({ p_email: f.tenant.members.staff.email }),
        expected: conflict('already_member'),
      },
      ...roleCases('p_role'),
      { label: "p_valid_for '0 seconds'", args: { p_valid_for: '0 seconds' }, expected: invalid('invalid_validity') },
      { label: "p_valid_for '365 days'", args: { p_valid_for: '365 days' }, expected: invalid('invalid_validity') },
      {
        label: "p_valid_for '30 days 1 second'",
        args: { p_valid_for: '30 days 1 second' },
        expected: invalid('invalid_validity'),
      },
      { label: "p_valid_for '-7 days'", args: { p_valid_for: '-7 days' }, expected: invalid('invalid_validity') },
      {
        label: "p_valid_for '7' (read as 7 seconds)",
        args: { p_valid_for: '7' },
        expected: invalid('invalid_validity'),
      },
      { label: "p_valid_for 'a week'", args: { p_valid_for: 'a week' }, expected: BAD_INTERVAL },
    ],
  },

  'public.revoke_invitation': {
    valid: (f) => ({ p_invitation_id: f.tenant.invitationId }),
    nulls: { p_invitation_id: invalid('invalid_invitation_id') },
    cases: [
      { label: "p_invitation_id 'not-a-uuid'", args: { p_invitation_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_invitation_id unknown',
        args: { p_invitation_id: UNKNOWN_ID },
        expected: notFound('invitation_not_found'),
      },
      {
        label: 'p_invitation_id of another organization',
        args: (f) => ({ p_invitation_id: f.other.invitationId }),
        expected: notFound('invitation_not_found'),
      },
    ],
  },

  'public.accept_invitation': {
    valid: (f) => ({ p_token: f.tokenForOwner }),
    nulls: { p_token: invalid('invalid_token') },
    cases: [
      { label: 'p_token empty', args: { p_token: '' }, expected: invalid('invalid_token') },
      { label: 'p_token of 15 characters', args: { p_token: 't'.repeat(15) }, expected: invalid('invalid_token') },
      { label: 'p_token of 129 characters', args: { p_token: 't'.repeat(129) }, expected: invalid('invalid_token') },
      { label: 'p_token of 10,000 characters', args: { p_token: LONG }, expected: invalid('invalid_token') },
      {
        label: 'p_token unknown',
        args: { p_token: randomBytes(32).toString('base64url') },
        expected: notFound('invitation_not_found'),
      },
    ],
  },

  'public.change_member_role': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_user_id: f.tenant.members.staff.id,
      p_role: 'manager',
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_user_id: invalid('invalid_user_id'),
      p_role: invalid('invalid_role'),
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      { label: "p_user_id 'not-a-uuid'", args: { p_user_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: "p_user_id '42'", args: { p_user_id: '42' }, expected: BAD_UUID },
      { label: 'p_user_id unknown', args: { p_user_id: UNKNOWN_ID }, expected: notFound('member_not_found') },
      {
        label: 'p_user_id of a member of another organization',
        args: (f) => ({ p_user_id: f.other.members.staff.id }),
        expected: notFound('member_not_found'),
      },
      ...roleCases('p_role'),
    ],
  },

  'public.remove_member': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId, p_user_id: f.tenant.members.viewer.id }),
    nulls: { p_organization_id: invalid('invalid_organization_id'), p_user_id: invalid('invalid_user_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      { label: "p_user_id 'not-a-uuid'", args: { p_user_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_user_id unknown', args: { p_user_id: UNKNOWN_ID }, expected: notFound('member_not_found') },
      {
        label: 'p_user_id of a member of another organization',
        args: (f) => ({ p_user_id: f.other.members.viewer.id }),
        expected: notFound('member_not_found'),
      },
    ],
  },

  'public.transfer_ownership': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId, p_new_owner_id: f.tenant.members.admin.id }),
    nulls: { p_organization_id: invalid('invalid_organization_id'), p_new_owner_id: invalid('invalid_user_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      { label: "p_new_owner_id 'not-a-uuid'", args: { p_new_owner_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_new_owner_id unknown', args: { p_new_owner_id: UNKNOWN_ID }, expected: notFound('member_not_found') },
      {
        label: 'p_new_owner_id the caller',
        args: (f) => ({ p_new_owner_id: f.owner.id }),
        expected: invalid('invalid_user_id'),
      },
    ],
  },

  'public.leave_organization': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  'public.admins_without_mfa': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  'public.set_member_property_access': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_user_id: f.tenant.restrictedStaff.id,
      p_property_ids: [f.tenant.propertyIds[1]],
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_user_id: invalid('invalid_user_id'),
      p_property_ids: { means: 'the member works in every property' },
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      { label: "p_user_id 'not-a-uuid'", args: { p_user_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_user_id unknown', args: { p_user_id: UNKNOWN_ID }, expected: notFound('member_not_found') },
      { label: "p_property_ids 'not-an-array'", args: { p_property_ids: 'not-an-array' }, expected: BAD_UUID },
      { label: "p_property_ids ['not-a-uuid']", args: { p_property_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      { label: 'p_property_ids [null]', args: { p_property_ids: [null] }, expected: invalid('invalid_property_ids') },
      {
        label: 'p_property_ids with a null among ids',
        args: (f) => ({ p_property_ids: [f.tenant.propertyIds[0], null] }),
        expected: invalid('invalid_property_ids'),
      },
      {
        label: 'p_property_ids of 1,001 ids',
        args: { p_property_ids: Array.from({ length: 1001 }, () => randomUUID()) },
        expected: invalid('invalid_property_ids'),
      },
      {
        label: 'p_property_ids two-dimensional',
        args: (f) => ({ p_property_ids: `{{${f.tenant.propertyIds[0]}},{${f.tenant.propertyIds[1]}}}` }),
        expected: invalid('invalid_property_ids'),
      },
      {
        label: 'p_property_ids with an unknown id',
        args: { p_property_ids: [UNKNOWN_ID] },
        expected: notFound('property_not_found'),
      },
      {
        label: "p_property_ids with another organization's property",
        args: (f) => ({ p_property_ids: [f.other.propertyIds[0]] }),
        expected: notFound('property_not_found'),
      },
    ],
  },

  'public.upsert_guest': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_full_name: 'Rui Silva',
      p_email: `rui-${randomBytes(3).toString('hex')}@example.test`,
      p_phone: '+351 913 000 111',
      p_language: 'pt',
      p_notes: 'Prefers a quiet room.',
      p_tags: ['vip'],
      p_marketing_consent: true,
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_full_name: invalid('invalid_full_name'),
      p_email: { means: 'no email (found by phone or created)' },
      p_phone: { means: 'no phone' },
      p_language: { means: 'language unknown or unchanged' },
      p_notes: { means: 'notes unchanged' },
      p_tags: { means: 'tags unchanged' },
      p_marketing_consent: { means: 'consent unchanged' },
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      { label: 'p_full_name empty', args: { p_full_name: '' }, expected: invalid('invalid_full_name') },
      { label: 'p_full_name only blanks', args: { p_full_name: '   ' }, expected: invalid('invalid_full_name') },
      {
        label: 'p_full_name of 10,000 characters',
        args: { p_full_name: LONG },
        expected: invalid('invalid_full_name'),
      },
      { label: "p_email 'not-an-email'", args: { p_email: 'not-an-email' }, expected: invalid('invalid_email') },
      {
        label: 'p_email of 10,000 characters',
        args: { p_email: `${LONG}@example.test` },
        expected: invalid('invalid_email'),
      },
      { label: "p_phone 'call me'", args: { p_phone: 'call me' }, expected: invalid('invalid_phone') },
      {
        label: "p_phone '912345678' (no country code)",
        args: { p_phone: '912345678' },
        expected: invalid('invalid_phone'),
      },
      { label: "p_phone '+0123456789'", args: { p_phone: '+0123456789' }, expected: invalid('invalid_phone') },
      { label: 'p_phone of 10,000 characters', args: { p_phone: LONG }, expected: invalid('invalid_phone') },
      { label: "p_language 'english'", args: { p_language: 'english' }, expected: invalid('invalid_language') },
      { label: 'p_language of 10,000 characters', args: { p_language: LONG }, expected: invalid('invalid_language') },
      { label: 'p_notes of 10,000 characters', args: { p_notes: LONG }, expected: invalid('invalid_notes') },
      { label: 'p_tags [null]', args: { p_tags: [null] }, expected: invalid('invalid_tags') },
      { label: "p_tags ['']", args: { p_tags: [''] }, expected: invalid('invalid_tags') },
      { label: 'p_tags with a tag of 10,000 characters', args: { p_tags: [LONG] }, expected: invalid('invalid_tags') },
      {
        label: 'p_tags of 51 tags',
        args: { p_tags: Array.from({ length: 51 }, (_, i) => `tag${i}`) },
        expected: invalid('invalid_tags'),
      },
      { label: 'p_tags two-dimensional', args: { p_tags: '{{a},{b}}' }, expected: invalid('invalid_tags') },
    ],
  },

  'public.search_availability': {
    valid: (f) => ({
      p_property_id: f.tenant.propertyIds[0],
      p_arrival: daysFromNow(40),
      p_departure: daysFromNow(42),
      p_party_size: 2,
    }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_arrival: invalid('invalid_arrival'),
      p_departure: invalid('invalid_departure'),
      p_party_size: invalid('invalid_party_size'),
    },
    cases: [
      { label: "p_property_id 'not-a-uuid'", args: { p_property_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: "p_property_id of another organization's property",
        args: (f) => ({ p_property_id: f.other.propertyIds[0] }),
        expected: notFound('property_not_found'),
      },
      {
        label: "p_arrival '1999-12-31'",
        args: { p_arrival: '1999-12-31', p_departure: '2000-01-02' },
        expected: invalid('invalid_arrival'),
      },
      {
        label: 'p_departure equal to p_arrival',
        args: { p_departure: daysFromNow(40) },
        expected: invalid('invalid_departure'),
      },
      {
        label: 'p_departure before p_arrival',
        args: { p_departure: daysFromNow(39) },
        expected: invalid('invalid_departure'),
      },
      {
        label: 'p_departure 366 days after p_arrival',
        args: { p_departure: daysFromNow(406) },
        expected: invalid('invalid_departure'),
      },
      { label: 'p_party_size 0', args: { p_party_size: 0 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size -1', args: { p_party_size: -1 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size 1001', args: { p_party_size: 1001 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size 2^31', args: { p_party_size: '2147483648' }, expected: { code: '22003' } },
    ],
  },

  'public.search_table_availability': {
    valid: (f) => ({
      p_property_id: f.tenant.propertyIds[1],
      p_date: daysFromNow(10),
      p_time: '19:00',
      p_duration_minutes: 90,
      p_party_size: 2,
    }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_date: invalid('invalid_date'),
      p_time: invalid('invalid_time'),
      p_duration_minutes: invalid('invalid_duration'),
      p_party_size: invalid('invalid_party_size'),
    },
    cases: [
      { label: "p_property_id 'not-a-uuid'", args: { p_property_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: "p_property_id of another organization's property",
        args: (f) => ({ p_property_id: f.other.propertyIds[1] }),
        expected: notFound('property_not_found'),
      },
      { label: "p_date '2300-01-01'", args: { p_date: '2300-01-01' }, expected: invalid('invalid_date') },
      { label: "p_time '25:00'", args: { p_time: '25:00' }, expected: { code: '22008' } },
      { label: "p_time 'dinner'", args: { p_time: 'dinner' }, expected: BAD_DATE },
      { label: 'p_duration_minutes 14', args: { p_duration_minutes: 14 }, expected: invalid('invalid_duration') },
      { label: 'p_duration_minutes 1441', args: { p_duration_minutes: 1441 }, expected: invalid('invalid_duration') },
      { label: 'p_duration_minutes -90', args: { p_duration_minutes: -90 }, expected: invalid('invalid_duration') },
      { label: 'p_party_size 0', args: { p_party_size: 0 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size 1001', args: { p_party_size: 1001 }, expected: invalid('invalid_party_size') },
    ],
  },

  'public.table_service_hours': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[1], p_date: daysFromNow(10) }),
    nulls: { p_property_id: invalid('invalid_property_id'), p_date: invalid('invalid_date') },
    cases: [
      ...propertyIdCases(),
      { label: "p_date '2300-01-01'", args: { p_date: '2300-01-01' }, expected: invalid('invalid_date') },
    ],
  },

  'public.create_booking': {
    valid: (f) => ({
      p_resource_id: booked(f).room104,
      p_guest_id: booked(f).guestId,
      p_arrival: daysFromNow(40),
      p_departure: daysFromNow(42),
      p_party_size: 2,
      p_time: null,
      p_duration_minutes: null,
      p_confirm: false,
      p_source: 'staff',
      p_idempotency_key: `key-${randomBytes(6).toString('hex')}`,
      p_rate_plan_id: booked(f).ratePlanId,
    }),
    nulls: {
      p_resource_id: invalid('invalid_resource_id'),
      p_guest_id: { means: 'no guest profile (a walk-in)' },
      p_arrival: invalid('invalid_arrival'),
      p_departure: invalid('invalid_departure'),
      p_party_size: invalid('invalid_party_size'),
      p_time: { means: 'a stay starts at the check-in time' },
      p_duration_minutes: { means: 'a stay lasts until the departure date' },
      p_confirm: { means: 'a hold' },
      p_source: invalid('invalid_source'),
      p_idempotency_key: { means: 'no retry protection' },
      p_rate_plan_id: { means: "the type's cheapest active rate plan" },
    },
    cases: [
      { label: "p_resource_id 'not-a-uuid'", args: { p_resource_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_resource_id unknown', args: { p_resource_id: UNKNOWN_ID }, expected: notFound('resource_not_found') },
      {
        label: "p_resource_id of another organization's room",
        args: (f) => ({ p_resource_id: booked(f, 'other').room104 }),
        expected: notFound('resource_not_found'),
      },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: "p_guest_id of another organization's guest",
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
      {
        label: "p_arrival '1999-12-31'",
        args: { p_arrival: '1999-12-31', p_departure: '2000-01-02' },
        expected: invalid('invalid_arrival'),
      },
      {
        label: 'p_departure equal to p_arrival',
        args: { p_departure: daysFromNow(40) },
        expected: invalid('invalid_departure'),
      },
      {
        label: 'p_departure 366 days after p_arrival',
        args: { p_departure: daysFromNow(406) },
        expected: invalid('invalid_departure'),
      },
      { label: 'p_time for a room', args: { p_time: '19:00' }, expected: invalid('invalid_time') },
      {
        label: 'p_duration_minutes for a room',
        args: { p_duration_minutes: 90 },
        expected: invalid('invalid_duration'),
      },
      { label: 'p_party_size 0', args: { p_party_size: 0 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size 1001', args: { p_party_size: 1001 }, expected: invalid('invalid_party_size') },
      { label: "p_source 'phone'", args: { p_source: 'phone' }, expected: invalid('invalid_source') },
      { label: 'p_source of 10,000 characters', args: { p_source: LONG }, expected: invalid('invalid_source') },
      {
        label: 'p_idempotency_key empty',
        args: { p_idempotency_key: '' },
        expected: invalid('invalid_idempotency_key'),
      },
      {
        label: 'p_idempotency_key of 10,000 characters',
        args: { p_idempotency_key: LONG },
        expected: invalid('invalid_idempotency_key'),
      },
      {
        label: 'p_rate_plan_id unknown',
        args: { p_rate_plan_id: UNKNOWN_ID },
        expected: notFound('rate_plan_not_found'),
      },
      {
        label: 'p_rate_plan_id of a table type',
        args: (f) => ({ p_rate_plan_id: booked(f).tableRatePlanId }),
        expected: notFound('rate_plan_not_found'),
      },
    ],
  },

  'public.confirm_booking': {
    valid: (f) => ({ p_booking_id: booked(f).heldBookingId }),
    nulls: { p_booking_id: invalid('invalid_booking_id') },
    cases: bookingIdCases('p_booking_id'),
  },

  'public.modify_booking': {
    valid: (f) => ({
      p_booking_id: booked(f).confirmedBookingId,
      p_resource_id: booked(f).room104,
      p_arrival: daysFromNow(31),
      p_departure: daysFromNow(34),
      p_party_size: 3,
      p_time: null,
      p_duration_minutes: null,
    }),
    nulls: {
      p_booking_id: invalid('invalid_booking_id'),
      p_resource_id: { means: 'the same resource' },
      p_arrival: { means: 'the same arrival' },
      p_departure: { means: 'the same departure' },
      p_party_size: { means: 'the same party size' },
      p_time: { means: 'a stay starts at the check-in time' },
      p_duration_minutes: { means: 'a stay lasts until the departure date' },
    },
    cases: [
      ...bookingIdCases('p_booking_id'),
      { label: 'p_resource_id unknown', args: { p_resource_id: UNKNOWN_ID }, expected: notFound('resource_not_found') },
      {
        label: 'p_resource_id of another property (the restaurant table)',
        args: (f) => ({ p_resource_id: booked(f).tableId }),
        expected: notFound('resource_not_found'),
      },
      {
        label: 'p_departure before p_arrival',
        args: { p_departure: daysFromNow(30) },
        expected: invalid('invalid_departure'),
      },
      { label: 'p_party_size 0', args: { p_party_size: 0 }, expected: invalid('invalid_party_size') },
      { label: 'p_party_size 1001', args: { p_party_size: 1001 }, expected: invalid('invalid_party_size') },
      { label: 'p_time for a room', args: { p_time: '19:00' }, expected: invalid('invalid_time') },
      {
        label: 'p_duration_minutes for a room',
        args: { p_duration_minutes: 60 },
        expected: invalid('invalid_duration'),
      },
    ],
  },

  'public.cancel_booking': {
    valid: (f) => ({ p_booking_id: booked(f).confirmedBookingId, p_reason: 'The guest changed plans.' }),
    nulls: { p_booking_id: invalid('invalid_booking_id'), p_reason: { means: 'no reason given' } },
    cases: [
      ...bookingIdCases('p_booking_id'),
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
    ],
  },

  // Refunds to guests (supabase/migrations/20261206200200_guest_refunds.sql).
  'public.booking_refunds': {
    valid: (f) => ({ p_booking_id: booked(f).confirmedBookingId }),
    nulls: { p_booking_id: invalid('invalid_booking_id') },
    cases: bookingIdCases('p_booking_id'),
  },

  'public.retry_guest_refund': {
    valid: (f) => ({ p_refund_id: f.tenant.extra.refunds?.failedId }),
    nulls: { p_refund_id: invalid('invalid_refund_id') },
    cases: [
      { label: "p_refund_id 'not-a-uuid'", args: { p_refund_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_refund_id unknown', args: { p_refund_id: UNKNOWN_ID }, expected: notFound('refund_not_found') },
      {
        label: 'p_refund_id of another organization',
        args: (f) => ({ p_refund_id: f.other.extra.refunds?.failedId }),
        expected: notFound('refund_not_found'),
      },
    ],
  },

  // The desk's helpers (supabase/migrations/20261206140100_booking_desk.sql).
  'public.cancellation_fee': {
    valid: (f) => ({ p_booking_id: booked(f).confirmedBookingId }),
    nulls: { p_booking_id: invalid('invalid_booking_id') },
    cases: bookingIdCases('p_booking_id'),
  },

  // The dashboards' figures (supabase/migrations/20261206150600_property_kpis.sql).
  'public.property_daily_kpis': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[0], p_from: daysFromNow(0), p_to: daysFromNow(30) }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_from: invalid('invalid_period'),
      p_to: invalid('invalid_period'),
    },
    cases: [
      ...propertyIdCases(),
      {
        label: 'p_to before p_from',
        args: { p_from: daysFromNow(5), p_to: daysFromNow(4) },
        expected: invalid('invalid_period'),
      },
      {
        label: 'a period over two years',
        args: { p_from: daysFromNow(0), p_to: daysFromNow(800) },
        expected: invalid('invalid_period'),
      },
    ],
  },

  'public.billing_overview': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  'public.organization_kpis': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId, p_from: daysFromNow(0), p_to: daysFromNow(30) }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_from: invalid('invalid_period'),
      p_to: invalid('invalid_period'),
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_to before p_from',
        args: { p_from: daysFromNow(5), p_to: daysFromNow(4) },
        expected: invalid('invalid_period'),
      },
      {
        label: 'a period over a year',
        args: { p_from: daysFromNow(0), p_to: daysFromNow(400) },
        expected: invalid('invalid_period'),
      },
    ],
  },

  'public.property_service_kpis': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[1], p_day: daysFromNow(0) }),
    nulls: { p_property_id: invalid('invalid_property_id'), p_day: invalid('invalid_day') },
    cases: propertyIdCases(),
  },

  'public.property_open_orders': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[1] }),
    nulls: { p_property_id: invalid('invalid_property_id') },
    cases: propertyIdCases(),
  },

  // Rate suggestions (supabase/migrations/20261206160100_rate_suggestions.sql).
  'public.rate_suggestions': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[0], p_from: daysFromNow(1), p_to: daysFromNow(30) }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_from: invalid('invalid_period'),
      p_to: invalid('invalid_period'),
    },
    cases: [
      ...propertyIdCases(),
      {
        label: 'p_to before p_from',
        args: { p_from: daysFromNow(5), p_to: daysFromNow(4) },
        expected: invalid('invalid_period'),
      },
      { label: 'p_from in the past', args: { p_from: daysFromNow(-3) }, expected: invalid('invalid_period') },
      { label: 'more than 93 nights', args: { p_to: daysFromNow(100) }, expected: invalid('invalid_period') },
    ],
  },

  'public.accept_rate_suggestions': {
    // The rates fixture's Double has floor = ceiling = 12,000: the suggestion for any night (accepting it again is a no-op).
    valid: (f) => ({
      p_property_id: f.tenant.propertyIds[0],
      p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000 }],
    }),
    nulls: { p_property_id: invalid('invalid_property_id'), p_items: invalid('invalid_items') },
    cases: [
      ...propertyIdCases(),
      { label: 'p_items empty', args: { p_items: [] }, expected: invalid('invalid_items') },
      {
        label: 'p_items an object',
        args: (f) => ({
          p_items: { resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000 },
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'p_items of 501 items',
        args: (f) => ({
          p_items: Array.from({ length: 501 }, (_, i) => ({
            resource_type_id: booked(f).roomTypeId,
            stay_date: daysFromNow(1 + (i % 300)),
            price_minor: 12_000,
          })),
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item with an unknown key',
        args: (f) => ({
          p_items: [
            { resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000, sql: 1 },
          ],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item without a price',
        args: (f) => ({ p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60) }] }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item with a resource_type_id that is no uuid',
        args: { p_items: [{ resource_type_id: 'x', stay_date: daysFromNow(60), price_minor: 12_000 }] },
        expected: invalid('invalid_items'),
      },
      {
        label: "an item with stay_date '2027-02-30'",
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: '2027-02-30', price_minor: 12_000 }],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item with a stay_date in the past',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(-2), price_minor: 12_000 }],
        }),
        expected: invalid('invalid_stay_date'),
      },
      {
        label: 'an item with a stay_date over a year ahead',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(400), price_minor: 12_000 }],
        }),
        expected: invalid('invalid_stay_date'),
      },
      {
        label: "an item with price_minor '12000'",
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: '12000' }],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item with price_minor 120.5',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 120.5 }],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an item with a negative price_minor',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: -1 }],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'the same night and room type twice',
        args: (f) => ({
          p_items: [
            { resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000 },
            { resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000 },
          ],
        }),
        expected: invalid('invalid_items'),
      },
      {
        label: 'an unknown room type',
        args: { p_items: [{ resource_type_id: UNKNOWN_ID, stay_date: daysFromNow(60), price_minor: 12_000 }] },
        expected: notFound('resource_type_not_found'),
      },
      {
        label: "another organization's room type",
        args: (f) => ({
          p_items: [
            { resource_type_id: booked(f, 'other').roomTypeId, stay_date: daysFromNow(60), price_minor: 12_000 },
          ],
        }),
        expected: notFound('resource_type_not_found'),
      },
      {
        label: 'a room type without bounds',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).suiteTypeId, stay_date: daysFromNow(60), price_minor: 12_000 }],
        }),
        expected: rule('no_rate_bounds'),
      },
      {
        label: 'a price that is not the suggestion',
        args: (f) => ({
          p_items: [{ resource_type_id: booked(f).roomTypeId, stay_date: daysFromNow(61), price_minor: 11_000 }],
        }),
        expected: rule('suggestion_changed'),
      },
    ],
  },

  'public.set_booking_guest': {
    valid: (f) => ({ p_booking_id: booked(f).heldBookingId, p_guest_id: booked(f).otherGuestId }),
    nulls: { p_booking_id: invalid('invalid_booking_id'), p_guest_id: invalid('invalid_guest_id') },
    cases: [
      ...bookingIdCases('p_booking_id'),
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
      {
        label: 'p_booking_id of a checked-in stay',
        args: (f) => ({ p_booking_id: booked(f).checkedInBookingId }),
        expected: rule('not_modifiable'),
      },
    ],
  },

  'public.check_in_booking': {
    // The room is clean: the override reason is accepted and not needed.
    valid: (f) => ({ p_booking_id: booked(f).arrivingBookingId, p_override_reason: 'Guest waiting' }),
    nulls: {
      p_booking_id: invalid('invalid_booking_id'),
      p_override_reason: { means: 'no override: the room must be clean or inspected' },
    },
    cases: [...bookingIdCases('p_booking_id'), ...overrideReasonCases('p_override_reason')],
  },

  'public.check_in_with_identity_document': {
    valid: (f) => ({
      p_booking_id: booked(f).arrivingBookingId,
      p_document_type: 'passport',
      p_document_number: 'L898902C3',
      p_issuing_country: 'NLD',
      p_nationality: 'NLD',
      p_birth_date: '1974-08-12',
      p_expiry_date: '2032-04-15',
      p_override_reason: 'Guest waiting',
    }),
    nulls: {
      p_booking_id: invalid('invalid_booking_id'),
      p_document_type: invalid('invalid_document_type'),
      p_document_number: invalid('invalid_document_number'),
      p_issuing_country: { means: 'the issuing country was not read or given' },
      p_nationality: { means: 'the nationality was not read or given' },
      p_birth_date: { means: 'the birth date was not read or given' },
      p_expiry_date: { means: 'the document has no expiry date' },
      p_override_reason: { means: 'no override: the room must be clean or inspected' },
    },
    cases: [
      ...bookingIdCases('p_booking_id'),
      {
        label: "p_document_type 'visa'",
        args: { p_document_type: 'visa' },
        expected: invalid('invalid_document_type'),
      },
      {
        label: 'p_document_number with MRZ fillers',
        args: { p_document_number: 'L898<<902' },
        expected: invalid('invalid_document_number'),
      },
      {
        label: 'p_document_number of 10,000 characters',
        args: { p_document_number: LONG },
        expected: invalid('invalid_document_number'),
      },
      {
        label: "p_issuing_country 'N1'",
        args: { p_issuing_country: 'N1' },
        expected: invalid('invalid_issuing_country'),
      },
      { label: "p_nationality 'Dutch'", args: { p_nationality: 'Dutch' }, expected: invalid('invalid_nationality') },
      {
        label: 'p_birth_date in the future',
        args: { p_birth_date: '2999-01-01' },
        expected: invalid('invalid_birth_date'),
      },
      {
        label: 'p_birth_date before 1900',
        args: { p_birth_date: '1850-01-01' },
        expected: invalid('invalid_birth_date'),
      },
      {
        label: 'p_expiry_date before the birth date',
        args: { p_expiry_date: '1970-01-01' },
        expected: invalid('invalid_expiry_date'),
      },
      {
        label: 'p_booking_id of a checked-in stay',
        args: (f) => ({ p_booking_id: booked(f).checkedInBookingId }),
        expected: rule('invalid_transition'),
      },
      ...overrideReasonCases('p_override_reason'),
    ],
  },

  // Housekeeping (migration 20261206160500).
  'public.set_room_status': {
    valid: (f) => ({ p_resource_id: booked(f).room102, p_status: 'dirty', p_note: 'Spilled coffee' }),
    nulls: {
      p_resource_id: invalid('invalid_resource_id'),
      p_status: invalid('invalid_room_status'),
      p_note: { means: 'no note' },
    },
    cases: [
      { label: "p_resource_id 'not-a-uuid'", args: { p_resource_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_resource_id unknown', args: { p_resource_id: UNKNOWN_ID }, expected: notFound('room_not_found') },
      {
        label: 'p_resource_id of a table (no room status)',
        args: (f) => ({ p_resource_id: booked(f).tableId }),
        expected: notFound('room_not_found'),
      },
      {
        label: "p_resource_id of another organization's room",
        args: (f) => ({ p_resource_id: booked(f, 'other').room102 }),
        expected: notFound('room_not_found'),
      },
      { label: "p_status 'filthy'", args: { p_status: 'filthy' }, expected: invalid('invalid_room_status') },
      { label: "p_status 'DIRTY'", args: { p_status: 'DIRTY' }, expected: invalid('invalid_room_status') },
      { label: 'p_note of 10,000 characters', args: { p_note: LONG }, expected: invalid('invalid_note') },
      {
        label: 'p_status inspected for a dirty room (not a transition)',
        args: (f) => ({ p_resource_id: booked(f).room104, p_status: 'inspected' }),
        expected: rule('invalid_room_status_transition'),
      },
    ],
  },

  'public.generate_housekeeping_tasks': {
    valid: (f) => ({
      p_property_id: f.tenant.propertyIds[0],
      p_day: daysFromNow(0),
      p_attendant_ids: [f.tenant.members.staff.id],
    }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_day: invalid('invalid_day'),
      p_attendant_ids: { means: "keep the day's roster" },
    },
    cases: [
      ...propertyIdCases(),
      { label: 'p_day a week ago', args: { p_day: daysFromNow(-7) }, expected: invalid('invalid_day') },
      { label: 'p_day a month ahead', args: { p_day: daysFromNow(30) }, expected: invalid('invalid_day') },
      { label: 'p_attendant_ids []', args: { p_attendant_ids: [] }, expected: invalid('invalid_attendants') },
      {
        label: 'p_attendant_ids with a null',
        args: (f) => ({ p_attendant_ids: [f.tenant.members.staff.id, null] }),
        expected: invalid('invalid_attendants'),
      },
      { label: "p_attendant_ids ['not-a-uuid']", args: { p_attendant_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      {
        label: 'p_attendant_ids unknown',
        args: { p_attendant_ids: [UNKNOWN_ID] },
        expected: invalid('invalid_attendant'),
      },
      {
        label: 'p_attendant_ids with a viewer',
        args: (f) => ({ p_attendant_ids: [f.tenant.members.viewer.id] }),
        expected: invalid('invalid_attendant'),
      },
      {
        label: "p_attendant_ids with another organization's staff",
        args: (f) => ({ p_attendant_ids: [f.other.members.staff.id] }),
        expected: invalid('invalid_attendant'),
      },
      {
        label: 'p_attendant_ids of 201 people',
        args: (f) => ({ p_attendant_ids: Array.from({ length: 201 }, () => f.tenant.members.staff.id) }),
        expected: invalid('invalid_attendants'),
      },
    ],
  },

  'public.assign_housekeeping_task': {
    valid: (f) => ({ p_task_id: housekeeping(f).taskId, p_assignee_id: f.tenant.members.staff.id, p_position: 0 }),
    nulls: {
      p_task_id: invalid('invalid_task_id'),
      p_assignee_id: { means: 'nobody: the task goes back to the unassigned column' },
      p_position: { means: 'the end of the attendant’s list' },
    },
    cases: [
      ...taskIdCases('p_task_id'),
      { label: "p_assignee_id 'not-a-uuid'", args: { p_assignee_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_assignee_id unknown', args: { p_assignee_id: UNKNOWN_ID }, expected: invalid('invalid_attendant') },
      {
        label: 'p_assignee_id a viewer',
        args: (f) => ({ p_assignee_id: f.tenant.members.viewer.id }),
        expected: invalid('invalid_attendant'),
      },
      {
        label: "p_assignee_id another organization's staff",
        args: (f) => ({ p_assignee_id: f.other.members.staff.id }),
        expected: invalid('invalid_attendant'),
      },
      { label: 'p_position -1', args: { p_position: -1 }, expected: invalid('invalid_position') },
      { label: 'p_position 10001', args: { p_position: 10_001 }, expected: invalid('invalid_position') },
      { label: "p_position '1.5'", args: { p_position: '1.5' }, expected: BAD_NUMBER },
    ],
  },

  'public.start_housekeeping_task': {
    valid: (f) => ({ p_task_id: housekeeping(f).openTaskId }),
    nulls: { p_task_id: invalid('invalid_task_id') },
    cases: [
      ...taskIdCases('p_task_id'),
      {
        label: 'p_task_id of a cleaned task',
        args: (f) => ({ p_task_id: housekeeping(f).taskId }),
        expected: rule('invalid_task_transition'),
      },
    ],
  },

  'public.finish_housekeeping_task': {
    valid: (f) => ({ p_task_id: housekeeping(f).openTaskId, p_notes: 'Broken lamp' }),
    nulls: { p_task_id: invalid('invalid_task_id'), p_notes: { means: 'no notes' } },
    cases: [
      ...taskIdCases('p_task_id'),
      { label: 'p_notes of 10,000 characters', args: { p_notes: LONG }, expected: invalid('invalid_notes') },
      {
        label: 'p_task_id of a cleaned task',
        args: (f) => ({ p_task_id: housekeeping(f).taskId }),
        expected: rule('invalid_task_transition'),
      },
    ],
  },

  'public.inspect_housekeeping_task': {
    valid: (f) => ({ p_task_id: housekeeping(f).taskId, p_passed: true, p_notes: 'Spotless', p_failed_items: [] }),
    nulls: {
      p_task_id: invalid('invalid_task_id'),
      p_passed: invalid('invalid_passed'),
      p_notes: { means: 'no notes' },
      p_failed_items: { means: 'no failed checklist items' },
    },
    cases: [
      ...taskIdCases('p_task_id'),
      { label: 'p_notes of 10,000 characters', args: { p_notes: LONG }, expected: invalid('invalid_notes') },
      { label: "p_failed_items ['']", args: { p_failed_items: [''] }, expected: invalid('invalid_failed_items') },
      { label: 'p_failed_items [null]', args: { p_failed_items: [null] }, expected: invalid('invalid_failed_items') },
      {
        label: 'p_failed_items of 31 items',
        args: { p_failed_items: Array.from({ length: 31 }, (_, i) => `Item ${i}`) },
        expected: invalid('invalid_failed_items'),
      },
      {
        label: 'p_failed_items with an item of 10,000 characters',
        args: { p_failed_items: [LONG] },
        expected: invalid('invalid_failed_items'),
      },
      {
        label: 'a fail without notes or items',
        args: { p_passed: false, p_notes: null, p_failed_items: [] },
        expected: invalid('notes_required'),
      },
      {
        label: 'p_task_id of an open task',
        args: (f) => ({ p_task_id: housekeeping(f).openTaskId }),
        expected: rule('invalid_task_transition'),
      },
    ],
  },

  'public.housekeeping_report': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[0], p_from: daysFromNow(-7), p_to: daysFromNow(0) }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_from: invalid('invalid_period'),
      p_to: invalid('invalid_period'),
    },
    cases: [
      ...propertyIdCases(),
      {
        label: 'p_from after p_to',
        args: { p_from: daysFromNow(1), p_to: daysFromNow(0) },
        expected: invalid('invalid_period'),
      },
      {
        label: 'a period longer than a year',
        args: { p_from: daysFromNow(-400), p_to: daysFromNow(0) },
        expected: invalid('invalid_period'),
      },
    ],
  },

  'public.housekeeping_attendants': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[0] }),
    nulls: { p_property_id: invalid('invalid_property_id') },
    cases: propertyIdCases(),
  },

  'public.check_out_booking': {
    // The owner may override the fixture folio's open balance; without a reason it is refused.
    valid: (f) => ({ p_booking_id: booked(f).checkedInBookingId, p_override_reason: 'The company pays.' }),
    nulls: { p_booking_id: invalid('invalid_booking_id'), p_override_reason: rule('balance_outstanding') },
    cases: [
      ...bookingIdCases('p_booking_id'),
      {
        label: 'p_override_reason empty',
        args: { p_override_reason: '' },
        expected: invalid('invalid_override_reason'),
      },
      {
        label: 'p_override_reason of 10,000 characters',
        args: { p_override_reason: LONG },
        expected: invalid('invalid_override_reason'),
      },
    ],
  },

  'public.mail_daily_report': {
    valid: (f) => ({
      p_property_id: f.tenant.propertyIds[0],
      p_subject: 'Daily report',
      p_html: '<p>Report</p>',
      p_text: 'Report',
      p_pdf: 'JVBERi0xLjcK',
    }),
    nulls: {
      p_property_id: notFound('property_not_found'),
      p_subject: invalid('invalid_subject'),
      p_html: invalid('invalid_report_body'),
      p_text: invalid('invalid_report_body'),
      p_pdf: invalid('invalid_report_pdf'),
    },
    cases: [
      { label: 'p_property_id not a uuid', args: { p_property_id: 'x' }, expected: BAD_UUID },
      {
        label: 'p_property_id of another organization',
        args: (f) => ({ p_property_id: f.other.propertyIds[0] }),
        expected: notFound('property_not_found'),
      },
      { label: 'p_subject with a line break', args: { p_subject: 'a\nb' }, expected: invalid('invalid_subject') },
      { label: "p_subject ''", args: { p_subject: '' }, expected: invalid('invalid_subject') },
      { label: 'p_html over 256 KiB', args: { p_html: 'x'.repeat(262_145) }, expected: invalid('invalid_report_body') },
      { label: 'p_pdf not base64', args: { p_pdf: 'not base64!' }, expected: invalid('invalid_report_pdf') },
      { label: 'p_pdf not a PDF', args: { p_pdf: 'aGVsbG8h' }, expected: invalid('invalid_report_pdf') },
    ],
  },

  'public.mark_no_show': {
    valid: (f) => ({ p_booking_id: booked(f).arrivingBookingId }),
    nulls: { p_booking_id: invalid('invalid_booking_id') },
    cases: bookingIdCases('p_booking_id'),
  },

  'public.create_order': {
    valid: (f) => ({
      p_property_id: cat(f.tenant).propertyId,
      p_kind: 'takeaway',
      p_table_resource_id: null,
      p_booking_id: null,
      p_guest_name: 'Ana Sousa',
    }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_kind: invalid('invalid_kind'),
      p_table_resource_id: { means: 'no table (a takeaway)' },
      p_booking_id: { means: 'not linked to a booking' },
      p_guest_name: { means: 'no guest name' },
    },
    cases: [
      { label: "p_property_id 'not-a-uuid'", args: { p_property_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: "p_property_id of another organization's property",
        args: (f) => ({ p_property_id: f.other.propertyIds[1] }),
        expected: notFound('property_not_found'),
      },
      { label: "p_kind 'delivery'", args: { p_kind: 'delivery' }, expected: invalid('invalid_kind') },
      { label: "p_kind 'TABLE'", args: { p_kind: 'TABLE' }, expected: invalid('invalid_kind') },
      { label: 'p_kind empty', args: { p_kind: '' }, expected: invalid('invalid_kind') },
      { label: 'p_kind of 10,000 characters', args: { p_kind: LONG }, expected: invalid('invalid_kind') },
      {
        label: "p_kind 'table' without a table",
        args: { p_kind: 'table' },
        expected: invalid('invalid_table_resource_id'),
      },
      {
        label: 'p_table_resource_id on a takeaway',
        args: { p_table_resource_id: UNKNOWN_ID },
        expected: invalid('invalid_table_resource_id'),
      },
      { label: "p_table_resource_id 'not-a-uuid'", args: { p_table_resource_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: "p_kind 'room' without a booking", args: { p_kind: 'room' }, expected: invalid('invalid_booking_id') },
      { label: "p_booking_id 'not-a-uuid'", args: { p_booking_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_name empty', args: { p_guest_name: '' }, expected: invalid('invalid_guest_name') },
      { label: 'p_guest_name only blanks', args: { p_guest_name: '   ' }, expected: invalid('invalid_guest_name') },
      {
        label: 'p_guest_name of 121 characters',
        args: { p_guest_name: 'g'.repeat(121) },
        expected: invalid('invalid_guest_name'),
      },
      {
        label: 'p_guest_name of 10,000 characters',
        args: { p_guest_name: LONG },
        expected: invalid('invalid_guest_name'),
      },
    ],
  },

  'public.place_order': {
    // A fresh key each call: a used key returns its order, whatever the other arguments.
    valid: (f) => ({
      p_property_id: cat(f.tenant).propertyId,
      p_idempotency_key: randomUUID(),
      p_kind: 'takeaway',
      p_lines: [
        { item_id: cat(f.tenant).itemId, quantity: 1, option_ids: [cat(f.tenant).optionId], seat: 2, course: 1 },
      ],
      p_table_resource_id: null,
      p_booking_id: null,
      p_guest_name: null,
    }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_idempotency_key: invalid('invalid_idempotency_key'),
      p_kind: invalid('invalid_kind'),
      p_lines: invalid('invalid_lines'),
      p_table_resource_id: { means: 'no table (a takeaway)' },
      p_booking_id: { means: 'not linked to a booking' },
      p_guest_name: { means: 'no guest name' },
    },
    cases: [
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: "p_property_id of another organization's property",
        args: (f) => ({ p_property_id: f.other.propertyIds[1] }),
        expected: notFound('property_not_found'),
      },
      {
        label: 'p_idempotency_key empty',
        args: { p_idempotency_key: '' },
        expected: invalid('invalid_idempotency_key'),
      },
      {
        label: 'p_idempotency_key of 201 characters',
        args: { p_idempotency_key: 'k'.repeat(201) },
        expected: invalid('invalid_idempotency_key'),
      },
      { label: "p_kind 'delivery'", args: { p_kind: 'delivery' }, expected: invalid('invalid_kind') },
      { label: 'p_lines empty', args: { p_lines: [] }, expected: invalid('invalid_lines') },
      { label: 'p_lines an object', args: { p_lines: { item_id: UNKNOWN_ID } }, expected: invalid('invalid_lines') },
      {
        label: 'p_lines with an item_id that is no uuid',
        args: { p_lines: [{ item_id: 'x', quantity: 1 }] },
        expected: invalid('invalid_lines'),
      },
      {
        label: "p_lines with a quantity '1'",
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: '1' }] }),
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines with a quantity 1.5',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1.5 }] }),
        expected: invalid('invalid_quantity'),
      },
      {
        label: 'p_lines with a quantity 0',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 0 }] }),
        expected: invalid('invalid_quantity'),
      },
      {
        label: 'p_lines with seat 100',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1, seat: 100 }] }),
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines with option ids that are no uuids',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1, option_ids: ['x'] }] }),
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines of 101 lines',
        args: (f) => ({ p_lines: Array.from({ length: 101 }, () => ({ item_id: cat(f.tenant).itemId, quantity: 1 })) }),
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines with an unknown item',
        args: { p_lines: [{ item_id: UNKNOWN_ID, quantity: 1 }] },
        expected: notFound('item_not_found'),
      },
      {
        label: 'p_lines with an unknown option',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1, option_ids: [UNKNOWN_ID] }] }),
        expected: rule('invalid_modifiers'),
      },
      {
        label: "p_kind 'table' without a table",
        args: { p_kind: 'table' },
        expected: invalid('invalid_table_resource_id'),
      },
      { label: 'p_guest_name empty', args: { p_guest_name: '' }, expected: invalid('invalid_guest_name') },
    ],
  },

  'public.add_order_item': {
    valid: (f) => ({
      p_order_id: cat(f.tenant).draftOrderId,
      p_item_id: cat(f.tenant).itemId,
      p_quantity: 2,
      p_option_ids: [cat(f.tenant).optionId],
      p_note: 'No onions',
    }),
    nulls: {
      p_order_id: invalid('invalid_order_id'),
      p_item_id: invalid('invalid_item_id'),
      p_quantity: invalid('invalid_quantity'),
      p_option_ids: { means: 'no options' },
      p_note: { means: 'no note' },
    },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).draftOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a submitted order',
        args: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId }),
        expected: rule('invalid_order_status'),
      },
      { label: "p_item_id 'not-a-uuid'", args: { p_item_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_item_id unknown', args: { p_item_id: UNKNOWN_ID }, expected: notFound('item_not_found') },
      {
        label: "p_item_id of another organization's item",
        args: (f) => ({ p_item_id: cat(f.other).itemId, p_option_ids: [] }),
        expected: notFound('item_not_found'),
      },
      { label: 'p_quantity 0', args: { p_quantity: 0 }, expected: invalid('invalid_quantity') },
      { label: 'p_quantity -1', args: { p_quantity: -1 }, expected: invalid('invalid_quantity') },
      { label: 'p_quantity 1000', args: { p_quantity: 1000 }, expected: invalid('invalid_quantity') },
      { label: 'p_quantity 2147483647', args: { p_quantity: 2147483647 }, expected: invalid('invalid_quantity') },
      { label: "p_quantity 'two'", args: { p_quantity: 'two' }, expected: BAD_NUMBER },
      {
        label: 'p_quantity 2147483648 (out of integer range)',
        args: { p_quantity: '2147483648' },
        expected: { code: '22003' },
      },
      { label: 'p_option_ids [null]', args: { p_option_ids: [null] }, expected: invalid('invalid_option_ids') },
      {
        label: 'p_option_ids with a duplicate',
        args: (f) => ({ p_option_ids: [cat(f.tenant).optionId, cat(f.tenant).optionId] }),
        expected: invalid('invalid_option_ids'),
      },
      {
        label: 'p_option_ids of 51 ids',
        args: { p_option_ids: Array.from({ length: 51 }, () => randomUUID()) },
        expected: invalid('invalid_option_ids'),
      },
      {
        label: 'p_option_ids two-dimensional',
        args: { p_option_ids: `{{${randomUUID()}},{${randomUUID()}}}` },
        expected: invalid('invalid_option_ids'),
      },
      { label: "p_option_ids ['not-a-uuid']", args: { p_option_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      {
        label: 'p_option_ids with an unknown option',
        args: { p_option_ids: [UNKNOWN_ID] },
        expected: rule('invalid_modifiers'),
      },
      {
        label: "p_option_ids with another organization's option",
        args: (f) => ({ p_option_ids: [cat(f.other).optionId] }),
        expected: rule('invalid_modifiers'),
      },
      { label: 'p_note empty', args: { p_note: '' }, expected: invalid('invalid_note') },
      { label: 'p_note of 201 characters', args: { p_note: 'n'.repeat(201) }, expected: invalid('invalid_note') },
      { label: 'p_note of 10,000 characters', args: { p_note: LONG }, expected: invalid('invalid_note') },
    ],
  },

  'public.change_order_item_quantity': {
    valid: (f) => ({ p_order_item_id: cat(f.tenant).draftOrderItemId, p_quantity: 3 }),
    nulls: { p_order_item_id: invalid('invalid_order_item_id'), p_quantity: invalid('invalid_quantity') },
    cases: [
      { label: "p_order_item_id 'not-a-uuid'", args: { p_order_item_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_order_item_id unknown',
        args: { p_order_item_id: UNKNOWN_ID },
        expected: notFound('order_item_not_found'),
      },
      {
        label: "p_order_item_id of another organization's order",
        args: (f) => ({ p_order_item_id: cat(f.other).draftOrderItemId }),
        expected: notFound('order_item_not_found'),
      },
      {
        label: 'p_order_item_id of a submitted order',
        args: (f) => ({ p_order_item_id: cat(f.tenant).submittedOrderItemId }),
        expected: rule('invalid_order_status'),
      },
      { label: 'p_quantity 0', args: { p_quantity: 0 }, expected: invalid('invalid_quantity') },
      { label: 'p_quantity -5', args: { p_quantity: -5 }, expected: invalid('invalid_quantity') },
      { label: 'p_quantity 1000', args: { p_quantity: 1000 }, expected: invalid('invalid_quantity') },
      { label: "p_quantity 'lots'", args: { p_quantity: 'lots' }, expected: BAD_NUMBER },
    ],
  },

  'public.remove_order_item': {
    valid: (f) => ({ p_order_item_id: cat(f.tenant).draftOrderItemId }),
    nulls: { p_order_item_id: invalid('invalid_order_item_id') },
    cases: [
      { label: "p_order_item_id 'not-a-uuid'", args: { p_order_item_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_order_item_id unknown',
        args: { p_order_item_id: UNKNOWN_ID },
        expected: notFound('order_item_not_found'),
      },
      {
        label: "p_order_item_id of another organization's order",
        args: (f) => ({ p_order_item_id: cat(f.other).draftOrderItemId }),
        expected: notFound('order_item_not_found'),
      },
      {
        label: 'p_order_item_id of a submitted order',
        args: (f) => ({ p_order_item_id: cat(f.tenant).submittedOrderItemId }),
        expected: rule('invalid_order_status'),
      },
    ],
  },

  'public.submit_order': {
    valid: (f) => ({ p_order_id: cat(f.tenant).draftOrderId }),
    nulls: { p_order_id: invalid('invalid_order_id') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).draftOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a submitted order',
        args: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId }),
        expected: rule('invalid_order_status'),
      },
    ],
  },

  'public.advance_order_status': {
    valid: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId, p_status: 'preparing' }),
    nulls: { p_order_id: invalid('invalid_order_id'), p_status: invalid('invalid_status') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).submittedOrderId }),
        expected: notFound('order_not_found'),
      },
      ...['draft', 'submitted', 'closed', 'voided', 'PREPARING', '', LONG].map((status) => ({
        label: `p_status ${status.length > 20 ? `of ${status.length} characters` : `'${status}'`}`,
        args: { p_status: status },
        expected: invalid('invalid_status'),
      })),
      {
        label: "p_status 'ready' straight from submitted",
        args: { p_status: 'ready' },
        expected: rule('invalid_transition'),
      },
      {
        label: 'p_order_id of a draft order',
        args: (f) => ({ p_order_id: cat(f.tenant).draftOrderId }),
        expected: rule('invalid_transition'),
      },
    ],
  },

  'public.set_order_item_status': {
    valid: (f) => ({ p_order_item_id: cat(f.tenant).submittedOrderItemId, p_status: 'preparing' }),
    nulls: { p_order_item_id: invalid('invalid_order_item_id'), p_status: invalid('invalid_status') },
    cases: [
      { label: "p_order_item_id 'not-a-uuid'", args: { p_order_item_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_order_item_id unknown',
        args: { p_order_item_id: UNKNOWN_ID },
        expected: notFound('order_item_not_found'),
      },
      {
        label: "p_order_item_id of another organization's order",
        args: (f) => ({ p_order_item_id: cat(f.other).submittedOrderItemId }),
        expected: notFound('order_item_not_found'),
      },
      {
        label: 'p_order_item_id of a draft order',
        args: (f) => ({ p_order_item_id: cat(f.tenant).draftOrderItemId }),
        expected: rule('invalid_order_status'),
      },
      ...['queued', 'voided', 'Ready', '', LONG].map((status) => ({
        label: `p_status ${status.length > 20 ? `of ${status.length} characters` : `'${status}'`}`,
        args: { p_status: status },
        expected: invalid('invalid_status'),
      })),
      {
        label: "p_status 'ready' straight from queued",
        args: { p_status: 'ready' },
        expected: rule('invalid_transition'),
      },
    ],
  },

  'public.void_order_item': {
    valid: (f) => ({ p_order_item_id: cat(f.tenant).submittedOrderItemId, p_reason: 'Sent back cold' }),
    nulls: { p_order_item_id: invalid('invalid_order_item_id'), p_reason: invalid('invalid_reason') },
    cases: [
      { label: "p_order_item_id 'not-a-uuid'", args: { p_order_item_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_order_item_id unknown',
        args: { p_order_item_id: UNKNOWN_ID },
        expected: notFound('order_item_not_found'),
      },
      {
        label: "p_order_item_id of another organization's order",
        args: (f) => ({ p_order_item_id: cat(f.other).submittedOrderItemId }),
        expected: notFound('order_item_not_found'),
      },
      { label: 'p_reason empty', args: { p_reason: '' }, expected: invalid('invalid_reason') },
      { label: 'p_reason only blanks', args: { p_reason: '   ' }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 501 characters', args: { p_reason: 'r'.repeat(501) }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
    ],
  },

  'public.void_order': {
    valid: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId, p_reason: 'Guest left' }),
    nulls: { p_order_id: invalid('invalid_order_id'), p_reason: invalid('invalid_reason') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).submittedOrderId }),
        expected: notFound('order_not_found'),
      },
      { label: 'p_reason empty', args: { p_reason: '' }, expected: invalid('invalid_reason') },
      { label: 'p_reason only blanks', args: { p_reason: '   ' }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 501 characters', args: { p_reason: 'r'.repeat(501) }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
    ],
  },

  'public.apply_order_discount': {
    valid: (f) => ({
      p_order_id: cat(f.tenant).draftOrderId,
      p_amount_minor: 100,
      p_percent_bp: null,
      p_reason: 'Regular guest',
    }),
    nulls: {
      p_order_id: invalid('invalid_order_id'),
      p_amount_minor: { means: 'no fixed amount (with p_percent_bp null too: no discount)' },
      p_percent_bp: { means: 'no percentage' },
      p_reason: invalid('invalid_reason'),
    },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).draftOrderId }),
        expected: notFound('order_not_found'),
      },
      { label: 'p_amount_minor 0', args: { p_amount_minor: 0 }, expected: invalid('invalid_amount') },
      { label: 'p_amount_minor -100', args: { p_amount_minor: -100 }, expected: invalid('invalid_amount') },
      {
        label: 'p_amount_minor 100000000001',
        args: { p_amount_minor: '100000000001' },
        expected: invalid('invalid_amount'),
      },
      { label: "p_amount_minor 'ten'", args: { p_amount_minor: 'ten' }, expected: BAD_NUMBER },
      {
        label: 'p_amount_minor above the subtotal (1,250)',
        args: { p_amount_minor: 1251 },
        expected: rule('discount_too_large'),
      },
      {
        label: 'p_amount_minor and p_percent_bp both',
        args: { p_percent_bp: 1000 },
        expected: invalid('invalid_discount'),
      },
      {
        label: 'p_percent_bp 0',
        args: { p_amount_minor: null, p_percent_bp: 0 },
        expected: invalid('invalid_percent'),
      },
      {
        label: 'p_percent_bp 10001',
        args: { p_amount_minor: null, p_percent_bp: 10001 },
        expected: invalid('invalid_percent'),
      },
      {
        label: 'p_percent_bp -500',
        args: { p_amount_minor: null, p_percent_bp: -500 },
        expected: invalid('invalid_percent'),
      },
      { label: 'p_reason empty', args: { p_reason: '' }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
      {
        label: 'p_order_id of a closed order',
        args: (f) => ({ p_order_id: cat(f.tenant).closedOrderId }),
        expected: rule('invalid_order_status'),
      },
    ],
  },

  'public.close_order': {
    valid: (f) => ({ p_order_id: cat(f.tenant).servedOrderId }),
    nulls: { p_order_id: invalid('invalid_order_id') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).servedOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a draft order',
        args: (f) => ({ p_order_id: cat(f.tenant).draftOrderId }),
        expected: rule('invalid_transition'),
      },
    ],
  },

  // A table's check (supabase/migrations/20261206150200_pos_checks.sql).
  'public.request_bill': {
    valid: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId }),
    nulls: { p_order_id: invalid('invalid_order_id') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).submittedOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a closed order',
        args: (f) => ({ p_order_id: cat(f.tenant).closedOrderId }),
        expected: rule('invalid_order_status'),
      },
    ],
  },

  'public.add_order_round': {
    // A fresh key each call: a key used before returns the order, adding nothing.
    valid: (f) => ({
      p_order_id: cat(f.tenant).submittedOrderId,
      p_idempotency_key: randomUUID(),
      p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1, option_ids: [cat(f.tenant).optionId], seat: 2 }],
    }),
    nulls: {
      p_order_id: invalid('invalid_order_id'),
      p_idempotency_key: invalid('invalid_idempotency_key'),
      p_lines: invalid('invalid_lines'),
    },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).submittedOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a closed order',
        args: (f) => ({ p_order_id: cat(f.tenant).closedOrderId }),
        expected: rule('invalid_order_status'),
      },
      {
        label: 'p_idempotency_key empty',
        args: { p_idempotency_key: '' },
        expected: invalid('invalid_idempotency_key'),
      },
      {
        label: 'p_idempotency_key of 10,000 characters',
        args: { p_idempotency_key: LONG },
        expected: invalid('invalid_idempotency_key'),
      },
      { label: 'p_lines empty', args: { p_lines: [] }, expected: invalid('invalid_lines') },
      { label: 'p_lines an object', args: { p_lines: { item_id: UNKNOWN_ID } }, expected: invalid('invalid_lines') },
      {
        label: 'p_lines with an item_id that is no uuid',
        args: { p_lines: [{ item_id: 'x', quantity: 1 }] },
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines with a quantity 0',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 0 }] }),
        expected: invalid('invalid_quantity'),
      },
      {
        label: 'p_lines with seat 100',
        args: (f) => ({ p_lines: [{ item_id: cat(f.tenant).itemId, quantity: 1, seat: 100 }] }),
        expected: invalid('invalid_lines'),
      },
      {
        label: 'p_lines with an unknown item',
        args: { p_lines: [{ item_id: UNKNOWN_ID, quantity: 1 }] },
        expected: notFound('item_not_found'),
      },
      {
        label: "p_lines with another organization's item",
        args: (f) => ({ p_lines: [{ item_id: cat(f.other).itemId, quantity: 1 }] }),
        expected: notFound('item_not_found'),
      },
    ],
  },

  'public.split_order': {
    valid: (f) => ({ p_order_id: cat(f.tenant).splitOrderId, p_item_ids: [cat(f.tenant).splitOrderSecondItemId] }),
    nulls: { p_order_id: invalid('invalid_order_id'), p_item_ids: invalid('invalid_item_ids') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).splitOrderId, p_item_ids: [cat(f.other).splitOrderSecondItemId] }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a closed order',
        args: (f) => ({ p_order_id: cat(f.tenant).closedOrderId, p_item_ids: [cat(f.tenant).closedOrderItemId] }),
        expected: rule('invalid_order_status'),
      },
      { label: 'p_item_ids empty', args: { p_item_ids: [] }, expected: invalid('invalid_item_ids') },
      { label: "p_item_ids ['not-a-uuid']", args: { p_item_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      { label: 'p_item_ids with a null', args: { p_item_ids: [null] }, expected: invalid('invalid_item_ids') },
      {
        label: 'p_item_ids with one id twice',
        args: (f) => ({ p_item_ids: [cat(f.tenant).splitOrderItemId, cat(f.tenant).splitOrderItemId] }),
        expected: invalid('invalid_item_ids'),
      },
      {
        label: 'p_item_ids of 101 ids',
        args: { p_item_ids: Array.from({ length: 101 }, () => randomUUID()) },
        expected: invalid('invalid_item_ids'),
      },
      {
        label: 'p_item_ids unknown',
        args: { p_item_ids: [UNKNOWN_ID] },
        expected: notFound('order_item_not_found'),
      },
      {
        label: 'p_item_ids of another order',
        args: (f) => ({ p_item_ids: [cat(f.tenant).servedOrderItemId] }),
        expected: notFound('order_item_not_found'),
      },
      {
        label: 'p_item_ids every line of the order',
        args: (f) => ({ p_item_ids: [cat(f.tenant).splitOrderItemId, cat(f.tenant).splitOrderSecondItemId] }),
        expected: rule('split_leaves_nothing'),
      },
    ],
  },

  'public.settle_order': {
    valid: (f) => ({ p_order_id: cat(f.tenant).servedOrderId, p_method: 'card', p_external_reference: null }),
    nulls: {
      p_order_id: invalid('invalid_order_id'),
      p_method: invalid('invalid_method'),
      p_external_reference: { means: 'no external reference' },
    },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: "p_order_id of another organization's order",
        args: (f) => ({ p_order_id: cat(f.other).servedOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a submitted order',
        args: (f) => ({ p_order_id: cat(f.tenant).submittedOrderId }),
        expected: rule('invalid_order_status'),
      },
      { label: "p_method 'bitcoin'", args: { p_method: 'bitcoin' }, expected: invalid('invalid_method') },
      { label: "p_method 'CARD'", args: { p_method: 'CARD' }, expected: invalid('invalid_method') },
      {
        label: 'p_external_reference blank',
        args: { p_external_reference: '   ' },
        expected: invalid('invalid_external_reference'),
      },
      {
        label: 'p_external_reference of 10,000 characters',
        args: { p_external_reference: LONG },
        expected: invalid('invalid_external_reference'),
      },
    ],
  },

  // Folios and loyalty (supabase/migrations/20261122001300_folios_and_loyalty.sql).
  'public.open_booking_folio': {
    valid: (f) => ({ p_booking_id: booked(f).checkedInBookingId }),
    nulls: { p_booking_id: invalid('invalid_booking_id') },
    cases: bookingIdCases('p_booking_id'),
  },

  'public.open_tab': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[1], p_label: 'T4', p_table_resource_id: booked(f).tableId }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_label: invalid('invalid_label'),
      p_table_resource_id: { means: 'a tab without a table (the counter)' },
    },
    cases: [
      { label: "p_property_id 'not-a-uuid'", args: { p_property_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: 'p_property_id of another organization',
        args: (f) => ({ p_property_id: f.other.propertyIds[1] }),
        expected: notFound('property_not_found'),
      },
      { label: 'p_label blank', args: { p_label: '   ' }, expected: invalid('invalid_label') },
      { label: 'p_label of 10,000 characters', args: { p_label: LONG }, expected: invalid('invalid_label') },
      {
        label: 'p_table_resource_id of another property',
        args: (f) => ({ p_table_resource_id: booked(f).room101 }),
        expected: notFound('resource_not_found'),
      },
    ],
  },

  'public.charge_order_to_folio': {
    valid: (f) => ({ p_order_id: cat(f.tenant).servedOrderId, p_folio_id: folio(f).tabId }),
    nulls: { p_order_id: invalid('invalid_order_id'), p_folio_id: invalid('invalid_folio_id') },
    cases: [
      { label: "p_order_id 'not-a-uuid'", args: { p_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_order_id unknown', args: { p_order_id: UNKNOWN_ID }, expected: notFound('order_not_found') },
      {
        label: 'p_order_id of another organization',
        args: (f) => ({ p_order_id: cat(f.other).servedOrderId }),
        expected: notFound('order_not_found'),
      },
      {
        label: 'p_order_id of a draft order',
        args: (f) => ({ p_order_id: cat(f.tenant).draftOrderId }),
        expected: rule('order_not_served'),
      },
      ...folioIdCases('p_folio_id'),
    ],
  },

  'public.record_payment': {
    valid: (f) => ({ p_folio_id: folio(f).tabId, p_amount_minor: 1500, p_method: 'card', p_external_reference: null }),
    nulls: {
      p_folio_id: invalid('invalid_folio_id'),
      p_amount_minor: invalid('invalid_amount'),
      p_method: invalid('invalid_method'),
      p_external_reference: { means: 'no external reference' },
    },
    cases: [
      ...folioIdCases('p_folio_id'),
      ...amountCases('p_amount_minor'),
      { label: 'p_amount_minor negative', args: { p_amount_minor: -100 }, expected: invalid('invalid_amount') },
      { label: "p_method 'bitcoin'", args: { p_method: 'bitcoin' }, expected: invalid('invalid_method') },
      { label: "p_method 'CARD'", args: { p_method: 'CARD' }, expected: invalid('invalid_method') },
      {
        label: 'p_external_reference of 10,000 characters',
        args: { p_external_reference: LONG },
        expected: invalid('invalid_external_reference'),
      },
    ],
  },

  'public.record_refund': {
    valid: (f) => ({
      p_folio_id: folio(f).folioId,
      p_amount_minor: 1000,
      p_method: 'card',
      p_external_reference: 'R-1',
    }),
    nulls: {
      p_folio_id: invalid('invalid_folio_id'),
      p_amount_minor: invalid('invalid_amount'),
      p_method: invalid('invalid_method'),
      p_external_reference: { means: 'no external reference' },
    },
    cases: [
      ...folioIdCases('p_folio_id'),
      ...amountCases('p_amount_minor'),
      {
        label: 'p_amount_minor above what was paid',
        args: { p_amount_minor: 5001 },
        expected: rule('refund_exceeds_payments'),
      },
      { label: "p_method ''", args: { p_method: '' }, expected: invalid('invalid_method') },
      {
        label: 'p_external_reference blank',
        args: { p_external_reference: ' ' },
        expected: invalid('invalid_external_reference'),
      },
    ],
  },

  'public.post_folio_adjustment': {
    valid: (f) => ({ p_folio_id: folio(f).tabId, p_amount_minor: -500, p_reason: 'Goodwill discount' }),
    nulls: {
      p_folio_id: invalid('invalid_folio_id'),
      p_amount_minor: invalid('invalid_amount'),
      p_reason: invalid('invalid_reason'),
    },
    cases: [
      ...folioIdCases('p_folio_id'),
      { label: 'p_amount_minor zero', args: { p_amount_minor: 0 }, expected: invalid('invalid_amount') },
      { label: "p_amount_minor '1.5'", args: { p_amount_minor: '1.5' }, expected: BAD_NUMBER },
      { label: 'p_reason blank', args: { p_reason: '  ' }, expected: invalid('invalid_reason') },
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
    ],
  },

  'public.settle_folio': {
    valid: (f) => ({ p_folio_id: folio(f).tabId }),
    nulls: { p_folio_id: invalid('invalid_folio_id') },
    cases: [
      ...folioIdCases('p_folio_id'),
      {
        label: 'p_folio_id with a balance',
        args: (f) => ({ p_folio_id: folio(f).folioId }),
        expected: rule('balance_outstanding'),
      },
    ],
  },

  'public.redeem_loyalty_points': {
    valid: (f) => ({ p_guest_id: booked(f).guestId, p_points: 10, p_reason: 'Free coffee' }),
    nulls: {
      p_guest_id: invalid('invalid_guest_id'),
      p_points: invalid('invalid_points'),
      p_reason: invalid('invalid_reason'),
    },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
      { label: 'p_points zero', args: { p_points: 0 }, expected: invalid('invalid_points') },
      { label: 'p_points negative', args: { p_points: -10 }, expected: invalid('invalid_points') },
      { label: 'p_points above the balance', args: { p_points: 121 }, expected: rule('insufficient_points') },
      { label: "p_points 'ten'", args: { p_points: 'ten' }, expected: BAD_NUMBER },
      { label: 'p_reason of 10,000 characters', args: { p_reason: LONG }, expected: invalid('invalid_reason') },
    ],
  },

  // Outgoing webhooks (decision 030; fixtures made in beforeAll: tenant.extra.webhooks).
  'public.create_webhook_endpoint': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_url: 'https://hooks.example.com/roost',
      p_description: 'Channel manager',
      p_events: ['guest.created', 'booking.created'],
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_url: invalid('invalid_webhook_url'),
      p_description: { means: 'no description' },
      p_events: invalid('invalid_webhook_events'),
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      ...webhookUrlCases('p_url'),
      ...webhookEventCases('p_events'),
      {
        label: 'p_description blank',
        args: { p_description: '   ' },
        expected: invalid('invalid_webhook_description'),
      },
      {
        label: 'p_description of 10,000 characters',
        args: { p_description: LONG },
        expected: invalid('invalid_webhook_description'),
      },
    ],
  },

  'public.update_webhook_endpoint': {
    valid: (f) => ({
      p_endpoint_id: hooks(f).endpointId,
      p_url: 'https://hooks.example.com/v2',
      p_description: null,
      p_events: ['payment.succeeded'],
    }),
    nulls: {
      p_endpoint_id: invalid('invalid_webhook_endpoint_id'),
      p_url: invalid('invalid_webhook_url'),
      p_description: { means: 'the description cleared' },
      p_events: invalid('invalid_webhook_events'),
    },
    cases: [
      ...webhookEndpointIdCases('p_endpoint_id'),
      ...webhookUrlCases('p_url'),
      ...webhookEventCases('p_events'),
      {
        label: 'p_description of 10,000 characters',
        args: { p_description: LONG },
        expected: invalid('invalid_webhook_description'),
      },
    ],
  },

  'public.set_webhook_endpoint_enabled': {
    valid: (f) => ({ p_endpoint_id: hooks(f).endpointId, p_enabled: false }),
    nulls: { p_endpoint_id: invalid('invalid_webhook_endpoint_id'), p_enabled: invalid('invalid_enabled') },
    // p_enabled: the driver sends any other value as a boolean; only null is a bad input.
    cases: webhookEndpointIdCases('p_endpoint_id'),
  },

  'public.rotate_webhook_secret': {
    valid: (f) => ({ p_endpoint_id: hooks(f).endpointId }),
    nulls: { p_endpoint_id: invalid('invalid_webhook_endpoint_id') },
    cases: webhookEndpointIdCases('p_endpoint_id'),
  },

  'public.delete_webhook_endpoint': {
    valid: (f) => ({ p_endpoint_id: hooks(f).endpointId }),
    nulls: { p_endpoint_id: invalid('invalid_webhook_endpoint_id') },
    cases: webhookEndpointIdCases('p_endpoint_id'),
  },

  'public.send_test_webhook': {
    valid: (f) => ({ p_endpoint_id: hooks(f).endpointId }),
    nulls: { p_endpoint_id: invalid('invalid_webhook_endpoint_id') },
    cases: [
      ...webhookEndpointIdCases('p_endpoint_id'),
      {
        label: 'p_endpoint_id of a disabled endpoint',
        args: (f) => ({ p_endpoint_id: hooks(f).disabledEndpointId }),
        expected: rule('webhook_endpoint_disabled'),
      },
    ],
  },

  'public.replay_webhook_delivery': {
    valid: (f) => ({ p_delivery_id: hooks(f).deliveryId }),
    nulls: { p_delivery_id: invalid('invalid_webhook_delivery_id') },
    cases: [
      { label: "p_delivery_id 'not-a-uuid'", args: { p_delivery_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_delivery_id unknown',
        args: { p_delivery_id: UNKNOWN_ID },
        expected: notFound('webhook_delivery_not_found'),
      },
      {
        label: 'p_delivery_id of another organization',
        args: (f) => ({ p_delivery_id: hooks(f, 'other').deliveryId }),
        expected: notFound('webhook_delivery_not_found'),
      },
      {
        label: 'p_delivery_id still being tried',
        args: (f) => ({ p_delivery_id: hooks(f).pendingDeliveryId }),
        expected: rule('webhook_delivery_pending'),
      },
    ],
  },

  'public.list_webhook_endpoints': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  'public.list_webhook_deliveries': {
    valid: (f) => ({ p_endpoint_id: hooks(f).endpointId, p_limit: 20, p_offset: 0 }),
    nulls: {
      p_endpoint_id: invalid('invalid_webhook_endpoint_id'),
      p_limit: invalid('invalid_limit'),
      p_offset: invalid('invalid_offset'),
    },
    cases: [
      ...webhookEndpointIdCases('p_endpoint_id'),
      { label: 'p_limit zero', args: { p_limit: 0 }, expected: invalid('invalid_limit') },
      { label: 'p_limit 101', args: { p_limit: 101 }, expected: invalid('invalid_limit') },
      { label: "p_limit 'ten'", args: { p_limit: 'ten' }, expected: BAD_NUMBER },
      { label: 'p_offset negative', args: { p_offset: -1 }, expected: invalid('invalid_offset') },
    ],
  },

  // Workflows and notifications (decision 031).
  'public.request_workflow_test_send': {
    valid: (f) => ({ p_workflow_id: f.tenant.extra.workflowIds?.builtIn }),
    nulls: { p_workflow_id: invalid('invalid_workflow_id') },
    cases: [
      { label: "p_workflow_id 'not-a-uuid'", args: { p_workflow_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_workflow_id unknown', args: { p_workflow_id: UNKNOWN_ID }, expected: notFound('workflow_not_found') },
      {
        label: 'p_workflow_id of another organization',
        args: (f) => ({ p_workflow_id: f.other.extra.workflowIds?.builtIn }),
        expected: notFound('workflow_not_found'),
      },
    ],
  },

  'public.workflow_send_log': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[0] }),
    nulls: { p_property_id: invalid('invalid_property_id') },
    cases: propertyIdCases('p_property_id'),
  },

  'public.unsubscribe_marketing': {
    valid: (f) => ({ p_token: f.tenant.extra.workflows?.unsubscribeToken }),
    nulls: { p_token: invalid('invalid_token') },
    cases: [
      { label: "p_token 'nonsense'", args: { p_token: 'nonsense' }, expected: invalid('invalid_token') },
      { label: 'p_token empty', args: { p_token: '' }, expected: invalid('invalid_token') },
      {
        label: 'p_token with a forged signature',
        args: { p_token: `${UNKNOWN_ID}.${'0'.repeat(32)}` },
        expected: invalid('invalid_token'),
      },
      {
        label: "p_token of another guest's id with this guest's signature",
        args: (f) => ({
          p_token: `${booked(f, 'other').guestId}.${String(f.tenant.extra.workflows?.unsubscribeToken).split('.')[1]}`,
        }),
        expected: invalid('invalid_token'),
      },
      { label: 'p_token of 10,000 characters', args: { p_token: LONG }, expected: invalid('invalid_token') },
    ],
  },

  'public.mark_notifications_read': {
    valid: () => ({ p_ids: [UNKNOWN_ID] }),
    nulls: { p_ids: { means: 'all of the caller’s notifications' } },
    cases: [
      { label: "p_ids ['not-a-uuid']", args: { p_ids: ['not-a-uuid'] }, expected: BAD_UUID },
      {
        label: 'p_ids with a null',
        args: { p_ids: [UNKNOWN_ID, null] },
        expected: invalid('invalid_notification_ids'),
      },
      {
        label: 'p_ids of 501 ids',
        args: { p_ids: Array.from({ length: 501 }, () => UNKNOWN_ID) },
        expected: invalid('invalid_notification_ids'),
      },
    ],
  },

  'public.webhook_url_rules': {
    valid: () => ({}),
    nulls: {},
    cases: [],
  },

  'public.search_guests': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_query: 'Ana',
      p_sort: 'name',
      p_limit: 25,
      p_offset: 0,
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_query: { means: 'every guest' },
      p_sort: invalid('invalid_sort'),
      p_limit: invalid('invalid_limit'),
      p_offset: invalid('invalid_offset'),
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      { label: 'p_query of 10,000 characters', args: { p_query: LONG }, expected: invalid('invalid_query') },
      { label: "p_sort 'email'", args: { p_sort: 'email' }, expected: invalid('invalid_sort') },
      { label: 'p_limit zero', args: { p_limit: 0 }, expected: invalid('invalid_limit') },
      { label: 'p_limit 101', args: { p_limit: 101 }, expected: invalid('invalid_limit') },
      { label: 'p_offset negative', args: { p_offset: -1 }, expected: invalid('invalid_offset') },
    ],
  },

  'public.create_guest': {
    valid: (f) => ({
      p_organization_id: f.tenant.organizationId,
      p_full_name: 'Rita Sousa',
      p_email: `rita-${randomBytes(3).toString('hex')}@example.test`,
      p_phone: `+35191${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`,
      p_language: 'pt-PT',
      p_notes: 'Early riser.',
      p_marketing_consent: true,
    }),
    nulls: {
      p_organization_id: invalid('invalid_organization_id'),
      p_full_name: invalid('invalid_full_name'),
      p_email: { means: 'no email' },
      p_phone: { means: 'no phone' },
      p_language: { means: 'language unknown' },
      p_notes: { means: 'no notes' },
      p_marketing_consent: invalid('invalid_marketing_consent'),
    },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      { label: "p_full_name '  '", args: { p_full_name: '  ' }, expected: invalid('invalid_full_name') },
      { label: 'p_email without @', args: { p_email: 'rita.example.test' }, expected: invalid('invalid_email') },
      { label: "p_phone '12'", args: { p_phone: '12' }, expected: invalid('invalid_phone') },
      { label: "p_language 'english'", args: { p_language: 'english' }, expected: invalid('invalid_language') },
      { label: 'p_notes of 10,000 characters', args: { p_notes: LONG }, expected: invalid('invalid_notes') },
      {
        label: 'p_email of another guest',
        args: (f) => ({ p_email: `ana-${f.tenant.organizationId.slice(0, 8)}@example.test` }),
        expected: { code: '23505' },
      },
    ],
  },

  'public.update_guest': {
    valid: (f) => ({
      p_guest_id: booked(f).otherGuestId,
      p_full_name: 'Walk-in Guest',
      p_email: `walk-in-${randomBytes(3).toString('hex')}@example.test`,
      p_phone: `+35192${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`,
      p_language: 'en',
      p_notes: 'Came in from the rain.',
      p_marketing_consent: false,
    }),
    nulls: {
      p_guest_id: invalid('invalid_guest_id'),
      p_full_name: invalid('invalid_full_name'),
      p_email: { means: 'email cleared' },
      p_phone: { means: 'phone cleared' },
      p_language: { means: 'language cleared' },
      p_notes: { means: 'notes cleared' },
      p_marketing_consent: invalid('invalid_marketing_consent'),
    },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
      {
        label: 'p_full_name of 10,000 characters',
        args: { p_full_name: LONG },
        expected: invalid('invalid_full_name'),
      },
      { label: 'p_email without @', args: { p_email: 'walk-in.example.test' }, expected: invalid('invalid_email') },
      { label: "p_phone '+0123'", args: { p_phone: '+0123' }, expected: invalid('invalid_phone') },
      { label: "p_language 'PT'", args: { p_language: 'PT' }, expected: invalid('invalid_language') },
      { label: 'p_notes of 10,000 characters', args: { p_notes: LONG }, expected: invalid('invalid_notes') },
      {
        label: 'p_email of another guest',
        args: (f) => ({ p_email: `ana-${f.tenant.organizationId.slice(0, 8)}@example.test` }),
        expected: { code: '23505' },
      },
    ],
  },

  'public.guest_consent_history': {
    valid: (f) => ({ p_guest_id: booked(f).guestId }),
    nulls: { p_guest_id: invalid('invalid_guest_id') },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
    ],
  },

  'public.adjust_loyalty_points': {
    // A removal, so the balance the redeem cases count on never grows.
    valid: (f) => ({ p_guest_id: booked(f).guestId, p_points: -1, p_reason: 'Goodwill' }),
    nulls: {
      p_guest_id: invalid('invalid_guest_id'),
      p_points: invalid('invalid_points'),
      p_reason: invalid('invalid_reason'),
    },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
      { label: 'p_points zero', args: { p_points: 0 }, expected: invalid('invalid_points') },
      { label: 'p_points above 10,000,000', args: { p_points: 10_000_001 }, expected: invalid('invalid_points') },
      { label: 'p_points below the balance', args: { p_points: -1_000_000 }, expected: rule('insufficient_points') },
      { label: "p_points 'ten'", args: { p_points: 'ten' }, expected: BAD_NUMBER },
      { label: 'p_reason blank', args: { p_reason: ' ' }, expected: invalid('invalid_reason') },
    ],
  },

  // Guest data requests (decision 037): admins export or erase a guest; anyone asks with a booking reference and email.
  'public.request_guest_export': {
    valid: (f) => ({ p_guest_id: booked(f).guestId }),
    nulls: { p_guest_id: invalid('invalid_guest_id') },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').guestId }),
        expected: notFound('guest_not_found'),
      },
    ],
  },

  'public.request_guest_erasure': {
    valid: (f) => ({ p_guest_id: booked(f).otherGuestId, p_confirm_name: 'walk-in guest' }),
    nulls: { p_guest_id: invalid('invalid_guest_id'), p_confirm_name: invalid('invalid_confirm_name') },
    cases: [
      { label: "p_guest_id 'not-a-uuid'", args: { p_guest_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_guest_id unknown', args: { p_guest_id: UNKNOWN_ID }, expected: notFound('guest_not_found') },
      {
        label: 'p_guest_id of another organization',
        args: (f) => ({ p_guest_id: booked(f, 'other').otherGuestId }),
        expected: notFound('guest_not_found'),
      },
      {
        label: 'p_confirm_name of another name',
        args: { p_confirm_name: 'Ana Costa' },
        expected: invalid('confirm_name_mismatch'),
      },
      {
        label: 'p_confirm_name of 10,000 characters',
        args: { p_confirm_name: LONG },
        expected: invalid('invalid_confirm_name'),
      },
    ],
  },

  'public.request_my_guest_data': {
    valid: (f) => ({
      p_booking_reference: 'ABCDEFGH',
      p_email: `ana-${f.tenant.organizationId.slice(0, 8)}@example.test`,
    }),
    nulls: { p_booking_reference: invalid('invalid_booking_reference'), p_email: invalid('invalid_email') },
    cases: [
      {
        label: "p_booking_reference 'x'",
        args: { p_booking_reference: 'x' },
        expected: invalid('invalid_booking_reference'),
      },
      {
        label: 'p_booking_reference with a space',
        args: { p_booking_reference: 'AB CD EF' },
        expected: invalid('invalid_booking_reference'),
      },
      { label: 'p_email without @', args: { p_email: 'ana.example.test' }, expected: invalid('invalid_email') },
      { label: 'p_email of 10,000 characters', args: { p_email: LONG }, expected: invalid('invalid_email') },
    ],
  },

  // Offboarding (decision 038): owners export the organization, request its deletion (typing its
  // slug) and cancel it; the tenant's fixture holds a finished export and a cancelled request.
  'public.request_organization_export': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  'public.request_organization_deletion': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId, p_confirmation: f.tenant.slug }),
    nulls: { p_organization_id: invalid('invalid_organization_id'), p_confirmation: invalid('confirmation_mismatch') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
      {
        label: "p_confirmation 'delete'",
        args: { p_confirmation: 'delete' },
        expected: invalid('confirmation_mismatch'),
      },
      {
        label: 'p_confirmation in capitals',
        args: (f) => ({ p_confirmation: f.tenant.slug.toUpperCase() }),
        expected: invalid('confirmation_mismatch'),
      },
      {
        label: "p_confirmation the other organization's slug",
        args: (f) => ({ p_confirmation: f.other.slug }),
        expected: invalid('confirmation_mismatch'),
      },
      {
        label: 'p_confirmation of 10,000 characters',
        args: { p_confirmation: LONG },
        expected: invalid('confirmation_mismatch'),
      },
      { label: 'p_confirmation empty', args: { p_confirmation: '' }, expected: invalid('confirmation_mismatch') },
    ],
  },

  'public.cancel_organization_deletion': {
    valid: (f) => ({ p_organization_id: f.tenant.organizationId }),
    nulls: { p_organization_id: invalid('invalid_organization_id') },
    cases: [
      { label: "p_organization_id 'not-a-uuid'", args: { p_organization_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_organization_id unknown',
        args: { p_organization_id: UNKNOWN_ID },
        expected: notFound('organization_not_found'),
      },
      {
        label: 'p_organization_id of another organization',
        args: (f) => ({ p_organization_id: f.other.organizationId }),
        expected: notFound('organization_not_found'),
      },
    ],
  },

  // Maintenance (support/fixtures/maintenance.ts): the hotel's open work order and its vendor.
  'public.request_vendor_quote': {
    valid: (f) => ({
      p_work_order_id: f.tenant.extra.maintenance?.workOrderId,
      p_vendor_id: f.tenant.extra.maintenance?.vendorId,
      p_site_url: 'https://app.roost.test',
      p_valid_for: '7 days',
    }),
    nulls: {
      p_work_order_id: invalid('invalid_work_order_id'),
      p_vendor_id: invalid('invalid_vendor_id'),
      p_site_url: invalid('invalid_site_url'),
      p_valid_for: invalid('invalid_valid_for'),
    },
    cases: [
      { label: "p_work_order_id 'not-a-uuid'", args: { p_work_order_id: 'not-a-uuid' }, expected: BAD_UUID },
      {
        label: 'p_work_order_id unknown',
        args: { p_work_order_id: UNKNOWN_ID },
        expected: notFound('work_order_not_found'),
      },
      {
        label: 'p_work_order_id of another organization',
        args: (f) => ({ p_work_order_id: f.other.extra.maintenance?.workOrderId }),
        expected: notFound('work_order_not_found'),
      },
      { label: "p_vendor_id 'not-a-uuid'", args: { p_vendor_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_vendor_id unknown', args: { p_vendor_id: UNKNOWN_ID }, expected: notFound('vendor_not_found') },
      {
        label: 'p_vendor_id of another organization',
        args: (f) => ({ p_vendor_id: f.other.extra.maintenance?.vendorId }),
        expected: notFound('vendor_not_found'),
      },
      {
        label: "p_site_url 'javascript:alert(1)'",
        args: { p_site_url: 'javascript:alert(1)' },
        expected: invalid('invalid_site_url'),
      },
      {
        label: 'p_site_url with a path',
        args: { p_site_url: 'https://app.roost.test/x' },
        expected: invalid('invalid_site_url'),
      },
      {
        label: 'p_site_url with CR/LF',
        args: { p_site_url: 'https://a.test\r\nBcc: x' },
        expected: invalid('invalid_site_url'),
      },
      {
        label: 'p_site_url of 10,000 characters',
        args: { p_site_url: `https://${LONG}` },
        expected: invalid('invalid_site_url'),
      },
      { label: "p_valid_for '0 seconds'", args: { p_valid_for: '0 seconds' }, expected: invalid('invalid_valid_for') },
      { label: "p_valid_for '61 days'", args: { p_valid_for: '61 days' }, expected: invalid('invalid_valid_for') },
      { label: "p_valid_for 'soon'", args: { p_valid_for: 'soon' }, expected: BAD_INTERVAL },
    ],
  },

  'public.accept_vendor_quote': {
    valid: (f) => ({ p_quote_id: f.tenant.extra.maintenance?.vendorQuoteId }),
    nulls: { p_quote_id: invalid('invalid_quote_id') },
    cases: [
      { label: "p_quote_id 'not-a-uuid'", args: { p_quote_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_quote_id unknown', args: { p_quote_id: UNKNOWN_ID }, expected: notFound('quote_not_found') },
      {
        label: 'p_quote_id of another organization',
        args: (f) => ({ p_quote_id: f.other.extra.maintenance?.vendorQuoteId }),
        expected: notFound('quote_not_found'),
      },
    ],
  },

  'public.create_job': {
    valid: (f) => ({ p_property_id: f.tenant.propertyIds[1], p_kind: 'forecast', p_input: { horizonDays: 7 } }),
    nulls: {
      p_property_id: invalid('invalid_property_id'),
      p_kind: invalid('invalid_kind'),
      p_input: invalid('invalid_input'),
    },
    cases: [
      { label: "p_property_id 'not-a-uuid'", args: { p_property_id: 'not-a-uuid' }, expected: BAD_UUID },
      { label: 'p_property_id unknown', args: { p_property_id: UNKNOWN_ID }, expected: notFound('property_not_found') },
      {
        label: 'p_property_id of another organization',
        args: (f) => ({ p_property_id: f.other.propertyIds[1] }),
        expected: notFound('property_not_found'),
      },
      { label: "p_kind 'ocr'", args: { p_kind: 'ocr' }, expected: invalid('invalid_kind') },
      { label: "p_kind 'FORECAST'", args: { p_kind: 'FORECAST' }, expected: invalid('invalid_kind') },
      { label: 'p_kind of 10,000 characters', args: { p_kind: LONG }, expected: invalid('invalid_kind') },
      { label: 'p_input an array', args: { p_input: [] }, expected: invalid('invalid_input') },
      { label: "p_input the string 'x'", args: { p_input: 'x' }, expected: invalid('invalid_input') },
      { label: 'p_input horizonDays 0', args: { p_input: { horizonDays: 0 } }, expected: invalid('invalid_input') },
      { label: 'p_input horizonDays 91', args: { p_input: { horizonDays: 91 } }, expected: invalid('invalid_input') },
      { label: 'p_input horizonDays 1.5', args: { p_input: { horizonDays: 1.5 } }, expected: invalid('invalid_input') },
      { label: "p_input horizonDays '7'", args: { p_input: { horizonDays: '7' } }, expected: invalid('invalid_input') },
      { label: 'p_input with an unknown key', args: { p_input: { sql: 1 } }, expected: invalid('invalid_input') },
      {
        label: 'p_input of 10,000 characters',
        args: { p_input: { horizonDays: 7, padding: LONG } },
        expected: invalid('invalid_input'),
      },
      {
        label: 'OCR p_input without a name',
        args: { p_kind: 'ocr_receipt', p_input: { bucket: 'documents' } },
        expected: invalid('invalid_input'),
      },
      {
        label: 'OCR p_input in another bucket',
        args: (f) => ({
          p_kind: 'ocr_receipt',
          p_input: { bucket: 'org-assets', name: `${f.tenant.organizationId}/${f.tenant.propertyIds[1]}/a.png` },
        }),
        expected: invalid('invalid_input'),
      },
      {
        label: "OCR p_input naming another organization's document",
        args: (f) => ({
          p_kind: 'ocr_receipt',
          p_input: { bucket: 'documents', name: `${f.other.organizationId}/${f.other.propertyIds[1]}/a.png` },
        }),
        expected: invalid('invalid_input'),
      },
      {
        label: 'OCR p_input with ../ in the name',
        args: (f) => ({
          p_kind: 'ocr_receipt',
          p_input: {
            bucket: 'documents',
            name: `${f.tenant.organizationId}/${f.tenant.propertyIds[1]}/../x/a.png`,
          },
        }),
        expected: invalid('invalid_input'),
      },
      {
        label: 'OCR p_input naming a document that does not exist',
        args: (f) => ({
          p_kind: 'ocr_receipt',
          p_input: {
            bucket: 'documents',
            name: `${f.tenant.organizationId}/${f.tenant.propertyIds[1]}/missing.png`,
          },
        }),
        expected: notFound('object_not_found'),
      },
    ],
  },
};

// ============================================================================================
// Fixtures
// ============================================================================================

let fixtures: Fixtures;

beforeAll(async () => {
  const tenant = await createTenant(db.admin, 'bad');
  const other = await createTenant(db.admin, 'other');
  const coOwner = await createUser(db.admin, 'bad-co-owner');
  await db.admin`insert into public.memberships (organization_id, user_id, role) values (${tenant.organizationId}, ${coOwner.id}, 'owner')`;
  const tokenForOwner = randomBytes(32).toString('base64url');
  await db.admin`
    insert into public.invitations (organization_id, email, role, token_hash, invited_by, expires_at)
    values (${other.organizationId}, ${tenant.members.owner.email}, 'staff', extensions.digest(${tokenForOwner}, 'sha256'),
      ${other.members.owner.id}, now() + interval '7 days')`;
  // Webhook endpoints and deliveries of both organizations (private tables: not in the snapshot).
  for (const t of [tenant, other]) {
    const org = t.organizationId;
    const [endpoint] = await db.admin<{ id: string }[]>`
      insert into private.webhook_endpoints (organization_id, url, events)
      values (${org}, 'https://hooks.example.com/fixture', '{guest.created}') returning id`;
    await db.admin`insert into private.webhook_secrets (endpoint_id, secret) values (${endpoint?.id as string}, private.new_webhook_secret())`;
    const [disabled] = await db.admin<{ id: string }[]>`
      insert into private.webhook_endpoints (organization_id, url, events, enabled, disabled_at, disabled_reason)
      values (${org}, 'https://hooks.example.com/disabled', '{guest.created}', false, now(), 'Fixture') returning id`;
    const [event] = await db.admin<{ id: string }[]>`
      insert into private.webhook_events (organization_id, type, payload) values (${org}, 'webhook.test', '{}') returning id`;
    const [done] = await db.admin<{ id: string }[]>`
      insert into private.webhook_deliveries (organization_id, endpoint_id, event_id, status, attempts, delivered_at)
      values (${org}, ${endpoint?.id as string}, ${event?.id as string}, 'succeeded', 1, now()) returning id`;
    const [pending] = await db.admin<{ id: string }[]>`
      insert into private.webhook_deliveries (organization_id, endpoint_id, event_id, replay_of)
      values (${org}, ${endpoint?.id as string}, ${event?.id as string}, ${done?.id as string}) returning id`;
    t.extra.webhooks = {
      endpointId: endpoint?.id as string,
      disabledEndpointId: disabled?.id as string,
      deliveryId: done?.id as string,
      pendingDeliveryId: pending?.id as string,
    };
  }
  // Workflows (decision 031): the unsubscribe token of each organization's consenting guest.
  for (const t of [tenant, other]) {
    const [row] = await db.admin<{ token: string }[]>`
      select private.unsubscribe_token(${(t.extra.bookings as unknown as BookingsFixtureIds).guestId}) as token`;
    t.extra.workflows = { unsubscribeToken: row?.token as string };
    const [workflow] = await db.admin<{ id: string }[]>`
      select id from public.workflows where property_id = ${t.propertyIds[0]} and built_in limit 1`;
    t.extra.workflowIds = { builtIn: workflow?.id as string };
  }
  // Refunds (decision 036, session 5): a paid, failed refund on each organization's confirmed booking.
  for (const t of [tenant, other]) {
    const bookingId = (t.extra.bookings as unknown as BookingsFixtureIds).confirmedBookingId;
    const intent = `pi_rbi${t.organizationId.replaceAll('-', '').slice(0, 20)}`;
    await db.admin`insert into private.guest_payments (intent_id, organization_id, property_id, kind, booking_id,
        stripe_account_id, amount_minor, currency, status, amount_received_minor, paid_at)
      select ${intent}, b.organization_id, b.property_id, 'booking', b.id, 'acct_rbi', 5000, 'EUR', 'succeeded', 5000, now()
      from public.bookings b where b.id = ${bookingId}`;
    const [refund] = await db.admin<{ id: string }[]>`insert into private.guest_refunds (organization_id, property_id,
        booking_id, intent_id, stripe_account_id, amount_minor, currency, source, status, attempts, failed_at)
      select b.organization_id, b.property_id, b.id, ${intent}, 'acct_rbi', 5000, 'EUR', 'desk', 'failed', 5, now()
      from public.bookings b where b.id = ${bookingId} returning id`;
    t.extra.refunds = { failedId: refund?.id as string };
  }
  fixtures = { tenant, other, owner: tenant.members.owner, coOwner, tokenForOwner };
  // Room 104 is dirty: a status it cannot go to from there.
  await db.admin`update public.room_statuses set status = 'dirty' where resource_id = ${booked(fixtures).room104}`;

  const [built] = await db.admin<{ sql: string }[]>`
    select string_agg(
      format('select %L as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, %L order by t::text), %L)) as hash from %I.%I t',
        format('%I.%I', n.nspname, c.relname), '', '', n.nspname, c.relname),
      ' union all ' order by n.nspname, c.relname) as sql
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'auth')`;
  if (!built?.sql) throw new Error('no tables in public and auth to snapshot');
  snapshotSql = built.sql;
});

const argsOf = (rpc: RpcCases, overrides: BadInput['args']): Args => ({
  ...rpc.valid(fixtures),
  ...(typeof overrides === 'function' ? overrides(fixtures) : overrides),
});

/** Runs one bad call as the owner and checks the error and that nothing was written. */
async function expectRefused(name: string, args: Args, expected: Expected, label: string): Promise<void> {
  const before = await snapshot();
  const error = await attempt(fixtures.owner, name, args);
  expect(error, `${name} ${label}: accepted the bad input`).not.toBeNull();
  const actual = { code: error?.code, ...(expected.message === undefined ? {} : { message: error?.message }) };
  expect(actual, `${name} ${label}: SQLSTATE and code (detail: ${error?.detail ?? 'none'})`).toEqual(expected);
  if (expected.message !== undefined) {
    expect(error?.detail, `${name} ${label}: a sentence explains ${expected.message}`).toMatch(/\S.*\.$/);
  }
  expect(await snapshot(), `${name} ${label}: a refused call writes nothing`).toEqual(before);
}

// ============================================================================================
// Tests
// ============================================================================================

describe('bad input to public RPCs', () => {
  it('has cases for every RPC authenticated may execute, and a null case for each of its arguments', async () => {
    const rpcs = await db.admin<{ name: string; args: string[] }[]>`
      select format('%I.%I', n.nspname, p.proname) as name,
        array(
          select coalesce(nullif(arg.name, ''), '$' || arg.position)
          from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames, p.proargmodes::text[])
            with ordinality as arg(type, name, mode, position)
          where coalesce(arg.mode, 'i') in ('i', 'b', 'v')
          order by arg.position
        ) as args
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public'
        and has_function_privilege('authenticated', p.oid, 'execute')
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      order by 1`;
    expect(rpcs.length, 'authenticated may execute some RPCs').toBeGreaterThan(0);
    const names = rpcs.map((r) => r.name);
    expect(new Set(names).size, 'overloaded RPCs: give each overload its own entry').toBe(names.length);
    expect(
      names.filter((name) => !RPCS[name]),
      'RPCs without bad-input cases in RPCS',
    ).toEqual([]);
    expect(
      Object.keys(RPCS).filter((name) => !names.includes(name)),
      'entries of RPCS that are no RPC',
    ).toEqual([]);
    for (const rpc of rpcs) {
      const entry = RPCS[rpc.name];
      if (!entry) continue;
      expect(Object.keys(entry.nulls).sort(), `${rpc.name}: a null case for every argument`).toEqual(
        [...rpc.args].sort(),
      );
      expect(Object.keys(entry.valid(fixtures)).sort(), `${rpc.name}: valid arguments name every argument`).toEqual(
        [...rpc.args].sort(),
      );
    }
  });

  for (const [name, rpc] of Object.entries(RPCS)) {
    describe(name, () => {
      it('succeeds with the valid arguments every case starts from', async () => {
        const error = await attempt(fixtures.owner, name, rpc.valid(fixtures));
        expect(error, `${name}: the valid arguments fail (${error?.message}: ${error?.detail})`).toBeNull();
      });

      for (const [argument, outcome] of Object.entries(rpc.nulls)) {
        if ('means' in outcome) {
          it(`accepts ${argument} null: ${outcome.means}`, async () => {
            const error = await attempt(fixtures.owner, name, argsOf(rpc, { [argument]: null }));
            expect(error, `${name}: ${argument} null fails (${error?.message}: ${error?.detail})`).toBeNull();
          });
          continue;
        }
        it(`refuses ${argument} null`, async () => {
          await expectRefused(name, argsOf(rpc, { [argument]: null }), outcome, `${argument} null`);
        });
      }

      for (const c of rpc.cases) {
        const test = c.bug ? it.fails : it;
        test(`refuses ${c.label}${c.bug ? ` (known bug: ${c.bug})` : ''}`, async () => {
          await expectRefused(name, argsOf(rpc, c.args), c.expected, c.label);
        });
      }
    });
  }
});
