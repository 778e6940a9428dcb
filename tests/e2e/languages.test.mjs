// Every newcomer's language: axe finds nothing in five UI languages with filters open, a card
// expanded and place suggestions shown; Arabic and Farsi mirror the widget on a phone (with
// screenshots); the choice of language is remembered; "offered in my language" is one tap; and
// a name without a translation says which language it is in.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  describeViolations,
  msg,
  readCount,
  runAxe,
  screenshot,
  useBrowser,
  waitForCount,
  waitForWidget,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/**
 * Opens the demo page (openPage's `options`), switches the widget to `tag` the way a webmaster
 * would (`lang`, with `fixed-language`, since the browser speaks German), runs `body(session)`
 * and closes the page.
 */
function withWidgetIn(tag, options, body) {
  return withWidget(env, options, async (session) => {
    await session.page.evaluate((lang) => {
      const widget = document.querySelector('service-finder');
      widget.setAttribute('fixed-language', '');
      widget.setAttribute('lang', lang);
    }, tag);
    await session.widget.locator(`.sf[lang="${tag}"]`).waitFor();
    await waitForCount(session.widget, tag, (n) => n === DEMO.entries.length, `all entries in ${tag}`);
    return body(session);
  });
}

/**
 * Filters open (with the opening-hours ones, once the hours are read), the first card and the
 * one with the most contact and access details expanded, and the place field showing
 * suggestions for "Korb".
 */
async function busiestState({ widget }, tag) {
  const panel = widget.locator('details.sf-filter-panel');
  if (!(await panel.evaluate((details) => details.open))) await widget.locator('summary.sf-filter-summary').click();
  await widget.locator('details.sf-filter-panel[open]').waitFor();
  await widget.locator('[data-group="open"]:not([hidden])').waitFor();
  // The migration counselling in Korbach has every sort of contact and access detail.
  await widget.getByRole('searchbox').fill('MBE Korbach');
  await widget.locator('li > article[data-entry="wf-svc-002"]').waitFor();
  for (const card of [cardsLocator(widget).first(), widget.locator('li > article[data-entry="wf-svc-002"]')]) {
    if ((await card.locator('h3 button').getAttribute('aria-expanded')) === 'true') continue;
    await card.locator('h3 button').click();
    await card.locator('h3 button[aria-expanded="true"]').waitFor();
    await card.locator('.sf-details[data-filled] [data-part="week"]').waitFor();
  }
  await widget.getByRole('combobox', { name: msg(tag, 'place.label') }).fill('Korb');
  await widget.getByRole('listbox', { name: msg(tag, 'place.label') }).getByRole('option').first().waitFor();
}

for (const [tag, colorScheme] of ['de', 'en', 'ar', 'uk', 'ti', 'de-x-ls'].flatMap((tag) => [[tag, 'light'], [tag, 'dark']])) {
  test(`axe: no WCAG 2.1 A/AA violations in ${tag}, ${colorScheme}, with filters open, a card expanded and place suggestions`, TEST_OPTIONS, async () => {
    await withWidgetIn(tag, { contextOptions: { colorScheme } }, async (session) => {
      await busiestState(session, tag);
      const results = await runAxe(session.page, 'service-finder');
      assert.deepEqual(describeViolations(results), [], `axe violations in ${tag}`);
      const checked = [...results.passes, ...results.incomplete].flatMap((rule) => rule.nodes);
      assert.ok(checked.some((node) => Array.isArray(node.target[0])), 'axe looked inside the widget');
    });
  });
}

for (const tag of ['ar', 'fa']) {
  test(`${tag}: the widget mirrors right to left on a phone, and numbers and addresses stay in order`, TEST_OPTIONS, async () => {
    await withWidgetIn(tag, { contextOptions: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } }, async (session) => {
      const { page, widget } = session;
      const root = widget.locator('.sf');
      assert.equal(await root.getAttribute('dir'), 'rtl');
      // Mirrored: the text of the search field's label starts at the right edge of the widget.
      const textBox = (element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const { x, width } = range.getBoundingClientRect();
        return { x, width };
      };
      const [rootBox, labelBox] = await Promise.all([root.boundingBox(), widget.locator('.sf-search .sf-label').first().evaluate(textBox)]);
      assert.ok(rootBox.x + rootBox.width - (labelBox.x + labelBox.width) < 24, 'the label is not on the right');
      assert.ok(labelBox.x - rootBox.x > 24, 'the label also starts on the left: not mirrored');
      // Addresses (Latin letters and postcodes) keep their own direction.
      const address = cardsLocator(widget).first().locator('.sf-facts li').first();
      assert.equal(await address.locator('bdi').count(), 1, 'the address is isolated');
      // Nothing sticks out sideways on a phone.
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      await widget.locator('.sf').evaluate((element) => element.scrollIntoView());
      await screenshot(page, `rtl-${tag}-phone`, { fullPage: false });
      await busiestState(session, tag);
      await screenshot(page, `rtl-${tag}-phone-filters`, { fullPage: false });
    });
  });
}

