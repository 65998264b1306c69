// A vendor's quote page (/quote/<token>, the link in the quote request email): no account, the
// token is the credential. The loader shows the one request the token names (public.vendor_quote_request
// with the anon key); the form posts the quote straight from the browser to the public
// vendor-quote edge function (which accepts the web app's origin only). With a PDF or image, the
// function answers a one-time Storage path and the browser uploads the file there with the anon
// key; Storage lets anon write that one object, once, for 15 minutes (decision 043).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useParams } from '@remix-run/react';
import { createClient } from '@supabase/supabase-js';
import { useId, useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { readPublicQuoteRequest } from '../../data/vendors.server.ts';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { type FieldErrors, parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, QUOTE_REFUSALS, quoteSchema, UPLOAD_FAILED } from './quote.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: maintenanceStyles }];
export const meta: MetaFunction = () => [{ title: 'Submit a quote · Roost' }, { name: 'robots', content: 'noindex' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return { refusal: 'invalid_token' as string, request: null };
  const found = await readPublicQuoteRequest(context.browserEnv, token);
  return 'request' in found ? { refusal: null, request: found.request } : { refusal: found.refusal, request: null };
}

interface Submitted {
  id: string;
  upload: { bucket: string; path: string } | null;
}

/**
 * The file to the path the function handed out, as anon (never the signed-in session a member of
 * staff may have in this browser: the grant is for the vendor). Retried once: a dropped connection
 * should not cost the vendor their attachment, and the path stays open for 15 minutes.
 */
async function uploadAttachment(upload: NonNullable<Submitted['upload']>, file: File): Promise<boolean> {
  const browserSettings = window.ENV;
  if (!browserSettings) return false;
  const storage = createClient(browserSettings.SUPABASE_URL, browserSettings.SUPABASE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }).storage;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const { error } = await storage.from(upload.bucket).upload(upload.path, file, { contentType: file.type });
      if (!error) return true;
    } catch {
      // A network failure: try once more.
    }
  }
  return false;
}

export default function QuotePage() {
  const { refusal, request } = useLoaderData<typeof loader>();
  const { token } = useParams();
  const fileId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'sent-without-file'>('idle');

  if (!request) {
    return (
      <AuthPage title="This quote link cannot be used">
        <p>{QUOTE_REFUSALS[refusal ?? ''] ?? QUOTE_REFUSALS.quote_request_not_found}</p>
      </AuthPage>
    );
  }
  if (state === 'sent') {
    return (
      <AuthPage title="Thank you: your quote was sent">
        <p>
          {request.propertyName} has your quote for “{request.title}”. They will email you when they have decided.
        </p>
      </AuthPage>
    );
  }
  if (state === 'sent-without-file') {
    return (
      <AuthPage title="Your quote was sent, without its attachment">
        <p role="alert">{UPLOAD_FAILED}</p>
        <p>
          Work order #{request.workOrderNumber}: {request.title}, {request.propertyName}.
        </p>
      </AuthPage>
    );
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!request) return;
    const form = new FormData(event.currentTarget);
    const parsed = parseForm(quoteSchema(request.currency), form);
    const file = form.get('attachment');
    const attachment = file instanceof File && file.size > 0 ? file : null;
    const fileErrors: FieldErrors = {};
    if (attachment && !ATTACHMENT_TYPES.includes(attachment.type))
      fileErrors.attachment = [QUOTE_REFUSALS.invalid_attachment_type ?? ''];
    if (attachment && attachment.size > MAX_ATTACHMENT_BYTES)
      fileErrors.attachment = [QUOTE_REFUSALS.attachment_too_large ?? ''];
    if (!parsed.ok || Object.keys(fileErrors).length) {
      setErrors({ ...(parsed.ok ? {} : parsed.failure.fieldErrors), ...fileErrors });
      return;
    }
    setErrors({});
    setFormError(null);
    setState('sending');
    try {
      const env = window.ENV;
      if (!env) throw new Error('window.ENV is missing');
      const response = await fetch(`${env.SUPABASE_URL}/functions/v1/vendor-quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token,
          amount_minor: parsed.value.amount,
          available_on: parsed.value.available_on,
          notes: parsed.value.notes,
          attachment: attachment
            ? { name: attachment.name.slice(0, 200), type: attachment.type, size: attachment.size }
            : null,
        }),
      });
      if (response.status === 201) {
        const saved = (await response.json()) as Submitted;
        const stored = !attachment || !saved.upload || (await uploadAttachment(saved.upload, attachment));
        setState(stored ? 'sent' : 'sent-without-file');
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { code?: string };
      setFormError(QUOTE_REFUSALS[body.code ?? ''] ?? 'The quote could not be sent. Try again in a moment.');
    } catch {
      setFormError('The quote could not be sent: check your connection and try again.');
    }
    setState('idle');
  }

  const example = formatMoney(25000, request.currency);
  return (
    <main className="quote-page">
      <p className="brand" aria-hidden="true">
        Roost
      </p>
      <h1>Quote for {request.propertyName}</h1>
      <section className="section" aria-labelledby="job-title">
        <h2 id="job-title">
          Work order #{request.workOrderNumber}: {request.title}
        </h2>
        {request.location ? <p>Where: {request.location}</p> : null}
        {request.description ? <p className="work-order-description">{request.description}</p> : null}
        <p className="muted">
          Requested from {request.vendorName}. This link accepts one quote until{' '}
          {new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
            new Date(request.expiresAt),
          )}{' '}
          (UTC).
        </p>
      </section>
      <form className="form-panel" noValidate onSubmit={(event) => void submit(event)} aria-label="Your quote">
        <FormError message={formError ?? undefined} />
        <TextField
          label={`Amount (${request.currency}, all included)`}
          name="amount"
          inputMode="decimal"
          required
          hint={`For example ${example}`}
          errors={errors.amount}
        />
        <TextField label="You can start on" name="available_on" type="date" errors={errors.available_on} />
        <div className="field">
          <label htmlFor={`${fileId}-notes`}>Notes</label>
          <textarea id={`${fileId}-notes`} name="notes" rows={4} maxLength={2000} />
          {errors.notes ? <p className="field-errors">{errors.notes.join(' ')}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={fileId}>Attachment (optional: PDF, JPEG or PNG, up to 10 MB)</label>
          <input id={fileId} name="attachment" type="file" accept={ATTACHMENT_TYPES.join(',')} />
          {errors.attachment ? <p className="field-errors">{errors.attachment.join(' ')}</p> : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={state === 'sending'}>
            {state === 'sending' ? 'Sending…' : 'Send quote'}
          </button>
        </div>
      </form>
    </main>
  );
}
