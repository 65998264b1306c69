import { describe, expect, it } from 'vitest';
import {
  documentSchema,
  documentTypeOf,
  MAX_SCAN_BYTES,
  nameFromDocument,
  newScanName,
  scanFileProblem,
  scanParam,
} from './check-in.schema.ts';

const org = '11111111-1111-4111-8111-111111111111';
const property = '22222222-2222-4222-8222-222222222222';
const booking = '33333333-3333-4333-8333-333333333333';

describe('check-in scans', () => {
  it('accepts photos the worker reads and refuses other types, empty and oversized files', () => {
    expect(scanFileProblem({ type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(scanFileProblem({ type: 'image/png', size: MAX_SCAN_BYTES })).toBeNull();
    expect(scanFileProblem({ type: 'application/pdf', size: 1000 })).toMatch(/JPEG, PNG or WebP/);
    expect(scanFileProblem({ type: 'image/heic', size: 1000 })).toMatch(/JPEG, PNG or WebP/);
    expect(scanFileProblem({ type: 'image/png', size: 0 })).toMatch(/empty/);
    expect(scanFileProblem({ type: 'image/png', size: MAX_SCAN_BYTES + 1 })).toMatch(/20 MB/);
  });

  it('names a new scan in the inbox and takes back only names of this booking there', () => {
    const name = newScanName(org, property, booking, 'image/png');
    expect(name).toMatch(new RegExp(`^${org}/${property}/inbox/id-documents/${booking}-[0-9a-f-]{36}\\.png$`));
    expect(scanParam(name, org, property, booking)).toBe(name);
    expect(scanParam(name, org, property, '44444444-4444-4444-8444-444444444444')).toBeNull();
    expect(scanParam(`${org}/${property}/inbox/receipts/${booking}-x.png`, org, property, booking)).toBeNull();
    expect(scanParam(`${name}/../x`, org, property, booking)).toBeNull();
    expect(scanParam(null, org, property, booking)).toBeNull();
  });

  it('turns upper-case MRZ names into a name as people write it', () => {
    expect(nameFromDocument('ANNA MARIA', 'ERIKSSON')).toBe('Anna Maria Eriksson');
    expect(nameFromDocument(null, "O'NEILL-SMITH")).toBe("O'Neill-Smith");
    expect(nameFromDocument('', '')).toBe('');
  });
});

describe('the identity document on the check-in form', () => {
  const passport = {
    document_type: 'passport',
    document_number: 'l898 902-c3',
    nationality: 'nld',
    issuing_country: '',
    birth_date: '1974-08-12',
    expiry_date: '2032-04-15',
  };
  const errorsOf = (form: Record<string, string>, numberRequired = true) => {
    const parsed = documentSchema(numberRequired).safeParse(form);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
  };

  it('takes the confirmed fields as the database stores them', () => {
    expect(documentSchema(true).parse(passport)).toEqual({
      ...passport,
      document_number: 'L898902C3',
      nationality: 'NLD',
    });
  });

  it('records nothing without a kind, and refuses a number without one', () => {
    expect(errorsOf({ document_type: '', document_number: '' })).toEqual({});
    expect(errorsOf({ document_type: '', document_number: 'X1' })).toHaveProperty('document_type');
    expect(errorsOf({ document_type: '', nationality: 'PRT' })).toHaveProperty('document_type');
  });

  it('refuses what check_in_with_identity_document would', () => {
    expect(errorsOf({ ...passport, document_number: '' })).toHaveProperty('document_number');
    expect(errorsOf({ ...passport, document_number: 'L898<<902' })).toHaveProperty('document_number');
    expect(errorsOf({ ...passport, nationality: 'Dutch' })).toHaveProperty('nationality');
    expect(errorsOf({ ...passport, birth_date: '1974-02-30' })).toHaveProperty('birth_date');
    expect(errorsOf({ ...passport, birth_date: '2999-01-01' })).toHaveProperty('birth_date');
    expect(errorsOf({ ...passport, expiry_date: '1970-01-01' })).toHaveProperty('expiry_date');
    expect(errorsOf({ ...passport, document_type: 'visa' })).toHaveProperty('document_type');
  });

  it('needs no number where the property keeps validity only', () => {
    expect(errorsOf({ document_type: 'passport', expiry_date: '2032-04-15' }, false)).toEqual({});
    expect(errorsOf({ document_type: 'passport', expiry_date: '2032-04-15' }, true)).toHaveProperty('document_number');
  });

  it('reads the MRZ document code as a kind of document', () => {
    expect(documentTypeOf('P')).toBe('passport');
    expect(documentTypeOf('PN')).toBe('passport');
    expect(documentTypeOf('ID')).toBe('identity_card');
    expect(documentTypeOf('IR')).toBe('residence_permit');
    expect(documentTypeOf('V')).toBe('other');
    expect(documentTypeOf(null)).toBe('');
  });
});
