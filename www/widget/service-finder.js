// <service-finder>: the embeddable widget.
//
// A webmaster adds
//   <script type="module" src="/service-finder/service-finder.js"></script>
//   <service-finder></service-finder>
// and gets the directory published beside it (directory.json); `src` loads another one, `lang`
// names the page's UI language (after the newcomer's browser languages, or before them with
// `fixed-language`).
//
// Everything renders into a shadow root, so the page's CSS cannot break the widget and the
// widget's CSS cannot leak out. Directory data is untrusted: it is only ever set as text or as
// attribute values, never as HTML (dom.js), and links come from fields the core has checked
// (https/http websites, e-mail addresses, phone numbers). The user's position and queries never
// leave the page: the only requests are this module's own files and the directory.
//
// This module is the element: its attributes, loading the directory, and the frame that holds
// the parts. scripts/build-web bundles it with its imports into dist/service-finder.js:
//   state.js           the state, and Store.set(patch), the one way to change it
//   search-form.js     the search field, "use my location", the radius, "offered in my language"
//   place-combobox.js  the place and postcode field
//   filters.js         the filter panel
//   results.js         the count, the result list, "more results"; card.js: one result's card
//   map-button.js      the button that shows the results on a map as well; the map itself
//                      (www/widget/map/, with Leaflet) is dist/service-finder-map.js, imported
//                      when first shown (see showView)
//   header.js          the title, the UI language switcher, publisher and date
//   messages.js        the UI languages, their message catalogs, t()
//   format.js          numbers, distances, dates and language names, with cached Intl formatters
//   core.js            the wasm, the guard against traps, a widget's finder, the places files
//   dom.js             building elements without HTML
//
// Where a feature plugs in (opening hours, map, share, print): a module of its own that exports
// a part, a class whose constructor(widget, info) builds its `element`, with
// update(state, changed, results) (called after every change of the state, with the Set of the
// fields changed and the core's results when the search ran, else null) and, if it holds
// anything, destroy(). Add it to the parts in renderAll below, in the order they appear. A part
// reads widget.store.state and changes it only with widget.store.set(patch) (a new field goes
// into emptyState in state.js, and into SHOWN_ONLY when it needs no new search); it listens on
// window or document only with { signal: widget.connection.signal }, so that leaving the page
// removes the listener. What a feature adds to each card goes into card.js.

import { card } from './card.js';
import { DAYS } from './choices.js';
import { Places, ServiceFinder, WidgetCore, fetchDirectory, loadCore, loadWidgetCore } from './core.js';
import { el } from './dom.js';
import { Filters } from './filters.js';
import { prepareFormatters } from './format.js';
import { fetchFirstPage, inApp, previewFinder, samePreview, startsWithFirstPage } from './first-page.js';
import { mapButton } from './map-button.js';
import { fetchNeighbours, mergedFinder } from './neighbours.js';
import { appFinder } from './offline.js';
import { header } from './header.js';
import { FALLBACK_LANGUAGE, LANGUAGES, direction, loadCatalog, loadLaterCatalog, pickLanguage, rememberLanguage, translate } from './messages.js';
import { Results } from './results.js';
import { SearchForm } from './search-form.js';
import { EVERY_FIELD, SHARED_ENTRY, SHOWN_ONLY, Store, berlinToday, toQuery } from './state.js';
import STYLES from './styles.js';
import { Tools } from './tools.js';

/**
 * What the widget imports after the first results (www/widget/more.js, bundled): the cards'
 * details and the opening hours' side. Not a literal path: the bundler leaves it a file of its
 * own.
 */
const MORE = './service-finder-more.js';
/**
 * Reaching beyond the own directory through nationwide static files (www/widget/nationwide.js,
 * a file of its own): imported after the first results where the `nationwide` attribute is set.
 */
const NATIONWIDE = './service-finder-nationwide.js';
/** The map view (www/widget/map/, bundled with Leaflet), imported when the map is first shown. */
const MAP = './service-finder-map.js';

/**
 * The state in the URL (www/widget/url-state.js, a file of its own): imported with the
 * directory where the widget keeps its state in the URL, and by "share".
 */
export const URL_STATE = './service-finder-url.js';


/** Problems written to the console one by one; `service-finder check` lists them all. */
const CONSOLE_PROBLEMS = 20;

