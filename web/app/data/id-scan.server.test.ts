import { describe, expect, it } from 'vitest';
import { toScanJob } from './id-scan.server.ts';

const row = { id: 'j1', progress: 100, created_at: '2026-12-06T10:00:00Z', result: null, error: null };

describe('an ID scan job as the check-in page shows it', () => {
  it('takes the MRZ fields of a succeeded job, and what a validity-only property keeps', () => {
    const job = toScanJob({
      ...row,
      status: 'succeeded',
      result: {
        retention: 'mrz_fields',
        scanKept: false,
        document: {
          documentType: 'P',
          documentNumber: 'L898902C3',
          firstName: 'ANNA MARIA',
          lastName: 'ERIKSSON',
          nationality: 'NLD',
          birthDate: '1974-08-12',
          expirationDate: '2032-04-15',
          sex: 'female',
          valid: true,
        },
      },
    });
    expect(job.document).toEqual({
      documentType: 'P',
      documentNumber: 'L898902C3',
      firstName: 'ANNA MARIA',
      lastName: 'ERIKSSON',
      nationality: 'NLD',
      birthDate: '1974-08-12',
      expirationDate: '2032-04-15',
      valid: true,
    });
    const limited = toScanJob({
      ...row,
      status: 'succeeded',
      result: { document: { documentType: 'P', expirationDate: '2032-04-15', valid: true } },
    });
    expect(limited.document).toMatchObject({ documentNumber: null, firstName: null, expirationDate: '2032-04-15' });
  });

  it('reads a failed job’s error code, and a result of another shape as unreadable', () => {
    const failed = toScanJob({ ...row, status: 'failed', error: { code: 'mrz_not_found', message: 'No MRZ.' } });
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'mrz_not_found', document: null });
    expect(toScanJob({ ...row, status: 'dead', error: 'odd' }).errorCode).toBe('unknown');
    expect(toScanJob({ ...row, status: 'succeeded', result: { lines: [] } })).toMatchObject({
      status: 'failed',
      errorCode: 'unreadable_result',
    });
    expect(toScanJob({ ...row, status: 'queued', progress: 0 })).toMatchObject({ document: null, errorCode: null });
  });
});
