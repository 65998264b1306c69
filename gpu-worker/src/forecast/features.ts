// Features of one day of a daily series: calendar (weekday, annual season, fixed-date holidays) and the
// series' own past (same weekday 1–4 weeks back, last week's and last four weeks' means). Forecasting is
// recursive: day t+1's lags include the prediction for day t, so a 30-day forecast needs no lag ≥ 30 and
// the weekly shape and the recent level stay in the model.
export const MAX_LAG = 28;

export const FEATURE_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'season_sin1',
  'season_cos1',
  'season_sin2',
  'season_cos2',
  'holiday',
  'lag7',
  'lag14',
  'lag21',
  'lag28',
  'mean7',
  'mean28',
] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;

// Fixed-date days most of Roost's (European) properties treat as holidays; moving feasts are left out.
const HOLIDAYS = new Set(['01-01', '05-01', '12-24', '12-25', '12-26', '12-31']);

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function calendarFeatures(date: string): number[] {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = Array.from({ length: 7 }, (_, i) => (i === day.getUTCDay() ? 1 : 0));
  const startOfYear = Date.UTC(day.getUTCFullYear(), 0, 1);
  const angle = (2 * Math.PI * ((day.getTime() - startOfYear) / DAY_MS)) / 365.25;
  const holiday = HOLIDAYS.has(date.slice(5)) ? 1 : 0;
  return [...weekday, Math.sin(angle), Math.cos(angle), Math.sin(2 * angle), Math.cos(2 * angle), holiday];
}

function mean(values: number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
}

/** Features of day `t` of `values` (which must reach back MAX_LAG days before t); `date` is day t's date. */
export function featureRow(values: number[], t: number, date: string): number[] {
  if (t < MAX_LAG) throw new Error(`day ${t} has fewer than ${MAX_LAG} days before it`);
  const lag = (k: number) => values[t - k] as number;
  return [
    ...calendarFeatures(date),
    lag(7),
    lag(14),
    lag(21),
    lag(28),
    mean(values, t - 7, t),
    mean(values, t - MAX_LAG, t),
  ];
}
