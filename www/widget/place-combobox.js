// The place and postcode field: an ARIA 1.2 combobox with a list of suggestions. Typing suggests
// places; the arrow keys move through them, Enter picks one (or, in an empty field, removes the
// place), Escape closes the list, and "×" removes the place. Screen readers hear how many
// suggestions there are.
//
// The places come from the core's gazetteers: the region's places (a few KB), fetched the
// first time the field gets the focus, and all of Germany's in shards by the first letter or
// digit, the larger letters by the second too (place-shards.js), the shard of what is typed
// fetched as soon as it is known; its suggestions are preferred once it is there (issue 16:
// one lookup downloads a few KB, at most 60).

import { coreInstance, loadPlaces } from './core.js';
import { el } from './dom.js';
import { placeShardKey } from './place-shards.js';

export class PlaceCombobox {
  /**
   * `id`: the input's id, from which the list's ids are made; `t`: the widget's messages;
   * `place`: the place chosen before ({ name, postcode }) or null; `find(gazetteer, text)`: the
   * places for `text` (the gazetteer may be null), or undefined when the core failed;
   * `onChoose(place)`: a place of the gazetteer was picked; `onClear()`: the place was removed.
   */
  constructor({ id, t, place, find, onChoose, onClear }) {
    Object.assign(this, { t, find, onChoose, onClear });
    /**
     * The gazetteers once fetched: the region's places, and the shards of Germany's by key
     * (null while one downloads, FAILED when it could not be).
     */
    this.region = null;
    this.shards = new Map();
    /** How the letters with many places are split (places/splits.json), once fetched. */
    this.splits = null;
    /** The places in the list, and the one marked with the arrow keys (-1: none). */
    this.suggestions = [];
    this.active = -1;
    /** The list was closed with Escape: places that arrive later do not open it again. */
    this.dismissed = false;
    this.listId = `${id}-list`;
    // Every listener goes with destroy(), and places that arrive after it are dropped.
    this.abort = new AbortController();
    const on = (target, type, listener) => target.addEventListener(type, listener, { signal: this.abort.signal });

    const input = this.input = el('input', {
      id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': this.listId,
      placeholder: t('place.placeholder'),
    });
    input.value = place?.name ?? '';
    const clear = this.clear = el('button', { type: 'button', class: 'sf-place-clear', 'aria-label': t('place.clear') }, '×');
    clear.hidden = !place;
    this.list = el('ul', { id: this.listId, role: 'listbox', class: 'sf-suggestions', 'aria-label': t('place.label') });
    this.list.hidden = true;
    this.announcer = el('p', { class: 'sf-visually-hidden', 'aria-live': 'polite' });
    // What the newcomer sees when no place is found (the announcer says it too).
    this.note = el('p', { class: 'sf-place-note' });
    this.note.hidden = true;

    on(input, 'focus', () => this.loadPlaces());
    on(input, 'input', () => {
      this.dismissed = false;
      // A shard that could not be downloaded (offline) is tried again as the newcomer types.
      for (const [key, shard] of this.shards) if (shard === FAILED) this.shards.delete(key);
      this.suggest();
    });
    on(input, 'keydown', (event) => this.onKeydown(event));
    on(clear, 'click', () => {
      input.value = '';
      this.close();
      this.onClear();
      input.focus();
    });
    const row = el('div', { class: 'sf-place-row' });
    row.append(input, clear);
    const field = this.element = el('div', { class: 'sf-place' });
    on(field, 'focusout', (event) => {
      if (!field.contains(event.relatedTarget)) this.close();
    });
    field.append(el('label', { for: id, class: 'sf-label' }, t('place.label')), row, this.list, this.note, this.announcer);
  }

  /** Shows the place chosen now (also one chosen elsewhere): its name and "×", or an empty field. */
  show(place) {
    this.note.hidden = true;
    this.clear.hidden = !place;
    this.input.value = place?.name ?? '';
  }