test('ar: a German line in a card\'s details keeps its own direction, and its bullet stays on the list\'s side', TEST_OPTIONS, async () => {
  await withWidgetIn('ar', {}, async ({ widget }) => {
    await widget.getByRole('searchbox').fill('MBE Korbach');
    const card = widget.locator('li > article[data-entry="wf-svc-002"]');
    await card.locator('h3 button').click();
    const line = card.locator('.sf-details li', { hasText: 'Bushaltestelle' });
    await line.waitFor();
    const sides = await line.evaluate((item) => ({
      item: getComputedStyle(item).direction,
      text: getComputedStyle(item.firstElementChild).direction,
      lang: item.firstElementChild.lang,
    }));
    assert.deepEqual(sides, { item: 'rtl', text: 'ltr', lang: 'de' });
  });
});

test('the language chosen in the switcher is remembered on the device', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const names = await widget.getByLabel(msg('de', 'ui.language'), { exact: true }).locator('option').allTextContents();
    for (const tag of ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr', 'ti', 'de-x-ls']) {
      assert.ok(names.includes(msg(tag, 'language.name')), `${tag} is offered by its own name`);
    }
    await widget.getByLabel(msg('de', 'ui.language'), { exact: true }).selectOption('uk');
    await widget.locator('.sf[lang="uk"]').waitFor();
    await page.reload();
    await waitForWidget(session, 'ready');
    await widget.locator('.sf[lang="uk"]').waitFor();
    assert.equal(await readCount(widget, 'uk'), DEMO.entries.length);
  });
});

