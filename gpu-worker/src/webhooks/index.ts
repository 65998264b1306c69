// Outgoing webhooks (decision 030): the sender the worker process runs beside its job consumers.
export { isBlockedAddress } from './addresses.ts';
export { postWebhook } from './post.ts';
export { WEBHOOK_CHANNEL } from './queries.ts';
export {
  allowPrivateTargetsFromEnv,
  RETRY_DELAYS_MS,
  retryDelayMs,
  startWebhookSender,
  type WebhookSender,
  type WebhookSenderOptions,
} from './sender.ts';
export { signWebhook } from './signing.ts';
