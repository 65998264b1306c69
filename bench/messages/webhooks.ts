// Outgoing webhooks (decision 030): deliveries per second to a receiver on loopback and the time
// from the commit of the change (a guest inserted: guest.created) to the signed POST arriving.
// A throwaway cluster; one organization with one endpoint; the sender as the worker runs it
// (NOTIFY wake-up, 1 s poll fallback, batches of 50). Two phases: a burst of BURST events as fast
// as 4 writers commit them (throughput, and latency under that backlog), then PACED events at
// PACED_RATE per second (latency at a steady rate). Every 50th delivery is verified with
// `standardwebhooks`. `runWebhooksBench()` returns { metrics, ratios } for bench/run.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startWebhookSender } from '../../gpu-worker/src/webhooks/sender.ts';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { connectAdmin, quoteIdent } from '../../supabase/local/database.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';

const DATABASE = 'bench_webhooks';
const BURST = 2000;
const WRITERS = 4;
const PACED = 300;
const PACED_RATE = 50;

function log(line: string): void {
  process.stderr.write(`messages/webhooks: ${line}\n`);
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runWebhooksBench(): Promise<{ metrics: Record<string, number>; ratios: Record<string, number> }> {
  const cluster = await startThrowawayCluster();
  const arrivals = new Map<string, number>();
  let badSignatures = 0;
  let secret = '';
  let received = 0;
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      received += 1;
      if (received % 50 === 0) {
        try {
          new Webhook(secret).verify(body, request.headers as Record<string, string>);
        } catch {
          badSignatures += 1;
        }
      }
      const guestId = (JSON.parse(body) as { data: { id: string } }).data.id;
      arrivals.set(guestId, at);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  try {
    const maintenance = connectAdmin(cluster, 'template1', 1);
    await maintenance.unsafe(`create database ${quoteIdent(DATABASE)} template ${quoteIdent(TEMPLATE_DATABASE)}`);
    await maintenance.end();
    const admin = connectAdmin(cluster, DATABASE, WRITERS + 1);
    const senderSql = connectAdmin(cluster, DATABASE, 4);
    await admin`update private.webhook_settings set allow_http = true, allow_private_targets = true`;
    // An organization needs an owner in the transaction that creates it.
    const organizationId = (await admin.begin(async (tx) => {
      const [user] = await tx<{ id: string }[]>`
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at)
        values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
          'owner@bench.test', '', now(), now(), now())
        returning id`;
      const [org] = await tx<{ id: string }[]>`
        insert into public.organizations (slug, name, time_zone, currency, created_by)
        values ('bench-webhooks', 'Bench Hotels', 'Europe/Lisbon', 'EUR', ${user?.id as string}) returning id`;
      await tx`insert into public.memberships (organization_id, user_id, role) values (${org?.id as string}, ${user?.id as string}, 'owner')`;
      return org?.id;
    })) as string;
    const [endpoint] = await admin<{ id: string }[]>`
      insert into private.webhook_endpoints (organization_id, url, events)
      values (${organizationId}, ${url}, '{guest.created}') returning id`;
    const [row] = await admin<{ secret: string }[]>`
      insert into private.webhook_secrets (endpoint_id, secret)
      values (${endpoint?.id as string}, private.new_webhook_secret()) returning secret`;
    secret = row?.secret as string;

    const sender = startWebhookSender({ sql: senderSql, allowPrivateTargets: true, batchSize: 50 });
    const commits = new Map<string, number>();
    let sequence = 0;
    const writeOne = async () => {
      sequence += 1;
      const [guest] = await admin<{ id: string }[]>`
        insert into public.guests (organization_id, full_name) values (${organizationId}, ${`Guest ${sequence}`})
        returning id`;
      commits.set(guest?.id as string, performance.now());
    };
    const waitFor = async (count: number) => {
      const deadline = performance.now() + 120_000;
      while (arrivals.size < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    const latencies = (ids: string[]) =>
      ids.map((id) => (arrivals.get(id) ?? Number.NaN) - (commits.get(id) ?? Number.NaN)).filter(Number.isFinite);

    log(`burst: ${BURST} events from ${WRITERS} writers`);
    const burstStart = performance.now();
    let left = BURST;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (left > 0) {
          left -= 1;
          await writeOne();
        }
      }),
    );
    const burstCommitted = performance.now();
    await waitFor(BURST);
    const burstEnd = Math.max(...arrivals.values());
    const burstIds = [...commits.keys()];
    const burstLatency = latencies(burstIds);

    log(`paced: ${PACED} events at ${PACED_RATE}/s`);
    for (let i = 0; i < PACED; i += 1) {
      const due = performance.now() + 1000 / PACED_RATE;
      await writeOne();
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await waitFor(BURST + PACED);
    const pacedLatency = latencies([...commits.keys()].slice(BURST));
    await sender.stop();
    const [states] = await admin<{ succeeded: number; other: number }[]>`
      select count(*) filter (where status = 'succeeded')::int as succeeded,
        count(*) filter (where status <> 'succeeded')::int as other
      from private.webhook_deliveries`;
    await admin.end();
    await senderSql.end();

    const metrics = {
      burst_events: BURST,
      burst_commit_per_s: round(BURST / ((burstCommitted - burstStart) / 1000)),
      burst_deliveries_per_s: round(BURST / ((burstEnd - burstStart) / 1000)),
      burst_commit_to_delivery_p50_ms: round(percentile(burstLatency, 50)),
      burst_commit_to_delivery_p95_ms: round(percentile(burstLatency, 95)),
      paced_events: PACED,
      paced_rate_per_s: PACED_RATE,
      paced_commit_to_delivery_p50_ms: round(percentile(pacedLatency, 50)),
      paced_commit_to_delivery_p95_ms: round(percentile(pacedLatency, 95)),
      paced_commit_to_delivery_max_ms: round(Math.max(...pacedLatency)),
      delivered: arrivals.size,
      deliveries_succeeded: states?.succeeded ?? 0,
      deliveries_not_succeeded: states?.other ?? 0,
      duplicate_posts: received - arrivals.size,
      bad_signatures: badSignatures,
    };
    log(JSON.stringify(metrics));
    return {
      metrics,
      ratios: {
        // Deliveries keep up with commits when this is near 1.
        burst_deliveries_vs_commits: round(metrics.burst_deliveries_per_s / metrics.burst_commit_per_s, 2),
      },
    };
  } finally {
    receiver.closeAllConnections();
    receiver.close();
    destroyCluster(cluster);
  }
}
