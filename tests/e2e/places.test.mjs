// The place and postcode field: an accessible combobox that sets the point to search near,
// without any request leaving the machine (all of Germany comes from the widget's own folder).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { placeShardKey } from '../../www/widget/place-shards.js';

import {
  DEMO,
  REPO_ROOT,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  msg,
  parseDistance,
  readCount,
  runAxe,
  describeViolations,
  screenshot,
  until,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
/** The file of Germany's places that a typed text needs, as the build split them. */
const shardFile = (text) => `/service-finder/places/${placeShardKey(text, JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist/places/splits.json'), 'utf8')))}.tsv`;
const de = (key, params) => msg('de', key, params);

/** The distances shown on the visible cards, in metres, in page order. */
async function shownDistances(widget) {
  const texts = await cardsLocator(widget).allTextContents();
  return texts.map((text) => parseDistance('de', text)).filter((metres) => metres != null);
}

function assertNonDecreasing(values, what) {
  assert.ok(values.length > 0, `no distances shown (${what})`);
  for (let index = 1; index < values.length; index += 1) {
    assert.ok(values[index - 1] <= values[index], `${what}: ${values.join(', ')} is not sorted by distance`);
  }
}

test('typing "Korb" suggests Korbach; choosing it sorts the results by distance from Korbach', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget, records } = session;
    const field = widget.getByRole('combobox', { name: de('place.label') });
    await field.fill('Korb');
    const listbox = widget.getByRole('listbox', { name: de('place.label') });
    await listbox.waitFor();
    const first = listbox.getByRole('option').first();
    assert.match(await first.textContent(), /^Korbach\b.*34497/);
    await screenshot(page, 'place-suggestions', { fullPage: false });
    await first.click();
    assert.equal(await field.inputValue(), 'Korbach');
    assert.equal(await field.getAttribute('aria-expanded'), 'false');
    await widget.getByText(de('place.active', { place: 'Korbach (34497)' })).waitFor();
    const distances = await shownDistances(widget);
    assertNonDecreasing(distances, 'near Korbach');
    assert.ok(distances[0] < 2000, `the nearest entry is ${distances[0]} m from Korbach`);
    // Germany's places of the letter typed came from the widget's own folder, not from
    // anywhere else.
    assert.ok(records.requests.some((url) => url.endsWith(shardFile('Korb'))));
    assertClean(records, 'the place field');
  });
});

test('on a phone with the keyboard up, the suggestions open where they can be seen', TEST_OPTIONS, async () => {
  // 375 × 400: a 667 px phone screen with the keyboard over its lower part.
  const contextOptions = { viewport: { width: 375, height: 400 }, isMobile: true, hasTouch: true };
  await withWidget(env, { contextOptions }, async ({ page, widget, records }) => {
    const field = widget.getByRole('combobox', { name: de('place.label') });
    // The field at the bottom of the screen, as it is when the newcomer scrolls to it.
    await field.evaluate((input) => scrollBy(0, input.getBoundingClientRect().bottom - innerHeight + 4));
    const before = await field.evaluate((input) => input.getBoundingClientRect().bottom);
    assert.ok(before > 300, `the field ends ${before} px down the 400 px screen`);
    await field.fill('Korb');
    const options = widget.getByRole('listbox', { name: de('place.label') }).getByRole('option');
    await options.first().waitFor();
    // Six suggestions of two lines are taller than the room left: the first three show whole.
    await until(() => options.nth(2).evaluate((option) => option.getBoundingClientRect().bottom), (bottom) => bottom <= 400, 'the third suggestion shows above the keyboard');
    const top = await field.evaluate((input) => input.getBoundingClientRect().top);
    assert.ok(top >= 0, `the field is still on the screen (${top} px)`);
    await screenshot(page, 'place-keyboard', { fullPage: false });
    assertClean(records, 'the place field');
  });
});

