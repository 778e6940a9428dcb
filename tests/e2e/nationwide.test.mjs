// Nationwide as static files (issue 16): `service-finder nationwide` publishes test data for a
// few districts, and a county's widget with the `nationwide` attribute loads its neighbours'
// directories when a radius reaches into them, and searches all of Germany through the term
// index, fetching only the shard of each word and the nearest districts that have the words.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { DEMO, KORBACH, NATIONWIDE_DIR, REPO_ROOT, TEST_OPTIONS, assertClean, cardsLocator, msg, readCount, screenshot, until, useBrowser, waitForCount, withWidget } from './support.mjs';

const env = useBrowser();
const de = (key, values) => msg('de', key, values);

/** The demo's own district, its neighbours, and two far away (Berlin, München). */
const DISTRICTS = ['06635', '06633', '06611', '06634', '06534', '05958', '05762', '11000', '09162'];
const ENTRIES = 100;

before(() => {
  rmSync(NATIONWIDE_DIR, { recursive: true, force: true });
  execFileSync('cargo', ['run', '--quiet', '--locked', '--', 'nationwide', '--districts', DISTRICTS.join(','), '--entries-per-district', String(ENTRIES), '-o', NATIONWIDE_DIR], { cwd: REPO_ROOT, stdio: 'inherit' });
});

/** The published districts by AGS, as index.json lists them. */
function districts() {
  const index = JSON.parse(readFileSync(path.join(NATIONWIDE_DIR, 'index.json'), 'utf8'));
  return Object.fromEntries(index.districts.map((district) => [district.ags, district]));
}

/** The district files the page fetched, by AGS. */
function fetchedDistricts(records) {
  return records.requests.map((url) => /\/nationwide\/districts\/(\d{5})\./.exec(url)?.[1]).filter(Boolean).sort();
}

