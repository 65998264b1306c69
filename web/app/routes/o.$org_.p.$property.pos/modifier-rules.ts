// A modifier group's rule as the picker shows and checks it (the same rule add_order_item
// enforces: a required group between its minimum and maximum; an optional one empty or so).
import type { MenuGroup } from '../../data/pos.server.ts';

type Rule = Pick<MenuGroup, 'name' | 'required' | 'min_choices' | 'max_choices'>;

/** What a group asks for, in words. */
export function groupRule(group: Rule): string {
  const count =
    group.min_choices === group.max_choices ? `${group.max_choices}` : `${group.min_choices} to ${group.max_choices}`;
  if (group.required) return `required, choose ${count}`;
  return group.max_choices === 1 ? 'optional' : `optional, up to ${group.max_choices}`;
}

/** Null when the chosen count keeps the group's rule, else what to fix. */
export function groupProblem(group: Rule, chosen: number): string | null {
  if (chosen === 0 && !group.required) return null;
  if (chosen >= group.min_choices && chosen <= group.max_choices) return null;
  if (chosen === 0) return `Choose ${group.name.toLocaleLowerCase()}.`;
  if (chosen < group.min_choices) return `Choose at least ${group.min_choices} for ${group.name}.`;
  return `Choose at most ${group.max_choices} for ${group.name}.`;
}
