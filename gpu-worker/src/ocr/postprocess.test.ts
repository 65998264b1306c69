// The typed-array post-processing on synthetic model outputs: DB boxes from a probability map, CTC decoding.
import { describe, expect, it } from 'vitest';
import { ctcGreedy, parseDictionary } from './ctc.ts';
import { findTextBoxes } from './detect.ts';
import { convexHull, minAreaRect } from './geometry.ts';

/** A width × height map with the given rotated rectangles filled with probability p. */
function map(
  width: number,
  height: number,
  rects: { cx: number; cy: number; w: number; h: number; deg: number; p: number }[],
) {
  const out = new Float32Array(width * height);
  for (const r of rects) {
    const a = (r.deg * Math.PI) / 180;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dx = x + 0.5 - r.cx;
        const dy = y + 0.5 - r.cy;
        const u = dx * Math.cos(a) + dy * Math.sin(a);
        const v = -dx * Math.sin(a) + dy * Math.cos(a);
        if (Math.abs(u) <= r.w / 2 && Math.abs(v) <= r.h / 2) out[y * width + x] = r.p;
      }
    }
  }
  return out;
}

describe('DB post-processing', () => {
  it('finds one rotated box per text kernel, grown by the unclip distance', () => {
    const probabilities = map(300, 160, [
      { cx: 150, cy: 60, w: 160, h: 20, deg: 10, p: 0.9 },
      { cx: 100, cy: 135, w: 80, h: 12, deg: 0, p: 0.8 },
      { cx: 250, cy: 135, w: 60, h: 12, deg: 0, p: 0.45 }, // above the pixel threshold, below the box score
    ]);
    const boxes = findTextBoxes(probabilities, 300, 160);
    expect(boxes, 'the faint component is dropped').toHaveLength(2);
    const tilted = boxes.find((b) => b.cy < 100);
    if (!tilted) throw new Error('tilted box not found');
    expect((Math.atan2(tilted.uy, tilted.ux) * 180) / Math.PI, 'angle of the reading direction').toBeCloseTo(10, 0);
    const d = (160 * 20 * 2) / (2 * (160 + 20));
    expect(tilted.width, 'length + 2 × unclip distance').toBeCloseTo(160 + 2 * d, -1);
    expect(tilted.height).toBeCloseTo(20 + 2 * d, -1);
    expect(tilted.score).toBeCloseTo(0.9, 5);
    expect([tilted.cx, tilted.cy], 'centre').toEqual([expect.closeTo(150, 0), expect.closeTo(60, 0)]);
  });

  it('computes the minimum-area rectangle of a convex hull', () => {
    const square = convexHull([0, 0, 4, 0, 4, 4, 0, 4, 2, 2, 1, 3]);
    expect(square.length / 2, 'interior points are not on the hull').toBe(4);
    const diamond = minAreaRect(convexHull([0, 5, 5, 0, 10, 5, 5, 10]));
    expect(diamond.width * diamond.height, 'a diamond’s own square, not its bounding box').toBeCloseTo(50, 5);
  });
});

describe('CTC greedy decoding', () => {
  it('collapses repeats, drops blanks, keeps doubled letters split by a blank, and averages confidence', () => {
    const dictionary = parseDictionary('a\nb\nl\n');
    expect(dictionary, 'the dictionary plus a trailing space class').toEqual(['a', 'b', 'l', ' ']);
    const classes = dictionary.length + 1;
    // steps: a a _ l _ l b (space) → "all b"
    const steps = [1, 1, 0, 3, 0, 3, 4, 2];
    const output = new Float32Array(steps.length * classes);
    steps.forEach((c, t) => {
      output.fill(0.01, t * classes, (t + 1) * classes);
      output[t * classes + c] = c === 3 ? 0.8 : 0.9;
    });
    const [line] = ctcGreedy(output, 1, steps.length, classes, dictionary);
    expect(line?.text).toBe('all b');
    expect(line?.confidence, 'mean of the kept steps').toBeCloseTo((0.9 + 0.8 + 0.8 + 0.9 + 0.9) / 5, 5);
  });
});
