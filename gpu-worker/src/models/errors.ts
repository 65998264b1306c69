// Errors of the model layer, each with a stable code the worker can store on a failed job.
export type ModelErrorCode =
  | 'model_missing'
  | 'model_checksum_mismatch'
  | 'manifest_invalid'
  | 'invalid_execution_providers'
  | 'no_execution_provider';

export class ModelError extends Error {
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
  }
}
