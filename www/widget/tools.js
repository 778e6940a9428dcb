// The list's actions under the results: share the list (a panel with its link and a QR code),
// print it, and (on a county's page) use the finder offline or as an app, which opens the app
// page beside the widget's files. What the buttons do lives in the module loaded after the first
// results (share.js, print.js); a button pressed before it is there waits for it. Its live region
// also says "Link copied" for a card's "share" (widget.status).

import { el } from './dom.js';

/** The app page, beside the widget's files. */
const APP_URL = new URL('./', import.meta.url).href;

/** The most results a printout lists: every page of them, up to the core's limit per search. */
const PRINT_LIMIT = 1000;

export class Tools {
  constructor(widget, info) {
    this.widget = widget;
    this.info = info;
    this.total = 0;
    const t = (key, values) => widget.t(key, values);
    const element = this.element = el('div', { class: 'sf-tools' });
    const labelId = `${widget.widgetId}-tools`;
    const row = el('div', { class: 'sf-tool-row', role: 'group', 'aria-labelledby': labelId });
    row.append(el('span', { id: labelId, class: 'sf-tools-label' }, t('tools.label')));
    const button = (part, label, onClick) => {
      const control = el('button', { type: 'button', class: 'sf-tool', 'data-part': part }, label);
      control.addEventListener('click', () => onClick(control));
      row.append(control);
      return control;
    };
    this.status = widget.status = el('p', { class: 'sf-tools-status', role: 'status' });
    this.shareButton = button('share-list', t('tools.share'), () => this.share());
    this.shareButton.setAttribute('aria-expanded', 'false');
    this.printButton = button('print', t('tools.print'), () => this.print());
    // On the county's page only: the app page is where the finder works offline.
    if (!location.href.startsWith(APP_URL)) {
      row.append(el('a', { class: 'sf-tool', 'data-part': 'offline', href: `${APP_URL}?offline`, target: '_blank' }, t('tools.offline')));
    }
    /** The share panel while it is open (see share). */
    this.panel = null;
    // The printout's first lines: the date and the search in words (filled before printing).
    this.printHead = el('div', { class: 'sf-print-head' });
    element.append(row, this.status);
    // Printed from the browser's menu too: every result, and what they were searched for.
    const signal = widget.connection.signal;
    window.addEventListener('beforeprint', () => this.beforePrint(), { signal });
    window.addEventListener('afterprint', () => this.afterPrint(), { signal });
  }

  update(state, changed, results) {
    if (results) this.total = results.total;
    this.shareButton.hidden = this.printButton.hidden = this.total === 0;
    // An open share panel follows the search: a new link, and no QR code of the old one.
    if (this.panel && results) this.openPanel();
  }

  /** Opens the share panel, or closes it when it is open. */
  async share() {
    if (this.panel) {
      this.panel.remove();
      this.panel = null;
      this.shareButton.setAttribute('aria-expanded', 'false');
      return;
    }
    // Held by an empty panel until the module is there, so that a second press closes it.
    this.panel = el('section', { hidden: '' });
    this.status.before(this.panel);
    this.shareButton.setAttribute('aria-expanded', 'true');
    await this.widget.moreModule();
    await this.openPanel();
    this.panel?.querySelector('input')?.focus();
  }

  /** Puts a share panel for the search shown in place of the one open. */
  async openPanel() {
    const { widget } = this;
    const panel = await widget.more.sharePanel(widget, this.info.title?.text ?? document.title);
    if (!this.panel) return;
    panel.id = `${widget.widgetId}-share`;
    this.shareButton.setAttribute('aria-controls', panel.id);
    this.panel.replaceWith(panel);
    this.panel = panel;
  }

  async print() {
    // The details and the hours in words are in the module loaded after the first results.
    await this.widget.moreModule();
    window.print();
  }

  /** Lists every result, with the search in words over them, while the page is printed. */
  beforePrint() {
    const { widget } = this;
    const { store } = widget;
    // Once per printout: a PDF export may say "before" again before its "after".
    this.shownBefore ??= store.state.shown;
    store.set({ shown: Math.max(this.shownBefore, Math.min(this.total, PRINT_LIMIT)) });
    store.flush();
    if (widget.more) this.printHead.replaceChildren(...widget.more.printHead(widget, store.state, this.info));
  }

  afterPrint() {
    if (this.shownBefore === undefined) return;
    this.widget.store.set({ shown: this.shownBefore });
    this.shownBefore = undefined;
  }
}
