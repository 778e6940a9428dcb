// Searching and filtering: typing narrows the results; each filter changes the results and the
// counts on the other filters, exactly as the demo directory says; clearing restores everything.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  countBy,
  escapeRegExp,
  msg,
  readCount,
  sortedCounts,
  trailingCount,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();
const de = (key, params) => msg('de', key, params);
const TOTAL = DEMO.entries.length;
const KINDS = ['service', 'course', 'association'];

const kindsOf = (entries) => countBy(entries, (entry) => [entry.kind]);
const categoriesOf = (entries) => countBy(entries, (entry) => entry.categories ?? []);
const languagesOf = (entries) => countBy(entries, (entry) => entry.languages ?? []);
const isFree = (entry) => entry.free_of_charge === true;
const isWheelchair = (entry) => entry.location?.wheelchair === 'yes';

function kindGroup(widget) {
  return widget.getByRole('group', { name: de('filters.kind') });
}

function categoryGroup(widget) {
  return widget.getByRole('group', { name: de('filters.category') });
}

/** A kind chip, found by its visible text ("Kurse 48"); its accessible name is checked apart. */
function kindButton(widget, kind) {
  return kindGroup(widget)
    .getByRole('button')
    .filter({ hasText: new RegExp(`^\\s*${de(`kind.${kind}`)}\\s+\\d`) });
}

/** The kind chip whose accessible name starts with its label, as screen readers announce it. */
function kindButtonByName(widget, kind) {
  return kindGroup(widget).getByRole('button', { name: new RegExp(`^${de(`kind.${kind}`)} \\d`) });
}

/** The kind chips' counts by kind id. */
async function kindCounts(widget) {
  const counts = new Map();
  for (const kind of KINDS) {
    const button = kindButton(widget, kind);
    if ((await button.count()) === 1) counts.set(kind, trailingCount(await button.textContent()));
  }
  return counts;
}

/** The category chips: label text, count and pressed state, in their order. */
async function categoryChips(widget) {
  const buttons = categoryGroup(widget).getByRole('button');
  const chips = [];
  for (let i = 0; i < (await buttons.count()); i += 1) {
    const button = buttons.nth(i);
    const text = (await button.textContent()).trim();
    chips.push({ text, count: trailingCount(text), pressed: await button.getAttribute('aria-pressed'), button });
  }
  return chips;
}

/** The language select's options after the first: value and count. */
async function languageOptions(widget) {
  const options = widget.getByLabel(de('filters.language')).locator('option');
  const result = [];
  for (let i = 1; i < (await options.count()); i += 1) {
    const option = options.nth(i);
    result.push({ value: await option.getAttribute('value'), count: trailingCount(await option.textContent()) });
  }
  return result;
}

function mapOf(map) {
  return Object.fromEntries([...map].sort());
}

/** Opens the demo page, checks that it shows every entry, runs `body(session)` and closes. */
function withDemo(body) {
  return withWidget(env, async (session) => {
    assert.equal(await readCount(session.widget, 'de'), TOTAL);
    return body(session);
  });
}

test('typing "Deutschkurs" narrows the results as you type', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget, records } = session;
    const search = widget.getByLabel(de('search.label'));
    assert.equal(await search.getAttribute('type'), 'search');
    await search.pressSequentially('Deutschkurs');
    const count = await waitForCount(widget, 'de', (n) => n > 0 && n < TOTAL, 'the count to narrow');
    // The cards follow the count: all of them when up to 20, else the first 20.
    await waitForCardCount(cardsLocator(widget), Math.min(count, 20));
    // The query is the search field's value, and nothing else changed.
    assert.equal(await search.inputValue(), 'Deutschkurs');
    assertClean(records, 'the search');
  });
});

/** Waits until `locator` matches exactly `expected` elements. */
async function waitForCardCount(locator, expected) {
  if (expected === 0) {
    await locator.first().waitFor({ state: 'detached' });
  } else {
    await locator.nth(expected - 1).waitFor();
    await locator.nth(expected).waitFor({ state: 'detached' });
  }
  assert.equal(await locator.count(), expected);
}