test('the places come from the widget\'s folder when the place field first gets the focus, not before', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget, records } = session;
    const placeFiles = () => records.requests.filter((url) => /places[-/][^/]*\.tsv$/.test(url)).map((url) => new URL(url).pathname);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(placeFiles(), [], 'places fetched before the place field was used');
    // The focus fetches the region's places (a few KB, for the first suggestions).
    const field = widget.getByRole('combobox', { name: de('place.label') });
    await field.focus();
    await until(() => placeFiles(), (files) => files.length === 1, 'the region\'s places');
    assert.deepEqual(placeFiles(), ['/service-finder/places-region.tsv']);
    // The letters typed fetch Germany's places of those letters, and only those (of the first
    // two for a letter with many places, "mu"): a town far from the region is suggested from
    // them.
    await field.fill('Münch');
    const suggestions = widget.getByRole('listbox', { name: de('place.label') });
    await suggestions.getByRole('option', { name: /^München\b/ }).first().waitFor();
    assert.notEqual(shardFile('Münch'), '/service-finder/places/m.tsv', 'm is split');
    assert.deepEqual(placeFiles(), ['/service-finder/places-region.tsv', shardFile('Münch')]);
    // Fetched once per page: the focus again, the other fields, the same letters again fetch
    // nothing more; other letters and a postcode fetch their shards.
    await widget.getByLabel(de('search.label')).focus();
    await field.fill('Münster');
    await suggestions.getByRole('option', { name: /^Münster\b/ }).first().waitFor();
    await field.fill('Marb');
    await suggestions.getByRole('option', { name: /^Marburg\b/ }).first().waitFor();
    await field.fill('8033');
    await suggestions.getByRole('option', { name: /^München\b/ }).first().waitFor();
    assert.deepEqual(placeFiles(), ['/service-finder/places-region.tsv', shardFile('Münch'), shardFile('Marb'), shardFile('8033')]);
    assertClean(records, 'the place field');
  });
});

test('a postcode and a spelling without umlaut find the place; the keyboard drives the list', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget, records } = session;
    const field = widget.getByRole('combobox', { name: de('place.label') });
    const listbox = widget.getByRole('listbox', { name: de('place.label') });

    await field.fill('34497');
    await listbox.waitFor();
    assert.match(await listbox.getByRole('option').first().textContent(), /^Korbach\b/);

    await field.fill('Voehl');
    await listbox.getByRole('option', { name: /^Vöhl/ }).first().waitFor();
    await field.press('ArrowDown');
    const activeId = await field.getAttribute('aria-activedescendant');
    assert.ok(activeId, 'ArrowDown marks a suggestion as active');
    assert.equal(await widget.locator(`[id="${activeId}"]`).getAttribute('aria-selected'), 'true');
    await field.press('Enter');
    assert.equal(await field.inputValue(), 'Vöhl');
    await widget.getByText(de('place.active', { place: 'Vöhl (34516)' })).waitFor();
    assertNonDecreasing(await shownDistances(widget), 'near Vöhl');

    // Escape closes the list without choosing; the clear button removes the place.
    await field.fill('Frankenb');
    await listbox.waitFor();
    await field.press('Escape');
    assert.equal(await field.getAttribute('aria-expanded'), 'false');
    await widget.getByRole('button', { name: de('place.clear') }).click();
    assert.equal(await field.inputValue(), '');
    assert.equal(await shownDistances(widget).then((list) => list.length), 0, 'distances stay after the place was removed');
    assertClean(records, 'the place field');
  });
});

/**
 * Holds back the shard of Germany's places for `text` until `release()` is called (a slow
 * line), and gives the place field and its list.
 */
async function holdShard(page, widget, text) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`**${shardFile(text)}`, async (route) => { await held; await route.continue(); });
  const field = widget.getByRole('combobox', { name: de('place.label') });
  const listbox = widget.getByRole('listbox', { name: de('place.label') });
  return { release, field, listbox };
}

