// The officers' checker page (dist/check.html): a German Excel CSV with five known mistakes is
// read in the browser, nothing uploaded; the five are listed in German with their rows and a
// German explanation (the importer's and the core's problems alike), the preview shows the
// imported entries, and the downloaded directory passes `service-finder check`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, TEST_OPTIONS, assertClean, describeViolations, msg, runAxe, screenshot, until, useBrowser, withPage } from './support.mjs';

const env = useBrowser();
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/import/fuenf-fehler.csv');
const BROKEN = path.join(REPO_ROOT, 'tests/fixtures/broken-directory.json');
/** The CLI, as `cargo test` (run before these tests by scripts/test) builds it. */
const CLI = path.join(REPO_ROOT, 'target/debug/service-finder');

test('a spreadsheet with five mistakes: each is listed in German with its row, and the download passes check', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/service-finder/check.html', contextOptions: { acceptDownloads: true } }, async ({ page, records }) => {
    await page.getByRole('heading', { name: 'Verzeichnis prüfen' }).waitFor();
    await page.locator('#file').setInputFiles(FIXTURE);
    const status = page.locator('#status');
    await status.filter({ hasText: '5 Einträge übernommen' }).waitFor();
    assert.match(await status.textContent(), /fuenf-fehler\.csv: 5 Einträge übernommen\. Fehler: 3, Warnungen: 4, Hinweise: 5\./);
    const problem = (entry, text) => page.locator('section.entry', { has: page.getByRole('heading', { name: entry }) }).getByRole('listitem').filter({ hasText: text });
    // Each entry's problems under the name typed in the sheet, with its id.
    const mistakes = [
      ['„Frauentreff Bad Wildungen (Beispiel)“ (Kennung frauentreff-bad-wildungen-beispiel)', 'Fehler Zeile 3, Spalte E-Mail'],
      ['Die Datei', 'Fehler Zeile 4'],
      ['(Kennung sprachcafe-volkmarsen-beispiel)', 'Warnung Zeile 5, Spalte Website'],
      ['(Kennung beratung-fuer-gefluechtete-willingen-beispiel)', 'Warnung Zeile 6, Spalte PLZ'],
      ['(Kennung nachbarschaftshilfe-diemelsee-beispiel)', 'Fehler Zeile 7, Spalte Sprachen'],
    ];
    for (const [entry, text] of mistakes) assert.equal(await problem(entry, text).count(), 1, `${entry}: ${text}`);
    // A category guessed from its words is named once, and the way to change it is shown.
    const guessed = problem('(Kennung sprachcafe-volkmarsen-beispiel)', 'Hinweis Zeile 5, Spalte Kategorie');
    assert.equal(await guessed.locator('.message').textContent(), 'Die Kategorie „Deutschkurs“ wurde als „Integrationskurse (integration-courses)“ geraten, für alle Zeilen mit ihr. Prüfen Sie das; ist es falsch, ändern Sie es in der Kategorien-Zuordnung.');
    assert.ok(await page.locator('#mapping-hint').isVisible(), 'the hint how to change a guess');
    // The sheet has no ids: the officer learns once that a renamed entry gets a new one.
    assert.match(await problem('Die Datei', 'Keine ID bei').locator('.message').textContent(), /^Keine ID bei 5 von 5 Einträgen: Ihre IDs werden aus Name und Ort gebildet \(z\. B\. „integrationslotsen-korbach-beispiel“\)\. Wird ein Eintrag umbenannt/);
    // "Errors only" leaves the three errors and hides the rest.
    const visible = () => page.locator('#problems li:visible').count();
    const all = await visible();
    await page.getByLabel('Nur Fehler zeigen').check();
    assert.equal(await visible(), 3, `${all} problems, 3 of them errors`);
    assert.ok(await problem(mistakes[0][0], mistakes[0][1]).isVisible());
    assert.equal(await problem(mistakes[2][0], mistakes[2][1]).isVisible(), false, 'a warning is hidden');
    await page.getByLabel('Nur Fehler zeigen').uncheck();
    assert.equal(await visible(), all);
    // Each problem explained in German, in the page's language: the importer's …
    const email = problem(mistakes[0][0], mistakes[0][1]).locator('.message');
    assert.equal(await email.textContent(), '„frauentreff.example.org“ ist keine E-Mail-Adresse; schreiben Sie sie wie name@beispiel.de (Wert nicht übernommen).');
    assert.equal(await email.getAttribute('lang'), 'de');
    assert.match(await problem(mistakes[3][0], mistakes[3][1]).textContent(), /Keine Koordinaten: Die Mitte der Postleitzahl 34508 wurde genommen/);
    // No English explanation is left.
    assert.equal(await page.locator('.message').filter({ hasText: / is not | was taken|value ignored/ }).count(), 0);
    // The preview is the widget with the imported directory.
    const preview = page.locator('#preview service-finder');
    await preview.locator('.sf-card').first().waitFor();
    assert.equal(await preview.locator('.sf-card').count(), 5);
    await screenshot(page, 'check-page-de', { fullPage: true });
    const results = await runAxe(page, 'main');
    assert.equal(results.violations.length, 0, describeViolations(results));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verzeichnis herunterladen (directory.json)' }).click()]);
    const saved = path.join(await download.path());
    // Beside the download: how to put it on the website without the server sending the old
    // directory from its compressed copies.
    const publish = await page.locator('.publish').textContent();
    for (const name of ['directory.json.gz', 'directory.json.br', 'first-page']) assert.ok(publish.includes(name), `the publishing note does not name ${name}: ${publish}`);
    assert.ok(existsSync(CLI), `${CLI} is missing: run cargo test first`);
    const check = spawnSync(CLI, ['check', '--lang', 'en', saved], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /: ok: 5 entries, 5 valid/);

    // In English, the same list with English words around it.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Check a directory' }).waitFor();
    const englishEmail = page.getByRole('listitem').filter({ hasText: 'Error Row 3, column E-Mail' });
    assert.equal(await englishEmail.count(), 1);
    assert.equal(await englishEmail.locator('.message').textContent(), '"frauentreff.example.org" is not an e-mail address (value ignored)');
    assert.equal(await englishEmail.locator('.message').getAttribute('lang'), 'en');

    // A directory file is checked by the core alone; its problems are explained in the page's
    // language too.
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.locator('#file').setInputFiles(BROKEN);
    await status.filter({ hasText: 'broken-directory.json' }).waitFor();
    const missingName = problem('Eintrag „no-name“', 'Feld „Name“ (name)').locator('.message');
    assert.equal(await missingName.textContent(), 'Die Pflichtangabe „name“ fehlt.');
    assert.equal(await missingName.getAttribute('lang'), 'de');
    assert.match(await problem('(Kennung script-link)', 'Feld „Website“ (url)').textContent(), /Links mit „javascript:“ sind nicht erlaubt/);
    assert.equal(await page.locator('.message').filter({ hasText: / is not | was taken|value ignored/ }).count(), 0);
    // Read here, not uploaded: only the page's own files were requested.
    assert.ok(records.requests.every((url) => !url.includes('fuenf-fehler')));
    assertClean(records);
  });
});

