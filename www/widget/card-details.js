// Parts of a card beyond its name and place: a temporary closure, a course's level, start and
// free places, every way to get in touch (numbers and addresses shown as text, each also a
// link), who an entry is for, and the accessibility details (a known "no" is said; what is not
// known is left out).

import { el, textWithLanguage } from './dom.js';
import { formatList, formatNumber, languageName } from './format.js';

/** "Temporarily closed (until …)" with the reason, or null for an entry that is running. */
export function statusNotice(entry, t, date) {
  if (entry.status !== 'temporarily closed') return null;
  const notice = el('p', { class: 'sf-status', 'data-part': 'status' });
  notice.append(el('strong', {}, entry.statusUntil ? t('card.status.closed_until', { date: date(entry.statusUntil) }) : t('card.status.closed')));
  if (entry.statusNote) notice.append(' ', textWithLanguage('span', entry.statusNote));
  return notice;
}

/** A course's levels, start and free places in one line, for the card's face. */
export function courseSummary(entry, t, date, language) {
  const course = entry.course;
  if (!course) return null;
  const parts = [];
  if (course.levels.length) parts.push(t('card.course.levels', { levels: formatList(language, course.levels.map((level) => (level === 'literacy' ? t('level.literacy') : level))) }));
  if (course.startDate) parts.push(t('card.course.start', { start: date(course.startDate) }));
  if (course.freePlaces != null) parts.push(t('card.course.places', { count: course.freePlaces }));
  return parts.length ? el('li', { class: 'sf-course', 'data-part': 'course' }, parts.join(' · ')) : null;
}

/**
 * Every number and address of the entry and its contacts, each readable as text and usable as
 * a link (a fax number is text only: there is nothing to call).
 */
export function contactList(entry, t, language) {
  const groups = [{ title: null, phones: entry.phones, email: entry.email, languages: [] }, ...entry.contacts];
  const list = el('ul', { class: 'sf-contacts', 'data-part': 'contacts' });
  for (const group of groups) {
    const item = el('li');
    const lines = [];
    if (group.title) lines.push(textWithLanguage('strong', group.title));
    for (const phone of group.phones) lines.push(phoneLine(phone, t, language));
    if (group.email) lines.push(link(`mailto:${group.email}`, group.email));
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
    const call = link(`tel:${phone.number.replace(/[^\d+]/g, '')}`, '');
    call.append(number);
    line.append(call);
  }
  if (phone.description) line.append(' – ', textWithLanguage('span', phone.description));
  if (phone.languages.length) line.append(' (', spokenLanguages(phone.languages, t, language), ')');
  return line;
}

function spokenLanguages(codes, t, language) {
  return t('card.languages', { list: formatList(language, codes.map((code) => languageName(language, code))) });
}

function link(href, text) {
  return el('a', { href, class: 'sf-contact-link', dir: 'ltr' }, text);
}

const TARGET_GROUPS = ['children', 'youth', 'young_adults', 'women', 'men', 'families', 'seniors', 'refugees', 'people_with_disabilities', 'lgbtiq'];

/** Who the entry is for and the ages it serves, or null when it is for everybody. */
export function audienceFact(entry, t, language) {
  const groups = entry.targetGroups.filter((group) => TARGET_GROUPS.includes(group)).map((group) => t(`target.${group}`));
  const { minimumAge: min, maximumAge: max } = entry;
  const number = (value) => formatNumber(language, value);
  let ages = null;
  if (min != null && max != null) ages = t('card.age.range', { min: number(min), max: number(max) });
  else if (min != null) ages = t('card.age.min', { min: number(min) });
  else if (max != null) ages = t('card.age.max', { max: number(max) });
  if (!groups.length && !ages) return null;
  const parts = [];
  if (groups.length) parts.push(t('card.for', { list: formatList(language, groups) }));
  if (ages) parts.push(ages);
  return el('li', { 'data-part': 'audience' }, parts.join(' · '));
}

const ACCESS_FEATURES = ['stepFreeEntrance', 'accessibleToilet', 'elevator', 'hearingLoop', 'signLanguage', 'accessibleParking'];

/** Wheelchair access and each known accessibility detail, as list items. */
export function accessibilityFacts(entry, t) {
  const items = [];
  if (entry.wheelchair) items.push(el('li', {}, t(`card.wheelchair.${entry.wheelchair}`)));
  const details = entry.accessibility;
  if (!details) return items;
  for (const feature of ACCESS_FEATURES) {
    if (details[feature] == null) continue;
    const answer = t(details[feature] ? 'card.access.yes' : 'card.access.no', { feature: t(`card.access.${feature}`) });
    items.push(el('li', { 'data-access': feature }, answer));
  }
  if (details.description) items.push(textWithLanguage('li', details.description));
  return items;
}
