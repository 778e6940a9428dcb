// The bundled directory's first page of results, made at build time by the same core
// (scripts/first-page.mjs, dist/first-page/<tag>.json): what the widget shows before anything
// is searched. On a slow phone the cards are there from this small file while the core's wasm
// and the whole directory still download (issue 16); the real finder takes over when they are
// there, and its first page is the same.

import { berlinToday } from './state.js';

/** Whether this page is the app: one that our service worker controls (see offline.js). */
export const inApp = () => Boolean(navigator.serviceWorker?.controller);

/**
 * Whether a <service-finder> `element` starts with the bundled directory's first page: not with
 * a directory of its own (`src`), its neighbours', the state in the page's URL (`url-state`), or
 * in the app, which reads its own copy of the directory (offline.js). Also what embed.js asks
 * before it shows the first screen.
 */
export function startsWithFirstPage(element) {
  return !inApp() && !element.matches('[src], [neighbours], [url-state]');
}

/**
 * The first page for a UI language, or null: when there is none (a county's own directory,
 * `src`, has none), it cannot be read, or today is outside the days it holds for.
 */
export function fetchFirstPage(language, signal) {
  const url = new URL(`./first-page/${language}.json`, import.meta.url);
  return fetch(url, { signal, priority: 'high' })
    .then((response) => (response.ok ? response.json() : null))
    .then((page) => {
      const today = berlinToday();
      return page && page.from <= today && today <= page.until ? page : null;
    })
    .catch(() => null);
}

/** The query without its date, which the first page holds for a range of days. */
const withoutDay = (query) => JSON.stringify({ ...query, today: undefined });

/**
 * A stand-in for the core's finder while the first page is shown: it knows the directory's
 * info and the first page's results; any other search has none yet (null).
 */
export function previewFinder(page) {
  return {
    info: () => page.info,
    skippedCount: () => page.skipped,
    search: (query) => (withoutDay(query) === withoutDay(page.query) ? page.results : null),
  };
}

/** Whether the real finder describes the same directory as the first page did. */
export function samePreview(page, real) {
  return real !== undefined && JSON.stringify(page.info) === JSON.stringify(real.info) && page.skipped === real.skipped;
}
