// Errors of the forecast and no-show models, with stable codes the worker stores on the failed job.
export type PredictionErrorCode = 'insufficient_history' | 'invalid_history' | 'property_not_found';

export class PredictionError extends Error {
  readonly code: PredictionErrorCode;

  constructor(code: PredictionErrorCode, message: string) {
    super(message);
    this.name = 'PredictionError';
    this.code = code;
  }
}
