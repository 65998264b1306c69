// fast-check arbitraries for hostile HTTP requests against the local stack (issue 12's fuzz):
// real routes of Auth, Storage, Realtime (HTTP) and Functions, with NUL bytes, malformed
// percent-escapes, CR/LF, lone surrogates, huge bodies and headers, wrong content types, broken
// JSON and multipart, and every kind of credential. A request is plain data, sent by the test.
import fc from 'fast-check';

export interface HostileRequest {
  method: string;
  /** Path and query, already percent-encoded as they go on the wire (may be malformed on purpose). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Credentials a request may carry; filled in by the test with the stack's keys and tokens. */
export interface Credentials {
  publishable: string;
  secret: string;
  serviceRoleJwt: string;
  userJwt: string;
}

/** Path segments as sent on the wire: hostile escapes and plain fuzz. */
const rawSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '%E0%A4%A',
    '%zz',
    '%',
    '%%',
    '%ff%fe',
    '%C0%AF',
    '%ED%A0%80', // an encoded lone surrogate
    '..',
    '%2e%2e',
    'a%0d%0ab',
    '%0a',
    '%5c',
    '%2F',
    'fuzz',
    'ok.txt',
    'x'.repeat(2000),
    '%F0%9F%92%A9',
  ),
  fc.string({ maxLength: 24 }).map((text) => encodeURIComponent(text)),
  fc.string({ unit: 'binary', maxLength: 12 }).map((text) => {
    try {
      return encodeURIComponent(text);
    } catch {
      return '%ED%B0%80'; // lone surrogates cannot be encoded: send one encoded by hand
    }
  }),
);

/** Strings for JSON fields and headers-as-fields: NUL, CR/LF, surrogates, long, plausible. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'x\r\nSet-Cookie: a=b',
    '\r\n',
    '\ud800',
    'max-age=1\r\nX-Evil: 1',
    'text/html\r\nX: y',
    'image/SVG+xml',
    'xx:;x@x.x',
    'user@example.com',
    'https://evil.example/\r\n',
    '../../etc/passwd',
    'y'.repeat(10_000),
    '',
    ' ',
    'fuzz',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Objects with the field names the services read, filled with hostile values. */
const FIELD_NAMES = [
  'email',
  'password',
  'phone',
  'token',
  'token_hash',
  'type',
  'redirect_to',
  'data',
  'refresh_token',
  'code',
  'prefix',
  'limit',
  'offset',
  'search',
  'sortBy',
  'bucketId',
  'sourceKey',
  'destinationKey',
  'destinationBucket',
  'metadata',
  'expiresIn',
  'paths',
  'prefixes',
  'id',
  'name',
  'public',
  'file_size_limit',
  'allowed_mime_types',
  'messages',
  'topic',
  'event',
  'payload',
  'private',
  'user_metadata',
  'app_metadata',
];

const jsonObject = fc.dictionary(fc.constantFrom(...FIELD_NAMES), jsonValue, { maxKeys: 6 });

function encodeJson(value: unknown): Buffer {
  // JSON.stringify writes a lone surrogate as an escape: still valid JSON, hostile content.
  return Buffer.from(JSON.stringify(value));
}

