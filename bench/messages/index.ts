// `npm run bench -- messages` (issue 17): rendered emails per second (render.ts), webhook
// deliveries per second to a loopback receiver with commit-to-delivery latency (webhooks.ts), and
// notification commit-to-browser latency (notifications.ts). Each part starts what it needs and
// stops it; their metrics are merged with a prefix per part. Timings are reported, never asserted.
import { runNotificationsBench } from './notifications.ts';
import { runRenderBench } from './render.ts';
import { runWebhooksBench } from './webhooks.ts';

type Part = () => Promise<{ metrics: Record<string, number>; ratios: Record<string, number> }>;

/** Each part, and the prefix its metrics get (render's and notifications' keys carry their own). */
const PARTS: [name: string, prefix: string, part: Part][] = [
  ['render', '', runRenderBench],
  ['webhooks', 'webhooks_', runWebhooksBench],
  ['notifications', '', runNotificationsBench],
];

export async function run() {
  const metrics: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const [name, prefix, part] of PARTS) {
    process.stderr.write(`messages: ${name}…\n`);
    const result = await part();
    for (const [key, value] of Object.entries(result.metrics)) metrics[`${prefix}${key}`] = value;
    for (const [key, value] of Object.entries(result.ratios)) ratios[`${prefix}${key}`] = value;
  }
  return { metrics, ratios };
}
