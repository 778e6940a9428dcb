// Opening hours as a newcomer reads them, once the opening-hours module (hours.js) is loaded:
// a status line ("Open now · until 16:00", "Closed · opens Monday 9:00", "By appointment") on
// the card, and the week as a table in its details, with weekdays and times in the UI language.
// Where the hours do not hold today (a course outside its dates), the week's times in a line.
// Until the module is there, and for a value it cannot read, the card shows the hours as written.

import { el } from './dom.js';
import { formatList, formatTime, formatWeekday, formatWeekdayAndDate } from './format.js';

/** A week in milliseconds: a change this far ahead is named with its date. */
export const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The status line for an entry whose hours `description` the module gave (see hours.js), or
 * null when the hours could not be read. `today` is the Berlin date, YYYY-MM-DD.
 */
export function statusLine(description, entry, t, language, today) {
  if (!description?.ok) return null;
  const { status, next } = description;
  const at = (change) => {
    const time = formatTime(language, change.time);
    if (change.date === today) return t('hours.today_at', { time });
    // Hours on days of the month ("1st and 3rd Monday") may open weeks ahead: then the date
    // says which Monday.
    const day =
      Date.parse(change.date) - Date.parse(today) >= WEEK_MS
        ? formatWeekdayAndDate(language, change.date, change.weekday, t)
        : formatWeekday(language, change.weekday, t('hours.weekdays'));
    return t('hours.day_at', { day, time });
  };
  let text;
  let state = status;
  if (status === 'open') {
    text = next && next.status !== 'open' ? t('hours.open_until', { time: formatTime(language, next.time) }) : t('hours.open');
    // Closing "until" a time on another day (a night service) says the day too.
    if (next && next.status !== 'open' && next.date !== today) text = t('hours.open_until', { time: at(next) });
  } else if (next?.status === 'open') {
    text = t('hours.closed_opens', { when: at(next) });
  } else if (entry.appointmentRequired || status === 'unknown') {
    state = 'appointment';
    text = description.comment || t('hours.appointment');
  } else {
    text = t('hours.closed');
  }
  const line = el('li', { class: `sf-hours sf-hours-${state}`, 'data-part': 'hours-status' });
  line.append(el('strong', {}, text));
  return line;
}

/**
 * The week's times in one line, for hours that do not hold today (a course before its start or
 * after its end, an entry closed for now), so that no "open now" is said: "Montag–Freitag
 * 13:30–17:45", Monday first, days with the same times together (a public holiday between them
 * does not part them). For hours on days of the month (`byDate`, the days of several weeks in
 * `week`, see hours.js), each weekday with every time it has in any of them, and the line says
 * that they are not every week. Null when the hours could not be read or name no times.
 */
export function weekSummary(description, t, language) {
  if (!description?.ok || !description.week?.length) return null;
  const weekdays = [];
  for (const day of description.week) {
    const known = (weekdays[day.weekday] ??= { ...day, intervals: [] });
    // A weekday is closed for a holiday only where each of its days was.
    known.holiday &&= day.holiday;
    for (const interval of day.intervals) {
      if (!known.intervals.some(({ from, to }) => from === interval.from && to === interval.to)) known.intervals.push(interval);
    }
  }
  const groups = [];
  let onlyHolidaysSince = true;
  for (const day of weekdays.filter(Boolean)) {
    if (!day.intervals.length) {
      onlyHolidaysSince &&= day.holiday;
      continue;
    }
    // Times are "HH:MM", so their text sorts by time.
    const intervals = [...day.intervals].sort((a, b) => (a.from < b.from ? -1 : 1));
    const times = formatList(language, intervals.map((interval) => timeRange(language, t, interval.from, interval.to)), t);
    const last = groups.at(-1);
    if (last?.times === times && onlyHolidaysSince) last.to = day.weekday;
    else groups.push({ from: day.weekday, to: day.weekday, times });
    onlyHolidaysSince = true;
  }
  const name = (weekday) => formatWeekday(language, weekday, t('hours.weekdays'));
  const parts = groups.map(({ from, to, times }) => `${name(from)}${from === to ? '' : `–${name(to)}`} ${times}`);
  if (!parts.length) return null;
  const line = parts.join(t('separator'));
  return description.byDate ? t('hours.not_every_week', { hours: line }) : line;
}

/**
 * From–to as the catalog writes it (`hours.range`). A range with a dash between its times is
 * isolated left to right (U+2066 … U+2069): in a right-to-left row a bare "9:00–12:00" would
 * otherwise read "12:00–9:00". One written with a word (Persian "۹:۰۰ تا ۱۲:۰۰") follows the
 * text's own direction.
 */
function timeRange(language, t, from, to) {
  const range = t('hours.range', { from: formatTime(language, from), to: formatTime(language, to) });
  return range.includes('–') ? `\u2066${range}\u2069` : range;
}

/**
 * The seven days from today as a table: weekday, then the times or "closed". Where the hours
 * differ from week to week (`byDate`, days of the month), the weekday with its date.
 */
export function weekTable(description, t, language, today) {
  if (!description?.ok || !description.week?.length) return null;
  const table = el('table', { class: 'sf-week', 'data-part': 'week' });
  table.append(el('caption', {}, t('hours.week')));
  const body = el('tbody');
  for (const day of description.week) {
    const row = el('tr');
    if (day.date === today) row.setAttribute('aria-current', 'date');
    const name = el('th', { scope: 'row' }, description.byDate
      ? formatWeekdayAndDate(language, day.date, day.weekday, t)
      : formatWeekday(language, day.weekday, t('hours.weekdays')));
    if (day.holiday) name.append(' ', el('span', { class: 'sf-holiday' }, t('hours.holiday')));
    // "9:00–12:00 und 14:00–17:00", joined the language's way ("و" in Arabic), each range as
    // timeRange writes it.
    const times = day.intervals.length
      ? formatList(language, day.intervals.map((interval) => {
        const span = timeRange(language, t, interval.from, interval.to);
        return interval.comment ? `${span} (${interval.comment})` : span;
      }), t)
      : t('hours.day_closed');
    row.append(name, el('td', {}, times));
    body.append(row);
  }
  table.append(body);
  return table;
}
