// The results: the count (a live region that screen readers announce), the cards (card.js),
// "more results", and under them the attribution that the place data's licence asks for.

import { card, refreshCard } from './card.js';
import { el, telHref, textWithLanguage } from './dom.js';
import { PAGE_SIZE, narrowed, noFilters } from './state.js';

export class Results {
  /** `info`: the directory's info, whose publisher a search that finds nothing offers to ask. */
  constructor(widget, info) {
    this.widget = widget;
    this.info = info;
    this.status = el('p', { class: 'sf-count', role: 'status' });
    this.list = el('div', { class: 'sf-results' });
    this.attribution = el('p', { class: 'sf-attribution' });
    this.attribution.append(el('a', { href: 'https://www.geonames.org/', target: '_blank', rel: 'noopener noreferrer' }, widget.t('about.places')));
    /** The count's line, which also holds the map's button (see the widget's renderAll). */
    this.bar = el('div', { class: 'sf-bar' });
    this.bar.append(this.status);
    this.element = el('div', { class: 'sf-main' });
    this.element.append(this.bar, this.list, this.attribution);
    /** After "more results": the index of the first new card, which gets the focus. */
    this.firstNew = null;
  }

  update(state, changed, results) {
    // Only the clock moved (a new minute, or a module arrived) and the same entries are shown:
    // the cards are brought up to date in place rather than built anew. A search that found
    // nothing, or only by how its words sound, is shown anew once the module after the first
    // results is there, with its ways on.
    const waysComplete = (results?.total && !results.heard) || this.withMore === Boolean(this.widget.more);
    if (results && changed.size === 1 && changed.has('clock') && this.sameHits(results) && waysComplete) {
      this.showCount(results);
      this.refreshCards(results.hits);
    } else if (results) this.show(state, results);
    else if (changed.has('expanded')) {
      // Opening a card changes it in place: no search, and the focus stays on its button.
      for (const article of this.list.querySelectorAll('[data-entry]')) {
        const open = state.expanded.has(article.dataset.entry);
        article.querySelector('.sf-card-toggle').setAttribute('aria-expanded', String(open));
        article.querySelector('.sf-details').hidden = !open;
      }
    }
  }

  /**
   * Over the one entry a shared link opened: that it was shared (or is gone from the directory),
   * and the way to every entry.
   */
  sharedNotice(found) {
    const { widget } = this;
    const notice = el('div', { class: 'sf-shared', 'data-part': 'shared' });
    const all = el('button', { type: 'button', class: 'sf-button', 'data-part': 'all' }, widget.t('entry.all'));
    all.addEventListener('click', () => {
      this.firstNew = 0;
      widget.store.set({ entry: '', expanded: new Set(), shown: PAGE_SIZE });
    });
    notice.append(el('p', {}, widget.t(found ? 'entry.shared' : 'entry.missing')), all);
    return notice;
  }

  /**
   * A search that the first page cannot answer, typed before the core is there: the count
   * says that the services are still loading, and the cards, which are not its answer, are
   * dimmed and marked busy until it comes (showCount). Where the directory could not be
   * loaded, the count says nothing: the error is right above it, with "try again".
   */
  wait() {
    this.status.textContent = this.widget.getAttribute('data-state') === 'error' ? '' : this.widget.t('loading');
    this.list.setAttribute('aria-busy', 'true');
  }

  /**
   * The count, and when no entry has every word of the text, that the results have only some
   * of them; when a word names something no entry has (a gynaecologist), that they are the
   * entries of its broader topic: the newcomer should know why a card may not fit the words.
   */
  showCount(results) {
    const { widget } = this;
    this.list.removeAttribute('aria-busy');
    const count = widget.t('results.count', { count: results.total });
    const topic = results.topic && (this.info.categories.find((category) => category.id === results.topic)?.label ?? results.topic);
    const note = results.partial ? widget.t('results.partial') : topic ? widget.t('results.topic', { topic }) : '';
    if (note) this.status.replaceChildren(count, el('span', { class: 'sf-partial' }, ` – ${note}`));
    else this.status.textContent = count;
  }

