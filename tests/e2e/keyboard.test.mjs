// Keyboard only: Tab reaches the search field, typing searches, Tab moves through the filters to
// a result, and Enter opens and closes it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  TEST_OPTIONS,
  assertClean,
  engineTotal,
  focusedElement,
  msg,
  screenshot,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/** Presses Tab until `accept(focused)` holds; returns every element passed on the way. */
async function tabUntil(page, accept, what, limit) {
  const passed = [];
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    passed.push(focused);
    if (focused && accept(focused)) return passed;
  }
  assert.fail(`${what} not reached with ${limit} presses of Tab; passed: ${JSON.stringify(passed.map((f) => f && `${f.tag}:${f.text}`))}`);
}

test('keyboard only: search, filters, a result, and Enter opens it', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    // From the top of the page, past the county's own header, to the search field.
    await tabUntil(page, (f) => f.inWidget && f.tag === 'input' && f.type === 'search', 'the search field', 60);
    await page.keyboard.type('Beratung');
    // What the count settles on: one read while the letters come may be a prefix's.
    const count = await engineTotal(page, { text: 'Beratung' });
    assert.ok(count > 0 && count < DEMO.entries.length, `"Beratung" narrows the demo's ${DEMO.entries.length} entries: ${count}`);
    await waitForCount(widget, 'de', (n) => n === count, 'the search to narrow');
    assert.equal(await widget.getByLabel(msg('de', 'search.label')).inputValue(), 'Beratung');
    // On through the location button, the radius and the filters to the first result.
    const passed = await tabUntil(page, (f) => f.inWidget && f.inCardHeading && f.tag === 'button', 'a result', 150);
    assert.ok(passed.some((f) => f.inWidget && f.ariaPressed !== null), 'no filter chip on the way to the results');
    assert.ok(passed.some((f) => f.inWidget && f.tag === 'select'), 'no select on the way to the results');
    assert.ok(passed.some((f) => f.inWidget && f.tag === 'input' && f.type === 'checkbox'), 'no checkbox on the way');
    const card = passed.at(-1);
    assert.equal(card.ariaExpanded, 'false', 'the result starts closed');
    // Enter opens it, Enter again closes it.
    await page.keyboard.press('Enter');
    await widget.locator('li > article h3 button[aria-expanded="true"]').first().waitFor();
    const opened = await focusedElement(page);
    assert.equal(opened.ariaExpanded, 'true', 'the focus left the result button, or it did not open');
    await screenshot(page, 'keyboard-card-open', { fullPage: false });
    await page.keyboard.press('Enter');
    await widget.locator('li > article h3 button[aria-expanded="true"]').first().waitFor({ state: 'detached' });
    assert.equal((await focusedElement(page)).ariaExpanded, 'false');
    // Typing did not go anywhere else: the count is that of the query.
    await waitForCount(widget, 'de', (n) => n === count, 'the same count');
  });
});

test('a filter chip toggles with the keyboard', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    await tabUntil(page, (f) => f.inWidget && f.ariaPressed === 'false', 'a filter chip', 80);
    await page.keyboard.press('Space');
    await widget.locator('[aria-pressed="true"]').first().waitFor();
    await waitForCount(widget, 'de', (n) => n < DEMO.entries.length, 'the filter to narrow');
    await page.keyboard.press('Enter');
    await widget.locator('[aria-pressed="true"]').first().waitFor({ state: 'detached' });
    await waitForCount(widget, 'de', (n) => n === DEMO.entries.length, 'all entries again');
  });
});

test('keyboard: "skip to the results", the filter panel\'s first stop, passes its controls', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget, records } = session;
    // Out of sight until it has the focus.
    const skip = widget.getByRole('button', { name: msg('de', 'filters.skip') });
    const hidden = await skip.boundingBox();
    assert.ok(hidden.width <= 1 && hidden.height <= 1, `seen before it has the focus: ${JSON.stringify(hidden)}`);
    // On a wide page the panel starts open: the stop after its summary is the skip button.
    await tabUntil(page, (f) => f.inWidget && f.tag === 'summary', 'the filter panel', 60);
    await page.keyboard.press('Tab');
    assert.equal((await focusedElement(page)).text, msg('de', 'filters.skip'));
    const shown = await skip.boundingBox();
    assert.ok(shown.width > 50 && shown.height > 20, `not seen with the focus: ${JSON.stringify(shown)}`);
    await screenshot(page, 'keyboard-skip-to-results', { fullPage: false });
    // Enter: the first result's title, past the chips, selects and checkboxes.
    await page.keyboard.press('Enter');
    const focused = await focusedElement(page);
    assert.ok(focused.inWidget && focused.inCardHeading && focused.tag === 'button', JSON.stringify(focused));
    assert.equal(focused.text, (await widget.locator('li > article h3 button').first().textContent()).trim().slice(0, 80));
    assertClean(records, 'the skip button');
  });
});
