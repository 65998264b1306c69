// Hostile input against /rest/v1: a few thousand requests generated with fast-check (seeded, so a
// failure replays) as a member of organization B — malformed and injected `select=` trees, filters
// with odd operators and values, `or=(…)` trees, `order=`, `on_conflict=`, `columns=`, embedded
// names and hints, Range/Prefer/Accept/Profile headers, odd JSON and CSV bodies — and a set of fixed
// injection attempts. Every answer is below 500, every error has PostgREST's body, no answer carries
// a row of organization A, A's rows are unchanged and every table still exists.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { OPERATORS } from './parse.ts';
import type { Table } from './schema-cache.ts';
import { restFetch, useRestStack, useTenants } from './test-support.ts';

const stack = useRestStack();
const tenants = useTenants(stack);

const SEED = Number(process.env.REST_FUZZ_SEED ?? 20261207);
/** Generated requests per property (five properties). */
const RUNS = Number(process.env.REST_FUZZ_RUNS ?? 600);

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

let token: string;
let tables: Table[];
let tableNames: string[];
let columnNames: string[];
let foreignKeys: { table: string; foreignTable: string; constraint: string }[];
/** Ids of organization A's rows (and the organization itself), lower-case. */
let idsOfA: Set<string>;
/** A's tenant rows as text, compared before and after. */
let snapshotOfA: () => Promise<string>;
let before: string;
const statuses = new Map<number, number>();
let requests = 0;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

