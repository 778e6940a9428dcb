// "Use my location": granted (a fixed position in Korbach through the browser context) it sorts by
// distance and shows distances, and the radius narrows the list; denied, it says so and the
// results stay.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  KORBACH,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  distancePattern,
  haversineMetres,
  msg,
  parseDistance,
  readCount,
  screenshot,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key, params) => msg('de', key, params);
const TOTAL = DEMO.entries.length;

const placed = DEMO.entries.filter((entry) => Number.isFinite(entry.location?.latitude));
const distances = placed.map((entry) => haversineMetres(KORBACH, entry.location)).sort((a, b) => a - b);
/** Entries without a place that serve the whole region or remotely: in every radius. */
const areaWide = DEMO.entries.filter(
  (entry) => !Number.isFinite(entry.location?.latitude) && ['region', 'remote'].includes(entry.service_area?.scope),
);

/** The distances shown on the cards now, in their order (null for a card without one). */
async function shownDistances(widget, lang) {
  const texts = await cardsLocator(widget).allTextContents();
  return texts.map((text) => parseDistance(lang, text));
}

function assertNonDecreasing(values, what) {
  const known = values.filter((value) => value !== null);
  for (let i = 1; i < known.length; i += 1) {
    assert.ok(known[i - 1] <= known[i], `${what} not sorted by distance: ${known.join(', ')}`);
  }
}

test('with the location granted, results are sorted by distance and show it', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async (session) => {
    const { page, widget, records } = session;
    assert.ok((await shownDistances(widget, 'de')).every((distance) => distance === null), 'distances before a position');
    await widget.getByRole('button', { name: de('location.use') }).click();
    await widget.getByRole('button', { name: de('location.stop') }).waitFor();
    const cards = cardsLocator(widget);
    await cards.first().filter({ hasText: distancePattern('de') }).waitFor();
    const shown = await shownDistances(widget, 'de');
    const known = shown.filter((distance) => distance !== null);
    assert.ok(known.length >= 10, `too few cards with a distance: ${JSON.stringify(shown)}`);
    assertNonDecreasing(shown, 'the cards');
    // The first card is the nearest entry of the directory (shown rounded, measured on the ellipsoid).
    const tolerance = distances[0] * 0.01 + 60;
    assert.ok(Math.abs(known[0] - distances[0]) <= tolerance, `nearest shown ${known[0]} m, expected about ${distances[0]} m`);
    // The text follows the catalog and German number format: "1,2 km entfernt" or "220 m entfernt".
    const numbers = (await cards.allTextContents())
      .map((text) => distancePattern('de').exec(text))
      .filter(Boolean)
      .map((match) => `${match[1]} ${match[2]}`);
    for (const number of numbers) {
      assert.match(number, /^(\d+ m|\d+(,\d+)? km)$/, 'a distance not written the German way');
    }
    // Without a radius nothing is left out.
    assert.equal(await readCount(widget, 'de'), TOTAL);
    await widget.getByRole('button', { name: de('location.stop') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'location-granted', { fullPage: false });
    assertClean(records, 'the location search');
  });
});

test('the radius keeps only what is near, still sorted by distance', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async (session) => {
    const { widget } = session;
    // With nothing to measure from, no distance to choose: it would change nothing.
    const radius = widget.getByLabel(de('radius.label'));
    assert.equal(await radius.isVisible(), false, 'a distance offered without a place or location');
    await widget.getByRole('button', { name: de('location.use') }).click();
    await widget.getByRole('button', { name: de('location.stop') }).waitFor();
    await radius.selectOption({ label: de('radius.km', { km: 5 }) });
    // Within 5 km, allowing for the sphere-versus-ellipsoid difference right at the border, plus
    // the region-wide and remote services.
    const atLeast = distances.filter((d) => d <= 5000 - 50).length + areaWide.length;
    const atMost = distances.filter((d) => d <= 5000 + 50).length + areaWide.length;
    const count = await waitForCount(widget, 'de', (n) => n >= atLeast && n <= atMost, `${atLeast}–${atMost} results within 5 km`);
    assert.ok(count < TOTAL);
    const shown = await shownDistances(widget, 'de');
    assertNonDecreasing(shown, 'the cards within 5 km');
    for (const distance of shown) {
      if (distance !== null) assert.ok(distance <= 5000 * 1.01, `a card ${distance} m away within 5 km`);
    }
    // Stopping the location search brings the full list back, without distances.
    await widget.getByLabel(de('radius.label')).selectOption({ label: de('radius.any') });
    await widget.getByRole('button', { name: de('location.stop') }).click();
    await widget.getByRole('button', { name: de('location.use') }).waitFor();
    await waitForCount(widget, 'de', (n) => n === TOTAL, 'all entries again');
    await radius.waitFor({ state: 'hidden' });
  });
});

test('with the location denied, a message says so and the results stay', TEST_OPTIONS, async () => {
  // No permission granted: the page's navigator.geolocation answers PERMISSION_DENIED.
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    // The same entries in the same order (their text may change meanwhile: the opening hours
    // are read after the first results).
    const entries = () => cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));
    const entriesBefore = await entries();
    await widget.getByRole('button', { name: de('location.use') }).click();
    const message = widget.getByText(de('location.denied')).first();
    await message.waitFor();
    // Screen readers hear it: it is in a live region.
    const live = await message.evaluate((element) => {
      const region = element.closest('[aria-live], [role="status"], [role="alert"]');
      return region ? region.getAttribute('aria-live') ?? region.getAttribute('role') : null;
    });
    assert.ok(live && live !== 'off', `the message is not in a live region (${live})`);
    assert.equal(await readCount(widget, 'de'), TOTAL);
    assert.equal(await cardsLocator(widget).count(), 20);
    assert.deepEqual(await entries(), entriesBefore);
    // The button is still there to try again.
    await widget.getByRole('button', { name: de('location.use') }).waitFor();
    await message.scrollIntoViewIfNeeded();
    await screenshot(page, 'location-denied', { fullPage: false });
  });
});
