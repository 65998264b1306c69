// What a job keeps as jobs.error: a stable code and a sentence. Input faults (a corrupt image, a
// file that is not a document, too little history to forecast) fail the job at once; anything else is the worker's fault or a
// passing one (storage down, a model crash) and is retried with backoff.
import { PredictionError } from '../forecast/errors.ts';
import { OcrInputError } from '../ocr/errors.ts';

export interface JobErrorJson {
  code: string;
  message: string;
}

export class JobError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'JobError';
    this.code = code;
    this.retryable = options.retryable;
  }

  toJSON(): JobErrorJson {
    return { code: this.code, message: this.message };
  }
}

const CODE = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_MESSAGE = 500;

/**
 * Errors about the job's own input or data, final: nothing a retry would change. Recognised by
 * their class, never by name: any error may call itself "OcrInputError".
 */
function isInputError(error: Error): error is OcrInputError | PredictionError {
  return error instanceof OcrInputError || error instanceof PredictionError;
}

/** An error from anywhere as a JobError: OCR input and prediction data errors are final. */
export function toJobError(error: unknown): JobError {
  if (error instanceof JobError) return error;
  if (error instanceof Error) {
    if (isInputError(error) && CODE.test(error.code)) {
      return new JobError(error.code, clip(error.message), { retryable: false, cause: error });
    }
    return new JobError('worker_error', clip(error.message || error.name), { retryable: true, cause: error });
  }
  return new JobError('worker_error', clip(String(error)), { retryable: true });
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}
