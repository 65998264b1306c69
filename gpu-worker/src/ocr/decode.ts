// Turns uploaded bytes into pixels the models can read, refusing bad input before any decoding work: the type from
// the magic bytes, the pixel count from the header (sharp's metadata() reads no pixel data), and only then a decode
// (EXIF-rotated, alpha flattened on white, at most `workingMaxSide` px) into one RGB buffer that both the detector's
// input and the line crops are taken from.
import sharp, { type Metadata } from 'sharp';
import { OcrInputError } from './errors.ts';

export interface DecodeLimits {
  /** Most pixels an input may declare (width × height) before it is refused unread. */
  maxPixels: number;
  /** Longer side of the decoded working image; larger inputs are shrunk on load. */
  workingMaxSide: number;
}

export interface DecodedImage {
  /** Size of the (EXIF-oriented) input, in its own pixels: the coordinates of the result's boxes. */
  width: number;
  height: number;
  /** The working copy: RGB, 3 bytes a pixel, row-major. */
  rgb: Uint8Array;
  workWidth: number;
  workHeight: number;
}

const accepted = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'avif', 'heif']);

/** Names the container from its first bytes; null for anything that is not an image Roost reads. */
export function sniffType(bytes: Uint8Array): string | null {
  const b = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\u0000' || ascii(0, 4) === 'MM\u0000*') return 'tiff';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(4, 8) === 'ftyp') return /^(avif|avis)/.test(ascii(8, 12)) ? 'avif' : 'heif';
  if (ascii(0, 5) === '%PDF-') return 'pdf';
  return null;
}

/** Size declared in a PNG's IHDR or a GIF's screen descriptor: read before anything else touches the file. */
function declaredSize(bytes: Uint8Array, type: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'png' && bytes.byteLength >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (type === 'gif' && bytes.byteLength >= 10)
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  return null;
}

function tooLarge(width: number, height: number, maxPixels: number): OcrInputError {
  return new OcrInputError(
    'image_too_large',
    `the image is ${width}×${height} (${((width * height) / 1e6).toFixed(1)} MP); at most ${(maxPixels / 1e6).toFixed(1)} MP is read`,
  );
}

export async function decodeImage(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedImage> {
  if (bytes.byteLength === 0) throw new OcrInputError('empty_input', 'the input is empty (0 bytes)');
  const type = sniffType(bytes);
  if (type === 'pdf') {
    // sharp's prebuilt libvips has no PDF loader; rasterising PDFs would need another native dependency.
    throw new OcrInputError('unsupported_type', 'PDF input is not supported: upload the page as a JPEG or PNG image');
  }
  if (!type)
    throw new OcrInputError('unsupported_type', 'the input is not a JPEG, PNG, WebP, TIFF, GIF, AVIF or HEIF image');

  const declared = declaredSize(bytes, type);
  if (declared && declared.width * declared.height > limits.maxPixels) {
    throw tooLarge(declared.width, declared.height, limits.maxPixels);
  }

  const options = { limitInputPixels: limits.maxPixels, failOn: 'error' as const };
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new OcrInputError('corrupt_image', `the ${type} image cannot be read: ${(error as Error).message}`);
  }
  if (!meta.format || !accepted.has(meta.format)) {
    throw new OcrInputError('unsupported_type', `images of type ${meta.format ?? 'unknown'} are not supported`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels) throw new OcrInputError('corrupt_image', `the ${type} image declares no size`);
  if (pixels > limits.maxPixels) throw tooLarge(meta.width as number, meta.height as number, limits.maxPixels);

  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? (meta.height as number) : (meta.width as number);
  const height = swap ? (meta.width as number) : (meta.height as number);
  const scale = Math.min(1, limits.workingMaxSide / Math.max(width, height));
  try {
    let pipeline = sharp(bytes, options).rotate();
    if (scale < 1) {
      pipeline = pipeline.resize(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), {
        fit: 'fill',
      });
    }
    const { data, info } = await pipeline
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { width, height, rgb: data, workWidth: info.width, workHeight: info.height };
  } catch (error) {
    throw new OcrInputError('corrupt_image', `the ${type} image cannot be decoded: ${(error as Error).message}`);
  }
}

/** The detector's input size: longer side ≤ maxSide, both sides multiples of 32 (the network's stride). */
export function detectionSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (v: number) => Math.max(32, Math.round((v * scale) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

// (v/255 - mean)/std per channel, as lookup tables: the normalisation costs one table read per byte.
const detMean = [0.485, 0.456, 0.406];
const detStd = [0.229, 0.224, 0.225];
const detLut = detMean.map((mean, c) =>
  Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / (detStd[c] ?? 1)),
);

/**
 * Resizes the working image to the detector's size with sharp and writes it, normalised, as planes B, G, R into
 * `target` at `offset` (one image of an NCHW batch).
 */
export async function writeDetectionInput(
  image: DecodedImage,
  size: { width: number; height: number },
  target: Float32Array,
  offset: number,
): Promise<void> {
  const resized = await sharp(image.rgb, { raw: { width: image.workWidth, height: image.workHeight, channels: 3 } })
    .resize(size.width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const plane = size.width * size.height;
  const [lutB, lutG, lutR] = detLut as [Float32Array, Float32Array, Float32Array];
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    // Paddle's models were trained on OpenCV's BGR order: plane 0 is blue.
    target[offset + i] = lutB[resized[p + 2] as number] as number;
    target[offset + plane + i] = lutG[resized[p + 1] as number] as number;
    target[offset + 2 * plane + i] = lutR[resized[p] as number] as number;
  }
}
