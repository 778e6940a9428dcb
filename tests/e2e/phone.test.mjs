// A newcomer on a phone: the first result starts on the first screen, every control is a target
// a finger can hit (44 × 44 px on a touch screen), the widget follows the device's dark mode
// (with AA contrast) unless the page keeps it light, and it does not move for those who asked
// for reduced motion.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  TEST_OPTIONS,
  cardsLocator,
  describeViolations,
  msg,
  runAxe,
  screenshot,
  useBrowser,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/** A phone: 375 × 667, touch (so `pointer: coarse`). */
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** A page whose first thing is the widget, in `lang` (fixed, since the browser is German). */
function topPage(lang = 'de', head = '') {
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Widget at the top</title>${head}</head>
<body style="margin: 0">
<script type="module" src="/service-finder/service-finder.js"></script>
<service-finder lang="${lang}" fixed-language></service-finder>
</body>
</html>`;
}

function withPhone(lang, contextOptions, body, head) {
  return withWidget(env, { path: '/e2e/blank.html', html: topPage(lang, head), contextOptions: { ...PHONE, ...contextOptions } }, async (session) => {
    await cardsLocator(session.widget).first().waitFor();
    return body(session);
  });
}

for (const lang of ['de', 'ar', 'uk', 'ru']) {
  test(`${lang}, 375 × 667: the first result starts on the first screen, under a compact header`, TEST_OPTIONS, async () => {
    await withPhone(lang, {}, async ({ page, widget }) => {
      const layout = await page.evaluate(() => {
        const host = document.querySelector('service-finder');
        const root = host.shadowRoot;
        const box = (selector) => root.querySelector(selector).getBoundingClientRect();
        const top = host.getBoundingClientRect().top;
        return {
          cardTop: box('li > article').top - top,
          // The bottom of the first line of the first card's name: what makes it a result the
          // newcomer sees, not a border at the screen's foot.
          nameLineBottom: (() => {
            const name = root.querySelector('li > article .sf-card-title');
            const range = document.createRange();
            range.selectNodeContents(name);
            return range.getClientRects()[0].bottom - top;
          })(),
          title: { top: box('.sf-title').top, bottom: box('.sf-title').bottom },
          select: { top: box('.sf-ui-language select').top },
          aboutParagraphs: root.querySelectorAll('.sf-header p').length,
          // Words of the title cut over two lines ("Integrationswegwe", "iser" beside the
          // language switcher).
          cutWords: (() => {
            const text = root.querySelector('.sf-title').firstChild;
            const range = document.createRange();
            // A break after a hyphen ("Waldeck-", "Frankenberg") is no cut.
            return [...text.textContent.matchAll(/[^\s-]+/g)].filter((word) => {
              range.setStart(text, word.index);
              range.setEnd(text, word.index + word[0].length);
              return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
            }).map((word) => word[0]);
          })(),
          filtersOpen: root.querySelector('details.sf-filter-panel').open,
        };
      });
      console.log(`${lang}: first card top ${layout.cardTop} px, its name's first line ends ${layout.nameLineBottom} px below the widget's top`);
      assert.ok(layout.nameLineBottom <= 667, `the first card's name is not on the first screen: ${JSON.stringify(layout)}`);
      // The language switcher sits on the title's row; publisher, date and notice are one line.
      assert.ok(layout.select.top < layout.title.bottom, `the switcher is under the title: ${JSON.stringify(layout)}`);
      assert.equal(layout.aboutParagraphs, 1);
      assert.deepEqual(layout.cutWords, [], 'words of the title cut over two lines');
      assert.equal(layout.filtersOpen, false, 'the filters are folded on a phone');
      await widget.getByRole('group', { name: msg(lang, 'filters.kind') }).waitFor({ state: 'hidden' });
      await screenshot(page, `phone-first-${lang}`, { fullPage: false });
      // The folded panel's chips are made when it is first opened (issue 16: they were a third
      // of the rendering before the first cards); opened, they are there with their counts.
      assert.equal(await widget.locator('.sf-filters').count(), 0, 'no filter groups are made before the panel opens');
      await widget.locator('summary.sf-filter-summary').click();
      const kinds = widget.getByRole('group', { name: msg(lang, 'filters.kind'), exact: true });
      await kinds.waitFor();
      const chips = await kinds.getByRole('button').allTextContents();
      assert.ok(chips.length >= 2 && chips.every((text) => /[0-9\u0660-\u0669]/.test(text)), `the kinds' chips with counts: ${chips}`);
    });
  });
}

