// The header: the directory's title, the UI language switcher (each language named in itself),
// the publisher, the date of the data and the example-data notice.

import { el } from './dom.js';
import { formatDate } from './format.js';
import { LANGUAGES } from './messages.js';

export function header(widget, info) {
  const t = (key, values) => widget.t(key, values);
  const element = el('header', { class: 'sf-header' });
  const titleRow = el('div', { class: 'sf-title-row' });
  titleRow.append(el('h2', { class: 'sf-title' }, info.title?.text ?? ''));
  const languageId = `${widget.widgetId}-ui-language`;
  const languagePicker = el('div', { class: 'sf-ui-language' });
  const select = el('select', { id: languageId });
  // Each language named in itself, so that a newcomer finds their own.
  for (const { tag, name, dir } of LANGUAGES) {
    const option = el('option', { value: tag, lang: tag, dir }, name);
    option.selected = tag === widget.language;
    select.append(option);
  }
  select.addEventListener('change', () => widget.setLanguage(select.value, { remember: true }));
  languagePicker.append(el('label', { for: languageId }, t('ui.language')), select);
  titleRow.append(languagePicker);
  element.append(titleRow);
  const about = [];
  if (info.publisherName) about.push(t('about.publisher', { name: info.publisherName.text }));
  if (info.lastModified) about.push(t('about.updated', { date: formatDate(widget.language, info.lastModified) }));
  if (about.length) element.append(el('p', { class: 'sf-about' }, about.join(' · ')));
  if (info.exampleData) element.append(el('p', { class: 'sf-example' }, t('about.example')));
  return element;
}
