// The guest's stays and orders, newest first, a page at a time; dates and times are in each
// property's time zone and amounts in its currency (formatted by the loader).
import { Pagination } from '../../components/pagination.tsx';

export interface HistoryRow {
  id: string;
  kind: 'stay' | 'order';
  reference: string;
  property: string;
  timeZone: string;
  when: string;
  detail: string;
  status: string;
  amount: string;
}

interface Props {
  rows: HistoryRow[];
  total: number;
  page: number;
  pages: number;
  href: (page: number) => string;
}

export function VisitHistory({ rows, total, page, pages, href }: Props) {
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">Stays and orders</h2>
      {rows.length ? (
        <>
          <p className="muted">
            {total} {total === 1 ? 'entry' : 'entries'}, newest first. Times are in each property’s time zone.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Property</th>
                <th scope="col">What</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.when}</td>
                  <td>
                    {row.property}
                    <div className="cell-note">{row.timeZone.replaceAll('_', ' ')}</div>
                  </td>
                  <td>
                    {row.kind === 'stay' ? 'Stay' : 'Order'} {row.reference}
                    <div className="cell-note">{row.detail}</div>
                  </td>
                  <td>{row.status}</td>
                  <td className="numeric nowrap">{row.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pages={pages} href={href} />
        </>
      ) : page > 1 ? (
        <p className="empty-state">No entries on this page.</p>
      ) : (
        <p className="empty-state">
          No stays or orders yet. Bookings and orders made for this guest appear here, at every property.
        </p>
      )}
    </section>
  );
}
