// Character error rate: Levenshtein distance between the recognised and the expected text over the expected length.
// Both sides are compared as rows joined by newlines with runs of spaces collapsed, so the measure counts characters
// (spaces between words included) and not layout.

export const normaliseText = (rows: string[]): string =>
  rows
    .map((row) => row.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Uint32Array.from({ length: y.length + 1 }, (_, j) => j);
  let current = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length] as number;
}

/** CER of recognised rows against expected rows. */
export function characterErrorRate(recognised: string[], expected: string[]): number {
  const want = normaliseText(expected);
  return editDistance(normaliseText(recognised), want) / Math.max(1, [...want].length);
}
