// CTC greedy decoding of the recogniser's [N, T, C] softmax output: arg-max per step, repeats collapsed, blanks
// dropped. Class 0 is the blank, class i the dictionary's line i − 1, the last class a space.

export function parseDictionary(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return [...lines, ' '];
}

export interface DecodedLine {
  text: string;
  confidence: number;
}

export function ctcGreedy(
  output: Float32Array,
  batch: number,
  steps: number,
  classes: number,
  dictionary: string[],
): DecodedLine[] {
  const lines: DecodedLine[] = [];
  for (let n = 0; n < batch; n++) {
    let text = '';
    let sum = 0;
    let kept = 0;
    let previous = -1;
    for (let t = 0; t < steps; t++) {
      const row = (n * steps + t) * classes;
      let best = 0;
      let bestP = output[row] as number;
      for (let c = 1; c < classes; c++) {
        const p = output[row + c] as number;
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      if (best !== 0 && best !== previous) {
        text += dictionary[best - 1] ?? '';
        sum += bestP;
        kept++;
      }
      previous = best;
    }
    lines.push({ text: text.trim(), confidence: kept ? sum / kept : 0 });
  }
  return lines;
}
