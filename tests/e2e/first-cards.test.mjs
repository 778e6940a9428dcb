// The first cards on a slow line (issue 16): the widget asks for the build's first page of
// results before anything else of its own, shows its cards while the core is still on its way,
// and imports the core's glue only once the first page is there, so that nothing small competes
// with it for the line. When the core is there, it shows the same cards.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, TEST_OPTIONS, assertClean, cardsLocator, gate, msg, until, useBrowser, waitForWidget, withPage } from './support.mjs';

const env = useBrowser();

/** A request's file, as the widget names it: `first-page/de.json`, `directory.json`, … */
const fileOf = (url) => new URL(url).pathname.replace('/service-finder/', '');

const shownEntries = (widget) => cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));

/** The core's wasm: held back, the first page stands in for the core. */
const CORE_WASM = '**/service-finder-core_bg.wasm';

test('the first cards come from the first page while the core is held back; the glue is asked for after that page', TEST_OPTIONS, async () => {
  const core = gate();
  /** The requests as they start and finish, in order: "request directory.json", "finished …". */
  const events = [];
  const setup = async ({ context }) => {
    context.on('request', (request) => events.push(`request ${fileOf(request.url())}`));
    context.on('requestfinished', (request) => events.push(`finished ${fileOf(request.url())}`));
    await context.route(CORE_WASM, core.route);
  };
  await withPage(env, { setup }, async (session) => {
    const { widget, records } = session;
    const cards = cardsLocator(widget);
    await until(() => cards.count(), (count) => count === 20, "the first page's 20 cards");
    assert.equal(await widget.getAttribute('data-state'), 'loading', 'the cards are there before the core');
    const firstCards = await shownEntries(widget);
    // On a 1280 px page the filter panel starts open, as it does once the core is there.
    assert.equal(await widget.locator('details.sf-filter-panel').evaluate((panel) => panel.open), true, 'the filter panel is open on a wide page');

    const at = (event) => {
      const index = events.indexOf(event);
      assert.ok(index >= 0, `${event} is missing: ${events.join(', ')}`);
      return index;
    };
    const firstPageAsked = at('request first-page/de.json');
    for (const later of ['request directory.json', 'request service-finder-core_bg.wasm']) {
      assert.ok(firstPageAsked < at(later), `the first page is asked for before ${later}: ${events.join(', ')}`);
    }
    assert.ok(at('finished first-page/de.json') < at('request service-finder-core.js'), `the glue is asked for once the first page is there: ${events.join(', ')}`);

    core.open();
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstCards, 'the core shows the same first cards');
    assertClean(records);
  });
});

test('a first page that never arrives does not hold up the core', TEST_OPTIONS, async () => {
  const setup = ({ context }) => context.route('**/first-page/*.json', () => {
    // Never answered: a server that stalls on this one file.
  });
  await withPage(env, { setup }, async (session) => {
    await waitForWidget(session);
    await until(() => cardsLocator(session.widget).count(), (count) => count === 20, 'the core\'s 20 cards');
  });
});