test('a place marked with the arrow keys stays marked when Germany\'s places for its letter arrive', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ page, widget, records }) => {
    // The shard for "v" is held back until a suggestion from the region's places is marked.
    const { release, field, listbox } = await holdShard(page, widget, 'Voehl');
    await field.fill('Voehl');
    const regional = listbox.getByRole('option', { name: /^Vöhl/ }).first();
    await regional.waitFor();
    await field.press('ArrowDown');
    const before = await regional.elementHandle();
    assert.equal(await before.getAttribute('aria-selected'), 'true');
    release();
    // The list is made again from the shard: the old option is gone, Vöhl still marked.
    await until(() => before.evaluate((option) => option.isConnected), (connected) => !connected, 'the list made again');
    const activeId = await field.getAttribute('aria-activedescendant');
    assert.ok(activeId, 'a suggestion is still marked');
    const marked = widget.locator(`[id="${activeId}"]`);
    assert.match(await marked.textContent(), /^Vöhl\b/);
    assert.equal(await marked.getAttribute('aria-selected'), 'true');
    assertClean(records);
  });
});

test('a list closed with Escape stays closed when Germany\'s places for its letter arrive', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ page, widget, records }) => {
    // The shard for "v" is held back until the newcomer has closed the region's suggestions.
    const { release, field, listbox } = await holdShard(page, widget, 'Voehl');
    await field.fill('Voeh');
    await listbox.getByRole('option', { name: /^Vöhl/ }).first().waitFor();
    assert.equal(await listbox.getByRole('option', { name: /^Vöhringen/ }).count(), 0, 'Vöhringen (Baden-Württemberg) is not among the region\'s places');
    await field.press('Escape');
    assert.equal(await field.getAttribute('aria-expanded'), 'false');
    const arrived = page.waitForResponse((response) => response.url().endsWith(shardFile('Voehl')));
    release();
    await arrived;
    // The shard is read in the page's next tasks; one more task after them.
    await page.evaluate(() => new Promise((resolve) => { setTimeout(resolve); }));
    assert.equal(await field.getAttribute('aria-expanded'), 'false', 'the list stays closed');
    assert.equal(await listbox.isVisible(), false);
    // Asked for again, the list has all of Germany's places: the shard had been read.
    await field.press('ArrowDown');
    await listbox.getByRole('option', { name: /^Vöhringen/ }).first().waitFor();
    assertClean(records);
  });
});

test('a place that is not found is said on screen; Germany\'s places that could not be downloaded are said, and asked for again', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ page, widget, records }) => {
    const field = widget.getByRole('combobox', { name: de('place.label') });
    const note = widget.locator('.sf-place-note');
    const shown = async () => ((await note.isVisible()) ? await note.textContent() : null);
    // The phone loses its connection for the first request of the shard ("offline").
    const shard = shardFile('Xqzt');
    let requests = 0;
    await page.route(`**${shard}`, (route) => (requests++ === 0 ? route.abort('internetdisconnected') : route.continue()));
    await field.fill('Xqzt');
    await until(shown, (text) => text === de('place.unavailable'), 'the note that Germany\'s places are missing');
    // Typing on asks for the shard again: now it comes, and has no such place.
    await field.press('End');
    await field.press('y');
    await until(shown, (text) => text === de('place.none'), 'the note that no place matches');
    assert.equal(requests, 2);
    assert.equal(await widget.getByRole('listbox', { name: de('place.label') }).isVisible(), false);
    // A place that is found: the note goes, the suggestions come.
    await field.fill('Korb');
    await widget.getByRole('option', { name: /Korbach/ }).first().waitFor();
    assert.equal(await note.isVisible(), false);
    // The one request cut off, and the browser's own line about it, are all that went wrong.
    assert.deepEqual(records.failedRequests.map((failure) => new URL(failure.split(': ')[0]).pathname), [shard]);
    assert.deepEqual(records.consoleErrors, ['error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    records.failedRequests.length = 0;
    records.consoleErrors.length = 0;
    assertClean(records);
  });
});

