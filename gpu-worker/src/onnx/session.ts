// Running Roost's own trained models: sessions from bytes through the model loader's provider choice,
// and a batch call that turns feature rows into one prediction per row.
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { createSessionFromBytes } from '../models/loader.ts';
import { FEATURES_INPUT, PREDICTION_OUTPUT } from './linear.ts';

export type SessionOrBytes = InferenceSession | Uint8Array;

export async function openTrainedModel(model: SessionOrBytes): Promise<InferenceSession> {
  return model instanceof Uint8Array ? createSessionFromBytes(model) : model;
}

/** One float per row; rows must all have `width` features. */
export async function runRows(
  session: InferenceSession,
  rows: ArrayLike<number>[],
  width: number,
): Promise<Float32Array> {
  const data = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    if (row.length !== width) throw new Error(`feature row ${i} has ${row.length} values, the model takes ${width}`);
    data.set(Array.from(row), i * width);
  });
  const output = await session.run({ [FEATURES_INPUT]: new Tensor('float32', data, [rows.length, width]) });
  const tensor = output[PREDICTION_OUTPUT];
  if (!tensor) throw new Error(`model has no "${PREDICTION_OUTPUT}" output`);
  return tensor.data as Float32Array;
}
