// `npm run bench -- rls`: what row-level security costs. The same tenant-scoped queries (a
// property's latest rows; an aggregate over an organization) run as the service role (RLS
// bypassed) and as the organization's owner (RLS decides), interleaved and with the same inputs,
// on 1,000 organizations and 1,000,000 rows, once per policy shape the project uses.
// Ratios are member / service (target <= 1.3); plans go to bench/results/rls.plans.json.
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { connectAdmin, quoteIdent } from '../../supabase/local/database.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import type { BenchResult } from '../run.ts';
import { type Input, loadDataset, pickInputs, SCALE } from './dataset.ts';
import { type Connections, checkIsolation, measurePhase, type Samples } from './measure.ts';
import { collectPlans } from './plans.ts';
import { MODES, QUERY_NAMES } from './requests.ts';
import { POLICIES, POLICY_NAMES, type PolicyName, usePolicy } from './schema.ts';
import { percentile, round } from './stats.ts';

const DATABASE = 'bench';
const SEED = 20261122;
const INPUTS = 100;
const WARMUP = 100;
const ITERATIONS = 1000;

/** Metric and ratio keys of a phase: the organization-wide policy is the headline, unprefixed. */
const PREFIX: Record<PolicyName, string> = { organization: '', property: 'property_policy_' };

function log(line: string): void {
  process.stderr.write(`rls: ${line}\n`);
}

function summarize(
  policy: PolicyName,
  samples: Samples,
  metrics: Record<string, number>,
  ratios: Record<string, number>,
) {
  for (const query of QUERY_NAMES) {
    const key = `${PREFIX[policy]}${query}`;
    for (const [part, field] of [
      ['', 'transactionMs'],
      ['statement_', 'statementMs'],
    ] as const) {
      const at = (p: number) => {
        const service = percentile(
          samples[query].service.map((sample) => sample[field]),
          p,
        );
        const member = percentile(
          samples[query].member.map((sample) => sample[field]),
          p,
        );
        metrics[`${key}_service_${part}p${p}_ms`] = round(service);
        metrics[`${key}_member_${part}p${p}_ms`] = round(member);
        ratios[`${key}_${part}member_vs_service_p${p}`] = round(member / service);
      };
      at(50);
      at(95);
    }
  }
}

async function createBenchDatabase(cluster: Parameters<typeof connectAdmin>[0]): Promise<void> {
  const maintenance = connectAdmin(cluster, 'template1', 1);
  try {
    await maintenance.unsafe(`create database ${quoteIdent(DATABASE)} template ${quoteIdent(TEMPLATE_DATABASE)}`);
  } finally {
    await maintenance.end();
  }
}

export async function run(): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  try {
    await createBenchDatabase(cluster);
    const admin = connectAdmin(cluster, DATABASE, 1);
    const connections: Connections = {
      service: connectAdmin(cluster, DATABASE, 1),
      member: connectAdmin(cluster, DATABASE, 1),
    };
    try {
      const load = await loadDataset(admin, log);
      const inputs = await pickInputs(admin, SEED, INPUTS);
      const plannedInput = inputs[0] as Input;
      const metrics: Record<string, number> = {
        organizations: SCALE.organizations,
        properties: SCALE.organizations * SCALE.propertiesPerOrganization,
        rows: SCALE.events,
        iterations_per_mode: ITERATIONS,
        ...load,
      };
      const ratios: Record<string, number> = {};
      const plans: Record<string, unknown> = {};
      for (const policy of POLICY_NAMES) {
        log(`policy ${policy}: ${POLICIES[policy].using}`);
        await usePolicy(admin, policy);
        await checkIsolation(connections, inputs);
        log(
          `policy ${policy}: ${WARMUP} warm-up + ${ITERATIONS} iterations of ${QUERY_NAMES.join(', ')} as ${MODES.join(', ')}`,
        );
        summarize(
          policy,
          await measurePhase(connections, inputs, { warmup: WARMUP, iterations: ITERATIONS }),
          metrics,
          ratios,
        );
        plans[policy] = { policy: POLICIES[policy], queries: await collectPlans(connections, plannedInput) };
      }
      metrics.total_s = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
      const attachment = {
        input: { organization_id: plannedInput.organizationId, property_id: plannedInput.propertyId },
        policies: plans,
      };
      return { metrics, ratios, attachments: { plans: attachment } };
    } finally {
      await Promise.all([admin.end(), connections.service.end(), connections.member.end()]);
    }
  } finally {
    destroyCluster(cluster);
  }
}
