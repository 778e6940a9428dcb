// Bad directories: a broken one shows its valid entries and a friendly message (and the
// webmaster finds the problems in the console); one that cannot be loaded shows the error.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  TEST_OPTIONS,
  cardsLocator,
  msg,
  openPage,
  readCount,
  screenshot,
  until,
  useBrowser,
  waitForWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key) => msg('de', key);

/** A plain German page with the widget loading `src`. */
function pageWith(src) {
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Broken directory</title></head>
<body>
<script type="module" src="/service-finder/service-finder.js"></script>
<service-finder src="${src}"></service-finder>
</body>
</html>`;
}

async function openWith(src) {
  const session = await openPage(env, { path: '/e2e/blank.html' });
  await session.page.setContent(pageWith(src));
  return session;
}

test('a broken directory shows its 7 valid entries and a friendly message', TEST_OPTIONS, async () => {
  const session = await openWith('/test/broken-directory.json');
  try {
    const { page, widget, records } = session;
    await waitForWidget(session, null);
    const alert = widget.getByRole('alert');
    await alert.filter({ hasText: de('error.partial') }).first().waitFor();
    assert.equal(await widget.getByText(de('error.fatal')).count(), 0);
    // The fixture has 9 entries: 7 are valid; a missing name and a repeated id are skipped.
    assert.equal(await readCount(widget, 'de'), 7);
    await cardsLocator(widget).nth(6).waitFor();
    assert.equal(await cardsLocator(widget).count(), 7);
    const names = (await widget.locator('li > article h3 button').allTextContents()).map((name) => name.trim());
    const valid = [
      'Migrationsberatung Korbach',
      'Jobcenter Bad Arolsen',
      'Sportverein',
      'Beratung mit gefährlichem Link',
      'Deutschkurs A1',
      'Interkultureller Garten',
      'Frauentreff',
    ];
    assert.deepEqual([...names].sort(), [...valid].sort());
    assert.equal(
      (await widget.getByRole('heading', { level: 2 }).first().textContent()).trim(),
      'Kaputtes Beispielverzeichnis',
    );
    // The javascript: link was dropped, and no link uses another unsafe scheme.
    const hrefs = await widget.locator('a[href]').evaluateAll((elements) => elements.map((element) => element.href));
    for (const href of hrefs) assert.match(href, /^(https?:|mailto:|tel:|geo:)/, href);
    // The webmaster sees the problems in the console, with the entry ids.
    await until(
      async () => [...records.consoleMessages, ...records.consoleValues].join('\n'),
      (text) => ['swapped-coordinates', 'script-link', 'no-name', 'bad-email'].every((id) => text.includes(id)),
      'the problems in the console',
    );
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.deepEqual(records.externalRequests, [], 'requests off 127.0.0.1');
    await screenshot(page, 'broken-directory');
  } finally {
    await session.close();
  }
});

test('a directory that cannot be loaded (404) shows the error message', TEST_OPTIONS, async () => {
  const session = await openWith('/test/no-such-directory.json');
  try {
    const { page, widget, records } = session;
    await waitForWidget(session, 'error');
    const alert = widget.getByRole('alert').filter({ hasText: de('error.fatal') });
    await alert.first().waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.ok(
      [...records.consoleMessages, ...records.consoleValues].some((message) => /no-such-directory\.json|404/.test(message)),
      `the console does not tell the webmaster what failed: ${records.consoleMessages.join(' | ')}`,
    );
    await screenshot(page, 'directory-404');
  } finally {
    await session.close();
  }
});

test('a src that is not a directory (an HTML page) shows the error message', TEST_OPTIONS, async () => {
  const session = await openWith('/e2e/blank.html');
  try {
    const { widget, records } = session;
    await waitForWidget(session, 'error');
    await widget.getByRole('alert').filter({ hasText: de('error.fatal') }).first().waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
    assert.deepEqual(records.pageErrors, [], 'page errors');
  } finally {
    await session.close();
  }
});
