// Printing the results: a list to take along, with no controls, every card open, and phone
// numbers, e-mail and web addresses readable on paper.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEMO, TEST_OPTIONS, assertClean, cardsLocator, msg, useBrowser, withWidget } from './support.mjs';

const env = useBrowser();

test('printed, the results show every card open with its numbers and addresses, and no controls', TEST_OPTIONS, async () => {
  await withWidget(env, async ({ page, widget, records }) => {
    // The details are written once the module after the first results is there.
    await cardsLocator(widget).first().locator('.sf-details[data-filled]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    for (const control of [widget.getByRole('searchbox'), widget.locator('.sf-filter-panel'), widget.getByRole('link', { name: msg('de', 'card.call') }).first()]) {
      assert.equal(await control.isVisible(), false, `${control} is printed`);
    }
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
