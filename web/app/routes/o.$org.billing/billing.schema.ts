// The Billing page's buttons: which Stripe page to open, and the plan for Checkout.
import { z } from 'zod';

export const BillingSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('checkout'),
    plan_id: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, { error: 'Choose one of the plans.' }),
  }),
  z.object({ intent: z.literal('portal') }),
  z.object({ intent: z.literal('connect') }),
]);

export type BillingRequest = z.infer<typeof BillingSchema>;
