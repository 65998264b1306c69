// Measures one policy phase: warm-up, then iterations that run every query in both modes with
// the same input, alternating which mode goes first. Each mode has a connection of its own, so
// its prepared statements are always planned for the same role (PostgreSQL replans a cached
// statement that depends on RLS whenever the role changes, which would penalise interleaving).
import type { Sql } from 'postgres';
import type { Input } from './dataset.ts';
import { MODES, type Mode, QUERY_NAMES, type QueryName, type Sample, timeQuery } from './requests.ts';

export type Connections = Record<Mode, Sql>;
export type Samples = Record<QueryName, Record<Mode, Sample[]>>;

/**
 * RLS must really be deciding: the member sees exactly what the service role sees for their own
 * organization, and nothing of another one.
 */
export async function checkIsolation(connections: Connections, inputs: readonly Input[]): Promise<void> {
  const own = inputs[0];
  const other = inputs.find((input) => input.organizationId !== own?.organizationId);
  if (!own || !other) throw new Error('rls bench: need inputs from two organizations');
  for (const query of QUERY_NAMES) {
    const service = await timeQuery(connections.service, 'service', query, own);
    const member = await timeQuery(connections.member, 'member', query, own);
    if (service.result !== member.result || service.result === '' || service.result.includes('"events":"0"')) {
      throw new Error(`rls bench: ${query} differs between service role and member, or is empty`);
    }
    const foreign = { ...own, organizationId: other.organizationId, propertyId: other.propertyId };
    const leaked = await timeQuery(connections.member, 'member', query, foreign);
    if (leaked.result !== '' && !leaked.result.includes('"events":"0"')) {
      throw new Error(
        `rls bench: ${query} shows a member the rows of another organization: ${leaked.result.slice(0, 200)}`,
      );
    }
  }
}

function emptySamples(): Samples {
  const samples = {} as Samples;
  for (const query of QUERY_NAMES) samples[query] = { service: [], member: [] };
  return samples;
}

async function iteration(
  connections: Connections,
  input: Input,
  index: number,
  samples: Samples | null,
): Promise<void> {
  const order: readonly Mode[] = index % 2 === 0 ? MODES : [...MODES].reverse();
  for (const query of QUERY_NAMES) {
    const results: Partial<Record<Mode, Sample>> = {};
    for (const mode of order) results[mode] = await timeQuery(connections[mode], mode, query, input);
    if (results.service?.result !== results.member?.result) {
      throw new Error(`rls bench: ${query} returned different rows to the member and the service role`);
    }
    if (!samples) continue;
    for (const mode of MODES) samples[query][mode].push(results[mode] as Sample);
  }
}

export async function measurePhase(
  connections: Connections,
  inputs: readonly Input[],
  counts: { warmup: number; iterations: number },
): Promise<Samples> {
  const pick = (i: number) => inputs[i % inputs.length] as Input;
  for (let i = 0; i < counts.warmup; i++) await iteration(connections, pick(i), i, null);
  const samples = emptySamples();
  for (let i = 0; i < counts.iterations; i++) await iteration(connections, pick(counts.warmup + i), i, samples);
  return samples;
}
