// Query plans for benchmark attachments: the full EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plus a
// short outline (one line per node) for people reading the JSON.

interface PlanNode {
  'Node Type'?: string;
  'Subplan Name'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Function Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface DescribedPlan {
  outline: string[];
  execution_ms: number | null;
  planning_ms: number | null;
  explain: unknown;
}

/** One line per node: type, what it reads, its conditions, rows, loops, time and buffers. */
function outline(node: PlanNode, depth = 0, lines: string[] = []): string[] {
  const target = node['Index Name'] ?? node['Relation Name'] ?? node['Function Name'];
  const parts = [
    `${'  '.repeat(depth)}${node['Subplan Name'] ? `[${node['Subplan Name']}] ` : ''}${node['Node Type'] ?? '?'}`,
    target ? `on ${target}` : '',
    node['Index Cond'] ? `index: ${node['Index Cond']}` : '',
    node['Recheck Cond'] ? `recheck: ${node['Recheck Cond']}` : '',
    node.Filter ? `filter: ${node.Filter} (removed ${node['Rows Removed by Filter'] ?? 0})` : '',
    `(rows=${node['Actual Rows'] ?? '?'} loops=${node['Actual Loops'] ?? '?'} time=${node['Actual Total Time'] ?? '?'}ms`,
    `buffers hit=${node['Shared Hit Blocks'] ?? 0} read=${node['Shared Read Blocks'] ?? 0})`,
  ];
  lines.push(parts.filter(Boolean).join(' '));
  for (const child of node.Plans ?? []) outline(child, depth + 1, lines);
  return lines;
}

export function describePlan(explain: unknown): DescribedPlan {
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
