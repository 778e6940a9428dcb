// The header: the directory's title around the UI language switcher (each language named in
// itself, marked with a globe), then one line with the publisher, the date of the data and the
// example-data notice, so that the results start high on a phone.

import { el, svg } from './dom.js';
import { formatDate } from './format.js';
import { LANGUAGES } from './messages.js';

export function header(widget, info) {
  const t = (key, values) => widget.t(key, values);
  const element = el('header', { class: 'sf-header' });
  const titleRow = el('div', { class: 'sf-title-row' });
  const languageId = `${widget.widgetId}-ui-language`;
  const languagePicker = el('div', { class: 'sf-ui-language' });
  const select = el('select', { id: languageId });
  // Each language named in itself, so that a newcomer finds their own.
  for (const { tag, name, dir } of LANGUAGES) {
    const option = el('option', { value: tag, lang: tag, dir }, name);
    // As an attribute: the first screens of embed.js are this markup, serialised by the build
    // (a property alone left the Arabic screen's switcher on "Deutsch").
    option.defaultSelected = tag === widget.language;
    select.append(option);
  }
  select.addEventListener('change', () => widget.setLanguage(select.value, { remember: true }));
  // The globe shows what the switcher is in any language; the word is for screen readers.
  const label = el('label', { for: languageId });
  label.append(svg(GLOBE), el('span', { class: 'sf-visually-hidden' }, t('ui.language')));
  languagePicker.append(label, select);
  // The switcher first: it floats, and the title flows around it (see .sf-title-row).
  titleRow.append(languagePicker, el('h2', { class: 'sf-title' }, info.title?.text ?? ''));
  element.append(titleRow);
  const about = [];
  if (info.publisherName) about.push(t('about.publisher', { name: info.publisherName.text }));
  if (info.lastModified) about.push(t('about.updated', { date: formatDate(widget.language, info.lastModified, t) }));
  // Shown from the last good copy (offline.js): said, with the day it was fetched.
  if (widget.offlineDate) about.push(t('offline.asOf', { date: formatDate(widget.language, widget.offlineDate, t) }));
  const line = el('p', { class: 'sf-about' }, about.join(t('separator')));
  if (info.exampleData) line.append(' ', el('span', { class: 'sf-example' }, t('about.example')));
  if (line.textContent) element.append(line);
  return element;
}

/** A globe (the paths of a 24 × 24 icon, drawn with the text colour). */
const GLOBE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c-3 3-3 15 0 18M12 3c3 3 3 15 0 18';
