// Inputs the engine must read alike, and inputs it must refuse with stable codes (OcrInputError) — the header is
// checked before any pixel is decoded.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine, OcrInputError } from './engine.ts';
import { rowTexts } from './reading-order.ts';
import { renderLines } from './testing/render.ts';

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine({ providers: ['cpu'] });
});
afterAll(async () => {
  await engine?.close();
});

describe('input formats', () => {
  it('reads grey, GIF, WebP, TIFF, transparent, CMYK and EXIF-rotated images alike', async () => {
    const png = await renderLines(['Grey scale 12.50'], { width: 500 });
    const variants = {
      grey: await sharp(png).greyscale().png().toBuffer(),
      gif: await sharp(png).gif().toBuffer(),
      webp: await sharp(png).webp().toBuffer(),
      tiff: await sharp(png).tiff().toBuffer(),
      alpha: await sharp(png).ensureAlpha(0.5).png().toBuffer(),
      cmyk: await sharp(png).toColourspace('cmyk').jpeg().toBuffer(),
      // Stored turned by 90°, with the EXIF orientation that turns it back.
      exif: await sharp(await sharp(png).rotate(90).toBuffer())
        .withMetadata({ orientation: 8 })
        .jpeg()
        .toBuffer(),
    };
    const outcomes = await engine.recognizeSettled(Object.values(variants));
    Object.keys(variants).forEach((name, i) => {
      const outcome = outcomes[i];
      expect(outcome?.ok, `${name} is read`).toBe(true);
      if (!outcome?.ok) return;
      expect(rowTexts(outcome.result.lines), name).toEqual(['Grey scale 12.50']);
      expect([outcome.result.width, outcome.result.height], `${name}: size as displayed`).toEqual([500, 130]);
    });
  });
});

/** A PNG that declares width × height in its header and holds no pixel data: only a header check can size it. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const type = Buffer.from('IHDR');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])));
  const end = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, type, ihdr, crc, end]);
}

describe('bad input', () => {
  const codeOf = async (bytes: Uint8Array) => {
    const [outcome] = await engine.recognizeSettled([bytes]);
    if (outcome?.ok !== false) return 'accepted';
    expect(outcome.error, 'bad input is an OcrInputError').toBeInstanceOf(OcrInputError);
    return (outcome.error as OcrInputError).code;
  };

  it('refuses empty, corrupt, oversized and unsupported inputs with stable codes', async () => {
    const good = await renderLines(['Hello 42'], { width: 300 });
    expect(await codeOf(new Uint8Array(0)), '0 bytes').toBe('empty_input');
    expect(await codeOf(good.subarray(0, good.length >> 1)), 'a truncated PNG').toBe('corrupt_image');
    expect(await codeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6])), 'JPEG magic, garbage after').toBe(
      'corrupt_image',
    );
    expect(await codeOf(pngHeaderOnly(8000, 6250)), 'a 50 MP header is refused before any decoding').toBe(
      'image_too_large',
    );
    expect(await codeOf(new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF')), 'a PDF').toBe(
      'unsupported_type',
    );
    expect(await codeOf(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')), 'SVG text').toBe(
      'unsupported_type',
    );
    expect(await codeOf(Uint8Array.from([0x42, 0x4d, 0, 0, 0, 0, 0, 0])), 'a BMP').toBe('unsupported_type');
  });

  it('refuses a real 50-megapixel image by its header, and a bad input fails alone in a batch', async () => {
    const huge = await sharp({ create: { width: 8000, height: 6250, channels: 3, background: '#ffffff' } })
      .jpeg({ quality: 50 })
      .toBuffer();
    const good = await renderLines(['Late checkout 12:00'], { width: 500 });
    const outcomes = await engine.recognizeSettled([good, huge, new Uint8Array(0), good]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : (o.error as OcrInputError).code))).toEqual([
      'ok',
      'image_too_large',
      'empty_input',
      'ok',
    ]);
    const texts = outcomes.map((o) => (o.ok ? rowTexts(o.result.lines).join(' ') : null));
    expect(texts[0], 'the good images around the bad ones are still read').toBe('Late checkout 12:00');
    expect(texts[3]).toBe('Late checkout 12:00');
    await expect(
      engine.recognize([good, new Uint8Array(0)]),
      'recognize() throws the bad input’s error',
    ).rejects.toThrow(OcrInputError);
  });
});
