// Printing the results: a list to take along, with no controls, every card open, and phone
// numbers, e-mail and web addresses readable on paper.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO, TEST_OPTIONS, assertClean, cardsLocator, describeViolations, msg, readCount, runAxe, screenshot, useBrowser, withWidget,
} from './support.mjs';

const env = useBrowser();

test('printed, the results show every card open with its numbers and addresses, and no controls', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ page, widget, records }) => {
    // The details are written once the module after the first results is there.
    await cardsLocator(widget).first().locator('.sf-details[data-filled]').waitFor({ state: 'attached' });
    const controls = [widget.getByRole('searchbox'), widget.locator('.sf-filter-panel'), widget.getByRole('link', { name: msg('de', 'card.call') }).first(), widget.getByRole('button', { name: msg('de', 'map.button'), exact: true })];
    for (const control of controls) assert.ok(await control.isVisible(), `${control} is not on the screen`);
    await page.emulateMedia({ media: 'print' });
    for (const control of controls) assert.equal(await control.isVisible(), false, `${control} is printed`);
    const cards = cardsLocator(widget);
    const count = await cards.count();
    assert.equal(count, 20);
    for (let index = 0; index < count; index++) {
      const card = cards.nth(index);
      assert.ok(await card.locator('.sf-details').isVisible(), `card ${index} is printed closed`);
      const id = await card.getAttribute('data-entry');
      const entry = DEMO.entries.find((candidate) => candidate.id === id);
      const text = await card.textContent();
      for (const phone of entry.phones ?? []) assert.ok(text.includes(phone.number), `${entry.id}: ${phone.number} is not printed`);
      if (entry.email) assert.ok(text.includes(entry.email), `${entry.id}: ${entry.email} is not printed`);
      if (entry.url) {
        const website = await card.locator('.sf-actions').evaluate((actions) => getComputedStyle(actions, '::before').content);
        assert.equal(website, JSON.stringify(entry.url), `${entry.id}: the website's address is not printed`);
      }
    }
    await page.emulateMedia({ media: 'screen' });
    assert.ok(await widget.getByRole('searchbox').isVisible());
    assert.equal(await cards.first().locator('.sf-details').isVisible(), false, 'on screen the cards are closed again');
    assertClean(records);
  });
});

test('printed from a narrow sidebar of the county\'s page, the cards stand one to a row, no word broken', TEST_OPTIONS, async () => {
  const page = {
    path: '/e2e/blank.html',
    html: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Sidebar</title>
      <style>body { display: flex; gap: 20px; margin: 0; } main { flex: 1; } aside { width: 300px; flex: none; }</style></head>
      <body><main><h1>Landkreis</h1><p>Text der Seite.</p></main><aside><script type="module" src="/service-finder/service-finder.js"></script><service-finder></service-finder></aside></body></html>`,
    contextOptions: { viewport: { width: 1000, height: 1000 } },
  };
  await withWidget(env, page, async ({ page: tab, widget, records }) => {
    await cardsLocator(widget).first().locator('.sf-details[data-filled]').waitFor({ state: 'attached' });
    await tab.emulateMedia({ media: 'print' });
    const columns = await widget.locator('.sf-list').evaluate((list) => getComputedStyle(list).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 1, 'one card to a row in a 300 px column');
    // No weekday of the opening hours is broken over two lines.
    const broken = await widget.locator('.sf-week th').evaluateAll((cells) => cells.filter((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell.firstChild);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
    }).map((cell) => cell.textContent));
    assert.deepEqual(broken, []);
    await tab.emulateMedia({ media: 'screen' });
    assertClean(records);
  });
});

test('"print list" prints every result under the date and the search in words, two columns to an A4 sheet, and renders as a PDF', TEST_OPTIONS, async () => {
  // An A4 page's width at 96 dpi: what a printed page has room for.
  const contextOptions = { viewport: { width: 794, height: 1123 } };
  const setup = ({ context }) => context.addInitScript(() => {
    // The print dialog cannot be driven headless: the test sees that the button asked for it.
    window.print = () => { window.printed = (window.printed ?? 0) + 1; };
  });
  await withWidget(env, { contextOptions, setup }, async ({ page, widget, records }) => {
    await widget.getByRole('searchbox').fill('Beratung');
    await widget.getByRole('group', { name: msg('de', 'filters.kind') }).getByRole('button', { name: new RegExp(`^${msg('de', 'kind.service')} \\d`) }).click();
    await cardsLocator(widget).first().locator('.sf-details[data-filled]').waitFor({ state: 'attached' });
    // The search as it is once the thesaurus and the word forms are there (they come after the
    // first results and may find more): the count read before them was 2 short once.
    await page.locator('service-finder[data-words~="thesaurus"][data-words~="stems"]').waitFor({ state: 'attached' });
    const total = await readCount(widget, 'de');
    assert.ok(total > 20, `${total} results: more than one page, so that printing must list them all`);
    await widget.getByRole('button', { name: msg('de', 'tools.print') }).click();
    await page.waitForFunction(() => window.printed === 1);
    // What the browser does before it prints, from the button or from its menu.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await cardsLocator(widget).count(), total, 'every result is printed');
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date());
    const head = widget.locator('.sf-print-head');
    assert.ok(await head.isVisible());
    assert.match(await head.locator('[data-part="print-date"]').textContent(), new RegExp(date.replace(/\./g, '\\.')));
    assert.equal(
      await head.locator('[data-part="print-search"]').textContent(),
      `${msg('de', 'print.text', { text: 'Beratung' })} · ${msg('de', 'print.filters', { list: msg('de', 'kind.service') })}`,
    );
    for (const control of [widget.locator('.sf-tool-row'), widget.getByRole('button', { name: msg('de', 'card.share') }).first()]) {
      assert.equal(await control.isVisible(), false, `${control} is printed`);
    }
    // Nothing is cut off at the side of the sheet.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the printout is wider than A4');
    const results = await runAxe(page);
    assert.equal(results.violations.length, 0, describeViolations(results));
    await screenshot(page, 'print-list', { fullPage: false });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // Compact: two columns of cards, a few to a sheet (one card took a sheet of its own). Not
    // shrunk: at 9.5 pt a sheet holds about four cards; when Chromium shrank a printout that did
    // not fit its columns to 6 pt, it put ten on one.
    assert.ok(pages >= Math.ceil(total / 6) && pages <= Math.ceil(total / 3), `${total} results on ${pages} A4 page(s)`);
    // After printing, the list is as it was.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await widget.locator('.sf-more').waitFor();
    assert.equal(await cardsLocator(widget).count(), 20);
    assertClean(records);
  });
});
