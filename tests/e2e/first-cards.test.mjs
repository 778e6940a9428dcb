// The first cards on a slow line (issue 16): the widget asks for the build's first page of
// results before anything else of its own, shows its cards while the core is still on its way,
// and imports the core's glue only once the first page is there, so that nothing small competes
// with it for the line. When the core is there, it shows the same cards.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TEST_OPTIONS, assertClean, cardsLocator, until, useBrowser, waitForWidget, withPage } from './support.mjs';

const env = useBrowser();

/** A request's file, as the widget names it: `first-page/de.json`, `directory.json`, … */
const fileOf = (url) => new URL(url).pathname.replace('/service-finder/', '');

const shownEntries = (widget) => cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));

test('the first cards come from the first page while the core is held back; the glue is asked for after that page', TEST_OPTIONS, async () => {
  let releaseCore;
  const coreHeld = new Promise((resolve) => {
    releaseCore = resolve;
  });
  /** The requests as they start and finish, in order: "request directory.json", "finished …". */
  const events = [];
  const setup = async ({ context }) => {
    context.on('request', (request) => events.push(`request ${fileOf(request.url())}`));
    context.on('requestfinished', (request) => events.push(`finished ${fileOf(request.url())}`));
    await context.route('**/service-finder-core_bg.wasm', async (route) => {
      await coreHeld;
      await route.continue();
    });
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

    releaseCore();
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
