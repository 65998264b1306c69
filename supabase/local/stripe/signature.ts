// Stripe's webhook signature scheme: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>" keyed by the endpoint's signing secret (the whole `whsec_…` string)>`.
// The SDK's constructEvent checks exactly this, so the local webhooks are verified as real ones.
import { createHmac } from 'node:crypto';

export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