/** A stylesheet for shadow roots, made once per text (the screen's, the printout's). */
const sheets = new Map();
function styleSheet(text = STYLES) {
  if (!sheets.has(text)) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    sheets.set(text, sheet);
  }
  return sheets.get(text);
}

let widgetCount = 0;

class ServiceFinderElement extends HTMLElement {
  static observedAttributes = ['src', 'neighbours', 'nationwide', 'lang', 'fixed-language'];

  /**
   * Whether the state lives in the page's URL (its fragment, see url-state.js): on the app page,
   * or where the webmaster opted in with the `url-state` attribute.
   */
  get urlState() {
    return this.hasAttribute('url-state');
  }

  constructor() {
    super();
    this.widgetId = `sf${++widgetCount}`;
    // Its styles come with its first frame (see frame()), after the first page is asked for.
    // dist/embed.js may have put the first screen here already, with the styles: then the
    // widget keeps it until its own first page is there (see load).
    this.shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    /** The first screen of dist/embed.js while it is on screen, else null. */
    this.firstScreen = this.shadow.firstElementChild;
    this.store = new Store((state, changed) => this.render(state, changed));
    this.core = new WidgetCore((keep) => this.load({ keep }));
    this.language = FALLBACK_LANGUAGE;
    this.messages = {};
    this.loadGeneration = 0;
    /** The parts on screen once the directory is loaded (see the top of this file), else null. */
    this.parts = null;
    /** While the widget is on the page: aborted when it leaves (see disconnectedCallback). */
    this.connection = null;
    /** The module loaded after the first results (see loadMore), once it is there. */
    this.more = null;
    this.morePromise = null;
    /** The module that reads and writes the state in the URL (URL_STATE), where it is used. */
    this.url = null;
    /** The URL fragment the widget wrote last (see showInUrl). */
    this.fragment = null;
    /** The opening-hours module once loaded (see loadMore), and its reading of this minute. */
    this.hoursModule = null;
    this.hours = null;
    /** Set when the opening-hours module (or the module that loads it) could not be loaded. */
    this.hoursUnavailable = false;
    /** Set when the module after the first results could not be loaded (until it is). */
    this.moreFailed = false;
    this.hoursTimer = 0;
    /** In the app, when it shows the directory's last good copy: that copy's date (offline.js). */
    this.offlineDate = null;
    /** The map view while it is shown (see showView), and its module once loaded. */
    this.mapView = null;
    this.mapModule = null;
    /** Set when the map's button opens the map, which MapView.update then scrolls into sight. */
    this.revealMap = false;
    /** The bundled directory's first page (first-page.js) while it stands in for the core. */
    this.preview = null;
    /** The own directory's and the neighbours' bytes, for a rebuild that keeps the search. */
    this.downloaded = null;
    /** The nationwide files' districts loaded beyond the own (nationwide.js), where set. */
    this.reach = null;
    /** Whether a shared link's entry has been scrolled to (Results.revealShared: once). */
    this.sharedRevealed = false;
    // The widget's width as last laid out, so that a render need not ask the browser for a
    // layout to read it (renderAll).
    this.width = null;
    this.sizes = new ResizeObserver(([entry]) => {
      this.width = entry.borderBoxSize?.[0]?.inlineSize ?? entry.contentRect.width;
    });
  }

  connectedCallback() {
    this.connection = new AbortController();
    this.sizes.observe(this);
    this.language = this.pickLanguage();
    if (this.urlState) {
      // Back and forward, or a link to another search on the same page: shown as the URL says.
      window.addEventListener('hashchange', () => this.followUrl(), { signal: this.connection.signal });
    }
    this.load();
  }

  /**
   * Leaving the page: the directory's download and a pending location answer are dropped,
   * listeners on window or document removed (the connection's signal), the place field's too,
   * and the finder is freed. Put back on a page, the widget loads afresh.
   */
  disconnectedCallback() {
    this.connection.abort();
    this.sizes.disconnect();
    this.width = null;
    this.connection = null;
    clearTimeout(this.hoursTimer);
    this.loadGeneration++;
    this.clear();
    this.core.free();
    this.store.reset();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // Not `isConnected`: when the element is upgraded in a page that has it already, this runs
    // for its attributes before connectedCallback, and a second load or language switch would
    // race the first (and could leave the loading frame over the results).
    if (!this.connection || oldValue === newValue) return;
    if (name === 'nationwide') this.reach = null;
    if (name === 'src' || name === 'neighbours' || name === 'nationwide') this.load();
    if (name === 'lang' || name === 'fixed-language') this.setLanguage(this.pickLanguage());
  }

