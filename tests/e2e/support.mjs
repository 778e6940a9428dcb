// Shared code of the end-to-end tests: the server (in-process, on a free port), headless Chromium
// through playwright-core, a page helper that records everything that went wrong or left the
// machine, the UI messages from data/messages/, and an axe-core runner.
//
// Every wait here waits for a condition (an element, an attribute, a text), never for a fixed time.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'e2e-screenshots');
/** Where nationwide.test.mjs publishes its nationwide files, served under /nationwide/. */
export const NATIONWIDE_DIR = path.join(REPO_ROOT, 'target', 'e2e-nationwide');

/** The position of Korbach, the county seat of the demo directory. */
export const KORBACH = { latitude: 51.2756, longitude: 8.873 };

/** How long a test waits for one condition. Generous: the machine has 2 shared cores. */
export const TIMEOUT = 15_000;

/** The options of every test in node:test terms: one browser test must not hang the run. */
export const TEST_OPTIONS = { timeout: 90_000 };

/** How every test starts Chromium (scripts/chromium.mjs). */
export { LAUNCH_OPTIONS };

// ---------------------------------------------------------------------------------------------
// Messages

/** The UI message catalogs, exactly as the widget ships them. */
export const MESSAGES = Object.fromEntries(
  readdirSync(path.join(REPO_ROOT, 'data/messages'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/messages', file), 'utf8'))]),
);

/**
 * One message with its placeholders filled in; a message with plural forms picks its form by
 * `params.count` with the language's plural rules, and the count is formatted for the language.
 */
export function msg(lang, key, params = {}) {
  const entry = MESSAGES[lang][key];
  assert.ok(entry !== undefined, `no message ${key} in ${lang}.json`);
  let text = entry;
  if (typeof entry === 'object') {
    const form = new Intl.PluralRules(lang).select(params.count);
    text = entry[form] ?? entry.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A number as written in any UI language: ASCII, Arabic-Indic or Persian digits, with group
 * separators and decimals (".", ",", "٫", "٬", spaces).
 */
const NUMBER_PATTERN = '[\\d\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c\u00a0\u202f\u2009 ][\\d\u0660-\u0669\u06f0-\u06f9]+)*';

/** Parses a number written for a language, with its digits and separators (as `Intl` writes them). */
export function parseNumber(lang, text) {
  const parts = new Intl.NumberFormat(lang).formatToParts(12345.6);
  const group = parts.find((part) => part.type === 'group')?.value ?? '';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  let ascii = '';
  for (const character of text) {
    const code = character.codePointAt(0);
    if (code >= 0x660 && code <= 0x669) ascii += String(code - 0x660);
    else if (code >= 0x6f0 && code <= 0x6f9) ascii += String(code - 0x6f0);
    else if (character === decimal) ascii += '.';
    else if (character === group || /[\s\u00a0\u202f]/.test(character)) continue;
    else ascii += character;
  }
  return Number(ascii);
}

/** The plural forms of the result count, as [category, text] pairs. */
function countForms(lang) {
  const entry = MESSAGES[lang]['results.count'];
  return typeof entry === 'object' ? Object.entries(entry) : [['other', entry]];
}

/** The number a plural form without `{count}` stands for (Arabic "نتيجتان" is two). */
const FORM_NUMBERS = { zero: 0, one: 1, two: 2 };

/**
 * A regular expression for the result count ("175 Angebote"), with one capture group per plural
 * form: the number, or the whole text for a form that has no number.
 */
export function countPattern(lang) {
  const alternatives = countForms(lang).map(([, form]) =>
    form.includes('{count}')
      ? escapeRegExp(form).replace(escapeRegExp('{count}'), `(${NUMBER_PATTERN})`)
      : `(${escapeRegExp(form)})`,
  );
  return new RegExp(`(?:${alternatives.join('|')})`);
}

/**
 * A regular expression for a card's distance ("1,2 km entfernt", "220 m away"), capturing the
 * number and the unit.
 */
export function distancePattern(lang) {
  const [before, after] = MESSAGES[lang]['card.distance'].split('{distance}');
  return new RegExp(
    `${escapeRegExp(before)}(${NUMBER_PATTERN})[\\s\\u00a0\\u202f]*(km|m)${escapeRegExp(after)}`,
  );
}

/** A card's distance in metres, or null when it shows none. */
export function parseDistance(lang, cardText) {
  const match = distancePattern(lang).exec(cardText);
  if (!match) return null;
  const value = parseNumber(lang, match[1]);
  return match[2] === 'km' ? value * 1000 : value;
}

// ---------------------------------------------------------------------------------------------
// Server and browser

/** Whether the web build has run: the end-to-end tests need dist/. */
export function assertBuilt() {
  const loader = path.join(REPO_ROOT, 'dist', 'service-finder.js');
  assert.ok(existsSync(loader), `${loader} is missing: run scripts/build-web first`);
}

/**
 * Starts the test server on 127.0.0.1 and a free port: what scripts/serve.mjs serves (dist/ and
 * www/), plus /test/ → tests/fixtures/ and /e2e/ → tests/e2e/pages/. For tests that drive a
 * browser of their own (Lighthouse); the others get it from useBrowser().
 */
export function startTestServer() {
  return startServer({
    port: 0,
    root: REPO_ROOT,
    extraMounts: [
      { prefix: '/test/', dir: path.join(REPO_ROOT, 'tests', 'fixtures') },
      { prefix: '/e2e/', dir: path.join(REPO_ROOT, 'tests', 'e2e', 'pages') },
      // Nationwide static files that nationwide.test.mjs publishes with the CLI.
      { prefix: '/nationwide/', dir: NATIONWIDE_DIR },
    ],
  });
}

/**
 * Registers before/after hooks that start the server (serving dist/ and www/, plus /test/ →
 * tests/fixtures/ and /e2e/ → tests/e2e/pages/) and launch Chromium once for the calling test
 * file. Returns an object whose `server` and `browser` are set once the hooks have run.
 */
export function useBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    assertBuilt();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    env.server = await startTestServer();
    env.browser = await chromium.launch(LAUNCH_OPTIONS);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Whether a URL is on this machine: the only place the widget may talk to. */
function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1';
}

/**
 * Opens a fresh browser context and page. Requests to any host but 127.0.0.1 are recorded and
 * aborted; console errors, page errors, failed requests and HTTP errors are recorded. Most tests
 * use withWidget or withPage instead, which also close what this opens.
 *
 * @param {{server, browser}} env from useBrowser()
 * @param {object} [options]
 * @param {string|null} [options.path] the page to open ('/' by default; null opens nothing)
 * @param {string} [options.html] content that replaces the page's after it opened (a page of
 *   the test's own, with the URL of `path`)
 * @param {object} [options.contextOptions] more options for browser.newContext()
 * @param {(session) => Promise} [options.setup] runs before the page opens: routes, init scripts
 * @returns the page, the context, the widget locator, the records and close()
 */
export async function openPage(env, { path: pagePath = '/', html, contextOptions = {}, setup } = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 800 },
    // A German browser, so that the fallback language of a page without lang is German.
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    ...contextOptions,
  });
  context.setDefaultTimeout(TIMEOUT);
  const records = {
    consoleErrors: [],
    consoleMessages: [],
    consoleValues: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
    externalRequests: [],
    requests: [],
  };
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      const url = route.request().url();
      if (!records.externalRequests.includes(url)) records.externalRequests.push(url);
      return route.abort('blockedbyclient');
    },
  );
  // Also seen here: requests that a route cannot catch (a service worker's, for example).
  context.on('request', (request) => {
    records.requests.push(request.url());
    if (!isLocal(request.url()) && !records.externalRequests.includes(request.url())) {
      records.externalRequests.push(request.url());
    }
  });
  context.on('requestfailed', (request) => {
    if (isLocal(request.url())) {
      records.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
    }
  });
  context.on('response', (response) => {
    if (response.status() >= 400) records.httpErrors.push(`${response.status()} ${response.url()}`);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = `${message.type()}: ${message.text()}`;
    records.consoleMessages.push(text);
    if (message.type() === 'error') records.consoleErrors.push(text);
    // Logged objects (a list of problems, say) appear in text() only as a preview: keep their
    // values as JSON too.
    Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => null))).then(
      (values) => records.consoleValues.push(JSON.stringify(values)),
      () => {},
    );
  });
  page.on('pageerror', (error) => records.pageErrors.push(String(error?.stack ?? error)));
  const session = {
    context,
    page,
    widget: page.locator('service-finder').first(),
    records,
    close: () => context.close(),
  };
  try {
    await setup?.(session);
    if (pagePath !== null) await page.goto(new URL(pagePath, env.server.url).href);
    if (html !== undefined) await page.setContent(html);
  } catch (error) {
    await context.close();
    throw error;
  }
  return session;
}

