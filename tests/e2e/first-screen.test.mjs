// The README's two lines include dist/embed.js: on a phone it shows the widget's first screen
// (rendered by the widget at build time, scripts/first-screen.mjs) before the widget's loader
// is there, and the widget takes it over without a change, keeping what was typed and tapped
// meanwhile (issue 16). In another language it fetches that language's first screen
// (dist/first-screen/<tag>.json) and shows it if it comes before the widget. Where the widget
// would not start with a screen, embed.js only starts the downloads.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, TEST_OPTIONS, assertClean, cardsLocator, describeViolations, gate, msg, runAxe, until, useBrowser, waitForWidget, withPage } from './support.mjs';

const env = useBrowser();

const PHONE = { width: 375, height: 667 };
const LOADER = '**/service-finder/service-finder.js';
const CORE_WASM = '**/service-finder-core_bg.wasm';

/** The ids of the first page's entries in `language`, as the build made it. */
const firstPageOf = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'first-page', `${language}.json`), 'utf8')).results.hits.map((hit) => hit.entry.id);
const shownEntries = (widget) => cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));

/** The shadow root's markup, and whether its first element is still the one marked `mark`. */
const shadowHtml = (page) => page.evaluate(() => document.querySelector('service-finder').shadowRoot.innerHTML);
const markScreen = (page) => page.evaluate(() => document.querySelector('service-finder').shadowRoot.firstElementChild.setAttribute('data-test-screen', ''));
const screenTakenOver = (page) => page.evaluate(() => {
  const root = document.querySelector('service-finder').shadowRoot.firstElementChild;
  return customElements.get('service-finder') !== undefined && root !== null && !root.hasAttribute('data-test-screen') && root.querySelector('.sf-card') !== null;
});

/**
 * Gates for the loader and the core's wasm, and a page setup that holds both back until each is
 * opened; `more(session)` adds routes of a test's own.
 */
function heldBack(more = async () => {}) {
  const loader = gate();
  const core = gate();
  const setup = async (session) => {
    await session.context.route(LOADER, loader.route);
    await session.context.route(CORE_WASM, core.route);
    await more(session);
  };
  return { loader, core, setup };
}

/** The requests for `file` (a path under /service-finder/) made so far. */
const requestsFor = (records, file) => records.requests.filter((url) => new URL(url).pathname === `/service-finder/${file}`).length;

test('on a phone the first cards come from embed.js before the loader, and the widget takes them over unchanged', TEST_OPTIONS, async () => {
  const { loader, core, setup } = heldBack();
  await withPage(env, { setup, contextOptions: { viewport: PHONE } }, async (session) => {
    const { page, widget, records } = session;
    await until(() => shownEntries(widget), (ids) => ids.length === 20, "the first screen's 20 cards");
    assert.deepEqual(await shownEntries(widget), firstPageOf('de'), "the first page's entries, in its order");
    assert.equal(await page.evaluate(() => customElements.get('service-finder')), undefined, 'before the loader has run');
    assert.match(await widget.locator('.sf-count').textContent(), /^\d+ Angebote$/);
    // Its links point to where embed.js is, not to the build's server.
    assert.equal(await widget.locator('[data-part="offline"]').getAttribute('href'), new URL('/service-finder/?offline', env.server.url).href);
    // As accessible as the widget: the same markup.
    assert.deepEqual(describeViolations(await runAxe(page)), [], 'axe on the first screen');
    const screen = await shadowHtml(page);
    await markScreen(page);

    loader.open();
    await until(() => screenTakenOver(page), Boolean, "the widget's own first page in place of the screen");
    assert.equal(await shadowHtml(page), screen, 'the same markup: nothing on screen changes');
    assert.equal(await widget.getAttribute('data-state'), 'loading', 'still before the core');
    // embed.js asked for the first page and the catalog; the widget used those downloads.
    assert.equal(requestsFor(records, 'first-page/de.json'), 1, 'the first page downloaded once');
    assert.equal(requestsFor(records, 'messages/de.js'), 1, 'the catalog downloaded once');

    core.open();
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstPageOf('de'), 'the core shows the same cards');
    // The core and the directory too: asked for by embed.js, downloaded once.
    for (const file of ['service-finder-core_bg.wasm', 'directory.json']) assert.equal(requestsFor(records, file), 1, `${file} downloaded once`);
    assertClean(records);
  });
});