  /** The UI language of a link, else for the attributes, the browser and the page (see pickLanguage). */
  pickLanguage() {
    const linked = this.urlState && new URLSearchParams(location.hash.slice(1)).get('lang');
    if (LANGUAGES.some((language) => language.tag === linked)) return linked;
    return pickLanguage(this.getAttribute('lang'), this.hasAttribute('fixed-language'));
  }

  /** A message in the UI language, with `{placeholders}` filled and plural forms chosen. */
  t(key, values) {
    return translate(this.messages, this.language, key, values);
  }

  /** Loads the directory; `keep` rebuilds the finder after a trap, keeping the newcomer's search. */
  async load({ keep = false } = {}) {
    const generation = ++this.loadGeneration;
    const src = this.getAttribute('src');
    // The bundled directory's first page, made at build time, comes first: it is shown while
    // the core and the directory are still on their way (issue 16). Asked for before anything
    // else is done, the loading frame and its styles included.
    const app = inApp();
    const firstPage = !keep && startsWithFirstPage(this) ? fetchFirstPage(this.language, this.connection.signal) : null;
    if (!keep) {
      this.hoursUnavailable = false;
      this.setAttribute('data-state', 'loading');
      // The frame takes its room at once (see .sf-loading), its words once the catalog is here;
      // not over embed.js's first screen, which the first page replaces.
      if (!firstPage || !this.firstScreen) this.renderLoading();
    }
    try {
      if (this.core.traps > 2) throw new Error('the core failed three times in a row');
      // The catalog, the wasm and the directory download side by side (no waterfall; the
      // loading frame gets its words when the catalog is here); the large ones with low
      // priority, the core's glue after the first page (below). (Starting them only after the
      // first page showed its cards 50 ms sooner on Slow 4G, but made the search usable 200 ms
      // later.) The directory comes as bytes, so that the core reads it as `service-finder
      // check` does (invalid UTF-8 reported, not hidden).
      const catalog = this.catalog(this.language);
      const url = src ? new URL(src, document.baseURI) : new URL('./directory.json', import.meta.url);
      // A rebuild that keeps the search (after a trap, or with more districts) reads again
      // what was downloaded.
      const downloaded = keep && this.downloaded?.src === src ? this.downloaded : null;
      const directory = downloaded ? Promise.resolve(downloaded.bytes) : fetch(url, { credentials: 'same-origin', signal: this.connection.signal, priority: 'low' }).then((response) => {
        if (!response.ok) throw new Error(`${src ?? url}: HTTP ${response.status}`);
        return response.arrayBuffer();
      });
      // The glue waits for the first page (see loadWidgetCore), or for the directory if that
      // is there sooner: a first page that never comes must not hold up the core.
      const core = loadWidgetCore(firstPage && Promise.race([firstPage, directory.catch(() => null)]));
      const urlModule = this.urlState ? import(new URL(URL_STATE, import.meta.url).href) : null;
      const neighbourFiles = downloaded?.neighbours ?? (this.hasAttribute('neighbours') ? fetchNeighbours(this.getAttribute('neighbours'), this.connection.signal) : []);
      // Awaited below; until then a failure must not count as unhandled.
      for (const pending of [directory, core, urlModule, neighbourFiles]) Promise.resolve(pending).catch(() => {});
      // While all that is on its way: the number, date and language formatters of the first
      // cards (the page's first Intl object costs 50 to 90 ms on a slow phone).
      if (!keep) prepareFormatters(this.language);
      this.messages = await catalog;
      if (generation !== this.loadGeneration) return;
      if (!keep && (!firstPage || !this.firstScreen)) this.renderLoading();
      // Offline (issue 14): in the app, a download that fails or does not validate falls back
      // to the last good copy (offline.js); on any other page nothing is kept on the device.
      const everything = Promise.all([app ? directory.catch((error) => error) : directory, core, urlModule, neighbourFiles]);
      if (firstPage) {
        // Whichever comes first: the first page, or everything (then the page is not needed).
        const early = await Promise.race([firstPage, everything.then(() => null, () => null)]);
        if (generation !== this.loadGeneration) return;
        // Not when another language was chosen meanwhile: its words would be the page's.
        if (early && !this.core.finder && early.query.language === this.language) this.showPreview(early);
        // No first page (an officer who replaced the directory deleted it, or it is out of
        // date): embed.js's first screen has the old cards, and goes.
        else if (this.firstScreen) this.renderLoading();
      }
      const [bytes, , urlState, neighbourBytes] = await everything;
      this.downloaded = { src, bytes, neighbours: neighbourBytes };
      const fetched = [...neighbourBytes, ...(this.reach?.files ?? [])];
      this.url = urlState ?? null;
      let neighbours = [];
      let finder;
      this.offlineDate = null;
      if (app) {
        const kept = await appFinder(url.href, bytes, this.language);
        finder = kept.finder;
        this.offlineDate = kept.asOf ?? null;
      } else if (fetched.length) ({ finder, neighbours } = mergedFinder(bytes, fetched));
      else finder = ServiceFinder.fromJson(bytes);
      if (generation !== this.loadGeneration) {
        finder.free();
        return;
      }
      this.core.hold(finder);
      if (this.preview) {
        // With the first page on screen the newcomer may already tap or type: reading the
        // directory and showing its results are two tasks then, not one of 150 ms on a slow
        // phone. If the core trapped meanwhile (another widget's search), `use` rebuilds.
        await new Promise((resolve) => setTimeout(resolve));
        if (generation !== this.loadGeneration || this.core.use(() => true) === undefined) return;
      }
      const preview = this.preview;
      this.preview = null;
      if (!keep) {
        this.reportProblems(finder, [src ?? '(bundled directory)', ...neighbours.map((neighbour) => neighbour.url)]);
        // After a preview the newcomer may have started: their search is kept.
        if (!preview) this.store.reset();
        if (this.url) this.store.restore(this.url.fragmentToState(location.hash, finder.info(this.language)).patch);
      }
      if (!preview) this.core.use(() => this.renderAll({ keepFocus: keep }));
      else if (!samePreview(preview, this.core.use((real) => ({ info: real.info(this.language), skipped: real.skippedCount() })))) this.core.use(() => this.renderAll({ keepFocus: true }));
      // The same directory: the parts update in place, and what the preview showed stays put,
      // a place name half typed into the place field too (its suggestions need the core: they
      // come now); a place chosen meanwhile is in the field already.
      else this.render(this.store.state, new Set(EVERY_FIELD.filter((field) => field !== 'place')));
      this.setAttribute('data-state', 'ready');
      // A new finder knows none of the words loaded later (see useLoaded).
      this.removeAttribute('data-words');
      // After the first results are on screen: the details and the opening hours.
      setTimeout(() => this.loadMore());
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      console.error(`service-finder: the directory ${src ?? '(bundled)'} could not be loaded:`, error);
      this.core.free();
      this.core.traps = 0;
      // Without the core no opening-hours module comes: the first page's cards give the hours
      // as written (see card.js), in place, under the error; a search typed and waiting keeps
      // them, dimmed.
      this.hoursUnavailable = true;
      this.setAttribute('data-state', 'error');
      const results = this.preview && this.resultsPart();
      if (results) {
        results.refreshCards(this.preview.results.hits);
        if (results.list.hasAttribute('aria-busy')) results.wait();
      }
      this.renderFatal();
    }
  }

