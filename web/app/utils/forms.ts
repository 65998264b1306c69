// One zod schema checks a form twice: in the browser before it is sent, and in the action.
import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string[]>>;

export interface FormFailure {
  fieldErrors: FieldErrors;
  formError?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: FormFailure };

/** Text fields of `form` (files and repeated names are not used by these forms). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') fields[key] = value;
  return fields;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.infer<S>> {
  const result = schema.safeParse(formFields(form));
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, failure: { fieldErrors } };
}