test('on the demo page at 375 × 667 the first result is within one screen of the widget\'s top', TEST_OPTIONS, async () => {
  // The county's own header, heading and introduction come first there: the widget starts lower.
  await withWidget(env, { contextOptions: PHONE }, async ({ page, widget }) => {
    await cardsLocator(widget).first().waitFor();
    const { widgetTop, cardTop, actions } = await page.evaluate(() => {
      const host = document.querySelector('service-finder');
      const card = host.shadowRoot.querySelector('li > article');
      // The tops of the first card's actions (call, e-mail, route, share).
      const actions = [...card.querySelector('.sf-actions').children].map((action) => Math.round(action.getBoundingClientRect().top));
      return { widgetTop: host.getBoundingClientRect().top, cardTop: card.getBoundingClientRect().top, actions };
    });
    console.log(`demo page: the widget starts at ${widgetTop} px, its first card ${cardTop - widgetTop} px below that`);
    assert.ok(cardTop - widgetTop < 667, `the first card starts ${cardTop - widgetTop} px below the widget's top`);
    // Two to a row in the page's column, so that a card takes less of the screen (three rows
    // before: "Route (OpenStreetMap)" and "Teilen" did not fit side by side).
    const rows = new Set(actions).size;
    assert.ok(actions.length >= 4 && rows <= 2, `the first card's ${actions.length} actions take ${rows} rows`);
  });
});

/**
 * Every control in the widget that is on screen, with its size; a checkbox by its label (the
 * whole row is the label, so that is what a finger hits).
 */
function targets(page) {
  return page.evaluate(() => {
    const root = document.querySelector('service-finder').shadowRoot;
    const controls = root.querySelectorAll('button, a[href], select, input, summary, [role="option"], [tabindex]:not([tabindex="-1"])');
    return [...controls].flatMap((control) => {
      const target = control.type === 'checkbox' ? control.closest('label') : control;
      const { width, height } = target.getBoundingClientRect();
      // Not on screen; or hidden until the keyboard reaches it ("skip to the results"), which
      // no finger can tap.
      if (width <= 1 && height <= 1) return [];
      const name = (control.getAttribute('aria-label') ?? target.textContent).trim().slice(0, 40);
      return [{ what: `${target.tagName.toLowerCase()} ${target.className || control.type} "${name}"`, width, height }];
    });
  });
}

test('on a touch screen every control is at least 44 × 44 px', TEST_OPTIONS, async () => {
  await withPhone('de', {}, async ({ page, widget }) => {
    const de = (key) => msg('de', key);
    await widget.locator('summary.sf-filter-summary').click();
    await widget.locator('details.sf-filter-panel[open]').waitFor();
    const card = cardsLocator(widget).first();
    await card.locator('h3 button').click();
    await card.locator('h3 button[aria-expanded="true"]').waitFor();
    // The details with their contact links, and the opening-hours filters.
    await card.locator('.sf-details[data-filled] .sf-contact-link').first().waitFor();
    await widget.locator('[data-group="open"]:not([hidden])').waitFor();
    const measured = await targets(page);
    // A place chosen: its clear button is there; then the suggestions for another.
    const place = widget.getByRole('combobox', { name: de('place.label') });
    const suggestions = widget.getByRole('listbox', { name: de('place.label') }).getByRole('option');
    await place.fill('Korbach');
    await suggestions.first().click();
    await widget.getByRole('button', { name: de('place.clear') }).waitFor();
    measured.push(...(await targets(page)));
    await place.fill('Korb');
    await suggestions.first().waitFor();
    measured.push(...(await targets(page)).filter((target) => target.what.startsWith('li ')));

    const kinds = new Set(measured.map((target) => target.what.split(' ').slice(0, 2).join(' ')));
    for (const kind of ['button sf-chip', 'button sf-card-toggle', 'button sf-place-clear', 'select ', 'label sf-check', 'a sf-action', 'a sf-contact-link', 'summary sf-filter-summary', 'li sf-suggestion']) {
      assert.ok([...kinds].some((seen) => seen.startsWith(kind.trim())), `no ${kind} measured: ${[...kinds].join(', ')}`);
    }
    const small = measured.filter(({ width, height }) => width < 44 || height < 44);
    assert.deepEqual(small, [], 'controls smaller than 44 × 44 px');
    const smallest = (dimension) => Math.min(...measured.map((target) => target[dimension]));
    console.log(`${measured.length} controls; the smallest is ${smallest('width').toFixed(1)} px wide and ${smallest('height').toFixed(1)} px high`);
  });
});

