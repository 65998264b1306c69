// No-show risk from a real database: a tenant's hotel gets a history of stays in which bookings made far
// ahead through the API are often no-shows; the loader must read the bookings with their lead time and
// channel, the model must find the signal on the later period, and the upcoming bookings' risks must be
// saved idempotently and shown only to the tenant.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, useTestDatabase } from '../../../supabase/tests/support/db.ts';
import type { BookingsFixtureIds } from '../../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { loadBookingHistory } from './history.ts';
import { runNoShowJob } from './job.ts';
import { scoreUpcoming, trainNoShowModel } from './model.ts';
import { saveNoShowRisk } from './save.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'noshow');
  other = await createTenant(db.admin, 'noshow-other');
  const ids = tenant.extra.bookings as BookingsFixtureIds;
  const [row] = await db.admin`select (now() at time zone 'Europe/Lisbon')::date::text as today`;
  // One-night stays in rooms 102–104 for 140 days. Room 104's are booked 60 days ahead through the API and
  // two in three of them are no-shows; the others are booked 5 days ahead by staff and one in 13 is a no-show.
  await db.admin`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source, created_at, confirmed_at,
      checked_in_at, checked_out_at)
    select ${tenant.organizationId}, ${tenant.propertyIds[0]}, (${[ids.room102, ids.room103, ids.room104]}::uuid[])[k], ${ids.otherGuestId},
      s.status::public.booking_status, tstzrange(d + time '15:00', d + 1 + time '11:00'), tstzrange(d + time '15:00', d + 1 + time '11:00'),
      d, d + 1, 2, 'EUR', 10000, '{}'::jsonb, s.source::public.booking_source, d - s.lead, d - s.lead,
      case when s.status = 'checked_out' then d + time '15:00' end, case when s.status = 'checked_out' then d + 1 + time '11:00' end
    from generate_series(${row?.today as string}::date - 141, ${row?.today as string}::date - 2, interval '1 day') with ordinality as g(day, i)
    cross join lateral (select g.day::date as d) as day
    cross join generate_series(1, 3) as k
    cross join lateral (
      select case when k = 3 then 'api' else 'staff' end as source, case when k = 3 then 60 else 5 end as lead,
        case when (k = 3 and g.i % 3 <> 0) or (k < 3 and (g.i + k) % 13 = 0) then 'no_show' else 'checked_out' end as status
    ) as s`;
});

describe('booking history from the database', () => {
  it('reads every booking with its lead time, channel and guest', async () => {
    const rows = await loadBookingHistory(db.admin, tenant.propertyIds[0]);
    const ids = tenant.extra.bookings as BookingsFixtureIds;
    expect(rows.length, '420 past stays and the 4 fixture bookings').toBe(424);
    const api = rows.filter((row) => row.source === 'api');
    expect(api.length, 'room 104 was booked through the API').toBe(140);
    const lead = (row: (typeof rows)[number]) =>
      (Date.parse(row.arrivalDate) - Date.parse(row.bookedDate)) / 86_400_000;
    expect(
      api.every((row) => lead(row) === 60),
      'booked 60 days ahead',
    ).toBe(true);
    expect(rows.find((row) => row.bookingId === ids.heldBookingId)?.status, 'the unexpired hold is upcoming').toBe(
      'held',
    );
  });

  it('reads a deposit: money on the folio before the arrival day, net of refunds', async () => {
    const ids = tenant.extra.bookings as BookingsFixtureIds;
    // Paid when booked (a month ahead): a deposit. Paid and refunded: none. Paid on the arrival day: none.
    const payments = [
      { booking: ids.confirmedBookingId, entries: [['payment', -5000, '2 hours']] },
      {
        booking: ids.heldBookingId,
        entries: [
          ['payment', -5000, '2 hours'],
          ['refund', 5000, '1 hour'],
        ],
      },
      { booking: ids.arrivingBookingId, entries: [['payment', -5000, '0 hours']] },
    ] as const;
    for (const { booking, entries } of payments) {
      const [folio] = await db.admin<{ id: string }[]>`
        insert into public.folios (organization_id, property_id, kind, booking_id, currency)
        select organization_id, property_id, 'booking', id, currency from public.bookings where id = ${booking}
        returning id`;
      for (const [kind, amount, ago] of entries) {
        await db.admin`
          insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency,
            description, payment_method, created_at)
          select organization_id, property_id, id, ${kind}::public.folio_entry_kind, ${amount}, currency, ${kind}, 'card',
            now() - ${ago}::interval
          from public.folios where id = ${folio?.id as string}`;
      }
    }
    const rows = await loadBookingHistory(db.admin, tenant.propertyIds[0]);
    const deposit = (id: string) => rows.find((row) => row.bookingId === id)?.depositPaid;
    expect(deposit(ids.confirmedBookingId), 'paid when booked, a month before arrival').toBe(true);
    expect(deposit(ids.heldBookingId), 'paid, then refunded').toBe(false);
    expect(deposit(ids.arrivingBookingId), 'paid on the arrival day').toBe(false);
    expect(rows.filter((row) => row.depositPaid).length, 'the past stays have no folio').toBe(1);
  });

  it('fails with property_not_found for an unknown property', async () => {
    await expect(
      loadBookingHistory(db.admin, '00000000-0000-4000-8000-000000000000'),
      'unknown id',
    ).rejects.toMatchObject({
      code: 'property_not_found',
    });
  });
});

