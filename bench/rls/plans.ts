// Query plans for the attachment: the full EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of every query
// in every mode, plus a short outline of each plan for people reading the JSON.
import type { Input } from './dataset.ts';
import type { Connections } from './measure.ts';
import { explainQuery, MODES, type Mode, QUERY_NAMES, type QueryName } from './requests.ts';

interface PlanNode {
  'Node Type'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Function Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Rows'?: number;
  'Actual Total Time'?: number;
  Plans?: PlanNode[];
}

export interface QueryPlan {
  outline: string[];
  execution_ms: number | null;
  planning_ms: number | null;
  explain: unknown;
}

/** One line per node: type, what it reads, its conditions, actual rows and time. */
function outline(node: PlanNode, depth = 0, lines: string[] = []): string[] {
  const target = node['Index Name'] ?? node['Relation Name'] ?? node['Function Name'];
  const parts = [
    `${'  '.repeat(depth)}${node['Subplan Name'] ? `[${node['Subplan Name']}] ` : ''}${node['Node Type'] ?? '?'}`,
    target ? `on ${target}` : '',
    node['Index Cond'] ? `index: ${node['Index Cond']}` : '',
    node['Recheck Cond'] ? `recheck: ${node['Recheck Cond']}` : '',
    node.Filter ? `filter: ${node.Filter}` : '',
    `(rows=${node['Actual Rows'] ?? '?'} time=${node['Actual Total Time'] ?? '?'}ms)`,
  ];
  lines.push(parts.filter(Boolean).join(' '));
  for (const child of node.Plans ?? []) outline(child, depth + 1, lines);
  return lines;
}

function describe(explain: unknown): QueryPlan {
  const top = (Array.isArray(explain) ? explain[0] : undefined) as
    | { Plan?: PlanNode; 'Execution Time'?: number; 'Planning Time'?: number }
    | undefined;
  return {
    outline: top?.Plan ? outline(top.Plan) : [],
    execution_ms: top?.['Execution Time'] ?? null,
    planning_ms: top?.['Planning Time'] ?? null,
    explain,
  };
}

/** Plans of every query in every mode for `input`, explained on the mode's own connection. */
export async function collectPlans(
  connections: Connections,
  input: Input,
): Promise<Record<QueryName, Record<Mode, QueryPlan>>> {
  const plans = {} as Record<QueryName, Record<Mode, QueryPlan>>;
  for (const query of QUERY_NAMES) {
    const byMode = {} as Record<Mode, QueryPlan>;
    for (const mode of MODES) byMode[mode] = describe(await explainQuery(connections[mode], mode, query, input));
    plans[query] = byMode;
  }
  return plans;
}