test('what is typed and tapped on the first screen is done again in the widget once it is there', TEST_OPTIONS, async () => {
  const { loader, core, setup } = heldBack();
  await withPage(env, { setup, contextOptions: { viewport: PHONE } }, async (session) => {
    const { page, widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first screen's cards");
    // A card's "more" tapped, then words typed, before the widget has run.
    const firstCard = cardsLocator(widget).first();
    await firstCard.locator('.sf-card-toggle').click();
    const words = widget.getByLabel(msg('de', 'search.label'));
    await words.click();
    await page.keyboard.type('Arzt');
    assert.equal(await page.evaluate(() => customElements.get('service-finder')), undefined, 'before the loader has run');
    await markScreen(page);

    loader.open();
    await until(() => screenTakenOver(page), Boolean, "the widget's own parts");
    assert.equal(await words.inputValue(), 'Arzt', 'the words stay');
    assert.equal(await page.evaluate(() => document.querySelector('service-finder').shadowRoot.activeElement?.id), await words.getAttribute('id'), 'the field keeps the focus');
    await until(() => widget.locator('.sf-count').textContent(), (text) => text === msg('de', 'loading'), 'the search waiting for the core');
    assert.equal(await firstCard.locator('.sf-card-toggle').getAttribute('aria-expanded'), 'true', 'the card tapped is open');
    // Typing goes on in the widget's field.
    await page.keyboard.type('praxis');
    assert.equal(await words.inputValue(), 'Arztpraxis');

    core.open();
    await waitForWidget(session);
    await until(() => widget.locator('.sf-count').textContent(), (text) => text !== msg('de', 'loading'), "the core's answer");
    assert.notDeepEqual(await shownEntries(widget), firstPageOf('de'), 'the answer to the words, not the first page');
    assertClean(records);
  });
});

test('in another language embed.js shows that language\'s first screen, asked for before the loader, and starts its first page and catalog beside the loader', TEST_OPTIONS, async () => {
  const { loader, core, setup } = heldBack();
  await withPage(env, { setup, contextOptions: { viewport: PHONE, locale: 'ar' } }, async (session) => {
    const { page, widget, records } = session;
    await until(() => shownEntries(widget), (ids) => ids.length === 20, "the Arabic first screen's 20 cards");
    assert.deepEqual(await shownEntries(widget), firstPageOf('ar'), "the Arabic first page's entries");
    assert.equal(await page.evaluate(() => customElements.get('service-finder')), undefined, 'before the loader has run');
    assert.match(await widget.locator('.sf-count').textContent(), /نتيجة/, 'the count in Arabic');
    assert.equal(await widget.locator('select[id$="-ui-language"]').inputValue(), 'ar', 'the language switcher on Arabic');
    // Asked for first: on one HTTP/2 connection the server answers in that order.
    const order = records.requests.map((url) => new URL(url).pathname);
    assert.ok(order.indexOf('/service-finder/first-screen/ar.json') < order.indexOf('/service-finder/service-finder.js'), order.join(' '));
    await until(() => Promise.resolve(['first-page/ar.json', 'messages/ar.js'].map((file) => requestsFor(records, file))), (counts) => counts.every((count) => count === 1), 'the Arabic first page and catalog asked for');
    assert.equal(requestsFor(records, 'first-page/de.json'), 0, 'nothing German');
    assert.deepEqual(describeViolations(await runAxe(page)), [], 'axe on the Arabic first screen');
    const screen = await shadowHtml(page);
    await markScreen(page);

    loader.open();
    await until(() => screenTakenOver(page), Boolean, "the widget's own first page in place of the screen");
    assert.equal(await shadowHtml(page), screen, 'the same markup: nothing on screen changes');
    core.open();
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstPageOf('ar'));
    for (const file of ['first-screen/ar.json', 'first-page/ar.json', 'messages/ar.js', 'service-finder-core_bg.wasm', 'directory.json']) {
      assert.equal(requestsFor(records, file), 1, `${file} downloaded once`);
    }
    assertClean(records);
  });
});

test('in another language the widget comes as it comes where the first screen comes after it, or not at all', TEST_OPTIONS, async () => {
  const screen = gate();
  const setup = ({ context }) => context.route('**/service-finder/first-screen/uk.json', screen.route);
  await withPage(env, { setup, contextOptions: { viewport: PHONE, locale: 'uk' } }, async (session) => {
    const { page, widget, records } = session;
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstPageOf('uk'), 'the Ukrainian first cards, from the widget');
    await markScreen(page);
    // The screen arrives now: embed.js finds the widget there and leaves it.
    const finished = page.waitForEvent('requestfinished', (request) => request.url().endsWith('/first-screen/uk.json'));
    screen.open();
    await finished;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await page.evaluate(() => document.querySelector('service-finder').shadowRoot.querySelector('[data-test-screen] .sf-card') !== null), true, "the widget's own parts stay");
    await widget.getByLabel(msg('uk', 'search.label')).fill('лікар');
    await until(() => shownEntries(widget), (ids) => ids.length > 0 && ids.join() !== firstPageOf('uk').join(), 'the search answered by the widget');
    assert.equal(requestsFor(records, 'first-screen/uk.json'), 1);
    assertClean(records);
  });
});

