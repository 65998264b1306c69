// Query plans for the attachment: every query in every mode, described by the shared outline.
import { type DescribedPlan, describePlan } from '../support/plan-outline.ts';
import type { Input } from './dataset.ts';
import type { Connections } from './measure.ts';
import { explainQuery, MODES, type Mode, QUERY_NAMES, type QueryName } from './requests.ts';

/** Plans of every query in every mode for `input`, explained on the mode's own connection. */
export async function collectPlans(
  connections: Connections,
  input: Input,
): Promise<Record<QueryName, Record<Mode, DescribedPlan>>> {
  const plans = {} as Record<QueryName, Record<Mode, DescribedPlan>>;
  for (const query of QUERY_NAMES) {
    const byMode = {} as Record<Mode, DescribedPlan>;
    for (const mode of MODES) byMode[mode] = describePlan(await explainQuery(connections[mode], mode, query, input));
    plans[query] = byMode;
  }
  return plans;
}
