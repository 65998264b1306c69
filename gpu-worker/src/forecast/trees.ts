// Gradient-boosted regression trees (squared loss, exact splits) and their ONNX-ML export as one
// TreeEnsembleRegressor. Comparisons are done in float32 in TypeScript too, as ONNX Runtime does, so a
// value on a threshold goes the same way in both.

import { FEATURES_INPUT, PREDICTION_OUTPUT } from '../onnx/linear.ts';
import { encodeModel, type OnnxNode } from '../onnx/model.ts';

export interface TreeNode {
  /** -1 for a leaf. */
  feature: number;
  threshold: number;
  left: number;
  right: number;
  /** A leaf's contribution (learning rate applied). */
  value: number;
}

export interface BoostedTrees {
  base: number;
  trees: TreeNode[][];
  clip?: [number, number];
}

export interface BoostingOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  minLeaf?: number;
}

const f32 = Math.fround;

function growTree(
  rows: number[][],
  order: Int32Array[],
  residuals: Float64Array,
  options: Required<BoostingOptions>,
): TreeNode[] {
  const nodes: TreeNode[] = [];
  // Which node each row sits in while the tree grows; rows are scanned in each feature's presorted order.
  const nodeOf = new Int32Array(rows.length);
  const grow = (id: number, count: number, level: number): void => {
    let sum = 0;
    for (let i = 0; i < rows.length; i++) if (nodeOf[i] === id) sum += residuals[i] as number;
    nodes[id] = { feature: -1, threshold: 0, left: -1, right: -1, value: (options.learningRate * sum) / count };
    if (level >= options.depth || count < 2 * options.minLeaf) return;
    let best = { gain: 1e-12, feature: -1, threshold: 0, left: 0 };
    const parentScore = (sum * sum) / count;
    order.forEach((sorted, f) => {
      let left = 0;
      let seen = 0;
      let previous = -1;
      for (const i of sorted) {
        if (nodeOf[i] !== id) continue;
        if (previous >= 0) {
          const here = f32(rows[previous]?.[f] as number);
          const next = f32(rows[i]?.[f] as number);
          if (here !== next && seen >= options.minLeaf && count - seen >= options.minLeaf) {
            const gain = (left * left) / seen + ((sum - left) * (sum - left)) / (count - seen) - parentScore;
            if (gain > best.gain) best = { gain, feature: f, threshold: f32((here + next) / 2), left: seen };
          }
        }
        left += residuals[i] as number;
        seen++;
        previous = i;
      }
    });
    if (best.feature < 0) return;
    const node = nodes[id] as TreeNode;
    node.feature = best.feature;
    node.threshold = best.threshold;
    node.left = nodes.length;
    node.right = nodes.length + 1;
    nodes.push(node, node); // placeholders, replaced by grow()
    for (let i = 0; i < rows.length; i++) {
      if (nodeOf[i] === id)
        nodeOf[i] = f32(rows[i]?.[best.feature] as number) <= best.threshold ? node.left : node.right;
    }
    grow(node.left, best.left, level + 1);
    grow(node.right, count - best.left, level + 1);
  };
  nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: 0 });
  grow(0, rows.length, 0);
  return nodes;
}

function treeValue(tree: TreeNode[], row: ArrayLike<number>): number {
  let node = tree[0] as TreeNode;
  while (node.feature >= 0)
    node = tree[f32(row[node.feature] as number) <= node.threshold ? node.left : node.right] as TreeNode;
  return node.value;
}

export function predictTrees(model: BoostedTrees, row: ArrayLike<number>): number {
  let value = model.base;
  for (const tree of model.trees) value += treeValue(tree, row);
  return model.clip ? Math.min(model.clip[1], Math.max(model.clip[0], value)) : value;
}

