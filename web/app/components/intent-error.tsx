// The action's refusal of a form that has no fields of its own (a row's button: deactivate,
// remove), shown where that form sits.
import { useActionData } from '@remix-run/react';
import type { FormFailure } from '../utils/forms.ts';
import { FormError } from './forms.tsx';

export function IntentError({ intent }: { intent: string }) {
  const failure = useActionData<FormFailure & { intent: string }>();
  return failure?.intent === intent ? <FormError message={failure.formError} /> : null;
}
