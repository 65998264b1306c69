import { describe, expect, it } from 'vitest';
import type { MenuItem } from '../../embed/api.ts';
import { addLine, cartTotal, groupProblem, setQuantity, unitPrice } from './cart.ts';

const burger: MenuItem = {
  id: 'burger',
  name: 'Burger',
  price_minor: 1200,
  modifier_groups: [
    {
      id: 'cook',
      name: 'Cooking',
      min: 1,
      max: 1,
      options: [
        { id: 'rare', name: 'Rare', price_minor: 0 },
        { id: 'well', name: 'Well done', price_minor: 0 },
      ],
    },
    {
      id: 'extras',
      name: 'Extras',
      min: 0,
      max: 2,
      options: [
        { id: 'cheese', name: 'Cheese', price_minor: 150 },
        { id: 'bacon', name: 'Bacon', price_minor: 200 },
        { id: 'egg', name: 'Egg', price_minor: 100 },
      ],
    },
  ],
};

describe('order basket', () => {
  it('prices a line with its options and merges the same choice', () => {
    expect(unitPrice(burger, ['rare', 'cheese', 'bacon'])).toBe(1550);
    let lines = addLine([], burger, ['rare', 'cheese'], 1);
    lines = addLine(lines, burger, ['cheese', 'rare'], 2);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.quantity).toBe(3);
    lines = addLine(lines, burger, ['well'], 1);
    expect(cartTotal(lines)).toBe(3 * 1350 + 1200);
    expect(setQuantity(lines, lines[0]?.key ?? '', 0)).toHaveLength(1);
  });

  it('keeps each group to its rules', () => {
    const [cook, extras] = burger.modifier_groups;
    if (!cook || !extras) throw new Error('fixture');
    expect(groupProblem(cook, [])).toEqual({ key: 'order.choice.one', vars: { group: 'Cooking', count: 1 } });
    expect(groupProblem(cook, ['rare'])).toBeNull();
    expect(groupProblem(extras, [])).toBeNull();
    expect(groupProblem(extras, ['cheese', 'bacon', 'egg'])).toEqual({
      key: 'order.choice.atMost',
      vars: { group: 'Extras', count: 2 },
    });
  });
});