describe('no-show model on the database history', () => {
  it('finds the signal in the later period, scores the upcoming bookings and saves them idempotently', async () => {
    const propertyId = tenant.propertyIds[0];
    const rows = await loadBookingHistory(db.admin, propertyId);
    const trained = trainNoShowModel(rows);
    expect(trained.heldOut.auc, `held-out AUC ${trained.heldOut.auc.toFixed(3)}`).toBeGreaterThan(0.75);
    expect(trained.heldOut.baseRateAuc, 'the base-rate baseline').toBe(0.5);

    const ids = tenant.extra.bookings as BookingsFixtureIds;
    const scores = await scoreUpcoming(trained.onnx, rows, trained);
    expect(scores.map((s) => s.bookingId).sort(), 'the hold and the confirmed stays').toEqual(
      [ids.heldBookingId, ids.confirmedBookingId, ids.arrivingBookingId].sort(),
    );
    expect(
      scores.every((s) => s.risk > 0 && s.risk < 1),
      'risks are probabilities',
    ).toBe(true);

    const save = () =>
      saveNoShowRisk(db.admin, { propertyId, modelVersion: trained.modelVersion, heldOut: trained.heldOut, scores });
    expect(await save(), 'the first save writes three rows').toEqual({ written: 3 });
    expect(await save(), 'a retried save changes nothing').toEqual({ written: 0 });
    const foreign = [{ bookingId: (other.extra.bookings as BookingsFixtureIds).confirmedBookingId, risk: 0.9 }];
    expect(
      await saveNoShowRisk(db.admin, {
        propertyId,
        modelVersion: trained.modelVersion,
        heldOut: trained.heldOut,
        scores: foreign,
      }),
      'a booking of another property is not written under this one',
    ).toEqual({ written: 0 });

    const visible = (t: Tenant) =>
      asUser(
        db.admin,
        t.members.viewer,
        (tx) =>
          tx`select count(*)::int as n from public.booking_no_show_risk where model_version = ${trained.modelVersion}`,
      );
    expect((await visible(tenant))[0]?.n, "the tenant's viewer reads the risks").toBe(3);
    expect((await visible(other))[0]?.n, "another organization's viewer does not").toBe(0);
  });
});

describe('the no-show job', () => {
  it('runs bookings → model → risks → storage in one call', async () => {
    const result = await runNoShowJob(db.admin, { propertyId: tenant.propertyIds[0] });
    expect(result.scored, 'the three upcoming bookings').toBe(3);
    expect(result.heldOut.auc, 'the held-out AUC is reported').toBeGreaterThan(0.75);
    expect(result.written, 'already saved by the same model version: unchanged').toBe(0);
    const stored = await db.admin<{ reasons: { feature: string; contribution: number }[] }[]>`
      select reasons from public.booking_no_show_risk where model_version = ${result.modelVersion}`;
    expect(stored.length).toBe(3);
    for (const { reasons } of stored) {
      expect(Array.isArray(reasons) && reasons.length <= 3, 'at most three reasons').toBe(true);
      expect(
        reasons.every((reason) => reason.contribution > 0),
        'each raises the risk',
      ).toBe(true);
    }
  });

  it('fails with insufficient_history for a property with too few bookings', async () => {
    await expect(
      runNoShowJob(db.admin, { propertyId: other.propertyIds[0] }),
      "the other tenant's 4 fixture bookings",
    ).rejects.toMatchObject({
      code: 'insufficient_history',
    });
  });
});
