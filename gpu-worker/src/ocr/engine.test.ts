// The OCR engine on images rendered here with known text. CER threshold: on these clean renderings the engine
// measured 0.0–0.5% per image (and @gutenye/ocr-node 0–8%, see bench/ocr); 3% leaves room for font-rendering
// differences between machines while still catching a broken pre/post-processing step (those give 10–100%).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from './engine.ts';
import { rowTexts } from './reading-order.ts';
import { characterErrorRate } from './testing/cer.ts';
import { textLines } from './testing/corpus.ts';
import { renderLines } from './testing/render.ts';

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine({ providers: ['cpu'] });
});
afterAll(async () => {
  await engine?.close();
});

const fonts = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'DejaVu Sans Condensed'];

describe('OCR of rendered text', () => {
  it('reads Latin text, digits and prices in several fonts, one result per image in order', async () => {
    const pages = fonts.map((fontFamily, i) => ({ fontFamily, lines: textLines(6, 7 + i) }));
    const images = await Promise.all(pages.map((p) => renderLines(p.lines, { fontFamily: p.fontFamily, width: 900 })));
    const results = await engine.recognize(images);
    expect(results, 'one result per input').toHaveLength(images.length);
    let errors = 0;
    let chars = 0;
    results.forEach((result, i) => {
      const page = pages[i] as (typeof pages)[number];
      const rows = rowTexts(result.lines);
      const cer = characterErrorRate(rows, page.lines);
      expect(cer, `${page.fontFamily}: CER ${(cer * 100).toFixed(2)}%\n${rows.join('\n')}`).toBeLessThan(0.03);
      const length = page.lines.join('\n').length;
      errors += cer * length;
      chars += length;
      expect(result.width, 'the input’s own size').toBe(900);
      for (const line of result.lines) {
        expect(line.confidence, `confidence of "${line.text}"`).toBeGreaterThan(0.5);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(line.box, 'four corners').toHaveLength(4);
        for (const [x, y] of line.box) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(result.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(result.height);
        }
      }
    });
    expect(errors / chars, 'overall CER').toBeLessThan(0.03);
  });

  it('micro-batches (as on a GPU provider): same-size images share a detector run, lines share recogniser runs', async () => {
    const batched = await createOcrEngine({ providers: ['cpu'], detectionBatch: 4, recognitionBatch: 8 });
    const pages = [11, 12, 13].map((seed) => textLines(4, seed));
    const images = await Promise.all(pages.map((lines) => renderLines(lines, { width: 700 })));
    const before = { ...batched.stats };
    const results = await batched.recognize(images);
    expect(batched.stats.images - before.images).toBe(3);
    results.forEach((result, i) => {
      const rows = rowTexts(result.lines);
      const cer = characterErrorRate(rows, pages[i] as string[]);
      expect(cer, `batched image ${i}: CER ${(cer * 100).toFixed(2)}%\n${rows.join('\n')}`).toBeLessThan(0.03);
    });
    await batched.close();
  });

  it('places boxes where the text is, and straightens rotated photos (4°, −12°)', async () => {
    const lines = ['Reception open 24 hours', 'Breakfast 07:00 to 10:30', 'Room 214 total 389.00'];
    const straight = await renderLines(lines, { fontSize: 30, width: 800, margin: 50 });
    const [result] = await engine.recognize([straight]);
    const first = result?.lines[0];
    expect(first?.text).toBe('Reception open 24 hours');
    const top = Math.min(...(first?.box ?? []).map((p) => p[1]));
    // The first baseline is at margin + fontSize = 80 px; its cap height starts about 22 px above.
    expect(top, 'the first line’s box starts near its glyphs').toBeGreaterThan(40);
    expect(top).toBeLessThan(70);

    // Measured on JPEG renderings: 4° 0–1.2%, 8° 1.7–2.3%, 15° 0–1.2% (rows found along the tilted page's axes).
    const tilted = await Promise.all(
      [4, -12].map((rotate) => renderLines(lines, { fontSize: 30, width: 800, margin: 50, rotate, format: 'jpeg' })),
    );
    const results = await engine.recognize(tilted);
    results.forEach((rotated, i) => {
      const rows = rowTexts(rotated.lines);
      const cer = characterErrorRate(rows, lines);
      expect(cer, `photo ${i}: CER ${(cer * 100).toFixed(2)}%\n${rows.join('\n')}`).toBeLessThan(0.05);
    });
  });
});
