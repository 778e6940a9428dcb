// <service-finder>: the embeddable widget.
//
// A webmaster adds
//   <script type="module" src="/service-finder/service-finder.js"></script>
//   <service-finder></service-finder>
// and gets the directory published beside it (directory.json); `src` loads another one, `lang`
// picks the UI language.
//
// Everything renders into a shadow root, so the page's CSS cannot break the widget and the
// widget's CSS cannot leak out. Directory data is untrusted: it is only ever set as text or as
// attribute values, never as HTML, and links come from fields the core has checked (https/http
// websites, e-mail addresses, phone numbers). The user's position and queries never leave the
// page: the only requests are this module's own files and the directory.
//
// The JS API (the exports at the end): if a call into the core ever traps (a
// WebAssembly.RuntimeError, or a RangeError when its stack overflows), that call throws the
// error, and the core is replaced by a fresh instance at once (see guardCore). `ServiceFinder`
// and `Places` keep working; objects made before the trap throw "Invalid stale object from
// previous Wasm instance": make them again (ServiceFinder.fromJson, Places.fromText, …).

import init, { Places, ServiceFinder, __wbg_reset_state as resetCore } from './service-finder-core.js';
import LANGUAGES from './languages.js';
import STYLES from './styles.js';

/** Every UI language as { tag, name (in itself), dir }; its messages load when it is chosen. */
const UI_LANGUAGES = LANGUAGES.map((language) => language.tag);
const FALLBACK_LANGUAGE = 'de';
/** Where the newcomer's choice of language is remembered on the device. */
const LANGUAGE_STORAGE_KEY = 'service-finder.language';
const PAGE_SIZE = 20;
/** Problems written to the console one by one; `service-finder check` lists them all. */
const CONSOLE_PROBLEMS = 20;
const RADII_KM = [5, 10, 25, 50];
const KINDS = ['service', 'course', 'association'];

// The wasm module is loaded and instantiated once per page, however many widgets there are.
let coreReady = null;
function loadCore() {
  coreReady ??= init({ module_or_path: new URL('./service-finder-core_bg.wasm', import.meta.url) });
  return coreReady;
}

// A trap leaves the core's memory in an unknown state, and with it every finder on the page.
// Every call into the core goes through this guard: after a trap it swaps in a fresh instance
// of the same module (the reset function that scripts/build-web asks wasm-bindgen for) and
// counts instances, so that each widget rebuilds its finder at its next use (withCore).
let coreInstance = 0;
function guardCore(type) {
  for (const target of [type, type.prototype]) {
    for (const name of Object.getOwnPropertyNames(target)) {
      const call = target[name];
      if (typeof call !== 'function' || name === 'constructor') continue;
      target[name] = function guarded(...args) {
        try {
          return call.apply(this, args);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
            resetCore();
            coreInstance++;
            placeFiles.clear();
          }
          throw error;
        }
      };
    }
  }
}
guardCore(ServiceFinder);
guardCore(Places);

// Message catalogs by language tag, each loaded once per page.
const catalogs = new Map();
function loadCatalog(tag) {
  if (!catalogs.has(tag)) catalogs.set(tag, import(`./messages/${tag}.js`).then((module) => module.default));
  return catalogs.get(tag);
}

function rememberedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // Storage blocked (private mode, a strict browser): nothing remembered.
  }
}

function rememberLanguage(tag) {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, tag);
  } catch {
    // Not remembered, but the language still changes.
  }
}

/** The base language of a tag: `de` for Leichte Sprache (`de-x-ls`). */
function baseLanguage(tag) {
  return tag.split('-')[0];
}

// Places files, fetched from beside the wasm the first time someone uses a place field, then
// shared by every widget on the page: `places-region.tsv` (the places around the bundled
// directory's region, a few KB) and `places-de.tsv` (all of Germany). Neither is needed for the
// first results, so neither is in the wasm.
const placeFiles = new Map();
function loadPlaces(file) {
  if (!placeFiles.has(file)) {
    placeFiles.set(file, fetch(new URL(`./${file}`, import.meta.url))
      .then((response) => {
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        return response.text();
      })
      .then((text) => Places.fromText(text))
      .catch((error) => {
        console.warn(`service-finder: the places in ${file} could not be loaded.`, error);
        return null;
      }));
  }
  return placeFiles.get(file);
}

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

let widgetCount = 0;

class ServiceFinderElement extends HTMLElement {
  static observedAttributes = ['src', 'lang'];

  constructor() {
    super();
    this.widgetId = `sf${++widgetCount}`;
    this.shadow = this.attachShadow({ mode: 'open' });
    this.shadow.adoptedStyleSheets = [styleSheet()];
    this.finder = null;
    this.state = emptyState();
    this.language = FALLBACK_LANGUAGE;
    this.messages = {};
    this.loadGeneration = 0;
    /** The core instance this widget's finder lives in, and traps in a row (see withCore). */
    this.coreInstance = -1;
    this.traps = 0;
  }