test('a spreadsheet without a column for the names is refused in German, naming the headings to use; the page fits a phone', TEST_OPTIONS, async () => {
  const contextOptions = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  await withPage(env, { path: '/service-finder/check.html', contextOptions }, async ({ page, records }) => {
    await page.getByRole('heading', { name: 'Verzeichnis prüfen' }).waitFor();
    // Nothing on the page is wider than the phone (the file field was 347 px in a 307 px box).
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
    await page.locator('#file').setInputFiles({ name: 'eigene-spalten.csv', mimeType: 'text/csv', buffer: Buffer.from('Ort;PLZ;Telefon\nKorbach;34497;05631 000 000\n') });
    const status = page.locator('#status');
    await status.filter({ hasText: 'eigene-spalten.csv' }).filter({ hasText: 'Zeile 1' }).waitFor();
    assert.equal(
      await status.textContent(),
      'Die Datei eigene-spalten.csv kann nicht gelesen werden: Zeile 1: Es fehlt die Kopfzeile mit der Spalte für die Namen der Angebote. Nennen Sie diese Spalte „Name“, „Bezeichnung“, „Angebot“ oder „Einrichtung“; die Kopfzeile muss unter den ersten fünf beschriebenen Zeilen stehen. Am einfachsten ist die Vorlage (vorlage-angebote.xlsx).',
    );
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
    assertClean(records);
  });
});

