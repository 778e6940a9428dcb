// Search without dead ends (issue 17): a phrase that no entry has whole lists the entries with
// some of its words and says so; the thesaurus finds what a newcomer means in their language;
// a search that finds nothing offers the directory's nearest words and a way out of the filters.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  msg,
  readCount,
  screenshot,
  until,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/** A page with the widget in `lang` on a 375 px phone. */
function phonePage(lang) {
  return {
    path: '/e2e/blank.html',
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Suche</title></head><body><script type="module" src="/service-finder/service-finder.js"></script>
      <service-finder lang="${lang}" fixed-language></service-finder></body></html>`,
    contextOptions: { viewport: { width: 375, height: 740 } },
  };
}

/** The names on the cards shown, in order. */
async function cardNames(widget) {
  return (await cardsLocator(widget).locator('h3').allTextContents()).map((name) => name.trim());
}

/** Types `text` into the search field. */
async function search(widget, lang, text) {
  await widget.getByLabel(msg(lang, 'search.label')).fill(text);
}

test('a phrase that no entry has whole lists the entries with some of its words, and says so', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('de'), async ({ page, widget, records }) => {
    const jobcentres = DEMO.entries.filter((entry) => /Jobcenter/.test(entry.name.de ?? entry.name)).length;
    assert.ok(jobcentres > 0);
    await search(widget, 'de', 'Jobcenter Flugplatz');
    const count = await waitForCount(widget, 'de', (n) => n > 0, 'the entries with some of the words');
    assert.ok(count >= jobcentres, `${count} results for ${jobcentres} job centres`);
    const status = widget.getByRole('status').filter({ hasText: msg('de', 'results.partial') });
    assert.equal(await status.count(), 1, 'the result line says that no entry has every word');
    assert.match((await cardNames(widget))[0], /Jobcenter/);
    await status.scrollIntoViewIfNeeded();
    await screenshot(page, 'partial-de', { fullPage: false });
    // A phrase that one entry has whole: no such note.
    await search(widget, 'de', 'Jobcenter Korbach');
    await until(() => widget.getByRole('status').textContent(), (text) => !text.includes(msg('de', 'results.partial')), 'the note to go');
    assertClean(records);
  });
});

test('stop words do not count: "wo ist das Jobcenter" finds the job centres alone', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('de'), async ({ widget }) => {
    await search(widget, 'de', 'Jobcenter');
    const alone = await waitForCount(widget, 'de', (n) => n > 0 && n < DEMO.entries.length, 'the job centres');
    await search(widget, 'de', 'wo ist das Jobcenter');
    await waitForCount(widget, 'de', (n) => n === alone, `the same ${alone} results`);
    assert.equal(await widget.getByRole('status').filter({ hasText: msg('de', 'results.partial') }).count(), 0);
  });
});

test('the thesaurus of the UI language finds what is meant in other words and languages', TEST_OPTIONS, async () => {
  // Ukrainian "job centre" and English "library": the demo says "Jobcenter" and "Bücherei".
  for (const [lang, text, expected] of [['uk', 'центр зайнятості', /Jobcenter|Джобцентр/], ['en', 'library', /Library/], ['de', 'Bürgeramt', /Bürgerbüro/]]) {
    await withWidget(env, phonePage(lang), async ({ page, widget, records }) => {
      await search(widget, lang, text);
      // The thesaurus comes after the first results: the search runs again once it is there.
      const names = await until(() => cardNames(widget), (shown) => expected.test(shown[0] ?? ''), `${text}: ${expected} first`);
      assert.match(names[0], expected);
      assertClean(records);
      if (lang === 'uk') await screenshot(page, 'thesaurus-uk');
    });
  }
});

test('a language typed in the search ("українською", "ብትግርኛ") finds every service offered in it', TEST_OPTIONS, async () => {
  // Few entries' texts name the language they are offered in; their `languages` do.
  for (const [lang, text, code] of [['uk', 'українською', 'uk'], ['ti', 'ብትግርኛ', 'ti']]) {
    const offered = DEMO.entries.filter((entry) => entry.languages.includes(code));
    assert.ok(offered.length >= 10, `the demo offers ${offered.length} entries in ${code}`);
    await withWidget(env, phonePage(lang), async ({ widget, records }) => {
      await search(widget, lang, text);
      // Through the thesaurus, which comes after the first results.
      const count = await waitForCount(widget, lang, (n) => n >= offered.length, `the ${offered.length} entries offered in ${code}`);
      assert.ok(count <= offered.length + 2, `${count} results: the entries offered in ${code}, and few others`);
      const shown = await cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));
      const ids = new Set(offered.map((entry) => entry.id));
      assert.ok(shown.length >= 5 && shown.slice(0, 5).every((id) => ids.has(id)), `the first cards are offered in ${code}: ${shown.slice(0, 5)}`);
      assertClean(records);
    });
  }
});

test('a word for something no entry has ("Frauenarzt", "гінеколог") lists its topic\'s entries and says so', TEST_OPTIONS, async () => {
  // The demo has no gynaecologist; the thesaurus gives the concept the topic "health".
  const health = DEMO.entries.filter((entry) => entry.categories.includes('health'));
  const mainlyHealth = new Set(health.filter((entry) => entry.categories[0] === 'health').map((entry) => entry.id));
  for (const [lang, text] of [['de', 'Frauenarzt'], ['uk', 'гінеколог']]) {
    await withWidget(env, phonePage(lang), async ({ page, widget, records }) => {
      await search(widget, lang, text);
      // Through the thesaurus, which comes after the first results.
      await waitForCount(widget, lang, (n) => n === health.length, `the ${health.length} health entries`);
      const note = msg(lang, 'results.topic', { topic: msg(lang, 'category.health') });
      assert.equal(await widget.locator('.sf-partial').textContent(), ` – ${note}`);
      // Those mainly about health first.
      const shown = await cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));
      assert.ok(shown.slice(0, 3).every((id) => mainlyHealth.has(id)), `health offices first: ${shown.slice(0, 3)}`);
      if (lang === 'uk') await screenshot(page, 'topic-uk', { fullPage: false });
      // A word being typed names no topic yet; the note goes with the word.
      await search(widget, lang, text.slice(0, 4));
      await until(() => widget.locator('.sf-partial').count(), (n) => n === 0, 'no topic note for a part of the word');
      assertClean(records);
    });
  }
});

test('other forms of a word are found once the stem module of the UI language is there', TEST_OPTIONS, async () => {
  // Turkish "doktorlar" (doctors): the demo's Turkish texts say "doktor" and "doktoru" too.
  await withWidget(env, phonePage('tr'), async ({ page, widget, records }) => {
    const withDoctor = DEMO.entries.filter((entry) => /\bdoktor(?!lar)/i.test(`${entry.name?.tr ?? ''} ${entry.description?.tr ?? ''}`));
    assert.ok(withDoctor.length >= 2, 'the demo has Turkish texts with "doktor"');
    await search(widget, 'tr', 'doktorlar');
    // Loaded after the first results: the search runs again once it is there.
    const count = await waitForCount(widget, 'tr', (n) => n >= withDoctor.length, `at least the ${withDoctor.length} entries that say "doktor"`);
    const names = await cardNames(widget);
    for (const entry of withDoctor.slice(0, Math.min(count, 5))) {
      assert.ok(names.includes(entry.name.tr), `${entry.id} is listed: ${names}`);
    }
    // German's stemmer with Turkish's, in one module; no other language's.
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    assert.deepEqual(requested.filter((path) => path.includes('/stem/')).sort(), ['/service-finder/stem/tr.js', '/service-finder/stem/tr_bg.wasm']);
    assertClean(records);
  });
});

test('a search that finds nothing offers the nearest words, and a search without its filters', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('de'), async ({ page, widget, records }) => {
    // Four letters: too short for typo tolerance, one letter away from "Kita".
    await search(widget, 'de', 'Kjta');
    await waitForCount(widget, 'de', (n) => n === 0, 'no results');
    const suggestions = widget.locator('[data-part="suggest"]');
    await suggestions.waitFor();
    assert.match(await suggestions.textContent(), new RegExp(`^${msg('de', 'results.suggest')}`));
    await screenshot(page, 'suggest-de');
    await suggestions.getByRole('button', { name: 'Kita', exact: true }).click();
    await waitForCount(widget, 'de', (n) => n > 0, 'results for the suggestion');
    assert.equal(await widget.getByLabel(msg('de', 'search.label')).inputValue(), 'Kita');
    await search(widget, 'de', 'Kjtaxx');
    await waitForCount(widget, 'de', (n) => n === 0, 'no results');
    assert.equal(await widget.locator('[data-part="clear"]').count(), 0, 'no filter, no button to clear them');
    assert.equal(await widget.locator('[data-part="map"]').isVisible(), false, 'a map of nothing offered');
    // Nothing narrows the search: the hint is about the words alone, and the ways on are every
    // entry and the directory's publisher, to call or write to.
    const empty = widget.locator('.sf-empty');
    assert.ok(await empty.getByText(msg('de', 'results.empty.words')).isVisible());
    assert.equal(await empty.getByText(msg('de', 'results.empty.hint')).count(), 0);
    const ask = widget.locator('[data-part="ask"]');
    assert.equal(await ask.textContent(), `${msg('de', 'results.empty.ask')} ${DEMO.publisher.name}${msg('de', 'card.call')}${msg('de', 'card.email')}`);
    assert.equal(await ask.getByRole('link', { name: msg('de', 'card.call') }).getAttribute('href'), `tel:${DEMO.publisher.phone.replace(/[^\d+]/g, '')}`);
    assert.equal(await ask.getByRole('link', { name: msg('de', 'card.email') }).getAttribute('href'), `mailto:${DEMO.publisher.email}`);
    await screenshot(page, 'nothing-found-de');
    await widget.locator('[data-part="all"]').click();
    await waitForCount(widget, 'de', (n) => n === DEMO.entries.length, 'every entry');
    assert.equal(await widget.getByLabel(msg('de', 'search.label')).inputValue(), '');
    assert.equal(await widget.locator('[data-part="map"]').isVisible(), true);

    // A filter, then words that together leave nothing: the empty state offers to clear the
    // filter. (On a phone the filter panel starts closed. A chip that would leave nothing by
    // itself cannot be pressed: see search-filters.test.mjs.)
    await widget.locator('.sf-filter-summary').click();
    const women = widget.getByRole('group', { name: msg('de', 'filters.category') })
      .getByRole('button').filter({ hasText: msg('de', 'category.women') });
    await women.click();
    await waitForCount(widget, 'de', (n) => n > 0 && n < DEMO.entries.length, 'the offers for women');
    await search(widget, 'de', 'Jobcenter');
    await waitForCount(widget, 'de', (n) => n === 0, 'no job centre for women');
    assert.ok(await widget.locator('.sf-empty').getByText(msg('de', 'results.empty.hint')).isVisible(), 'with a filter set the hint names the filters');
    await screenshot(page, 'clear-de');
    await widget.locator('[data-part="clear"]').click();
    const count = await waitForCount(widget, 'de', (n) => n > 0, 'the job centres again');
    assert.equal(await women.getAttribute('aria-pressed'), 'false');
    assert.ok(count > 0 && (await readCount(widget, 'de')) === count);
    assertClean(records);
  });
});

test('a word found only with a typing error gets the words it may have meant over its results: "ادمن" finds language cafés and offers "الإدمان"', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('ar'), async ({ page, widget, records }) => {
    // "ادمن", a misspelt "إدمان" (addiction), is one swap from the Persian "آمدند" (came) in the
    // language cafés' texts, and one letter from "الإدمان" of the Arabic thesaurus (loaded after
    // the first results), whose concept the German addiction counselling has.
    const counselling = DEMO.entries.find((entry) => entry.id === 'wf-svc-026');
    await search(widget, 'ar', 'ادمن');
    const suggestions = widget.locator('[data-part="suggest"]');
    const meant = suggestions.getByRole('button', { name: 'الإدمان', exact: true });
    await meant.waitFor();
    assert.ok((await readCount(widget, 'ar')) > 0, 'the loose results stay');
    assert.ok(!(await cardNames(widget)).some((name) => name.includes(counselling.name)), 'the counselling is not among them');
    // Over the cards, in the catalog's words, set apart by its separator.
    assert.match(await suggestions.textContent(), new RegExp(`^${msg('ar', 'results.suggest')} `));
    assert.ok(!(await suggestions.textContent()).includes(','), 'no Latin comma in Arabic');
    const [suggestTop, cardTop] = await Promise.all([suggestions.boundingBox(), cardsLocator(widget).first().boundingBox()]);
    assert.ok(suggestTop.y < cardTop.y, 'the words come before the cards');
    await screenshot(page, 'loose-ar', { fullPage: false });
    await meant.click();
    await until(() => cardNames(widget), (names) => names[0]?.includes(counselling.name), 'the addiction counselling first');
    assert.equal(await widget.getByLabel(msg('ar', 'search.label')).inputValue(), 'الإدمان');
    assert.equal(await suggestions.count(), 0, 'a word found as typed gets no suggestions');
    assertClean(records);
  });
});

test('words that name a town ("Kassel", "فرانكفورت", "Кассель", "Alfeld") offer the offers near it: one tap sorts every entry by distance from there', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('de'), async ({ page, widget, records }) => {
    // Typed at once: the offer comes with the module loaded after the first results.
    await search(widget, 'de', 'Kassel');
    await waitForCount(widget, 'de', (n) => n === 0, 'nothing with the word "Kassel"');
    const near = widget.locator('[data-part="near-place"] button');
    await near.waitFor();
    assert.equal(await near.textContent(), msg('de', 'results.empty.place', { place: 'Kassel' }));
    assert.equal(await widget.locator('[data-part="suggest"]').isVisible(), false, 'words that sound like it give way');
    await screenshot(page, 'near-place-de');
    await near.click();
    await waitForCount(widget, 'de', (n) => n === DEMO.entries.length, 'every entry');
    assert.equal(await widget.getByLabel(msg('de', 'search.label')).inputValue(), '');
    assert.equal(await widget.getByRole('combobox', { name: msg('de', 'place.label') }).inputValue(), 'Kassel');
    // Nearest first: the county's east, towards Kassel, before its west.
    const distances = await cardsLocator(widget).locator('.sf-distance').allTextContents();
    const km = distances.map((text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')));
    assert.ok(km.length > 1 && km.every((value, index) => index === 0 || value >= km[index - 1]), `sorted by distance: ${distances}`);
    const focused = await widget.evaluate((host) => host.shadowRoot.activeElement?.closest('[data-entry]')?.dataset.entry);
    assert.equal(focused, await cardsLocator(widget).first().getAttribute('data-entry'), 'the first result has the focus');
    assertClean(records);
  });
  await withWidget(env, phonePage('ar'), async ({ page, widget, records }) => {
    // Spelt as heard, not as GeoNames writes it ("آلفلد"): of the towns that sound so, the one
    // nearest the county (not Hollfeld in Bavaria).
    await search(widget, 'ar', 'ألفيلد');
    await widget.locator('[data-part="near-place"] button', { hasText: 'Alfeld (Leine)' }).waitFor();
    await search(widget, 'ar', 'فرانكفورت');
    await waitForCount(widget, 'ar', (n) => n === 0, 'nothing with the word');
    const near = widget.locator('[data-part="near-place"] button');
    await near.waitFor();
    // The German name kept left to right inside the Arabic sentence.
    assert.equal(await near.locator('bdi[dir="ltr"]').textContent(), 'Frankfurt am Main');
    await screenshot(page, 'near-place-ar');
    await near.click();
    await waitForCount(widget, 'ar', (n) => n === DEMO.entries.length, 'every entry');
    assert.equal(await widget.getByRole('combobox', { name: msg('ar', 'place.label') }).inputValue(), 'Frankfurt am Main');
    assertClean(records);
  });
  // A town's name in another script that sounds like words of some entries ("Кассель" like the
  // Turkish "kişisel"): they are listed, and the offer comes first.
  await withWidget(env, phonePage('uk'), async ({ page, widget, records }) => {
    await search(widget, 'uk', 'Кассель');
    await waitForCount(widget, 'uk', (n) => n > 0 && n < DEMO.entries.length, 'the entries that sound like it');
    const near = widget.locator('[data-part="near-place"] button');
    await near.waitFor();
    assert.equal(await near.textContent(), msg('uk', 'results.empty.place', { place: 'Kassel' }));
    // Above the cards, where the newcomer looks first.
    const above = await widget.evaluate((host) => {
      const line = host.shadowRoot.querySelector('[data-part="near-place"]');
      const list = host.shadowRoot.querySelector('.sf-list');
      return Boolean(line.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(above, 'the offer comes before the cards');
    await screenshot(page, 'near-place-heard-uk');
    await near.click();
    await waitForCount(widget, 'uk', (n) => n === DEMO.entries.length, 'every entry');
    assert.equal(await widget.getByRole('combobox', { name: msg('uk', 'place.label') }).inputValue(), 'Kassel');
    assertClean(records);
  });
  // A town named without the river in brackets that Germany's places give it, and of two
  // Alfelds the one nearer the county: Alfeld (Leine), not the village of Alfeld in Bavaria.
  await withWidget(env, phonePage('de'), async ({ widget, records }) => {
    await search(widget, 'de', 'Alfeld');
    await waitForCount(widget, 'de', (n) => n === 0, 'nothing with the word "Alfeld"');
    const near = widget.locator('[data-part="near-place"] button');
    await near.waitFor();
    assert.equal(await near.textContent(), msg('de', 'results.empty.place', { place: 'Alfeld (Leine)' }));
    // ß and umlauts as typed on a keyboard without them.
    await search(widget, 'de', 'Giessen');
    await widget.locator('[data-part="near-place"] button', { hasText: 'Gießen' }).waitFor();
    assertClean(records);
  });
});

test('Arabic on a phone: the partial note and the suggestions read right to left', TEST_OPTIONS, async () => {
  await withWidget(env, phonePage('ar'), async ({ page, widget, records }) => {
    await search(widget, 'ar', 'وين مكتب العمل');
    await waitForCount(widget, 'ar', (n) => n > 0, 'results');
    assert.ok((await cardNames(widget)).length > 0);
    await screenshot(page, 'phrase-ar', { fullPage: false });
    await search(widget, 'ar', 'جوبسنترز');
    await until(() => cardNames(widget), (names) => names.length > 0, 'the job centres by their sound');
    assertClean(records);
  });
});

test('the place field finds towns written in Arabic and Cyrillic script, the region\'s and Germany\'s', TEST_OPTIONS, async () => {
  // The region's towns at once; others by GeoNames' spellings, from the shard of the letter typed.
  for (const [lang, typed, expected] of [
    ['ar', 'باد فيلدونغن', /^Bad Wildungen\b/], ['uk', 'Бад-Вільдунген', /^Bad Wildungen\b/], ['fa', 'کورباخ', /^Korbach\b/],
    ['ar', 'ميونخ', /^München\b/], ['ru', 'Берлин', /^Berlin\b/], ['fa', 'مونیخ', /^München\b/],
    ['ar', 'فرانكنبيرغ', /^Frankenberg \(Eder\)/],
  ]) {
    await withWidget(env, phonePage(lang), async ({ page, widget, records }) => {
      const field = widget.getByRole('combobox', { name: msg(lang, 'place.label') });
      await field.fill(typed);
      const first = widget.getByRole('listbox', { name: msg(lang, 'place.label') }).getByRole('option').first();
      const shown = await until(() => first.textContent(), (text) => expected.test(text ?? ''), `${typed}: ${expected}`);
      // With the spelling that matched, where it is one of GeoNames' names for the place.
      if (!['کورباخ', 'فرانكنبيرغ'].includes(typed)) assert.ok(shown.includes(typed), `${typed} in ${shown}`);
      // Never a name in another script than the one typed ("(Франкенберг)" for Arabic letters).
      if (lang !== 'uk' && lang !== 'ru') assert.doesNotMatch(shown, /\p{sc=Cyrl}/u, shown);
      if (typed === 'باد فيلدونغن') await screenshot(page, 'place-ar', { fullPage: false });
      assertClean(records, `the place field in ${lang}`);
    });
  }
});
