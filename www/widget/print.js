// The first lines of a printout (or a PDF saved from it), over the title the header prints: the
// day it was printed and what the list was searched for, in words, so that a sheet handed over
// at a counter says what it is and when it was true. The print styles (print.css, exported
// here for the widget's shadow root) do the rest: no controls, every card open with its numbers
// and addresses as text, two columns of cards.

import { el } from './dom.js';
import { DAYS } from './choices.js';
import { valueLabel } from './filters.js';
import { formatDate, formatList, formatWeekday, languageName } from './format.js';
import { berlinToday } from './state.js';

export { default as PRINT_STYLES } from './print-styles.js';

/** The printout's head for `state`: the date line and the search line. */
export function printHead(widget, state, info) {
  const t = (key, values) => widget.t(key, values);
  const { language } = widget;
  const lines = [el('p', { 'data-part': 'print-date' }, t('print.date', { date: formatDate(language, berlinToday(), t) }))];
  const words = [];
  if (state.entry) words.push(t('print.entry'));
  if (state.text.trim()) words.push(t('print.text', { text: state.text.trim() }));
  if (state.locationStatus === 'place' && state.place) {
    const place = state.place.postcode ? `${state.place.name} (${state.place.postcode})` : state.place.name;
    words.push(state.radiusKm ? t('print.near.radius', { place, km: state.radiusKm }) : t('print.near', { place }));
  } else if (state.locationStatus === 'active') words.push(t('print.near.position'));
  const filters = [
    ...[...state.kinds].map((kind) => t(`kind.${kind}`)),
    ...info.categories.filter((category) => state.categories.has(category.id)).map((category) => category.label),
    ...(state.serviceLanguage ? [t('print.offered_in', { language: languageName(language, state.serviceLanguage, t) })] : []),
    ...(state.freeOfCharge ? [t('filters.free')] : []),
    ...(state.wheelchair ? [t('filters.wheelchair')] : []),
    ...['levels', 'courseTypes', 'flags'].flatMap((field) => [...state[field]].map((value) => valueLabel(t, field, value))),
    ...(state.openDay ? [`${t('filters.open_on')} ${formatWeekday(language, DAYS.indexOf(state.openDay.slice(5)), t('hours.weekdays'))}`] : []),
  ];
  if (filters.length) words.push(t('print.filters', { list: formatList(language, filters, t) }));
  lines.push(el('p', { 'data-part': 'print-search' }, words.length ? words.join(t('separator')) : t('print.everything')));
  return lines;
}
