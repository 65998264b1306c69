// Renders text to PNG with sharp (SVG through librsvg + fontconfig), so tests and the benchmark read images whose
// text is known. DejaVu Sans / Serif / Sans Mono are installed with fontconfig on Roost's machines (fc-list).
import sharp from 'sharp';

export interface RenderOptions {
  /** Width of the page in pixels. */
  width?: number;
  fontFamily?: string;
  fontSize?: number;
  /** Baseline-to-baseline distance, in font sizes. */
  lineSpacing?: number;
  margin?: number;
  /** Text at the right edge of each row (prices): rendered right-aligned. */
  rightColumn?: (string | null)[];
  /** Degrees, clockwise: a slightly skewed photo. */
  rotate?: number;
  format?: 'png' | 'jpeg';
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function renderLines(lines: string[], options: RenderOptions = {}): Promise<Uint8Array> {
  const fontSize = options.fontSize ?? 28;
  const step = Math.round(fontSize * (options.lineSpacing ?? 1.8));
  const margin = options.margin ?? 40;
  const width = options.width ?? 900;
  const height = margin * 2 + step * lines.length;
  const family = options.fontFamily ?? 'DejaVu Sans';
  const text = lines
    .map((line, i) => {
      const y = margin + step * i + fontSize;
      const right = options.rightColumn?.[i];
      return (
        `<text x="${margin}" y="${y}" xml:space="preserve">${escapeXml(line)}</text>` +
        (right ? `<text x="${width - margin}" y="${y}" text-anchor="end">${escapeXml(right)}</text>` : '')
      );
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="${escapeXml(family)}" font-size="${fontSize}" fill="#111">${text}</g></svg>`;
  let image = sharp(Buffer.from(svg), { density: 72 });
  if (options.rotate) {
    image = sharp(await image.png().toBuffer()).rotate(options.rotate, { background: '#ffffff' });
  }
  const out = options.format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png({ compressionLevel: 3 });
  return new Uint8Array(await out.toBuffer());
}