  connectedCallback() {
    this.started = true;
    this.language = this.pickLanguage();
    this.load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // Not `isConnected`: when the element is upgraded in a page that has it already, this runs
    // for its attributes before connectedCallback, and a second load or language switch would
    // race the first (and could leave the loading frame over the results).
    if (!this.started || oldValue === newValue) return;
    if (name === 'src') this.load();
    if (name === 'lang') this.setLanguage(this.pickLanguage());
  }

  /**
   * The language the newcomer chose on this device before, then the `lang` attribute, the
   * page's language, the browser's languages, and German.
   */
  pickLanguage() {
    const candidates = [rememberedLanguage(), this.getAttribute('lang'), document.documentElement.lang, ...(navigator.languages || [])];
    for (const candidate of candidates) {
      const tag = (candidate || '').toLowerCase();
      if (UI_LANGUAGES.includes(tag)) return tag;
      if (UI_LANGUAGES.includes(baseLanguage(tag))) return baseLanguage(tag);
    }
    return FALLBACK_LANGUAGE;
  }

  /** A message from the catalog, with `{placeholders}` filled and plural forms chosen. */
  t(key, values = {}) {
    let message = this.messages[key] ?? key;
    if (typeof message === 'object') {
      const form = new Intl.PluralRules(this.language).select(values.count ?? 0);
      message = message[form] ?? message.other;
    }
    return message.replace(/\{(\w+)\}/g, (_, name) => {
      const value = values[name];
      return typeof value === 'number' ? this.formatNumber(value) : String(value ?? '');
    });
  }

  formatNumber(value, options) {
    return new Intl.NumberFormat(this.language, options).format(value);
  }