test('on a 375 px phone every language\'s examples in the search and place fields are shown whole', TEST_OPTIONS, async () => {
  const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  await withWidget(env, { contextOptions: phone }, async ({ widget }) => {
    for (const tag of ['de', 'de-x-ls', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ti']) {
      await widget.evaluate((element, lang) => {
        element.setAttribute('fixed-language', '');
        element.setAttribute('lang', lang);
      }, tag);
      await widget.locator(`.sf[lang="${tag}"]`).waitFor();
      // The text's width in the field's own font, against the room inside the field.
      const fields = await widget.evaluate((element) =>
        [...element.shadowRoot.querySelectorAll('input[placeholder]')].map((input) => {
          const style = getComputedStyle(input);
          const context = document.createElement('canvas').getContext('2d');
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room = input.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
          return { text: input.placeholder, width: context.measureText(input.placeholder).width, room };
        }),
      );
      assert.equal(fields.length, 2, `${tag}: the search and the place field`);
      for (const { text, width, room } of fields) {
        assert.ok(width <= room, `${tag}: "${text}" is ${Math.ceil(width)} px wide in a field with ${Math.floor(room)} px`);
      }
    }
  });
});

test('"offered in my language" filters by the UI language in one tap', TEST_OPTIONS, async () => {
  await withWidgetIn('ar', {}, async (session) => {
    const { widget } = session;
    const arabic = DEMO.entries.filter((entry) => (entry.languages ?? []).includes('ar')).length;
    assert.ok(arabic > 0 && arabic < DEMO.entries.length);
    const chip = widget.locator('.sf-my-language');
    assert.equal(await chip.getAttribute('aria-pressed'), 'false');
    await chip.click();
    await waitForCount(widget, 'ar', (n) => n === arabic, 'the entries offered in Arabic');
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await chip.click();
    await waitForCount(widget, 'ar', (n) => n === DEMO.entries.length, 'all entries again');
  });
});

test('a name without a translation is marked with the language it is in', TEST_OPTIONS, async () => {
  await withWidgetIn('en', {}, async (session) => {
    const { widget } = session;
    const marker = widget.locator('.sf-card-toggle .sf-text-language').first();
    await marker.waitFor();
    const german = new Intl.DisplayNames(['en'], { type: 'language' }).of('de');
    assert.equal((await marker.locator('[aria-hidden="true"]').textContent()).trim(), german);
    assert.equal((await marker.locator('.sf-visually-hidden').textContent()).trim(), msg('en', 'card.text.language', { language: german }));
    // A name that has an English translation carries no marker.
    const translated = DEMO.entries.find((entry) => typeof entry.name === 'object' && entry.name.en);
    const card = widget.locator('article').filter({ hasText: translated.name.en });
    await widget.getByLabel(msg('en', 'search.label'), { exact: true }).fill(translated.name.en);
    await card.first().waitFor();
    assert.equal(await card.first().locator('.sf-text-language').count(), 0);
  });
});

/** The names of `codes` in `tag` as the browser writes them, as a list ("A, B und C"). */
function languageList(page, tag, codes) {
  return page.evaluate(({ tag, codes }) => {
    const names = new Intl.DisplayNames(tag, { type: 'language' });
    return new Intl.ListFormat(tag).format(codes.map((code) => names.of(code)));
  }, { tag, codes });
}

/** The first card's entry in the demo directory, and its line with the languages. */
async function firstCardLanguages(widget, tag) {
  const card = cardsLocator(widget).first();
  const id = await card.getAttribute('data-entry');
  const prefix = msg(tag, 'card.languages', { list: '' }).trim();
  const line = (await card.locator('.sf-facts li').allTextContents()).map((text) => text.trim()).find((text) => text.startsWith(prefix));
  return { entry: DEMO.entries.find((candidate) => candidate.id === id), line };
}

for (const [tag, word] of [['de', ' und '], ['ar', ' و']]) {
  test(`${tag}: a card's languages are a list written the language's way ("${word.trim()}")`, TEST_OPTIONS, async () => {
    await withWidgetIn(tag, {}, async ({ page, widget }) => {
      const { entry, line } = await firstCardLanguages(widget, tag);
      assert.ok(entry.languages.length >= 3, `the first card has ${entry.languages.length} languages`);
      assert.equal(line, msg(tag, 'card.languages', { list: await languageList(page, tag, entry.languages) }));
      assert.ok(line.includes(word), line);
    });
  });
}

test('ti: without Intl data for Tigrinya, dates, weekdays, language names and lists come from the catalog, never German or English', TEST_OPTIONS, async () => {
  // Chromium has no Intl data for Tigrinya but its plural rules: it would write the browser's
  // language (German, see support.mjs) instead, or English.
  await withWidgetIn('ti', {}, async ({ page, widget }) => {
    const supported = await page.evaluate(() => Intl.DateTimeFormat.supportedLocalesOf(['ti']).length + Intl.DisplayNames.supportedLocalesOf(['ti']).length);
    assert.equal(supported, 0, 'this Chromium has Intl data for ti now: the test proves nothing');
    const german = /Deutsch|Arabisch|Englisch|Persisch|Russisch|Türkisch|Ukrainisch|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|\d\d\.\d\d\.\d{4}/;
    // "16 ሕዳር 2026": the month's name and the order from the catalog.
    const months = msg('ti', 'intl.months').split(',');
    const tigrinya = (isoDate) => {
      const [year, month, day] = isoDate.split('-').map(Number);
      return msg('ti', 'intl.date', { day: String(day), month: months[month - 1], year: String(year) });
    };
    assert.equal(tigrinya('2026-11-16'), '16 ሕዳር 2026');

    const about = (await widget.locator('.sf-about').textContent()).trim();
    assert.ok(about.includes(msg('ti', 'about.updated', { date: tigrinya(DEMO.last_modified) })), about);
    assert.doesNotMatch(about, german);

    // The languages a service is offered in: named and joined as the catalog says
    // ("ዳሪ፣ ፋርስኛ፣ ፓሽቶን ጀርመንን"), no Latin letter left.
    const names = new Map(msg('ti', 'intl.languages').split(',').map((pair) => pair.split(':')));
    const { entry, line } = await firstCardLanguages(widget, 'ti');
    assert.ok(entry.languages.length >= 3, `the first card has ${entry.languages.length} languages`);
    const spoken = entry.languages.map((code) => names.get(code));
    const list = spoken.slice(1, -1).reduce((joined, item) => msg('ti', 'intl.list', { list: joined, item }), spoken[0]);
    assert.equal(line, msg('ti', 'card.languages', { list: msg('ti', 'intl.list.last', { list, item: spoken.at(-1) }) }));
    assert.doesNotMatch(line, /[A-Za-z]/);
    const options = await widget.getByLabel(msg('ti', 'filters.language'), { exact: true }).locator('option').allTextContents();
    assert.ok(options.length > 5 && options.some((option) => option.startsWith(`${names.get('ar')} (`)), options.join(', '));
    for (const option of options) assert.doesNotMatch(option, /[A-Za-z]/);
    // An entry's English text before its German one (Tigrinya readers read English), marked
    // with the language's name in Tigrinya: the first card with an English name and none in
    // Tigrinya (those offered in Tigrinya come first, some with German names only).
    const ids = await cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry));
    const english = ids.find((id) => {
      const name = DEMO.entries.find((candidate) => candidate.id === id).name;
      return name.en && !name.ti;
    });
    assert.ok(english, 'a card with an English name');
    const englishCard = widget.locator(`li > article[data-entry="${english}"]`);
    assert.equal(await englishCard.locator('h3').evaluate((heading) => heading.querySelector('[lang]')?.getAttribute('lang')), 'en');
    assert.equal((await englishCard.locator('.sf-text-language [aria-hidden="true"]').first().textContent()).trim(), names.get('en'));
    assert.ok((await widget.locator('.sf-my-language').textContent()).includes(msg('ti', 'language.name')));

    // A card's details: the date the entry was last checked.
    const card = cardsLocator(widget).first();
    await card.locator('h3 button').click();
    const checked = msg('ti', 'card.checked', { date: tigrinya(entry.assured_date) });
    await card.getByText(checked).waitFor();

    // The week's opening hours: the days in Tigrinya, from the catalog, as Intl has none.
    const withHours = cardsLocator(widget).filter({ has: page.locator('[data-part="hours-status"]') }).first();
    await withHours.waitFor();
    const toggle = withHours.locator('h3 button');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const days = (await withHours.locator('[data-part="week"] th').allTextContents()).map((day) => day.trim());
    const tigrinyaDays = msg('ti', 'hours.weekdays').split(',');
    assert.equal(days.length, 7, days.join(' | '));
    assert.deepEqual(tigrinyaDays.filter((name) => days.some((day) => day.startsWith(name))), tigrinyaDays, days.join(' | '));
  });
});