test('an officer\'s own list: a title above the header, "PLZ/Ort" in one column, a column without a heading, brackets in phone numbers, "gestern" as a date, "kostenlos" as fees, contact persons and a source note below the table', TEST_OPTIONS, async () => {
  const csv = [
    'Integrationsangebote im Landkreis Waldeck-Frankenberg – Stand November 2026;;;;;;;;',
    'Angebot;Straße;PLZ/Ort;Telefon;E-Mail;;Geprüft am;Kosten;Ansprechpartner/in',
    'Beratung Korbach (Beispiel);Südring 2;34497 Korbach;(05631) 96 54-0;info@example.org;nach Vereinbarung;gestern;kostenlos;Frau Beispiel',
    'Sprachcafé (Beispiel);Hauptstraße 1;D-35066 Frankenberg (Eder);+49 (0) 6451 000-1234;;;5.3.;;',
    ';;;;;;;;',
    'Quelle: Landkreis Waldeck-Frankenberg;;;;;;;;',
  ].join('\r\n');
  await withPage(env, { path: '/service-finder/check.html' }, async ({ page, records }) => {
    await page.getByRole('heading', { name: 'Verzeichnis prüfen' }).waitFor();
    // Dates without their year are read against the officer's day.
    await page.clock.setFixedTime(new Date('2026-03-02T10:00:00'));
    // The template is one click away.
    assert.equal(await page.getByRole('link', { name: 'Vorlage für eine neue Tabelle herunterladen (Excel)' }).getAttribute('href'), 'vorlage-angebote.xlsx');
    await page.locator('#file').setInputFiles({ name: 'angebote.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const status = page.locator('#status');
    await status.filter({ hasText: '2 Einträge übernommen' }).waitFor();
    const item = (text) => page.locator('#problems li').filter({ hasText: text });
    assert.equal(await item('Hinweis Zeile 1').filter({ hasText: 'steht über der Kopfzeile und ist kein Eintrag' }).count(), 1);
    assert.equal(await item('Warnung Zeile 3, Spalte F').filter({ hasText: 'Spalte F hat keine Überschrift; ihre Werte werden nicht übernommen (Zeilen: 3)' }).count(), 1);
    assert.equal(await item('Kein Titel angegeben').count(), 1);
    assert.equal(await item('Warnung Zeile 3, Spalte Geprüft am').filter({ hasText: '„gestern“ wurde als 01.03.2026 gelesen' }).count(), 1);
    assert.equal(await item('Warnung Zeile 4, Spalte Geprüft am').filter({ hasText: '„5.3.“ wurde als 05.03.2025 gelesen' }).count(), 1);
    // The source note is no entry; "kostenlos" is free of charge; people's names are not published.
    assert.equal(await item('Hinweis Zeile 6').filter({ hasText: '„Quelle: Landkreis Waldeck-Frankenberg“ steht unter der Tabelle, nach einer leeren Zeile, und ist kein Eintrag' }).count(), 1);
    assert.equal(await item('Hinweis Zeile 3, Spalte Kosten').filter({ hasText: '„kostenlos“ wurde als „kostenlos“ gelesen (Spalte „Kostenlos“: ja)' }).count(), 1);
    assert.equal(await item('Hinweis Zeile 2, Spalte Ansprechpartner/in').filter({ hasText: 'nennt Personen ohne ihre Telefonnummern; ihre Werte werden nicht übernommen' }).count(), 1);
    // The core's check names a field by the template's heading.
    assert.equal(await item('Warnung Feld „Herausgeber“ (publisher)').count(), 1);
    // Postcode and town were split: the entries are placed, and nothing says otherwise.
    assert.equal(await page.locator('#problems').filter({ hasText: /unbekannt|Weder Koordinaten/ }).count(), 0);
    const preview = page.locator('#preview service-finder');
    const korbach = preview.locator('li > article').filter({ hasText: 'Beratung Korbach' });
    await korbach.waitFor();
    assert.match(await korbach.textContent(), /Südring 2, 34497 Korbach/);
    assert.match(await korbach.textContent(), new RegExp(msg('de', 'card.free')));
    assert.doesNotMatch(await preview.textContent(), /Frau Beispiel|Quelle: Landkreis/);
    assert.equal(await korbach.getByRole('link', { name: 'Anrufen' }).getAttribute('href'), 'tel:0563196540');
    // A first import has no categories: no empty "Themen" group beside the kinds.
    assert.ok(await preview.locator('legend', { hasText: /^Art$/ }).isVisible());
    assert.equal(await preview.locator('legend', { hasText: /^Themen$/ }).isVisible(), false);
    const cafe = preview.locator('li > article').filter({ hasText: 'Sprachcafé' });
    assert.equal(await cafe.getByRole('link', { name: 'Anrufen' }).getAttribute('href'), 'tel:+4964510001234');
    assertClean(records);
  });
});

test('an edited category mapping dropped onto the page reads the spreadsheet again with it', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/service-finder/check.html', contextOptions: { acceptDownloads: true } }, async ({ page, records }) => {
    await page.getByRole('heading', { name: 'Verzeichnis prüfen' }).waitFor();
    await page.locator('#file').setInputFiles(FIXTURE);
    await page.locator('#status').filter({ hasText: '5 Einträge übernommen' }).waitFor();
    assert.ok(await page.locator('#mapping-hint').isVisible(), 'the page says what to do with an edited mapping');
    const text = async (link) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(link).click()]);
      return readFileSync(await download.path(), 'utf8');
    };
    // The officer downloads the mapping, in German, and files "Erstberatung" under a category
    // of the county's own.
    const mapping = await text('#mapping');
    assert.match(mapping, /^# service-finder: Kategorien der Quelle/);
    assert.match(mapping, /^Erstberatung = /m);
    const edited = mapping.replace(/^Erstberatung = .*$/m, 'Erstberatung = erstberatung-im-kreis');
    const before = await page.locator('#download').getAttribute('href');
    await page.locator('#file').setInputFiles({ name: 'kategorien.txt', mimeType: 'text/plain', buffer: Buffer.from(edited) });
    await until(() => page.locator('#download').getAttribute('href'), (href) => href !== before, 'the spreadsheet read again');
    await page.locator('#status').filter({ hasText: 'fuenf-fehler.csv: 5 Einträge übernommen' }).waitFor();
    const directory = JSON.parse(await text('#download'));
    const lotsen = directory.entries.find((entry) => entry.name === 'Integrationslotsen Korbach (Beispiel)');
    assert.deepEqual(lotsen.categories, ['erstberatung-im-kreis']);
    assert.ok(directory.categories.some((category) => category.id === 'erstberatung-im-kreis'));
    assertClean(records);
  });
});
