// In-app notifications (decision 031): the time from a booking's commit to the notification
// reaching each staff member's browser client, i.e. the realtime-js subscription the web app's
// bell holds (postgres_changes on public.notifications filtered on user_id, authorized under
// RLS by the local Realtime server behind the gateway). The bell then re-reads its list through
// the web server (one loader round trip), which this does not include.
// A throwaway cluster; one hotel with RECEIVERS staff members, each with its own socket; the
// owner books BOOKINGS nights one after another through public.create_booking (as the API does),
// each waiting until every receiver has heard of it (or TIMEOUT_MS). The clock starts before the
// booking's transaction, so the latency includes the RPC and the commit.
// `runNotificationsBench()` returns { metrics, ratios } for bench/messages' index.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealtimeClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { recreateDatabase } from '../../supabase/local/database.ts';
import { signJwt } from '../../supabase/local/gateway/jwt.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { createRealtimeService } from '../../supabase/local/realtime/index.ts';
import { asRequest, userClaims } from '../../supabase/local/rls-request.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const DATABASE = 'bench_notifications';
const RECEIVERS = QUICK ? 3 : 10;
const BOOKINGS = QUICK ? 10 : 60;
const TIMEOUT_MS = 10_000;

function log(line: string): void {
  process.stderr.write(`messages/notifications: ${line}\n`);
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runNotificationsBench(): Promise<{
  metrics: Record<string, number>;
  ratios: Record<string, number>;
}> {
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  const dataDir = mkdtempSync(join(tmpdir(), 'roost-bench-notifications-'));
  try {
    await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
    const dbUrl = connectionUrl(cluster, DATABASE);
    const sql = postgres(dbUrl, { max: 6, onnotice: () => {} });
    // Commits as a production database does (the throwaway cluster defaults to asynchronous commit).
    const writer = postgres(dbUrl, { max: 1, onnotice: () => {}, connection: { synchronous_commit: 'on' } });
    const keys = await ensureLocalKeys({ file: join(dataDir, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const realtime = createRealtimeService({ sql, dbUrl, keys, config, dropSlotOnClose: true, streamAfterMs: 0 });
    const gateway = await startGateway({
      port: await freePort(),
      keys,
      config,
      services: { realtime: realtime.service },
    });
    const clients: RealtimeClient[] = [];
    try {
      const people = Array.from({ length: RECEIVERS + 1 }, (_, i) => ({
        id: randomUUID(),
        email: `bench-${i}@example.test`,
      }));
      const owner = people[0] as { id: string; email: string };
      const fixture = await sql.begin(async (tx) => {
        for (const person of people) {
          await tx`
            insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
              raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
            values ('00000000-0000-0000-0000-000000000000', ${person.id}, 'authenticated', 'authenticated',
              ${person.email}, '', now(), ${tx.json({ provider: 'email', providers: ['email'] })}, ${tx.json({})}, now(), now())`;
        }
        const [org] = await tx<{ id: string }[]>`
          insert into public.organizations (slug, name, time_zone, currency, created_by)
          values ('bench-notifications', 'Bench Hotels', 'Europe/Lisbon', 'EUR', ${owner.id}) returning id`;
        const organizationId = org?.id as string;
        for (const [index, person] of people.entries()) {
          await tx`insert into public.memberships (organization_id, user_id, role)
            values (${organizationId}, ${person.id}, ${index === 0 ? 'owner' : 'staff'})`;
        }
        const [property] = await tx<{ id: string }[]>`
          insert into public.properties (organization_id, name, kind) values (${organizationId}, 'Hotel', 'hotel') returning id`;
        const propertyId = property?.id as string;
        const [type] = await tx<{ id: string }[]>`
          insert into public.resource_types (organization_id, property_id, kind, name, pricing)
          values (${organizationId}, ${propertyId}, 'room', 'Double', 'night') returning id`;
        await tx`
          insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
          values (${organizationId}, ${propertyId}, ${type?.id as string}, 'Flexible', 10000, 2)`;
        const [room] = await tx<{ id: string }[]>`
          insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
          values (${organizationId}, ${propertyId}, ${type?.id as string}, '101', 1, 3) returning id`;
        return { roomId: room?.id as string };
      });

      // One socket per receiver, as one open browser each.
      const exp = Math.floor(Date.now() / 1000) + 7200;
      let heard: (receiver: number) => void = () => {};
      for (const [index, person] of people.slice(1).entries()) {
        const token = await signJwt(keys, userClaims(person, { exp }));
        const client = new RealtimeClient(`${gateway.url}/realtime/v1`, {
          params: { apikey: keys.publishable_key },
          accessToken: async () => token,
        });
        clients.push(client);
        await client.setAuth();
        await new Promise<void>((resolve, reject) => {
          client
            .channel(`notifications:${person.id}`)
            .on(
              'postgres_changes',
              { event: 'INSERT', schema: 'public', table: 'notifications', filter: `user_id=eq.${person.id}` },
              () => heard(index),
            )
            .subscribe((status, error) => {
              if (status === 'SUBSCRIBED') resolve();
              else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(error ?? new Error(status));
            });
        });
      }
      log(`${RECEIVERS} receivers subscribed; ${BOOKINGS} bookings`);

      const latencies: number[] = [];
      let missed = 0;
      for (let i = 0; i < BOOKINGS; i++) {
        const pending = new Set(Array.from({ length: RECEIVERS }, (_, r) => r));
        let started = 0;
        const all = new Promise<void>((resolve) => {
          heard = (receiver) => {
            if (!pending.delete(receiver)) return;
            latencies.push(performance.now() - started);
            if (pending.size === 0) resolve();
          };
        });
        started = performance.now();
        await asRequest(
          writer,
          'authenticated',
          userClaims(owner),
          (tx) => tx`
            select public.create_booking(p_resource_id => ${fixture.roomId}, p_guest_id => null,
              p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${10 + 2 * i}::int,
              p_departure => (now() at time zone 'Europe/Lisbon')::date + ${11 + 2 * i}::int,
              p_party_size => 2, p_confirm => true)`,
        );
        const timedOut = await Promise.race([
          all.then(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(true), TIMEOUT_MS)),
        ]);
        if (timedOut) missed += pending.size;
      }
      const metrics: Record<string, number> = {
        notification_receivers: RECEIVERS,
        notification_bookings: BOOKINGS,
        notification_deliveries: latencies.length,
        notification_missed: missed,
        notification_commit_to_client_p50_ms: round(percentile(latencies, 50)),
        notification_commit_to_client_p95_ms: round(percentile(latencies, 95)),
        notification_commit_to_client_p99_ms: round(percentile(latencies, 99)),
        notification_commit_to_client_max_ms: round(Math.max(...latencies)),
      };
      log(JSON.stringify(metrics));
      return { metrics, ratios: {} };
    } finally {
      for (const client of clients) client.disconnect();
      await realtime.close();
      await gateway.close();
      await Promise.all([sql.end(), writer.end()]);
    }
  } finally {
    destroyCluster(cluster);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --experimental-strip-types bench/messages/notifications.ts` runs it on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  runNotificationsBench().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
