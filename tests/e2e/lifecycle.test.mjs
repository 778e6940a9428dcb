// A widget taken off the page lets go of everything: it frees its finder in the wasm, leaves no
// listener on window or document and no geolocation watch, drops a location answer that comes
// later, and cancels the download of its directory. Put back on the page, it works again.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  KORBACH,
  TEST_OPTIONS,
  msg,
  readCount,
  until,
  useBrowser,
  waitForCount,
  waitForWidget,
  withPage,
} from './support.mjs';

const env = useBrowser();
const de = (key, params) => msg('de', key, params);

/**
 * Runs in the page before its scripts: records the listeners on window and document that are
 * still there (window.openListeners), the geolocation watches not cleared (window.openWatches),
 * and holds every request for the position (window.positionRequests) until the test answers it.
 */
function instrument() {
  window.openListeners = [];
  const capture = (options) => (typeof options === 'boolean' ? options : Boolean(options?.capture));
  for (const [name, target] of [['window', window], ['document', document]]) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const drop = (type, listener, options) => {
      const index = window.openListeners.findIndex((open) =>
        open.target === name && open.type === type && open.listener === listener && open.capture === capture(options));
      if (index >= 0) window.openListeners.splice(index, 1);
    };
    target.addEventListener = (type, listener, options) => {
      const signal = options?.signal;
      if (!signal?.aborted) {
        window.openListeners.push({ target: name, type, listener, capture: capture(options) });
        signal?.addEventListener('abort', () => drop(type, listener, options));
      }
      return add(type, listener, options);
    };
    target.removeEventListener = (type, listener, options) => {
      drop(type, listener, options);
      return remove(type, listener, options);
    };
  }
  window.positionRequests = [];
  window.openWatches = new Set();
  let watches = 0;
  navigator.geolocation.getCurrentPosition = (success, failure) => window.positionRequests.push({ success, failure });
  navigator.geolocation.watchPosition = (success, failure) => {
    window.positionRequests.push({ success, failure });
    window.openWatches.add(++watches);
    return watches;
  };
  navigator.geolocation.clearWatch = (id) => window.openWatches.delete(id);
}

