// Where an online order is, in words a guest understands, from the status the widget API answers
// (decision 042): the kitchen's own states after the order reached it.

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

export function stepLabel(step: (typeof PROGRESS_STEPS)[number], mode: string): string {
  switch (step) {
    case 'submitted':
      return 'Received by the kitchen';
    case 'preparing':
      return 'Being prepared';
    case 'ready':
      return mode === 'takeaway' ? 'Ready for pickup' : 'Ready, on its way to your room';
    default:
      return mode === 'takeaway' ? 'Picked up' : 'Delivered to your room';
  }
}

/** One sentence for the live status line. */
export function progressLabel(status: string, mode: string): string {
  if (status === 'awaiting_payment') return 'Waiting for your payment.';
  if (status === 'expired') return 'The time to pay ran out: nothing was ordered or charged.';
  if (status === 'voided') return 'The kitchen cancelled this order. Please ask the staff.';
  const step = PROGRESS_STEPS[orderProgress(status)];
  return step ? `${stepLabel(step, mode)}.` : 'Received.';
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
