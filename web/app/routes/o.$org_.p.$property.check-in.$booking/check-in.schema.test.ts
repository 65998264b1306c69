import { describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES, nameFromDocument, newScanName, scanFileProblem, scanParam } from './check-in.schema.ts';

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
