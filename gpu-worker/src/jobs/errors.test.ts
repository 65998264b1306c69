// Which errors end a job at once (issue 12, item 22): bad input and prediction data, recognised
// by their classes; anything else, whatever it calls itself, is retried.
import { describe, expect, it } from 'vitest';
import { PredictionError } from '../forecast/errors.ts';
import { OcrInputError } from '../ocr/errors.ts';
import { JobError, toJobError } from './errors.ts';

describe('toJobError', () => {
  it('makes OCR input and prediction data errors final, with their codes', () => {
    expect(toJobError(new OcrInputError('corrupt_image', 'cannot be read')), 'bad input').toMatchObject({
      code: 'corrupt_image',
      retryable: false,
    });
    expect(toJobError(new PredictionError('insufficient_history', 'too little')), 'too little history').toMatchObject({
      code: 'insufficient_history',
      retryable: false,
    });
  });

  it('retries an error that only calls itself an input error', () => {
    const impostor = Object.assign(new Error('the model crashed'), { name: 'OcrInputError', code: 'corrupt_image' });
    const failure = toJobError(impostor);
    expect(failure, 'a name is not a type').toBeInstanceOf(JobError);
    expect(failure, 'retried as a worker error').toMatchObject({ code: 'worker_error', retryable: true });
    const renamed = Object.assign(new Error('no history'), { name: 'PredictionError', code: 'invalid_history' });
    expect(toJobError(renamed).retryable, 'nor for predictions').toBe(true);
  });
});