const body: fc.Arbitrary<{ contentType: string | null; data: Buffer } | null> = fc.oneof(
  { weight: 4, arbitrary: jsonObject.map((value) => ({ contentType: 'application/json', data: encodeJson(value) })) },
  { weight: 2, arbitrary: jsonValue.map((value) => ({ contentType: 'application/json', data: encodeJson(value) })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{', '{"a":', '\u0000', '{"email":"a\\u0000"}', '[[[[[[[[[[', 'nul\u0000l', '{"a":"\\ud800"}')
      .map((text) => ({ contentType: 'application/json', data: Buffer.from(text) })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      // Over every JSON limit (1 MiB); sent rarely, they are the expensive ones.
      { contentType: 'application/json', data: Buffer.from(`{"prefix":"${'z'.repeat(1_100_000)}"}`) },
      { contentType: 'application/octet-stream', data: Buffer.alloc(300_000, 7) },
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ cacheControl: hostileText, contentType: hostileText, metadata: hostileText })
      .map((fields) => multipart(fields)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { contentType: 'multipart/form-data', data: Buffer.from('--x\r\n') },
      {
        contentType: 'multipart/form-data; boundary=x',
        data: Buffer.from('--x\r\nContent-Disposition: form-data\r\n'),
      },
      { contentType: 'text/plain', data: Buffer.from('plain \u0000 text') },
      {
        contentType: 'image/SVG+xml',
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
      },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

function multipart(fields: Record<string, string>): { contentType: string; data: Buffer } {
  const boundary = 'fuzzboundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file = `--${boundary}\r\nContent-Disposition: form-data; name=""; filename="f"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, data: Buffer.from(parts.join('') + file) };
}

/** Route templates per service: `{s}` is a fuzzed segment, `{b}` the fuzz bucket, `{k}` a key. */
const ROUTES: [string, string][] = [
  // Auth
  ['POST', '/auth/v1/signup'],
  ['POST', '/auth/v1/token?grant_type=password'],
  ['POST', '/auth/v1/token?grant_type=refresh_token'],
  ['POST', '/auth/v1/token?grant_type={s}'],
  ['POST', '/auth/v1/otp'],
  ['POST', '/auth/v1/magiclink'],
  ['POST', '/auth/v1/recover'],
  ['POST', '/auth/v1/resend'],
  ['POST', '/auth/v1/verify'],
  ['GET', '/auth/v1/verify?token={s}&type=signup&redirect_to={s}'],
  ['GET', '/auth/v1/verify?token={s}&type={s}'],
  ['GET', '/auth/v1/user'],
  ['PUT', '/auth/v1/user'],
  ['POST', '/auth/v1/logout'],
  ['GET', '/auth/v1/settings'],
  ['GET', '/auth/v1/{s}'],
  ['POST', '/auth/v1/invite'],
  ['GET', '/auth/v1/admin/users'],
  ['POST', '/auth/v1/admin/users'],
  ['GET', '/auth/v1/admin/users/{s}'],
  ['PUT', '/auth/v1/admin/users/{s}'],
  ['DELETE', '/auth/v1/admin/users/{s}'],
  ['POST', '/auth/v1/admin/generate_link'],
  ['POST', '/auth/v1/factors'],
  ['POST', '/auth/v1/factors/{s}/verify'],
  // Storage
  ['GET', '/storage/v1/bucket'],
  ['GET', '/storage/v1/bucket?search={s}&sortColumn={s}&limit={s}'],
  ['POST', '/storage/v1/bucket'],
  ['GET', '/storage/v1/bucket/{s}'],
  ['PUT', '/storage/v1/bucket/{s}'],
  ['POST', '/storage/v1/bucket/{s}/empty'],
  ['POST', '/storage/v1/object/list/{b}'],
  ['POST', '/storage/v1/object/list/{s}'],
  ['POST', '/storage/v1/object/{b}/{s}'],
  ['PUT', '/storage/v1/object/{b}/{s}/{s}'],
  ['POST', '/storage/v1/object/{s}/{s}'],
  ['GET', '/storage/v1/object/{b}/{k}'],
  ['GET', '/storage/v1/object/{b}/{s}'],
  ['HEAD', '/storage/v1/object/{b}/{s}'],
  ['GET', '/storage/v1/object/public/{b}/{s}'],
  ['GET', '/storage/v1/object/authenticated/{s}/{s}'],
  ['GET', '/storage/v1/object/info/{b}/{s}'],
  ['GET', '/storage/v1/object/sign/{b}/{k}?token={s}'],
  ['POST', '/storage/v1/object/sign/{b}/{s}'],
  ['POST', '/storage/v1/object/sign/{b}'],
  ['POST', '/storage/v1/object/upload/sign/{b}/{s}'],
  ['PUT', '/storage/v1/object/upload/sign/{b}/{s}?token={s}'],
  ['POST', '/storage/v1/object/move'],
  ['POST', '/storage/v1/object/copy'],
  ['DELETE', '/storage/v1/object/{b}'],
  ['DELETE', '/storage/v1/object/{b}/{s}'],
  ['GET', '/storage/v1/render/image/public/{b}/{k}?width={s}&quality={s}&format={s}'],
  ['GET', '/storage/v1/render/image/authenticated/{b}/{s}'],
  ['GET', '/storage/v1/render/image/sign/{b}/{s}?token={s}'],
  // Realtime (HTTP)
  ['POST', '/realtime/v1/api/broadcast'],
  ['POST', '/realtime/v1/api/broadcast/{s}/events/{s}'],
  ['POST', '/realtime/v1/api/broadcast/{s}/events/{s}?private=true'],
  ['GET', '/realtime/v1/api/broadcast/{s}/events/{s}'],
  ['GET', '/realtime/v1/{s}'],
  // Functions (the probe echoes; `fuzz-` keeps clear of its crash routes)
  ['POST', '/functions/v1/probe/fuzz-{s}'],
  ['GET', '/functions/v1/probe/fuzz-{s}?q={s}'],
  ['POST', '/functions/v1/open/fuzz-{s}'],
  ['POST', '/functions/v1/{s}'],
  ['GET', '/functions/v1/{s}/{s}'],
];

export function fillRoute(template: string, segments: string[], bucket: string, key: string): string {
  let next = 0;
  return template
    .replaceAll('{b}', bucket)
    .replaceAll('{k}', key)
    .replaceAll('{s}', () => segments[next++ % segments.length] ?? 'x');
}

type CredentialChoice = keyof Credentials | 'garbage' | 'huge' | 'none' | 'basic';

const credential = fc.constantFrom<CredentialChoice>(
  'publishable',
  'secret',
  'serviceRoleJwt',
  'userJwt',
  'userJwt',
  'secret',
  'garbage',
  'huge',
  'none',
  'basic',
);

function authorizationFor(choice: CredentialChoice, credentials: Credentials): string | null {
  switch (choice) {
    case 'none':
      return null;
    case 'garbage':
      return 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90IGEgc2lnbmF0dXJl';
    case 'huge':
      return `Bearer ${'A'.repeat(12_000)}`;
    case 'basic':
      return 'Basic dXNlcjpwYXNz';
    default:
      return `Bearer ${credentials[choice]}`;
  }
}

/** Arbitrary hostile requests for the given credentials and fixtures. */
export function hostileRequest(credentials: Credentials, bucket: string, key: string): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      route: fc.constantFrom(...ROUTES),
      segments: fc.array(rawSegment, { minLength: 1, maxLength: 4 }),
      credential,
      apikey: fc.constantFrom<'publishable' | 'secret' | 'none' | 'garbage'>(
        'publishable',
        'secret',
        'secret',
        'none',
        'garbage',
      ),
      body,
      extra: fc.subarray([
        ['x-upsert', 'true'],
        ['x-metadata', Buffer.from('{"a":"\\u0000"}').toString('base64')],
        ['x-metadata', 'not base64 json'],
        ['cache-control', 'max-age=1'],
        ['range', 'bytes=5-1'],
        ['range', 'bytes=999999999-'],
        ['if-none-match', '*'],
        ['x-big', 'h'.repeat(8_000)],
        ['content-type', 'application/json; charset=utf-8'],
        ['accept', 'text/html'],
      ] as [string, string][]),
    })
    .map(({ route, segments, credential: choice, apikey, body: payload, extra }) => {
      const [method, template] = route;
      const headers: Record<string, string> = { 'user-agent': 'roost-hostile-fuzz' };
      if (apikey === 'garbage') headers.apikey = 'sb_publishable_garbage';
      else if (apikey !== 'none') headers.apikey = credentials[apikey];
      const authorization = authorizationFor(choice, credentials);
      if (authorization) headers.authorization = authorization;
      for (const [name, value] of extra) headers[name] = value;
      const sendsBody = method !== 'GET' && method !== 'HEAD' && payload !== null;
      if (sendsBody && payload.contentType) headers['content-type'] = payload.contentType;
      const request: HostileRequest = { method, path: fillRoute(template, segments, bucket, key), headers };
      if (sendsBody) request.body = payload.data;
      return request;
    });
}
