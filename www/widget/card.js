// One result's card: name, a temporary closure, kind and topics, distance, address or service
// area, languages, whether it is open now (or the hours as written until the opening-hours
// module is there), a course's level, start and free places, and actions (call, e-mail,
// website, route, share), which the browser follows only on a click; its button opens the
// details (description, the week's hours, every contact, who it is for, course dates, costs,
// accessibility, other names, when the entry was checked and changed).

import { el, languageMarker, telHref, textWithLanguage } from './dom.js';
import { formatDate, formatDistance, formatList, isOtherLanguage, languageName } from './format.js';
import { berlinToday, toggled } from './state.js';

/**
 * The phone's own maps app, for a route: iPhones and iPads (also those that say they are a
 * Mac) open Apple's maps, Android phones a `geo:` link; elsewhere there is no such app.
 */
const MAPS_APP = /iPhone|iPad|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)
  ? 'ios'
  : /Android/.test(navigator.userAgent) ? 'android' : null;

/** The card of a search hit; `expanded`: whether its details are open. */
export function card(widget, hit, expanded) {
  const { entry } = hit;
  const { language, store } = widget;
  const t = (key, values) => widget.t(key, values);
  const date = (isoDate) => formatDate(language, isoDate, t);

  const detailsId = `${widget.widgetId}-details-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const article = el('article', { class: 'sf-card', 'data-entry': entry.id });
  const heading = el('h3', { class: 'sf-card-title' });
  const toggleButton = el('button', {
    type: 'button', class: 'sf-card-toggle', 'aria-expanded': String(expanded), 'aria-controls': detailsId, 'data-part': 'toggle',
  });
  toggleButton.append(textWithLanguage('span', entry.name));
  if (isOtherLanguage(entry.name, language)) {
    // Seen: the language's name; heard: a sentence saying the name is in that language.
    const name = languageName(language, entry.name.language, t);
    toggleButton.append(' ', languageMarker(name, t('card.text.language', { language: name })));
  }
  toggleButton.addEventListener('click', () => {
    store.set({ expanded: toggled(store.state.expanded, entry.id) });
    // Opened before the details' module is there (on a slow line, while the first page stands
    // in for the core): it is asked for now, not after the core, and fills this card.
    if (!widget.more) {
      widget.moreModule().then(() => fillDetails(details, widget, hit), () => {
        widget.moreFailed = true;
        fillDetails(details, widget, hit);
      });
    }
  });
  heading.append(toggleButton);
  article.append(heading);
  const closed = statusNotice(entry, t, date);
  if (closed) article.append(closed);

  const meta = el('p', { class: 'sf-meta' });
  // Kind and topics are tags, set apart by the catalog's separator ("·", in Persian "،"): a
  // topic's own name may hold an "und" or a "و", so a list with "and" (Intl.ListFormat) would
  // blur where one ends.
  meta.append([t(`kind.${entry.kind}`), ...entry.categories.map((category) => category.label)].join(t('separator')));
  if (hit.distanceMetres != null) {
    meta.append(t('separator'), el('strong', { class: 'sf-distance' }, t('card.distance', { distance: formatDistance(language, hit.distanceMetres) })));
  }
  article.append(meta);
  if (entry.organization) article.append(textWithLanguage('p', entry.organization, 'sf-organization'));
  // An entry from a neighbouring county's directory (see neighbours.js) says whose it is.
  if (entry.source) {
    const values = { source: entry.source.name.text, date: entry.source.lastModified && date(entry.source.lastModified) };
    article.append(el('p', { class: 'sf-source', 'data-part': 'source' }, t(values.date ? 'card.source.date' : 'card.source', values)));
  }

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
    facts.append(el('li', {}, t('card.languages', { list: formatList(language, entry.languages.map((code) => languageName(language, code, t)), t) })));
  }
  const hours = hoursItem(widget, entry);
  if (hours) facts.append(hours);
  const courseLine = courseSummary(widget, entry);
  if (courseLine) facts.append(courseLine);
  if (entry.freeOfCharge) facts.append(el('li', {}, t('card.free')));
  if (entry.appointmentRequired) facts.append(el('li', {}, t('card.appointment')));
  article.append(facts, actions(widget, entry));

  // The details are written by a module loaded after the first results (see details.js):
  // until it is there, an opened card shows them as soon as it arrives.
  const details = el('div', { class: 'sf-details', id: detailsId });
  details.hidden = !expanded;
  article.append(details);
  fillDetails(details, widget, hit);
  return article;
}

/**
 * Brings a card on screen up to date with the details and opening-hours modules, in place: an
 * open card, the focus in it and what a screen reader is reading stay as they are. For the
 * same hit at a later minute (see Results), which may be a new day: a course that ended
 * yesterday says so, and loses its lesson times.
 */
export function refreshCard(article, widget, hit) {
  renew(article.querySelector('[data-part^="hours"]'), hoursItem(widget, hit.entry));
  renew(article.querySelector('[data-part="course"]'), courseSummary(widget, hit.entry));
  fillDetails(article.querySelector('.sf-details'), widget, hit);
}

/** Puts `fresh` in the place of the line `shown` where it reads otherwise; no `fresh`: removes it. */
function renew(shown, fresh) {
  if (!shown) return;
  if (!fresh) shown.remove();
  else if (!shown.isEqualNode(fresh)) shown.replaceWith(fresh);
}

/**
 * The line on opening hours: the status the opening-hours module reads; where the hours do not
 * hold today (see readHours) the week's times without a status; hours it cannot read as
 * written. Until the module is there the line keeps its place with "…": the value is
 * OpenStreetMap's syntax ("Mo-Fr 08:30-12:00; PH off"), which a newcomer cannot read; only when
 * the module cannot be loaded is it shown as written. Null without hours.
 */
function hoursItem(widget, entry) {
  // An ended course's hours were its lessons: they no longer say when to come.
  if (!entry.openingHours || courseEnded(entry)) return null;
  const t = (key, values) => widget.t(key, values);
  const description = readHours(widget, entry);
  const line = description
    ? widget.hours.statusLine(description, entry, t, widget.language)
    : widget.hours?.weekSummary(entry.openingHours, t, widget.language);
  if (line instanceof Node) return line;
  const hours = widget.hours || widget.hoursUnavailable ? line ?? entry.openingHours : '…';
  return el('li', { 'data-part': 'hours-text' }, t('card.hours', { hours }));
}

/**
 * Writes the details once the module with them is there (see details.js), and again when the
 * day of the opening hours has changed; until then an opened card says that they are coming,
 * or that they could not be loaded.
 */
function fillDetails(details, widget, hit) {
  const day = widget.hours?.today ?? '';
  if (!widget.more) {
    // Opened before then: a word that they are coming, not an empty box; or, when the module
    // could not be loaded, that (opening the card again tries again).
    const text = widget.t(widget.moreFailed ? 'details.unavailable' : 'details.loading');
    if (details.textContent !== text) details.replaceChildren(el('p', { class: 'sf-text-note' }, text));
    return;
  }
  if (details.hasAttribute('data-filled') && details.dataset.day === day) return;
  details.replaceChildren();
  widget.more.fillDetails(details, widget, hit, readHours(widget, hit.entry));
  details.dataset.day = day;
}

/**
 * The entry's opening hours as the opening-hours module reads them this minute; null before it
 * is loaded, without hours, or where they do not hold: an entry closed for now, a course that
 * has not started yet or has ended (its hours are its lessons; the core's `openingHours` leaves
 * it out of "open now" alike).
 */
function readHours(widget, entry) {
  const today = widget.hours?.today;
  const { startDate = today, endDate = today } = entry.course ?? {};
  if (!entry.openingHours || entry.status === 'temporarily closed' || startDate > today || endDate < today) return null;
  return widget.hours?.describe(entry.openingHours) ?? null;
}

/** "Temporarily closed (until …)" with the reason, or null for an entry that is running. */
function statusNotice(entry, t, date) {
  if (entry.status !== 'temporarily closed') return null;
  const notice = el('p', { class: 'sf-status', 'data-part': 'status' });
  notice.append(el('strong', {}, entry.statusUntil ? t('card.status.closed_until', { date: date(entry.statusUntil) }) : t('card.status.closed')));
  if (entry.statusNote) notice.append(' ', textWithLanguage('span', entry.statusNote));
  return notice;
}

/**
 * A course's levels, start and free places in one line, for the card's face. The start says
 * where the course stands today in Germany: "starts on", "running since" (a newcomer may still
 * ask to join), or "ended on" (without its free places, which no longer mean anything).
 */
function courseSummary(widget, entry) {
  const course = entry.course;
  if (!course) return null;
  const { language } = widget;
  const t = (key, values) => widget.t(key, values);
  const date = (isoDate) => formatDate(language, isoDate, t);
  const parts = [];
  const today = berlinToday();
  const ended = courseEnded(entry, today);
  if (course.levels.length) parts.push(t('card.course.levels', { levels: formatList(language, course.levels.map((level) => (level === 'literacy' ? t('level.literacy') : level)), t) }));
  if (ended) parts.push(t('card.course.ended', { end: date(course.endDate) }));
  else if (course.startDate) parts.push(t(course.startDate > today ? 'card.course.start' : 'card.course.running', { start: date(course.startDate) }));
  if (course.freePlaces != null && !ended) parts.push(t('card.course.places', { count: course.freePlaces }));
  return parts.length ? el('li', { class: 'sf-course', 'data-part': 'course' }, parts.join(t('separator'))) : null;
}

/** Whether the entry is a course that ended before `today` (the date in Germany). */
function courseEnded(entry, today = berlinToday()) {
  const end = entry.course?.endDate;
  return Boolean(end && end < today);
}

/**
 * Links to call, write, open the website and find the way (OpenStreetMap's route planner, and
 * the phone's maps app), and "share"; each is followed only when tapped.
 */
function actions(widget, entry) {
  const t = (key) => widget.t(key);
  const actions = el('div', { class: 'sf-actions' });
  // Printed, the buttons give way to the website's address (see the print styles).
  if (entry.url) actions.dataset.website = entry.url;
  const link = (href, label, part, external = false) => {
    const attributes = { class: 'sf-action', href, 'data-part': part };
    if (external) Object.assign(attributes, { target: '_blank', rel: 'noopener noreferrer' });
    actions.append(el('a', attributes, label));
  };
  const phone = entry.phones.find((number) => number.type !== 'fax');
  if (phone) link(telHref(phone.number), t('card.call'), 'call');
  if (entry.email) link(`mailto:${entry.email}`, t('card.email'), 'email');
  if (entry.url) link(entry.url, t('card.website'), 'website', true);
  if (entry.point) {
    const { latitude, longitude } = entry.point;
    const to = `${latitude},${longitude}`;
    // The start is left to the route planner: the newcomer's position never goes into a link.
    link(`https://www.openstreetmap.org/directions?route=%3B${encodeURIComponent(to)}`, t('card.directions'), 'directions', true);
    if (MAPS_APP === 'android') link(`geo:${to}?q=${to}(${encodeURIComponent(entry.name.text)})`, t('card.maps_app'), 'maps-app');
    if (MAPS_APP === 'ios') link(`https://maps.apple.com/?daddr=${to}&q=${encodeURIComponent(entry.name.text)}`, t('card.maps_app'), 'maps-app', true);
  }
  const share = el('button', { type: 'button', class: 'sf-action', 'data-part': 'share' }, t('card.share'));
  share.addEventListener('click', async () => {
    const more = await widget.moreModule();
    more.shareEntry(widget, entry, share, widget.status);
  });
  actions.append(share);
  return actions;
}