  /**
   * Ways on from a search that found nothing at all: the directory's words nearest the text
   * ("did you mean"), a button that clears the filters when some are set and one that shows
   * every entry, a hint that fits what was set, and whom to ask: the directory's publisher.
   */
  ways(state) {
    const { widget } = this;
    const ways = [];
    const text = state.text.trim();
    // Each way on sets the state, and the first result it finds gets the focus.
    const go = (patch) => this.go(patch);
    // Other words only when the words themselves find nothing, not when a filter is the cause.
    const suggestions = text && this.suggest(text, (finder) => finder.search({ text, limit: 0 }).total === 0);
    if (suggestions) ways.push(suggestions);
    // Words that name a town ("Kassel"): the offers near it (near-place.js, loaded after the
    // first results; a search that finds nothing comes later).
    if (text && !state.place && widget.more) ways.unshift(widget.more.nearPlace(widget, text, { places: this.places, go, suggestions: ways[0] }));
    const buttons = el('p', { class: 'sf-ways' });
    const button = (part, label, patch) => {
      const control = el('button', { type: 'button', class: 'sf-button sf-clear', 'data-part': part }, label);
      control.addEventListener('click', () => go(patch));
      buttons.append(control);
    };
    if (narrowed(state)) button('clear', widget.t('filters.clear'), { ...noFilters(), radiusKm: null });
    if (text) button('all', widget.t('entry.all'), { ...noFilters(), radiusKm: null, text: '', shown: PAGE_SIZE });
    // Filters and distance are named only when some are set.
    ways.push(el('p', {}, widget.t(narrowed(state) ? 'results.empty.hint' : 'results.empty.words')));
    if (buttons.children.length) ways.push(buttons);
    const ask = this.ask();
    if (ask) ways.push(ask);
    return ways;
  }

  /**
   * "Did you mean": the directory's or the thesaurus's words nearest `text`, as buttons that
   * search for them, if `wanted(finder)` and there are any; else null.
   */
  suggest(text, wanted) {
    const suggestions = this.widget.core.use((finder) => (wanted(finder) ? finder.suggest(text) : [])) ?? [];
    if (!suggestions.length) return null;
    const line = el('p', { class: 'sf-suggest', 'data-part': 'suggest' }, `${this.widget.t('results.suggest')} `);
    suggestions.forEach((suggestion, number) => {
      const button = el('button', { type: 'button', class: 'sf-link-button', dir: 'auto' }, suggestion);
      button.addEventListener('click', () => this.go({ text: suggestion, shown: PAGE_SIZE }));
      // Set apart as a card's topics are ("·", in Persian "،"), not with a Latin comma.
      line.append(...(number > 0 ? [this.widget.t('separator'), button] : [button]));
    });
    return line;
  }

  /** A way on: sets the state, and the first result it finds gets the focus. */
  go(patch) {
    this.firstNew = 0;
    this.widget.store.set(patch);
  }

  /** The directory's publisher, to call or write to, when the directory gives a number or address. */
  ask() {
    const { widget, info } = this;
    if (!info.publisherPhone && !info.publisherEmail) return null;
    const ask = el('div', { class: 'sf-ask', 'data-part': 'ask' });
    const who = el('p');
    who.append(`${widget.t('results.empty.ask')} `, info.publisherName ? textWithLanguage('bdi', info.publisherName) : '');
    const actions = el('div', { class: 'sf-actions' });
    const link = (href, label, part) => actions.append(el('a', { class: 'sf-action', href, 'data-part': part }, label));
    if (info.publisherPhone) link(telHref(info.publisherPhone), widget.t('card.call'), 'call');
    if (info.publisherEmail) link(`mailto:${info.publisherEmail}`, widget.t('card.email'), 'email');
    ask.append(who, actions);
    return ask;
  }

  /**
   * The first time a shared link's entry is shown, it is scrolled to: on a phone it lies under
   * the search form, and the friend who opened the link would see only that. Once per page, so
   * that a later render never moves the page.
   */
  revealShared(shared) {
    if (!shared || this.widget.sharedRevealed) return;
    this.widget.sharedRevealed = true;
    shared.scrollIntoView({ block: 'start' });
  }

