// The order widget's basket: lines of an item with its chosen options, merged when the same
// item and options are added again. Its total is an estimate for the guest; the server prices
// the order and its answer is what the guest is charged.
import type { MenuItem, MenuModifierGroup } from '../../embed/api.ts';
import type { MessageKey } from '../../embed/text.ts';

export interface CartLine {
  key: string;
  item: MenuItem;
  optionIds: string[];
  quantity: number;
}

export function lineKey(itemId: string, optionIds: readonly string[]): string {
  return `${itemId}:${[...optionIds].sort().join(',')}`;
}

export function unitPrice(item: MenuItem, optionIds: readonly string[]): number {
  let price = item.price_minor;
  for (const group of item.modifier_groups)
    for (const option of group.options) if (optionIds.includes(option.id)) price += option.price_minor;
  return price;
}

export function addLine(lines: CartLine[], item: MenuItem, optionIds: string[], quantity: number): CartLine[] {
  const key = lineKey(item.id, optionIds);
  const found = lines.find((line) => line.key === key);
  if (found)
    return lines.map((line) =>
      line.key === key ? { ...line, quantity: Math.min(99, line.quantity + quantity) } : line,
    );
  return [...lines, { key, item, optionIds: [...optionIds].sort(), quantity }];
}

export function setQuantity(lines: CartLine[], key: string, quantity: number): CartLine[] {
  return quantity <= 0
    ? lines.filter((line) => line.key !== key)
    : lines.map((line) => (line.key === key ? { ...line, quantity: Math.min(99, quantity) } : line));
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + unitPrice(line.item, line.optionIds) * line.quantity, 0);
}

/** What to tell the guest about a group whose choices break its rules (a catalogue key and its
 * variables); null when they fit. */
export function groupProblem(
  group: MenuModifierGroup,
  chosen: readonly string[],
): { key: MessageKey; vars: { count: number; group: string } } | null {
  const count = group.options.filter((option) => chosen.includes(option.id)).length;
  const vars = { group: group.name };
  if (count < group.min)
    return group.min === 1
      ? { key: 'order.choice.one', vars: { ...vars, count: 1 } }
      : { key: 'order.choice.atLeast', vars: { ...vars, count: group.min } };
  if (count > group.max) return { key: 'order.choice.atMost', vars: { ...vars, count: group.max } };
  return null;
}
