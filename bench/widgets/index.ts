// `npm run bench -- widgets`: the embeddable widgets' costs (issue 16). One function per measure:
// the public API's availability and quote through the gateway + function vs the RPC called
// directly (api.ts, widget-api), and the browser side — embed.js and /embed page sizes, time to
// first availability (browser.ts, the embed helper). BENCH_QUICK=1 runs a short smoke version.
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { startThrowawayCluster } from '../../supabase/local/throwaway.ts';
import type { BenchResult } from '../run.ts';
import { measureAvailability, measureQuote, startWidgetApi } from './api.ts';
import { measureEmbedBrowser } from './browser.ts';

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`widgets: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

export async function run(): Promise<BenchResult> {
  const result: BenchResult = { metrics: {}, ratios: {} };
  const add = (part: { metrics?: Record<string, number>; ratios?: Record<string, number> }) => {
    Object.assign(result.metrics, part.metrics ?? {});
    Object.assign(result.ratios, part.ratios ?? {});
  };
  const cluster = await startThrowawayCluster();
  try {
    const api = await startWidgetApi(cluster, log);
    try {
      add(await measureAvailability(api));
      log('availability measured');
      add(await measureQuote(api));
      log('quote measured');
      add(
        await measureEmbedBrowser(
          api.url.replace(/\/functions\/v1\/widget-api$/, ''),
          connectionUrl(cluster, 'postgres'),
          log,
        ),
      );
      log('browser part measured');
    } finally {
      await api.close();
    }
  } finally {
    destroyCluster(cluster);
  }
  return result;
}