/**
 * Opens a page as openPage does (the same `options`), runs `body(session)`, and closes the
 * browser context afterwards, whatever happened. `options` may be left out.
 */
export async function withPage(env, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const session = await openPage(env, options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/**
 * Opens a page with the widget as openPage does, waits until the widget has loaded, runs
 * `body(session)`, and always closes the browser context. `options.state` is the state the
 * widget must reach ('ready' by default, 'error', or null for either); the other options are
 * openPage's. `options` may be left out.
 */
export function withWidget(env, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const { state = 'ready', ...pageOptions } = options;
  return withPage(env, pageOptions, async (session) => {
    await waitForWidget(session, state);
    return body(session);
  });
}


/** Asserts that nothing went wrong and nothing left the machine. */
export function assertClean(records, what = 'the page') {
  assert.deepEqual(records.pageErrors, [], `page errors on ${what}`);
  assert.deepEqual(records.consoleErrors, [], `console errors on ${what}`);
  assert.deepEqual(records.failedRequests, [], `failed requests on ${what}`);
  assert.deepEqual(records.httpErrors, [], `HTTP errors on ${what}`);
  assert.deepEqual(records.externalRequests, [], `requests off 127.0.0.1 from ${what}`);
}

/**
 * Waits until the widget has left its loading state and returns that state. With `expected`
 * ('ready' or 'error') it asserts the state too, and names the page's errors when it differs.
 */
export async function waitForWidget({ page, records }, expected = 'ready') {
  const host = page.locator('service-finder').first();
  try {
    await host.waitFor({ state: 'attached' });
    await page
      .locator('service-finder:is([data-state="ready"], [data-state="error"])')
      .first()
      .waitFor({ state: 'attached' });
  } catch (error) {
    // Say why: a file that did not load is the usual reason (for example dist/ being rebuilt).
    const state = await host.getAttribute('data-state', { timeout: 1000 }).catch(() => 'no element');
    error.message +=
      `\nThe widget stayed in data-state=${JSON.stringify(state)}.` +
      `\nHTTP errors: ${JSON.stringify(records?.httpErrors)}` +
      `\nfailed requests: ${JSON.stringify(records?.failedRequests)}` +
      `\npage errors: ${JSON.stringify(records?.pageErrors)}` +
      `\nconsole: ${JSON.stringify(records?.consoleMessages)}`;
    throw error;
  }
  const state = await host.getAttribute('data-state');
  if (expected) {
    assert.equal(
      state,
      expected,
      `widget state; page errors: ${JSON.stringify(records?.pageErrors)}, console: ${JSON.stringify(records?.consoleMessages)}`,
    );
  }
  return state;
}

/**
 * A gate for requests: `route` (a handler for context.route) holds each request until `open()`
 * is called, and `opened` is the promise of that. Tests hold a file back with it (the core, the
 * loader) to see what the widget shows before it comes.
 */
export function gate() {
  let open;
  const opened = new Promise((resolve) => {
    open = resolve;
  });
  return { open, opened, route: async (route) => {
    await opened;
    await route.continue();
  } };
}

/**
 * Polls `check` (an async function returning a value) until `accept(value)` holds, and returns
 * that value. Each poll asks the browser, so this follows the page as it changes; it fails with
 * the last value seen after TIMEOUT.
 */
export async function until(check, accept, description, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${description}; last value: ${JSON.stringify(last)}`);
    }
    // The gap between two polls of the condition, not a wait in place of one.
    await delay(25);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the widget

/** The results status element: the role=status element that shows the count. */
export function statusLocator(widget, lang) {
  return widget.getByRole('status').filter({ hasText: countPattern(lang) }).first();
}

/** The result count shown now, or null while it shows none. */
export async function readCount(widget, lang) {
  const status = widget.getByRole('status').filter({ hasText: countPattern(lang) });
  if ((await status.count()) === 0) return null;
  const text = await status.first().textContent();
  const match = countPattern(lang).exec(text ?? '');
  if (!match) return null;
  // One capture group per plural form; the form that matched has the number, or is the number.
  const form = match.slice(1).findIndex((group) => group !== undefined);
  const [category, formText] = countForms(lang)[form];
  return formText.includes('{count}') ? parseNumber(lang, match[form + 1]) : FORM_NUMBERS[category];
}

/** Waits until the count satisfies `accept` and returns it. */
export function waitForCount(widget, lang, accept, description) {
  return until(() => readCount(widget, lang), (count) => count !== null && accept(count), description);
}

/**
 * The demo directory's total for a query, from the engine itself, loaded beside the widget, with
 * the German thesaurus and stemmer as the widget has them once loaded: what its count settles
 * on for a search (a count read while the words are typed may be a prefix's).
 */
export function engineTotal(page, query) {
  const json = readFileSync(path.join(REPO_ROOT, 'data/demo/waldeck-frankenberg.json'), 'utf8');
  return page.evaluate(
    async ({ json, query }) => {
      const { initServiceFinder, ServiceFinder } = await import('/service-finder/service-finder.js');
      await initServiceFinder();
      const finder = ServiceFinder.fromJson(json);
      // As the widget searches once its thesaurus and stem module are there (after the first
      // results).
      finder.setThesaurus(await (await fetch('/service-finder/thesaurus/de.txt')).text());
      const stem = await import('/service-finder/stem/de.js');
      await stem.default({ module_or_path: '/service-finder/stem/de_bg.wasm' });
      finder.setStemmer(new stem.Stemmer('de'));
      try {
        return finder.search({
          text: '', kinds: [], categories: [], languages: [], freeOfCharge: false, wheelchairAccessible: false,
          sort: 'relevance', offset: 0, limit: 1, language: 'de', ...query,
        }).total;
      } finally {
        finder.free();
      }
    },
    { json, query },
  );
}

/** The result cards (li > article) shown now. */
export function cardsLocator(widget) {
  return widget.locator('li > article');
}

/** Texts of all cards shown now. */
export async function cardTexts(widget) {
  return cardsLocator(widget).allTextContents();
}

/** The last integer in a text: the count on a filter chip or in an option ("Arabisch (12)"). */
export function trailingCount(text) {
  const match = /(\d[\d.,]*)\D*$/.exec(text ?? '');
  return match ? Number(match[1].replace(/[.,]/g, '')) : null;
}

/** The element that has the focus, through open shadow roots, described for assertions. */
export function focusedElement(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return null;
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type'),
      inWidget: element.getRootNode() !== document,
      ariaPressed: element.getAttribute('aria-pressed'),
      ariaExpanded: element.getAttribute('aria-expanded'),
      inCardHeading: Boolean(element.closest('h3')) && Boolean(element.closest('article')),
      text: (element.textContent ?? '').trim().slice(0, 80),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Screenshots and axe-core

/** Saves a screenshot into target/e2e-screenshots/ and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core in the page with the WCAG 2.1 A and AA rules on `selector` (the widget by
 * default; axe follows open shadow roots). Returns axe's results.
 */
export async function runAxe(page, selector = 'service-finder') {
  // Evaluated rather than added as a <script>, so that a page's Content-Security-Policy cannot
  // stop it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    ({ selector, tags }) =>
      window.axe.run(selector === null ? document : { include: [[selector]] }, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    { selector, tags: WCAG_TAGS },
  );
}

/** axe's violations, one readable line per failing node. */
export function describeViolations(results) {
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// The demo directory, read directly, so that the tests know what the widget should show

/** The bundled demo directory as JSON. */
export const DEMO = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/demo/waldeck-frankenberg.json'), 'utf8'));

/** How many of `entries` have each value that `values(entry)` lists, as a Map. */
export function countBy(entries, values) {
  const counts = new Map();
  for (const entry of entries) {
    for (const value of new Set(values(entry))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** The counts of a Map, sorted: what a list of chips must show, whatever their labels. */
export function sortedCounts(map) {
  return [...map.values()].sort((a, b) => a - b);
}

/** Distance in metres on a sphere; within 0.6 % of the geodesic, enough for these checks. */
export function haversineMetres(a, b) {
  const radians = (degrees) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
