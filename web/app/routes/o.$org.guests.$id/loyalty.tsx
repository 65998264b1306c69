// The guest's loyalty points: balance, the ledger a page at a time, and the form the member's
// role allows (managers adjust either way, staff redeem). The database's functions decide.
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { AdjustSchema, RedeemSchema } from './guest.schema.ts';

export interface LedgerRow {
  id: string;
  when: string;
  points: number;
  reason: string;
}

interface Props {
  balance: string;
  rows: LedgerRow[];
  total: number;
  page: number;
  pages: number;
  href: (page: number) => string;
  canAdjust: boolean;
  formKey: string;
  locale: string;
}

export function Loyalty({ balance, rows, total, page, pages, href, canAdjust, formKey, locale }: Props) {
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  return (
    <section className="section" aria-labelledby="loyalty-heading">
      <h2 id="loyalty-heading">Loyalty points</h2>
      <p>
        Balance: <strong>{balance} points</strong>{' '}
        <span className="muted">(1 point per whole unit charged on a settled stay or tab)</span>
      </p>
      <SavedNotice intent="adjust" text="Points adjusted." />
      <SavedNotice intent="redeem" text="Points redeemed." />
      {rows.length ? (
        <>
          <table className="table">
            <caption className="muted">
              {total} {total === 1 ? 'entry' : 'entries'}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Reason</th>
                <th scope="col" className="numeric">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">{row.when}</td>
                  <td>{row.reason}</td>
                  <td className={`numeric${row.points > 0 ? ' points-positive' : ''}`}>{signed.format(row.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pages={pages} href={href} />
        </>
      ) : (
        <p className="empty-state">No points yet. Settling a stay or a tab for this guest earns them points.</p>
      )}
      {canAdjust ? (
        <CheckedForm intent="adjust" schema={AdjustSchema} formKey={formKey} label="Adjust points">
          {(errors) => (
            <>
              <h3>Adjust points</h3>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-2">
                <TextField
                  label="Points"
                  name="points"
                  inputMode="numeric"
                  hint="A minus sign removes points, such as -200."
                  errors={errors?.fieldErrors.points}
                />
                <TextField label="Reason" name="reason" maxLength={200} errors={errors?.fieldErrors.reason} />
              </div>
              <FormButton label="Adjust points" />
            </>
          )}
        </CheckedForm>
      ) : (
        <CheckedForm intent="redeem" schema={RedeemSchema} formKey={formKey} label="Redeem points">
          {(errors) => (
            <>
              <h3>Redeem points</h3>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-2">
                <TextField
                  label="Points to redeem"
                  name="points"
                  inputMode="numeric"
                  errors={errors?.fieldErrors.points}
                />
                <TextField label="Reason" name="reason" maxLength={200} errors={errors?.fieldErrors.reason} />
              </div>
              <p className="muted">A manager can also add points or correct the balance.</p>
              <FormButton label="Redeem points" />
            </>
          )}
        </CheckedForm>
      )}
    </section>
  );
}
