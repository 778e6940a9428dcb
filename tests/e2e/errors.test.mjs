// Bad directories: a broken one shows its valid entries and says how many are left out (and the
// webmaster finds the problems in the console, at most 20 of them); values ignored in entries
// that are shown, and bytes that are not UTF-8, say nothing to the newcomer; a directory with no
// valid entry says so once; one that cannot be loaded shows the error.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  TEST_OPTIONS,
  cardsLocator,
  describeViolations,
  msg,
  readCount,
  runAxe,
  screenshot,
  until,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key, params) => msg('de', key, params);

/** A plain page in `lang` with the widget loading `src`. */
function pageWith(src, lang = 'de') {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Broken directory</title></head>
<body>
<script type="module" src="/service-finder/service-finder.js"></script>
<service-finder src="${src}"></service-finder>
</body>
</html>`;
}

/**
 * Opens the widget on `src` in a page and a browser in `lang`, waits until it reaches `state` ('ready' by
 * default, 'error', or null for either), runs `body(session)` and closes the page; `directory`
 * (bytes or an object written as JSON) is served at `src` when given.
 */
function withDirectory(src, { lang = 'de', directory, state = 'ready' }, body) {
  const setup = directory === undefined ? undefined : ({ context }) => {
    const bytes = Buffer.isBuffer(directory) ? directory : Buffer.from(JSON.stringify(directory, null, 2));
    return context.route(`**${src}`, (route) => route.fulfill({ contentType: 'application/json', body: bytes }));
  };
  // A page in `lang` read in a browser in `lang`: the widget speaks the browser's language first.
  const contextOptions = { locale: lang };
  return withWidget(env, { path: '/e2e/blank.html', html: pageWith(src, lang), setup, state, contextOptions }, body);
}

/** A directory with `entries`, made for a test. */
function directoryWith(entries) {
  return {
    format_version: 1,
    title: { de: 'Testverzeichnis', en: 'Test directory' },
    publisher: { name: 'Test' },
    default_language: 'de',
    entries,
  };
}

/** A valid entry, number `number`, in Korbach; `fields` change or add fields. */
function entry(number, fields = {}) {
  return {
    id: `entry-${number}`,
    kind: 'service',
    name: `Beratung Nummer ${number}`,
    categories: ['migration-counselling'],
    location: { city: 'Korbach', postal_code: '34497', latitude: 51.2756, longitude: 8.873 },
    ...fields,
  };
}

/** The entries of the widget's console lines: `warning: service-finder: …`. */
function widgetConsole(records) {
  return records.consoleMessages.filter((message) => message.includes('service-finder:'));
}

test('a broken directory shows its 7 valid entries and says that 2 are left out', TEST_OPTIONS, async () => {
  await withDirectory('/test/broken-directory.json', { state: null }, async (session) => {
    const { page, widget, records } = session;
    const alert = widget.getByRole('alert');
    // "2 Einträge des Verzeichnisses sind fehlerhaft und werden nicht angezeigt. …"
    await alert.filter({ hasText: de('error.skipped', { count: 2 }) }).first().waitFor();
    assert.equal(await alert.count(), 1, 'one message for the newcomer');
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
  });
});

test('a directory that cannot be loaded (404) shows the error message', TEST_OPTIONS, async () => {
  await withDirectory('/test/no-such-directory.json', { state: 'error' }, async (session) => {
    const { page, widget, records } = session;
    const alert = widget.getByRole('alert').filter({ hasText: de('error.fatal') });
    await alert.first().waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
    // A way to try again: it asks for the directory again, which fails again here and says so.
    await Promise.all([page.waitForRequest(/no-such-directory\.json/), alert.getByRole('button', { name: de('error.retry') }).click()]);
    await alert.first().waitFor();
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.ok(
      [...records.consoleMessages, ...records.consoleValues].some((message) => /no-such-directory\.json|404/.test(message)),
      `the console does not tell the webmaster what failed: ${records.consoleMessages.join(' | ')}`,
    );
    await screenshot(page, 'directory-404');
  });
});

test('a src that is not a directory (an HTML page) shows the error message', TEST_OPTIONS, async () => {
  await withDirectory('/e2e/blank.html', { state: 'error' }, async (session) => {
    const { widget, records } = session;
    await widget.getByRole('alert').filter({ hasText: de('error.fatal') }).first().waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
    assert.deepEqual(records.pageErrors, [], 'page errors');
  });
});

// Each case: a directory, and what the newcomer sees: the message (key and count) or none, and
// how many cards.
const NEWCOMER_CASES = [
  {
    name: 'values ignored in entries that are shown: no message',
    lang: 'de',
    entries: [entry(1), entry(2, { email: 'beratung(at)example.org' }), entry(3, { languages: ['deutsch'] })],
    message: null,
    cards: 3,
    console: ['entry-2', 'entry-3'],
  },
  {
    name: 'one entry left out: the singular',
    lang: 'en',
    entries: [entry(1), entry(2, { name: undefined }), entry(3)],
    message: { key: 'error.skipped', count: 1 },
    cards: 2,
    console: ['entry-2'],
  },
  {
    name: 'three entries left out: the count, in the plural',
    lang: 'en',
    entries: [entry(1), entry(2, { kind: 'shop' }), entry(3, { name: undefined }), entry(4, { id: 'entry-1' }), entry(5)],
    message: { key: 'error.skipped', count: 3 },
    cards: 2,
    console: ['entry-2', 'entry-3', 'entry-1'],
  },
  {
    name: 'three entries left out, in Ukrainian (the form "few")',
    lang: 'uk',
    entries: [entry(1), entry(2, { kind: 'shop' }), entry(3, { name: undefined }), entry(4, { id: 'entry-1' }), entry(5)],
    message: { key: 'error.skipped', count: 3 },
    cards: 2,
    console: [],
  },
];

for (const { name, lang, entries, message, cards, console: ids } of NEWCOMER_CASES) {
  test(`newcomers are told the truth: ${name}`, TEST_OPTIONS, async () => {
    await withDirectory('/generated/directory.json', { lang, directory: directoryWith(entries) }, async (session) => {
      const { widget, records } = session;
      await waitForCount(widget, lang, (count) => count === cards, `${cards} results`);
      assert.equal(await cardsLocator(widget).count(), cards);
      const alerts = (await widget.getByRole('alert').allTextContents()).map((text) => text.trim());
      assert.deepEqual(alerts, message ? [msg(lang, message.key, { count: message.count })] : []);
      if (message) assert.match(alerts[0], new RegExp(new Intl.NumberFormat(lang).format(message.count)));
      const written = widgetConsole(records).join('\n');
      for (const id of ids) assert.ok(written.includes(id), `the console names ${id}: ${written}`);
      assert.deepEqual(records.pageErrors, [], 'page errors');
    });
  });
}

test('a directory without one valid entry says so once, with no results list', TEST_OPTIONS, async () => {
  const entries = [entry(1, { name: undefined }), entry(2, { kind: 'shop' }), entry(3, { id: '' })];
  await withDirectory('/generated/directory.json', { directory: directoryWith(entries) }, async (session) => {
    const { page, widget, records } = session;
    const alert = widget.getByRole('alert');
    await alert.first().waitFor();
    assert.deepEqual((await alert.allTextContents()).map((text) => text.trim()), [de('error.empty')]);
    // Not "entries are not shown" above "0 results": no count, no list, nothing to search.
    assert.equal(await readCount(widget, 'de'), null);
    assert.equal(await widget.getByText(de('results.empty')).count(), 0);
    assert.equal(await widget.locator('ul, input[type="search"]').count(), 0);
    assert.equal((await widget.getByRole('heading', { level: 2 }).textContent()).trim(), 'Testverzeichnis');
    assert.ok(widgetConsole(records).some((line) => line.includes('entries not shown: 3.')), widgetConsole(records).join('\n'));
    assert.deepEqual(records.pageErrors, [], 'page errors');
    assert.deepEqual(describeViolations(await runAxe(page)), [], 'axe, WCAG 2.1 A/AA');
    await screenshot(page, 'directory-nothing-valid');
  });
});

test('the console gets a summary, 20 problems and how many more, not one line each', TEST_OPTIONS, async () => {
  // 45 entries with an e-mail address that is not one: 45 problems, every entry shown.
  const entries = Array.from({ length: 45 }, (_, index) => entry(index + 1, { email: `nummer${index + 1}(at)example.org` }));
  await withDirectory('/generated/directory.json', { directory: directoryWith(entries) }, async (session) => {
    const { widget, records } = session;
    await waitForCount(widget, 'de', (count) => count === 45, '45 results');
    assert.equal(await widget.getByRole('alert').count(), 0, 'no message: every entry is shown');
    const lines = await until(
      async () => widgetConsole(records),
      (found) => found.some((line) => /more problem/.test(line)),
      'the last console line',
    );
    const problems = Number(/(\d+) problem\(s\) in/.exec(lines[0])?.[1]);
    assert.ok(problems >= 45, `the summary comes first and counts the problems: ${lines[0]}`);
    assert.match(lines[0], /entries not shown: 0\. .*service-finder check/);
    assert.equal(lines.length, 1 + 20 + 1, lines.join('\n'));
    assert.ok(lines.slice(1, 21).every((line) => /line \d+: (error|warning):/.test(line)), lines.join('\n'));
    assert.match(lines[21], new RegExp(`${problems - 20} more problem\\(s\\).*service-finder check`));
  });
});

test('bytes that are not UTF-8 keep every entry and the console says where they are', TEST_OPTIONS, async () => {
  // A name saved in Windows-1252 ("Vöhl" as 56 F6 68 6C) in a file that is otherwise UTF-8.
  const text = JSON.stringify(directoryWith([entry(1), entry(2, { name: 'Beratung in V@hl' }), entry(3)]), null, 2);
  const [before, after] = text.split('@');
  const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xf6]), Buffer.from(after)]);
  const line = before.split('\n').length;
  const column = Buffer.byteLength(before.split('\n').at(-1)) + 1;
  await withDirectory('/generated/directory.json', { directory: bytes }, async (session) => {
    const { widget, records } = session;
    await waitForCount(widget, 'de', (count) => count === 3, '3 results');
    const names = await widget.locator('li > article h3 button').allTextContents();
    assert.ok(names.some((name) => name.includes('Beratung in V\ufffdhl')), names.join(' | '));
    assert.equal(await widget.getByRole('alert').count(), 0, 'no entry is left out');
    await until(
      async () => widgetConsole(records).join('\n'),
      (written) => written.includes(`line ${line}, column ${column}`),
      `line ${line}, column ${column} in the console`,
    );
    assert.deepEqual(records.pageErrors, [], 'page errors');
  });
});
