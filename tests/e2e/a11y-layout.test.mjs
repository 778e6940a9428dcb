// Accessibility that axe and Lighthouse cannot see in a still page (WCAG 2.1 AA in Chromium):
// reflow at 320 CSS px (1.4.10), 200 % zoom without cut-off or overlapping text (1.4.4), the
// focus kept when results re-render (2.4.3), counts announced in a live region (4.1.3), and a
// visible focus on everything Tab reaches (2.4.7).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO,
  TEST_OPTIONS,
  cardsLocator,
  engineTotal,
  focusedElement,
  msg,
  readCount,
  screenshot,
  statusLocator,
  until,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();

// ---------------------------------------------------------------------------------------------
// Helpers

/** A handle to the element that has the focus, through open shadow roots. */
function activeElement(page) {
  return page.evaluateHandle(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element;
  });
}

/** Whether the focused element is the very element `handle` points to (not a re-rendered copy). */
async function hasFocus(page, handle) {
  const active = await activeElement(page);
  return page.evaluate(([a, b]) => a === b, [active, handle]);
}

/** Presses Tab until `accept(focused)` holds (focusedElement's description); fails after `limit`. */
async function tabUntil(page, accept, what, limit = 80) {
  const passed = [];
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    passed.push(focused && `${focused.tag}:${focused.text}`);
    if (focused && accept(focused)) return focused;
  }
  return assert.fail(`${what} not reached with ${limit} presses of Tab; passed: ${JSON.stringify(passed)}`);
}

/**
 * What is wrong with the layout now: horizontal scrolling of the page, widget elements that stick
 * out of the viewport, controls whose text does not fit them, and labels, legends and controls
 * whose boxes overlap each other.
 */
