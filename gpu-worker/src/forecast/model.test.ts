// The forecast model on synthetic series with a known weekly pattern: it must beat (or, on a noiseless
// series, match) the seasonal-naive baseline in the 30-day backtest, its ONNX export must forecast what the
// TypeScript model forecasts, and bad history must fail with a stable code.
import { describe, expect, it } from 'vitest';
import { PredictionError } from './errors.ts';
import { forecastNext, forecastRecursive, MIN_HISTORY_DAYS, trainForecastModel } from './model.ts';
import { syntheticSeries } from './synthetic.ts';

const WEEKLY = [34, 20, 22, 25, 28, 45, 52];

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof PredictionError) return error.code;
    throw error;
  }
  return undefined;
}

describe('forecast backtest against seasonal naive', () => {
  it('beats seasonal naive on noisy weekly series with an annual cycle (mean over five series)', () => {
    let model = 0;
    let naive = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { backtest } = trainForecastModel(
        syntheticSeries({ days: 365, weekly: WEEKLY, season: 0.2, noise: 14, seed }),
      );
      expect(backtest.days, 'a 30-day backtest').toBe(30);
      expect(Number.isFinite(backtest.mape) && Number.isFinite(backtest.seasonalNaiveMape), 'both MAPEs measured').toBe(
        true,
      );
      model += backtest.mape / 5;
      naive += backtest.seasonalNaiveMape / 5;
    }
    expect(model, `model MAPE ${model.toFixed(3)} vs seasonal naive ${naive.toFixed(3)}`).toBeLessThan(naive);
  });

  it('matches seasonal naive (near-zero error) on a pure weekly series', () => {
    const { backtest, chosen } = trainForecastModel(syntheticSeries({ days: 200, weekly: WEEKLY }));
    expect(backtest.seasonalNaiveMape, 'seasonal naive is exact on a pure weekly series').toBe(0);
    expect(chosen, 'no learnt model beats the exact baseline, so the baseline is served').toBe(
      'forecast-seasonal-naive-1',
    );
    expect(backtest.mape, 'the model is within 1 % of it').toBeLessThan(0.01);
  });

  it('reports MAPE without zero-actual days and WAPE with them (a restaurant closed on Mondays)', () => {
    const { backtest } = trainForecastModel(
      syntheticSeries({ days: 200, weekly: [34, 0, 22, 25, 28, 45, 52], noise: 4 }),
    );
    expect(backtest.zeroDays, 'four or five Mondays in 30 days are left out of MAPE').toBeGreaterThanOrEqual(4);
    expect(Number.isFinite(backtest.mape) && Number.isFinite(backtest.wape), 'both errors stay finite').toBe(true);
  });

  it('keeps occupancy forecasts within [0, 1]', async () => {
    const history = syntheticSeries({
      days: 150,
      weekly: [0.7, 0.5, 0.5, 0.6, 0.8, 1, 1],
      noise: 0.3,
      kind: 'occupancy',
    });
    history.days = history.days.map((day) => ({ ...day, value: Math.min(1, day.value) }));
    const trained = trainForecastModel(history);
    const forecast = await forecastNext(trained.onnx, history, 30);
    expect(
      forecast.every((day) => day.value >= 0 && day.value <= 1),
      'every forecast day is a valid occupancy',
    ).toBe(true);
  });
});

describe('forecast through ONNX', () => {
  it('forecastNext (ONNX Runtime) reproduces the TypeScript model over 30 recursive days', async () => {
    const history = syntheticSeries({ days: 365, weekly: WEEKLY, season: 0.2, noise: 10, seed: 3 });
    const trained = trainForecastModel(history);
    const forecast = await forecastNext(trained.onnx, history, 30);
    const values = history.days.map((day) => day.value);
    const expected = forecastRecursive(trained.predict, values, history.days[0]?.date as string, 30);
    expect(forecast.map((day) => day.date).slice(0, 2), 'the days right after the history').toEqual([
      '2026-11-01',
      '2026-11-02',
    ]);
    forecast.forEach((day, i) => {
      expect(day.value, `day ${day.date}`).toBeCloseTo(expected[i] as number, 3);
    });
    expect(trained.modelVersion, 'the version names the family, kind and last day').toMatch(
      /^forecast-(seasonal-naive|ridge|gbt)-1:covers:2026-10-31:[0-9a-f]{12}$/,
    );
  });
});

describe('bad history', () => {
  it('refuses empty and too short histories with insufficient_history', async () => {
    expect(await codeOf(() => trainForecastModel({ kind: 'covers', days: [] })), 'empty history').toBe(
      'insufficient_history',
    );
    const short = syntheticSeries({ days: MIN_HISTORY_DAYS - 1, weekly: WEEKLY });
    expect(await codeOf(() => trainForecastModel(short)), `${MIN_HISTORY_DAYS - 1} days`).toBe('insufficient_history');
    const trained = trainForecastModel(syntheticSeries({ days: MIN_HISTORY_DAYS, weekly: WEEKLY, noise: 2 }));
    const tooFewLags = syntheticSeries({ days: 20, weekly: WEEKLY });
    expect(await codeOf(forecastNext(trained.onnx, tooFewLags)), 'forecast from 20 days').toBe('insufficient_history');
  });

  it('refuses gaps, negative values and a bad horizon with invalid_history', async () => {
    const history = syntheticSeries({ days: 120, weekly: WEEKLY });
    const gap = { ...history, days: history.days.filter((_, i) => i !== 50) };
    expect(await codeOf(() => trainForecastModel(gap)), 'a missing day').toBe('invalid_history');
    const negative = { ...history, days: history.days.map((day, i) => (i === 3 ? { ...day, value: -1 } : day)) };
    expect(await codeOf(() => trainForecastModel(negative)), 'a negative value').toBe('invalid_history');
    const trained = trainForecastModel(history);
    expect(await codeOf(forecastNext(trained.onnx, history, 0)), 'horizon 0').toBe('invalid_history');
  });
});