  /** Brings the cards on screen of these hits up to date in place (see refreshCard). */
  refreshCards(hits) {
    for (const hit of hits) {
      const article = this.list.querySelector(`[data-entry="${CSS.escape(hit.entry.id)}"]`);
      if (article) refreshCard(article, this.widget, hit);
    }
  }

  /** Whether `results` show the same entries, in the same order, as the cards on screen. */
  sameHits(results) {
    const shown = [...this.list.querySelectorAll('[data-entry]')].map((article) => article.dataset.entry);
    return shown.length === results.hits.length && results.hits.every((hit, index) => hit.entry.id === shown[index]);
  }

  show(state, results) {
    const { widget, list: container } = this;
    this.showCount(results);
    // Nothing to put on a map: its button goes (while the map is open, it stays to close it).
    const map = this.bar.querySelector('[data-part="map"]');
    if (map) map.hidden = !results.total && state.view !== 'map';
    const focused = widget.shadow.activeElement;
    const focusedCard = focused?.closest?.('[data-entry]')?.getAttribute('data-entry');
    const focusedPart = focused?.getAttribute?.('data-part');
    const shared = state.entry ? this.sharedNotice(results.total > 0) : null;
    this.withMore = Boolean(widget.more);
    if (results.total === 0) {
      const empty = el('div', { class: 'sf-empty' });
      if (shared) empty.append(shared);
      else empty.append(el('p', { class: 'sf-empty-title' }, widget.t('results.empty')), ...this.ways(state));
      const reach = widget.reach?.line(state);
      if (reach) empty.append(reach);
      container.replaceChildren(empty);
      this.revealShared(shared);
      return;
    }
    const list = el('ul', { class: 'sf-list' });
    for (const hit of results.hits) {
      const item = el('li');
      item.append(card(widget, hit, state.expanded.has(hit.entry.id)));
      list.append(item);
    }
    const children = shared ? [shared, list] : [list];
    const text = state.text.trim();
    // A word found only with a typing error or by its sound may have found another word's
    // entries ("ادمن", a misspelt "إدمان", addiction, found the Persian "آمدند", came): the
    // words it may have meant come first …
    const suggestions = results.loose && !shared && this.suggest(text, () => true);
    if (suggestions) children.unshift(suggestions);
    // … and words found only by how they sound may name a town ("Кассель" sounds like the
    // Turkish "kişisel"): the offers near it before them, as for words that find nothing.
    if (results.heard && !state.place && widget.more) children.unshift(widget.more.nearPlace(widget, text, { places: this.places, go: (patch) => this.go(patch), suggestions }));
    // A distance is set, but the entries in it all serve the whole area or work remotely (they
    // have no distance, and come after every entry with a place): nothing is near the place,
    // perhaps because it lies outside the directory's area. Said, so as not to mislead.
    if (state.near && state.radiusKm && results.hits[0]?.distanceMetres == null) {
      children.splice(children.indexOf(list), 0, el('p', { class: 'sf-note', 'data-part': 'none-near' }, widget.t('results.noneNear')));
    }
    if (results.total > results.hits.length) {
      const more = el('button', { type: 'button', class: 'sf-button sf-more', 'data-part': 'more' }, widget.t('results.more'));
      more.addEventListener('click', () => {
        this.firstNew = results.hits.length;
        widget.store.set({ shown: widget.store.state.shown + PAGE_SIZE });
      });
      children.push(more);
    }
    // Searching all of Germany (nationwide.js), where the widget has the nationwide files.
    const reach = widget.reach?.line(state);
    if (reach) children.push(reach);
    container.replaceChildren(...children);
    this.revealShared(shared);
    if (this.firstNew !== null) {
      // Focus moves to the first new result, so keyboard users continue where they were.
      container.querySelectorAll('.sf-card-toggle')[this.firstNew]?.focus();
      this.firstNew = null;
    } else if (focusedCard) {
      // Results are rebuilt on every search; keep the keyboard focus on the same card.
      const article = container.querySelector(`[data-entry="${CSS.escape(focusedCard)}"]`);
      article?.querySelector(`[data-part="${focusedPart}"]`)?.focus() ?? article?.querySelector('.sf-card-toggle')?.focus();
    }
  }
}