  /**
   * Problems go to the console, for the webmaster: a summary and the first ones, not thousands
   * of lines; newcomers see a sentence only when entries are missing (see renderAll).
   */
  reportProblems(finder, files) {
    const problems = finder.problems();
    if (problems.length === 0) return;
    const name = files.join(', ');
    const check = '`service-finder check` lists every problem';
    console.warn(`service-finder: ${problems.length} problem(s) in ${name}; entries not shown: ${finder.skippedCount()}. ${check}.`);
    for (const problem of problems.slice(0, CONSOLE_PROBLEMS)) console.warn(`service-finder: ${files[problem.directory ?? 0]}: ${problem.text}`);
    const more = problems.length - CONSOLE_PROBLEMS;
    if (more > 0) console.warn(`service-finder: ${name}: ${more} more problem(s) not written here; ${check}.`);
  }

  /**
   * Loads, once, what the first results do without: the cards' details (shown when it is
   * there, also in a card opened before), then the opening-hours module (a wasm of its own);
   * until that is there, and if it cannot load, cards show the hours as written. The region's
   * AGS picks the public holidays of the directory's Bundesland.
   */
  async loadMore() {
    if (!this.connection || !this.core.finder) return;
    this.loadThesaurus();
    // Undefined when the core has just failed: the rebuilt finder calls this again.
    const ags = this.core.use((finder) => finder.info(this.language).regionAgs ?? '');
    if (ags === undefined) return;
    try {
      this.more ??= await this.moreModule();
    } catch (error) {
      console.error('service-finder: the details could not be loaded.', error);
      this.moreFailed = true;
      this.showHoursAsWritten();
      return;
    }
    if (!this.connection) return;
    this.loadStemmer();
    if (this.hasAttribute('nationwide') && !this.reach) this.loadNationwide();
    this.store.set({ clock: Date.now() });
    if (!this.hoursModule) {
      try {
        // With the directory's values, to read them a few per task first (see hours.js).
        this.hoursModule = await this.more.loadHours(new URL('./', import.meta.url), ags, this.core.use((finder) => finder.openingHours(berlinToday())));
      } catch (error) {
        console.warn('service-finder: the opening-hours module could not be loaded; hours are shown as written.', error);
        this.showHoursAsWritten();
        return;
      }
      if (!this.connection) return;
    }
    this.tickHours();
  }

