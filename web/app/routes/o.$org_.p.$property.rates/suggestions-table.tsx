// The suggestions of the nights shown, one row per night and room type, with a box to tick each
// change; "Accept selected" asks for confirmation before anything is sent. Rows without a change
// have no box (nothing to accept).
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { FormError } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import type { RateSuggestion } from '../../data/rates.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { choiceValue } from './rates.schema.ts';

export function SuggestionsTable({
  suggestions,
  currency,
  total,
  changes,
  page,
  pages,
}: {
  suggestions: RateSuggestion[];
  currency: string;
  total: number;
  changes: number;
  page: number;
  pages: number;
}) {
  const failure = useActionData<FormFailure & { intent: string }>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'accept';
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const selectable = suggestions.filter((s) => s.change_minor !== 0).map(choiceValue);
  const money = (minor: number) => formatMoney(minor, currency);
  const toggle = (value: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(value);
    else next.delete(value);
    setTicked(next);
    setConfirming(false);
  };
  const chosen = suggestions.filter((s) => ticked.has(choiceValue(s)));
  const rise = chosen.reduce((sum, s) => sum + s.change_minor, 0);

  return (
    <Form method="post" preventScrollReset aria-label="Accept suggestions" aria-busy={busy || undefined}>
      <input type="hidden" name="intent" value="accept" />
      <FormError message={failure?.intent === 'accept' ? failure.formError : undefined} />
      <p className="muted" aria-live="polite">
        {total} night{total === 1 ? '' : 's'} × room type, {changes} with a change · {ticked.size} selected
      </p>
      <div className="rates-toolbar">
        <label className="rates-select-all">
          <input
            type="checkbox"
            checked={selectable.length > 0 && selectable.every((value) => ticked.has(value))}
            disabled={!selectable.length}
            onChange={(event) => {
              setTicked(event.currentTarget.checked ? new Set(selectable) : new Set());
              setConfirming(false);
            }}
          />{' '}
          Select every change on this page
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={!ticked.size}
          onClick={() => setConfirming(true)}
        >
          Accept selected
        </button>
      </div>
      {confirming && ticked.size ? (
        <div className="alert rates-confirm" role="alertdialog" aria-labelledby="rates-confirm-text">
          <p id="rates-confirm-text">
            Change {ticked.size} price{ticked.size === 1 ? '' : 's'} ({rise >= 0 ? '+' : '−'}
            {money(Math.abs(rise))} in total)? Guests booking these nights will be quoted the new prices; stays already
            booked keep theirs.
          </p>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Changing prices…' : 'Yes, change the prices'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <table className="table rates-table">
        <caption className="visually-hidden">Suggested prices per night and room type</caption>
        <thead>
          <tr>
            <th scope="col">Accept</th>
            <th scope="col">Night</th>
            <th scope="col">Room type</th>
            <th scope="col" className="numeric">
              Current
            </th>
            <th scope="col" className="numeric">
              Suggested
            </th>
            <th scope="col" className="numeric">
              Change
            </th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {suggestions.map((s) => {
            const value = choiceValue(s);
            const label = `${s.resource_type_name} on ${formatDate(s.stay_date)}: ${money(s.current_minor)} to ${money(s.suggested_minor)}`;
            return (
              <tr
                key={`${s.stay_date}-${s.resource_type_id}`}
                data-testid={`suggestion-${s.stay_date}-${s.resource_type_name}`}
              >
                <td>
                  {s.change_minor !== 0 ? (
                    <input
                      type="checkbox"
                      name="item"
                      value={value}
                      aria-label={`Accept ${label}`}
                      checked={ticked.has(value)}
                      onChange={(event) => toggle(value, event.currentTarget.checked)}
                    />
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td>{formatDate(s.stay_date)}</td>
                <td>{s.resource_type_name}</td>
                <td className="numeric" data-testid="current">
                  {money(s.current_minor)}
                </td>
                <td className="numeric">{money(s.suggested_minor)}</td>
                <td className={`numeric ${s.change_minor > 0 ? 'rates-up' : s.change_minor < 0 ? 'rates-down' : ''}`}>
                  {s.change_minor === 0
                    ? 'no change'
                    : `${s.change_minor > 0 ? '+' : '−'}${money(Math.abs(s.change_minor))}`}
                </td>
                <td className="rates-reason">{s.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pagination
        page={page}
        pages={pages}
        href={(n) => {
          const search = new URLSearchParams(params);
          search.set('page', String(n));
          search.delete('saved');
          search.delete('accepted');
          return `?${search}`;
        }}
        labels={{ previous: '← Earlier nights', next: 'Later nights →' }}
        label="Pages of suggestions"
        preventScrollReset
      />
    </Form>
  );
}
