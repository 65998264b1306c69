// Refunds for cancellations at the desk in Chromium (decision 036, session 5): a booking paid
// through Stripe (the local stand-in, its signed payment event through the real stripe-webhook
// function) is cancelled by staff; the worker's refund sweep (gpu-worker/src/refunds, started
// here) asks the stand-in with the real SDK and `charge.refunded` posts the refund to the folio:
// the booking shows "Refunded". A refund the stand-in keeps refusing ends "Failed: needs a
// person"; staff are told a manager has to look (no button, a forged post is refused 403), the
// manager tries it again and it is made. axe finds nothing serious; screenshots at both sizes.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../gpu-worker/src/jobs/testing/support.ts';
import { type RefundService, startRefunds } from '../../gpu-worker/src/refunds/index.ts';
import { type StripeStandIn, startStripeStandIn, stripeLocalKeys } from '../../supabase/local/stripe/index.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { addDays, todayIn } from '../app/utils/calendar-dates.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
let standIn: StripeStandIn;
let stripe: Stripe;
let refunds: RefundService;

describe('refunds for cancellations at the desk', () => {
  let staff: SeededUser;
  let manager: SeededUser;
  const org = { slug: `refund-${Date.now().toString(36)}`, name: 'Quayside Hotels' };
  const account = `acct_e2e${Date.now().toString(36)}`;
  let orgId = '';
  let hotel = '';
  const rooms: Record<string, string> = {};
  let guestId = '';
  const today = todayIn('Europe/Lisbon');

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'desk', 'Dora Desk');
    manager = await createUser(web.stack, 'manager', 'Max Manager');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: manager, role: 'manager' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Quayside Hotel', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 'Flexible', 12000, 2)`;
    const created = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
      select ${orgId}, ${hotel}, ${type?.id ?? ''}, n, 1, 3 from unnest(array['201', '202']) n returning id, name`;
    for (const room of created) rooms[room.name] = room.id;
    const [guest] = await web.stack.admin<{ id: string }[]>`
      insert into public.guests (organization_id, full_name, email)
      values (${orgId}, 'Greta Guest', 'greta@example.com') returning id`;
    guestId = guest?.id ?? '';
    await web.stack.admin`insert into public.payment_accounts (organization_id, stripe_account_id, charges_enabled,
      payouts_enabled, details_submitted) values (${orgId}, ${account}, true, true, true)`;

    // A stand-in of the test's own, signing with the stack's keys: its events reach the stack's
    // real stripe-webhook function, which verifies them as Stripe's.
    const keys = stripeLocalKeys(web.stack.keys);
    standIn = await startStripeStandIn({ ...keys, webhookUrl: `${web.stack.url}/functions/v1/stripe-webhook` });
    stripe = new Stripe(keys.secretKey, {
      host: standIn.host,
      port: standIn.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 0,
    });
    refunds = await startRefunds({
      dbUrl: web.stack.sessionDbUrl,
      stripe,
      log: quietLogger(),
      pollingIntervalSeconds: 0.5,
    });
  });

  afterAll(async () => {
    await refunds?.stop();
    await standIn?.close();
  });

  /** A confirmed booking `fromDay` days ahead, paid 12,000 through the stand-in (the webhook posts it). */
  async function paidBooking(room: string, fromDay: number): Promise<string> {
    const [booking] = await asUser(
      web.stack.admin,
      staff,
      (tx) => tx`select id from public.create_booking(p_resource_id => ${rooms[room] ?? ''}, p_guest_id => ${guestId},
        p_arrival => ${addDays(today, fromDay)}::date, p_departure => ${addDays(today, fromDay + 1)}::date,
        p_party_size => 2, p_confirm => true)`,
    );
    const bookingId = booking?.id as string;
    const intent = await stripe.paymentIntents.create(
      {
        amount: 12000,
        currency: 'eur',
        application_fee_amount: 180,
        metadata: { roost_kind: 'booking', roost_id: bookingId, property_id: hotel, organization_id: orgId },
      },
      { stripeAccount: account },
    );
    await web.stack.admin`select private.record_guest_payment(${intent.id}, ${account}, ${hotel}::uuid, 'booking',
      ${bookingId}::uuid, 12000, 'EUR', 180, ${intent.status})`;
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }, { stripeAccount: account });
    await waitFor(
      'the payment on the folio',
      async () => {
        const [row] = await web.stack.admin`select paid_at from private.guest_payments where intent_id = ${intent.id}`;
        return row?.paid_at ? true : undefined;
      },
      60_000,
    );
    return bookingId;
  }

  const bookingUrl = (id: string) => `${web.url}/o/${org.slug}/p/${hotel}/bookings/${id}`;

  it('refunds a paid booking cancelled at the desk and shows it refunded', async () => {
    const bookingId = await paidBooking('201', 30);
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}/p/${hotel}/bookings/${bookingId}`);
    await page.getByRole('link', { name: 'Cancel booking' }).click();
    await page.getByText('goes back to their card automatically').waitFor();
    await page.getByRole('button', { name: /Cancel booking, fee/ }).click();
    await page.getByText('Booking cancelled.').waitFor();
    await page.getByRole('heading', { name: 'Refund to the guest' }).waitFor();
    // The worker asks Stripe; charge.refunded posts the refund to the folio (a live change).
    await waitFor(
      'the refund posted',
      async () => {
        const [row] = await web.stack.admin`select status from private.guest_refunds where booking_id = ${bookingId}`;
        return row?.status === 'refunded' ? true : undefined;
      },
      60_000,
    );
    await page.goto(bookingUrl(bookingId));
    await expect(page.getByTestId('refund-status').textContent()).resolves.toBe('Refunded');
    await expect(page.getByTestId('refunds').textContent()).resolves.toMatch(/€120\.00.*posted to the folio/);
    const entries = await web.stack.admin`select e.amount_minor::int as amount from public.folio_entries e
      join public.folios f on f.id = e.folio_id where f.booking_id = ${bookingId} and e.kind = 'refund'`;
    expect(entries).toEqual([{ amount: 12000 }]);
    await expectAccessible(page, 'booking with a refund');
    await screenshots(page, 'refunds-refunded');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  it('shows a refund Stripe keeps refusing as failed; a manager tries it again', async () => {
    const bookingId = await paidBooking('202', 32);
    standIn.failRefunds('refuse', 1000);
    await asUser(web.stack.admin, staff, (tx) => tx`select public.cancel_booking(${bookingId})`);
    // Four attempts already spent (the pauses are the database test's): the next refusal is final.
    await waitFor(
      'the first refusal',
      async () => {
        const [row] = await web.stack.admin`select status from private.guest_refunds where booking_id = ${bookingId}`;
        return row?.status === 'retrying' ? true : undefined;
      },
      60_000,
    );
    await web.stack.admin`update private.guest_refunds set attempts = 4, next_attempt_at = now()
      where booking_id = ${bookingId}`;
    await web.stack.admin`select private.wake_refund_worker()`;
    await waitFor(
      'the final failure',
      async () => {
        const [row] = await web.stack.admin`select status from private.guest_refunds where booking_id = ${bookingId}`;
        return row?.status === 'failed' ? true : undefined;
      },
      60_000,
    );

    // Staff: told a manager has to look; no button, and a forged post is refused.
    const desk = await openPage(web.browser);
    await signedIn(web.url, desk, staff, `/o/${org.slug}/p/${hotel}/bookings/${bookingId}`);
    await desk.page.getByText('A manager has to look at it.').waitFor();
    expect(await desk.page.getByRole('button', { name: 'Try the refund again' }).count()).toBe(0);
    const [refund] = await web.stack.admin<{ id: string }[]>`select id from private.guest_refunds
      where booking_id = ${bookingId}`;
    const forged = await desk.page.request.post(bookingUrl(bookingId), {
      form: { intent: 'retry_refund', refund: refund?.id ?? '' },
      headers: { Origin: web.url },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await desk.context.close();

    // The manager sees why, and tries again once Stripe takes it.
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, manager, `/o/${org.slug}/p/${hotel}/bookings/${bookingId}`);
    await expect(page.getByTestId('refund-status').textContent()).resolves.toBe('Failed: needs a person');
    await page.getByText('insufficient funds').waitFor();
    await expectAccessible(page, 'booking with a failed refund');
    await screenshots(page, 'refunds-failed');
    standIn.failRefunds(null);
    await page.getByRole('button', { name: 'Try the refund again' }).click();
    await page.getByText('The refund is being sent to Stripe again.').waitFor();
    await waitFor(
      'the retried refund posted',
      async () => {
        const [row] = await web.stack.admin`select status from private.guest_refunds where booking_id = ${bookingId}`;
        return row?.status === 'refunded' ? true : undefined;
      },
      60_000,
    );
    await page.goto(bookingUrl(bookingId));
    await expect(page.getByTestId('refund-status').textContent()).resolves.toBe('Refunded');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
