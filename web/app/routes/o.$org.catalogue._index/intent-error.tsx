// The action's refusal of a plain form (a button, not a CheckedForm) of the given intent.
import { useActionData } from '@remix-run/react';
import { FormError } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';

export function IntentError({ intent }: { intent: string }) {
  const failure = useActionData<FormFailure & { intent: string }>();
  if (failure?.intent !== intent) return null;
  const message = failure.formError ?? Object.values(failure.fieldErrors).flat()[0];
  return <FormError message={message} />;
}
