// A linear model over a float feature row (ridge regression, logistic regression) and its ONNX graph:
// features [N, F] → MatMul(W [F, 1]) → Add(b) → Sigmoid (logistic) → Clip (bounded targets) → [N, 1].
import { encodeModel } from './model.ts';

export interface LinearModel {
  /** One weight per feature, on the raw (unstandardised) feature scale. */
  weights: number[];
  bias: number;
  link: 'identity' | 'sigmoid';
  /** Predictions are clamped to this range (occupancy ∈ [0, 1], covers ≥ 0). */
  clip?: [number, number];
}

export const FEATURES_INPUT = 'features';
export const PREDICTION_OUTPUT = 'prediction';

/** The model's prediction for one row, in float64 (ONNX Runtime computes the same in float32). */
export function predictLinear(model: LinearModel, row: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] as number) * (row[i] as number);
  let value = model.link === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z;
  if (model.clip) value = Math.min(model.clip[1], Math.max(model.clip[0], value));
  return value;
}

export function linearModelToOnnx(model: LinearModel, metadata: Record<string, string> = {}): Uint8Array {
  const width = model.weights.length;
  const nodes = [
    { opType: 'MatMul', inputs: [FEATURES_INPUT, 'W'], outputs: ['z0'] },
    { opType: 'Add', inputs: ['z0', 'b'], outputs: ['z'] },
  ];
  let last = 'z';
  if (model.link === 'sigmoid') {
    nodes.push({ opType: 'Sigmoid', inputs: [last], outputs: ['p'] });
    last = 'p';
  }
  const initializers = [
    { name: 'W', dims: [width, 1], values: model.weights },
    { name: 'b', dims: [1], values: [model.bias] },
  ];
  if (model.clip) {
    // Clip (opset ≥ 11) takes its bounds as scalar inputs.
    initializers.push(
      { name: 'clip_min', dims: [], values: [model.clip[0]] },
      { name: 'clip_max', dims: [], values: [model.clip[1]] },
    );
    nodes.push({ opType: 'Clip', inputs: [last, 'clip_min', 'clip_max'], outputs: ['clipped'] });
    last = 'clipped';
  }
  nodes.push({ opType: 'Identity', inputs: [last], outputs: [PREDICTION_OUTPUT] });
  return encodeModel({
    graphName: 'roost_linear',
    nodes,
    initializers,
    inputs: [{ name: FEATURES_INPUT, shape: ['N', width] }],
    outputs: [{ name: PREDICTION_OUTPUT, shape: ['N', 1] }],
    opsets: { '': 17 },
    metadata,
  });
}