  /** Without the opening-hours module, the cards give the hours as written (see card.js). */
  showHoursAsWritten() {
    this.hoursUnavailable = true;
    this.store.set({ clock: Date.now() });
  }

  /**
   * Loads the thesaurus of the UI language (the words newcomers search for in it, in German and
   * in English; see data/thesaurus/) and hands it to the finder, then searches again if text
   * was typed meanwhile. Without it the search works as before, only without those words.
   */
  async loadThesaurus() {
    const language = this.language;
    if (this.thesaurus?.language !== language) {
      try {
        const url = new URL(`thesaurus/${thesaurusLanguage(language)}.txt`, import.meta.url);
        const response = await fetch(url, { signal: this.connection?.signal, priority: 'low' });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        this.thesaurus = { language, text: await response.text() };
      } catch (error) {
        if (this.connection) console.warn('service-finder: the thesaurus could not be loaded; words are searched as typed.', error);
        return;
      }
    }
    this.useLoaded(language, (finder) => finder.setThesaurus(this.thesaurus.text), 'thesaurus');
  }

  /**
   * Loads the stem module of the UI language (German's stemmer and the language's own, see
   * stemmer.js) and hands it to the finder. Without it, words are searched as typed.
   */
  async loadStemmer() {
    const language = this.language;
    try {
      const stemmer = await this.more.loadStemmer(new URL('./', import.meta.url), language);
      this.useLoaded(language, (finder) => finder.setStemmer(stemmer), 'stems');
    } catch (error) {
      if (this.connection) console.warn('service-finder: the word forms could not be loaded; words are searched as typed.', error);
    }
  }

  /**
   * Hands what was loaded after the first results for `language` to the finder (`apply`), if
   * that is still the UI language, and searches again if text was typed meanwhile. Then adds
   * `name` to the element's `data-words` ("thesaurus", "stems"): what the search now knows
   * beyond the words as typed, so that a test can wait for the search that follows.
   */
  useLoaded(language, apply, name) {
    if (!this.connection || language !== this.language || !this.core.finder) return;
    if (this.core.use(apply) === undefined) return;
    if (this.store.state.text.trim() && !this.preview) this.render(this.store.state, new Set(['text']));
    this.setAttribute('data-words', `${this.getAttribute('data-words') ?? ''} ${name}`.trim());
  }