test('Enter searches without reloading the page', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { page, widget } = session;
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    const search = widget.getByLabel(de('search.label'));
    await search.fill('Jobcenter');
    await search.press('Enter');
    await waitForCount(widget, 'de', (n) => n > 0 && n < TOTAL, 'the count to narrow');
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'Enter reloaded the page');
  });
});

test('a search without results shows the empty state with a hint', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget } = session;
    await widget.getByLabel(de('search.label')).fill('xqzjvw');
    await waitForCount(widget, 'de', (n) => n === 0, 'no results');
    await widget.getByText(de('results.empty'), { exact: false }).first().waitFor();
    // No filter is set: the hint is about the words.
    await widget.getByText(de('results.empty.words'), { exact: false }).first().waitFor();
    assert.equal(await cardsLocator(widget).count(), 0);
  });
});

test('the filter controls show the demo directory\'s counts', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget } = session;
    assert.deepEqual(mapOf(await kindCounts(widget)), mapOf(kindsOf(DEMO.entries)));
    const chips = await categoryChips(widget);
    assert.deepEqual(
      chips.map((chip) => chip.count).filter((count) => count > 0).sort((a, b) => a - b),
      sortedCounts(categoriesOf(DEMO.entries)),
      `category chips: ${chips.map((chip) => chip.text).join(' | ')}`,
    );
    for (const chip of chips) assert.equal(chip.pressed, 'false', chip.text);
    for (const kind of KINDS) {
      assert.equal(await kindButton(widget, kind).getAttribute('aria-pressed'), 'false');
      assert.equal(await kindButtonByName(widget, kind).count(), 1, `no button named "${de(`kind.${kind}`)} <count>"`);
    }
    // The language select: "any language" first, then one option per language with its count.
    const select = widget.getByLabel(de('filters.language'));
    assert.equal((await select.locator('option').first().textContent()).trim(), de('filters.language.any'));
    assert.deepEqual(
      (await languageOptions(widget)).map((option) => option.count).sort((a, b) => a - b),
      sortedCounts(languagesOf(DEMO.entries)),
    );
    const arabic = (await languageOptions(widget)).find((option) => option.value === 'ar');
    assert.ok(arabic, 'no option with the value "ar"');
    assert.equal(arabic.count, languagesOf(DEMO.entries).get('ar'));
    // The radius: any by default, then 5, 10, 25 and 50 km.
    const radius = widget.getByLabel(de('radius.label'));
    const radiusLabels = (await radius.locator('option').allTextContents()).map((text) => text.trim());
    for (const km of [5, 10, 25, 50]) assert.ok(radiusLabels.includes(de('radius.km', { km })), radiusLabels.join(', '));
    assert.ok(radiusLabels.includes(de('radius.any')), radiusLabels.join(', '));
    const selected = await radius.evaluate((element) => element.options[element.selectedIndex].textContent.trim());
    assert.equal(selected, de('radius.any'));
    assert.equal(await widget.getByLabel(de('filters.free')).isChecked(), false);
    assert.equal(await widget.getByLabel(de('filters.wheelchair')).isChecked(), false);
  });
});

test('a kind filter changes the results and the other counts', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget } = session;
    const courses = DEMO.entries.filter((entry) => entry.kind === 'course');
    const button = kindButton(widget, 'course');
    await button.click();
    await waitForCount(widget, 'de', (n) => n === courses.length, `${courses.length} courses`);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    // Pressed, the chip is still announced by its label and count: the state is aria-pressed's.
    assert.equal(
      await kindButtonByName(widget, 'course').count(),
      1,
      `the pressed chip's accessible name does not start with "${de('kind.course')}"`,
    );
    // The category chips now count courses only; the kind chips keep their own counts.
    const chips = await categoryChips(widget);
    assert.deepEqual(
      chips.map((chip) => chip.count).filter((count) => count > 0).sort((a, b) => a - b),
      sortedCounts(categoriesOf(courses)),
    );
    assert.deepEqual(mapOf(await kindCounts(widget)), mapOf(kindsOf(DEMO.entries)));
    // A second kind adds to the first ("any of").
    await kindButton(widget, 'association').click();
    const both = courses.length + DEMO.entries.filter((entry) => entry.kind === 'association').length;
    await waitForCount(widget, 'de', (n) => n === both, `${both} courses and associations`);
    // Pressing again takes the filter away.
    await kindButton(widget, 'association').click();
    await kindButton(widget, 'course').click();
    await waitForCount(widget, 'de', (n) => n === TOTAL, 'all entries again');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
  });
});

