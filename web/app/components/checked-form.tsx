// A form of a page with several: checked with its schema in the browser before it is sent, then
// by the action; the action's failure shows on the form whose intent it names. The page keeps
// its scroll position after saving, so the notice shows beside the form just used.
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { type FormFailure, parseForm } from '../utils/forms.ts';
import { TextField } from './forms.tsx';

type IntentFailure = FormFailure & { intent: string };

interface Props {
  intent: string;
  schema: z.ZodType;
  /** Changes when the saved data does, so the fields take the new values. */
  formKey: string | number;
  label: string;
  children: (errors: FormFailure | null) => ReactNode;
}

export function CheckedForm({ intent, schema, formKey, label, children }: Props) {
  const failure = useActionData<IntentFailure>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  const errors = clientErrors ?? (failure?.intent === intent ? failure : null);
  return (
    <Form
      method="post"
      noValidate
      preventScrollReset
      className="form-panel"
      aria-label={label}
      aria-busy={busy || undefined}
      key={formKey}
      onSubmit={(event) => {
        const parsed = parseForm(schema, new FormData(event.currentTarget));
        setClientErrors(parsed.ok ? null : parsed.failure);
        if (!parsed.ok) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {children(errors)}
    </Form>
  );
}

/** "Saved" after the redirect that follows a successful post of `intent`. */
export function SavedNotice({ intent, text }: { intent: string; text: string }) {
  const [params] = useSearchParams();
  const failure = useActionData<IntentFailure>();
  if (params.get('saved') !== intent || failure) return null;
  return (
    <div className="alert alert-success" role="status">
      {text}
    </div>
  );
}

/** A whole number typed in (a text field with the numeric keyboard, checked by the schema). */
export function NumberField({
  value,
  ...props
}: {
  label: string;
  name: string;
  value: number;
  hint?: string;
  errors?: string[] | undefined;
}) {
  return <TextField {...props} inputMode="numeric" defaultValue={String(value)} />;
}

export function FormButton({ label }: { label: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary">
        {label}
      </button>
    </div>
  );
}
