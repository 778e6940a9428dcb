// Numbers, distances, dates, lists, plural forms and language names, written the UI language's
// way (its digits included) by the browser's Intl. A formatter is costly to make and one render
// writes hundreds of numbers: each is made once per language and options, and kept.
//
// A browser may have no Intl data for a UI language (Chromium has none for Tigrinya but its
// plural rules): it would quietly write the browser's own language instead, German month and
// language names in a Tigrinya UI. For such a language the widget's `t` gives what its catalog
// has of that data (the `intl.*` messages: months, a date's order, language names, how a list
// is joined), and English fills in the rest.

const formatters = new Map();

/** The base language of a tag: `de` for Leichte Sprache (`de-x-ls`). */
export function baseLanguage(tag) {
  return tag.split('-')[0];
}

/** Whether a text from the directory is not in the UI language `language` (it is the fallback). */
export function isOtherLanguage(textView, language) {
  return Boolean(textView?.language) && baseLanguage(textView.language) !== baseLanguage(language);
}

function formatter(Type, language, options) {
  const key = `${Type.name} ${language} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) {
    const locale = Type.supportedLocalesOf(language).length ? language : 'en';
    formatters.set(key, new Type(locale, options));
  }
  return formatters.get(key);
}

export function formatNumber(language, value, options) {
  return formatter(Intl.NumberFormat, language, options).format(value);
}

/** The plural category (`one`, `few`, `other`, …) of `count` in the language. */
export function pluralForm(language, count) {
  return formatter(Intl.PluralRules, language).select(count);
}

// The Gregorian calendar in every language: German letters and course dates use it (Farsi would
// otherwise get the Iranian calendar).
const DATE = { dateStyle: 'medium', timeZone: 'UTC', calendar: 'gregory' };

/**
 * A date given as YYYY-MM-DD. Where the browser has no Intl data for the language (Tigrinya),
 * the widget's `t` gives the month's name (`intl.months`, January to December as they follow a
 * day's number) and the order (`intl.date`); English while that catalog is not there.
 */
export function formatDate(language, isoDate, t) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const months = catalogData(language, t, 'intl.months').split(',');
  if (months.length === 12) return t('intl.date', { day: String(day), month: months[month - 1], year: String(year) });
  return formatter(Intl.DateTimeFormat, language, DATE).format(new Date(Date.UTC(year, month - 1, day)));
}

/** Metres under 1 km, one decimal under 10 km; the unit written the language's way. */
export function formatDistance(language, metres) {
  const kilometres = metres / 1000;
  const digits = kilometres < 10 ? 1 : 0;
  const text = metres < 1000
    ? formatNumber(language, Math.round(metres / 10) * 10, { style: 'unit', unit: 'meter' })
    : formatNumber(language, kilometres, { style: 'unit', unit: 'kilometer', minimumFractionDigits: digits, maximumFractionDigits: digits });
  // Persian's short unit joins the number ("۱۱۰متر"): a no-break space keeps them apart.
  return text.replace(/(\p{Nd})(\p{L})/u, '$1\u00a0$2');
}

/**
 * Items as a list in the language ("A, B und C", "A وB وC"). Where the browser has no Intl data
 * for it, the catalog joins them: `intl.list` puts each item but the last after the list so far
 * ("A፣ B"), `intl.list.last` the last one ("A፣ Bን Cን").
 */
export function formatList(language, items, t) {
  if (items.length && catalogData(language, t, 'intl.list')) {
    return items.reduce((list, item, index) => t(index === items.length - 1 ? 'intl.list.last' : 'intl.list', { list, item }));
  }
  return formatter(Intl.ListFormat, language).format(items);
}

/**
 * The message `key` of the widget's `t`, where the browser has no Intl data for `language`;
 * else, or while the catalog has no such message (only Tigrinya's has), ''.
 */
function catalogData(language, t, key) {
  const text = t && !hasIntlData(language) ? t(key) : key;
  return text === key ? '' : text;
}

/** Whether the browser has Intl data for the language (else it is written in English). */
export function hasIntlData(language) {
  return Intl.DisplayNames.supportedLocalesOf(language).length > 0;
}

/**
 * The name of the language `code` in `language`, or the code when the browser has none. Where
 * the browser has no Intl data for `language`, the catalog's `intl.languages` ("am:ኣምሓርኛ,
 * ar:ዓረብኛ,…") names the languages it knows, English the others.
 */
export function languageName(language, code, t) {
  // A search for ",ps:" does not find ",prs:".
  const own = `,${catalogData(language, t, 'intl.languages')}`.split(`,${code}:`)[1];
  if (own) return own.split(',')[0];
  try {
    return formatter(Intl.DisplayNames, language, { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

// 1 January 2024 was a Monday: day `n` of that week is weekday `n` (0 = Monday).
const WEEKDAY = { weekday: 'long', timeZone: 'UTC' };

/**
 * The name of a weekday, 0 = Monday. Where the browser has no Intl data for the language
 * (Tigrinya), `names` gives them: the catalog's `hours.weekdays`, Monday to Sunday separated by
 * commas (the key itself, while that catalog is not there yet, falls back to English).
 */
export function formatWeekday(language, weekday, names = '') {
  const own = names.split(',');
  if (own.length === 7 && !hasIntlData(language)) return own[weekday];
  return formatter(Intl.DateTimeFormat, language, WEEKDAY).format(new Date(Date.UTC(2024, 0, 1 + weekday)));
}

const WEEKDAY_AND_DATE = { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC', calendar: 'gregory' };

/**
 * A weekday with its date ("Montag, 21. Dezember"), given as YYYY-MM-DD and its weekday
 * (0 = Monday), for a day more than a week ahead, which its weekday's name alone would not
 * tell. Without Intl data (Tigrinya) the catalog's weekday and date (see formatDate).
 */
export function formatWeekdayAndDate(language, isoDate, weekday, t) {
  if (!hasIntlData(language)) return `${formatWeekday(language, weekday, t('hours.weekdays'))} ${formatDate(language, isoDate, t)}`;
  const [year, month, day] = isoDate.split('-').map(Number);
  return formatter(Intl.DateTimeFormat, language, WEEKDAY_AND_DATE).format(new Date(Date.UTC(year, month - 1, day)));
}

const TIME = { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' };

/** A time of day given as HH:MM (24:00, the end of a day, is written as midnight). */
export function formatTime(language, time) {
  const [hours, minutes] = time.split(':').map(Number);
  return formatter(Intl.DateTimeFormat, language, TIME).format(new Date(Date.UTC(2024, 0, 1, hours % 24, minutes)));
}

/**
 * Makes the formatters that the first cards and filters use, so that it costs nothing later.
 * The browser's first Intl object of a page loads its locale data: 50 to 90 ms on a slow
 * phone. The widget calls this while the first page is on its way, when the phone would
 * otherwise wait for the network (issue 16).
 */
export function prepareFormatters(language) {
  formatNumber(language, 0);
  pluralForm(language, 0);
  formatList(language, []);
  formatDate(language, '2024-01-01');
  if (hasIntlData(language)) languageName(language, baseLanguage(language));
}
