import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountsIn, dateIn } from './amounts.ts';
import { parseIdDocument, parseMenu, parseMenuRows, parseReceipt, parseReceiptRows } from './documents.ts';
import { createOcrEngine, type OcrEngine } from './engine.ts';
import { normaliseMrzLine, parseMrzRows } from './mrz.ts';
import { checkDigit, specimen, td1, td3 } from './testing/mrz-specimen.ts';
import { renderLines } from './testing/render.ts';

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine({ providers: ['cpu'] });
});
afterAll(async () => {
  await engine?.close();
});

const expectedGuest = {
  documentType: 'P',
  documentNumber: 'L898902C3',
  firstName: 'ANNA MARIA',
  lastName: 'ERIKSSON',
  nationality: 'NLD',
  birthDate: '1974-08-12',
  expirationDate: '2032-04-15',
  sex: 'female',
  valid: true,
};

describe('documents read end to end from rendered images', () => {
  it('reads the machine-readable zone of a rendered passport page into guest fields', async () => {
    const zone = td3(specimen);
    const page = await renderLines(['PASSPORT', 'Surname ERIKSSON', 'Given names ANNA MARIA', '', ...zone], {
      fontFamily: 'DejaVu Sans Mono',
      fontSize: 26,
      width: 900,
    });
    const receipt = await renderLines(
      [
        'Café Lumière',
        '12 Rue de Rivoli, Paris',
        'Date: 21.11.2026 14:32',
        'Croissant',
        'Cappuccino',
        'Subtotal',
        'TVA 10%',
        'TOTAL EUR',
      ],
      { width: 700, rightColumn: [null, null, null, '2.40', '4.20', '6.60', '0.60', '7.20'] },
    );
    const menu = await renderLines(
      ['STARTERS', 'Tomato soup', 'Caesar salad', 'MAINS', 'Grilled salmon', 'Mushroom risotto'],
      {
        width: 700,
        fontFamily: 'DejaVu Serif',
        rightColumn: [null, '6.50', '9.80', null, '21.00', '16.50'],
      },
    );
    const [passportResult, receiptResult, menuResult] = await engine.recognize([page, receipt, menu]);
    if (!passportResult || !receiptResult || !menuResult) throw new Error('three results expected');

    expect(parseIdDocument(passportResult), 'the MRZ with valid check digits').toEqual(expectedGuest);

    const parsedReceipt = parseReceipt(receiptResult);
    expect(parsedReceipt.supplier, 'the first meaningful line').toMatch(/^Caf[eé] Lumi[eè]re$/);
    expect(parsedReceipt).toMatchObject({ date: '2026-11-21', totalMinor: 720, currency: 'EUR' });

    expect(parseMenu(menuResult).items, 'rows with a trailing price become items; headings do not').toEqual([
      { name: 'Tomato soup', priceMinor: 650 },
      { name: 'Caesar salad', priceMinor: 980 },
      { name: 'Grilled salmon', priceMinor: 2100 },
      { name: 'Mushroom risotto', priceMinor: 1650 },
    ]);
    expect(parseIdDocument(menuResult), 'a menu has no MRZ').toBeNull();
  });
});

describe('MRZ from OCR rows', () => {
  const [line1, line2] = td3(specimen);

  it('computes ICAO check digits (Doc 9303 example: 520727 → 3)', () => {
    expect(checkDigit('520727')).toBe('3');
    expect(checkDigit('L898902C3')).toBe('6');
  });

  it('undoes the recogniser’s filler confusions and shortened filler runs', () => {
    const misread1 = line1.replace('<<ANNA', '«ANNA').replace('<<<<<<<<<<', '<<<<K<<<<<').slice(0, 41);
    const misread2 = line2.replace('<<<<<', '<< <<<');
    expect(normaliseMrzLine(misread2)).toBe(line2);
    expect(parseMrzRows(['REPUBLIC', misread1, misread2]), 'the zone is found among other rows').toEqual(expectedGuest);
  });

  it('reads an ID card’s three-line zone (TD1), with full-width and ℃ confusions undone', () => {
    const [a, b, c] = td1({ ...specimen, state: 'FRA', nationality: 'FRA', personalNumber: '' });
    const misread = a.replace('C36', '℃36').replace('FRA', 'ＦＲＡ');
    expect(parseMrzRows(['IDENTITY CARD', misread, b, c]), 'fields of the card').toEqual({
      ...expectedGuest,
      documentType: 'I',
      nationality: 'FRA',
    });
  });

  it('reports valid: false when a check digit does not match', () => {
    const broken = `${line2.slice(0, 19)}9${line2.slice(20)}`; // a wrong expiry date digit
    expect(parseMrzRows([line1, broken])?.valid).toBe(false);
    expect(parseMrzRows(['Hotel Garden', 'Total 12.00']), 'no zone, no fields').toBeNull();
  });
});

describe('receipt fields from rows', () => {
  it('takes the labelled total over subtotal, tax and cash lines, in minor units', () => {
    const receipt = parseReceiptRows([
      '*** BÄCKEREI MÜLLER ***',
      'Hauptstr. 5, Berlin',
      '03.02.2026',
      'Brot 1.234,50',
      'Zwischensumme 1.240,00',
      'MwSt 7% 81,12',
      'SUMME EUR 1.240,00',
      'Bar 1.300,00',
      'Rückgeld 60,00',
    ]);
    expect(receipt).toEqual({
      supplier: '*** BÄCKEREI MÜLLER ***',
      date: '2026-02-03',
      totalMinor: 124000,
      currency: 'EUR',
    });
  });

  it('falls back to the largest amount when no line is labelled, and reads several date styles', () => {
    expect(parseReceiptRows(['Corner Shop', 'Milk $2.10', 'Bread $3.45', '$5.55']).totalMinor).toBe(555);
    expect(parseReceiptRows(['Corner Shop', 'Milk $2.10']).currency).toBe('USD');
    expect(parseReceiptRows(['THE GRILL', 'Amount due £ 42.00']).currency).toBe('GBP');
    expect(dateIn('2026-11-21 10:14')).toBe('2026-11-21');
    expect(dateIn('21/11/26')).toBe('2026-11-21');
    expect(dateIn('11/25/2026'), 'month first when the day comes second').toBe('2026-11-25');
    expect(dateIn('21 Nov 2026')).toBe('2026-11-21');
    expect(dateIn('November 21, 2026')).toBe('2026-11-21');
    expect(dateIn('31.02.2026'), 'no such day').toBeNull();
    expect(amountsIn('1,234.56 and 7,50 and 12 and 3.5')).toEqual([123456, 750]);
    expect(parseReceiptRows([]).supplier).toBeNull();
  });
});

describe('menu items from rows', () => {
  it('keeps rows ending in a price, with dot leaders and currency signs removed; not hours or totals', () => {
    expect(
      parseMenuRows([
        'DESSERTS',
        'Crème brûlée ........ 7,50',
        'Espresso € 2.80',
        'Burger 12',
        'Open daily 12-22',
        'Total 22.30',
      ]).items,
    ).toEqual([
      { name: 'Crème brûlée', priceMinor: 750 },
      { name: 'Espresso', priceMinor: 280 },
      { name: 'Burger', priceMinor: 1200 },
    ]);
  });
});