/** The relative luminance of a computed colour: `rgb(…)` (0–255) or `color(srgb …)` (0–1). */
function luminance(colour) {
  const scale = colour.startsWith('color(srgb') ? 1 : 255;
  const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((value) => {
    const channel = Number(value) / scale;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function colours(page) {
  return page.evaluate(() => {
    const root = document.querySelector('service-finder').shadowRoot;
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    return { background: style('.sf-card').backgroundColor, text: style('.sf').color, link: style('.sf-card-toggle').color };
  });
}

for (const lang of ['de', 'ar']) {
  test(`${lang}, dark mode: a dark palette, and axe finds no contrast or other violation`, TEST_OPTIONS, async () => {
    await withPhone(lang, { colorScheme: 'dark' }, async ({ page, widget }) => {
      const dark = await colours(page);
      assert.ok(luminance(dark.background) < 0.05, `background ${dark.background}`);
      assert.ok(luminance(dark.text) > 0.7, `text ${dark.text}`);
      await screenshot(page, `phone-dark-${lang}`, { fullPage: false });
      await widget.locator('summary.sf-filter-summary').click();
      await widget.locator('details.sf-filter-panel[open]').waitFor();
      await cardsLocator(widget).first().locator('h3 button').click();
      await cardsLocator(widget).first().locator('h3 button[aria-expanded="true"]').waitFor();
      assert.deepEqual(describeViolations(await runAxe(page)), [], `axe violations in ${lang}, dark`);
    });
  });
}

test('dark mode with a county\'s dark accent: its text stays readable; `color-scheme: light` keeps the widget light', TEST_OPTIONS, async () => {
  const head = '<style>service-finder { --sf-accent: #7a1f2b; }</style>';
  await withPhone('de', { colorScheme: 'dark' }, async ({ page }) => {
    const dark = await colours(page);
    const ratio = (a, b) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
    assert.ok(ratio(dark.link, dark.background) >= 4.5, `the accent as text: ${dark.link} on ${dark.background}`);
    assert.deepEqual(describeViolations(await runAxe(page)), [], 'axe violations with a dark accent in dark mode');
  }, head);
  const light = '<style>service-finder { color-scheme: light; }</style>';
  await withPhone('de', { colorScheme: 'dark' }, async ({ page }) => {
    const kept = await colours(page);
    assert.equal(kept.background, 'rgb(255, 255, 255)');
  }, light);
});

test('reduced motion: nothing in the widget moves; otherwise its controls fade their colours', TEST_OPTIONS, async () => {
  const motion = (page) => page.evaluate(() => {
    const root = document.querySelector('service-finder').shadowRoot;
    const moving = [];
    for (const element of root.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(element, pseudo);
        const durations = [...style.transitionDuration.split(','), ...style.animationDuration.split(',')];
        if (durations.some((duration) => parseFloat(duration) > 0) || style.animationName !== 'none') {
          moving.push(`${element.tagName.toLowerCase()}.${element.className}${pseudo ?? ''}: ${style.transitionDuration}`);
        }
      }
    }
    return moving;
  });
  await withPhone('de', {}, async ({ page }) => {
    assert.ok((await motion(page)).length > 0, 'no transition at all: the reduced-motion check would prove nothing');
  });
  await withPhone('de', { reducedMotion: 'reduce' }, async ({ page, widget }) => {
    await widget.locator('summary.sf-filter-summary').click();
    await widget.locator('details.sf-filter-panel[open]').waitFor();
    assert.deepEqual(await motion(page), []);
  });
});