test('in Arabic a suggestion\'s German name, postcodes and district each keep their own order', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { locale: 'ar' } }, async ({ widget, records }) => {
    const field = widget.getByRole('combobox', { name: msg('ar', 'place.label') });
    await field.fill('Korbach');
    const option = widget.getByRole('option', { name: /Korbach/ }).first();
    await option.waitFor();
    assert.equal(await field.evaluate((input) => getComputedStyle(input).direction), 'rtl');
    // Each German part is isolated left to right, so that the right-to-left line does not
    // reorder it with the punctuation around it.
    const parts = await option.locator('bdi[dir="ltr"]').allTextContents();
    assert.deepEqual(parts, ['Korbach', '34497', 'Landkreis Waldeck-Frankenberg, Hessen']);
    assert.equal(await option.textContent(), 'Korbach 34497 · Landkreis Waldeck-Frankenberg, Hessen');
    // Chosen, the sentence under the field keeps the name and postcode in their order too.
    await option.click();
    const line = widget.getByText(msg('ar', 'place.active', { place: 'Korbach (34497)' }));
    await line.waitFor();
    assert.deepEqual(await line.locator('bdi[dir="ltr"]').allTextContents(), ['Korbach (34497)']);
    assertClean(records);
  });
});

test('a place far from the directory\'s area: the entries for the whole area are shown, and that nothing is near is said', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ widget, records }) => {
    const field = widget.getByRole('combobox', { name: de('place.label') });
    const note = widget.locator('[data-part="none-near"]');
    await field.fill('Münster');
    await widget.getByRole('option', { name: /Nordrhein-Westfalen/ }).first().click();
    await widget.getByLabel(de('radius.label')).selectOption('25');
    const count = await waitForCount(widget, 'de', (n) => n > 0 && n < DEMO.entries.length, 'the entries for the whole area');
    await note.waitFor();
    assert.equal(await note.textContent(), de('results.noneNear'));
    assert.deepEqual(await shownDistances(widget), [], 'no card is near Münster');
    assert.ok(count < 20, `${count} entries for the whole area`);
    // Near the county the note goes.
    await field.fill('Korbach');
    await widget.getByRole('option', { name: /Korbach/ }).first().click();
    await widget.getByText(de('place.active', { place: 'Korbach (34497)' })).waitFor();
    await until(() => note.count(), (n) => n === 0, 'the note gone near Korbach');
    assert.ok((await shownDistances(widget)).length > 0);
    assertClean(records);
  });
});

test('the place field with its suggestions open has no accessibility violations', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    await widget.getByRole('combobox', { name: de('place.label') }).fill('Fran');
    await widget.getByRole('listbox', { name: de('place.label') }).waitFor();
    const results = await runAxe(page);
    assert.deepEqual(results.violations, [], describeViolations(results));
  });
});

test('the radius narrows the results around a chosen place; place and radius survive a language switch', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget, records } = session;
    const field = widget.getByRole('combobox', { name: de('place.label') });
    await field.fill('Korbach');
    await widget.getByRole('listbox', { name: de('place.label') }).getByRole('option').first().click();
    await widget.getByText(de('place.active', { place: 'Korbach (34497)' })).waitFor();
    const everywhere = await readCount(widget, 'de');

    await widget.getByLabel(de('radius.label')).selectOption('5');
    const within = await waitForCount(widget, 'de', (count) => count < everywhere, 'the 5 km radius narrows the results');
    assert.ok(within > 0, 'something lies within 5 km of Korbach');
    for (const metres of await shownDistances(widget)) {
      assert.ok(metres <= 5000, `a card ${metres} m away is shown within 5 km`);
    }

    await widget.getByLabel(msg('de', 'ui.language')).selectOption('en');
    const en = (key, params) => msg('en', key, params);
    await widget.getByText(en('place.active', { place: 'Korbach (34497)' })).waitFor();
    assert.equal(await widget.getByRole('combobox', { name: en('place.label') }).inputValue(), 'Korbach');
    assert.equal(await widget.getByLabel(en('radius.label')).inputValue(), '5');
    assert.equal(await readCount(widget, 'en'), within, 'the same results in English');
    assertClean(records, 'radius and language switch');
  });
});