test('no first screen where the widget would not start with it: a wide page, or a directory of its own', TEST_OPTIONS, async () => {
  const cases = [
    { what: 'a page 1280 px wide (the filter panel starts open there)', viewport: { width: 1280, height: 800 }, element: '<service-finder></service-finder>' },
    { what: 'a widget with src', viewport: PHONE, element: '<service-finder src="/test/neighbour-kassel.json"></service-finder>' },
  ];
  for (const { what, viewport, element } of cases) {
    const loader = gate();
    const setup = ({ context }) => context.route(LOADER, loader.route);
    const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><script type="module" src="/service-finder/embed.js"></script>${element}</body></html>`;
    await withPage(env, { setup, path: '/e2e/blank.html', html, contextOptions: { viewport } }, async (session) => {
      const { page, records } = session;
      await until(() => Promise.resolve(records.requests.some((url) => url.endsWith('/service-finder/service-finder.js'))), Boolean, 'the loader asked for');
      assert.equal(await page.evaluate(() => document.querySelector('service-finder').shadowRoot?.childElementCount ?? 0), 0, `no screen for ${what}`);
      loader.open();
      await waitForWidget(session);
      assertClean(records, what);
    });
  }
});

test('a first screen whose first page is gone (the directory replaced without a rebuild) is taken off until the core has the new one', TEST_OPTIONS, async () => {
  const { loader, core, setup } = heldBack(({ context }) => context.route('**/first-page/*.json', (route) => route.fulfill({ status: 404, body: 'gone' })));
  await withPage(env, { setup, contextOptions: { viewport: PHONE } }, async (session) => {
    const { widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first screen's cards");
    loader.open();
    await until(() => widget.locator('.sf-loading').count(), (count) => count === 1, 'the loading frame in place of the screen');
    assert.equal(await cardsLocator(widget).count(), 0, "none of the old directory's cards");
    core.open();
    await waitForWidget(session);
    assert.equal(await cardsLocator(widget).count(), 20);
    // The 404 of the first page, which the browser reports in the console; nothing else.
    assert.ok(records.httpErrors.length > 0 && records.httpErrors.every((error) => /^404 .*\/first-page\/de\.json$/.test(error)), records.httpErrors.join(', '));
    assert.deepEqual(records.pageErrors, []);
    assert.deepEqual(records.consoleErrors.filter((error) => !error.includes('404')), []);
  });
});

test('a loader that cannot be downloaded: the first screen says so, and "try again" loads it', TEST_OPTIONS, async () => {
  let failures = 0;
  const core = gate();
  const setup = async ({ context }) => {
    await context.route(LOADER, async (route) => {
      if (failures++ === 0) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await context.route(CORE_WASM, core.route);
  };
  await withPage(env, { setup, contextOptions: { viewport: PHONE } }, async (session) => {
    const { page, widget, records } = session;
    const alert = widget.getByRole('alert');
    await until(() => alert.textContent(), (text) => text.includes(msg('de', 'error.fatal')), 'the error over the cards');
    assert.equal(await cardsLocator(widget).count(), 20, "the screen's cards stay");
    assert.ok(records.consoleErrors.some((error) => error.includes('service-finder.js) could not be loaded')), 'the webmaster reads why in the console');
    await markScreen(page);
    await alert.getByRole('button', { name: msg('de', 'error.retry') }).click();
    await until(() => screenTakenOver(page), Boolean, 'the widget, loaded on the second try');
    assert.equal(await widget.getByRole('alert').count(), 0, 'the error gone');
    core.open();
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstPageOf('de'));
    assert.deepEqual(records.pageErrors, []);
  });
});

test('a page that enforces Trusted Types gets the widget without the first screen', TEST_OPTIONS, async () => {
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'"></head>
    <body><script type="module" src="/service-finder/embed.js"></script><service-finder></service-finder></body></html>`;
  const loader = gate();
  const setup = ({ context }) => context.route(LOADER, loader.route);
  await withPage(env, { setup, path: '/e2e/blank.html', html, contextOptions: { viewport: PHONE } }, async (session) => {
    const { page, widget, records } = session;
    await until(() => Promise.resolve(records.consoleErrors.length), (count) => count > 0, 'the markup refused');
    assert.equal(await page.evaluate(() => document.querySelector('service-finder').shadowRoot?.childElementCount ?? 0), 0, 'no screen');
    loader.open();
    await waitForWidget(session);
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the widget's own first cards");
    assert.deepEqual(records.pageErrors, []);
    // The browser reports the markup it refused; nothing else went wrong.
    assert.ok(records.consoleErrors.every((line) => line.includes('TrustedHTML')), records.consoleErrors.join('\n'));
    records.consoleErrors.length = 0;
    assertClean(records);
  });
});