  /**
   * Opens the nationwide files of the `nationwide` attribute (their entry file), then shows the
   * line that searches all of Germany and loads the districts a radius set meanwhile reaches.
   */
  async loadNationwide() {
    const attribute = this.getAttribute('nationwide');
    try {
      const module = await import(new URL(NATIONWIDE, import.meta.url).href);
      const words = (text) => ServiceFinder.searchWords(text);
      const publication = await module.openNationwide(new URL(attribute, document.baseURI), { words, signal: this.connection?.signal });
      if (!this.connection || this.reach || attribute !== this.getAttribute('nationwide')) return;
      this.reach = new module.Reach(this, publication);
    } catch (error) {
      if (this.connection) console.warn(`service-finder: the nationwide files ${attribute} could not be loaded; the own directory is searched alone.`, error);
      return;
    }
    this.render(this.store.state, new Set(['shown']));
  }

  /**
   * The module loaded after the first results (details, share, print); imported once, also by
   * a button pressed before loadMore has it.
   */
  moreModule() {
    this.morePromise ??= import(new URL(MORE, import.meta.url).href).then(async (module) => {
      // Its messages (sharing, printing, the hours) come with it, in the UI language.
      const language = this.language;
      const later = await loadLaterCatalog(language);
      if (language === this.language) this.messages = { ...this.messages, ...later };
      // The printout's styles come with the printout's head.
      // Added, not set: the map's sheet may be there already.
      const print = styleSheet(module.PRINT_STYLES);
      if (!this.shadow.adoptedStyleSheets.includes(print)) this.shadow.adoptedStyleSheets = [...this.shadow.adoptedStyleSheets, print];
      this.more = module;
      this.moreFailed = false;
      return module;
    }, (error) => {
      this.morePromise = null;
      throw error;
    });
    return this.morePromise;
  }

  /**
   * Reads every entry's hours at this minute in Germany, hands the entries open now, on each
   * weekday and at each time of day to the core as flags, and runs the search again; then again
   * at the next full minute, so that "open now" stays true while the page is open.
   */
  tickHours() {
    clearTimeout(this.hoursTimer);
    const module = this.hoursModule;
    const now = Date.now();
    const done = this.core.use((finder) => {
      const sets = module.openSets(finder.openingHours(berlinToday(now)), now);
      finder.setFlagSet('open-now', sets.now);
      // Monday first, as the hours module counts the days.
      DAYS.forEach((day, number) => finder.setFlagSet(`open-${day}`, sets.days[number]));
      for (const [name, entries] of Object.entries(sets.times ?? {})) finder.setFlagSet(name, entries);
      return true;
    });
    if (!done) return;
    this.hours = module.at(now, berlinToday(now));
    this.store.set({ clock: now });
    this.hoursTimer = setTimeout(() => this.tickHours(), 60_000 - (now % 60_000));
  }

  /**
   * The messages of `language`: those of the first results, and once the module loaded after
   * them is asked for, its own (see moreModule). That is looked at after the first catalog is
   * there: a language chosen while the module loads must not lose the module's messages (the
   * module merges those of the language it started with only).
   */
  async catalog(language) {
    // Side by side when the module is asked for already; else asked for once the first is here.
    const asked = this.morePromise ? loadLaterCatalog(language) : null;
    const first = await loadCatalog(language);
    const later = asked ?? (this.morePromise ? loadLaterCatalog(language) : {});
    return { ...first, ...(await later) };
  }

  /** Switches the UI language once its messages are loaded; `remember` keeps the choice. */
  async setLanguage(language, { remember = false } = {}) {
    if (remember) rememberLanguage(language);
    if (language === this.language) return;
    // While the first page stands in for the core: that language's first page, beside its
    // messages (the build makes one for every UI language).
    const firstPage = this.preview && this.connection ? fetchFirstPage(language, this.connection.signal) : null;
    let messages;
    try {
      messages = await this.catalog(language);
    } catch (error) {
      console.warn(`service-finder: the messages for ${language} could not be loaded.`, error);
      return;
    }
    if (!this.connection) return;
    this.language = language;
    this.messages = messages;
    // For the page around, such as the app page (www/app/), which speaks the widget's language.
    this.dispatchEvent(new CustomEvent('language-change', { detail: language }));
    if (this.core.finder) {
      this.core.use(() => this.renderAll({ keepFocus: true }));
      this.removeAttribute('data-words');
      this.loadThesaurus();
      if (this.more) this.loadStemmer();
    } else if (this.getAttribute('data-state') === 'error') {
      // The first page shown was in the other language: trying again fetches this one's.
      this.preview = null;
      this.renderFatal();
    } else {
      const page = await firstPage;
      // Another language chosen meanwhile, or the core came and showed this one.
      if (!this.connection || this.language !== language || this.core.finder) return;
      // The newcomer's search is kept: the first page answers it, or it waits for the core.
      this.preview = page;
      if (page) this.renderAll({ keepFocus: true });
      else this.renderLoading();
    }
  }

