// Where an online order is, in words a guest understands, from the status the widget API answers
// (decision 042): the kitchen's own states after the order reached it. Texts are catalogue keys
// (decision 044).
import type { MessageKey, Translate } from '../../embed/text.ts';

export const PROGRESS_STEPS = ['submitted', 'preparing', 'ready', 'served'] as const;

/** The step reached (0 received … 3 served/closed); -1 before the kitchen has it or after a void. */
export function orderProgress(status: string): number {
  if (status === 'closed') return PROGRESS_STEPS.length - 1;
  return PROGRESS_STEPS.indexOf(status as (typeof PROGRESS_STEPS)[number]);
}

/** True when nothing will change any more: the page stops asking. */
export function isFinal(status: string): boolean {
  return ['served', 'closed', 'voided', 'expired'].includes(status);
}

/** The catalogue key of a progress step (its words depend on takeaway or room service). */
export function stepKey(step: (typeof PROGRESS_STEPS)[number], mode: string): MessageKey {
  switch (step) {
    case 'submitted':
      return 'order.step.submitted';
    case 'preparing':
      return 'order.step.preparing';
    case 'ready':
      return mode === 'takeaway' ? 'order.step.readyPickup' : 'order.step.readyRoom';
    default:
      return mode === 'takeaway' ? 'order.step.pickedUp' : 'order.step.delivered';
  }
}

/** One sentence for the live status line, in the page's language. */
export function progressLabel(status: string, mode: string, t: Translate): string {
  if (status === 'awaiting_payment') return t('order.live.awaitingPayment');
  if (status === 'expired') return t('order.live.expired');
  if (status === 'voided') return t('order.live.voided');
  const step = PROGRESS_STEPS[orderProgress(status)];
  return step ? t('order.live.step', { step: t(stepKey(step, mode)) }) : t('order.live.received');
}

/** 0 when the instant falls on today's date in the time zone, 1 tomorrow, and so on. */
export function dayOffset(instant: string, timeZone: string, now = new Date()): number {
  const day = (date: Date) => {
    const text = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(date);
    return Date.parse(`${text}T00:00:00Z`);
  };
  return Math.round((day(new Date(instant)) - day(now)) / 86_400_000);
}
