// A card's details, written once the module with them is loaded (after the first results; see
// more.js): the description (with a note when it is not in the UI language), the week's opening
// hours, every way to get in touch (numbers and addresses shown as text, each also a link), who
// the entry is for, course dates, costs, accessibility (a known "no" is said; what is not known
// is left out), how to get there, other names, and when the entry was checked and changed.

import { el, languageMarker, telHref, textWithLanguage } from './dom.js';
import { baseLanguage, formatDate, formatList, formatNumber, hasIntlData, isOtherLanguage, languageName } from './format.js';

/** Where listItem's text goes in its message. */
const TEXT = '\u0000';

/**
 * A list item with a text from the directory, and the words of a message around it where
 * `message` is given (one filled with `{…}: TEXT`, "Kosten: TEXT"). The text keeps its own
 * language and direction (a German line in an Arabic card stays in order), the item the
 * list's, so that its bullet stands on the list's side, inside the card; a text not in the UI
 * language is marked with its language's name, as a card's name is.
 */
function listItem(textView, t, language, message = TEXT) {
  const item = el('li');
  const [before, after] = message.split(TEXT);
  item.append(before, textWithLanguage('span', textView), after);
  if (isOtherLanguage(textView, language)) {
    const name = languageName(language, textView.language, t);
    item.append(' ', languageMarker(name, t('card.text.language', { language: name })));
  }
  return item;
}

/**
 * Fills a card's empty details element for `hit`; `hours` is the entry's opening hours as the
 * hours module read them (or null), for the week table.
 */
export function fillDetails(details, widget, hit, hours) {
  const { entry } = hit;
  const { language } = widget;
  const t = (key, values) => widget.t(key, values);
  const date = (isoDate) => formatDate(language, isoDate, t);
  if (entry.description) {
    if (isOtherLanguage(entry.description, language)) {
      // The UI language named in itself when the browser cannot name it (Tigrinya).
      const wanted = hasIntlData(language) ? languageName(language, baseLanguage(language)) : t('language.name');
      details.append(el('p', { class: 'sf-text-note' }, t('card.text.fallback', { wanted, language: languageName(language, entry.description.language, t) })));
    }
    details.append(textWithLanguage('p', entry.description, 'sf-description'));
  }
  const week = hours && widget.hours.weekTable(hours, t, language);
  if (week) details.append(week);
  if (hours?.comment) details.append(el('p', { dir: 'auto' }, hours.comment));
  const contacts = contactList(entry, t, language);
  if (contacts) details.append(contacts);
  const more = el('ul', { class: 'sf-facts' });
  if (entry.scheduleDescription) more.append(listItem(entry.scheduleDescription, t, language));
  const audience = audienceFact(entry, t, language);
  if (audience) more.append(audience);
  const course = entry.course;
  if (course) {
    if (course.startDate && course.endDate) {
      more.append(el('li', {}, t('card.course.dates', { start: date(course.startDate), end: date(course.endDate) })));
    }
    if (course.childcare) more.append(el('li', {}, t('card.course.childcare')));
  }
  if (entry.feesDescription) more.append(listItem(entry.feesDescription, t, language, t('card.fees', { fees: TEXT })));
  more.append(...accessibilityFacts(entry, t, language));
  if (entry.transportation) more.append(listItem(entry.transportation, t, language));
  if (entry.serviceAreaDescription) more.append(listItem(entry.serviceAreaDescription, t, language));
  if (entry.alternateName) {
    const other = el('li', {}, `${t('card.alternate')} `);
    other.append(textWithLanguage('span', entry.alternateName));
    more.append(other);
  }
  if (entry.assuredDate) more.append(el('li', {}, t('card.checked', { date: date(entry.assuredDate) })));
  if (entry.lastModified) more.append(el('li', {}, t('card.modified', { date: date(entry.lastModified) })));
  details.append(more);
  details.setAttribute('data-filled', '');
}

/**
 * Every number and address of the entry and its contacts, each readable as text and usable as
 * a link (a fax number is text only: there is nothing to call).
 */
