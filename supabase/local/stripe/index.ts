// The local Stripe stand-in: see server.ts.
export { type StripeLocalKeys, stripeLocalKeys } from './keys.ts';
export {
  type DeliveredEvent,
  type RefundFailure,
  type StripeStandIn,
  type StripeStandInOptions,
  startStripeStandIn,
} from './server.ts';
export { signPayload } from './signature.ts';
