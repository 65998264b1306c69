// The worker's Stripe client (decision 036, session 5): the same `stripe` SDK and the same
// STRIPE_* variables as the edge functions (functions/_shared/stripe.ts, a Deno module the worker
// cannot import). The worker needs only the secret key; STRIPE_API_HOST/PORT/PROTOCOL point it
// at the local stand-in. No key: no client (the refund service stays off and says so).
import Stripe from 'stripe';

export interface WorkerStripeSettings {
  secretKey: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/** The settings from the environment, undefined without STRIPE_SECRET_KEY; names, never values, in errors. */
export function stripeSettingsFromEnv(env: Record<string, string | undefined>): WorkerStripeSettings | undefined {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return undefined;
  if (!/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/.test(secretKey)) {
    throw new Error('Stripe settings: STRIPE_SECRET_KEY must be a Stripe secret key');
  }
  const host = env.STRIPE_API_HOST?.trim() || undefined;
  const portText = env.STRIPE_API_PORT?.trim() || undefined;
  if ((host === undefined) !== (portText === undefined)) {
    throw new Error('Stripe settings: set STRIPE_API_HOST and STRIPE_API_PORT together');
  }
  if (host !== undefined && !/^[A-Za-z0-9.-]+$/.test(host)) {
    throw new Error('Stripe settings: STRIPE_API_HOST must be a host name');
  }
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new Error('Stripe settings: STRIPE_API_PORT must be a port number');
  }
  const protocol = env.STRIPE_API_PROTOCOL?.trim() || undefined;
  if (protocol !== undefined && protocol !== 'http' && protocol !== 'https') {
    throw new Error('Stripe settings: STRIPE_API_PROTOCOL must be http or https');
  }
  return {
    secretKey,
    ...(host ? { host, port, protocol: protocol ?? 'http' } : {}),
  };
}

/**
 * The SDK without its own retries: a failed attempt is recorded and retried by the sweep with
 * its growing pause (a retry inside one attempt would hold the claimed row past its lease).
 */
export function createStripeClient(settings: WorkerStripeSettings): Stripe {
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Roost worker' },
    ...(settings.host ? { host: settings.host, port: settings.port, protocol: settings.protocol ?? 'http' } : {}),
  });
}
