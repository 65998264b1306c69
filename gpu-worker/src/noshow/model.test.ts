// The no-show model on synthetic bookings with a known signal (lead time, channel, earlier no-shows): held-out
// AUC well above the base-rate baseline, ONNX scores equal to the TypeScript model's, and bad input refused.
import { describe, expect, it } from 'vitest';
import { PredictionError } from '../forecast/errors.ts';
import { predictLinear } from '../onnx/linear.ts';
import { bookingFeatures, NOSHOW_FEATURE_NAMES } from './features.ts';
import { auc } from './logistic.ts';
import { MAX_REASONS, riskReasons, scoreUpcoming, trainNoShowModel } from './model.ts';
import { syntheticBookings } from './synthetic.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof PredictionError) return error.code;
    throw error;
  }
  return undefined;
}

describe('AUC', () => {
  it('is 1 for a perfect ranking, 0.5 for a constant score, and counts ties half', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 'perfect').toBe(1);
    expect(auc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1]), 'constant').toBe(0.5);
    expect(auc([0.1, 0.5, 0.5, 0.9], [0, 0, 1, 1]), 'one tie between classes').toBe(0.875);
    expect(auc([0.1, 0.2], [0, 0]), 'one class only').toBeNaN();
  });
});

describe('no-show model', () => {
  const { rows } = syntheticBookings({ count: 3000, upcoming: 100, seed: 11 });
  const trained = trainNoShowModel(rows);

  it('ranks held-out no-shows well above the base-rate baseline (AUC > 0.75 vs 0.5)', () => {
    expect(trained.heldOut.baseRateAuc, 'a constant base-rate score cannot rank').toBe(0.5);
    expect(trained.heldOut.auc, `held-out AUC ${trained.heldOut.auc.toFixed(3)}`).toBeGreaterThan(0.75);
    expect(trained.heldOut.noShows, 'the held-out period has no-shows').toBeGreaterThan(20);
    expect(trained.heldOut.from > '2026-06-01', 'the held-out period is the later one').toBe(true);
  });

  it('finds no signal where there is none (AUC near 0.5)', () => {
    const noise = trainNoShowModel(syntheticBookings({ count: 3000, seed: 5, signal: false }).rows);
    expect(Math.abs(noise.heldOut.auc - 0.5), `AUC ${noise.heldOut.auc.toFixed(3)} on pure noise`).toBeLessThan(0.08);
  });

  it('scores exactly the upcoming bookings, through ONNX, as the TypeScript model does', async () => {
    const scores = await scoreUpcoming(trained.onnx, rows);
    const features = bookingFeatures(rows);
    expect(scores.length, 'the 100 confirmed bookings').toBe(100);
    for (const { bookingId, risk } of scores) {
      const index = rows.findIndex((row) => row.bookingId === bookingId);
      expect(rows[index]?.status, `${bookingId} is upcoming`).toBe('confirmed');
      expect(risk, `${bookingId} risk`).toBeCloseTo(predictLinear(trained.model, features[index] as number[]), 5);
    }
  });

  it('gives each reason its exact share of the logit above the usual booking, largest first, only those raising it', () => {
    const n = NOSHOW_FEATURE_NAMES.length;
    const weights = Array.from({ length: n }, () => 0);
    weights[0] = 0.5; // lead time: further ahead raises the risk
    weights[n - 1] = -1.6; // a deposit lowers it
    weights[2] = -0.25; // each guest lowers it
    const means = Array.from({ length: n }, () => 0);
    means[0] = 2;
    means[n - 1] = 0.3;
    means[2] = 2;
    const x = Array.from({ length: n }, () => 0);
    x[0] = 5; // booked far ahead: 0.5 × (5 − 2) = 1.5
    x[n - 1] = 0; // no deposit: −1.6 × (0 − 0.3) = 0.48
    x[2] = 4; // a party of four: −0.25 × (4 − 2) = −0.5, lowers the risk: no reason
    const reasons = riskReasons({ model: { weights, bias: 0, link: 'sigmoid' }, featureMeans: means }, x);
    expect(reasons).toEqual([
      { feature: 'log_lead_days', contribution: 1.5, direction: 'higher' },
      { feature: 'deposit_paid', contribution: 0.48, direction: 'lower' },
    ]);
  });

  it('explains upcoming bookings: a guest who failed to show before has that among the reasons', async () => {
    const scores = await scoreUpcoming(trained.onnx, rows, trained);
    const features = bookingFeatures(rows);
    const earlierNoShows = NOSHOW_FEATURE_NAMES.indexOf('log_previous_no_shows');
    let explainedByRecord = 0;
    for (const { bookingId, reasons = [] } of scores) {
      expect(reasons.length).toBeLessThanOrEqual(MAX_REASONS);
      const shares = reasons.map((reason) => reason.contribution);
      expect(shares, `${bookingId}: positive, largest first`).toEqual([...shares].sort((a, b) => b - a));
      expect(shares.every((share) => share > 0)).toBe(true);
      const x = features[rows.findIndex((row) => row.bookingId === bookingId)] as number[];
      if ((x[earlierNoShows] as number) > 0) {
        expect(
          reasons.map((reason) => reason.feature),
          `${bookingId} has earlier no-shows`,
        ).toEqual(expect.arrayContaining([expect.stringMatching(/^(log_previous_no_shows|previous_no_show_rate)$/)]));
        explainedByRecord++;
      }
    }
    expect(explainedByRecord, 'some upcoming guests failed to show before').toBeGreaterThan(0);
  });

  it('counts a guest’s earlier no-shows only from earlier arrivals', () => {
    const base = {
      guestId: 'g',
      departureDate: '2026-01-03',
      bookedDate: '2025-12-01',
      partySize: 2,
      source: 'staff' as const,
      totalMinor: 100,
      depositPaid: false,
    };
    const features = bookingFeatures([
      { ...base, bookingId: 'a', status: 'no_show', arrivalDate: '2026-01-01' },
      { ...base, bookingId: 'b', status: 'checked_out', arrivalDate: '2026-02-01' },
      { ...base, bookingId: 'c', status: 'no_show', arrivalDate: '2026-03-01' },
    ]);
    expect(features[0]?.slice(14, 17), 'the first booking has no record').toEqual([0, 0, 0]);
    expect(features[1]?.slice(14, 17), 'the second sees one no-show').toEqual([0, Math.log1p(1), 1]);
    expect(features[2]?.slice(14, 17), 'the third sees one stay and one no-show').toEqual([
      Math.log1p(1),
      Math.log1p(1),
      0.5,
    ]);
  });

  it('marks a paid deposit in the last feature', () => {
    const base = rows[0] as (typeof rows)[number];
    const [paid, unpaid] = bookingFeatures([
      { ...base, bookingId: 'paid', depositPaid: true },
      { ...base, bookingId: 'unpaid', depositPaid: false },
    ]);
    expect(NOSHOW_FEATURE_NAMES.at(-1), 'the last feature').toBe('deposit_paid');
    expect([paid?.at(-1), unpaid?.at(-1)], 'deposit paid, not paid').toEqual([1, 0]);
  });

  it('refuses empty, too small and one-class histories with insufficient_history', () => {
    expect(
      codeOf(() => trainNoShowModel([])),
      'no bookings',
    ).toBe('insufficient_history');
    expect(
      codeOf(() => trainNoShowModel(rows.slice(0, 50))),
      '50 bookings',
    ).toBe('insufficient_history');
    const allCame = rows.map((row) => ({ ...row, status: 'checked_out' as const }));
    expect(
      codeOf(() => trainNoShowModel(allCame)),
      'nobody ever failed to show',
    ).toBe('insufficient_history');
  });

  it('refuses malformed rows with invalid_history', () => {
    const bad = [{ ...rows[0], partySize: 0 }] as typeof rows;
    expect(
      codeOf(() => trainNoShowModel(bad)),
      'party size 0',
    ).toBe('invalid_history');
  });
});
