// One result's card: name, kind and topics, distance, address or service area, languages,
// opening hours as written, and actions (call, e-mail, website, directions, map), which the
// browser follows only on a click; its button opens the details (description, course dates,
// levels, free places, costs, accessibility, the date the entry was last checked).

import { el, textWithLanguage } from './dom.js';
import { formatDate, formatDistance, formatList, hasIntlData, languageName } from './format.js';
import { baseLanguage } from './messages.js';
import { toggled } from './state.js';

/** The card of a search hit; `expanded`: whether its details are open. */
export function card(widget, hit, expanded) {
  const { entry } = hit;
  const { language, store } = widget;
  const t = (key, values) => widget.t(key, values);
  const date = (isoDate) => formatDate(language, isoDate);
  /** Whether a text from the directory is not in the UI language (it is the fallback). */
  const isOtherLanguage = (textView) => Boolean(textView?.language) && baseLanguage(textView.language) !== baseLanguage(language);

  const detailsId = `${widget.widgetId}-details-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const article = el('article', { class: 'sf-card', 'data-entry': entry.id });
  const heading = el('h3', { class: 'sf-card-title' });
  const toggleButton = el('button', {
    type: 'button', class: 'sf-card-toggle', 'aria-expanded': String(expanded), 'aria-controls': detailsId, 'data-part': 'toggle',
  });
  toggleButton.append(textWithLanguage('span', entry.name));
  if (isOtherLanguage(entry.name)) {
    // Seen: the language's name; heard: a sentence saying the name is in that language.
    const name = languageName(language, entry.name.language);
    const marker = el('span', { class: 'sf-text-language' });
    marker.append(el('span', { 'aria-hidden': 'true' }, name), el('span', { class: 'sf-visually-hidden' }, t('card.text.language', { language: name })));
    toggleButton.append(' ', marker);
  }
  toggleButton.addEventListener('click', () => store.set({ expanded: toggled(store.state.expanded, entry.id) }));
  heading.append(toggleButton);
  article.append(heading);

  const meta = el('p', { class: 'sf-meta' });
  // Kind and topics are tags, set apart by "·": a topic's own name may hold an "und" or a "و", so a
  // list with "and" (Intl.ListFormat) would blur where one ends.
  meta.append([t(`kind.${entry.kind}`), ...entry.categories.map((category) => category.label)].join(' · '));
  if (hit.distanceMetres != null) {
    meta.append(' · ', el('strong', { class: 'sf-distance' }, t('card.distance', { distance: formatDistance(language, hit.distanceMetres) })));
  }
  article.append(meta);
  if (entry.organization) article.append(textWithLanguage('p', entry.organization, 'sf-organization'));

  const facts = el('ul', { class: 'sf-facts' });
  const address = [entry.address, [entry.postalCode, entry.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  // Latin street names and postcodes keep their own direction in an Arabic or Farsi UI
  // (isolated, while the list item itself follows the UI's direction).
  if (address) {
    const item = el('li');
    item.append(el('bdi', {}, address));
    facts.append(item);
  } else if (entry.serviceArea) facts.append(el('li', {}, t(`card.area.${entry.serviceArea}`)));
  if (entry.languages.length) {
    facts.append(el('li', {}, t('card.languages', { list: formatList(language, entry.languages.map((code) => languageName(language, code))) })));
  }
  if (entry.openingHours) facts.append(el('li', {}, t('card.hours', { hours: entry.openingHours })));
  if (entry.freeOfCharge) facts.append(el('li', {}, t('card.free')));
  if (entry.appointmentRequired) facts.append(el('li', {}, t('card.appointment')));
  article.append(facts, actions(entry, t));

  const details = el('div', { class: 'sf-details', id: detailsId });
  details.hidden = !expanded;
  if (entry.description) {
    if (isOtherLanguage(entry.description)) {
      // The UI language named in itself when the browser cannot name it (Tigrinya).
      const wanted = hasIntlData(language) ? languageName(language, baseLanguage(language)) : t('language.name');
      details.append(el('p', { class: 'sf-text-note' }, t('card.text.fallback', { wanted, language: languageName(language, entry.description.language) })));
    }
    details.append(textWithLanguage('p', entry.description, 'sf-description'));
  }
  const more = el('ul', { class: 'sf-facts' });
  if (entry.scheduleDescription) more.append(textWithLanguage('li', entry.scheduleDescription));
  const course = entry.course;
  if (course) {
    if (course.levels.length) more.append(el('li', {}, t('card.course.levels', { levels: formatList(language, course.levels) })));
    if (course.startDate && course.endDate) {
      more.append(el('li', {}, t('card.course.dates', { start: date(course.startDate), end: date(course.endDate) })));
    } else if (course.startDate) {
      more.append(el('li', {}, t('card.course.start', { start: date(course.startDate) })));
    }
    if (course.freePlaces != null) more.append(el('li', {}, t('card.course.places', { count: course.freePlaces })));
    if (course.childcare) more.append(el('li', {}, t('card.course.childcare')));
  }
  if (entry.feesDescription) more.append(el('li', {}, t('card.fees', { fees: entry.feesDescription.text })));
  if (entry.wheelchair) more.append(el('li', {}, t(`card.wheelchair.${entry.wheelchair}`)));
  if (entry.transportation) more.append(textWithLanguage('li', entry.transportation));
  if (entry.serviceAreaDescription) more.append(textWithLanguage('li', entry.serviceAreaDescription));
  if (entry.assuredDate) more.append(el('li', {}, t('card.checked', { date: date(entry.assuredDate) })));
  details.append(more);
  article.append(details);
  return article;
}

/** Links to call, write, open the website, navigate (`geo:`) and open OpenStreetMap. */
function actions(entry, t) {
  const actions = el('div', { class: 'sf-actions' });
  const link = (href, label, part, external = false) => {
    const attributes = { class: 'sf-action', href, 'data-part': part };
    if (external) Object.assign(attributes, { target: '_blank', rel: 'noopener noreferrer' });
    actions.append(el('a', attributes, label));
  };
  const phone = entry.phones[0];
  if (phone) link(`tel:${phone.number.replace(/[^\d+]/g, '')}`, t('card.call'), 'call');
  if (entry.email) link(`mailto:${entry.email}`, t('card.email'), 'email');
  if (entry.url) link(entry.url, t('card.website'), 'website', true);
  if (entry.point) {
    const { latitude, longitude } = entry.point;
    link(`geo:${latitude},${longitude}`, t('card.directions'), 'directions');
    link(`https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`, t('card.map'), 'map', true);
  }
  return actions;
}
