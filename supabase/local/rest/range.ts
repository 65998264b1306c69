// Paging as PostgREST reads it: `limit`/`offset` parameters or a `Range: a-b` header (items), capped
// by [api].max_rows, and the `Content-Range`/status of the answer (200, 206, 416).
import { RestError } from './errors.ts';

export interface Paging {
  limit: number | null;
  offset: number;
}

/** The root's paging from its parameters and the Range header. */
export function pagingOf(
  limit: number | null,
  offset: number | null,
  rangeHeader: string | undefined,
  maxRows: number,
): Paging {
  let lower = offset ?? 0;
  let count = limit;
  const match = rangeHeader ? /^(?:items=)?\s*(\d{1,15})-(\d{0,15})\s*$/.exec(rangeHeader) : null;
  if (match) {
    const from = Number(match[1]);
    const to = match[2] === '' ? null : Number(match[2]);
    if (to !== null && to < from) {
      throw new RestError(416, {
        code: 'PGRST103',
        message: 'Requested range not satisfiable',
        details: `The lower boundary must be lower than or equal to the upper boundary in the Range header.`,
      });
    }
    lower = offset ?? from;
    const fromHeader = to === null ? null : to - from + 1;
    count = count === null ? fromHeader : fromHeader === null ? count : Math.min(count, fromHeader);
  }
  const capped = count === null ? maxRows : Math.min(count, maxRows);
  return { limit: capped, offset: lower };
}

/** `Content-Range` and the status for `rows` rows at `offset` out of `total` (null: not counted). */
export function rangeAnswer(
  offset: number,
  rows: number,
  total: number | null,
): { status: number; contentRange: string } {
  const range = rows > 0 ? `${offset}-${offset + rows - 1}` : '*';
  const contentRange = `${range}/${total === null ? '*' : total}`;
  if (total === null) return { status: 200, contentRange };
  if (offset > 0 && offset >= total && !(offset === 0 && total === 0)) {
    throw new RestError(
      416,
      {
        code: 'PGRST103',
        message: 'Requested range not satisfiable',
        details: `An offset of ${offset} was requested, but there are only ${total} rows.`,
      },
      { 'Content-Range': `*/${total}` },
    );
  }
  return { status: rows < total ? 206 : 200, contentRange };
}