test('a chip or a language that would give no results is marked and cannot be chosen', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget, records } = session;
    const courses = DEMO.entries.filter((entry) => entry.kind === 'course');
    await kindButton(widget, 'course').click();
    await waitForCount(widget, 'de', (n) => n === courses.length, `${courses.length} courses`);
    const chips = await categoryChips(widget);
    const empty = chips.filter((chip) => chip.count === 0);
    assert.ok(empty.length > 0, `the demo must have a topic without courses: ${chips.map((chip) => chip.text).join(' | ')}`);
    for (const chip of chips) {
      assert.equal(await chip.button.getAttribute('aria-disabled'), chip.count === 0 ? 'true' : null, chip.text);
    }
    // Pressed, it would only lead to "nothing found": it stays off. A topic with courses
    // pressed after it shows that the first press has been handled (the chips answer in order).
    // (Playwright's click waits for an aria-disabled button to be enabled; a finger does not.)
    await empty[0].button.click({ force: true });
    await empty[0].button.press('Enter');
    const full = chips.find((chip) => chip.count > 0 && chip.count < courses.length);
    await full.button.click();
    await waitForCount(widget, 'de', (n) => n === full.count, `${full.count} courses in one topic`);
    assert.equal(await empty[0].button.getAttribute('aria-pressed'), 'false');
    assert.equal(await full.button.getAttribute('aria-pressed'), 'true');
    await full.button.click();
    // So is a language that no course is offered in: seen in the list, but not chosen.
    const languages = await languageOptions(widget);
    const disabled = await widget.getByLabel(de('filters.language')).locator('option').evaluateAll((options) => options.slice(1).map((option) => option.disabled));
    assert.ok(languages.some((option) => option.count === 0), `a language without courses: ${JSON.stringify(languages)}`);
    assert.deepEqual(disabled, languages.map((option) => option.count === 0));
    // It is still in the tab order, so that a screen reader finds it and its 0.
    assert.equal(await empty[0].button.evaluate((button) => button.disabled || button.tabIndex < 0), false);
    // With the kind filter gone, the topic has results again and can be pressed.
    await kindButton(widget, 'course').click();
    await waitForCount(widget, 'de', (n) => n === TOTAL, 'all entries again');
    assert.equal(await empty[0].button.getAttribute('aria-disabled'), null);
    assertClean(records, 'the empty chip');
  });
});

test('a category filter changes the results and the other counts', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget } = session;
    // Pick a category by a count that no other category has, so that the test knows which it is.
    const byCategory = categoriesOf(DEMO.entries);
    const unique = [...byCategory].filter(([, count]) => [...byCategory.values()].filter((c) => c === count).length === 1);
    const chips = await categoryChips(widget);
    const chip = chips.find((candidate) => unique.some(([, count]) => count === candidate.count));
    assert.ok(chip, 'no category chip with a unique count');
    const [categoryId] = unique.find(([, count]) => count === chip.count);
    const inCategory = DEMO.entries.filter((entry) => (entry.categories ?? []).includes(categoryId));
    await chip.button.click();
    await waitForCount(widget, 'de', (n) => n === inCategory.length, `${inCategory.length} entries in ${categoryId}`);
    assert.equal(await chip.button.getAttribute('aria-pressed'), 'true');
    const label = chip.text.replace(/\s*\(?\d[\d.,]*\)?\s*$/, '').trim();
    assert.equal(
      await categoryGroup(widget).getByRole('button', { name: new RegExp(`^${escapeRegExp(label)} \\d`) }).count(),
      1,
      `the pressed chip's accessible name does not start with "${label}"`,
    );
    // The kind chips count the entries of that category now.
    const expectedKinds = kindsOf(inCategory);
    const shownKinds = await kindCounts(widget);
    for (const kind of KINDS) {
      assert.equal(shownKinds.get(kind) ?? 0, expectedKinds.get(kind) ?? 0, `kind ${kind} in ${categoryId}`);
    }
    // Every card shown belongs to that category: its label is on the card.
    const cards = cardsLocator(widget);
    for (let i = 0; i < (await cards.count()); i += 1) {
      assert.ok((await cards.nth(i).textContent()).includes(label), `card ${i} lacks the category "${label}"`);
    }
  });
});