  // ---- rendering -------------------------------------------------------------------------

  /** The results' part (results.js), while the parts are on screen. */
  resultsPart() {
    return this.parts?.find((part) => part instanceof Results);
  }

  /** Takes the parts off the screen, and what they hold with them. */
  clear() {
    for (const part of this.parts ?? []) part.destroy?.();
    this.parts = null;
    this.mapView = null;
    // embed.js's first screen goes with the first frame (embed.js then does again in the new
    // parts what was done on the screen).
    this.firstScreen = null;
    this.shadow.replaceChildren();
  }

  frame() {
    this.clear();
    if (!this.shadow.adoptedStyleSheets.length) this.shadow.adoptedStyleSheets = [styleSheet()];
    const root = el('div', { class: 'sf', lang: this.language, dir: direction(this.language) });
    this.shadow.append(root);
    return root;
  }

  renderLoading() {
    // No first page on screen any more: a preview kept from before (a "try again" after the
    // directory failed) would have the core's answer shown in parts that are gone.
    this.preview = null;
    const root = this.frame();
    const words = this.messages.loading ?? '';
    root.append(el('p', { class: 'sf-loading', role: 'status' }, words ? this.t('loading') : ''));
  }

  /**
   * The directory could not be loaded: a sentence and a button that tries again (a rural
   * county's mobile line drops out). The first page's cards, if they are on screen, stay, with
   * the error above them: they are the bundled directory's own, and the newcomer may be reading
   * them.
   */
  renderFatal() {
    const alert = el('div', { class: 'sf-alert', role: 'alert' });
    const retry = el('button', { type: 'button', class: 'sf-button' }, this.t('error.retry'));
    retry.addEventListener('click', () => this.load());
    alert.append(el('p', {}, this.t('error.fatal')), retry);
    const results = this.preview && this.resultsPart();
    if (results) results.element.prepend(alert);
    else this.frame().append(alert);
  }

  /**
   * Shows the first page made at build time, as if the core had answered: the same parts, the
   * same cards. Until the core is there, a search the page does not hold shows nothing new.
   */
  showPreview(page) {
    this.preview = page;
    this.store.reset();
    this.renderAll();
  }

  /** Builds the whole widget; used on load and when the UI language changes. */
  renderAll({ keepFocus = false } = {}) {
    const focusedId = keepFocus ? this.shadow.activeElement?.id : null;
    const finder = this.core.finder ?? previewFinder(this.preview);
    const info = finder.info(this.language);
    // As last laid out: reading it after the new parts are in made the browser lay them all
    // out at once (20–25 ms on a slow phone, before the first cards).
    const width = this.width ?? this.getBoundingClientRect().width;
    const root = this.frame();
    root.append(header(this, info));
    // Said only when entries are missing: a value left out of an entry shown is the
    // webmaster's business (the console), not the newcomer's.
    if (info.entryCount === 0) {
      root.append(el('p', { class: 'sf-alert', role: 'alert' }, this.t('error.empty')));
      return;
    }
    const skipped = finder.skippedCount();
    if (skipped > 0) root.append(el('p', { class: 'sf-alert', role: 'alert' }, this.t('error.skipped', { count: skipped })));
    const [search, filters, tools, results] = this.parts = [new SearchForm(this, info), new Filters(this, info, width), new Tools(this, info), new Results(this, info)];
    // In the results' column: the map's button on the count's line, the list's other actions
    // under the list (a phone shows the first result sooner), and the printout's head on top.
    results.bar.append(mapButton(this));
    results.element.prepend(tools.printHead);
    results.attribution.before(tools.element);
    // A search that finds nothing asks the place field whether its words name a place.
    results.places = search.place;
    root.append(search.element, filters.element, results.element);
    this.render(this.store.state, new Set(EVERY_FIELD));
    if (focusedId) this.shadow.getElementById(focusedId)?.focus();
  }