  formatDate(isoDate) {
    const [year, month, day] = isoDate.split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    // The Gregorian calendar in every language: German letters and course dates use it (Farsi
    // would otherwise get the Iranian calendar).
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeZone: 'UTC', calendar: 'gregory' }).format(date);
  }

  /** Metres under 1 km, one decimal under 10 km; the unit written the language's way. */
  formatDistance(metres) {
    if (metres < 1000) return this.formatNumber(Math.round(metres / 10) * 10, { style: 'unit', unit: 'meter' });
    const kilometres = metres / 1000;
    const digits = kilometres < 10 ? 1 : 0;
    return this.formatNumber(kilometres, { style: 'unit', unit: 'kilometer', minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  languageName(code) {
    try {
      return new Intl.DisplayNames([this.language], { type: 'language' }).of(code) || code;
    } catch {
      return code;
    }
  }

  /** Loads the directory; `keep` rebuilds the finder after a trap, keeping the newcomer's search. */
  async load({ keep = false } = {}) {
    const generation = ++this.loadGeneration;
    const src = this.getAttribute('src');
    if (!keep) {
      this.setAttribute('data-state', 'loading');
      // The frame takes its room at once (see .sf-loading), its words once the catalog is here.
      this.renderLoading();
    }
    try {
      if (this.traps > 2) throw new Error('the core failed three times in a row');
      this.messages = await loadCatalog(this.language);
      if (generation !== this.loadGeneration) return;
      if (!keep) this.renderLoading();
      // The code and the directory download side by side. The directory comes as bytes, so that
      // the core reads it as `service-finder check` does (invalid UTF-8 reported, not hidden).
      const url = src ? new URL(src, document.baseURI) : new URL('./directory.json', import.meta.url);
      const directory = fetch(url, { credentials: 'same-origin' }).then((response) => {
        if (!response.ok) throw new Error(`${src ?? url}: HTTP ${response.status}`);
        return response.arrayBuffer();
      });
      const [bytes] = await Promise.all([directory, loadCore()]);
      const finder = ServiceFinder.fromJson(bytes);
      if (generation !== this.loadGeneration) {
        finder.free();
        return;
      }
      // A finder of a replaced core instance is gone with it: nothing to free.
      if (this.coreInstance === coreInstance) this.finder?.free();
      this.finder = finder;
      this.coreInstance = coreInstance;
      this.allPlaces = this.regionPlaces = null;
      if (!keep) {
        this.reportProblems(src);
        this.state = emptyState();
      }
      this.withCore(() => this.renderAll({ keepFocus: keep }));
      this.setAttribute('data-state', 'ready');
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      console.error(`service-finder: the directory ${src ?? '(bundled)'} could not be loaded:`, error);
      this.finder = null;
      this.traps = 0;
      this.renderFatal();
      this.setAttribute('data-state', 'error');
    }
  }

  /**
   * Problems go to the console, for the webmaster: a summary and the first ones, not thousands
   * of lines; newcomers see a sentence only when entries are missing (see renderAll).
   */
  reportProblems(src) {
    const problems = this.finder.problems();
    if (problems.length === 0) return;
    const name = src ?? '(bundled directory)';
    const check = '`service-finder check` lists every problem';
    console.warn(`service-finder: ${problems.length} problem(s) in ${name}; entries not shown: ${this.finder.skippedCount()}. ${check}.`);
    for (const problem of problems.slice(0, CONSOLE_PROBLEMS)) console.warn(`service-finder: ${name}: ${problem.text}`);
    const more = problems.length - CONSOLE_PROBLEMS;
    if (more > 0) console.warn(`service-finder: ${name}: ${more} more problem(s) not written here; ${check}.`);
  }

  /**
   * Runs `use`, which calls into the core, and returns its value. After a trap (in it, or
   * anywhere on the page before) this widget's finder is stale: instead, the widget rebuilds it
   * on the fresh core, keeping the newcomer's search; if that traps again, it starts afresh
   * without the search; after a third trap in a row it shows the error message, not a loop.
   */
  withCore(use) {
    if (this.coreInstance === coreInstance) {
      try {
        const value = use();
        // Not reset when a call inside `use` trapped (it started the rebuild).
        if (this.coreInstance === coreInstance) this.traps = 0;
        return value;
      } catch (error) {
        if (this.coreInstance === coreInstance) throw error;
        console.error('service-finder: the core failed and was restarted; please report this.', error);
        this.traps++;
      }
    }
    this.load({ keep: this.traps < 2 });
    return undefined;
  }

  /** Switches the UI language once its messages are loaded; `remember` keeps the choice. */
  async setLanguage(language, { remember = false } = {}) {
    if (remember) rememberLanguage(language);
    if (language === this.language) return;
    let messages;
    try {
      messages = await loadCatalog(language);
    } catch (error) {
      console.warn(`service-finder: the messages for ${language} could not be loaded.`, error);
      return;
    }
    this.language = language;
    this.messages = messages;
    if (this.finder) this.withCore(() => this.renderAll({ keepFocus: true }));
    else if (this.getAttribute('data-state') === 'error') this.renderFatal();
    else this.renderLoading();
  }

  // ---- rendering -------------------------------------------------------------------------

  frame() {
    const direction = LANGUAGES.find((language) => language.tag === this.language)?.dir ?? 'ltr';
    const root = el('div', { class: 'sf', lang: this.language, dir: direction });
    this.shadow.replaceChildren(root);
    return root;
  }

  renderLoading() {
    const root = this.frame();
    const words = this.messages.loading ?? '';
    root.append(el('p', { class: 'sf-loading', role: 'status' }, words ? this.t('loading') : ''));
  }

  renderFatal() {
    const root = this.frame();
    root.append(el('p', { class: 'sf-alert', role: 'alert' }, this.t('error.fatal')));
  }

  /** Builds the whole widget; used on load and when the UI language changes. */
  renderAll({ keepFocus = false } = {}) {
    const focusedId = keepFocus ? this.shadow.activeElement?.id : null;
    const info = this.finder.info(this.language);
    this.directoryLanguage = info.defaultLanguage;
    const root = this.frame();
    root.append(this.renderHeader(info));
    // Said only when entries are missing: a value left out of an entry shown is the
    // webmaster's business (the console), not the newcomer's.
    if (info.entryCount === 0) {
      root.append(el('p', { class: 'sf-alert', role: 'alert' }, this.t('error.empty')));
      return;
    }
    const skipped = this.finder.skippedCount();
    if (skipped > 0) root.append(el('p', { class: 'sf-alert', role: 'alert' }, this.t('error.skipped', { count: skipped })));
    root.append(this.renderSearch(), this.renderFilters(info));
    this.status = el('p', { class: 'sf-count', role: 'status' });
    this.results = el('div', { class: 'sf-results' });
    const main = el('div', { class: 'sf-main' });
    main.append(this.status, this.results, this.renderAttribution());
    root.append(main);
    this.update();
    if (focusedId) this.shadow.getElementById(focusedId)?.focus();
  }

  renderHeader(info) {
    const header = el('header', { class: 'sf-header' });
    const titleRow = el('div', { class: 'sf-title-row' });
    titleRow.append(el('h2', { class: 'sf-title' }, info.title?.text ?? ''));
    const languageId = `${this.widgetId}-ui-language`;
    const languagePicker = el('div', { class: 'sf-ui-language' });
    const select = el('select', { id: languageId });
    // Each language named in itself, so that a newcomer finds their own.
    for (const { tag, name, dir } of LANGUAGES) {
      const option = el('option', { value: tag, lang: tag, dir }, name);
      option.selected = tag === this.language;
      select.append(option);
    }
    select.addEventListener('change', () => this.setLanguage(select.value, { remember: true }));
    languagePicker.append(el('label', { for: languageId }, this.t('ui.language')), select);
    titleRow.append(languagePicker);
    header.append(titleRow);
    const about = [];
    if (info.publisherName) about.push(this.t('about.publisher', { name: info.publisherName.text }));
    if (info.lastModified) about.push(this.t('about.updated', { date: this.formatDate(info.lastModified) }));
    if (about.length) header.append(el('p', { class: 'sf-about' }, about.join(' · ')));
    if (info.exampleData) header.append(el('p', { class: 'sf-example' }, this.t('about.example')));
    return header;
  }

  /** The attribution the place data's licence asks for: under the results, small. */
  renderAttribution() {
    const attribution = el('p', { class: 'sf-attribution' });
    attribution.append(el('a', { href: 'https://www.geonames.org/', target: '_blank', rel: 'noopener noreferrer' }, this.t('about.places')));
    return attribution;
  }

  renderSearch() {
    const section = el('div', { class: 'sf-search', role: 'search' });
    const inputId = `${this.widgetId}-search`;
    const input = el('input', {
      id: inputId, type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: this.t('search.placeholder'),
    });
    input.value = this.state.text;
    input.addEventListener('input', () => {
      this.state.text = input.value;
      this.state.shown = PAGE_SIZE;
      this.update();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.update();
      }
    });
    section.append(el('label', { for: inputId, class: 'sf-label' }, this.t('search.label')), input);

    const near = el('div', { class: 'sf-near' });
    near.append(this.renderPlaceField());
    const locate = el('button', { type: 'button', id: `${this.widgetId}-locate`, class: 'sf-button' },
      this.state.locationStatus === 'active' ? this.t('location.stop') : this.t('location.use'));
    locate.addEventListener('click', () => this.toggleLocation());
    const radiusId = `${this.widgetId}-radius`;
    const radius = el('select', { id: radiusId });
    for (const km of [...RADII_KM, null]) {
      const option = el('option', { value: km ?? '' }, km ? this.t('radius.km', { km }) : this.t('radius.any'));
      option.selected = km === this.state.radiusKm;
      radius.append(option);
    }
    radius.addEventListener('change', () => {
      this.state.radiusKm = radius.value ? Number(radius.value) : null;
      this.state.shown = PAGE_SIZE;
      this.update();
    });
    const radiusField = el('span', { class: 'sf-radius' });
    radiusField.append(el('label', { for: radiusId }, this.t('radius.label')), radius);
    this.locationMessage = el('p', { class: 'sf-location-message', 'aria-live': 'polite' }, this.locationText());
    near.append(locate, radiusField);
    section.append(near, this.locationMessage, this.renderMyLanguageChip());
    return section;
  }

  /**
   * "Offered in <my language>": one tap filters by the UI language, outside the folded filter
   * panel, so that a newcomer finds it without opening anything.
   */
  renderMyLanguageChip() {
    const mine = baseLanguage(this.language);
    this.myLanguageChip = this.chip(this.t('filters.language.mine', { language: this.languageName(mine) }), () => {
      this.state.serviceLanguage = this.state.serviceLanguage === mine ? '' : mine;
    });
    this.myLanguageChip.classList.add('sf-my-language');
    // In the directory's own language (German, Leichte Sprache) nearly everything is offered:
    // the chip would filter nothing, so it is left out.
    this.myLanguageChip.hidden = mine === baseLanguage(this.directoryLanguage ?? FALLBACK_LANGUAGE);
    return this.myLanguageChip;
  }

  locationText() {
    switch (this.state.locationStatus) {
      case 'locating': return this.t('location.locating');
      case 'active': return `${this.t('location.active')} ${this.t('location.privacy')}`;
      case 'denied': return this.t('location.denied');
      case 'unavailable': return this.t('location.unavailable');
      case 'place': {
        const { name, postcode } = this.state.place;
        return this.t('place.active', { place: postcode ? `${name} (${postcode})` : name });
      }
      default: return '';
    }
  }

  toggleLocation() {
    if (this.state.locationStatus === 'active') {
      this.state.near = null;
      this.state.locationStatus = null;
      this.refreshControls();
      this.update();
      return;
    }
    if (!navigator.geolocation) {
      this.state.locationStatus = 'unavailable';
      this.refreshControls();
      return;
    }
    this.state.locationStatus = 'locating';
    this.refreshControls();
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.state.near = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        this.state.locationStatus = 'active';
        this.setPlace(null);
        this.state.shown = PAGE_SIZE;
        this.refreshControls();
        this.update();
      },
      (error) => {
        this.state.locationStatus = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
        this.refreshControls();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  }

  /** Updates the location button and message in place, so that focus stays where it is. */
  refreshControls() {
    const locate = this.shadow.getElementById(`${this.widgetId}-locate`);
    if (locate) locate.textContent = this.state.locationStatus === 'active' ? this.t('location.stop') : this.t('location.use');
    if (this.locationMessage) this.locationMessage.textContent = this.locationText();
  }

  /** The place and postcode field: an ARIA 1.2 combobox with a list of suggestions. */
  renderPlaceField() {
    const field = el('div', { class: 'sf-place' });
    const inputId = `${this.widgetId}-place`;
    const listId = `${this.widgetId}-place-list`;
    const input = el('input', {
      id: inputId, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
      placeholder: this.t('place.placeholder'),
    });
    input.value = this.state.place?.name ?? '';
    const clear = el('button', { type: 'button', class: 'sf-place-clear', 'aria-label': this.t('place.clear') }, '×');
    clear.hidden = !this.state.place;
    const list = el('ul', { id: listId, role: 'listbox', class: 'sf-suggestions', 'aria-label': this.t('place.label') });
    list.hidden = true;
    const announcer = el('p', { class: 'sf-visually-hidden', 'aria-live': 'polite' });
    let suggestions = [];
    let active = -1;

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (index) => {
      active = index;
      for (const [position, option] of [...list.children].entries()) option.setAttribute('aria-selected', String(position === index));
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', `${listId}-${index}`);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    };
    const choose = (index) => {
      const place = suggestions[index];
      if (!place) return;
      input.value = place.name;
      close();
      this.state.near = place.point;
      this.state.locationStatus = 'place';
      this.setPlace({ name: place.name, postcode: place.postcodes[0] ?? '' });
      this.state.shown = PAGE_SIZE;
      this.refreshControls();
      this.update();
    };
    const suggest = () => {
      const text = input.value.trim();
      if (!text) {
        suggestions = [];
        close();
        announcer.textContent = '';
        return;
      }
      const found = this.withCore(() => {
        const info = this.finder.info(this.language);
        const home = info.regionCentre;
        return this.gazetteer()?.lookup(text, 8, home?.latitude, home?.longitude, info.regionAgs);
      });
      if (!found) return;
      suggestions = found;
      const options = suggestions.map((place, index) => {
        const option = el('li', { id: `${listId}-${index}`, role: 'option', 'aria-selected': 'false', class: 'sf-suggestion' });
        const postcodes = place.postcodes.length > 1 ? `${place.postcodes[0]}–${place.postcodes.at(-1)}` : (place.postcodes[0] ?? '');
        option.append(
          el('span', { class: 'sf-suggestion-name' }, place.name),
          ' ',
          el('span', { class: 'sf-suggestion-detail' }, [postcodes, `${place.district}, ${place.state}`].filter(Boolean).join(' · ')),
        );
        // Mouse down would take the focus from the input before the click: keep it there.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => choose(index));
        return option;
      });
      list.replaceChildren(...options);
      list.hidden = options.length === 0;
      input.setAttribute('aria-expanded', String(options.length > 0));
      highlight(-1);
      announcer.textContent = options.length ? this.t('place.suggestions', { count: options.length }) : this.t('place.none');
    };

    input.addEventListener('focus', () => {
      const instance = coreInstance;
      for (const [file, key] of [['places-region.tsv', 'regionPlaces'], ['places-de.tsv', 'allPlaces']]) {
        loadPlaces(file).then((places) => {
          // Places loaded before a trap are gone with the core they were made in.
          if (places && instance === coreInstance && this[key] !== places) {
            this[key] = places;
            if (this.shadow.activeElement === input && input.value.trim()) suggest();
          }
        });
      }
    });
    input.addEventListener('input', suggest);
    input.addEventListener('keydown', (event) => {
      const open = !list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open) suggest();
        else highlight((active + 1) % suggestions.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        if (open) highlight(active <= 0 ? suggestions.length - 1 : active - 1);
      } else if (event.key === 'Enter') {
        if (open) {
          event.preventDefault();
          choose(active >= 0 ? active : 0);
        } else if (!input.value.trim() && this.state.place) {
          event.preventDefault();
          clear.click();
        }
      } else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });
    field.addEventListener('focusout', (event) => {
      if (!field.contains(event.relatedTarget)) close();
    });
    clear.addEventListener('click', () => {
      input.value = '';
      close();
      if (this.state.locationStatus === 'place') {
        this.state.near = null;
        this.state.locationStatus = null;
      }
      this.setPlace(null);
      this.refreshControls();
      this.update();
      input.focus();
    });
    const row = el('div', { class: 'sf-place-row' });
    row.append(input, clear);
    field.append(el('label', { for: inputId, class: 'sf-label' }, this.t('place.label')), row, list, announcer);
    return field;
  }

  /** The place chosen in the place field, or null; keeps the field's clear button in step. */
  setPlace(place) {
    this.state.place = place;
    const clear = this.shadow.querySelector('.sf-place-clear');
    if (clear) clear.hidden = !place;
    if (!place) {
      const input = this.shadow.getElementById(`${this.widgetId}-place`);
      if (input) input.value = '';
    }
  }

  /**
   * The best gazetteer at hand: all of Germany once loaded, the region's places until then;
   * none in the moment before the region's arrive (suggestions follow when they do).
   */
  gazetteer() {
    return this.allPlaces ?? this.regionPlaces;
  }

  renderFilters(info) {
    const filters = el('div', { class: 'sf-filters' });
    this.kindButtons = new Map();
    const kinds = el('fieldset', { class: 'sf-chips' });
    kinds.append(el('legend', {}, this.t('filters.kind')));
    for (const kind of KINDS) {
      const button = this.chip(this.t(`kind.${kind}`), () => toggle(this.state.kinds, kind));
      this.kindButtons.set(kind, button);
      kinds.append(button);
    }
    this.categoryButtons = new Map();
    const categories = el('fieldset', { class: 'sf-chips' });
    categories.append(el('legend', {}, this.t('filters.category')));
    for (const category of info.categories) {
      const button = this.chip(category.label, () => toggle(this.state.categories, category.id));
      this.categoryButtons.set(category.id, button);
      categories.append(button);
    }
    const languageId = `${this.widgetId}-service-language`;
    this.languageSelect = el('select', { id: languageId });
    this.languageSelect.addEventListener('change', () => {
      this.state.serviceLanguage = this.languageSelect.value;
      this.state.shown = PAGE_SIZE;
      this.update();
    });
    const languageField = el('div', { class: 'sf-field' });
    languageField.append(el('label', { for: languageId }, this.t('filters.language')), this.languageSelect);
    const checks = el('div', { class: 'sf-checks' });
    checks.append(
      this.checkbox('free', this.t('filters.free'), 'freeOfCharge'),
      this.checkbox('wheelchair', this.t('filters.wheelchair'), 'wheelchair'),
    );
    const clear = el('button', { type: 'button', class: 'sf-button sf-clear' }, this.t('filters.clear'));
    clear.addEventListener('click', () => {
      const { text, near, locationStatus, radiusKm, filtersOpen, place } = this.state;
      this.state = { ...emptyState(), text, near, locationStatus, radiusKm, filtersOpen, place };
      for (const input of this.shadow.querySelectorAll('.sf-checks input')) input.checked = false;
      this.update();
    });
    filters.append(kinds, categories, languageField, checks, clear);
    // On a phone the filters would push the results a screen down: there they start folded.
    const panel = el('details', { class: 'sf-filter-panel' });
    panel.open = this.state.filtersOpen ?? this.getBoundingClientRect().width >= 640;
    panel.addEventListener('toggle', () => {
      this.state.filtersOpen = panel.open;
    });
    this.filterSummary = el('summary', { class: 'sf-filter-summary' }, this.t('filters.heading'));
    panel.append(this.filterSummary, filters);
    return panel;
  }

  chip(label, onToggle) {
    const button = el('button', { type: 'button', class: 'sf-chip', 'aria-pressed': 'false' });
    button.append(el('span', { class: 'sf-chip-label' }, label), ' ', el('span', { class: 'sf-chip-count' }, ''));
    button.addEventListener('click', () => {
      onToggle();
      this.state.shown = PAGE_SIZE;
      this.update();
    });
    return button;
  }

  checkbox(name, label, stateKey) {
    const id = `${this.widgetId}-${name}`;
    const wrapper = el('div', { class: 'sf-check' });
    const input = el('input', { type: 'checkbox', id });
    input.checked = this.state[stateKey];
    input.addEventListener('change', () => {
      this.state[stateKey] = input.checked;
      this.state.shown = PAGE_SIZE;
      this.update();
    });
    wrapper.append(input, el('label', { for: id }, label));
    return wrapper;
  }

  /** Runs the search and updates counts, chips and results; the controls stay in place. */
  update() {
    this.withCore(() => this.search());
  }

  search() {
    const state = this.state;
    const query = {
      text: state.text,
      kinds: [...state.kinds],
      categories: [...state.categories],
      languages: state.serviceLanguage ? [state.serviceLanguage] : [],
      freeOfCharge: state.freeOfCharge,
      wheelchairAccessible: state.wheelchair,
      near: state.near ?? undefined,
      radiusKm: state.near && state.radiusKm ? state.radiusKm : undefined,
      // Whoever asks for places near them wants the nearest first, also when typing.
      sort: state.near ? 'distance' : 'relevance',
      limit: state.shown,
      language: this.language,
    };
    const results = this.finder.search(query);
    this.renderFacets(results.facets);
    const active = state.kinds.size + state.categories.size + (state.serviceLanguage ? 1 : 0)
      + (state.freeOfCharge ? 1 : 0) + (state.wheelchair ? 1 : 0);
    this.filterSummary.textContent = active ? `${this.t('filters.heading')} (${this.formatNumber(active)})` : this.t('filters.heading');
    this.status.textContent = this.t('results.count', { count: results.total });
    this.renderResults(results);
  }

  renderFacets(facets) {
    const counts = (list) => new Map(list.map((facet) => [facet.value, facet.count]));
    const kindCounts = counts(facets.kinds);
    for (const [kind, button] of this.kindButtons) {
      setChip(button, this.state.kinds.has(kind), this.formatNumber(kindCounts.get(kind) ?? 0));
    }
    const categoryCounts = counts(facets.categories);
    for (const [id, button] of this.categoryButtons) {
      setChip(button, this.state.categories.has(id), this.formatNumber(categoryCounts.get(id) ?? 0));
    }
    const select = this.languageSelect;
    const options = [el('option', { value: '' }, this.t('filters.language.any'))];
    for (const facet of facets.languages) {
      options.push(el('option', { value: facet.value }, `${this.languageName(facet.value)} (${this.formatNumber(facet.count)})`));
    }
    select.replaceChildren(...options);
    select.value = this.state.serviceLanguage;
    const mine = baseLanguage(this.language);
    const mineCount = facets.languages.find((facet) => facet.value === mine)?.count ?? 0;
    setChip(this.myLanguageChip, this.state.serviceLanguage === mine, this.formatNumber(mineCount));
  }

  renderResults(results) {
    const focused = this.shadow.activeElement;
    const focusedCard = focused?.closest?.('[data-entry]')?.getAttribute('data-entry');
    const focusedPart = focused?.getAttribute?.('data-part');
    const container = this.results;
    if (results.total === 0) {
      const empty = el('div', { class: 'sf-empty' });
      empty.append(el('p', { class: 'sf-empty-title' }, this.t('results.empty')), el('p', {}, this.t('results.empty.hint')));
      container.replaceChildren(empty);
      return;
    }
    const list = el('ul', { class: 'sf-list' });
    for (const hit of results.hits) {
      const item = el('li');
      item.append(this.renderCard(hit));
      list.append(item);
    }
    const children = [list];
    if (results.total > results.hits.length) {
      const more = el('button', { type: 'button', class: 'sf-button sf-more', 'data-part': 'more' }, this.t('results.more'));
      more.addEventListener('click', () => {
        const firstNew = results.hits.length;
        this.state.shown += PAGE_SIZE;
        this.update();
        // Focus moves to the first new result, so keyboard users continue where they were.
        this.results.querySelectorAll('.sf-card-toggle')[firstNew]?.focus();
      });
      children.push(more);
    }
    container.replaceChildren(...children);
    // Results are rebuilt on every search; keep the keyboard focus on the same card.
    if (focusedCard) {
      const card = container.querySelector(`[data-entry="${CSS.escape(focusedCard)}"]`);
      card?.querySelector(`[data-part="${focusedPart}"]`)?.focus() ?? card?.querySelector('.sf-card-toggle')?.focus();
    }
  }

  renderCard(hit) {
    const entry = hit.entry;
    const expanded = this.state.expanded.has(entry.id);
    const detailsId = `${this.widgetId}-details-${cssId(entry.id)}`;
    const card = el('article', { class: 'sf-card', 'data-entry': entry.id });
    const heading = el('h3', { class: 'sf-card-title' });
    const toggleButton = el('button', {
      type: 'button', class: 'sf-card-toggle', 'aria-expanded': String(expanded), 'aria-controls': detailsId, 'data-part': 'toggle',
    });
    toggleButton.append(textWithLanguage('span', entry.name));
    if (this.isOtherLanguage(entry.name)) {
      // Seen: the language's name; heard: a sentence saying the name is in that language.
      const language = this.languageName(entry.name.language);
      const marker = el('span', { class: 'sf-text-language' });
      marker.append(el('span', { 'aria-hidden': 'true' }, language), el('span', { class: 'sf-visually-hidden' }, this.t('card.text.language', { language })));
      toggleButton.append(' ', marker);
    }
    toggleButton.addEventListener('click', () => {
      if (this.state.expanded.has(entry.id)) this.state.expanded.delete(entry.id);
      else this.state.expanded.add(entry.id);
      const open = this.state.expanded.has(entry.id);
      toggleButton.setAttribute('aria-expanded', String(open));
      card.querySelector('.sf-details').hidden = !open;
    });
    heading.append(toggleButton);
    card.append(heading);

    const meta = el('p', { class: 'sf-meta' });
    const metaParts = [this.t(`kind.${entry.kind}`), ...entry.categories.map((category) => category.label)];
    meta.append(metaParts.join(' · '));
    if (hit.distanceMetres != null) {
      meta.append(' · ', el('strong', { class: 'sf-distance' }, this.t('card.distance', { distance: this.formatDistance(hit.distanceMetres) })));
    }
    card.append(meta);
    if (entry.organization) card.append(textWithLanguage('p', entry.organization, 'sf-organization'));

    const facts = el('ul', { class: 'sf-facts' });
    const address = [entry.address, [entry.postalCode, entry.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    // Latin street names and postcodes keep their own direction in an Arabic or Farsi UI
    // (isolated, while the list item itself follows the UI's direction).
    if (address) {
      const item = el('li');
      item.append(el('bdi', {}, address));
      facts.append(item);
    }
    else if (entry.serviceArea) facts.append(el('li', {}, this.t(`card.area.${entry.serviceArea}`)));
    if (entry.languages.length) {
      facts.append(el('li', {}, this.t('card.languages', { list: entry.languages.map((code) => this.languageName(code)).join(', ') })));
    }
    if (entry.openingHours) facts.append(el('li', {}, this.t('card.hours', { hours: entry.openingHours })));
    if (entry.freeOfCharge) facts.append(el('li', {}, this.t('card.free')));
    if (entry.appointmentRequired) facts.append(el('li', {}, this.t('card.appointment')));
    card.append(facts);
    card.append(this.renderActions(entry));

    const details = el('div', { class: 'sf-details', id: detailsId });
    details.hidden = !expanded;
    if (entry.description) {
      if (this.isOtherLanguage(entry.description)) {
        const wanted = this.languageName(baseLanguage(this.language));
        details.append(el('p', { class: 'sf-text-note' }, this.t('card.text.fallback', { wanted, language: this.languageName(entry.description.language) })));
      }
      details.append(textWithLanguage('p', entry.description, 'sf-description'));
    }
    const more = el('ul', { class: 'sf-facts' });
    if (entry.scheduleDescription) more.append(textWithLanguage('li', entry.scheduleDescription));
    if (entry.course) {
      const course = entry.course;
      if (course.levels.length) more.append(el('li', {}, this.t('card.course.levels', { levels: course.levels.join(', ') })));
      if (course.startDate && course.endDate) {
        more.append(el('li', {}, this.t('card.course.dates', { start: this.formatDate(course.startDate), end: this.formatDate(course.endDate) })));
      } else if (course.startDate) {
        more.append(el('li', {}, this.t('card.course.start', { start: this.formatDate(course.startDate) })));
      }
      if (course.freePlaces != null) more.append(el('li', {}, this.t('card.course.places', { count: course.freePlaces })));
      if (course.childcare) more.append(el('li', {}, this.t('card.course.childcare')));
    }
    if (entry.feesDescription) more.append(el('li', {}, this.t('card.fees', { fees: entry.feesDescription.text })));
    if (entry.wheelchair) more.append(el('li', {}, this.t(`card.wheelchair.${entry.wheelchair}`)));
    if (entry.transportation) more.append(textWithLanguage('li', entry.transportation));
    if (entry.serviceAreaDescription) more.append(textWithLanguage('li', entry.serviceAreaDescription));
    if (entry.assuredDate) more.append(el('li', {}, this.t('card.checked', { date: this.formatDate(entry.assuredDate) })));
    details.append(more);
    card.append(details);
    return card;
  }

  /** Whether a text from the directory is not in the UI language (it is the fallback). */
  isOtherLanguage(textView) {
    return Boolean(textView?.language) && baseLanguage(textView.language) !== baseLanguage(this.language);
  }

  renderActions(entry) {
    const actions = el('div', { class: 'sf-actions' });
    const link = (href, label, part, external = false) => {
      const attributes = { class: 'sf-action', href, 'data-part': part };
      if (external) Object.assign(attributes, { target: '_blank', rel: 'noopener noreferrer' });
      actions.append(el('a', attributes, label));
    };
    const phone = entry.phones[0];
    if (phone) link(`tel:${phone.number.replace(/[^\d+]/g, '')}`, this.t('card.call'), 'call');
    if (entry.email) link(`mailto:${entry.email}`, this.t('card.email'), 'email');
    if (entry.url) link(entry.url, this.t('card.website'), 'website', true);
    if (entry.point) {
      const { latitude, longitude } = entry.point;
      link(`geo:${latitude},${longitude}`, this.t('card.directions'), 'directions');
      link(`https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`,
        this.t('card.map'), 'map', true);
    }
    return actions;
  }
}

function emptyState() {
  return {
    text: '',
    kinds: new Set(),
    categories: new Set(),
    serviceLanguage: '',
    freeOfCharge: false,
    wheelchair: false,
    near: null,
    locationStatus: null,
    radiusKm: null,
    shown: PAGE_SIZE,
    expanded: new Set(),
    filtersOpen: null,
    place: null,
  };
}

function toggle(set, value) {
  if (set.has(value)) set.delete(value);
  else set.add(value);
}

function setChip(button, pressed, count) {
  button.setAttribute('aria-pressed', String(pressed));
  button.querySelector('.sf-chip-count').textContent = count;
}

/** An element with attributes and text content; never parses HTML. */
function el(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text != null) element.textContent = text;
  return element;
}

/** A text from the directory, marked with the language it is in (for screen readers). */
function textWithLanguage(tag, textView, className) {
  const element = el(tag, className ? { class: className } : {}, textView?.text ?? '');
  if (textView?.language) element.setAttribute('lang', textView.language);
  // Names and descriptions in another script keep their own direction.
  element.setAttribute('dir', 'auto');
  return element;
}

function cssId(id) {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

if (!customElements.get('service-finder')) customElements.define('service-finder', ServiceFinderElement);

export { Places, ServiceFinder, loadCore as initServiceFinder };
