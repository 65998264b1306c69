// The whole no-show job in one call, for the worker's `no_show_risk` handler: bookings → model → risks of
// the upcoming bookings → public.booking_no_show_risk, returning the summary the job's result keeps.
import type { Sql } from 'postgres';
import { openTrainedModel } from '../onnx/session.ts';
import { loadBookingHistory } from './history.ts';
import { scoreUpcoming, type TrainedNoShow, trainNoShowModel } from './model.ts';
import { saveNoShowRisk } from './save.ts';

export interface NoShowJobResult {
  modelVersion: string;
  heldOut: TrainedNoShow['heldOut'];
  trainedOn: TrainedNoShow['trainedOn'];
  scored: number;
  written: number;
}

/** Throws PredictionError (`insufficient_history`, `property_not_found`, `invalid_history`) on bad input. */
export async function runNoShowJob(
  sql: Sql,
  input: { propertyId: string; jobId?: string | null },
): Promise<NoShowJobResult> {
  const rows = await loadBookingHistory(sql, input.propertyId);
  const trained = trainNoShowModel(rows);
  const session = await openTrainedModel(trained.onnx);
  try {
    const scores = await scoreUpcoming(session, rows, trained);
    const { written } = await saveNoShowRisk(sql, {
      propertyId: input.propertyId,
      modelVersion: trained.modelVersion,
      heldOut: trained.heldOut,
      scores,
      jobId: input.jobId ?? null,
    });
    return {
      modelVersion: trained.modelVersion,
      heldOut: trained.heldOut,
      trainedOn: trained.trainedOn,
      scored: scores.length,
      written,
    };
  } finally {
    await session.release();
  }
}
