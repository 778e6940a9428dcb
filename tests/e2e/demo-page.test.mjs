// The demo page as a visitor meets it: it loads cleanly, shows the directory, fits a phone and a
// desktop, and nothing leaves the machine during a whole session.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  KORBACH,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  msg,
  readCount,
  screenshot,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key, params) => msg('de', key, params);

test('the demo page loads with no console error, no page error and no failed request', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget, records } = session;
    // The page says it is German, so the widget speaks German.
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    await widget.getByLabel(de('search.label')).waitFor();
    assert.equal(await readCount(widget, 'de'), DEMO.entries.length);
    // Wait until nothing is loading any more, so that late failures are caught too.
    await page.waitForLoadState('networkidle');
    assertClean(records, 'the demo page');
    // The widget's own files came from the server, and the wasm was among them.
    assert.ok(
      records.requests.some((url) => /\/service-finder\/service-finder-core_bg\.wasm$/.test(url)),
      `the wasm was not requested: ${records.requests.join(', ')}`,
    );
    // The core compiled for speed is for pages that ask for it, not for a county's widget.
    assert.ok(!records.requests.some((url) => url.includes('core-fast')), 'the widget fetched the fast core');
  });
});

test('the widget shows the directory title, publisher, date and the example-data notice', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget } = session;
    const heading = widget.getByRole('heading', { level: 2 }).first();
    assert.equal((await heading.textContent()).trim(), DEMO.title.de);
    const publisher = de('about.publisher', { name: DEMO.publisher.name });
    await widget.getByText(publisher).first().waitFor();
    // The date is formatted for the language; the test only asks for the label and a date.
    const updatedLabel = de('about.updated', { date: '' }).trim();
    const updated = await widget.getByText(updatedLabel).first().textContent();
    assert.match(updated, /\d/, `"${updatedLabel}" without a date: ${updated}`);
    assert.match(updated, /2026/, `the directory's date (2026-11-16) is not shown: ${updated}`);
    await widget.getByText(de('about.example')).first().waitFor();
  });
});

test('at first at most 20 cards are shown, and the more button shows more', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget } = session;
    const cards = cardsLocator(widget);
    await cards.first().waitFor();
    assert.equal(await cards.count(), 20);
    const more = widget.getByRole('button', { name: de('results.more') });
    await more.click();
    await widget.locator('li:nth-child(21) > article').waitFor();
    const shown = await cards.count();
    assert.ok(shown > 20 && shown <= 40, `cards after one "more": ${shown}`);
    assert.equal(await readCount(widget, 'de'), DEMO.entries.length);
  });
});

for (const viewport of [
  { width: 375, height: 667, name: 'phone-375x667' },
  { width: 1280, height: 800, name: 'desktop-1280x800' },
]) {
  test(`the page works at ${viewport.width}×${viewport.height} without horizontal scrolling`, TEST_OPTIONS, async () => {
    const contextOptions = {
      viewport: { width: viewport.width, height: viewport.height },
      isMobile: viewport.width < 500,
      hasTouch: viewport.width < 500,
    };
    await withWidget(env, { contextOptions }, async (session) => {
      const { page, widget, records } = session;
      await cardsLocator(widget).first().waitFor();
      const sizes = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      assert.ok(
        sizes.scrollWidth <= sizes.innerWidth,
        `horizontal scroll at ${viewport.width}px: scrollWidth ${sizes.scrollWidth} > innerWidth ${sizes.innerWidth}`,
      );
      // The main controls are on screen and inside the viewport's width.
      for (const control of [
        widget.getByLabel(de('search.label')),
        widget.getByRole('button', { name: de('location.use') }),
        cardsLocator(widget).first(),
      ]) {
        const box = await control.boundingBox();
        assert.ok(box, 'a control is not rendered');
        assert.ok(box.x >= 0 && box.x + box.width <= sizes.innerWidth + 0.5, `a control sticks out: ${JSON.stringify(box)}`);
      }
      await screenshot(page, viewport.name);
      await screenshot(page, `${viewport.name}-viewport`, { fullPage: false });
      await cardsLocator(widget).first().scrollIntoViewIfNeeded();
      await screenshot(page, `${viewport.name}-results`, { fullPage: false });
      assertClean(records, `the demo page at ${viewport.width}px`);
    });
  });
}

test('no request goes anywhere but 127.0.0.1 during a whole session', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async (session) => {
    const { page, widget, records } = session;
    const total = DEMO.entries.length;
    await widget.getByLabel(de('search.label')).fill('Beratung');
    await waitForCount(widget, 'de', (count) => count < total, 'the search to narrow the results');
    await widget.getByLabel(de('search.label')).fill('');
    await waitForCount(widget, 'de', (count) => count === total, 'the full list again');
    await widget.getByRole('button', { name: de('location.use') }).click();
    await widget.getByRole('button', { name: de('location.stop') }).waitFor();
    await widget.getByLabel(de('radius.label')).selectOption({ label: de('radius.km', { km: 10 }) });
    await waitForCount(widget, 'de', (count) => count < total, 'the radius to narrow the results');
    await widget
      .getByRole('group', { name: de('filters.kind') })
      .getByRole('button', { name: new RegExp(`^${de('kind.course')}`) })
      .click();
    await widget.getByLabel(de('filters.free')).check();
    await widget.getByRole('button', { name: de('filters.clear') }).click();
    // Open a card with links to other sites; the links are there, and nobody follows them.
    const firstCard = cardsLocator(widget).first();
    await firstCard.locator('h3 button').click();
    await firstCard.locator('h3 button[aria-expanded="true"]').waitFor();
    await widget.getByLabel(msg('de', 'ui.language')).selectOption('en');
    await widget.getByLabel(msg('en', 'search.label')).waitFor();
    await page.waitForLoadState('networkidle');

    assert.deepEqual(records.externalRequests, [], 'requests off 127.0.0.1');
    for (const url of records.requests) {
      assert.equal(new URL(url).hostname, '127.0.0.1', url);
      // The position never leaves the device, not even to our own server.
      assert.ok(!url.includes(String(KORBACH.latitude)) && !url.includes('51.27'), `the position was sent: ${url}`);
      assert.ok(!/beratung/i.test(url), `the query was sent: ${url}`);
    }
    assertClean(records, 'the session');
  });
});
