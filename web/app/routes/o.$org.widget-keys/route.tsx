// Widget keys (admins and owners; decision 034): the public keys that let a property's booking,
// table and order widgets run on the tenant's own websites. Create one for a property with the
// websites (exact origins) allowed to embed it, change those origins, revoke a key (with a
// confirmation: a revoked key stops every widget that uses it, for good), and copy the snippet.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useId, useState } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { listProperties } from '../../data/properties.server.ts';
import { createWidgetKey, listWidgetKeyPage, updateWidgetKey, type WidgetKey } from '../../data/widget-keys.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import styles from './widget-keys.css?url';
import { createKeySchema, originsSchema, revokeSchema, WIDGET_KEY_ERRORS } from './widget-keys.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Widget keys · Roost' }];

const PER_PAGE = 20;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const requested = Number(new URL(request.url).searchParams.get('page'));
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const [{ keys, total }, properties] = await Promise.all([
    listWidgetKeyPage(context.supabase, organization.id, { page, perPage: PER_PAGE }),
    listProperties(context.supabase, organization.id),
  ]);
  return {
    slug: organization.slug,
    // The web app serves embed.js and the widget pages: the snippet points here.
    appOrigin: new URL(request.url).origin,
    keys,
    properties: properties.map((p) => ({ id: p.id, name: p.name })),
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    total,
  };
}

type Failure = FormFailure & { intent: string; keyId?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent === 'origins') {
    const parsed = parseForm(originsSchema, form);
    const keyId = String(form.get('key_id') ?? '');
    if (!parsed.ok) return data<Failure>({ ...parsed.failure, intent, keyId }, { status: 400 });
    const saved = await updateWidgetKey(context.supabase, organization.id, parsed.value.key_id, {
      allowedOrigins: parsed.value.allowed_origins,
    });
    if (saved.error) {
      return data<Failure>({ ...databaseFailure(saved.error, WIDGET_KEY_ERRORS), intent, keyId }, { status: 400 });
    }
    throw redirect('?saved=origins');
  }
  if (intent === 'revoke') {
    const parsed = parseForm(revokeSchema, form);
    if (!parsed.ok) return data<Failure>({ ...parsed.failure, intent }, { status: 400 });
    const saved = await updateWidgetKey(context.supabase, organization.id, parsed.value.key_id, { revoked: true });
    if (saved.error) {
      return data<Failure>(
        { ...databaseFailure(saved.error, WIDGET_KEY_ERRORS), intent, keyId: parsed.value.key_id },
        { status: 400 },
      );
    }
    throw redirect('?saved=revoked');
  }
  if (intent !== 'create') {
    return data<Failure>(
      { intent: 'create', fieldErrors: {}, formError: 'This form is not known. Reload the page.' },
      { status: 400 },
    );
  }
  const parsed = parseForm(createKeySchema, form);
  if (!parsed.ok) return data<Failure>({ ...parsed.failure, intent }, { status: 400 });
  const saved = await createWidgetKey(context.supabase, organization.id, {
    propertyId: parsed.value.property_id,
    label: parsed.value.label,
    allowedOrigins: parsed.value.allowed_origins,
  });
  if (saved.error) {
    return data<Failure>({ ...databaseFailure(saved.error, WIDGET_KEY_ERRORS), intent }, { status: 400 });
  }
  throw redirect('?saved=create');
}

/** What the tenant pastes into their page: the loader and one widget element. */
function snippetOf(appOrigin: string, key: WidgetKey): string {
  const widget = key.propertyKind === 'restaurant' || key.propertyKind === 'bar' ? 'table' : 'stay';
  return `<script async src="${appOrigin}/embed.js"></script>\n<roost-booking key="${key.key}" widget="${widget}"></roost-booking>`;
}

