// The stand-in's pages for people: the test payment page ("Pay" / "Decline") that stands in for
// Stripe.js' card form in local mode, and the hosted pages of Checkout, the customer portal and
// Connect onboarding. Plain HTML forms posting back to the stand-in.
import { escapeHtml } from '../../../shared/mail/html.ts';

function formatAmount(amountMinor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).format(amountMinor / 10 ** digits);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f5f7; color: #1a1f36; }
  main { background: #fff; padding: 2rem; border-radius: 12px; box-shadow: 0 4px 24px rgba(0,0,0,.08);
    width: min(28rem, calc(100vw - 2rem)); box-sizing: border-box; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  .amount { font-size: 2rem; font-weight: 600; margin: .5rem 0 1rem; }
  .note { color: #4f566b; font-size: .9rem; }
  .badge { display: inline-block; background: #ffde92; color: #5c3b00; border-radius: 4px; padding: .1rem .4rem;
    font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
  button { font: inherit; padding: .7rem 1.2rem; border-radius: 6px; border: 1px solid #c1c9d2; background: #fff;
    color: #1a1f36; cursor: pointer; }
  button.primary { background: #635bff; border-color: #635bff; color: #fff; font-weight: 600; }
  button:focus-visible { outline: 3px solid #0a2540; outline-offset: 2px; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; margin: 1rem 0; }
  dt { color: #4f566b; } dd { margin: 0; }
  .result { font-size: 1.1rem; font-weight: 600; }
  @media (prefers-color-scheme: dark) {
    body { background: #0a2540; color: #f6f9fc; } main { background: #1a2c44; }
    .note, dt { color: #c1c9d2; } button { background: #1a2c44; color: #f6f9fc; }
    button:focus-visible { outline-color: #f6f9fc; }
  }`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
<span class="badge">Test mode · local Stripe stand-in</span>
${body}
</main></body>
</html>`;
}

const hidden = (name: string, value: string | undefined) =>
  value === undefined ? '' : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export function paymentPage(input: {
  intentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
  description: string | null;
  status: string;
  returnUrl: string | undefined;
  error?: string | null;
}): string {
  const amount = formatAmount(input.amount, input.currency);
  if (input.status === 'succeeded') {
    return page(
      'Payment complete',
      `<h1>Payment complete</h1><p class="amount">${escapeHtml(amount)}</p>
<p class="result" role="status">Paid. You can close this window.</p>`,
    );
  }
  return page(
    'Pay',
    `<h1>${escapeHtml(input.description ?? 'Payment')}</h1>
<p class="amount">${escapeHtml(amount)}</p>
${input.error ? `<p class="result" role="alert">${escapeHtml(input.error)}</p>` : ''}
<p class="note">No card is charged: this page stands in for Stripe's card form while Roost runs locally.</p>
<form method="post" action="/test/pay/${encodeURIComponent(input.intentId)}">
${hidden('client_secret', input.clientSecret)}${hidden('return_url', input.returnUrl)}
<div class="actions">
<button class="primary" type="submit" name="action" value="pay">Pay ${escapeHtml(amount)}</button>
<button type="submit" name="action" value="decline">Decline</button>
</div>
</form>`,
  );
}

export function checkoutPage(input: {
  sessionId: string;
  productName: string;
  amount: number;
  currency: string;
  trialDays: number | null;
  status: string;
}): string {
  if (input.status !== 'open') {
    return page('Checkout', '<h1>Checkout</h1><p class="result" role="status">This checkout session has ended.</p>');
  }
  return page(
    'Subscribe',
    `<h1>Subscribe to ${escapeHtml(input.productName)}</h1>
<p class="amount">${escapeHtml(formatAmount(input.amount, input.currency))} <span class="note">per month</span></p>
${input.trialDays ? `<p class="note">${input.trialDays} days free, then billed monthly.</p>` : ''}
<form method="post" action="/test/checkout/${encodeURIComponent(input.sessionId)}">
<div class="actions">
<button class="primary" type="submit" name="action" value="subscribe">Subscribe</button>
<button type="submit" name="action" value="cancel">Back</button>
</div>
</form>`,
  );
}

export function portalPage(input: {
  sessionId: string;
  customerEmail: string | null;
  subscriptions: {
    id: string;
    name: string;
    status: string;
    cancelAtPeriodEnd: boolean;
    periodEnd: number | null;
    priceId: string | null;
  }[];
  /** The recurring prices a subscription may switch to (Stripe: the portal configuration's). */
  prices?: { id: string; name: string; amount: number; currency: string; interval: string }[];
}): string {
  const rows = input.subscriptions
    .map((sub) => {
      const ends = sub.periodEnd ? new Date(sub.periodEnd * 1000).toISOString().slice(0, 10) : '—';
      const live = sub.status !== 'canceled';
      return `<section>
<h2>${escapeHtml(sub.name)}</h2>
<dl><dt>Status</dt><dd>${escapeHtml(sub.status)}${sub.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}</dd>
<dt>Period ends</dt><dd>${escapeHtml(ends)}</dd></dl>
${
  live
    ? `<form method="post" action="/test/portal/${encodeURIComponent(input.sessionId)}">${hidden('subscription', sub.id)}
<div class="actions">${
        sub.cancelAtPeriodEnd
          ? '<button type="submit" name="action" value="resume">Renew plan</button>'
          : '<button type="submit" name="action" value="cancel_at_period_end">Cancel at period end</button>'
      }<button type="submit" name="action" value="cancel_now">Cancel now</button></div></form>${switchForm(input, sub)}`
    : ''
}
</section>`;
    })
    .join('\n');
  return page(
    'Billing portal',
    `<h1>Billing${input.customerEmail ? ` for ${escapeHtml(input.customerEmail)}` : ''}</h1>
${rows || '<p class="note">No subscriptions.</p>'}
<form method="post" action="/test/portal/${encodeURIComponent(input.sessionId)}">
<div class="actions"><button class="primary" type="submit" name="action" value="return">Return</button></div></form>`,
  );
}

/** "Change plan": the other prices, one radio each (the portal's subscription update). */
function switchForm(
  input: {
    sessionId: string;
    prices?: { id: string; name: string; amount: number; currency: string; interval: string }[];
  },
  sub: { id: string; priceId: string | null },
): string {
  const others = (input.prices ?? []).filter((price) => price.id !== sub.priceId);
  if (!others.length) return '';
  const options = others
    .map((price, index) => {
      const amount = new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency: price.currency.toUpperCase(),
      }).format(price.amount / 100);
      return `<div><label><input type="radio" name="price" value="${escapeHtml(price.id)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(price.name)} · ${escapeHtml(amount)} per ${escapeHtml(price.interval)}</label></div>`;
    })
    .join('');
  return `<form method="post" action="/test/portal/${encodeURIComponent(input.sessionId)}">${hidden('subscription', sub.id)}
<fieldset><legend>Change plan</legend>${options}</fieldset>
<div class="actions"><button type="submit" name="action" value="switch_plan">Switch plan</button></div></form>`;
}

export function connectPage(input: {
  token: string;
  accountId: string;
  email: string | null;
  expired: boolean;
}): string {
  if (input.expired) {
    return page(
      'Onboarding',
      '<h1>Onboarding</h1><p class="result" role="status">This onboarding link has expired.</p>',
    );
  }
  return page(
    'Connect onboarding',
    `<h1>Set up payouts</h1>
<dl><dt>Account</dt><dd>${escapeHtml(input.accountId)}</dd>${input.email ? `<dt>Email</dt><dd>${escapeHtml(input.email)}</dd>` : ''}</dl>
<p class="note">Stands in for Stripe's onboarding form: completing it enables charges and payouts.</p>
<form method="post" action="/test/connect/${encodeURIComponent(input.token)}">
<div class="actions">
<button class="primary" type="submit" name="action" value="complete">Complete onboarding</button>
<button type="submit" name="action" value="later">Finish later</button>
</div>
</form>`,
  );
}
