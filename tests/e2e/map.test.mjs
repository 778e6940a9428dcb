// The map view (issue 14): loaded only when opened, a marker (or a cluster's share) for every
// result with a location, keyboard access to the cards, no request off this machine, no axe
// violations, and a county's own tile server used when the page names one.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO, KORBACH, TEST_OPTIONS, assertClean, describeViolations, focusedElement, msg, readCount, runAxe, screenshot, until, useBrowser, withWidget,
} from './support.mjs';

const env = useBrowser();

/** The demo's entries without coordinates: the list shows them, the map cannot. */
const UNLOCATED = DEMO.entries.filter((entry) => entry.location?.latitude == null).length;

/** A page with the widget in `lang` and more attributes, on a phone. */
function widgetPage(lang, attributes = '', contextOptions = {}) {
  return {
    path: '/e2e/blank.html',
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Map</title></head><body><script type="module" src="/service-finder/service-finder.js"></script>
      <service-finder lang="${lang}" fixed-language ${attributes}></service-finder></body></html>`,
    contextOptions: { viewport: { width: 375, height: 740 }, ...contextOptions },
  };
}

/** Presses the map button and waits until the markers are drawn. */
async function openMap(widget, lang) {
  const button = widget.getByRole('button', { name: msg(lang, 'map.button'), exact: true });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  await widget.locator('.sf-map .leaflet-marker-icon[data-count]').first().waitFor();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
}

/** The results without a location that the German summary names ("2 Angebote ohne Ort."). */
function unlocatedIn(summary) {
  return Number(/(\d+) Angebote? ohne Ort/.exec(summary)?.[1] ?? 0);
}

/** A screenshot of the phone's screen with the map at its top. */
async function mapScreenshot(page, widget, name) {
  await widget.locator('.sf-map').evaluate((map) => map.scrollIntoView());
  return screenshot(page, name, { fullPage: false });
}

/** How many results the markers on the map stand for: one each, or a cluster's count. */
function markedResults(widget) {
  return widget.locator('.sf-map .leaflet-marker-icon[data-count]').evaluateAll((markers) => markers.reduce((sum, marker) => sum + Number(marker.dataset.count), 0));
}

test('the map loads only when opened, and marks every result that has a location', TEST_OPTIONS, async () => {
  await withWidget(env, widgetPage('de'), async ({ page, widget, records }) => {
    const count = await readCount(widget, 'de');
    assert.equal(count, DEMO.entries.length);
    assert.ok(!records.requests.some((url) => url.includes('service-finder-map.js')), 'the map module is on the first-results path');
    await openMap(widget, 'de');
    assert.ok(records.requests.some((url) => url.endsWith('/service-finder/service-finder-map.js')));
    // The map sits under the count and over the list, which stays.
    assert.ok(await widget.locator('.sf-main > .sf-bar + .sf-map + .sf-results').isVisible());
    assert.equal(await markedResults(widget), count - UNLOCATED, 'markers (with clusters\' counts) against the count the widget shows');
    const clusters = widget.locator('.sf-map .sf-map-cluster');
    assert.ok((await clusters.count()) > 0, 'dense results are clustered');
    // A finger finds a cluster drawn smaller than 44 px within 44 px: a tap just above it hits it.
    await widget.locator('.sf-map-canvas').scrollIntoViewIfNeeded();
    const beside = await widget.evaluate((host) => {
      const inView = (box) => box.top > 30 && box.bottom < innerHeight - 30 && box.left > 30 && box.right < innerWidth - 30;
      const small = [...host.shadowRoot.querySelectorAll('.sf-map .sf-map-cluster')].filter((cluster) => cluster.getBoundingClientRect().width < 43 && inView(cluster.getBoundingClientRect()));
      return small.map((cluster) => {
        const box = cluster.getBoundingClientRect();
        const point = [box.left + box.width / 2, box.top - (44 - box.height) / 2 + 1];
        return { size: box.width, hit: host.shadowRoot.elementFromPoint(...point)?.closest('.leaflet-marker-icon') === cluster };
      });
    });
    assert.ok(beside.length > 0 && beside.every(({ hit }) => hit), `taps just above clusters smaller than 44 px: ${JSON.stringify(beside)}`);
    const summary = await widget.locator('.sf-map-summary').textContent();
    assert.ok(summary.includes(msg('de', 'map.summary', { count: count - UNLOCATED })), summary);
    assert.ok(summary.includes(msg('de', 'map.summary.unlocated', { count: UNLOCATED })), summary);
    // The background: Germany's outline and towns from the widget's own files.
    await widget.locator('.sf-map path.sf-map-land').waitFor();
    assert.ok((await widget.locator('.sf-map .sf-map-town-label').count()) > 3);
    assert.ok(records.requests.some((url) => url.endsWith('/service-finder/map-germany.json')));
    // A search narrows the markers along with the list.
    await widget.getByRole('searchbox').fill('Deutschkurs');
    const narrowed = await until(() => readCount(widget, 'de'), (value) => value !== null && value < count, 'the search narrows the results');
    await until(() => markedResults(widget), (marked) => marked > 0 && marked <= narrowed, 'the markers follow the search');
    const text = await widget.locator('.sf-map-summary').textContent();
    assert.equal(await markedResults(widget) + unlocatedIn(text), narrowed, text);
    await mapScreenshot(page, widget, 'map-de-375');
    // Back to the list: the map goes.
    await widget.getByRole('button', { name: msg('de', 'map.button'), exact: true }).click();
    await widget.locator('.sf-map').waitFor({ state: 'detached' });
    assertClean(records);
  });
});

test('on a phone, a tap on the map button at the screen\'s foot brings the map into sight, under the button', TEST_OPTIONS, async () => {
  const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  await withWidget(env, widgetPage('uk', '', phone), async ({ page, widget, records }) => {
    const button = widget.getByRole('button', { name: msg('uk', 'map.button'), exact: true });
    const before = await button.evaluate((element) => element.getBoundingClientRect().bottom);
    assert.ok(before > 667 - 150, `the button is at the screen's foot (its bottom at ${before} px), where the map would open out of sight`);
    await button.tap();
    await widget.locator('.sf-map .leaflet-marker-icon[data-count]').first().waitFor();
    const boxes = await widget.evaluate((host) => {
      const box = (selector) => host.shadowRoot.querySelector(selector).getBoundingClientRect();
      return { canvas: box('.sf-map-canvas'), button: box('button[data-part="map"]'), height: innerHeight };
    });
    assert.ok(boxes.canvas.top >= 0 && boxes.canvas.bottom <= boxes.height, `the map within the screen: ${JSON.stringify(boxes)}`);
    assert.ok(boxes.button.top >= 0, `the button still in sight above the map: ${JSON.stringify(boxes)}`);
    await screenshot(page, 'map-tapped-uk-375', { fullPage: false });
    assertClean(records);
  });
});