test('the language filter changes the results and the other counts', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget } = session;
    const arabic = DEMO.entries.filter((entry) => (entry.languages ?? []).includes('ar'));
    await widget.getByLabel(de('filters.language')).selectOption('ar');
    await waitForCount(widget, 'de', (n) => n === arabic.length, `${arabic.length} entries in Arabic`);
    assert.deepEqual(mapOf(await kindCounts(widget)), mapOf(kindsOf(arabic)));
    const chips = await categoryChips(widget);
    assert.deepEqual(
      chips.map((chip) => chip.count).filter((count) => count > 0).sort((a, b) => a - b),
      sortedCounts(categoriesOf(arabic)),
    );
  });
});

for (const [key, predicate] of [
  ['filters.free', isFree],
  ['filters.wheelchair', isWheelchair],
]) {
  test(`the "${de(key)}" filter changes the results and the other counts`, TEST_OPTIONS, async () => {
    await withDemo( async (session) => {
      const { widget } = session;
      const matching = DEMO.entries.filter(predicate);
      assert.ok(matching.length > 0 && matching.length < TOTAL, 'the demo data must make this filter count');
      const checkbox = widget.getByLabel(de(key));
      assert.equal(await checkbox.getAttribute('type'), 'checkbox');
      await checkbox.check();
      await waitForCount(widget, 'de', (n) => n === matching.length, `${matching.length} entries`);
      assert.deepEqual(mapOf(await kindCounts(widget)), mapOf(kindsOf(matching)));
      await checkbox.uncheck();
      await waitForCount(widget, 'de', (n) => n === TOTAL, 'all entries again');
    });
  });
}

test('filters combine, and clearing them restores the full list', TEST_OPTIONS, async () => {
  await withDemo( async (session) => {
    const { widget, records } = session;
    await kindButton(widget, 'service').click();
    await widget.getByLabel(de('filters.language')).selectOption('ar');
    await widget.getByLabel(de('filters.free')).check();
    await widget.getByLabel(de('filters.wheelchair')).check();
    const chips = await categoryChips(widget);
    const chip = chips.find((candidate) => candidate.count > 0);
    await chip.button.click();
    const combined = DEMO.entries.filter(
      (entry) =>
        entry.kind === 'service' && (entry.languages ?? []).includes('ar') && isFree(entry) && isWheelchair(entry),
    );
    await waitForCount(widget, 'de', (n) => n < combined.length + 1 && n < TOTAL, 'the combined filters');
    await widget.getByRole('button', { name: de('filters.clear') }).click();
    await waitForCount(widget, 'de', (n) => n === TOTAL, 'all entries after clearing');
    for (const kind of KINDS) assert.equal(await kindButton(widget, kind).getAttribute('aria-pressed'), 'false');
    for (const each of await categoryChips(widget)) assert.equal(each.pressed, 'false', each.text);
    assert.equal(await widget.getByLabel(de('filters.free')).isChecked(), false);
    assert.equal(await widget.getByLabel(de('filters.wheelchair')).isChecked(), false);
    const select = widget.getByLabel(de('filters.language'));
    assert.equal(await select.evaluate((element) => element.selectedIndex), 0);
    assert.deepEqual(mapOf(await kindCounts(widget)), mapOf(kindsOf(DEMO.entries)));
    assertClean(records, 'the filters');
  });
});
