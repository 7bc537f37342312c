import { DateTime } from 'luxon';
import { formatDuration } from './duration.js';

/**
 * Locales tried in turn for a zone's short name: each knows the abbreviations of its own region
 * (en-US: EST, en-GB: CET/BST, en-AU: AEDT, en-IN: IST) and falls back to "GMT+1" style for the rest.
 */
const NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN'];

/**
 * When a scheduled window is, in the schedule's zone, and how far off: "Tue 14:00 CET (in 2d 3h)".
 * A window at or before `now` reads "(now)". Throws RangeError for an unknown zone.
 */
export function windowText(date: Date, now: Date | number, zone: string): string {
  const local = DateTime.fromJSDate(date, { zone }).setLocale('en-US');
  if (!local.isValid) throw new RangeError(`unknown time zone "${zone}"`);
  const wait = date.getTime() - (typeof now === 'number' ? now : now.getTime());
  const when = wait > 0 ? `in ${formatDuration(wait)}` : 'now';
  return `${local.toFormat('ccc HH:mm')} ${zoneName(local)} (${when})`;
}

/** The zone's short name at that moment, preferring a letter abbreviation over "GMT+5:30". */
function zoneName(local: DateTime): string {
  let fallback = '';
  for (const locale of NAME_LOCALES) {
    const name = local.setLocale(locale).toFormat('ZZZZ');
    if (!/^GMT[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback;
}