test('near a position with a radius, the map shows the position, the radius and the results in it', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'], viewport: { width: 375, height: 740 } } }, async ({ page, widget, records }) => {
    await widget.getByRole('button', { name: msg('de', 'location.use') }).click();
    await widget.getByLabel(msg('de', 'radius.label')).selectOption({ label: msg('de', 'radius.km', { km: 5 }) });
    const count = await until(() => readCount(widget, 'de'), (value) => value !== null && value < DEMO.entries.length, 'the radius narrows the list');
    await openMap(widget, 'de');
    await widget.locator('.sf-map path.sf-map-radius').waitFor();
    assert.equal(await widget.locator('.sf-map .sf-map-place').count(), 1);
    const summary = await widget.locator('.sf-map-summary').textContent();
    assert.ok(summary.includes(msg('de', 'map.summary.radius', { radius: 5, place: msg('de', 'map.position') })), summary);
    // Entries for the whole region are in every radius, without a place on the map.
    assert.equal(await markedResults(widget) + unlocatedIn(summary), count, summary);
    // The results' markers over the position, and over the towns' names: a cluster at the
    // chosen place, or under a name, keeps its number seen.
    await widget.locator('.sf-map .sf-map-town-label').first().waitFor();
    const layers = await widget.locator('.sf-map').evaluate((map) => ({
      place: Number(map.querySelector('.sf-map-place').style.zIndex),
      markers: [...map.querySelectorAll('.sf-map-cluster, .sf-map-marker')].map((marker) => Number(marker.style.zIndex)),
      markerPane: Number(getComputedStyle(map.querySelector('.leaflet-marker-pane')).zIndex),
      namePane: Number(getComputedStyle(map.querySelector('.sf-map-town-label').parentElement).zIndex),
    }));
    assert.ok(layers.markers.length > 0 && layers.markers.every((z) => z > layers.place), JSON.stringify(layers));
    assert.ok(layers.namePane < layers.markerPane, JSON.stringify(layers));
    await mapScreenshot(page, widget, 'map-radius-de-375');
    assertClean(records);
  });
});