beforeAll(async () => {
  token = await signJwt(stack.keys, userClaims(tenants.b.members.owner, { session_id: crypto.randomUUID() }));
  const cache = await stack.rest.cache();
  tables = [...cache.tables.values()].filter((table) => table.schema === 'public');
  tableNames = tables.map((table) => table.name);
  columnNames = [...new Set(tables.flatMap((table) => [...table.columns.keys()]))];
  foreignKeys = cache.foreignKeys
    .filter((key) => key.table.schema === 'public' && key.foreignTable.schema === 'public')
    .map((key) => ({ table: key.table.name, foreignTable: key.foreignTable.name, constraint: key.constraint }));
  const tenantTables = await stack.admin<{ name: string; column: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name,
      case when c.relname = 'organizations' and n.nspname = 'public' then 'id' else 'organization_id' end as column
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any (${stack.config.api.schemas})
      and (exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'organization_id' and not x.attisdropped)
           or (n.nspname, c.relname) = ('public', 'organizations'))
    order by 1`;
  const select = tenantTables
    .map(
      ({ name, column }) => `select '${name}' as t, to_jsonb(x)::text as row from ${name} x where x."${column}" = $1`,
    )
    .join(' union all ');
  snapshotOfA = async () => {
    const rows = await stack.admin.unsafe(`select t, row from (${select}) s order by t, row`, [
      tenants.a.organizationId,
    ]);
    return rows.map((row) => `${row.t} ${row.row}`).join('\n');
  };
  before = await snapshotOfA();
  // Every uuid in A's rows, minus those B's rows share (users appear in both only if shared).
  const idsOfB = new Set(
    (await stack.admin.unsafe(`select t, row from (${select}) s`, [tenants.b.organizationId]))
      .flatMap((row) => String(row.row).match(UUID) ?? [])
      .map((id) => id.toLowerCase()),
  );
  idsOfA = new Set((before.match(UUID) ?? []).map((id) => id.toLowerCase()).filter((id) => !idsOfB.has(id)));
  idsOfA.add(tenants.a.organizationId.toLowerCase());
  expect(idsOfA.size).toBeGreaterThan(10);
});

/** Sends one request as B's owner and checks the invariants of every answer. */
async function send(request: Sent): Promise<{ status: number; text: string }> {
  const response = await restFetch(stack, request.path, {
    method: request.method,
    token,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  requests += 1;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const what = `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body ?? ''} → ${response.status} ${text.slice(0, 500)}`;
  expect(response.status, what).toBeLessThan(500);
  // No id of A's that the request did not name itself comes back, in a row or in an error.
  const answered = `${text} ${response.headers.get('location') ?? ''}`;
  expect(leaksOfA(answered, request), `an id of A in the answer: ${what}`).toEqual([]);
  if (response.status >= 200 && response.status < 300) {
    expect(text.toLowerCase(), what).not.toContain(tenants.a.organizationId.toLowerCase());
  }
  // A request line past Node's 16 KiB header limit is refused by the HTTP parser itself, before the
  // gateway: 431 without a body (hosted Supabase's proxy answers such a URL with 414).
  if (response.status === 431) {
    expect(text, what).toBe('');
    return { status: 431, text };
  }
  if (response.status >= 400 && request.method !== 'HEAD') {
    const body = JSON.parse(text) as Record<string, unknown>;
    // A path that leaves /rest/v1 (`/rest/v1/..`) is the gateway's own 404, as Kong answers it.
    if (response.status === 404 && body.message === 'no Route matched with those values') return { status: 404, text };
    expect(Object.keys(body).sort(), what).toEqual(['code', 'details', 'hint', 'message']);
    expect(body.code, what).toEqual(expect.any(String));
    if (process.env.REST_FUZZ_DEBUG)
      console.log(`fuzz-code ${response.status} ${body.code} ${String(body.message).slice(0, 80)}`);
    expect(body.message, what).toEqual(expect.any(String));
  }
  return { status: response.status, text };
}

/** The ids of A's rows in `answered` that `request` did not name itself. */
function leaksOfA(answered: string, request: Sent): string[] {
  const asked = `${decodeSafely(request.path)} ${request.body ?? ''}`.toLowerCase();
  return (answered.match(UUID) ?? [])
    .map((id) => id.toLowerCase())
    .filter((id) => idsOfA.has(id) && !asked.includes(id));
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---- generators ----------------------------------------------------------------------------

const HOSTILE = [
  'id;drop table public.organizations',
  "id'; drop table x; --",
  '"',
  '""',
  '"id"',
  '"id;select 1"',
  "'",
  '\\',
  '\\"',
  ';',
  '--',
  '/*',
  '*/',
  ')',
  '(',
  '((',
  '))',
  ',',
  '.',
  '..',
  '...',
  ':',
  '::',
  '::text;select 1',
  '::text)--',
  '->',
  '->>',
  "->'a'",
  '->>0;select',
  '!',
  '!inner',
  '!left',
  '!hint!hint',
  '*',
  '**',
  '[',
  ']',
  '{',
  '}',
  '$1',
  '$$',
  '%',
  '%00',
  '\u0000',
  '\u202e',
  '\ud83d\ude00',
  'é',
  '\u00a0',
  '\t',
  ' ',
  'or 1=1',
  'pg_sleep(10)',
  'now()',
  'select',
  'count()',
  'id.count()',
  'pg_catalog.pg_authid',
  'auth.users',
  'organizations',
  'x'.repeat(300),
  'a'.repeat(70),
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/** The generators for requests on `table`: built once the schema and A's ids are known. */
function generators(table: string) {
  const own = [...(tables.find((t) => t.name === table)?.columns.keys() ?? [])];
  const related = relatedNames(table);
  /** A name: a real column or table (to reach SQL), or something hostile. */
  const name = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...own) },
      { weight: 1, arbitrary: fc.constantFrom(...columnNames) },
      { weight: 2, arbitrary: fc.constantFrom(...related) },
      { weight: 3, arbitrary: fragment },
      { weight: 2, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...own), fragment).map(([a, b]) => a + b) },
    );

  const jsonPath = () =>
    fc
      .array(
        fc.tuple(
          fc.constantFrom('->', '->>', '-', '>'),
          fc.oneof(fragment, fc.integer({ min: -5, max: 5 }).map(String)),
        ),
        {
          maxLength: 4,
        },
      )
      .map((steps) => steps.map(([op, key]) => op + key).join(''));

  const cast = fc.oneof(
    fc.constant(''),
    fc.constantFrom(
      '::text',
      '::int',
      '::json',
      '::regclass',
      '::void',
      '::record',
      '::uuid',
      '::text[]',
      '::',
      '::a b',
    ),
    fragment.map((type) => `::${type}`),
  );

  const { item: selectItem } = fc.letrec<{ item: string; list: string }>((tie) => ({
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant('*'),
      fc.tuple(name(), jsonPath(), cast).map(([n, path, c]) => `${n}${path}${c}`),
      fc.tuple(name(), name()).map(([alias, n]) => `${alias}:${n}`),
      fc
        .tuple(
          fc.constantFrom('', '...'),
          fc.oneof(fc.constantFrom(...related), fc.constantFrom(...related), name()),
          fc.constantFrom('', '!inner', '!left', '!fk', '!organization_id', '!inner!left', '!'),
          fc.oneof(
            fc.constant(''),
            name().map((hint) => `!${hint}`),
          ),
          tie('list'),
        )
        .map(([spread, n, join, hint, list]) => `${spread}${n}${hint}${join}(${list})`),
      fragment,
    ),
    list: fc.array(tie('item'), { minLength: 0, maxLength: 4 }).map((items) => items.join(',')),
  }));

  const selectParam = fc.oneof(
    { weight: 6, arbitrary: fc.array(selectItem, { minLength: 1, maxLength: 5 }).map((items) => items.join(',')) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 40 })
        .map((depth) => `${'organizations('.repeat(depth)}id${')'.repeat(depth)}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 2000 }).map((n) => Array.from({ length: n }, () => 'id').join(',')),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 60, max: 80 })
        .map((n) => Array.from({ length: n }, (_, i) => `e${i}:organizations(id)`).join(',')),
    },
  );

  /** Values: ordinary, hostile, and ids of A (B filtering on them must find nothing). */
  const value = () =>
    fc.oneof(
      { weight: 2, arbitrary: fragment },
      { weight: 2, arbitrary: fc.constantFrom(...idsOfA) },
      { weight: 1, arbitrary: fc.constant(tenants.a.organizationId) },
      { weight: 1, arbitrary: fc.integer().map(String) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'null',
          'true',
          'false',
          'not_null',
          'unknown',
          '',
          '{}',
          '[]',
          '()',
          '(1,2)',
          '{a,b}',
          '[1,2)',
          "' or '1'='1",
          '.*',
          '(a|a)*',
          '1e309',
          '-0',
          'NaN',
          'infinity',
          '{{{{{{{1}}}}}}}',
          `${'!'.repeat(40)}a`,
          `${'- '.repeat(40)}a`,
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.oneof(fragment, fc.constantFrom(...idsOfA)), { maxLength: 4 })
          .map((items) => `(${items.join(',')})`),
      },
      { weight: 1, arbitrary: fc.array(fragment, { maxLength: 4 }).map((items) => `{${items.join(',')}}`) },
    );

  const operator = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...OPERATORS) },
    { weight: 1, arbitrary: fragment },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'eq;',
        'EQ',
        'eq ',
        'or',
        'and',
        'not',
        'not.not',
        'in;',
        'like--',
        'fts(english)',
        'fts(x;drop)',
        'eq(any)',
        'eq(all)',
        'in(any)',
        'is(x)',
      ),
    },
  );

  const operation = () =>
    fc
      .tuple(
        fc.constantFrom('', 'not.'),
        operator,
        fc.oneof(fc.constant(''), fc.constantFrom('(any)', '(all)', '(english)', '(simple)', '()', '(x y)')),
        value(),
      )
      .map(([not, op, modifier, v]) => `${not}${op}${modifier}.${v}`);

  const filterKey = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(name(), jsonPath()).map(([n, path]) => n + path) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...related), name()).map(([t, n]) => `${t}.${n}`) },
    );

  const { tree: logicTree } = fc.letrec<{ tree: string; child: string }>((tie) => ({
    tree: fc.array(tie('child'), { maxLength: 4 }).map((children) => `(${children.join(',')})`),
    child: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(filterKey(), operation()).map(([key, op]) => `${key}.${op}`),
      fc.tuple(fc.constantFrom('or', 'and', 'not.or', 'not.and', 'xor'), tie('tree')).map(([op, t]) => op + t),
      fragment,
    ),
  }));

  const orderParam = fc
    .array(
      fc.oneof(
        fc
          .tuple(
            name(),
            jsonPath(),
            fc.constantFrom('', '.asc', '.desc', '.nullsfirst', '.desc.nullslast', '.up', '.asc;drop', '..'),
          )
          .map(([n, path, d]) => n + path + d),
        fc.tuple(fc.constantFrom(...related), name()).map(([t, n]) => `${t}(${n})`),
        fragment,
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((terms) => terms.join(','));

  const nameList = fc.array(name(), { minLength: 0, maxLength: 4 }).map((names) => names.join(','));

  /** Query parameters: pairs, encoded (mostly) or raw. */
  /** Well-formed parameters on real columns and relationships, so that requests reach SQL. */
  const column = fc.constantFrom(...own);
  const embed = fc.constantFrom(...related);
  const clean = fc.array(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc
          .array(
            fc.oneof(
              column,
              embed.map((e) => `${e}(*)`),
              fc.constant('*'),
            ),
            { minLength: 1, maxLength: 4 },
          )
          .map((items) => ['select', items.join(',')] as const),
      },
      {
        weight: 4,
        arbitrary: fc
          .tuple(column, fc.constantFrom('', 'not.'), fc.constantFrom(...OPERATORS), value())
          .map(([c, not, op, v]) => [c, `${not}${op}.${v}`] as const),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(column, fc.constantFrom('.asc', '.desc', '.desc.nullslast', ''))
          .map(([c, d]) => ['order', c + d] as const),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(column, column, value())
          .map(([x, y, v]) => ['or', `(${x}.eq.${v},${y}.is.null,and(${x}.neq.${v},${y}.not.is.null))`] as const),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('limit', 'offset'), fc.nat({ max: 50 }).map(String)) },
      {
        weight: 1,
        arbitrary: fc.array(column, { minLength: 1, maxLength: 3 }).map((c) => ['on_conflict', c.join(',')] as const),
      },
    ),
    { maxLength: 4 },
  );

  const hostileParams = () =>
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: selectParam.map((v) => ['select', v] as const) },
        { weight: 4, arbitrary: fc.tuple(filterKey(), operation()) },
        {
          weight: 2,
          arbitrary: fc.tuple(
            fc.constantFrom('or', 'and', 'not.or', 'not.and', 'organizations.or', 'x.and'),
            logicTree,
          ),
        },
        { weight: 2, arbitrary: orderParam.map((v) => ['order', v] as const) },
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.constantFrom('limit', 'offset', 'organizations.limit', 'x.offset'),
            fc.oneof(
              fc.nat().map(String),
              fragment,
              fc.constantFrom('-1', '1e3', '999999999999999', '9999999999999999999'),
            ),
          ),
        },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('columns', 'on_conflict'), nameList) },
        { weight: 1, arbitrary: fc.tuple(name(), fragment) },
      ),
      { maxLength: 5 },
    );

  const queryParams = () => fc.oneof({ weight: 2, arbitrary: clean }, { weight: 3, arbitrary: hostileParams() });

  const headerValue = (choices: string[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...choices) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')) },
    );

  const someHeaders = fc.record(
    {
      Range: headerValue([
        '0-9',
        '5-',
        '10-5',
        'items=0-0',
        '0-999999999999999',
        '-1-3',
        'bytes=0-1',
        'a-b',
        '0-0,2-3',
      ]),
      Prefer: fc
        .array(
          headerValue([
            'count=exact',
            'count=planned',
            'count=estimated',
            'return=representation',
            'return=minimal',
            'return=headers-only',
            'resolution=merge-duplicates',
            'resolution=ignore-duplicates',
            'missing=default',
            'handling=strict',
            'handling=lenient',
            'tx=rollback',
            'tx=commit',
            'max-affected=1',
            'max-affected=-1',
            'params=single-object',
            'timezone=Mars/Olympus',
            'count=exact;drop',
            'valueOf',
            'constructor=x',
            '__proto__=return',
            'toString',
            'hasOwnProperty=1',
          ]),
          { maxLength: 4 },
        )
        .map((items) => items.join(', ')),
      Accept: headerValue([
        'application/json',
        'application/vnd.pgrst.object+json',
        'application/vnd.pgrst.object+json;nulls=stripped',
        'application/vnd.pgrst.array+json;nulls=stripped',
        'text/csv',
        'application/openapi+json',
        'application/geo+json',
        'text/plain',
        '*/*',
        'application/*;q=0.1, text/html',
        '',
      ]),
      'Accept-Profile': headerValue([
        'public',
        'graphql_public',
        'auth',
        'pg_catalog',
        'private',
        'storage',
        'public;drop',
      ]),
      'Content-Profile': headerValue(['public', 'public', 'public', 'graphql_public', 'auth', 'extensions', '']),
      'Content-Type': headerValue([
        'application/json',
        'text/csv',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'application/vnd.pgrst.object+json',
        'text/plain',
      ]),
    },
    { requiredKeys: [] },
  );

  const jsonValue = fc.jsonValue({ maxDepth: 3 });

  const body = () =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.dictionary(name(), fc.oneof(jsonValue, value()), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
      },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.dictionary(name(), fc.oneof(jsonValue, value()), { maxKeys: 3 }), { maxLength: 3 })
          .map((a) => JSON.stringify(a)),
      },
      { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '',
          '{',
          '[',
          'null',
          '[]',
          '[{}]',
          '[{}, {"id": 1}]',
          '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
          '{"__proto__": {"polluted": true}}',
          '{"constructor": {"prototype": {"x": 1}}}',
          '{"id\\u0000x": 1}',
          '{"name": "\\u0000"}',
          '{"name": "\\ud800"}',
          '{"id": 1e400}',
          '{"id": -0}',
          `{"organization_id": "${tenants.a.organizationId}"}`,
          `{"id": "${tenants.a.organizationId}", "name": "taken"}`,
          'a,b\n1,2\n3',
          '"a\n"b',
          'id\n\u0000',
          '\ufeff{}',
          `{"address": ${'['.repeat(20000)}${']'.repeat(20000)}}`,
          `[{"name": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]`,
          '{"tags": "{{{{{{{1}}}}}}}", "name": "{{{{{{{1}}}}}}}"}',
        ),
      },
    );

  const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS');
  const headers = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 3, arbitrary: someHeaders });

  const cleanFilter = fc
    .tuple(
      column,
      fc.constantFrom('', 'not.'),
      fc.constantFrom(...OPERATORS),
      fc.constantFrom('', '(any)', '(all)'),
      value(),
    )
    .map(([c, not, op, modifier, v]) => [c, `${not}${op}${modifier}.${v}`] as const);

  return { cleanFilter, name, value, selectParam, operation, filterKey, logicTree, queryParams, headers, body, method };
}