const PAGE = {
  path: '/e2e/blank.html',
  html: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Landkreis</title></head><body>
    <script type="module" src="/service-finder/service-finder.js"></script>
    <service-finder nationwide="/nationwide/index.json"></service-finder></body></html>`,
};

test('a radius that reaches into other districts loads those districts, and only those', TEST_OPTIONS, async () => {
  await withWidget(env, { ...PAGE, contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async ({ page, widget, records }) => {
    assert.equal(await readCount(widget, 'de'), DEMO.entries.length);
    // The entry file comes after the first results; no district yet.
    await until(async () => records.requests.some((url) => url.endsWith('/nationwide/index.json')), Boolean, 'the entry file is read');
    assert.deepEqual(fetchedDistricts(records), []);

    await widget.getByRole('button', { name: de('location.use') }).click();
    await widget.getByRole('button', { name: de('location.stop') }).waitFor();
    await widget.getByLabel(de('radius.label')).selectOption('50');
    // Korbach is about 30 km from Landkreis Kassel and Hochsauerlandkreis, 45 km from the city of
    // Kassel; Berlin and München are hundreds of km away, and the own district is the demo.
    await until(async () => fetchedDistricts(records), (fetched) => fetched.includes('06633') && fetched.includes('05958'), 'the neighbours within 50 km are fetched');
    const fetched = fetchedDistricts(records);
    for (const far of ['11000', '09162', '06635']) assert.ok(!fetched.includes(far), `${far} is not fetched: ${fetched}`);
    // Their entries within 50 km join the list, with their source on the card.
    await widget.getByRole('searchbox').fill('Kassel');
    await waitForCount(widget, 'de', (count) => count > 0, 'entries from around Kassel are found');
    const sources = await cardsLocator(widget).locator('[data-part="source"]').allTextContents();
    assert.ok(sources.some((source) => /Quelle: (Landkreis )?Kassel \(Testdaten\)/.test(source)), sources.join('\n'));
    await screenshot(page, 'nationwide-radius');
    assertClean(records);
  });
});

test('a place chosen in another district loads the districts around it, and its offers come first', TEST_OPTIONS, async () => {
  await withWidget(env, PAGE, async ({ widget, records }) => {
    await readCount(widget, 'de');
    await until(async () => records.requests.some((url) => url.endsWith('/nationwide/index.json')), Boolean, 'the entry file is read');
    const field = widget.getByRole('combobox', { name: de('place.label') });
    await field.fill('Kassel');
    await widget.getByRole('listbox', { name: de('place.label') }).getByRole('option', { name: /^Kassel\b/ }).first().click();
    // No radius: the districts within 10 km of the city of Kassel, the city itself among them.
    await until(async () => fetchedDistricts(records), (fetched) => fetched.includes('06611'), 'the city of Kassel is fetched');
    const fetched = fetchedDistricts(records);
    for (const far of ['11000', '09162', '05762']) assert.ok(!fetched.includes(far), `${far} is not fetched: ${fetched}`);
    // Sorted by distance: the nearest offers are Kassel's now, not the own county's.
    await until(() => cardsLocator(widget).first().locator('[data-part="source"]').count(), (count) => count === 1, 'the nearest offer comes from a loaded district');
    assert.match(await cardsLocator(widget).first().locator('[data-part="source"]').textContent(), /Kassel \(Testdaten\)/);
    assertClean(records);
  });
});

test('searching all of Germany fetches one shard per word and the nearest districts that have it', TEST_OPTIONS, async () => {
  await withWidget(env, PAGE, async ({ page, widget, records }) => {
    await readCount(widget, 'de');
    // München: a word of the far district's entries only; the demo has nothing.
    await widget.getByRole('searchbox').fill('München');
    const search = widget.getByRole('button', { name: de('nationwide.search') });
    await search.click();
    await widget.getByText(de('nationwide.shown', { names: 'München (Testdaten)' })).waitFor();
    await waitForCount(widget, 'de', (count) => count > 0, 'München\'s entries are found');
    const cards = cardsLocator(widget);
    assert.match(await cards.first().locator('[data-part="source"]').textContent(), /München \(Testdaten\)/);
    // Only what the query needs: the entry file, the shard of "munchen", the one district.
    const nationwide = records.requests.filter((url) => url.includes('/nationwide/')).map((url) => url.replace(/^.*\/nationwide\//, ''));
    const { '09162': munich } = districts();
    assert.deepEqual(nationwide.sort(), [`districts/09162.${munich.hash}.json`, 'index.json', nationwide.find((url) => url.endsWith('/mu.tsv'))].sort());
    await screenshot(page, 'nationwide-search');

    // A word that no district has: said so, and nothing more is fetched.
    await widget.getByRole('searchbox').fill('Zauberflötenreparatur');
    await widget.getByRole('button', { name: de('nationwide.search') }).click();
    await widget.getByText(de('nationwide.none')).waitFor();
    assert.equal(fetchedDistricts(records).length, 1);
    assertClean(records);
  });
});

test('in Arabic, searching all of Germany finds the German offers through the thesaurus', TEST_OPTIONS, async () => {
  const page = { ...PAGE, html: PAGE.html.replace('<html lang="de">', '<html lang="ar" dir="rtl">').replace('<service-finder ', '<service-finder lang="ar" fixed-language ') };
  await withWidget(env, page, async ({ page: tab, widget, records }) => {
    const ar = (key, values) => msg('ar', key, values);
    await readCount(widget, 'ar');
    // The thesaurus is there once the core has had it (it loads after the first results).
    await until(async () => records.requests.some((url) => url.includes('/thesaurus/ar.txt')), Boolean, 'the Arabic thesaurus is loaded');
    // "راتهاوس" ("Rathaus" in Arabic letters, the town hall): the generated districts say
    // "Stadtverwaltung", never this word; the thesaurus's concept names both.
    await widget.getByRole('searchbox').fill('راتهاوس');
    await widget.getByRole('button', { name: ar('nationwide.search') }).click();
    const shown = widget.locator('[data-part="nationwide"] p');
    await until(() => shown.textContent(), (text) => text.startsWith(ar('nationwide.shown', { names: '' }).trim()), 'districts are added');
    assert.ok(fetchedDistricts(records).length >= 1);
    const sources = await cardsLocator(widget).locator('[data-part="source"]').allTextContents();
    assert.ok(sources.length > 0, 'cards from the added districts are shown');
    await screenshot(tab, 'nationwide-ar');
    assertClean(records);
  });
});