export function fitBoostedTrees(rows: number[][], targets: number[], options: BoostingOptions = {}): BoostedTrees {
  const settings = { trees: 150, depth: 3, learningRate: 0.05, minLeaf: 8, ...options };
  const width = rows[0]?.length ?? 0;
  const order = Array.from({ length: width }, (_, f) =>
    Int32Array.from(rows.map((_, i) => i).sort((a, b) => (rows[a]?.[f] as number) - (rows[b]?.[f] as number))),
  );
  const base = targets.reduce((a, b) => a + b, 0) / targets.length;
  const predictions = new Float64Array(targets.length).fill(base);
  const model: BoostedTrees = { base, trees: [] };
  for (let t = 0; t < settings.trees; t++) {
    const residuals = Float64Array.from(targets, (y, i) => y - (predictions[i] as number));
    const tree = growTree(rows, order, residuals, settings);
    model.trees.push(tree);
    rows.forEach((row, i) => {
      predictions[i] = (predictions[i] as number) + treeValue(tree, row);
    });
  }
  return model;
}

/** One TreeEnsembleRegressor (ai.onnx.ml) summing every tree, then Clip for bounded targets. */
export function boostedTreesToOnnx(
  model: BoostedTrees,
  width: number,
  metadata: Record<string, string> = {},
): Uint8Array {
  const a = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    features: [] as number[],
    thresholds: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    targetTrees: [] as number[],
    targetNodes: [] as number[],
    weights: [] as number[],
  };
  model.trees.forEach((tree, treeId) => {
    tree.forEach((node, nodeId) => {
      const leaf = node.feature < 0;
      a.treeIds.push(treeId);
      a.nodeIds.push(nodeId);
      a.features.push(leaf ? 0 : node.feature);
      a.thresholds.push(leaf ? 0 : node.threshold);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.trueIds.push(leaf ? 0 : node.left);
      a.falseIds.push(leaf ? 0 : node.right);
      if (leaf) {
        a.targetTrees.push(treeId);
        a.targetNodes.push(nodeId);
        a.weights.push(node.value);
      }
    });
  });
  const nodes: OnnxNode[] = [
    {
      opType: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      inputs: [FEATURES_INPUT],
      outputs: [model.clip ? 'raw' : PREDICTION_OUTPUT],
      attributes: {
        n_targets: { kind: 'int', value: 1 },
        aggregate_function: { kind: 'string', value: 'SUM' },
        post_transform: { kind: 'string', value: 'NONE' },
        base_values: { kind: 'floats', value: [model.base] },
        nodes_treeids: { kind: 'ints', value: a.treeIds },
        nodes_nodeids: { kind: 'ints', value: a.nodeIds },
        nodes_featureids: { kind: 'ints', value: a.features },
        nodes_values: { kind: 'floats', value: a.thresholds },
        nodes_modes: { kind: 'strings', value: a.modes },
        nodes_truenodeids: { kind: 'ints', value: a.trueIds },
        nodes_falsenodeids: { kind: 'ints', value: a.falseIds },
        target_treeids: { kind: 'ints', value: a.targetTrees },
        target_nodeids: { kind: 'ints', value: a.targetNodes },
        target_ids: { kind: 'ints', value: a.targetTrees.map(() => 0) },
        target_weights: { kind: 'floats', value: a.weights },
      },
    },
  ];
  const initializers = [];
  if (model.clip) {
    initializers.push(
      { name: 'clip_min', dims: [], values: [model.clip[0]] },
      { name: 'clip_max', dims: [], values: [model.clip[1]] },
    );
    nodes.push({ opType: 'Clip', inputs: ['raw', 'clip_min', 'clip_max'], outputs: [PREDICTION_OUTPUT] });
  }
  return encodeModel({
    graphName: 'roost_boosted_trees',
    nodes,
    initializers,
    inputs: [{ name: FEATURES_INPUT, shape: ['N', width] }],
    outputs: [{ name: PREDICTION_OUTPUT, shape: ['N', 1] }],
    opsets: { '': 17, 'ai.onnx.ml': 3 },
    metadata,
  });
}
