// Marketing consent: the state with the time it was given, one button to record or withdraw it
// (a confirmation first when withdrawing), and when it changed, from the audit log.
// Transactional messages (confirmations, receipts) need no consent and are always sent.
import { Form, useNavigation } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';

export interface ConsentRow {
  when: string;
  granted: boolean;
  by: string;
}

interface Props {
  given: boolean;
  since: string | null;
  history: ConsentRow[];
}

export function Consent({ given, since, history }: Props) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'consent';
  return (
    <section className="section" aria-labelledby="consent-heading">
      <h2 id="consent-heading">Consent</h2>
      <SavedNotice intent="consent" text={given ? 'Marketing consent recorded.' : 'Marketing consent withdrawn.'} />
      <div className="form-panel consent-panel">
        <p>
          <strong>Transactional messages</strong> (booking confirmations, receipts, changes to a stay) are always sent:
          they need no consent.
        </p>
        <div className="consent-state">
          <p>
            <strong>Marketing messages:</strong>{' '}
            {given ? `consent given${since ? ` on ${since}` : ''}.` : 'no consent. Do not send offers or newsletters.'}
          </p>
          <Form
            method="post"
            preventScrollReset
            aria-label="Marketing consent"
            onSubmit={(event) => {
              // Withdrawing stops the guest's marketing at once: ask first.
              if (given && !window.confirm('Withdraw this guest’s marketing consent?')) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="consent" />
            <input type="hidden" name="consent" value={given ? 'withdrawn' : 'given'} />
            <button type="submit" className="button" disabled={busy}>
              {given ? 'Withdraw consent' : 'Record consent'}
            </button>
          </Form>
        </div>
      </div>
      {history.length ? (
        <table className="table">
          <caption className="muted">Consent history, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {history.map((row, index) => (
              // Never reordered or edited: the position is a stable key.
              // biome-ignore lint/suspicious/noArrayIndexKey: append-only history
              <tr key={index}>
                <td className="nowrap">{row.when}</td>
                <td>{row.granted ? 'Consent given' : 'Consent withdrawn'}</td>
                <td>{row.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
