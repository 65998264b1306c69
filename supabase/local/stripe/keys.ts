// The stand-in's keys, derived from the installation's own local keys (.roost/keys.json, made
// per installation and never committed): stable across restarts, different on every machine.
import { createHmac } from 'node:crypto';
import type { LocalKeys } from '../keys.ts';

export interface StripeLocalKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

function derive(secret: string, label: string, length: number): string {
  return createHmac('sha256', secret).update(`roost-stripe-stand-in:${label}`).digest('hex').slice(0, length);
}

export function stripeLocalKeys(keys: Pick<LocalKeys, 'jwt_secret'>): StripeLocalKeys {
  return {
    secretKey: `sk_test_${derive(keys.jwt_secret, 'secret', 48)}`,
    publishableKey: `pk_test_${derive(keys.jwt_secret, 'publishable', 48)}`,
    webhookSecret: `whsec_${derive(keys.jwt_secret, 'webhook', 40)}`,
  };
}
