// Result cards: a click opens the details, and the actions are links that work on a phone (call,
// e-mail, website, the route on OpenStreetMap), with only safe schemes.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { telHref } from '../../www/widget/dom.js';
import { DEMO, TEST_OPTIONS, assertClean, cardsLocator, msg, screenshot, useBrowser, withWidget } from './support.mjs';

const env = useBrowser();
const de = (key) => msg('de', key);

test('a number is called as a phone dials it: spaces, brackets and "(0)" after the country code go', () => {
  assert.equal(telHref('05631 / 954-0'), 'tel:056319540');
  assert.equal(telHref('(05621) 96 54-0'), 'tel:0562196540');
  assert.equal(telHref('+49 (0) 5631 954-1234'), 'tel:+4956319541234');
  assert.equal(telHref('+49 5631 000 000'), 'tel:+495631000000');
});

test('a click opens a card and closes it again', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const card = cardsLocator(widget).first();
    const button = card.locator('h3 button');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    const name = (await button.textContent()).trim();
    assert.ok(
      DEMO.entries.some((entry) => [entry.name, ...Object.values(entry.name ?? {})].includes(name)),
      `the card's button does not show an entry name: ${name}`,
    );
    // Screen readers announce the entry's name, and the open/closed state from aria-expanded alone.
    assert.equal(
      await card.getByRole('button', { name: name, exact: true }).count(),
      1,
      `the card button's accessible name is not exactly the entry name "${name}"`,
    );
    const closedHeight = (await card.boundingBox()).height;
    await button.click();
    await card.locator('h3 button[aria-expanded="true"]').waitFor();
    const openHeight = (await card.boundingBox()).height;
    assert.ok(openHeight > closedHeight, `the card did not grow when opened (${closedHeight} → ${openHeight})`);
    // aria-controls, when given, names the details that are now visible.
    const controls = await button.getAttribute('aria-controls');
    if (controls) {
      const visible = await card.evaluate(
        (article, id) => {
          const details = article.getRootNode().getElementById(id);
          return Boolean(details) && details.checkVisibility();
        },
        controls,
      );
      assert.ok(visible, `the details #${controls} are not visible`);
    }
    await screenshot(page, 'card-open', { fullPage: false });
    await button.click();
    await card.locator('h3 button[aria-expanded="false"]').waitFor();
  });
});

test('cards offer call, e-mail, website and directions links with safe schemes', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget, records } = session;
    const cards = cardsLocator(widget);
    await cards.first().waitFor();
    const count = await cards.count();
    for (let i = 0; i < count; i += 1) {
      const button = cards.nth(i).locator('h3 button');
      if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
      await cards.nth(i).locator('h3 button[aria-expanded="true"]').waitFor();
    }
    const expectations = [
      ['card.call', /^tel:\+?[\d-]+$/],
      ['card.email', /^mailto:[^@\s]+@[^@\s]+$/],
      ['card.website', /^https?:\/\//],
      ['card.directions', /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B-?\d+(\.\d+)?%2C-?\d+(\.\d+)?$/],
    ];
    for (const [key, pattern] of expectations) {
      const links = widget.getByRole('link', { name: de(key) });
      const hrefs = await links.evaluateAll((elements) => elements.map((element) => element.getAttribute('href')));
      assert.ok(hrefs.length > 0, `no "${de(key)}" link (${key}) on the first ${count} cards`);
      for (const href of hrefs) assert.match(href, pattern, `${key}: ${href}`);
    }
    // The website link is not the map link.
    const websites = await widget
      .getByRole('link', { name: de('card.website'), exact: true })
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('href')));
    for (const href of websites) assert.doesNotMatch(href, /openstreetmap\.org/);
    // Every link in the widget uses an allowed scheme.
    const allHrefs = await widget.locator('a[href]').evaluateAll((elements) => elements.map((element) => element.href));
    for (const href of allHrefs) assert.match(href, /^(https?:|mailto:|tel:|geo:)/, href);
    // Nothing was requested because of the links.
    assertClean(records, 'the opened cards');
  });
});