function contactList(entry, t, language) {
  const groups = [{ title: null, phones: entry.phones, email: entry.email, languages: [] }, ...entry.contacts];
  const list = el('ul', { class: 'sf-contacts', 'data-part': 'contacts' });
  for (const group of groups) {
    const item = el('li');
    const lines = [];
    if (group.title) lines.push(textWithLanguage('strong', group.title));
    for (const phone of group.phones) lines.push(phoneLine(phone, t, language));
    if (group.email) lines.push(emailLink(group.email));
    if (group.languages.length) lines.push(el('span', {}, spokenLanguages(group.languages, t, language)));
    if (!lines.length) continue;
    // Each on a line of its own (a block in the styles).
    for (const line of lines) {
      const row = el('span', { class: 'sf-contact-line' });
      row.append(line);
      item.append(row);
    }
    list.append(item);
  }
  return list.children.length ? list : null;
}

function phoneLine(phone, t, language) {
  const line = el('span', { class: 'sf-phone' });
  // Latin digits and "+" keep their order in a right-to-left UI.
  const number = el('bdi', {}, phone.number);
  if (phone.type === 'fax') {
    line.append(t('card.fax'), ' ', number);
  } else {
    const call = link(telHref(phone.number), '');
    call.append(number);
    line.append(call);
  }
  // What the number is for and who speaks which language there, under the number.
  const notes = [];
  if (phone.description) notes.push(textWithLanguage('span', phone.description));
  if (phone.languages.length) notes.push(spokenLanguages(phone.languages, t, language));
  if (notes.length) {
    const note = el('span', { class: 'sf-contact-note' });
    notes.forEach((part, index) => note.append(...(index ? [t('separator'), part] : [part])));
    line.append(note);
  }
  return line;
}

function spokenLanguages(codes, t, language) {
  return t('card.languages', { list: formatList(language, codes.map((code) => languageName(language, code, t)), t) });
}

function link(href, text) {
  return el('a', { href, class: 'sf-contact-link', dir: 'ltr' }, text);
}

/**
 * An e-mail address as a link that a narrow card breaks before its "@" or a dot, not within a
 * word ("frauenkurs.frankenberg@example.or", then "g").
 */
function emailLink(address) {
  const anchor = link(`mailto:${address}`, '');
  address.split(/(?=[@.])/).forEach((part, index) => anchor.append(...(index ? [el('wbr'), part] : [part])));
  return anchor;
}

const TARGET_GROUPS = ['children', 'youth', 'young_adults', 'women', 'men', 'families', 'seniors', 'refugees', 'people_with_disabilities', 'lgbtiq'];

/** Who the entry is for and the ages it serves, or null when it is for everybody. */
function audienceFact(entry, t, language) {
  const groups = entry.targetGroups.filter((group) => TARGET_GROUPS.includes(group)).map((group) => t(`target.${group}`));
  const { minimumAge: min, maximumAge: max } = entry;
  const number = (value) => formatNumber(language, value);
  let ages = null;
  if (min != null && max != null) ages = t('card.age.range', { min: number(min), max: number(max) });
  else if (min != null) ages = t('card.age.min', { min: number(min) });
  else if (max != null) ages = t('card.age.max', { max: number(max) });
  if (!groups.length && !ages) return null;
  const parts = [];
  if (groups.length) parts.push(t('card.for', { list: formatList(language, groups, t) }));
  if (ages) parts.push(ages);
  return el('li', { 'data-part': 'audience' }, parts.join(t('separator')));
}

const ACCESS_FEATURES = ['stepFreeEntrance', 'accessibleToilet', 'elevator', 'hearingLoop', 'signLanguage', 'accessibleParking'];

/** Wheelchair access and each known accessibility detail, as list items. */
function accessibilityFacts(entry, t, language) {
  const items = [];
  if (entry.wheelchair) items.push(el('li', {}, t(`card.wheelchair.${entry.wheelchair}`)));
  const details = entry.accessibility;
  if (!details) return items;
  for (const feature of ACCESS_FEATURES) {
    if (details[feature] == null) continue;
    const answer = t(details[feature] ? 'card.access.yes' : 'card.access.no', { feature: t(`card.access.${feature}`) });
    items.push(el('li', { 'data-access': feature }, answer));
  }
  if (details.description) items.push(listItem(details.description, t, language));
  return items;
}
