// Building the widget's elements. Directory data is untrusted: it is only ever set as text or as
// attribute values, never parsed as HTML.

/** An element with attributes and text content. */
export function el(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text != null) element.textContent = text;
  return element;
}

/**
 * A `tel:` link's address for a number as written ("05631 / 954-0" → tel:056319540). The "(0)"
 * of "+49 (0) 5631 …" is dialled only from within Germany, never after the country code.
 */
export function telHref(number) {
  return `tel:${number.replace(/\(0\)|[^\d+]/g, '')}`;
}

/** A decorative icon: `path` (SVG path data, 24 × 24) stroked in the text colour. */
export function svg(path) {
  const namespace = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(namespace, 'svg');
  for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', class: 'sf-icon' })) {
    icon.setAttribute(name, value);
  }
  const line = document.createElementNS(namespace, 'path');
  line.setAttribute('d', path);
  icon.append(line);
  return icon;
}

/**
 * The nodes of message `key` with a German place name in it (`{place}`), isolated left to
 * right: an Arabic sentence would make "(34497) Korbach" of "Korbach (34497)".
 */
export function withPlaceName(t, key, name) {
  const [before, after = ''] = t(key, { place: '\u0000' }).split('\u0000');
  return [before, el('bdi', { dir: 'ltr' }, name), after];
}

/** A text from the directory, marked with the language it is in (for screen readers). */
export function textWithLanguage(tag, textView, className) {
  const element = el(tag, className ? { class: className } : {}, textView?.text ?? '');
  if (textView?.language) element.setAttribute('lang', textView.language);
  // Names and descriptions in another script keep their own direction.
  element.setAttribute('dir', 'auto');
  return element;
}

/**
 * The mark after a text from the directory that is not in the UI language: seen, the
 * language's `name`; heard, `sentence` (that the text is in that language).
 */
export function languageMarker(name, sentence) {
  const marker = el('span', { class: 'sf-text-language' });
  marker.append(el('span', { 'aria-hidden': 'true' }, name), el('span', { class: 'sf-visually-hidden' }, sentence));
  return marker;
}

/** A filter chip: a toggle button with a label and a count (see setChip). */
export function chip(label, onClick) {
  const button = el('button', { type: 'button', class: 'sf-chip', 'aria-pressed': 'false' });
  button.append(el('span', { class: 'sf-chip-label' }, label), ' ', el('span', { class: 'sf-chip-count' }, ''));
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') !== 'true') onClick();
  });
  return button;
}

/**
 * Shows a chip's state and its count (written the UI language's way). A chip that is off and
 * would give no results (`none`) cannot be pressed: it would only lead to "nothing found". It
 * is aria-disabled, not disabled, so that it stays in the tab order and a screen reader still
 * finds it and its 0.
 */
export function setChip(button, pressed, count, none = false) {
  button.setAttribute('aria-pressed', String(pressed));
  if (none && !pressed) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
  button.querySelector('.sf-chip-count').textContent = count;
}
