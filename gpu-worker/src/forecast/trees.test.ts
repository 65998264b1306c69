// Gradient-boosted trees: they must fit what a linear model cannot (a step), and their ONNX-ML export
// (TreeEnsembleRegressor) must give the TypeScript predictions, thresholds included.
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { runRows } from '../onnx/session.ts';
import { seededRandom } from '../seeded-random.ts';
import { boostedTreesToOnnx, fitBoostedTrees, predictTrees } from './trees.ts';

const next = seededRandom(3);
const rows = Array.from({ length: 400 }, () => [next() * 10, Math.floor(next() * 7), next()]);
// A step in feature 0 and an interaction with feature 1: no straight line fits it.
const targets = rows.map(([a = 0, b = 0]) => (a > 5 ? 40 : 10) + (b >= 5 && a > 5 ? 20 : 0));

describe('gradient-boosted trees', () => {
  const model = {
    ...fitBoostedTrees(rows, targets, { trees: 200, depth: 3, learningRate: 0.1 }),
    clip: [0, 1e9] as [number, number],
  };

  it('learns a step and an interaction', () => {
    const error =
      rows.reduce((sum, row, i) => sum + Math.abs(predictTrees(model, row) - (targets[i] as number)), 0) / rows.length;
    expect(error, `mean absolute error ${error.toFixed(3)} on a 10–60 target`).toBeLessThan(1);
  });

  it('exports to a TreeEnsembleRegressor that onnxruntime evaluates like the TypeScript trees', async () => {
    const session = await InferenceSession.create(boostedTreesToOnnx(model, 3));
    // The training rows plus rows exactly on the learnt thresholds, where float32 rounding would show.
    const onThresholds = model.trees
      .flat()
      .filter((node) => node.feature >= 0)
      .slice(0, 50)
      .map((node) => {
        const row = [5, 3, 0.5];
        row[node.feature] = node.threshold;
        return row;
      });
    const probe = [...rows, ...onThresholds];
    const predictions = await runRows(session, probe, 3);
    probe.forEach((row, i) => {
      expect(predictions[i], `row ${i}`).toBeCloseTo(predictTrees(model, row), 3);
    });
    await session.release();
  });
});
