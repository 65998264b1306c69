// Money, days and times as a guest reads them, in their language and the property's time zone.
import { type Language, LOCALES } from './i18n.ts';

export function formatMoney(minor: number, currency: string, language: Language): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
  } catch {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' });
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // `|| 0` so that -0 prints as 0.
  return format.format(minor / 10 ** digits || 0);
}

/** A calendar day (`YYYY-MM-DD`) with its weekday: "Mon, 14 Dec 2026" / "Mo., 14. Dez. 2026". */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** The local time of an instant at the property: "15:00". */
export function formatTime(instant: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { hour: '2-digit', minute: '2-digit', timeZone }).format(instant);
}

/** A local day and time of an instant: "Mon, 14 Dec 2026, 19:30". */
export function formatDayTime(instant: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(instant);
}
