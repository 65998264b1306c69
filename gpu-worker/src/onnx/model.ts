// ONNX ModelProto encoding (onnx/onnx.proto field numbers) for the small graphs Roost trains itself:
// nodes with attributes, float initializers, typed inputs/outputs and opset imports.
import { float32Bytes, ProtoWriter } from './protobuf.ts';

/** onnx.proto TensorProto.DataType values used here. */
export const TENSOR_FLOAT = 1;

/** IR version 8 (ONNX 1.10+): understood by every onnxruntime since 1.10. */
export const IR_VERSION = 8;

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'floats'; value: ArrayLike<number> }
  | { kind: 'ints'; value: ArrayLike<number> }
  | { kind: 'strings'; value: string[] };

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  /** '' (default ONNX domain) or 'ai.onnx.ml'. */
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** float32 values, row-major. */
  values: ArrayLike<number>;
}

/** A tensor input or output; a string dimension is symbolic (e.g. the batch size "N"). */
export interface OnnxValueInfo {
  name: string;
  elemType?: number;
  shape: (number | string)[];
}

export interface OnnxModel {
  graphName: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** domain → opset version, e.g. { '': 17, 'ai.onnx.ml': 3 }. */
  opsets: Record<string, number>;
  producerVersion?: string;
  docString?: string;
  metadata?: Record<string, string>;
}

// AttributeProto.AttributeType
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7, strings: 8 } as const;

function writeAttribute(w: ProtoWriter, name: string, attribute: AttributeValue): void {
  w.string(1, name);
  switch (attribute.kind) {
    case 'float':
      w.float(2, attribute.value);
      break;
    case 'int':
      w.int(3, attribute.value);
      break;
    case 'string':
      w.string(4, attribute.value);
      break;
    case 'floats':
      w.packedFloats(7, attribute.value);
      break;
    case 'ints':
      w.packedInts(8, attribute.value);
      break;
    case 'strings':
      for (const value of attribute.value) w.string(9, value);
      break;
  }
  w.int(20, ATTRIBUTE_TYPE[attribute.kind]);
}

function writeNode(w: ProtoWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name ?? `${node.opType}_${index}`);
  w.string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {}))
    w.message(5, (a) => writeAttribute(a, name, value));
  if (node.domain) w.string(7, node.domain);
}

function writeTensor(w: ProtoWriter, tensor: OnnxTensor): void {
  const size = tensor.dims.reduce((a, b) => a * b, 1);
  if (size !== tensor.values.length) {
    throw new Error(`tensor ${tensor.name}: ${tensor.values.length} values for dims [${tensor.dims.join(', ')}]`);
  }
  for (const dim of tensor.dims) w.int(1, dim);
  w.int(2, TENSOR_FLOAT);
  w.string(8, tensor.name);
  w.bytes(9, float32Bytes(tensor.values));
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(1, info.name);
  // TypeProto { tensor_type (1): { elem_type (1), shape (2): { dim (1): { dim_value (1) | dim_param (2) } } } }
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, info.elemType ?? TENSOR_FLOAT);
      tensor.message(2, (shape) => {
        for (const dim of info.shape) {
          shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
        }
      });
    }),
  );
}

/** Serializes a model to the bytes `InferenceSession.create` accepts. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, IR_VERSION);
  w.string(2, 'roost');
  w.string(3, model.producerVersion ?? '1');
  w.message(7, (graph) => {
    model.nodes.forEach((node, index) => {
      graph.message(1, (n) => writeNode(n, node, index));
    });
    graph.string(2, model.graphName);
    for (const tensor of model.initializers) graph.message(5, (t) => writeTensor(t, tensor));
    for (const input of model.inputs) graph.message(11, (v) => writeValueInfo(v, input));
    for (const output of model.outputs) graph.message(12, (v) => writeValueInfo(v, output));
  });
  for (const [domain, version] of Object.entries(model.opsets)) {
    w.message(8, (opset) => {
      if (domain) opset.string(1, domain);
      opset.int(2, version);
    });
  }
  if (model.docString) w.string(6, model.docString);
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(14, (entry) => entry.string(1, key).string(2, value));
  }
  return w.finish();
}