/** A page with the loader, a field of the county's own and no widget yet. */
const PAGE = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Lifecycle</title></head>
<body>
<script type="module" src="/service-finder/service-finder.js"></script>
<label>Newsletter <input id="elsewhere" type="email"></label>
</body>
</html>`;

/**
 * Loads the API into the page and counts the finders made (ServiceFinder.fromJson) and freed
 * (ServiceFinder.prototype.free) from now on, in window.finders.
 */
function countFinders(page) {
  return page.evaluate(async () => {
    // The core's classes are there once it is loaded (the widget loads it with the wasm).
    const { ServiceFinder, initServiceFinder } = await import('/service-finder/service-finder.js');
    await initServiceFinder();
    window.finders = { made: 0, freed: 0 };
    const fromJson = ServiceFinder.fromJson;
    ServiceFinder.fromJson = function countedFromJson(...args) {
      const finder = fromJson.apply(this, args);
      window.finders.made += 1;
      return finder;
    };
    const free = ServiceFinder.prototype.free;
    ServiceFinder.prototype.free = function countedFree() {
      window.finders.freed += 1;
      return free.call(this);
    };
  });
}

const finders = (page) => page.evaluate(() => ({ ...window.finders }));

test('removed, the widget frees its finder and leaves nothing behind; put back, it works again', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/e2e/blank.html', html: PAGE, setup: ({ page }) => page.addInitScript(instrument) }, async (session) => {
    const { page, widget, records } = session;
    await countFinders(page);
    const before = await page.evaluate(() => window.openListeners.length);
    await page.evaluate(() => {
      window.widget = document.createElement('service-finder');
      document.body.append(window.widget);
    });
    await waitForWidget(session, 'ready');
    const total = DEMO.entries.length;
    assert.equal(await readCount(widget, 'de'), total);

    // In use: a search, a location asked for and not answered yet, the place field with its
    // places loading and suggestions shown.
    await widget.getByLabel(de('search.label')).fill('Beratung');
    await waitForCount(widget, 'de', (count) => count < total, 'the search to narrow the results');
    await widget.getByRole('button', { name: de('location.use') }).click();
    await widget.getByText(de('location.locating')).waitFor();
    await widget.getByRole('combobox', { name: de('place.label') }).fill('Korb');
    await widget.getByRole('listbox', { name: de('place.label') }).getByRole('option').first().waitFor();
    assert.deepEqual(await finders(page), { made: 1, freed: 0 });

    await page.evaluate(() => window.widget.remove());
    assert.deepEqual(await finders(page), { made: 1, freed: 1 }, 'the finder was freed');
    assert.equal(await page.evaluate(() => window.openListeners.length), before, 'listeners left on window or document');
    assert.equal(await page.evaluate(() => window.openWatches.size), 0, 'geolocation watches left');
    assert.equal(await page.evaluate(() => window.widget.shadowRoot.childElementCount), 0, 'the removed widget still shows its parts');

    // The position arrives after the widget left, a newcomer types elsewhere on the page, the
    // window changes its size: nothing in the widget runs, and nothing fails.
    await page.evaluate(({ latitude, longitude }) => {
      for (const request of window.positionRequests) request.success({ coords: { latitude, longitude } });
    }, KORBACH);
    await page.locator('#elsewhere').fill('newcomer@example.org');
    await page.keyboard.press('Enter');
    await page.setViewportSize({ width: 375, height: 667 });
    // The resize is dispatched with the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    assert.deepEqual(await finders(page), { made: 1, freed: 1 }, 'the core was used after the widget left');
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.deepEqual(records.consoleErrors, [], 'console errors');

    // Put back, the same element loads afresh and works.
    await page.evaluate(() => document.body.append(window.widget));
    await waitForWidget(session, 'ready');
    await waitForCount(widget, 'de', (count) => count === total, 'every entry again');
    await widget.getByLabel(de('search.label')).fill('Deutschkurs');
    await waitForCount(widget, 'de', (count) => count > 0 && count < total, 'the search to narrow the results');
    await widget.getByRole('button', { name: de('location.use') }).click();
    await until(() => page.evaluate(() => window.positionRequests.length), (count) => count === 2, 'the second request for the position');
    await page.evaluate(({ latitude, longitude }) => window.positionRequests[1].success({ coords: { latitude, longitude } }), KORBACH);
    await widget.getByRole('button', { name: de('location.stop') }).waitFor();
    assert.deepEqual(await finders(page), { made: 2, freed: 1 });
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.deepEqual(records.consoleErrors, [], 'console errors');
  });
});

test('a widget removed while its directory downloads cancels the download and makes no finder', TEST_OPTIONS, async () => {
  // The directory's response is held back until the test lets it go.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const setup = ({ context }) => context.route('**/held/directory.json', async (route) => {
    await held;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(DEMO) }).catch(() => {});
  });
  await withPage(env, { path: '/e2e/blank.html', html: PAGE, setup }, async (session) => {
    const { page, records } = session;
    await countFinders(page);
    const requested = page.waitForRequest('**/held/directory.json');
    await page.evaluate(() => {
      window.widget = document.createElement('service-finder');
      window.widget.setAttribute('src', '/held/directory.json');
      document.body.append(window.widget);
    });
    const request = await requested;
    await page.evaluate(() => window.widget.remove());
    release();
    await until(() => request.failure()?.errorText, (failure) => Boolean(failure), 'the download to be cancelled');
    assert.match(request.failure().errorText, /ABORTED/);
    // After one more turn of the page's event loop, what the cancelled download started has run:
    // the widget made nothing and shows nothing.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    assert.deepEqual(await finders(page), { made: 0, freed: 0 });
    assert.equal(await page.evaluate(() => window.widget.shadowRoot.childElementCount), 0);
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.deepEqual(records.consoleErrors, [], 'console errors');
  });
});