test('a language chosen while the module after the first results loads gets that module\'s messages too', TEST_OPTIONS, async () => {
  // The German messages of the module after the first results are held back until the
  // newcomer has switched to Ukrainian: the module must not be left with no messages at all.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let asked;
  const laterAsked = new Promise((resolve) => {
    asked = resolve;
  });
  const setup = ({ page }) => page.route('**/service-finder/messages/de.later.js', async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await withWidget(env, { setup }, async ({ page, widget, records }) => {
    await laterAsked;
    await widget.getByLabel(msg('de', 'ui.language')).selectOption('uk');
    await widget.locator('.sf[lang="uk"]').waitFor();
    release();
    // A card's week, in the module's own Ukrainian words (its caption is one of them).
    const withHours = cardsLocator(widget).filter({ has: page.locator('[data-part="hours-status"]') }).first();
    await withHours.waitFor();
    await withHours.locator('h3 button').click();
    await withHours.locator('[data-part="week"] caption').waitFor();
    assert.equal(await withHours.locator('[data-part="week"] caption').textContent(), msg('uk', 'hours.week'));
    assertClean(records);
  });
});

test('fa: parts of a line are set apart by the Persian comma, not by "·", which reads as the Persian zero "۰"', TEST_OPTIONS, async () => {
  await withWidgetIn('fa', {}, async ({ widget }) => {
    // A course's levels, start and free places: "… ۲۰۲۷، ۷ جای خالی", not "… ۲۰۲۷ · ۷ جای خالی".
    const course = widget.locator('[data-part="course"]').first();
    await course.waitFor();
    const line = await course.textContent();
    assert.ok(line.includes(msg('fa', 'separator')) && !line.includes('·'), line);
    const meta = await widget.locator('.sf-meta').first().textContent();
    assert.ok(!meta.includes('·'), meta);
    const about = await widget.locator('.sf-about').textContent();
    assert.ok(!about.includes('·'), about);
  });
});
