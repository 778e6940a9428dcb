// Neighbouring counties: a widget with the `neighbours` attribute shows the county's own
// directory and the neighbours' as one list, with the right counts, each neighbour's card naming
// its source, the entry that both list shown once, and a neighbour's missing file costing
// nothing but a warning.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DEMO, REPO_ROOT, TEST_OPTIONS, assertClean, cardsLocator, msg, readCount, until, useBrowser, waitForCount, withWidget } from './support.mjs';

const env = useBrowser();
const de = (key, values) => msg('de', key, values);
const KASSEL = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/neighbour-kassel.json'), 'utf8'));

/** A county page with the demo directory and, as neighbours, the files `neighbours` names. */
function page(neighbours) {
  return {
    path: '/e2e/blank.html',
    html: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Nachbarkreise</title></head><body>
      <script type="module" src="/service-finder/service-finder.js"></script>
      <service-finder neighbours="${neighbours}"></service-finder></body></html>`,
  };
}

test('the neighbours\' entries join the list, with their source on the card and shared ones once', TEST_OPTIONS, async () => {
  await withWidget(env, page('/test/neighbour-kassel.json'), async ({ widget, records }) => {
    // Eight entries in the neighbour's file, one the same as the own county's.
    const total = DEMO.entries.length + KASSEL.entries.length - 1;
    assert.equal(await readCount(widget, 'de'), total);
    // The counts cover both: one association more.
    const associations = DEMO.entries.filter((entry) => entry.kind === 'association').length + 1;
    await widget.getByRole('group', { name: de('filters.kind') }).getByRole('button', { name: new RegExp(`^${de('kind.association')} ${associations}$`) }).waitFor();

    await widget.getByRole('searchbox').fill('Zierenberg');
    await waitForCount(widget, 'de', (count) => count === 1, 'the neighbour\'s association is found');
    const card = cardsLocator(widget).first();
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 12)));
    assert.equal(await card.locator('[data-part="source"]').textContent(), de('card.source.date', { source: 'Landkreis Kassel', date }));

    // The office both counties list: once, the own county's copy, without a source line.
    // (The thesaurus may add other offers in Volkmarsen below it: the office is counted.)
    await widget.getByRole('searchbox').fill('Integrationsbüro Volkmarsen');
    const offices = cardsLocator(widget).filter({ hasText: 'Integrationsbüro Volkmarsen' });
    await until(() => offices.count(), (count) => count === 1, 'the shared entry is shown once');
    assert.equal(await cardsLocator(widget).first().getAttribute('data-entry'), 'wf-svc-066');
    assert.equal(await cardsLocator(widget).first().locator('[data-part="source"]').count(), 0);

    // An id both files use: the neighbour's entry is kept, under an id of its own.
    await widget.getByRole('searchbox').fill('Sprachcafé Naumburg');
    await waitForCount(widget, 'de', (count) => count >= 1, 'the neighbour\'s café is found');
    assert.equal(await cardsLocator(widget).first().getAttribute('data-entry'), '06633:wf-svc-045');
    assertClean(records);
  });
});

test('a neighbour\'s file that is missing leaves the own directory showing, with a warning', TEST_OPTIONS, async () => {
  await withWidget(env, page('/test/no-such-neighbour.json /test/neighbour-kassel.json'), async ({ widget, records }) => {
    assert.equal(await readCount(widget, 'de'), DEMO.entries.length + KASSEL.entries.length - 1);
    await cardsLocator(widget).first().waitFor();
    assert.ok(records.consoleMessages.some((line) => line.startsWith('warning: service-finder: the neighbours\' directory') && line.includes('no-such-neighbour.json')), records.consoleMessages.join('\n'));
    assert.deepEqual(records.httpErrors.map((line) => line.replace(/http:\/\/[^/]+/, '')), ['404 /test/no-such-neighbour.json']);
    assert.deepEqual(records.externalRequests, []);
    assert.deepEqual(records.pageErrors, []);
  });
});
