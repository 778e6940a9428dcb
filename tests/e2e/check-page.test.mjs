// The officers' checker page (dist/check.html): a German Excel CSV with five known mistakes is
// read in the browser, nothing uploaded; the five are listed in German with their rows, the
// preview shows the imported entries, and the downloaded directory passes `service-finder
// check`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, TEST_OPTIONS, assertClean, describeViolations, runAxe, screenshot, useBrowser, withPage } from './support.mjs';

const env = useBrowser();
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/import/fuenf-fehler.csv');
/** The CLI, as `cargo test` (run before these tests by scripts/test) builds it. */
const CLI = path.join(REPO_ROOT, 'target/debug/service-finder');

test('a spreadsheet with five mistakes: each is listed in German with its row, and the download passes check', TEST_OPTIONS, async () => {
  await withPage(env, { path: '/service-finder/check.html', contextOptions: { acceptDownloads: true } }, async ({ page, records }) => {
    await page.getByRole('heading', { name: 'Verzeichnis prüfen' }).waitFor();
    await page.locator('#file').setInputFiles(FIXTURE);
    const status = page.locator('#status');
    await status.filter({ hasText: '5 Einträge übernommen' }).waitFor();
    assert.match(await status.textContent(), /fuenf-fehler\.csv: 5 Einträge übernommen, 3 Fehler/);
    const problem = (entry, text) => page.locator('section.entry', { has: page.getByRole('heading', { name: entry }) }).getByRole('listitem').filter({ hasText: text });
    const mistakes = [
      ['Eintrag „frauentreff-bad-wildungen-beispiel“', 'Fehler Zeile 3, Spalte E-Mail'],
      ['Die Datei', 'Fehler Zeile 4'],
      ['Eintrag „sprachcafe-volkmarsen-beispiel“', 'Warnung Zeile 5, Spalte Website'],
      ['Eintrag „beratung-fuer-gefluechtete-willingen-beispiel“', 'Warnung Zeile 6, Spalte PLZ'],
      ['Eintrag „nachbarschaftshilfe-diemelsee-beispiel“', 'Fehler Zeile 7, Spalte Sprachen'],
    ];
    for (const [entry, text] of mistakes) assert.equal(await problem(entry, text).count(), 1, `${entry}: ${text}`);
    // The preview is the widget with the imported directory.
    const preview = page.locator('#preview service-finder');
    await preview.locator('.sf-card').first().waitFor();
    assert.equal(await preview.locator('.sf-card').count(), 5);
    await screenshot(page, 'check-page-de', { fullPage: true });
    const results = await runAxe(page, 'main');
    assert.equal(results.violations.length, 0, describeViolations(results));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verzeichnis herunterladen (directory.json)' }).click()]);
    const saved = path.join(await download.path());
    assert.ok(existsSync(CLI), `${CLI} is missing: run cargo test first`);
    const check = spawnSync(CLI, ['check', saved], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /: ok: 5 entries, 5 valid/);

    // In English, the same list with English words around it.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Check a directory' }).waitFor();
    assert.equal(await page.getByRole('listitem').filter({ hasText: 'Error Row 3, column E-Mail' }).count(), 1);
    // Read here, not uploaded: only the page's own files were requested.
    assert.ok(records.requests.every((url) => !url.includes('fuenf-fehler')));
    assertClean(records);
  });
});