const built = new Map<string, ReturnType<typeof generators>>();
const g = (table: string) => {
  let found = built.get(table);
  if (!found) {
    found = generators(table);
    built.set(table, found);
  }
  return found;
};

/** Tables `table` has a foreign key with (either way), and their constraint names (as hints). */
function relatedNames(table: string): string[] {
  const names = new Set<string>();
  for (const key of foreignKeys) {
    if (key.table === table) names.add(key.foreignTable).add(`${key.foreignTable}!${key.constraint}`);
    if (key.foreignTable === table) names.add(key.table).add(`${key.table}!${key.constraint}`);
  }
  return names.size ? [...names] : tableNames;
}

function queryString(params: readonly (readonly [string, string])[], raw: boolean): string {
  if (params.length === 0) return '';
  const encode = (text: string) => (raw ? text.replace(/[#&\s?=]/g, encodeURIComponent) : encodeURIComponent(text));
  return `?${params.map(([key, v]) => `${encode(key)}=${encode(v)}`).join('&')}`;
}

function request(
  m: string,
  target: string,
  params: readonly (readonly [string, string])[],
  raw: boolean,
  h: Record<string, string>,
  b: string | undefined,
): Sent {
  return {
    method: m,
    path: `/${encodeURIComponent(target)}${queryString(params, raw)}`,
    headers: h,
    body: m === 'GET' || m === 'HEAD' ? undefined : b,
  };
}

describe('fuzzing /rest/v1 as a member of B', () => {
  it("sees A's rows when an answer holds them (the leak check is not vacuous)", async () => {
    const asA = await signJwt(stack.keys, userClaims(tenants.a.members.owner));
    const response = await restFetch(stack, '/bookings?select=*,resources(*),guests(*)', { token: asA });
    expect(response.status).toBe(200);
    expect(leaksOfA(await response.text(), { method: 'GET', path: '/bookings', headers: {} }).length).toBeGreaterThan(
      3,
    );
  });

  /** A property over a table and what `build` generates for it. */
  const onTable = <T>(build: (table: string) => fc.Arbitrary<T>) =>
    fc.constantFrom(...tableNames).chain((table) => fc.tuple(fc.constant(table), build(table)));

  it('answers hostile reads below 500, without A', async () => {
    await fc.assert(
      fc.asyncProperty(
        onTable((t) =>
          fc.tuple(g(t).queryParams(), fc.boolean(), g(t).headers, fc.constantFrom('GET', 'GET', 'GET', 'HEAD')),
        ),
        async ([table, [params, raw, h, m]]) => {
          await send(request(m, table, params, raw, h as Record<string, string>, undefined));
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('answers hostile select trees below 500, without A', async () => {
    await fc.assert(
      fc.asyncProperty(
        onTable((t) => fc.tuple(g(t).selectParam, fc.boolean())),
        async ([table, [select, raw]]) => {
          await send(request('GET', table, [['select', select]], raw, {}, undefined));
        },
      ),
      { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('answers hostile filters and logic trees below 500, without A', async () => {
    await fc.assert(
      fc.asyncProperty(
        onTable((t) =>
          fc.array(
            fc.oneof(
              fc.tuple(g(t).filterKey(), g(t).operation()),
              g(t).cleanFilter,
              fc.tuple(fc.constantFrom('or', 'and', 'not.or', 'not.and'), g(t).logicTree),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        ),
        async ([table, params]) => {
          await send(request('GET', table, params, false, {}, undefined));
        },
      ),
      { seed: SEED + 2, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('answers hostile writes (upserts, on_conflict, columns, bodies) below 500, without touching A', async () => {
    await fc.assert(
      fc.asyncProperty(
        onTable((t) => fc.tuple(g(t).method, g(t).queryParams(), g(t).headers, g(t).body(), fc.boolean())),
        async ([table, [m, params, h, b, rollback]]) => {
          const headers = h as Record<string, string>;
          const withRollback = rollback
            ? { ...headers, Prefer: [headers.Prefer, 'tx=rollback'].filter(Boolean).join(', ') }
            : headers;
          await send(request(m, table, params, false, withRollback, b));
        },
      ),
      { seed: SEED + 3, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('answers hostile GET RPC calls and paths below 500', async () => {
    const cache = await stack.rest.cache();
    const functions = [...cache.functions.keys()].filter((key) => key.startsWith('public.')).map((key) => key.slice(7));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...functions).map((fn) => `rpc/${fn}`),
          fragment.map((segment) => `rpc/${encodeURIComponent(segment)}`),
          fragment.map((segment) => encodeURIComponent(segment)),
          fc.constantFrom(
            'rpc',
            'rpc/',
            'rpc/a/b',
            '%ZZ',
            '%00',
            '..%2F..%2Fauth%2Fusers',
            'organizations/1',
            '%2e%2e',
          ),
        ),
        fc.array(fc.tuple(g('organizations').name(), fc.oneof(g('organizations').value(), fragment)), { maxLength: 4 }),
        g('organizations').headers,
        async (path, params, h) => {
          const query = queryString(params, false);
          await send({ method: 'GET', path: `/${path}${query}`, headers: h as Record<string, string> });
        },
      ),
      { seed: SEED + 4, numRuns: Math.round(RUNS / 2), endOnFailure: true },
    );
  });

  it('answers RPC calls with hostile arguments, bodies and modifiers below 500 (rolled back)', async () => {
    const cache = await stack.rest.cache();
    const overloads = [...cache.functions.values()].flat().filter((fn) => fn.schema === 'public');
    const g0 = g('organizations');
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...overloads)
          .chain((fn) =>
            fc.tuple(
              fc.constant(fn.name),
              fc.dictionary(
                fc.oneof(
                  { weight: 4, arbitrary: fc.constantFrom(...fn.inputs.map((arg) => arg.name).concat('x')) },
                  { weight: 1, arbitrary: g0.name() },
                ),
                fc.oneof(g0.value(), fc.jsonValue({ maxDepth: 2 })),
                { maxKeys: 4 },
              ),
            ),
          ),
        fc.constantFrom('GET', 'POST', 'POST', 'HEAD'),
        g0.queryParams(),
        g0.headers,
        async ([fn, args], m, params, h) => {
          const headers = { ...(h as Record<string, string>) };
          headers.Prefer = [headers.Prefer, 'tx=rollback'].filter(Boolean).join(', ');
          if (m === 'POST') {
            headers['Content-Type'] = 'application/json';
            await send({
              method: m,
              path: `/rpc/${encodeURIComponent(fn)}${queryString(params, false)}`,
              headers,
              body: JSON.stringify(args),
            });
          } else {
            const query = [
              ...Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const),
              ...params,
            ];
            await send({ method: m, path: `/rpc/${encodeURIComponent(fn)}${queryString(query, false)}`, headers });
          }
        },
      ),
      { seed: SEED + 5, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('refuses fixed injection attempts with 4xx, and every table is still there', async () => {
    const a = tenants.a.organizationId;
    const cases: Sent[] = [
      {
        method: 'GET',
        path: `/organizations?select=${encodeURIComponent('id;drop table public.organizations')}`,
        headers: {},
      },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('"id;drop table x"')}`, headers: {} },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('id::text;select 1')}`, headers: {} },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('id::text);drop table x;--')}`, headers: {} },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('x:id")) from auth.users;--')}`, headers: {} },
      {
        method: 'GET',
        path: `/organizations?select=${encodeURIComponent("name->>'a'); drop table x;--")}`,
        headers: {},
      },
      {
        method: 'GET',
        path: `/organizations?select=${encodeURIComponent('name->"a\'); drop table x;--"')}`,
        headers: {},
      },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('users(*)')}`, headers: {} },
      { method: 'GET', path: `/organizations?select=${encodeURIComponent('memberships!inner;drop(*)')}`, headers: {} },
      { method: 'GET', path: `/organizations?order=${encodeURIComponent('id;drop table x')}`, headers: {} },
      { method: 'GET', path: `/organizations?order=${encodeURIComponent('(select 1)')}`, headers: {} },
      { method: 'GET', path: `/organizations?order=${encodeURIComponent('id.desc;select pg_sleep(5)')}`, headers: {} },
      { method: 'GET', path: `/organizations?${encodeURIComponent('id;drop table x')}=eq.1`, headers: {} },
      { method: 'GET', path: `/organizations?id=${encodeURIComponent("eq.1' or '1'='1")}`, headers: {} },
      { method: 'GET', path: `/organizations?id=${encodeURIComponent(`in.(${a}) or true`)}`, headers: {} },
      { method: 'GET', path: `/organizations?or=${encodeURIComponent(`(id.eq.${a},true)`)}`, headers: {} },
      { method: 'GET', path: `/organizations?or=${encodeURIComponent('(id.eq.1);drop table x;--')}`, headers: {} },
      { method: 'GET', path: `/organizations?id=${encodeURIComponent('fts(english);drop.x')}`, headers: {} },
      { method: 'GET', path: '/organizations?select=id%00', headers: {} },
      { method: 'GET', path: '/organizations?select=a%00:id', headers: {} },
      { method: 'GET', path: '/organizations?name=eq.%00', headers: {} },
      { method: 'GET', path: '/organizations?select=name-%3E%3E%00', headers: {} },
      {
        method: 'POST',
        path: `/properties?on_conflict=${encodeURIComponent('id) do update set organization_id = null;--')}`,
        headers: { 'Content-Type': 'application/json', Prefer: 'resolution=merge-duplicates' },
        body: JSON.stringify({ name: 'x' }),
      },
      {
        method: 'POST',
        path: `/properties?columns=${encodeURIComponent('name,organization_id) select 1;--')}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x' }),
      },
      {
        method: 'POST',
        path: '/properties',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ 'name") values (1);drop table x;--': 'x' }),
      },
      {
        method: 'PATCH',
        path: `/properties?id=eq.${tenants.a.propertyIds[0]}`,
        headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
        body: JSON.stringify({ 'name" = null;--': 'x' }),
      },
      {
        method: 'DELETE',
        path: `/properties?${encodeURIComponent('id;delete from properties;--')}=eq.1`,
        headers: {},
      },
    ];
    // Values past PostgreSQL's own limits: 4xx, not the 500 PostgreSQL's error class would give.
    const J = { 'Content-Type': 'application/json', Prefer: 'tx=rollback' };
    const property = tenants.b.propertyIds[0];
    const limits: Sent[] = [
      { method: 'GET', path: `/guests?tags=cs.${encodeURIComponent('{{{{{{{1}}}}}}}')}`, headers: {} },
      { method: 'GET', path: `/guests?tags=eq.${encodeURIComponent('{{{{{{{1}}}}}}}')}`, headers: {} },
      { method: 'GET', path: `/properties?name=fts.${'!'.repeat(40)}a`, headers: {} },
      { method: 'GET', path: `/properties?name=fts(english).${'!'.repeat(40)}a`, headers: {} },
      { method: 'GET', path: `/properties?name=wfts.${'-'.repeat(40)}a`, headers: {} },
      {
        method: 'PATCH',
        path: `/properties?id=eq.${property}`,
        headers: J,
        body: `{"address": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      },
      { method: 'POST', path: '/properties', headers: J, body: `[${'['.repeat(100000)}${']'.repeat(100000)}]` },
      {
        method: 'POST',
        path: '/rpc/search_availability',
        headers: J,
        body: `{"p_property_id": ${'['.repeat(100000)}${']'.repeat(100000)}}`,
      },
    ];
    for (const request of limits) {
      const { status, text } = await send(request);
      expect(status, `${request.method} ${request.path.slice(0, 80)}: ${text}`).toBe(400);
    }
    // Wider than PostgreSQL's 1664-entry select list: the request's fault, not the server's.
    cases.push(
      {
        method: 'GET',
        path: `/organizations?select=${Array.from({ length: 2000 }, () => 'id').join(',')}`,
        headers: {},
      },
      {
        method: 'GET',
        path: `/properties?select=${Array.from({ length: 64 }, () => '...bookings(*)').join(',')}`,
        headers: {},
      },
    );
    for (const request of cases) {
      const { status } = await send(request);
      expect(status, `${request.method} ${request.path}`).toBeGreaterThanOrEqual(400);
    }
    // Preferences named like Object.prototype's keys are unknown preferences, not a crash.
    const lenient = await send({
      method: 'GET',
      path: '/organizations',
      headers: { Prefer: 'valueOf, constructor=x, __proto__=count' },
    });
    expect(lenient.status).toBe(200);
    const strict = await send({
      method: 'GET',
      path: '/organizations',
      headers: { Prefer: 'handling=strict, toString' },
    });
    expect(strict.status).toBe(400);
    expect(JSON.parse(strict.text).code).toBe('PGRST122');
    // An estimated count of a function's rows binds the function's arguments too (was 400 42P02).
    const search = `p_property_id=${tenants.b.propertyIds[0]}&p_arrival=2030-01-01&p_departure=2030-01-03&p_party_size=1`;
    for (const count of ['planned', 'estimated', 'exact']) {
      const counted = await send({
        method: 'GET',
        path: `/rpc/search_availability?${search}`,
        headers: { Prefer: `count=${count}` },
      });
      expect(counted.status, `count=${count}: ${counted.text}`).toBeLessThan(300);
    }
    const missing = await stack.admin`
      select t from unnest(${tableNames}::text[]) t where to_regclass(format('public.%I', t)) is null`;
    expect(missing).toEqual([]);
  });

  it("left A's rows as they were, and counts what it sent", async () => {
    expect(await snapshotOfA()).toBe(before);
    const summary = Object.fromEntries([...statuses.entries()].sort(([x], [y]) => x - y));
    console.log(`fuzz: ${requests} requests, statuses ${JSON.stringify(summary)}`);
    expect(requests).toBeGreaterThan(RUNS * 4);
  });
});
