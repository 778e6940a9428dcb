// dist/embed.js: what a county's page includes. It shows the widget's first screen at once, from
// this file, and then the widget itself (dist/service-finder.js) takes that screen over.
//
// On a slow line every file is a round trip: the widget's loader (19 KB) and then its first
// page of results are two before the first cards (issue 16). This file holds the first screen
// as the widget itself rendered it at build time (scripts/first-screen.mjs: its styles, header,
// search form, folded filters and first page's cards, as HTML), in the bundled directory's
// language, so that on a phone the cards come with the first round trip. It asks for the loader
// at once, and for the first page and the catalog of the newcomer's language beside it, so that
// a newcomer in another language waits for no more round trips than with the loader alone;
// such a newcomer's first screen (dist/first-screen/<tag>.json, rendered alike) it asks for
// just before the loader, and shows it if it comes before the widget has run: it is a quarter
// of the loader's size, and the widget has then still to run and render its first page.
//
// The screen is shown only where the widget would show exactly that first page: the first
// <service-finder> on the page, without `src`, `neighbours` or `url-state`, outside the app, in
// the screen's language, on the days the first page holds for, and narrower than 640 px (wider,
// the filter panel starts open, and the screen was rendered folded). Anywhere else this file
// only loads the widget. The screen is the widget's own markup, serialised by the browser from
// elements built with textContent and setAttribute (dom.js): directory data in it is escaped.

import { FILTERS_OPEN_FROM } from './filters.js';
import { startsWithFirstPage } from './first-page.js';
import SCREEN from './first-screen.js';
import { prepareFormatters } from './format.js';
import { pickLanguage } from './messages.js';
import { berlinToday } from './state.js';
import STYLES from './styles.js';

const element = document.querySelector('service-finder');
const starts = element && !customElements.get('service-finder') && !element.shadowRoot && startsWithFirstPage(element);
const language = starts && pickLanguage(element.getAttribute('lang'), element.hasAttribute('fixed-language'));
// The first screen in the newcomer's language, if not this file's (the build makes one for
// every UI language), on a phone (wider, the filter panel starts open, and the screen was
// rendered folded). Asked for before the loader: a server sends the responses on one HTTP/2
// connection in the order asked for, and this one is a quarter of the loader's size.
const otherScreen = starts && language !== SCREEN.language && innerWidth < FILTERS_OPEN_FROM
  ? fetch(new URL(`first-screen/${language}.json`, import.meta.url), { priority: 'high' }).then((response) => response.json())
  : null;

// The bundler leaves this import to the browser (scripts/assemble-web.mjs marks it external):
// the loader stays one file, shared with pages that include it directly.
const loader = importLoader();

/** The first screen shown, whose messages "try again" uses. */
let shown = SCREEN;
if (starts) {
  const today = berlinToday();
  const fits = (screen) => screen.from <= today && today <= screen.until;
  // Downloads asked for here (preloads) are answered to the widget's own requests for the same
  // files; if it has run already, it asked for them itself (a preload then would be a second
  // download, and a failed one would answer its "try again").
  const unlessRunning = (then) => () => customElements.get('service-finder') || then();
  if (language === SCREEN.language && fits(SCREEN) && showScreen(element, SCREEN)) {
    // With the first cards on screen, the core's wasm and the directory (250 KB) can take the
    // line at once: the search is then usable no later than without this file. The first page
    // and the catalog, which the widget needs only when it has arrived, wait for the screen's
    // first frame: each preload costs the main thread 3 to 20 ms on a slow phone.
    preloadCore();
    requestAnimationFrame(() => setTimeout(unlessRunning(() => preloadFirstPage(language))));
  } else {
    // Without the screen the first cards wait for the widget: the first page and the catalog
    // at once, a round trip sooner than the widget would ask for them. It makes the number,
    // date and language formatters of its first page before showing it (the page's first Intl
    // objects cost 100 ms on a slow phone): made here, while the loader downloads, the browser
    // has the language's data at hand then. The core and the directory, asked for at once,
    // would share the line with the loader and hold up the first cards (Arabic: 755 → 960 ms,
    // medians of 11); left to the widget, the search would be usable 230 ms later: they come
    // once the first page and the catalog are in, when the loader is most of the way.
    const small = preloadFirstPage(language);
    // The first screen in that language is shown if it comes before the widget has run; then
    // the core and the directory take the line at once, as above. Without it, the widget comes
    // as it comes.
    otherScreen?.then((screen) => customElements.get('service-finder') || element.shadowRoot || !fits(screen) || (showScreen(element, screen) && preloadCore()))
      .catch(() => {});
    prepareFormatters(language);
    Promise.all(small).then(unlessRunning(preloadCore));
  }
}
// On a line that drops out, the first screen says that the finder could not be loaded, with a
// button that tries again (its buttons would otherwise do nothing for ever).
loader.catch(() => offerRetry(element?.shadowRoot?.querySelector('.sf-main')));

/** Imports the widget's loader; a failure is said in the console, for the webmaster. */
function importLoader() {
  const loading = import('./service-finder.js');
  loading.catch((error) => console.error('service-finder: the widget (service-finder.js) could not be loaded.', error));
  return loading;
}

/** Over the first screen's results, if it is there: the error and "try again" (see renderFatal). */
function offerRetry(results) {
  if (!results?.isConnected || customElements.get('service-finder')) return;
  const alert = Object.assign(document.createElement('div'), { className: 'sf-alert' });
  alert.setAttribute('role', 'alert');
  alert.setAttribute(OWN, '');
  const retry = Object.assign(document.createElement('button'), { type: 'button', className: 'sf-button', textContent: shown.messages.retry });
  retry.addEventListener('click', () => {
    alert.remove();
    importLoader().catch(() => offerRetry(results));
  });
  alert.append(Object.assign(document.createElement('p'), { textContent: shown.messages.fatal }), retry);
  results.prepend(alert);
}