function OriginsArea({
  name,
  defaultValue,
  errors,
}: {
  name: string;
  defaultValue: string;
  errors?: string[] | undefined;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Websites allowed to embed it</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        spellCheck={false}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-errors` : ''}`}
      />
      <p className="field-hint" id={`${id}-hint`}>
        One origin per line, as the address bar shows it without a path: https://www.example.com
      </p>
      {errors?.length ? (
        <ul className="field-errors" id={`${id}-errors`}>
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Snippet({ text, label }: { text: string; label: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="widget-key-snippet">
      <label htmlFor={id}>Embed snippet</label>
      <textarea
        id={id}
        readOnly
        rows={2}
        value={text}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
      />
      <button
        type="button"
        className="button button-quiet"
        aria-label={`${copied ? 'Copied' : 'Copy'} the embed snippet of ${label}`}
        onClick={() => {
          navigator.clipboard
            ?.writeText(text)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

function KeyCard({ widgetKey, appOrigin }: { widgetKey: WidgetKey; appOrigin: string }) {
  const failure = useActionData<Failure>();
  const mine = failure?.keyId === widgetKey.id ? failure : null;
  const revoked = widgetKey.revokedAt !== null;
  return (
    <article className={`widget-key${revoked ? ' widget-key-revoked' : ''}`} aria-labelledby={`key-${widgetKey.id}`}>
      <header className="widget-key-header">
        <h3 id={`key-${widgetKey.id}`}>{widgetKey.label}</h3>
        <span className="muted">{widgetKey.propertyName}</span>
        {revoked ? (
          <span className="badge badge-revoked">Revoked</span>
        ) : (
          <span className="badge badge-active">Active</span>
        )}
      </header>
      <p className="widget-key-value">
        Key <code>{widgetKey.key}</code>
      </p>
      {revoked ? (
        <p className="muted">
          Revoked {new Date(widgetKey.revokedAt as string).toLocaleDateString('en-GB', { dateStyle: 'medium' })}:
          widgets using it no longer load. Create a new key to embed them again.
        </p>
      ) : (
        <>
          <Snippet text={snippetOf(appOrigin, widgetKey)} label={widgetKey.label} />
          <Form
            method="post"
            preventScrollReset
            className="widget-key-origins"
            aria-label={`Websites of ${widgetKey.label}`}
          >
            <input type="hidden" name="intent" value="origins" />
            <input type="hidden" name="key_id" value={widgetKey.id} />
            {mine?.intent === 'origins' ? <FormError message={mine.formError} /> : null}
            <OriginsArea
              name="allowed_origins"
              defaultValue={widgetKey.allowedOrigins.join('\n')}
              errors={mine?.intent === 'origins' ? mine.fieldErrors.allowed_origins : undefined}
            />
            <div className="form-actions">
              <button type="submit" className="button">
                Save websites
              </button>
            </div>
          </Form>
          <Form method="post" preventScrollReset className="widget-key-revoke">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="key_id" value={widgetKey.id} />
            {mine?.intent === 'revoke' ? <FormError message={mine.formError} /> : null}
            <button
              type="submit"
              className="button button-danger-quiet"
              aria-label={`Revoke key: ${widgetKey.label}`}
              onClick={(event) => {
                if (
                  !window.confirm(
                    `Revoke “${widgetKey.label}”? Every widget using this key stops working at once, and a revoked key cannot be restored.`,
                  )
                )
                  event.preventDefault();
              }}
            >
              Revoke key
            </button>
            <span className="muted"> Stops every widget that uses this key, for good.</span>
          </Form>
        </>
      )}
    </article>
  );
}

export default function WidgetKeys() {
  const { slug, appOrigin, keys, properties, page, pages, total } = useLoaderData<typeof loader>();
  const href = (n: number) => (n > 1 ? `/o/${slug}/widget-keys?page=${n}` : `/o/${slug}/widget-keys`);
  return (
    <>
      <h1>Widget keys</h1>
      <p className="muted">
        A widget key lets a property’s booking, table and ordering widgets run on your own website. It is public (it
        sits in your page’s HTML): only the websites listed on it may embed the widgets, and requests are rate-limited.
      </p>
      <SavedNotice intent="create" text="Key created. Copy its snippet into your website." />
      <SavedNotice intent="origins" text="Websites saved." />
      <SavedNotice intent="revoked" text="Key revoked: widgets using it no longer load." />
      {keys.length === 0 ? (
        <p className="empty-state">No widget keys yet. Create one below for the property your website sells.</p>
      ) : (
        <div className="widget-key-list">
          {keys.map((widgetKey) => (
            <KeyCard key={widgetKey.id} widgetKey={widgetKey} appOrigin={appOrigin} />
          ))}
        </div>
      )}
      <Pagination page={page} pages={pages} href={href} labels={{ previous: '← Previous', next: 'Next →' }} />
      <section className="section" aria-labelledby="create-key">
        <h2 id="create-key">Create a key</h2>
        {properties.length === 0 ? (
          <p className="empty-state">Add a property first: each key belongs to one property.</p>
        ) : (
          <CheckedForm intent="create" schema={createKeySchema} formKey={total} label="Create a widget key">
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-2">
                  <SelectField label="Property" name="property_id" required errors={errors?.fieldErrors.property_id}>
                    {properties.map((property) => (
                      <option key={property.id} value={property.id}>
                        {property.name}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label="Label"
                    name="label"
                    required
                    maxLength={80}
                    hint="e.g. Main website"
                    errors={errors?.fieldErrors.label}
                  />
                </div>
                <OriginsArea name="allowed_origins" defaultValue="" errors={errors?.fieldErrors.allowed_origins} />
                <FormButton label="Create key" />
              </>
            )}
          </CheckedForm>
        )}
      </section>
    </>
  );
}
