// No-show risk of upcoming bookings: booking history, logistic regression, ONNX export, scoring.
export {
  type BookingRow,
  bookingFeatures,
  bookingRowSchema,
  labelOf,
  NOSHOW_FEATURE_COUNT,
  NOSHOW_FEATURE_NAMES,
} from './features.ts';
export { loadBookingHistory } from './history.ts';
export { type NoShowJobResult, runNoShowJob } from './job.ts';
export { auc } from './logistic.ts';
export { type RiskReason, riskReasons, scoreUpcoming, type TrainedNoShow, trainNoShowModel } from './model.ts';
export { type NoShowRiskToSave, saveNoShowRisk } from './save.ts';
