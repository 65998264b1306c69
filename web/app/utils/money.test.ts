import { describe, expect, it } from 'vitest';
import { currencyDigits, decimalToMinor, formatMoney, minorToDecimal } from './money.ts';

describe('money', () => {
  it('knows the minor unit of a currency', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('???')).toBe(2);
  });

  it('reads typed decimals exactly', () => {
    expect(decimalToMinor('12.5', 2)).toBe(1250);
    expect(decimalToMinor(' 0.07 ', 2)).toBe(7);
    expect(decimalToMinor('3', 2)).toBe(300);
    expect(decimalToMinor('3.', 2)).toBe(300);
    expect(decimalToMinor('1,25', 2)).toBe(125);
    expect(decimalToMinor('-0.75', 2)).toBe(-75);
    expect(decimalToMinor('-0', 2)).toBe(0);
    expect(decimalToMinor('1500', 0)).toBe(1500);
    expect(decimalToMinor('0.1', 0)).toBeNull();
    expect(decimalToMinor('1.234', 2)).toBeNull();
    expect(decimalToMinor('abc', 2)).toBeNull();
    expect(decimalToMinor('', 2)).toBeNull();
    expect(decimalToMinor('1e3', 2)).toBeNull();
  });

  it('writes minor units back as field text', () => {
    expect(minorToDecimal(1250, 2)).toBe('12.50');
    expect(minorToDecimal(7, 2)).toBe('0.07');
    expect(minorToDecimal(-75, 2)).toBe('-0.75');
    expect(minorToDecimal(1500, 0)).toBe('1500');
    expect(minorToDecimal(1234, 3)).toBe('1.234');
  });

  it('formats for reading', () => {
    expect(formatMoney(1250, 'EUR', 'en-GB')).toBe('€12.50');
    expect(formatMoney(1500, 'JPY', 'en-GB')).toBe('JP¥1,500');
    expect(formatMoney(-75, 'GBP', 'en-GB')).toBe('-£0.75');
    expect(formatMoney(-0, 'EUR', 'en-GB'), 'no sign on nothing').toBe('€0.00');
  });
});
