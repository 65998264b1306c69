import { describe, expect, it } from 'vitest';
import { bpsToInput, formatPercent, parsePercent, parsePrice, priceToInput } from './prices.ts';

describe('prices', () => {
  it('reads typed prices in the currency’s minor units, exactly', () => {
    expect(parsePrice('120', 'EUR')).toBe(12000);
    expect(parsePrice(' 120.5 ', 'EUR')).toBe(12050);
    expect(parsePrice('0.29', 'EUR')).toBe(29);
    expect(parsePrice('1200', 'JPY')).toBe(1200);
    expect(parsePrice('1.5', 'BHD')).toBe(1500);
  });

  it('refuses negative prices and more decimals than the currency has', () => {
    for (const text of ['-5', '-0', '', 'abc', '1.234']) expect(parsePrice(text, 'EUR')).toBeNull();
    expect(parsePrice('12.5', 'JPY')).toBeNull();
  });

  it('writes minor units back as a field’s text', () => {
    expect(priceToInput(12050, 'EUR')).toBe('120.50');
    expect(priceToInput(1200, 'JPY')).toBe('1200');
    for (const minor of [0, 1, 99, 12050, 100000000000])
      expect(parsePrice(priceToInput(minor, 'EUR'), 'EUR')).toBe(minor);
  });
});

describe('percentages', () => {
  it('reads typed percentages as basis points', () => {
    expect(parsePercent('6')).toBe(600);
    expect(parsePercent(' 12.5 ')).toBe(1250);
    expect(parsePercent('7,25')).toBe(725);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('0')).toBe(0);
  });

  it('refuses what is not 0 to 100 with at most two decimals', () => {
    for (const text of ['', '100.01', '101', '-1', '1.234', 'ten', '1e2']) expect(parsePercent(text)).toBeNull();
  });

  it('writes basis points for reading and back into a field', () => {
    expect(formatPercent(600)).toBe('6%');
    expect(formatPercent(1250)).toBe('12.5%');
    expect(bpsToInput(1250)).toBe('12.5');
    expect(parsePercent(bpsToInput(725))).toBe(725);
  });
});
