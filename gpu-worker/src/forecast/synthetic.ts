// Deterministic synthetic daily series for the forecast tests and the measurement script.

import { seededRandom } from '../seeded-random.ts';
import { addDays } from './features.ts';
import type { DailyHistory, ForecastKind } from './model.ts';

export interface SeriesOptions {
  days: number;
  start?: string;
  kind?: ForecastKind;
  /** Mean per weekday, Sunday first. */
  weekly: number[];
  /** Relative amplitude of the annual cycle (0 = none). */
  season?: number;
  /** Uniform noise of ± noise / 2. */
  noise?: number;
  seed?: number;
}

export function syntheticSeries(options: SeriesOptions): DailyHistory {
  const next = seededRandom(options.seed ?? 1);
  const start = options.start ?? '2025-11-01';
  const days = Array.from({ length: options.days }, (_, i) => {
    const date = addDays(start, i);
    const base = options.weekly[new Date(`${date}T00:00:00Z`).getUTCDay()] as number;
    const season = 1 + (options.season ?? 0) * Math.cos((2 * Math.PI * i) / 365);
    return { date, value: Math.max(0, base * season + (next() - 0.5) * (options.noise ?? 0)) };
  });
  return { kind: options.kind ?? 'covers', days };
}