  destroy() {
    this.abort.abort();
  }

  /**
   * Fetches the region's places and how Germany's shards are split (once per page), and
   * suggests again when they arrive. Resolves when the splits are there (or failed).
   */
  loadPlaces() {
    this.loadFile('places-region.tsv', (places) => {
      this.region = places === FAILED ? null : places;
    });
    return loadSplits().then((splits) => {
      if (this.abort.signal.aborted) return;
      this.splits = splits ?? FAILED;
      this.suggestWithNewPlaces();
    });
  }

  /**
   * Suggests again with places that arrived after the newcomer typed, unless they have left the
   * field or closed the list with Escape (a shard arriving late must not open it again).
   */
  suggestWithNewPlaces() {
    if (this.input.getRootNode().activeElement === this.input && this.input.value.trim() && !this.dismissed) this.suggest();
  }

  /**
   * Fetches a places file (once per page), keeps it with `keep` (FAILED when it could not be
   * fetched), and suggests again.
   */
  loadFile(file, keep) {
    const instance = coreInstance();
    loadPlaces(file).then((places) => {
      // Places loaded before a trap are gone with the core they were made in.
      if (this.abort.signal.aborted || instance !== coreInstance()) return;
      keep(places ?? FAILED);
      this.suggestWithNewPlaces();
    });
  }

  suggest() {
    const text = this.input.value.trim();
    this.note.hidden = true;
    if (!text) {
      this.suggestions = [];
      this.close();
      this.announcer.textContent = '';
      return;
    }
    // Until the splits are here, and for the first letter alone of a letter with many places
    // (null), the region's places answer.
    const key = this.shardKey(text);
    if (key && !this.shards.has(key)) {
      this.shards.set(key, null);
      this.loadFile(`places/${key}.tsv`, (places) => this.shards.set(key, places));
    }
    // All of Germany once its shard is here; the region's places until then, and when a typo
    // in the first (or, for a split letter, the second) letter finds nothing in the shard.
    const shard = this.shards.get(key);
    const inShard = shard && shard !== FAILED ? this.find(shard, text) : null;
    const found = inShard?.length ? inShard : this.find(this.region, text);
    if (!found) {
      // No places to look in yet (nor, before the first results, the core that reads them):
      // said so, and the suggestions come when they are here (suggestWithNewPlaces); unless
      // Germany's could not be downloaded.
      const failed = this.splits === FAILED || shard === FAILED;
      this.close();
      this.note.textContent = this.announcer.textContent = this.t(failed ? 'place.unavailable' : 'place.loading');
      this.note.hidden = false;
      return;
    }
    // The place marked with the arrow keys stays marked when the list is made again (a shard
    // that arrives while the newcomer is choosing).
    const id = (place) => `${place.name} ${place.postcodes[0]}`;
    const marked = this.active >= 0 ? id(this.suggestions[this.active]) : null;
    this.suggestions = found;
    // German names, postcodes and districts are written left to right, each isolated: in an
    // Arabic list they would otherwise be reordered with the punctuation around them
    // ("48167–48079", "Hessen" before its district).
    const ltr = (text) => el('bdi', { dir: 'ltr' }, text);
    const typedScripts = scripts(text);
    const options = found.map((place, index) => {
      const option = el('li', { id: `${this.listId}-${index}`, role: 'option', 'aria-selected': 'false', class: 'sf-suggestion' });
      const postcodes = place.postcodes.length > 1 ? `${place.postcodes[0]}–${place.postcodes.at(-1)}` : (place.postcodes[0] ?? '');
      const name = el('span', { class: 'sf-suggestion-name' });
      name.append(ltr(place.name));
      // The other name that matched, as typed ("باد فيلدونغن", "Munich"), so that the newcomer
      // sees why the German name is offered; not one in another script (Arabic letters read as
      // "frankenberg" match the Russian "Франкенберг" too, which would only puzzle).
      if (place.matchedName && scripts(place.matchedName) === typedScripts) name.append(' ', el('bdi', { class: 'sf-suggestion-detail' }, `(${place.matchedName})`));
      const detail = el('span', { class: 'sf-suggestion-detail' });
      [postcodes, `${place.district}, ${place.state}`].filter(Boolean).forEach((part, index) => detail.append(...(index ? [this.t('separator')] : []), ltr(part)));
      option.append(name, ' ', detail);
      // Mouse down would take the focus from the input before the click: keep it there.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => this.choose(index));
      return option;
    });
    this.list.replaceChildren(...options);
    this.list.hidden = options.length === 0;
    this.input.setAttribute('aria-expanded', String(options.length > 0));
    // On a phone the keyboard covers the lower half of the screen: suggestions that would open
    // under it bring the page up, as far as the field's top.
    const below = this.list.getBoundingClientRect().bottom - (visualViewport?.height ?? innerHeight);
    if (below > 0) scrollBy(0, Math.min(below, this.input.getBoundingClientRect().top));
    this.highlight(found.findIndex((place) => id(place) === marked));
    if (options.length) {
      this.announcer.textContent = this.t('place.suggestions', { count: options.length });
      return;
    }
    // Nothing found: said aloud at once, and shown once it is the answer, not while Germany's
    // places for the text are still on their way; when they could not be downloaded, that is
    // what the newcomer is told.
    const germanyFailed = this.splits === FAILED || shard === FAILED;
    const message = this.t(germanyFailed ? 'place.unavailable' : 'place.none');
    this.announcer.textContent = message;
    if (germanyFailed || (key && shard)) {
      this.note.textContent = message;
      this.note.hidden = false;
    }
  }

