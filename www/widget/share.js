// Sharing: a card's "share" hands its link (the app page showing that entry) to the phone's
// share sheet where there is one (Web Share API), else copies it and says so; the list's
// "share" opens a panel with the link, "copy", the share sheet and a QR code for flyers. The QR
// code's module (dist/service-finder-qr.js) is downloaded only when that button is pressed.

import { el } from './dom.js';

/** How long "Link copied" stays on a card's button, in ms. */
const CONFIRMATION_MS = 4000;

/** What the widget imports for a QR code (www/widget/qr.js, bundled on its own). */
const QR = './service-finder-qr.js';

/** The links' module (www/widget/url-state.js, a file of its own; see URL_STATE). */
const urlState = () => import(new URL('./service-finder-url.js', import.meta.url).href);

/**
 * Shares a link to one entry (the app page showing it): the share sheet, else the clipboard,
 * with "Link copied" on the button and in `status` (a live region) for screen readers.
 */
export async function shareEntry(widget, entry, button, status) {
  const url = (await urlState()).entryUrl(entry.id, widget.language);
  if (await shareSheet(entry.name.text, url)) return;
  const t = (key) => widget.t(key);
  if (await copy(url)) {
    const label = button.textContent;
    button.textContent = status.textContent = t('share.copied');
    // Both go back, so that "Link copied" is not left under a later search's list.
    setTimeout(() => {
      if (button.textContent === t('share.copied')) button.textContent = label;
      if (status.textContent === t('share.copied')) status.textContent = '';
    }, CONFIRMATION_MS);
  } else {
    // No clipboard here: the link, selected, to copy by hand.
    status.replaceChildren(linkField(widget, url, 'entry'));
    status.querySelector('input').select();
  }
}

/**
 * The list's share panel: the link to the app page with this search, "copy", the share sheet
 * where there is one, a QR code.
 */
export async function sharePanel(widget, title) {
  const url = (await urlState()).shareUrl(widget.store.state, widget.language);
  const t = (key) => widget.t(key);
  const panel = el('section', { class: 'sf-share', 'aria-label': t('share.heading') });
  const field = linkField(widget, url, 'list');
  const buttons = el('div', { class: 'sf-share-actions' });
  const feedback = el('p', { class: 'sf-share-status', role: 'status' });
  const button = (part, label, onClick) => {
    const control = el('button', { type: 'button', class: 'sf-tool', 'data-part': part }, label);
    control.addEventListener('click', onClick);
    buttons.append(control);
  };
  button('copy', t('share.copy'), async () => {
    if (await copy(url)) feedback.textContent = t('share.copied');
    else field.querySelector('input').select();
  });
  if (navigator.share) button('share-sheet', t('share.sheet'), () => shareSheet(title, url));
  const qr = el('div', { class: 'sf-qr' });
  button('qr', t('share.qr'), async () => {
    try {
      const { qrCode } = await import(new URL(QR, import.meta.url).href);
      qr.replaceChildren(qrCode(url, t('share.qr.label')));
    } catch (error) {
      console.error('service-finder: the QR code could not be made.', error);
      feedback.textContent = t('share.qr.failed');
    }
  });
  panel.append(field, buttons, feedback, qr);
  return panel;
}

/** A labelled read-only field holding `url`, selected on focus for copying by hand. */
function linkField(widget, url, what) {
  const id = `${widget.widgetId}-share-${what}`;
  const field = el('div', { class: 'sf-field sf-share-link' });
  const input = el('input', { id, type: 'url', readonly: '', value: url, dir: 'ltr' });
  input.addEventListener('focus', () => input.select());
  field.append(el('label', { for: id }, widget.t(what === 'list' ? 'share.link.list' : 'share.link.entry')), input);
  return field;
}

/** Opens the phone's share sheet; false where there is none or it failed (not when closed). */
async function shareSheet(title, url) {
  if (!navigator.share) return false;
  try {
    await navigator.share({ title, url });
    return true;
  } catch (error) {
    // Closed by the newcomer: done. Refused (no user gesture left, say): copy instead.
    return error?.name === 'AbortError';
  }
}

/** Copies `url`; false where the page may not write to the clipboard. */
async function copy(url) {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    return false;
  }
}
