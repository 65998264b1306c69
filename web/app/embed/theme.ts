// The theme's stylesheet from checked values (params.server.ts lets through only a hex colour
// and a plain font name): the brand colour, a text colour readable on it, the font.

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function inkOn(hex: string): string {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const channel = (offset: number) => {
    const value = Number.parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white vs against near-black (#111).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0555 ? '#ffffff' : '#111111';
}

export function themeCss(theme: { brand?: string | undefined; font?: string | undefined }): string {
  const rules: string[] = [];
  if (theme.brand) rules.push(`--w-brand:${theme.brand};--w-brand-ink:${inkOn(theme.brand)};`);
  if (theme.font) rules.push(`--w-font:${theme.font},system-ui,sans-serif;`);
  return rules.length ? `.roost-embed{${rules.join('')}}` : '';
}
