// Occupancy and covers forecasts: history from the database, training, ONNX export, recursive forecast.
export { PredictionError, type PredictionErrorCode } from './errors.ts';
export { FEATURE_COUNT, FEATURE_NAMES } from './features.ts';
export { loadDailyHistory } from './history.ts';
export { type ForecastJobResult, runForecastJob } from './job.ts';
export {
  BACKTEST_DAYS,
  type DailyHistory,
  dailyHistorySchema,
  type ForecastBacktest,
  type ForecastKind,
  forecastNext,
  MIN_HISTORY_DAYS,
  type TrainedForecast,
  trainForecastModel,
} from './model.ts';
export { type ForecastToSave, saveForecast } from './save.ts';
