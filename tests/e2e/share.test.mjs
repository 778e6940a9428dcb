// Share: the search kept in the URL where that is allowed (the app page, or a page whose
// webmaster opted in with `url-state`), a link to one entry from every card (copied, with a
// confirmation, where there is no share sheet), the list's share panel with a QR code, the
// embedded widget leaving its host page's URL alone, and the route links for each platform.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';

import {
  DEMO, TEST_OPTIONS, assertClean, cardsLocator, describeViolations, msg, readCount, runAxe, screenshot, until, useBrowser,
  waitForWidget, withPage, withWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key, values) => msg('de', key, values);

/** A county page with `url-state` (tests/e2e/pages/url-state.html) at `fragment`. */
const OPTED_IN = '/e2e/url-state.html';

/** What a newcomer sees of the search: the fields, the chosen chips, the cards and which are open. */
async function visibleState(widget) {
  return {
    text: await widget.getByRole('searchbox').inputValue(),
    place: await widget.locator('.sf-place input').inputValue(),
    radius: await widget.locator('.sf-radius select').inputValue(),
    pressed: await widget.locator('.sf-chip[aria-pressed="true"] .sf-chip-label').allTextContents(),
    cards: await cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry)),
    open: await widget.locator('.sf-card-toggle[aria-expanded="true"]').evaluateAll((buttons) => buttons.map((button) => button.closest('[data-entry]').dataset.entry)),
    language: await widget.locator('.sf').getAttribute('lang'),
    count: await widget.locator('.sf-count').textContent(),
  };
}

test('a search kept in the URL opens again the same: text, filters, place, radius, language and open cards', TEST_OPTIONS, async () => {
  let link;
  let before;
  await withWidget(env, { path: OPTED_IN }, async ({ page, widget, records }) => {
    await widget.getByRole('searchbox').fill('Beratung');
    await widget.getByRole('group', { name: de('filters.kind') }).getByRole('button', { name: new RegExp(`^${de('kind.service')} \\d`) }).click();
    await widget.getByRole('combobox', { name: de('place.label') }).fill('Korbach');
    await widget.getByRole('listbox', { name: de('place.label') }).getByRole('option').first().click();
    await widget.getByText(de('place.active', { place: 'Korbach (34497)' })).waitFor();
    await widget.locator('.sf-radius select').selectOption('25');
    await cardsLocator(widget).nth(1).locator('.sf-card-toggle').click();
    await widget.locator('.sf-ui-language select').selectOption('uk');
    await widget.locator('.sf[lang="uk"]').waitFor();
    await page.waitForFunction(() => location.hash.includes('lang=uk') && location.hash.includes('km=25'));
    link = page.url();
    before = await visibleState(widget);
    assert.equal(before.open.length, 1);
    assert.ok(before.cards.length > 1);
    assertClean(records);
  });
  const fragment = new URL(link).hash;
  for (const [name, expected] of [['q', 'Beratung'], ['kind', 'service'], ['place', 'Korbach'], ['postcode', '34497'], ['km', '25'], ['lang', 'uk'], ['open', before.open[0]]]) {
    assert.equal(new URLSearchParams(fragment.slice(1)).get(name), expected, `${name} in ${fragment}`);
  }
  // Opened again in a fresh browser (nothing remembered but the link).
  await withWidget(env, { path: `${OPTED_IN}${fragment}` }, async ({ widget, records }) => {
    await widget.locator('.sf[lang="uk"]').waitFor();
    await cardsLocator(widget).first().waitFor();
    // The same once the thesaurus and the stem module are there too (after the first results,
    // as they were when the link was made).
    const after = await until(() => visibleState(widget), (state) => isDeepStrictEqual(state, before), 'the same search as before');
    assert.deepEqual(after, before);
    assertClean(records);
  });
});

