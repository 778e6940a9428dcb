// One result's card: name, a temporary closure, kind and topics, distance, address or service
// area, languages, whether it is open now (or the hours as written until the opening-hours
// module is there), a course's level, start and free places, and actions (call, e-mail,
// website, directions, map), which the browser follows only on a click; its button opens the
// details (description, the week's hours, every contact, who it is for, course dates, costs,
// accessibility, other names, when the entry was checked and changed).

import { accessibilityFacts, audienceFact, contactList, courseSummary, statusNotice } from './card-details.js';
import { el, textWithLanguage } from './dom.js';
import { formatDate, formatDistance, formatList, languageName } from './format.js';
import { statusLine, weekTable } from './hours-view.js';
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
  const closed = statusNotice(entry, t, date);
  if (closed) article.append(closed);

  const meta = el('p', { class: 'sf-meta' });
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
  // The hours read by the opening-hours module, once it is loaded and unless the entry is
  // closed for now; else as written.
  const hours = entry.openingHours && !closed ? widget.hours?.describe(entry.openingHours) : null;
  const status = statusLine(hours, entry, t, language, widget.hours?.today);
  if (status) facts.append(status);
  else if (entry.openingHours) facts.append(el('li', {}, t('card.hours', { hours: entry.openingHours })));
  const courseLine = courseSummary(entry, t, date, language);
  if (courseLine) facts.append(courseLine);
  if (entry.freeOfCharge) facts.append(el('li', {}, t('card.free')));
  if (entry.appointmentRequired) facts.append(el('li', {}, t('card.appointment')));
  article.append(facts, actions(entry, t));

  const details = el('div', { class: 'sf-details', id: detailsId });
  details.hidden = !expanded;
  if (entry.description) {
    if (isOtherLanguage(entry.description)) {
      const wanted = languageName(language, baseLanguage(language));
      details.append(el('p', { class: 'sf-text-note' }, t('card.text.fallback', { wanted, language: languageName(language, entry.description.language) })));
    }
    details.append(textWithLanguage('p', entry.description, 'sf-description'));
  }
  const week = weekTable(hours, t, language, widget.hours?.today);
  if (week) details.append(week);
  if (hours?.comment) details.append(el('p', { dir: 'auto' }, hours.comment));
  const contacts = contactList(entry, t, language);
  if (contacts) details.append(contacts);
  const more = el('ul', { class: 'sf-facts' });
  if (entry.scheduleDescription) more.append(textWithLanguage('li', entry.scheduleDescription));
  const audience = audienceFact(entry, t, language);
  if (audience) more.append(audience);
  const course = entry.course;
  if (course) {
    if (course.startDate && course.endDate) {
      more.append(el('li', {}, t('card.course.dates', { start: date(course.startDate), end: date(course.endDate) })));
    }
    if (course.childcare) more.append(el('li', {}, t('card.course.childcare')));
  }
  if (entry.feesDescription) more.append(el('li', {}, t('card.fees', { fees: entry.feesDescription.text })));
  more.append(...accessibilityFacts(entry, t));
  if (entry.transportation) more.append(textWithLanguage('li', entry.transportation));
  if (entry.serviceAreaDescription) more.append(textWithLanguage('li', entry.serviceAreaDescription));
  if (entry.alternateName) {
    const other = el('li', {}, `${t('card.alternate')} `);
    other.append(textWithLanguage('span', entry.alternateName));
    more.append(other);
  }
  if (entry.assuredDate) more.append(el('li', {}, t('card.checked', { date: date(entry.assuredDate) })));
  if (entry.lastModified) more.append(el('li', {}, t('card.modified', { date: date(entry.lastModified) })));
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
  const phone = entry.phones.find((number) => number.type !== 'fax');
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