  /**
   * The key of the shard of Germany's places that `text` is in (see place-shards.js), once the
   * splits are there; null before, and for the first letter alone of a letter with many places.
   */
  shardKey(text) {
    return this.splits && this.splits !== FAILED ? placeShardKey(text, this.splits) : null;
  }

  onKeydown(event) {
    const open = !this.list.hidden;
    const count = this.suggestions.length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) {
        this.dismissed = false;
        this.suggest();
      } else this.highlight((this.active + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (open) this.highlight(this.active <= 0 ? count - 1 : this.active - 1);
    } else if (event.key === 'Enter') {
      if (open) {
        event.preventDefault();
        this.choose(this.active >= 0 ? this.active : 0);
      } else if (!this.input.value.trim() && !this.clear.hidden) {
        event.preventDefault();
        this.clear.click();
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      this.dismissed = true;
      this.close();
    }
  }

  highlight(index) {
    this.active = index;
    for (const [position, option] of [...this.list.children].entries()) option.setAttribute('aria-selected', String(position === index));
    if (index >= 0) {
      this.input.setAttribute('aria-activedescendant', `${this.listId}-${index}`);
      this.list.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  choose(index) {
    const place = this.suggestions[index];
    if (!place) return;
    this.input.value = place.name;
    this.close();
    this.onChoose(place);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }
}

/** A places file or the splits that could not be downloaded. */
const FAILED = Symbol('failed');

/** The splits of Germany's places (see place-shards.js), fetched once per page; null if they cannot be. */
let splits = null;
function loadSplits() {
  splits ??= fetch(new URL('./places/splits.json', import.meta.url))
    .then((response) => {
      if (!response.ok) throw new Error(`places/splits.json: HTTP ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      console.warn('service-finder: Germany\'s places could not be found; the region\'s are suggested.', error);
      splits = null;
      return null;
    });
  return splits;
}

/** Which of the scripts newcomers type in `text` has letters of, as a key to compare. */
function scripts(text) {
  return [/\p{sc=Latn}/u, /\p{sc=Cyrl}/u, /\p{sc=Arab}/u, /\p{sc=Ethi}/u].map((script) => Number(script.test(text))).join('');
}
