// Bad OCR input, with a stable code a job keeps as its error. Anything else thrown by the engine is a fault of
// the worker (retried), not of the upload.
export const ocrInputErrorCodes = [
  'empty_input',
  'corrupt_image',
  'image_too_large',
  'unsupported_type',
  'pdf_too_complex',
] as const;
export type OcrInputErrorCode = (typeof ocrInputErrorCodes)[number];

export class OcrInputError extends Error {
  readonly code: OcrInputErrorCode;

  constructor(code: OcrInputErrorCode, message: string) {
    super(message);
    this.name = 'OcrInputError';
    this.code = code;
  }
}
