// The endpoint form of both webhook pages: URL, description and the events, grouped, as
// checkboxes. Checked with the same schema in the browser before it is sent and in the action.
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { FormError, TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { EVENT_CHOICES, EVENT_LABELS, parseEndpointForm, type UrlRulesInput } from './webhooks.schema.ts';

export function EndpointForm({
  intent,
  label,
  submitLabel,
  rules,
  failure,
  defaults,
  formKey,
}: {
  intent: string;
  label: string;
  submitLabel: string;
  rules: UrlRulesInput;
  failure?: FormFailure | undefined;
  defaults?: { url: string; description: string | null; events: string[] };
  formKey?: string;
}) {
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  const errors = clientErrors ?? failure;
  const chosen = new Set(defaults?.events ?? []);
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
        const parsed = parseEndpointForm(new FormData(event.currentTarget), rules);
        setClientErrors(parsed.ok ? null : parsed.failure);
        if (!parsed.ok) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <FormError message={errors?.formError} />
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        defaultValue={defaults?.url ?? ''}
        placeholder="https://example.com/webhooks/roost"
        hint={
          rules.allowHttp
            ? 'Where Roost POSTs each event. This installation also allows http and local addresses (for testing).'
            : 'Where Roost POSTs each event, over https.'
        }
        errors={errors?.fieldErrors.url}
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        label="Description (optional)"
        name="description"
        defaultValue={defaults?.description ?? ''}
        placeholder="Channel manager, accounting sync…"
        errors={errors?.fieldErrors.description}
      />
      <fieldset
        className="fieldset webhook-events"
        aria-describedby={errors?.fieldErrors.events ? 'events-errors' : undefined}
      >
        <legend>Events to send</legend>
        <div className="webhook-event-groups">
          {EVENT_CHOICES.map((choice) => (
            <fieldset key={choice.group} className="choice-group">
              <legend>{choice.group}</legend>
              {choice.events.map((event) => (
                <label key={event} className="choice">
                  <input type="checkbox" name="events" value={event} defaultChecked={chosen.has(event)} />
                  <span>
                    {EVENT_LABELS[event]} <code className="muted">{event}</code>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        {errors?.fieldErrors.events?.length ? (
          <ul className="field-errors" id="events-errors">
            {errors.fieldErrors.events.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** A signing secret, shown once after it was made. */
export function SecretOnce({ secret, heading }: { secret: string; heading: string }) {
  // The form that made it may be far below: bring the secret into view, selected for copying.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!secret) return;
    input.current?.focus();
    input.current?.select();
  }, [secret]);
  return (
    <div className="alert alert-success webhook-secret" role="status">
      <p>
        <strong>{heading}</strong> Copy the signing secret now: Roost shows it only this once.
      </p>
      <p>
        <label htmlFor="webhook-secret">Signing secret</label>
        <input
          ref={input}
          id="webhook-secret"
          className="webhook-secret-value"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
        />
      </p>
      <p className="muted">
        Verify each request with a Standard Webhooks library (<code>new Webhook(secret).verify(body, headers)</code>
        ): the <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> headers.
      </p>
    </div>
  );
}