function layoutProblems(page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scroller = document.scrollingElement;
    const root = document.querySelector('service-finder').shadowRoot;
    const describe = (element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    // Rendered, and not one of the 1 px visually hidden texts for screen readers. checkVisibility
    // also leaves out the contents of a folded <details>, which keep a box but are not painted.
    const shown = (element) => {
      const box = element.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && element.checkVisibility({ visibilityProperty: true });
    };
    const elements = [...root.querySelectorAll('*')].filter(shown);
    const problems = [];
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      problems.push(`the page scrolls sideways: scrollWidth ${scroller.scrollWidth} > clientWidth ${scroller.clientWidth}`);
    }
    for (const element of elements) {
      const box = element.getBoundingClientRect();
      if (box.left < -1 || box.right > viewport + 1) {
        problems.push(`outside the viewport (0–${viewport}): ${describe(element)} at ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
    }
    const items = elements.filter((element) => element.matches('label, legend, button, select, input, summary, a'));
    for (const item of items) {
      // Text wider than its own box is cut off or spills over its neighbours (inline boxes have
      // no width of their own to overflow).
      if (getComputedStyle(item).display !== 'inline' && item.scrollWidth > item.clientWidth + 1) {
        problems.push(`text does not fit: ${describe(item)} (${item.scrollWidth} > ${item.clientWidth})`);
      }
    }
    for (const [index, a] of items.entries()) {
      for (const b of items.slice(index + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const boxA = a.getBoundingClientRect();
        const boxB = b.getBoundingClientRect();
        const overlapX = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const overlapY = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`overlap: ${describe(a)} and ${describe(b)}`);
      }
    }
    return { problems, checked: items.length };
  });
}

/** The filter panel's summary: the one that says "Filter" (with a count when filters are on). */
function filterSummary(widget) {
  return widget.locator('summary', { hasText: msg('de', 'filters.heading') });
}

/** The filter panel: the <details> of that summary. */
function filterPanel(widget) {
  // `has` takes a locator relative to the <details>, hence one from the page and not the widget.
  const summary = widget.page().locator('summary', { hasText: msg('de', 'filters.heading') });
  return widget.locator('details').filter({ has: summary });
}

/** Opens the filter panel (folded on narrow screens) with the keyboard, as a newcomer would. */
async function openFilters(page, widget) {
  const isOpen = () => filterPanel(widget).evaluate((details) => details.open);
  if (!(await isOpen())) {
    await filterSummary(widget).focus();
    await page.keyboard.press('Enter');
  }
  await until(isOpen, (open) => open, 'the filter panel to open');
}

/** Asserts that a widget element is shown and lies within the viewport's width. */
async function assertWithinWidth(locator, width, what) {
  await locator.waitFor();
  assert.ok(await locator.isVisible(), `${what} is not visible`);
  const box = await locator.boundingBox();
  assert.ok(box && box.width > 0, `${what} has no box`);
  assert.ok(box.x >= -1 && box.x + box.width <= width + 1, `${what} sticks out: ${box.x}–${box.x + box.width} of 0–${width}`);
}

// ---------------------------------------------------------------------------------------------
// Reflow and zoom

test('reflow at 320 px: no sideways scrolling; search, filters and results fit', TEST_OPTIONS, async () => {
  const contextOptions = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
  await withWidget(env, { contextOptions }, async (session) => {
    const { page, widget } = session;
    await cardsLocator(widget).first().waitFor();
    await assertWithinWidth(widget.getByLabel(msg('de', 'search.label')), 320, 'the search field');
    await assertWithinWidth(filterSummary(widget), 320, 'the filters summary');
    await assertWithinWidth(cardsLocator(widget).first(), 320, 'the first result');
    let report = await layoutProblems(page);
    assert.deepEqual(report.problems, [], 'layout at 320 px, filters folded');
    await screenshot(page, 'reflow-320');
    // Unfolded, the filters must fit as well.
    await openFilters(page, widget);
    report = await layoutProblems(page);
    assert.deepEqual(report.problems, [], 'layout at 320 px, filters open');
    assert.ok(report.checked > 30, `only ${report.checked} labels and controls checked`);
    await screenshot(page, 'reflow-320-filters');
  });
});

test('200 % zoom (640×400 CSS px at twice the pixels): nothing cut off, no text over controls', TEST_OPTIONS, async () => {
  // A 1280 px wide desktop at 200 % is 640 CSS px wide; zoom gives the page fewer CSS pixels
  // and sharper ones, which is what a viewport with deviceScaleFactor 2 emulates.
  await withWidget(env, { contextOptions: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } }, async (session) => {
    const { page, widget } = session;
    await cardsLocator(widget).first().waitFor();
    assert.equal(await page.evaluate(() => window.devicePixelRatio), 2);
    await openFilters(page, widget);
    // The labels and their controls in the filter panel, pairwise: checked within all of them.
    const panelItems = await filterPanel(widget).locator(':is(label, legend, button, select, input)').count();
    assert.ok(panelItems > 15, `only ${panelItems} labels and controls in the filter panel`);
    const report = await layoutProblems(page);
    assert.deepEqual(report.problems, [], 'layout at 200 % zoom');
    assert.ok(report.checked >= panelItems, `${report.checked} checked, fewer than the ${panelItems} in the filter panel`);
    await screenshot(page, 'zoom-200-filters');
  });
});

// ---------------------------------------------------------------------------------------------
// Focus and announcements

test('focus stays on a chip and a checkbox when the results re-render', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const total = DEMO.entries.length;
    await waitForCount(widget, 'de', (n) => n === total, 'all entries');
    const course = msg('de', 'kind.course');
    await tabUntil(page, (f) => f.inWidget && f.ariaPressed === 'false' && f.text.startsWith(course), `the chip ${course}`);
    const chip = await activeElement(page);
    await page.keyboard.press('Space');
    const courses = DEMO.entries.filter((entry) => entry.kind === 'course').length;
    await waitForCount(widget, 'de', (n) => n === courses, 'the courses only');
    assert.ok(await hasFocus(page, chip), `the focus left the chip; it is on ${JSON.stringify(await focusedElement(page))}`);
    assert.equal(await chip.evaluate((element) => element.getAttribute('aria-pressed')), 'true');

    // On to the "free of charge" checkbox: Space checks it, and the focus stays there too.
    await tabUntil(page, (f) => f.inWidget && f.tag === 'input' && f.type === 'checkbox', 'a checkbox');
    const checkbox = await activeElement(page);
    await page.keyboard.press('Space');
    await waitForCount(widget, 'de', (n) => n < courses, 'the checkbox to narrow');
    assert.ok(await hasFocus(page, checkbox), `the focus left the checkbox; it is on ${JSON.stringify(await focusedElement(page))}`);
  });
});

test('focus stays in the search field while typing changes the results', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    await tabUntil(page, (f) => f.inWidget && f.tag === 'input' && f.type === 'search', 'the search field');
    const field = await activeElement(page);
    const expected = await engineTotal(page, { text: 'Beratung' });
    assert.ok(expected > 0 && expected < DEMO.entries.length, `"Beratung" gives ${expected} of ${DEMO.entries.length}`);
    await page.keyboard.type('Beratung');
    await waitForCount(widget, 'de', (n) => n === expected, 'the results for "Beratung"');
    assert.ok(await hasFocus(page, field), `the focus left the search field; it is on ${JSON.stringify(await focusedElement(page))}`);
    // Still typing into the same field, at its end.
    await page.keyboard.type('sstelle');
    assert.equal(await field.evaluate((input) => input.value), 'Beratungsstelle');
    assert.ok(await hasFocus(page, field), 'the focus left the search field after more typing');
  });
});

test('"show more results" with Enter moves the focus to the first new result, not to the page', TEST_OPTIONS, async (t) => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const cards = cardsLocator(widget);
    await until(() => cards.count(), (n) => n > 0, 'the first page of results');
    const shown = await cards.count();
    assert.ok(DEMO.entries.length > shown, 'the demo directory has more than one page of results');
    const more = widget.getByRole('button', { name: msg('de', 'results.more') });
    await more.focus();
    await page.keyboard.press('Enter');
    await until(() => cards.count(), (n) => n > shown, 'more results');
    const focused = await focusedElement(page);
    assert.ok(focused && focused.tag !== 'body' && focused.inWidget, `the focus was lost: ${JSON.stringify(focused)}`);
    // Either place lets a keyboard user go on reading where the list grew.
    const firstNew = await cards.nth(shown).locator('h3 button').elementHandle();
    const onFirstNew = await hasFocus(page, firstNew);
    assert.ok(
      onFirstNew || (focused.tag === 'button' && focused.text === msg('de', 'results.more')),
      `the focus is neither on the first new result nor on the button: ${JSON.stringify(focused)}`,
    );
    t.diagnostic(`after "more": the focus is on ${onFirstNew ? 'the first new result' : 'the "more" button'}`);
  });
});

test('the result count is announced through a live region when it changes', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const status = statusLocator(widget, 'de');
    await status.waitFor();
    // role=status is a polite live region; an explicit aria-live must not switch it off.
    const region = await status.evaluate((element) => ({ role: element.getAttribute('role'), live: element.getAttribute('aria-live') }));
    assert.ok(
      (region.role === 'status' && region.live !== 'off') || region.live === 'polite',
      `the count is not in a polite live region: ${JSON.stringify(region)}`,
    );
    assert.equal((await status.textContent()).trim(), msg('de', 'results.count', { count: DEMO.entries.length }));
    // A screen reader announces changes of a live region that was already there: the same
    // element must change its text, not be replaced by a new one.
    const element = await status.elementHandle();
    const expected = await engineTotal(page, { text: 'Deutschkurs' });
    assert.notEqual(expected, DEMO.entries.length);
    await widget.getByLabel(msg('de', 'search.label')).fill('Deutschkurs');
    const announced = msg('de', 'results.count', { count: expected });
    await until(() => element.evaluate((e) => e.isConnected && e.textContent.trim()), (text) => text === announced, `the live region to say "${announced}"`);
    // Nothing found is announced as well.
    await widget.getByLabel(msg('de', 'search.label')).fill('xqzjvw');
    const none = msg('de', 'results.count', { count: 0 });
    await until(() => element.evaluate((e) => e.isConnected && e.textContent.trim()), (text) => text === none, `the live region to say "${none}"`);
    assert.equal(await readCount(widget, 'de'), 0);
  });
});

test('every element Tab reaches in the widget shows a visible focus indicator', TEST_OPTIONS, async (t) => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    await cardsLocator(widget).first().waitFor();
    const reached = [];
    let entered = false;
    let left = false;
    for (let presses = 0; presses < 600 && !left; presses += 1) {
      await page.keyboard.press('Tab');
      const focus = await (await activeElement(page)).evaluate((element) => {
        if (!element || element.getRootNode() === document) return { inWidget: false };
        const style = getComputedStyle(element);
        return {
          inWidget: true,
          what: `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || element.id).trim().slice(0, 40)}"`,
          outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth),
          outlineColor: style.outlineColor,
          boxShadow: style.boxShadow,
        };
      });
      if (focus.inWidget) {
        entered = true;
        reached.push(focus);
      } else if (entered) {
        left = true; // Past the widget's last focusable element.
      }
    }
    assert.ok(entered, 'Tab never reached the widget');
    assert.ok(left, `Tab did not leave the widget after ${reached.length} elements: a keyboard trap?`);
    t.diagnostic(`${reached.length} elements in the widget reached with Tab`);
    // The search field, the selects, the filter chips, the checkboxes, the results and their links.
    assert.ok(reached.length > 40, `only ${reached.length} elements reached in the widget`);
    const transparent = /^(transparent|rgba\(.*,\s*0\))$/;
    const invisible = reached.filter(
      (f) =>
        !(f.outlineStyle !== 'none' && f.outlineWidth > 0 && !transparent.test(f.outlineColor)) &&
        !(f.boxShadow && f.boxShadow !== 'none'),
    );
    assert.deepEqual(
      invisible.map((f) => `${f.what}: outline ${f.outlineStyle} ${f.outlineWidth}px ${f.outlineColor}, box-shadow ${f.boxShadow}`),
      [],
      'focused elements without a visible focus indicator',
    );
  });
});
