// Commit-to-screen samples. Each sample: every measured screen gets a watch for what the change
// will draw, node reads its clock and commits (an RPC through the Data API with supabase-js as a
// staff member, or a tap on the POS page's Send button), then waits until every screen painted
// it. Latency = painted (page clock, corrected by the page's measured offset) − commit start
// (node clock, just before the request left; for the POS, the tap's event time in that page).
// Samples never overlap: the next starts once every screen painted this one and the others had
// a moment to catch up. Changes are undone in batches (cancel, void), off the clock.

import { setTimeout as sleep } from 'node:timers/promises';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import type { Watch } from './probe.ts';
import { lastSend, nodeClock, paintedOn, type Screen, watch } from './screens.ts';

const TIMEOUT_MS = 15_000;
const SETTLE_MS = 150;

export interface Series {
  /** Latency of every (sample, screen) that painted, ms. */
  all: number[];
  /** Per sample, the slowest screen's latency, ms. */
  slowest: number[];
  /** (sample, screen) pairs that had not painted after TIMEOUT_MS. */
  missed: number;
}

const emptySeries = (): Series => ({ all: [], slowest: [], missed: 0 });

function record(series: Series, start: number, painted: (number | null)[]) {
  let slowest = 0;
  for (const at of painted) {
    if (at === null) {
      series.missed += 1;
      continue;
    }
    const latency = at - start;
    series.all.push(latency);
    slowest = Math.max(slowest, latency);
  }
  if (painted.some((at) => at !== null)) series.slowest.push(slowest);
}

let keys = 0;
const nextKey = (what: string) => `${what}-${++keys}`;

export interface Cell {
  resourceId: string;
  arrival: string;
  departure: string;
}

/** Commits `undo` for a batch of samples at once, then waits until every screen shows it. */
async function undoBatch(batch: { screens: Screen[]; gone: Watch }[], undo: () => Promise<void>) {
  const keys = batch.map(() => nextKey('gone'));
  await Promise.all(batch.map((entry, i) => watch(entry.screens, keys[i] as string, { ...entry.gone, absent: true })));
  await undo();
  await Promise.all(batch.map((entry, i) => paintedOn(entry.screens, keys[i] as string, TIMEOUT_MS)));
  await sleep(SETTLE_MS);
}

/**
 * (a) A hold created with create_booking by the front desk's own client; painted = its bar (the
 * guest's name) drawn on every grid. Each batch uses each free cell once, then cancels its holds
 * together. A cell the database refuses (taken meanwhile) is dropped.
 */
export async function bookingToGrid(options: {
  client: SupabaseClient;
  grids: Screen[];
  cells: Cell[];
  guests: { id: string; name: string }[];
  samples: number;
}): Promise<Series> {
  const series = emptySeries();
  const cells = [...options.cells];
  let done = 0;
  while (done < options.samples) {
    const made: { id: string; name: string }[] = [];
    for (const cell of [...cells]) {
      if (done >= options.samples) break;
      const guest = options.guests.shift();
      if (!guest) throw new Error('staff bench: out of sample guests');
      const key = nextKey('booking');
      await watch(options.grids, key, { selector: '.grid-bar-name', text: guest.name });
      const start = nodeClock();
      const created = await options.client.rpc('create_booking', {
        p_resource_id: cell.resourceId,
        p_guest_id: guest.id,
        p_arrival: cell.arrival,
        p_departure: cell.departure,
        p_party_size: 1,
      });
      if (created.error) {
        if (created.error.message !== 'not_available') throw new Error(`create_booking: ${created.error.message}`);
        cells.splice(cells.indexOf(cell), 1);
        continue;
      }
      record(series, start, await paintedOn(options.grids, key, TIMEOUT_MS));
      made.push({ id: (created.data as { id: string }).id, name: guest.name });
      done += 1;
      await sleep(SETTLE_MS);
    }
    if (cells.length === 0) throw new Error('staff bench: no free grid cell left');
    await undoBatch(
      made.map((booking) => ({ screens: options.grids, gone: { selector: '.grid-bar-name', text: booking.name } })),
      async () => {
        const answers = await Promise.all(
          made.map((booking) => options.client.rpc('cancel_booking', { p_booking_id: booking.id })),
        );
        const failed = answers.find((answer) => answer.error);
        if (failed?.error) throw new Error(`cancel_booking: ${failed.error.message}`);
      },
    );
  }
  return series;
}

const BATCH = 10;