test('a search typed while the first page stands in for the core says that the services are loading, then shows its answer', TEST_OPTIONS, async () => {
  const core = gate();
  const setup = ({ context }) => context.route(CORE_WASM, core.route);
  await withPage(env, { setup, contextOptions: { locale: 'ar', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    const cards = cardsLocator(widget);
    await until(() => cards.count(), (count) => count === 20, "the first page's 20 cards");
    const firstCards = await shownEntries(widget);
    const count = widget.locator('.sf-count');
    const list = widget.locator('.sf-results');
    const firstCount = await count.textContent();
    // A word the first page cannot answer: not the first page's count as if it were its answer.
    await widget.getByLabel(msg('ar', 'search.label')).fill('طبيب');
    await until(() => count.textContent(), (text) => text === msg('ar', 'loading'), 'the count saying that the services are loading');
    assert.equal(await list.getAttribute('aria-busy'), 'true', 'the cards that are not its answer are marked busy');
    // Back to nothing typed: the first page answers that again.
    await widget.getByLabel(msg('ar', 'search.label')).fill('');
    await until(() => count.textContent(), (text) => text === firstCount, "the first page's count");
    assert.equal(await list.getAttribute('aria-busy'), null);
    await widget.getByLabel(msg('ar', 'search.label')).fill('طبيب');
    await until(() => count.textContent(), (text) => text === msg('ar', 'loading'), 'the loading count again');
    core.open();
    await waitForWidget(session);
    // The core answers the search typed meanwhile.
    await until(() => list.getAttribute('aria-busy'), (busy) => busy === null, 'the busy mark gone');
    assert.notEqual(await count.textContent(), firstCount);
    assert.notDeepEqual(await shownEntries(widget), firstCards, 'the answer to the search, not the first page');
    assertClean(records);
  });
});

test('a place half typed while the first page stands in for the core stays in its field, says that the places are loading, and its suggestions come with the core', TEST_OPTIONS, async () => {
  const core = gate();
  const setup = ({ context }) => context.route(CORE_WASM, core.route);
  await withPage(env, { setup, contextOptions: { locale: 'uk', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first page's 20 cards");
    const field = widget.getByRole('combobox', { name: msg('uk', 'place.label') });
    await field.fill('Korb');
    // Not silence: the places (read by the core) are on their way.
    await until(() => widget.locator('.sf-place-note').textContent(), (text) => text === msg('uk', 'place.loading'), 'the note that the places are loading');
    core.open();
    await waitForWidget(session);
    await widget.getByRole('option', { name: /Korbach/ }).first().waitFor();
    assert.equal(await field.inputValue(), 'Korb', 'what the newcomer typed is kept');
    assert.equal(await widget.locator('.sf-place-note').isVisible(), false, 'the note gone with the suggestions');
    assertClean(records);
  });
});

test('a language chosen while the first page stands in for the core shows that language\'s first page, not only "loading"', TEST_OPTIONS, async () => {
  const core = gate();
  const setup = ({ context }) => context.route(CORE_WASM, core.route);
  const firstOf = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'first-page', `${language}.json`), 'utf8')).results.hits.map((hit) => hit.entry.id);
  await withPage(env, { setup, contextOptions: { locale: 'de-DE', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    const cards = cardsLocator(widget);
    await until(() => cards.count(), (count) => count === 20, "the German first page's 20 cards");
    assert.deepEqual(await shownEntries(widget), firstOf('de'));
    await widget.getByLabel(msg('de', 'ui.language')).selectOption('ar');
    // In Arabic, whose first page puts the entries offered in Arabic first.
    await until(() => shownEntries(widget), (ids) => JSON.stringify(ids) === JSON.stringify(firstOf('ar')), "the Arabic first page's cards");
    assert.equal(await widget.locator('.sf').getAttribute('dir'), 'rtl');
    assert.equal(await widget.getAttribute('data-state'), 'loading', 'still before the core');
    core.open();
    await waitForWidget(session);
    assert.deepEqual(await shownEntries(widget), firstOf('ar'), 'the core shows the same cards');
    assertClean(records);
  });
});

