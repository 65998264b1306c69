// The hand-written ONNX encoder: onnxruntime-node must load its bytes and compute what the TypeScript
// models compute, for plain ONNX operators and for an ONNX-ML operator with attributes.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { type LinearModel, linearModelToOnnx, predictLinear } from './linear.ts';
import { encodeModel } from './model.ts';
import { ProtoWriter } from './protobuf.ts';
import { runRows } from './session.ts';

const rows = [
  [1, 0.5, -2, 3],
  [0, 0, 0, 0],
  [-4, 2.25, 10, -0.5],
];

describe('protobuf wire format', () => {
  it('writes varints, negative int64 and length-delimited fields as protobuf does', () => {
    expect(Array.from(new ProtoWriter().int(1, 300).finish()), 'field 1 varint 300').toEqual([0x08, 0xac, 0x02]);
    expect(new ProtoWriter().int(3, -1).finish().length, 'tag + ten bytes for a negative int64').toBe(11);
    expect(Array.from(new ProtoWriter().string(2, 'hi').finish()), 'field 2 bytes "hi"').toEqual([0x12, 2, 0x68, 0x69]);
    expect(Array.from(new ProtoWriter().packedFloats(4, [1]).finish()), 'packed float 1.0, little-endian').toEqual([
      0x22, 4, 0, 0, 0x80, 0x3f,
    ]);
  });
});

describe('linear models in ONNX', () => {
  const cases: [string, LinearModel][] = [
    ['ridge regression (MatMul + Add)', { weights: [0.5, -1.25, 2, 0.1], bias: 3, link: 'identity' }],
    ['clipped regression (+ Clip)', { weights: [0.5, -1.25, 2, 0.1], bias: 0.2, link: 'identity', clip: [0, 1] }],
    ['logistic regression (+ Sigmoid)', { weights: [0.3, 0.7, -0.2, 0.05], bias: -1, link: 'sigmoid' }],
  ];
  for (const [name, model] of cases) {
    it(`${name}: onnxruntime reproduces the TypeScript predictions`, async () => {
      const session = await InferenceSession.create(linearModelToOnnx(model, { purpose: 'test' }));
      const predictions = await runRows(session, rows, 4);
      rows.forEach((row, i) => {
        expect(predictions[i], `row ${i}`).toBeCloseTo(predictLinear(model, row), 5);
      });
      await session.release();
    });
  }

  it('rejects a feature row of the wrong width before calling the runtime', async () => {
    const session = await InferenceSession.create(linearModelToOnnx({ weights: [1, 2], bias: 0, link: 'identity' }));
    await expect(runRows(session, [[1, 2, 3]], 2), 'three features for a two-feature model').rejects.toThrow(/takes 2/);
    await session.release();
  });
});

describe('ONNX-ML operators', () => {
  it('a TreeEnsembleRegressor with node attributes (ai.onnx.ml) evaluates like the tree it encodes', async () => {
    // One tree: x0 <= 0.5 ? 10 : (x1 <= 2 ? 20 : 30).
    const bytes = encodeModel({
      graphName: 'tree',
      nodes: [
        {
          opType: 'TreeEnsembleRegressor',
          domain: 'ai.onnx.ml',
          inputs: ['X'],
          outputs: ['Y'],
          attributes: {
            n_targets: { kind: 'int', value: 1 },
            nodes_treeids: { kind: 'ints', value: [0, 0, 0, 0, 0] },
            nodes_nodeids: { kind: 'ints', value: [0, 1, 2, 3, 4] },
            nodes_featureids: { kind: 'ints', value: [0, 0, 1, 0, 0] },
            nodes_values: { kind: 'floats', value: [0.5, 0, 2, 0, 0] },
            nodes_modes: { kind: 'strings', value: ['BRANCH_LEQ', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'LEAF'] },
            nodes_truenodeids: { kind: 'ints', value: [1, 0, 3, 0, 0] },
            nodes_falsenodeids: { kind: 'ints', value: [2, 0, 4, 0, 0] },
            target_treeids: { kind: 'ints', value: [0, 0, 0] },
            target_nodeids: { kind: 'ints', value: [1, 3, 4] },
            target_ids: { kind: 'ints', value: [0, 0, 0] },
            target_weights: { kind: 'floats', value: [10, 20, 30] },
            post_transform: { kind: 'string', value: 'NONE' },
          },
        },
      ],
      initializers: [],
      inputs: [{ name: 'X', shape: ['N', 2] }],
      outputs: [{ name: 'Y', shape: ['N', 1] }],
      opsets: { '': 17, 'ai.onnx.ml': 3 },
    });
    const session = await InferenceSession.create(bytes);
    const input = new Tensor('float32', Float32Array.from([0, 0, 1, 1, 1, 5]), [3, 2]);
    const output = await session.run({ X: input });
    expect(Array.from(output.Y?.data as Float32Array), 'the three leaves').toEqual([10, 20, 30]);
    await session.release();
  });
});