/**
 * The first page and the catalog of `language`, as the widget asks for them as soon as it runs
 * (first-page.js, messages.js); promises of their arrival.
 */
function preloadFirstPage(language) {
  return [
    preload(`first-page/${language}.json`, { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'high' }),
    preload(`messages/${language}.js`, { rel: 'modulepreload' }),
  ].map((link) => new Promise((resolve) => {
    link.onload = link.onerror = resolve;
  }));
}

/** The core's wasm and the directory, with low priority as the widget asks for them; once. */
let coreAsked = false;
function preloadCore() {
  if (coreAsked) return;
  coreAsked = true;
  for (const file of ['service-finder-core_bg.wasm', 'directory.json']) preload(file, { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'low' });
}

/** A `<link>` in the page's head that starts the download of `file` beside this one. */
function preload(file, { rel = 'preload', ...properties }) {
  const link = Object.assign(document.createElement('link'), { rel, href: new URL(file, import.meta.url).href }, properties);
  document.head.append(link);
  return link;
}

/**
 * The widget's styles in the element's shadow root (the sheet the widget adopts too; with them
 * the element is a block as wide as the widget will be), then, if it is narrow enough, the first
 * screen `screen`. The widget finds both there (see its constructor) and replaces the screen with
 * its own parts once its first page is there; then what was done on the screen meanwhile is done
 * again in them (handOver).
 */
function showScreen(element, screen) {
  const shadow = element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  shadow.adoptedStyleSheets = [sheet];
  // On a phone the viewport says it without a layout of the page before the screen's.
  if (innerWidth >= FILTERS_OPEN_FROM && element.getBoundingClientRect().width >= FILTERS_OPEN_FROM) return false;
  try {
    shadow.innerHTML = screen.html.replaceAll(screen.base, new URL('./', import.meta.url).href);
  } catch {
    // A page that enforces Trusted Types allows no markup set as text: the widget comes as it
    // comes without this file (it builds its elements one by one).
    return false;
  }
  element.setAttribute('data-state', 'loading');
  shown = screen;
  const onScreen = shadow.firstElementChild;
  const listening = new AbortController();
  const { signal } = listening;
  // Taps on the screen's buttons (a card's "more", the filters' summary, "use my location"):
  // nothing happens until the widget is there, then they are done again in its parts. A link
  // (a phone number, a website) works at once.
  const taps = [];
  shadow.addEventListener('click', (event) => {
    const target = event.target.closest(TAPPABLE);
    if (!target || target.closest(`[${OWN}]`)) return;
    event.preventDefault();
    taps.push(tappables(onScreen).indexOf(target));
  }, { signal });
  // The field with the focus, by id. A blur that leaves the screen on the page is the
  // newcomer's; one as the widget takes the screen off is not.
  let focused = null;
  shadow.addEventListener('focusin', (event) => {
    focused = event.target.id || null;
  }, { signal });
  shadow.addEventListener('focusout', () => setTimeout(() => {
    if (onScreen.isConnected && !shadow.activeElement) focused = null;
  }), { signal });
  const watch = new MutationObserver(() => {
    if (onScreen.isConnected || !shadow.querySelector('.sf-search')) return;
    watch.disconnect();
    listening.abort();
    handOver(shadow, onScreen, focused, taps);
  });
  watch.observe(shadow, { childList: true });
  return true;
}

/** What a tap on the first screen is kept for (see showScreen), but for this file's own. */
const TAPPABLE = 'button, summary';
const OWN = 'data-embed';
const tappables = (root) => [...root.querySelectorAll(TAPPABLE)].filter((button) => !button.closest(`[${OWN}]`));

/**
 * Does again in the widget's own parts what was done on the first screen, which they have just
 * replaced: the focus and the caret where they were, each field changed, with its own event,
 * so that the parts handle it as they handle typing (a search waits for the core), then the
 * taps, in order. The widget's first parts are the screen's markup, so a tap is done again on
 * the button in the same place, if that is of the same kind and has the same words.
 */
function handOver(shadow, screen, focusedId, taps) {
  // Matched before the fields change: a search typed adds a "clear" button.
  const [before, after] = [tappables(screen), tappables(shadow)];
  const tapped = taps.map((index) => (sameButton(before[index], after[index]) ? after[index] : null));
  const field = (id) => shadow.getElementById(id);
  const focused = focusedId && screen.querySelector(`#${CSS.escape(focusedId)}`);
  const target = focused && field(focusedId);
  target?.focus();
  if (target && typeof focused.selectionStart === 'number') target.setSelectionRange?.(focused.selectionStart, focused.selectionEnd);
  for (const old of screen.querySelectorAll('input[id], select[id]')) {
    const now = field(old.id);
    if (!now) continue;
    if (old.type === 'checkbox') {
      if (old.checked !== old.defaultChecked && now.checked !== old.checked) now.click();
    } else if (old.value !== initialValue(old)) {
      now.value = old.value;
      now.dispatchEvent(new Event(old.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }
  }
  // In a task of their own: the widget shows the changes above together, in one render after
  // this task, and a tap must come after the search it was made on.
  setTimeout(() => {
    for (const button of tapped) if (button?.isConnected) button.click();
  });
}

/** Whether two buttons are of the same kind and say the same. */
function sameButton(a, b) {
  return Boolean(a && b) && a.className === b.className && a.textContent === b.textContent;
}

/** A field's value as the screen was rendered. */
function initialValue(field) {
  if (field.tagName !== 'SELECT') return field.defaultValue;
  return ([...field.options].find((option) => option.defaultSelected) ?? field.options[0])?.value;
}