  /**
   * Shows the state: the search runs when a field it reads has changed, and every part updates
   * in place, so that the controls keep the focus. Called by the store after each set().
   */
  render(state, changed) {
    if (!this.parts) return;
    const search = [...changed].some((field) => !SHOWN_ONLY.includes(field));
    if (search && this.preview) {
      // Before the core is there, only the first page's own search has results; any other
      // waits for the core, and says so (it comes with the core, see load).
      const results = previewFinder(this.preview).search(toQuery(state, this.language));
      if (results) for (const part of this.parts) part.update(state, changed, results);
      else this.resultsPart()?.wait();
      return;
    }
    const results = search ? this.core.use((finder) => {
      // A shared entry is shown alone: the one entry of a flag set (empty when it is gone).
      if (state.entry) finder.setFlagSet(SHARED_ENTRY, [finder.entryIndex(state.entry)].filter((index) => index !== undefined));
      return finder.search(toQuery(state, this.language));
    }) : null;
    // Undefined: the core failed, and the widget is rebuilding its finder.
    if (results === undefined) return;
    for (const part of this.parts) part.update(state, changed, results);
    if (search && this.reach) this.reach.update(state);
    if (this.url) this.showInUrl(state);
    if (changed.has('view')) this.showView(state.view);
  }

  /** Writes the state into the page's URL, replacing the entry in the history. */
  showInUrl(state) {
    const fragment = this.url.stateToFragment(state, this.language);
    if (fragment === this.fragment && location.hash.slice(1) === fragment) return;
    this.fragment = fragment;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${fragment}`);
  }

  /** The URL's fragment changed from outside (back, forward, a link): shows what it asks for. */
  async followUrl() {
    const hash = location.hash;
    if (!this.core.finder || !this.url || hash.slice(1) === this.fragment) return;
    const language = this.url.fragmentLanguage(hash) ?? this.language;
    let messages = this.messages;
    if (language !== this.language) {
      try {
        messages = await this.catalog(language);
      } catch (error) {
        console.warn(`service-finder: the messages for ${language} could not be loaded.`, error);
      }
      if (!this.connection || !this.core.finder || location.hash !== hash) return;
    }
    if (messages !== this.messages) {
      Object.assign(this, { language, messages });
      this.dispatchEvent(new CustomEvent('language-change', { detail: language }));
    }
    this.core.use((finder) => {
      this.store.reset();
      this.store.restore(this.url.fragmentToState(hash, finder.info(this.language)).patch);
      this.renderAll();
    });
  }

  /**
   * Puts the map view under the count, over the list, when `view` is 'map'
   * (importing its module the first time), and takes it away for 'list'.
   */
  async showView(view) {
    for (const button of this.shadow.querySelectorAll('button[data-part="map"]')) button.setAttribute('aria-pressed', String(view === 'map'));
    if (view !== 'map') {
      if (!this.mapView) return;
      this.parts.splice(this.parts.indexOf(this.mapView), 1);
      this.mapView.destroy();
      this.mapView.element.remove();
      this.mapView = null;
      return;
    }
    const parts = this.parts;
    try {
      this.mapModule ??= await import(new URL(MAP, import.meta.url).href);
      await this.mapModule.loadMapMessages(this);
    } catch (error) {
      console.error('service-finder: the map could not be loaded.', error);
      return;
    }
    if (this.parts !== parts || !parts || this.mapView || this.store.state.view !== 'map') return;
    const results = this.resultsPart();
    this.mapView = new this.mapModule.MapView(this);
    // Under the count and the map's button, over the list.
    results.bar.after(this.mapView.element);
    parts.splice(parts.indexOf(results), 0, this.mapView);
    this.mapView.update(this.store.state, new Set(EVERY_FIELD), null);
  }

  /** A hit's card with its details open, for a view of its own (the map's panel). */
  cardFor(hit) {
    return card(this, hit, true);
  }
}

if (!customElements.get('service-finder')) customElements.define('service-finder', ServiceFinderElement);

// The JS API, for a county with its own UI (see core.js for what happens after a trap).
export { Places, ServiceFinder, fetchDirectory, loadCore as initServiceFinder };

/** The thesaurus file of a UI language: Leichte Sprache searches with the German words. */
function thesaurusLanguage(language) {
  return language === 'de-x-ls' ? 'de' : language;
}
