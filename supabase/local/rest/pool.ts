// The Data API's own connection pool. Every value the API binds is text for PostgreSQL's input
// functions to read (`true`, `2026-01-01`, `{"a":1}`), as PostgREST sends them; the driver's own
// serializers would re-encode some of them by the parameter's inferred type (a JSON string around
// JSON, 'f' for any boolean string but `true`, a Date for any date), so they are turned off here.
import postgres, { type Sql } from 'postgres';

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Types whose default serializers are replaced, by the oids postgres.js gives them. */
const TEXT_TYPES = {
  json: { to: 114, from: [114, 3802] },
  boolean: { to: 16, from: [16] },
  date: { to: 1184, from: [1082, 1114, 1184] },
  bytea: { to: 17, from: [17] },
};

export function createRestPool(dbUrl: string, max = 10): Sql {
  const types = Object.fromEntries(
    Object.entries(TEXT_TYPES).map(([name, oids]) => [name, { ...oids, serialize: asText, parse: (x: string) => x }]),
  );
  // fetch_types off: no array serializers either (array parameters are sent as literals).
  return postgres(dbUrl, { max, onnotice: () => {}, fetch_types: false, types });
}