test('the map stays open, in the new language, when the UI language changes', TEST_OPTIONS, async () => {
  await withWidget(env, widgetPage('de'), async ({ page, widget, records }) => {
    await openMap(widget, 'de');
    const located = DEMO.entries.length - UNLOCATED;
    // The language is changed at the top: the map, drawn again, does not pull the page down.
    await page.evaluate(() => scrollTo(0, 0));
    await widget.evaluate((host) => host.setAttribute('lang', 'en'));
    const summary = widget.locator('.sf-map-summary');
    await until(() => summary.textContent().catch(() => ''), (text) => text.includes(msg('en', 'map.summary', { count: located })), 'the summary in English');
    assert.equal(await widget.locator('.sf-map').count(), 1);
    assert.equal(await widget.getByRole('button', { name: msg('en', 'map.button'), exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(await widget.locator('.sf-map .leaflet-control-zoom-in').getAttribute('aria-label'), msg('en', 'map.zoom.in'));
    await until(() => markedResults(widget), (marked) => marked === located, 'every marker again');
    assert.equal(await page.evaluate(() => scrollY), 0);
    assertClean(records);
  });
});

test('results at one address stay one marker, and tapping it lists them', TEST_OPTIONS, async () => {
  // The demo with two entries moved to one address and renamed, so that a search finds them alone.
  const directory = structuredClone(DEMO);
  const [first, second] = directory.entries.filter((entry) => entry.location?.latitude != null);
  first.name = { de: 'Zwillingsort Eins' };
  second.name = { de: 'Zwillingsort Zwei' };
  Object.assign(second.location, { latitude: first.location.latitude, longitude: first.location.longitude });
  const page = widgetPage('de', 'src="/same-place.json"');
  page.setup = ({ context }) => context.route('**/same-place.json', (route) => route.fulfill({ json: directory }));
  await withWidget(env, page, async ({ widget, records }) => {
    await widget.getByRole('searchbox').fill('Zwillingsort');
    await until(() => readCount(widget, 'de'), (count) => count === 2, 'the two entries alone');
    await openMap(widget, 'de');
    const cluster = widget.locator('.sf-map .sf-map-cluster');
    assert.equal(await cluster.getAttribute('data-count'), '2');
    // However far the map zooms in, they stay one marker: a tap lists the two instead.
    await cluster.click();
    await widget.locator('.sf-map-entry').first().waitFor();
    assert.equal(await widget.locator('.sf-map-here').textContent(), msg('de', 'map.here', { count: 2 }));
    assert.deepEqual((await widget.locator('.sf-map-entry').allTextContents()).sort(), ['Zwillingsort Eins', 'Zwillingsort Zwei']);
    await widget.locator('.sf-map-entry', { hasText: 'Zwillingsort Zwei' }).click();
    const card = widget.locator(`.sf-map-card article[data-entry="${second.id}"]`);
    await card.waitFor();
    // The same card is in the list: the one under the map has ids of its own.
    const controls = await card.locator('.sf-card-toggle').getAttribute('aria-controls');
    assert.equal(await widget.locator(`[id="${controls}"]`).count(), 1);
    assert.equal(await card.locator('.sf-details').getAttribute('id'), controls);
    assertClean(records);
  });
});

test('past the 1,000 results the core returns at most, the summary says how many the map leaves out', TEST_OPTIONS, async () => {
  // The demo six times over: 1,050 entries.
  const directory = structuredClone(DEMO);
  directory.entries = [0, 1, 2, 3, 4, 5].flatMap((copy) => DEMO.entries.map((entry) => ({ ...structuredClone(entry), id: `${entry.id}-${copy}` })));
  const page = widgetPage('de', 'src="/many.json"');
  page.setup = ({ context }) => context.route('**/many.json', (route) => route.fulfill({ json: directory }));
  await withWidget(env, page, async ({ widget, records }) => {
    assert.equal(await readCount(widget, 'de'), 1050);
    await openMap(widget, 'de');
    const summary = await widget.locator('.sf-map-summary').textContent();
    assert.ok(summary.includes(msg('de', 'map.summary.cut', { shown: 1000, total: 1050 })), summary);
    assert.equal(await markedResults(widget) + unlocatedIn(summary), 1000, summary);
    assertClean(records);
  });
});

test('keyboard: a cluster zooms in, a marker opens its card under the map, Escape closes the map', TEST_OPTIONS, async () => {
  await withWidget(env, widgetPage('de'), async ({ page, widget, records }) => {
    await openMap(widget, 'de');
    // A cluster: Enter zooms in, and the focus stays on a marker holding the same results.
    const cluster = widget.locator('.sf-map .sf-map-cluster').first();
    const label = await cluster.getAttribute('aria-label');
    assert.match(label, /Angebote hier/);
    const zoom = () => widget.locator('.sf-map-canvas').evaluate((canvas) => canvas.querySelector('.leaflet-marker-icon[data-count]')?.style.transform);
    const before = await zoom();
    await cluster.focus();
    await page.keyboard.press('Enter');
    await until(zoom, (after) => after !== before, 'Enter on a cluster zooms in');
    const focusedMarker = () => widget.evaluate((host) => host.shadowRoot.activeElement?.classList.contains('leaflet-marker-icon') ?? false);
    await until(focusedMarker, (onMarker) => onMarker, 'the focus stays on a marker');
    // A single marker: its name is its label; Enter opens the card below, with the focus on it.
    const marker = widget.locator('.sf-map .sf-map-marker').first();
    await marker.waitFor();
    const id = await marker.getAttribute('data-entry');
    const entry = DEMO.entries.find((candidate) => candidate.id === id);
    const name = typeof entry.name === 'string' ? entry.name : entry.name.de;
    assert.equal(await marker.getAttribute('aria-label'), name);
    assert.equal(await marker.getAttribute('role'), 'button');
    await marker.focus();
    await page.keyboard.press('Enter');
    const card = widget.locator(`.sf-map-card article[data-entry="${id}"]`);
    await card.waitFor();
    assert.equal(await marker.getAttribute('aria-current'), 'true');
    await until(() => focusedElement(page), (focused) => focused.text?.includes(name.slice(0, 30)), 'the focus moves to the card');
    assert.ok(await card.locator('.sf-details').isVisible(), 'the card opens with its details');
    // Its button folds it, as in the list.
    await page.keyboard.press('Enter');
    assert.equal(await card.locator('.sf-details').isVisible(), false);
    // The map's first stop skips it: past the zoom buttons and every marker to the list's
    // first card. Seen only with the focus.
    const skip = widget.locator('.sf-map > .sf-skip');
    assert.equal(await skip.textContent(), msg('de', 'map.skip'));
    const mapButton = widget.getByRole('button', { name: msg('de', 'map.button'), exact: true });
    await mapButton.focus();
    const passed = [];
    for (let presses = 0; presses < 5 && passed.at(-1)?.text !== msg('de', 'map.skip'); presses++) {
      await page.keyboard.press('Tab');
      passed.push(await focusedElement(page));
    }
    assert.equal(passed.at(-1)?.text, msg('de', 'map.skip'), `Tab from the map button: ${JSON.stringify(passed)}`);
    assert.ok((await skip.boundingBox()).width > 40, 'the skip button is seen when it has the focus');
    await page.keyboard.press('Enter');
    const firstInList = (await widget.locator('li > article .sf-card-toggle').first().textContent()).trim().slice(0, 80);
    await until(() => focusedElement(page), (focused) => focused.text === firstInList, 'Enter on it moves the focus to the first card of the list');
    // Escape closes the map, and the focus is back on the button that opened it.
    await marker.focus();
    await page.keyboard.press('Escape');
    await widget.locator('.sf-map').waitFor({ state: 'detached' });
    assert.equal(await mapButton.getAttribute('aria-pressed'), 'false');
    await until(() => focusedElement(page), (focused) => focused.text === msg('de', 'map.button'), 'the focus is on the map button');
    assertClean(records);
  });
});

test('in Persian a cluster\'s count is written in Persian digits, as every other number', TEST_OPTIONS, async () => {
  await withWidget(env, widgetPage('fa'), async ({ widget, records }) => {
    await openMap(widget, 'fa');
    const counts = await widget.locator('.sf-map .sf-map-cluster span').allTextContents();
    assert.ok(counts.length > 0 && counts.every((count) => /^[۰-۹]+$/.test(count)), counts.join(' '));
    assertClean(records);
  });
});

/** Taps clusters until single markers show, then the first of them: its card opens. */
async function openFirstCard(widget) {
  const markers = widget.locator('.sf-map .sf-map-marker');
  while ((await markers.count()) === 0) {
    const cluster = widget.locator('.sf-map .sf-map-cluster').first();
    const label = await cluster.getAttribute('aria-label');
    await cluster.click();
    await until(() => widget.locator('.sf-map .sf-map-cluster').first().getAttribute('aria-label').catch(() => null), (now) => now !== label, 'a tap on a cluster zooms in');
  }
  await markers.first().click();
  await widget.locator('.sf-map-card article').waitFor();
}

// Arabic in dark mode: right to left, and the map's colours from the widget's dark palette.
for (const [lang, colorScheme] of [['de', 'light'], ['ar', 'dark']]) {
  test(`the map view has no axe violations (${lang}, ${colorScheme})`, TEST_OPTIONS, async () => {
    await withWidget(env, widgetPage(lang, '', { colorScheme }), async ({ page, widget, records }) => {
      await openMap(widget, lang);
      await widget.locator('.sf-map path.sf-map-land').waitFor();
      await mapScreenshot(page, widget, `map-${lang}-${colorScheme}-375`);
      await openFirstCard(widget);
      const results = await runAxe(page);
      assert.deepEqual(describeViolations(results), []);
      if (lang === 'ar') assert.equal(await widget.locator('.sf').getAttribute('dir'), 'rtl');
      await mapScreenshot(page, widget, `map-${lang}-${colorScheme}-375-card`);
      assertClean(records);
    });
  });
}

test('with map-tiles, tiles come from the county\'s server only, with its attribution', TEST_OPTIONS, async () => {
  const template = '/test/map-tile.png?z={z}&x={x}&y={y}';
  const attribution = '© Kreis-Tiles, Testdaten';
  await withWidget(env, widgetPage('de', `map-tiles="${template}" map-attribution="${attribution}"`), async ({ page, widget, records }) => {
    await openMap(widget, 'de');
    const tiles = widget.locator('.sf-map img.leaflet-tile-loaded');
    await tiles.first().waitFor();
    assert.ok(await widget.locator('.sf-map-attribution').textContent().then((text) => text.includes(attribution)));
    const images = records.requests.filter((url) => /\.png/.test(url));
    assert.ok(images.length > 0);
    assert.deepEqual(images.filter((url) => !/\/test\/map-tile\.png\?z=\d+&x=\d+&y=\d+$/.test(url)), [], 'tiles from elsewhere');
    assert.ok(!records.requests.some((url) => url.includes('map-germany.json')), 'with tiles no outline is fetched');
    await mapScreenshot(page, widget, 'map-tiles-de-375');
    assertClean(records);
  });
});
