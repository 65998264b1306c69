// The guest's refunds on a cancelled booking (decision 036, session 5): what the cancellation
// policy gave back and where each refund stands with Stripe. The worker asks Stripe and retries;
// a refund that failed five times needs a person: managers see why and may try it again.
import { Form, useNavigation } from '@remix-run/react';
import type { GuestRefund, RefundStatus } from '../../data/guest-refunds.server.ts';
import { formatMoney } from '../../utils/money.ts';

const MAX_ATTEMPTS = 5;

const LABELS: Record<RefundStatus, string> = {
  pending: 'Sending to Stripe',
  requested: 'Sent to Stripe',
  refunded: 'Refunded',
  retrying: 'Retrying',
  failed: 'Failed: needs a person',
};

const BADGES: Record<RefundStatus, string> = {
  pending: 'badge badge-job-running',
  requested: 'badge badge-job-running',
  refunded: 'badge badge-job-succeeded',
  retrying: 'badge badge-job-failed',
  failed: 'badge badge-job-failed',
};

export function GuestRefunds({
  refunds,
  timeZone,
  manager,
  failure,
}: {
  refunds: GuestRefund[];
  timeZone: string;
  manager: boolean;
  failure?: string | undefined;
}) {
  const busy = useNavigation().state !== 'idle';
  const when = (at: string | null) =>
    at
      ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at))
      : '';
  const failed = refunds.filter((refund) => refund.status === 'failed');
  return (
    <section className="section" aria-labelledby="refunds-heading">
      <h2 id="refunds-heading">Refund to the guest</h2>
      {failed.length ? (
        <p className="alert alert-error" role="alert">
          {failed.length === 1 ? 'A refund' : `${failed.length} refunds`} could not be made after {MAX_ATTEMPTS}{' '}
          attempts.{' '}
          {manager
            ? 'Check the payment in the Stripe dashboard, then try again here or refund it there.'
            : 'A manager has to look at it.'}
        </p>
      ) : null}
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
      <table className="table" data-testid="refunds">
        <thead>
          <tr>
            <th scope="col">Amount</th>
            <th scope="col">State</th>
            <th scope="col">Details</th>
            {manager && failed.length ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {refunds.map((refund) => {
            const status = refund.status as RefundStatus;
            return (
              <tr key={refund.id}>
                <td>{formatMoney(Number(refund.amount_minor), refund.currency)}</td>
                <td>
                  <span className={BADGES[status]} data-testid="refund-status">
                    {LABELS[status] ?? refund.status}
                  </span>
                </td>
                <td>
                  <RefundDetails refund={refund} when={when} />
                </td>
                {manager && failed.length ? (
                  <td>
                    {status === 'failed' ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry_refund" />
                        <input type="hidden" name="refund" value={refund.id} />
                        <button type="submit" className="button" disabled={busy}>
                          Try the refund again
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function RefundDetails({ refund, when }: { refund: GuestRefund; when: (at: string | null) => string }) {
  const attempts = `attempt ${refund.attempts} of ${MAX_ATTEMPTS}`;
  switch (refund.status as RefundStatus) {
    case 'pending':
      return <span className="muted">Queued {when(refund.created_at)}; the card is refunded in a moment.</span>;
    case 'requested':
      return <span className="muted">Stripe took it {when(refund.requested_at)}; waiting for its confirmation.</span>;
    case 'refunded':
      return <span>Back on the guest’s card {when(refund.refunded_at)}; posted to the folio.</span>;
    case 'retrying':
      return (
        <span>
          Stripe did not take it ({attempts}): “{refund.last_error}” Next try {when(refund.next_attempt_at)}.
        </span>
      );
    case 'failed':
      return (
        <span>
          Gave up {when(refund.failed_at)} after {refund.attempts} attempts: “{refund.last_error}”
        </span>
      );
    default:
      return null;
  }
}
