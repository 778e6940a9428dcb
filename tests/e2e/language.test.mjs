// Switching the UI language at run time: every UI text follows, numbers and distances are
// written for the new language, the search stays, and the page is not reloaded.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  KORBACH,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  distancePattern,
  msg,
  readCount,
  screenshot,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
const TOTAL = DEMO.entries.length;
/** The language names in the language switch. */
const MESSAGES_NAME = { de: msg('de', 'language.name'), en: msg('en', 'language.name') };

/** Locators for UI texts that every state of the widget shows, in `lang`. */
function uiTexts(widget, lang) {
  const t = (key) => msg(lang, key);
  return {
    'ui.language': widget.getByLabel(t('ui.language'), { exact: true }),
    'search.label': widget.getByLabel(t('search.label'), { exact: true }),
    'location.use': widget.getByRole('button', { name: t('location.use'), exact: true }),
    'radius.label': widget.getByLabel(t('radius.label'), { exact: true }),
    'filters.kind': widget.getByRole('group', { name: t('filters.kind'), exact: true }),
    'filters.category': widget.getByRole('group', { name: t('filters.category'), exact: true }),
    'filters.language': widget.getByLabel(t('filters.language'), { exact: true }),
    'filters.free': widget.getByLabel(t('filters.free'), { exact: true }),
    'filters.wheelchair': widget.getByLabel(t('filters.wheelchair'), { exact: true }),
    'filters.clear': widget.getByRole('button', { name: t('filters.clear'), exact: true }),
    'kind.course': widget.getByRole('button', { name: new RegExp(`^${t('kind.course')}`) }),
    'results.more': widget.getByRole('button', { name: t('results.more'), exact: true }),
  };
}

async function assertLanguage(widget, lang, other) {
  for (const [key, locator] of Object.entries(uiTexts(widget, lang))) {
    assert.equal(await locator.count(), 1, `"${msg(lang, key)}" (${key}) is not shown in ${lang}`);
  }
  for (const [key, locator] of Object.entries(uiTexts(widget, other))) {
    if (msg(lang, key) === msg(other, key)) continue;
    assert.equal(await locator.count(), 0, `"${msg(other, key)}" (${key}) is still shown after switching to ${lang}`);
  }
  const select = widget.getByLabel(msg(lang, 'filters.language'), { exact: true });
  assert.equal((await select.locator('option').first().textContent()).trim(), msg(lang, 'filters.language.any'));
  await widget.getByText(msg(lang, 'about.example')).first().waitFor();
  await widget.getByText(msg(lang, 'about.publisher', { name: DEMO.publisher.name })).first().waitFor();
}

test('switching from German to English changes the UI text without a reload', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async (session) => {
    const { page, widget, records } = session;
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    await assertLanguage(widget, 'de', 'en');
    const languageSelect = widget.getByLabel(msg('de', 'ui.language'), { exact: true });
    const options = await languageSelect
      .locator('option')
      .evaluateAll((elements) => elements.map((option) => [option.value, option.textContent.trim()]));
    assert.deepEqual(
      options.filter(([value]) => value === 'de' || value === 'en'),
      [
        ['de', MESSAGES_NAME.de],
        ['en', MESSAGES_NAME.en],
      ],
    );
    assert.equal(await languageSelect.inputValue(), 'de');

    // A search and a position, to see that they survive the switch.
    await widget.getByLabel(msg('de', 'search.label')).fill('Beratung');
    const count = await waitForCount(widget, 'de', (n) => n < TOTAL, 'the search to narrow');
    await widget.getByRole('button', { name: msg('de', 'location.use') }).click();
    await widget.getByRole('button', { name: msg('de', 'location.stop') }).waitFor();
    await cardsLocator(widget).first().filter({ hasText: distancePattern('de') }).waitFor();

    await languageSelect.selectOption('en');
    await widget.getByLabel(msg('en', 'search.label'), { exact: true }).waitFor();
    await widget.getByRole('button', { name: msg('en', 'location.stop') }).waitFor();
    assert.equal(await readCount(widget, 'en'), count, 'the count in English ("N results")');
    assert.equal(await widget.getByLabel(msg('en', 'search.label')).inputValue(), 'Beratung');
    await assertLanguageAfterSearch(widget, 'en', 'de');
    // Distances in English: "1.2 km away", "220 m away".
    const distances = (await cardsLocator(widget).allTextContents())
      .map((text) => distancePattern('en').exec(text))
      .filter(Boolean)
      .map((match) => `${match[1]} ${match[2]}`);
    assert.ok(distances.length > 0, 'no distance in English on the cards');
    for (const distance of distances) assert.match(distance, /^(\d+ m|\d+(\.\d+)? km)$/);
    await widget.getByLabel(msg('en', 'search.label'), { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'english', { fullPage: false });

    // And back.
    await widget.getByLabel(msg('en', 'ui.language'), { exact: true }).selectOption('de');
    await widget.getByLabel(msg('de', 'search.label'), { exact: true }).waitFor();
    assert.equal(await readCount(widget, 'de'), count);
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was reloaded');
    assertClean(records, 'switching languages');
  });
});

/** Like assertLanguage, for a state with a position and a query (location.stop, no location.use). */
async function assertLanguageAfterSearch(widget, lang, other) {
  const keys = ['ui.language', 'search.label', 'radius.label', 'filters.kind', 'filters.category', 'filters.language', 'filters.free', 'filters.wheelchair', 'filters.clear'];
  const now = uiTexts(widget, lang);
  const before = uiTexts(widget, other);
  for (const key of keys) {
    assert.equal(await now[key].count(), 1, `"${msg(lang, key)}" (${key}) is not shown in ${lang}`);
    if (msg(lang, key) !== msg(other, key)) {
      assert.equal(await before[key].count(), 0, `"${msg(other, key)}" (${key}) is still shown in ${lang}`);
    }
  }
}

test('the widget opened in English shows English throughout', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { widget } = session;
    await widget.getByLabel(msg('de', 'ui.language'), { exact: true }).selectOption('en');
    await widget.getByLabel(msg('en', 'search.label'), { exact: true }).waitFor();
    await assertLanguage(widget, 'en', 'de');
    assert.equal(await readCount(widget, 'en'), TOTAL);
  });
});