test('a card opened and the map shown while the first page stands in for the core say that more is coming; the details come before the core', TEST_OPTIONS, async () => {
  const core = gate();
  const details = gate();
  const setup = async ({ context }) => {
    await context.route(CORE_WASM, core.route);
    await context.route('**/service-finder-more.js', details.route);
  };
  await withPage(env, { setup, contextOptions: { locale: 'uk', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first page's 20 cards");
    const first = cardsLocator(widget).first();
    await first.locator('.sf-card-toggle').click();
    const box = first.locator('.sf-details');
    // Not an empty box under the opened card.
    assert.equal((await box.textContent()).trim(), msg('uk', 'details.loading'));
    // The details' module is asked for at the tap, and fills the card before the core is there.
    details.open();
    await until(() => box.getAttribute('data-filled'), (filled) => filled !== null, 'the details');
    assert.ok(!(await box.textContent()).includes(msg('uk', 'details.loading')));
    assert.equal(await widget.getAttribute('data-state'), 'loading', 'before the core');
    await widget.locator('[data-part="map"]').click();
    const summary = widget.locator('.sf-map-summary');
    await until(() => summary.textContent(), (text) => text === msg('uk', 'loading'), 'the map saying that the services are loading');
    core.open();
    await waitForWidget(session);
    await until(() => summary.textContent(), (text) => text !== msg('uk', 'loading') && /\d/.test(text), "the map's summary");
    assert.ok((await widget.locator('.sf-map-cluster, .sf-map-marker').count()) > 0, 'markers on the map');
    assertClean(records);
  });
});

test('a directory that fails to download while the first page is shown keeps its cards, with the hours as written, and "try again" loads it', TEST_OPTIONS, async () => {
  let fail = true;
  const directory = gate();
  const setup = ({ context }) => context.route('**/service-finder/directory.json', async (route) => {
    await directory.opened;
    if (fail) await route.abort('internetdisconnected');
    else await route.continue();
  });
  await withPage(env, { setup, contextOptions: { locale: 'ar', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first page's 20 cards");
    const firstCards = await shownEntries(widget);
    // Words typed while the directory is on its way: they wait for it.
    const words = widget.getByLabel(msg('ar', 'search.label'));
    await words.fill('طبيب');
    const count = widget.locator('.sf-count');
    await until(() => count.textContent(), (text) => text === msg('ar', 'loading'), 'the words waiting');
    directory.open();
    const alert = widget.getByRole('alert').filter({ hasText: msg('ar', 'error.fatal') });
    await alert.waitFor();
    assert.equal(await widget.getAttribute('data-state'), 'error');
    assert.deepEqual(await shownEntries(widget), firstCards, 'the cards the newcomer may be reading stay');
    // Still dimmed for the words, but no "loading" that never ends under the error.
    assert.equal(await widget.locator('.sf-results').getAttribute('aria-busy'), 'true');
    assert.equal(await count.textContent(), '');
    // No opening-hours module comes without the core: the hours as written, not "…" for ever.
    const hours = widget.locator('[data-part="hours-text"]').first();
    assert.ok(!(await hours.textContent()).includes('…'), await hours.textContent());
    // Words typed under the error: the same.
    await words.fill('لغة');
    assert.equal(await count.textContent(), '');
    await words.fill('');
    fail = false;
    // The first page, asked for again, comes after the directory this time (it never comes):
    // the core's cards, not a preview kept from before in parts that are gone.
    await session.context.route('**/first-page/*.json', () => {});
    await alert.getByRole('button', { name: msg('ar', 'error.retry') }).click();
    await until(() => widget.getAttribute('data-state'), (state) => state === 'ready', 'the directory loaded');
    assert.deepEqual(await shownEntries(widget), firstCards);
    assert.equal(await widget.getByRole('alert').count(), 0);
    // The one download cut off, and the browser's line about it, are all that went wrong.
    assert.deepEqual(records.failedRequests.map((failure) => new URL(failure.split(': ')[0]).pathname), ['/service-finder/directory.json']);
    assert.deepEqual(records.consoleErrors.filter((line) => !line.startsWith('error: service-finder: the directory')), ['error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    records.failedRequests.length = 0;
    records.consoleErrors.length = 0;
    assertClean(records);
  });
});

test('a card whose details cannot be downloaded says so, and opening it again tries again', TEST_OPTIONS, async () => {
  const core = gate();
  let cutOff = true;
  const setup = async ({ context }) => {
    await context.route(CORE_WASM, core.route);
    await context.route('**/service-finder-more.js', (route) => (cutOff ? route.abort('internetdisconnected') : route.continue()));
  };
  await withPage(env, { setup, contextOptions: { locale: 'uk', viewport: { width: 375, height: 667 } } }, async (session) => {
    const { widget, records } = session;
    await until(() => cardsLocator(widget).count(), (count) => count === 20, "the first page's 20 cards");
    const first = cardsLocator(widget).first();
    const toggle = first.locator('.sf-card-toggle');
    const box = first.locator('.sf-details');
    await toggle.click();
    await until(() => box.textContent(), (text) => text.trim() === msg('uk', 'details.unavailable'), 'the details that could not be loaded');
    cutOff = false;
    await toggle.click();
    await toggle.click();
    await until(() => box.getAttribute('data-filled'), (filled) => filled !== null, 'the details, on the second try');
    core.open();
    await waitForWidget(session);
    assert.deepEqual(records.failedRequests.map((failure) => new URL(failure.split(': ')[0]).pathname), ['/service-finder/service-finder-more.js']);
    assert.deepEqual(records.consoleErrors, ['error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    records.failedRequests.length = 0;
    records.consoleErrors.length = 0;
    assertClean(records);
  });
});
