import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildArchive, documentEntryName, type GuestExportData, toCsv } from './archive.ts';

describe('toCsv', () => {
  it('quotes what needs quoting, keeps formulas text and writes nested values as JSON', () => {
    expect(
      toCsv([
        { name: 'Ana "Nina" Costa', note: 'a,b\nc', n: 3, tags: ['vip'] },
        { name: '=HYPERLINK("x")', extra: null },
      ]),
    ).toBe('name,note,n,tags,extra\r\n"Ana ""Nina"" Costa","a,b\nc",3,"[""vip""]",\r\n"\'=HYPERLINK(""x"")",,,,\r\n');
    expect(toCsv([])).toBe('\r\n');
  });
});

describe('buildArchive', () => {
  it('holds the JSON, a CSV per table and section, and the documents', () => {
    const data: GuestExportData = {
      format: 'roost-guest-export/1',
      exported_at: '2026-12-06T10:00:00Z',
      organization_id: 'o',
      guest_id: 'g',
      tables: { 'public.guests': [{ id: 'g', full_name: 'Ana' }], 'public.bookings': [{ id: 'b' }] },
      consent_history: [],
      messages: [{ id: 'm', subject: 'Hi' }],
      webhook_events: [],
      documents: [{ bucket: 'documents', name: 'o/p/inbox/id-documents/scan.jpg' }],
    };
    const zip = unzipSync(
      buildArchive(data, [
        { bucket: 'documents', name: 'o/p/inbox/id-documents/scan.jpg', bytes: new Uint8Array([1, 2]) },
      ]),
    );
    expect(Object.keys(zip).sort()).toEqual([
      'README.txt',
      'csv/consent_history.csv',
      'csv/documents.csv',
      'csv/messages.csv',
      'csv/public.bookings.csv',
      'csv/public.guests.csv',
      'csv/webhook_events.csv',
      'documents/documents/inbox/id-documents/scan.jpg',
      'guest-data.json',
    ]);
    expect(JSON.parse(strFromU8(zip['guest-data.json'] as Uint8Array))).toEqual(data);
    expect(strFromU8(zip['csv/public.guests.csv'] as Uint8Array)).toBe('id,full_name\r\ng,Ana\r\n');
    expect([...(zip['documents/documents/inbox/id-documents/scan.jpg'] as Uint8Array)]).toEqual([1, 2]);
  });

  it('never lets a stored name climb out of documents/', () => {
    expect(documentEntryName({ bucket: 'documents', name: 'o/p/../../../etc/passwd' })).toBe(
      'documents/documents/p/etc/passwd',
    );
  });
});