/**
 * (a) An order for a table placed with place_order by a manager's own client (as a second
 * device would): painted = the table's tile turned "Ordering" on every floor screen, and the
 * ticket (its line's note) on every kitchen screen. Every ten samples the orders are voided.
 */
export async function orderToFloor(options: {
  client: SupabaseClient;
  restaurant: string;
  floors: Screen[];
  kitchens: Screen[];
  tables: { id: string; name: string }[];
  item: string;
  samples: number;
}): Promise<{ floor: Series; kitchen: Series }> {
  const floor = emptySeries();
  const kitchen = emptySeries();
  let batch: { id: string; table: string; token: string }[] = [];
  for (let i = 0; i < options.samples; i++) {
    const table = options.tables[i % Math.min(BATCH, options.tables.length)];
    if (!table) throw new Error('staff bench: no tables');
    const token = nextKey('bench-order');
    const tile = { selector: '.floor-ordering .floor-tile-name', text: table.name };
    const note = { selector: '.kds-note', text: token, match: 'contains' as const };
    await Promise.all([watch(options.floors, token, tile), watch(options.kitchens, token, note)]);
    const start = nodeClock();
    const placed = await options.client.rpc('place_order', {
      p_property_id: options.restaurant,
      p_idempotency_key: token,
      p_kind: 'table',
      p_table_resource_id: table.id,
      p_lines: [{ item_id: options.item, quantity: 1, note: token }],
    });
    if (placed.error) throw new Error(`place_order: ${placed.error.message}`);
    const [onFloors, onKitchens] = await Promise.all([
      paintedOn(options.floors, token, TIMEOUT_MS),
      paintedOn(options.kitchens, token, TIMEOUT_MS),
    ]);
    record(floor, start, onFloors);
    record(kitchen, start, onKitchens);
    batch.push({ id: (placed.data as { id: string }).id, table: table.name, token });
    await sleep(SETTLE_MS);
    if (batch.length === BATCH || i === options.samples - 1) {
      const voided = batch;
      await undoBatch(
        voided.flatMap((order) => [
          { screens: options.floors, gone: { selector: '.floor-ordering .floor-tile-name', text: order.table } },
          { screens: options.kitchens, gone: { selector: '.kds-note', text: order.token, match: 'contains' as const } },
        ]),
        () =>
          voidOrders(
            options.client,
            voided.map((order) => order.id),
          ),
      );
      batch = [];
    }
  }
  return { floor, kitchen };
}

/**
 * (c) The POS page takes a counter order (one starter, the guest's name) and staff tap Send;
 * painted = the ticket (headed with that name) on every kitchen screen of the station. The tap's
 * time is the click event's own time stamp in the POS page. Every ten samples the orders are voided.
 */
export async function posToKitchen(options: {
  client: SupabaseClient;
  admin: Sql;
  restaurant: string;
  pos: Screen;
  kitchens: Screen[];
  itemName: string;
  samples: number;
}): Promise<Series> {
  const series = emptySeries();
  const { page } = options.pos;
  let batch: string[] = [];
  for (let i = 0; i < options.samples; i++) {
    const name = `Bench POS ${nextKey('order')}`;
    await watch(options.kitchens, name, { selector: '.kds-ticket h2', text: name });
    await page.getByRole('radio', { name: 'Counter' }).check();
    await page
      .getByRole('button', { name: new RegExp(`^${options.itemName}`) })
      .first()
      .click();
    await page.getByLabel('Guest name (optional)').fill(name);
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    const painted = await paintedOn(options.kitchens, name, TIMEOUT_MS);
    const start = await lastSend(options.pos);
    if (start === null) throw new Error('staff bench: the POS did not see the Send tap');
    record(series, start, painted);
    batch.push(name);
    await sleep(SETTLE_MS);
    if (batch.length === BATCH || i === options.samples - 1) {
      const names = batch;
      const orders = await options.admin<{ id: string }[]>`
        select id from public.orders where property_id = ${options.restaurant} and guest_name = any(${names})`;
      await undoBatch(
        names.map((text) => ({ screens: options.kitchens, gone: { selector: '.kds-ticket h2', text } })),
        () =>
          voidOrders(
            options.client,
            orders.map((order) => order.id),
          ),
      );
      batch = [];
    }
  }
  return series;
}

async function voidOrders(client: SupabaseClient, ids: string[]) {
  const answers = await Promise.all(
    ids.map((id) => client.rpc('void_order', { p_order_id: id, p_reason: 'Benchmark sample' })),
  );
  const failed = answers.find((answer) => answer.error);
  if (failed?.error) throw new Error(`void_order: ${failed.error.message}`);
}
