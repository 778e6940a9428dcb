// The app page (dist/index.html, at /service-finder/): kept for offline use only when asked
// (?offline, the "keep" button), then searching with the server gone, with the "offline, data
// as of" notice; a broken update never replaces the last good directory; installable (Chrome's
// own check); the panel in the widget's language, right to left in Arabic, with no axe
// violation; and the county's page (the demo, /) gets no service worker and no cache.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { chromium } from 'playwright-core';

import {
  DEMO,
  LAUNCH_OPTIONS,
  TEST_OPTIONS,
  assertClean,
  describeViolations,
  escapeRegExp,
  msg,
  readCount,
  runAxe,
  screenshot,
  until,
  useBrowser,
  waitForCount,
  waitForWidget,
  withPage,
} from './support.mjs';

const env = useBrowser();

const APP = '/service-finder/';
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** The notice of a widget running from the last good copy, with any date. */
const offlineNotice = (lang) => new RegExp(escapeRegExp(msg(lang, 'offline.asOf')).replace(escapeRegExp('{date}'), '.+'));

/** What the page keeps on the device: its workers' scopes and its caches' names. */
function stored(page) {
  return page.evaluate(async () => ({
    workers: (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope),
    caches: await caches.keys(),
  }));
}

/** Waits until the worker controls the page and says it has kept everything. */
async function waitUntilKept(page, lang = 'de') {
  await page.locator('#app-status').filter({ hasText: msg(lang, 'app.kept') }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The directory's copy is kept by the worker's install.
  await page.waitForFunction(async () => Boolean(await (await caches.open('service-finder-data')).match(new URL('directory.json', location.href).href)));
}

/** The about line of the widget's header. */
const aboutLine = (widget) => widget.locator('.sf-about');

test('opened with ?offline, the app is kept; with the server gone it still searches, and says "offline, data as of"', TEST_OPTIONS, async () => {
  await withPage(env, { path: `${APP}?offline` }, async (session) => {
    const { page, context, widget, records } = session;
    await waitForWidget(session);
    await waitUntilKept(page);
    const all = await waitForCount(widget, 'de', (count) => count > 0, 'the first results');
    assert.equal(all, DEMO.entries.length, 'every entry of the demo');
    assert.doesNotMatch(await aboutLine(widget).textContent(), offlineNotice('de'), 'online, no notice');
    // The data kept: the directory, the region's places and how Germany's are split (and the
    // UI language's thesaurus and word forms, when the widget had them already); all of
    // Germany's places only once asked for.
    const data = await page.evaluate(async () => (await (await caches.open('service-finder-data')).keys()).map((request) => new URL(request.url).pathname));
    const words = /^\/service-finder\/(thesaurus\/de\.txt|stem\/de(\.js|_bg\.wasm))$/;
    assert.deepEqual(data.filter((path) => !words.test(path)).sort(), ['/service-finder/directory.json', '/service-finder/places-region.tsv', '/service-finder/places/splits.json']);
    assertClean(records, 'the app page');

    // The server goes away: every request fails, the service worker's too.
    const aborted = [];
    await context.route('**/*', (route) => {
      aborted.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    await page.reload();
    await waitForWidget(session);
    assert.equal(await readCount(widget, 'de'), all, 'every entry, from the last good copy');
    assert.match(await aboutLine(widget).textContent(), offlineNotice('de'));
    await screenshot(page, 'app-offline-de', { fullPage: false });
    await widget.getByRole('searchbox').fill('Deutschkurs');
    const found = await waitForCount(widget, 'de', (count) => count < all, 'the search, offline');
    assert.ok(found > 0, 'Deutschkurs finds something offline');
    // The details and the opening hours, loaded after the first results, come from the cache too.
    await widget.locator('li > article .sf-details[data-filled]').first().waitFor({ state: 'attached' });
    // The place field: the region's places, kept on install.
    await widget.getByRole('combobox', { name: msg('de', 'place.label') }).fill('Korb');
    const suggestions = widget.getByRole('listbox', { name: msg('de', 'place.label') });
    await suggestions.getByRole('option', { name: /^Korbach/ }).first().waitFor();
    assert.deepEqual(records.pageErrors, []);
    assert.deepEqual(records.externalRequests, []);
    console.log(`offline: ${aborted.length} request(s) reached the (gone) network: ${aborted.join(', ')}`);
    // The app's files come from the worker's cache; only the data tries the network first (the
    // thesaurus and the stem module too: kept once fetched, not on install).
    const dataFile = /\/service-finder\/(directory\.json|places-region\.tsv|places\/splits\.json|places\/([a-z0-9_]|u[0-9a-f]{4})(-\d+)?\.tsv|thesaurus\/[a-z-]+\.txt|stem\/[a-z]+(\.js|_bg\.wasm))$/;
    assert.ok(aborted.length > 0 && aborted.every((url) => dataFile.test(url)), `requests that tried the network: ${aborted}`);
  });
});

test('an update that is not a directory, or has no valid entry, never replaces the last good copy', TEST_OPTIONS, async () => {
  await withPage(env, { path: `${APP}?offline` }, async (session) => {
    const { page, context, widget, records } = session;
    await waitForWidget(session);
    await waitUntilKept(page);
    const all = await waitForCount(widget, 'de', (count) => count > 0, 'the first results');
    assert.equal(all, DEMO.entries.length);
    // A reload under the worker: the widget keeps this copy itself, after the core read it.
    await page.reload();
    await waitForWidget(session);
    assert.equal(await readCount(widget, 'de'), all);
    assertClean(records, 'the app page');

    const updates = {
      'not JSON': '{"format_version": 1, "title": "Broken',
      'no valid entry': JSON.stringify({ format_version: 1, title: 'Leer', entries: [{ id: 'x', kind: 'nonsense' }] }),
    };
    for (const [what, body] of Object.entries(updates)) {
      await context.route('**/service-finder/directory.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
      await page.reload();
      await waitForWidget(session);
      assert.equal(await readCount(widget, 'de'), all, `${what}: every entry of the last good copy, none lost`);
      assert.match(await aboutLine(widget).textContent(), offlineNotice('de'), `${what}: the notice`);
      await context.unroute('**/service-finder/directory.json');
    }
    // The copy is still the good one, byte for byte as served.
    const kept = await page.evaluate(async () => (await (await (await caches.open('service-finder-data')).match(new URL('directory.json', location.href).href)).text()).length);
    const served = await page.evaluate(async () => (await (await fetch('directory.json', { cache: 'no-store' })).text()).length);
    assert.equal(kept, served);
    // And the server's good directory again: no notice.
    await page.reload();
    await waitForWidget(session);
    assert.doesNotMatch(await aboutLine(widget).textContent(), offlineNotice('de'));
    assert.deepEqual(records.pageErrors, []);
  });
});

test('the app page is installable (Chrome says so), with its manifest', TEST_OPTIONS, async () => {
  // Chrome installs nothing from an incognito window, and a Playwright context is one: a
  // browser with a profile of its own, in a fresh folder.
  const profile = await mkdtemp(path.join(tmpdir(), 'service-finder-app-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH_OPTIONS, viewport: { width: 1280, height: 800 } });
  try {
    const external = [];
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => {
      external.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(new URL(APP, env.server.url).href);
    await waitForWidget({ page });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'the manifest parses');
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.name, DEMO.title.de);
    assert.equal(parsed.display, 'standalone');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    assert.deepEqual(external, []);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('without being asked, the app page keeps nothing; "keep for offline use" registers the worker', TEST_OPTIONS, async () => {
  await withPage(env, { path: APP, contextOptions: PHONE }, async (session) => {
    const { page, widget, records } = session;
    await waitForWidget(session);
    await page.locator('#app').waitFor();
    assert.deepEqual(await stored(page), { workers: [], caches: [] }, 'nothing kept before the newcomer asks');
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    // One line, until the newcomer opens it.
    const heading = page.getByRole('heading', { level: 2, name: msg('de', 'app.heading') });
    assert.equal(await page.getByRole('button', { name: msg('de', 'app.keep') }).isVisible(), false);
    await screenshot(page, 'app-page-de-closed', { fullPage: false });
    await heading.click();
    // A desktop Chromium: the browser's install button, or its install icon explained.
    const install = page.getByRole('button', { name: msg('de', 'app.install') });
    assert.ok((await install.isVisible()) || (await page.locator('#app-how').textContent()) === msg('de', 'app.install.desktop'));
    await screenshot(page, 'app-page-de', { fullPage: false });
    const axe = await runAxe(page, 'body');
    assert.deepEqual(describeViolations(axe), []);

    await page.getByRole('button', { name: msg('de', 'app.keep') }).click();
    await waitUntilKept(page);
    const { workers } = await stored(page);
    assert.deepEqual(workers, [new URL(APP, env.server.url).href], 'one worker, for /service-finder/ only');
    // Asked before: opened again without ?offline, the page says that the app is kept.
    await page.goto(new URL(APP, env.server.url).href);
    await waitForWidget(session);
    await page.getByRole('heading', { level: 2, name: msg('de', 'app.heading') }).click();
    await waitUntilKept(page);
    assert.equal(await page.getByRole('button', { name: msg('de', 'app.keep') }).isVisible(), false);
    // The newcomer switches the widget's language: the page follows.
    await widget.getByLabel(msg('de', 'ui.language'), { exact: true }).selectOption('en');
    await page.getByRole('heading', { level: 2, name: msg('en', 'app.heading') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    // The tab's title and the page's heading too: the directory's title in English.
    const english = DEMO.title.en;
    assert.ok(english && english !== DEMO.title.de, 'the demo has an English title');
    await until(() => page.title(), (title) => title === english, 'the English title in the tab');
    assert.deepEqual(await page.locator('h1').evaluate((heading) => [heading.textContent, heading.lang]), [english, 'en']);
    // Closed, the panel is gone.
    await page.getByRole('button', { name: msg('en', 'app.close') }).click();
    assert.equal(await page.locator('#app').isVisible(), false);
    assertClean(records, 'the app page');
  });
});

test('a download that fails while keeping: the page says so, offers to try again, and the next try keeps it', TEST_OPTIONS, async () => {
  await withPage(env, { path: APP, contextOptions: PHONE }, async (session) => {
    const { page, context } = session;
    await waitForWidget(session);
    await page.getByRole('heading', { level: 2, name: msg('de', 'app.heading') }).click();
    // The connection drops for one of the app's files while the worker keeps them.
    await context.route('**/service-finder/service-finder-qr.js', (route) => route.abort('internetdisconnected'));
    const keep = page.getByRole('button', { name: msg('de', 'app.keep') });
    await keep.click();
    await page.locator('#app-status').filter({ hasText: msg('de', 'app.failed') }).waitFor();
    assert.ok(await keep.isVisible(), 'no way to try again');
    await context.unroute('**/service-finder/service-finder-qr.js');
    await keep.click();
    await waitUntilKept(page);
  });
});

test('kept after the widget loaded its thesaurus and word forms: offline, the search finds as much as online', TEST_OPTIONS, async () => {
  await withPage(env, { path: APP, contextOptions: { locale: 'ar' } }, async (session) => {
    const { page, context, widget } = session;
    await waitForWidget(session);
    // The thesaurus and the word forms came before the worker existed.
    await page.locator('service-finder[data-words~="thesaurus"][data-words~="stems"]').waitFor({ state: 'attached' });
    const search = widget.getByRole('searchbox');
    await search.fill('شقة');
    const online = await waitForCount(widget, 'ar', (count) => count > 0 && count < DEMO.entries.length, '"flat" online');
    await page.getByRole('heading', { level: 2, name: msg('ar', 'app.heading') }).click();
    await page.getByRole('button', { name: msg('ar', 'app.keep') }).click();
    await waitUntilKept(page, 'ar');
    await page.waitForFunction(async () => {
      const data = await caches.open('service-finder-data');
      const kept = await Promise.all(['thesaurus/ar.txt', 'stem/ar.js', 'stem/ar_bg.wasm'].map((path) => data.match(new URL(path, location.href).href)));
      return kept.every(Boolean);
    });
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await context.setOffline(true);
    await page.reload();
    await waitForWidget(session);
    await page.locator('service-finder[data-words~="thesaurus"][data-words~="stems"]').waitFor({ state: 'attached' });
    await widget.getByRole('searchbox').fill('شقة');
    assert.equal(await waitForCount(widget, 'ar', (count) => count === online, `"flat" offline as online (${online})`), online);
  });
});

test('a shared link opens the app page in the link\'s language, its panel too', TEST_OPTIONS, async () => {
  await withPage(env, { path: `${APP}#entry=wf-svc-002&lang=tr`, contextOptions: { locale: 'de-DE' } }, async (session) => {
    const { page, widget } = session;
    await waitForWidget(session);
    await widget.locator('.sf[lang="tr"]').waitFor();
    await page.getByRole('heading', { level: 2, name: msg('tr', 'app.heading') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'tr');
    // Named in Turkish from the first render, though the page was written in German.
    const turkish = await widget.locator('.sf-title').textContent();
    assert.notEqual(turkish, DEMO.title.de);
    await until(() => page.title(), (title) => title === turkish, 'the Turkish title in the tab');
  });
});

test('in Arabic the app page is right to left, at 375 px, with no axe violation, light or dark', TEST_OPTIONS, async () => {
  await withPage(env, { path: `${APP}?offline`, contextOptions: { ...PHONE, locale: 'ar' } }, async (session) => {
    const { page, records } = session;
    await waitForWidget(session);
    await page.getByRole('heading', { level: 2, name: msg('ar', 'app.heading') }).waitFor();
    await waitUntilKept(page, 'ar');
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    const layout = await page.evaluate(() => {
      const close = document.getElementById('app-close').getBoundingClientRect();
      const panel = document.getElementById('app').getBoundingClientRect();
      return { sideways: document.documentElement.scrollWidth - innerWidth, closeLeft: close.left - panel.left, closeRight: panel.right - close.right };
    });
    assert.ok(layout.sideways <= 0, 'no sideways scrolling');
    assert.ok(layout.closeLeft < layout.closeRight, 'the close button at the start of a right-to-left line: the left');
    await screenshot(page, 'app-page-ar', { fullPage: false });
    const axe = await runAxe(page, 'body');
    assert.deepEqual(describeViolations(axe), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'app-page-ar-dark', { fullPage: false });
    assert.deepEqual(describeViolations(await runAxe(page, 'body')), [], 'dark mode');
    assertClean(records, 'the app page in Arabic');
  });
});

test('the county page with the embedded widget gets no service worker and no cache', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/' }, async (session) => {
    const { page, widget, records } = session;
    await waitForWidget(session);
    await widget.getByRole('searchbox').fill('Deutschkurs');
    await waitForCount(widget, 'de', (count) => count < DEMO.entries.length, 'a search');
    // The place field fetches the places files.
    await widget.getByRole('combobox', { name: msg('de', 'place.label') }).fill('Korb');
    await widget.getByRole('listbox', { name: msg('de', 'place.label') }).getByRole('option').first().waitFor();
    await widget.locator('li > article .sf-details[data-filled]').first().waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.deepEqual(await stored(page), { workers: [], caches: [] });
    assertClean(records, 'the demo page');
  });
});
