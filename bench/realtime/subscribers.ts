// A worker thread of realtime-js subscribers (one socket and one channel each), so that the
// clients do not share the server's thread. Each message carries the absolute time it was sent
// (performance.timeOrigin + performance.now(), comparable across threads); the worker keeps the
// commit-to-client latencies and the time of the last arrival.
import { parentPort, workerData } from 'node:worker_threads';
import { RealtimeClient } from '@supabase/supabase-js';

export interface SubscriberSetup {
  url: string;
  apikey: string;
  /** One token per subscriber. */
  tokens: string[];
  mode: 'broadcast' | 'changes';
  /** broadcast: the private topic; changes: the property id the filter names. */
  target: string;
}

export interface SubscriberReport {
  latenciesMs: number[];
  lastArrival: number;
  received: number;
}

const setup = workerData as SubscriberSetup;
const now = () => performance.timeOrigin + performance.now();
let latencies: number[] = [];
let lastArrival = 0;

function record(sent: unknown): void {
  const at = now();
  if (typeof sent !== 'number') return;
  latencies.push(at - sent);
  lastArrival = at;
}

const clients = setup.tokens.map(
  (token) =>
    new RealtimeClient(`${setup.url}/realtime/v1`, {
      params: { apikey: setup.apikey },
      accessToken: async () => token,
      heartbeatIntervalMs: 25_000,
      timeout: 60_000,
    }),
);

async function joinAll(): Promise<void> {
  // The token is fetched before the join, or the first join would go out without it.
  await Promise.all(clients.map((client) => client.setAuth()));
  // Every dashboard uses the same channel name, as an app's screens do.
  const join = (client: RealtimeClient) =>
    new Promise<void>((resolve, reject) => {
      const channel =
        setup.mode === 'broadcast'
          ? client
              .channel(setup.target, { config: { private: true } })
              .on('broadcast', { event: 'tick' }, (message) => record((message.payload as { sent?: unknown }).sent))
          : client
              .channel(`orders:${setup.target}`)
              .on(
                'postgres_changes',
                { event: 'INSERT', schema: 'public', table: 'orders', filter: `property_id=eq.${setup.target}` },
                (payload) => record(Number((payload.new as { guest_name?: string }).guest_name)),
              );
      channel.subscribe((status, error) => {
        if (status === 'SUBSCRIBED') resolve();
        else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(error ?? new Error(status));
      });
    });
  // Join in slices so the server is not handed a thousand joins at once.
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map((client) => join(client)));
  }
}

parentPort?.on('message', (command: 'count' | 'report' | 'reset' | 'stop') => {
  if (command === 'count') {
    parentPort?.postMessage(latencies.length);
  } else if (command === 'report') {
    const report: SubscriberReport = { latenciesMs: latencies, lastArrival, received: latencies.length };
    parentPort?.postMessage(report);
  } else if (command === 'reset') {
    latencies = [];
    lastArrival = 0;
    parentPort?.postMessage('reset');
  } else {
    for (const client of clients) client.disconnect();
    parentPort?.postMessage('stopped');
  }
});

joinAll().then(
  () => parentPort?.postMessage('ready'),
  (error: Error) => parentPort?.postMessage({ error: error.message }),
);