test('a card shares a link to the app page that shows that entry alone and open; "all entries" goes back', TEST_OPTIONS, async () => {
  const contextOptions = { permissions: ['clipboard-read', 'clipboard-write'] };
  await withWidget(env, { contextOptions }, async ({ page, widget, records }) => {
    const card = cardsLocator(widget).nth(2);
    const id = await card.getAttribute('data-entry');
    // Headless Chromium on Linux has no share sheet: the link is copied, and that is said.
    assert.equal(await page.evaluate(() => 'share' in navigator), false);
    const share = card.getByRole('button', { name: de('card.share') });
    await share.click();
    await widget.locator('.sf-tools-status').getByText(de('share.copied')).waitFor();
    await card.getByRole('button', { name: de('share.copied') }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const base = new URL('/service-finder/', page.url()).href;
    assert.equal(link, `${base}#entry=${id}&lang=de`);
    // A few seconds later neither says it any more (it must not stay under a later search).
    await card.getByRole('button', { name: de('card.share') }).waitFor();
    assert.equal(await widget.locator('.sf-tools-status').textContent(), '');
    assertClean(records);

    // The app page (dist/index.html).
    await page.goto(link);
    await waitForWidget({ page, records });
    const cards = cardsLocator(widget);
    await cards.first().waitFor();
    assert.deepEqual(await cards.evaluateAll((all) => all.map((article) => article.dataset.entry)), [id]);
    assert.equal(await cards.first().locator('.sf-card-toggle').getAttribute('aria-expanded'), 'true');
    await widget.getByText(de('entry.shared')).waitFor();
    await widget.getByRole('button', { name: de('entry.all') }).click();
    await page.waitForFunction(() => !location.hash.includes('entry='));
    assert.equal(await readCount(widget, 'de'), DEMO.entries.filter((entry) => entry.status !== 'defunct').length);
    // The focus goes to the first card, not to the page's top.
    assert.equal(await widget.evaluate((host) => host.shadowRoot.activeElement?.classList.contains('sf-card-toggle')), true);
    assertClean(records);
  });
});

test('on a phone, a shared entry is scrolled to: it is on the first screen, not under the search form', TEST_OPTIONS, async () => {
  const id = DEMO.entries[5].id;
  const contextOptions = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  await withWidget(env, { path: `/service-finder/#entry=${id}&lang=ar`, contextOptions }, async ({ page, widget, records }) => {
    const card = cardsLocator(widget).first();
    await card.locator('.sf-card-toggle[aria-expanded="true"]').waitFor();
    const notice = widget.locator('[data-part="shared"]');
    const top = await notice.evaluate((element) => element.getBoundingClientRect().top);
    const cardTop = await card.evaluate((element) => element.getBoundingClientRect().top);
    assert.ok(top >= 0 && cardTop < 667 / 2, `the notice at ${top} px, the card at ${cardTop} px`);
    await screenshot(page, 'shared-entry-ar-375', { fullPage: false });
    // Once: a later render (the opening hours arriving) does not move the page again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await widget.locator('.sf-details[data-filled]').first().waitFor();
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assertClean(records);
  });
});

test('a link to an entry that is gone says so, and leads to every entry', TEST_OPTIONS, async () => {
  await withWidget(env, { path: `${OPTED_IN}#entry=no-such-entry&lang=de` }, async ({ widget, records }) => {
    await widget.getByText(de('entry.missing')).waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
    await widget.getByRole('button', { name: de('entry.all') }).click();
    await cardsLocator(widget).first().waitFor();
    assertClean(records);
  });
});

test('the list\'s share panel gives its link and a QR code, drawn here, with no accessibility violations', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { viewport: { width: 375, height: 800 } } }, async ({ page, widget, records }) => {
    await widget.getByRole('searchbox').fill('Deutschkurs');
    const share = widget.getByRole('group', { name: de('tools.label') }).getByRole('button', { name: de('tools.share') });
    await share.click();
    assert.equal(await share.getAttribute('aria-expanded'), 'true');
    const field = widget.getByLabel(de('share.link.list'));
    await field.waitFor();
    const link = new URL(await field.inputValue());
    assert.equal(link.pathname, '/service-finder/');
    assert.equal(new URLSearchParams(link.hash.slice(1)).get('q'), 'Deutschkurs');
    await widget.getByRole('button', { name: de('share.qr') }).click();
    const code = widget.getByRole('img', { name: de('share.qr.label') });
    await code.waitFor();
    assert.ok((await code.locator('path').getAttribute('d')).length > 1000, 'the QR code has its modules');
    await screenshot(page, 'share-panel', { fullPage: false });
    const results = await runAxe(page);
    assert.equal(results.violations.length, 0, describeViolations(results));
    // The panel follows the search.
    await widget.getByRole('searchbox').fill('Beratung');
    await page.waitForFunction(() => document.querySelector('service-finder').shadowRoot.querySelector('.sf-share input')?.value.includes('q=Beratung'));
    await share.click();
    assert.equal(await field.count(), 0);
    assertClean(records);
  });
});

test('an embedded widget leaves its host page\'s URL alone unless the webmaster opts in', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/#q=Beratung&lang=en' }, async (session) => {
    const { page, widget, records } = session;
    await waitForWidget(session);
    // The demo page has no `url-state`: the fragment is the page's, not the widget's.
    assert.equal(await widget.getByRole('searchbox').inputValue(), '');
    assert.equal(await widget.locator('.sf').getAttribute('lang'), 'de');
    await widget.getByRole('searchbox').fill('Kurs');
    await widget.locator('.sf-count').filter({ hasText: /\d/ }).waitFor();
    await cardsLocator(widget).first().waitFor();
    assert.equal(new URL(page.url()).hash, '#q=Beratung&lang=en');
    // "Offline & app" opens the app page, in a tab of its own, asking it to keep the finder.
    const offline = widget.getByRole('link', { name: de('tools.offline') });
    assert.equal(await offline.getAttribute('href'), new URL('/service-finder/?offline', page.url()).href);
    assert.equal(await offline.getAttribute('target'), '_blank');
    assertClean(records);
  });
});

test('"directions" opens OpenStreetMap\'s route planner; Android phones also get geo:, iPhones Apple\'s maps', TEST_OPTIONS, async () => {
  const agents = {
    desktop: null,
    android: 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    ios: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  };
  for (const [platform, userAgent] of Object.entries(agents)) {
    const contextOptions = userAgent ? { userAgent } : {};
    await withWidget(env, { contextOptions }, async ({ widget, records }) => {
      const card = cardsLocator(widget).first();
      const id = await card.getAttribute('data-entry');
      const { latitude, longitude } = DEMO.entries.find((entry) => entry.id === id).location;
      const route = card.getByRole('link', { name: de('card.directions') });
      assert.equal(await route.getAttribute('href'), `https://www.openstreetmap.org/directions?route=%3B${latitude}%2C${longitude}`);
      const app = card.getByRole('link', { name: de('card.maps_app') });
      if (platform === 'desktop') assert.equal(await app.count(), 0);
      if (platform === 'android') assert.match(await app.getAttribute('href'), new RegExp(`^geo:${latitude},${longitude}\\?q=`));
      if (platform === 'ios') assert.match(await app.getAttribute('href'), new RegExp(`^https://maps\\.apple\\.com/\\?daddr=${latitude},${longitude}&`));
      // Nothing is opened before a tap.
      assertClean(records, platform);
    });
  }
});
