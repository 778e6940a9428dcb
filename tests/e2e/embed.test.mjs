// The README's two-line embed snippet pasted into plain pages: it works, picks its language as
// documented, and neither the page's CSS nor the widget's own leaks across the shadow root.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  DEMO,
  REPO_ROOT,
  TEST_OPTIONS,
  assertClean,
  cardsLocator,
  msg,
  readCount,
  useBrowser,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/** The snippet as issue 3 gives it, for the tests of attributes and languages. */
const SNIPPET = `<script type="module" src="/service-finder/service-finder.js"></script>
<service-finder></service-finder>`;

/** The first fenced HTML block in the README with a script tag and the element: the embed snippet. */
function readmeSnippet() {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  for (const [, code] of readme.matchAll(/```html\n([\s\S]*?)```/g)) {
    if (code.includes('<script') && code.includes('<service-finder')) return code.trim();
  }
  return null;
}

function plainPage({ lang = 'de', head = '', body = SNIPPET } = {}) {
  const langAttribute = lang === null ? '' : ` lang="${lang}"`;
  return `<!doctype html>
<html${langAttribute}>
<head><meta charset="utf-8"><title>Plain page</title>${head}</head>
<body>
<h1>Gemeinde Musterhausen</h1>
<p id="before">Text of the county page before the widget.</p>
${body}
<p id="after">Text of the county page after the widget.</p>
</body>
</html>`;
}

/**
 * Opens the blank page on the test server with `html` as its content (keeping its URL), with
 * more `contextOptions` for the browser; waits for the widget, runs `body(session)` and closes.
 */
function withPlainPage(html, contextOptions, body, setup = undefined) {
  return withWidget(env, { path: '/e2e/blank.html', html, contextOptions, setup }, body);
}

test('the README embed snippet works when pasted into a plain HTML page', TEST_OPTIONS, async () => {
  const snippet = readmeSnippet();
  assert.ok(snippet, 'README.md has no ```html block with the <script> and <service-finder> embed snippet');
  await withPlainPage(plainPage({ body: snippet }), {}, async (session) => {
    const { page, widget, records } = session;
    // With no attributes it shows the bundled demo directory.
    assert.equal(await readCount(widget, 'de'), DEMO.entries.length);
    await cardsLocator(widget).first().waitFor();
    assert.equal(
      (await widget.getByRole('heading', { level: 2 }).first().textContent()).trim(),
      DEMO.title.de,
    );
    // The widget renders into an open shadow root.
    assert.equal(await page.evaluate(() => document.querySelector('service-finder').shadowRoot?.mode), 'open');
    await page.waitForLoadState('networkidle');
    assertClean(records, 'the plain page');
  });
});

const languageCases = [
  // [what, page lang, browser locale, expected UI language]
  ['an Arabic browser (ar-SY) over the page\'s <html lang="de">', 'de', 'ar-SY', 'ar'],
  ['a Ukrainian browser (uk-UA) over the page\'s <html lang="de">', 'de', 'uk-UA', 'uk'],
  ['an English browser over the page\'s <html lang="de">', 'de', 'en-US', 'en'],
  ['the page\'s <html lang="en"> when the browser speaks no UI language', 'en', 'fr-FR', 'en'],
  ['an English browser when the page has no lang', null, 'en-US', 'en'],
  ['German when neither page nor browser speaks a known language', null, 'fr-FR', 'de'],
];
for (const [what, pageLang, locale, expected] of languageCases) {
  test(`the UI language defaults to ${what}`, TEST_OPTIONS, async () => {
    await withPlainPage(plainPage({ lang: pageLang }), { locale }, async (session) => {
      const { widget } = session;
      await widget.getByLabel(msg(expected, 'search.label')).waitFor();
      assert.equal(await widget.locator('.sf').getAttribute('lang'), expected);
      assert.equal(await readCount(widget, expected), DEMO.entries.length);
    });
  });
}

test('the first of the browser\'s languages that the widget speaks wins', TEST_OPTIONS, async () => {
  // French first (no UI language), then Tigrinya (Eritrea), then English.
  const setup = ({ context }) => context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['fr-FR', 'ti-ER', 'en-US'] });
  });
  await withWidget(env, { path: '/e2e/blank.html', html: plainPage({ lang: 'de' }), setup }, async (session) => {
    const { widget } = session;
    await widget.getByLabel(msg('ti', 'search.label')).waitFor();
    assert.equal(await widget.locator('.sf').getAttribute('lang'), 'ti');
  });
});

const withLang = (attributes) => SNIPPET.replace('<service-finder>', `<service-finder ${attributes}>`);

test('the lang attribute picks the UI language when the browser speaks none of them', TEST_OPTIONS, async () => {
  await withPlainPage(plainPage({ lang: 'de', body: withLang('lang="en"') }), { locale: 'fr-FR' }, async (session) => {
    const { widget } = session;
    await widget.getByLabel(msg('en', 'search.label')).waitFor();
    await widget.getByRole('button', { name: msg('en', 'location.use') }).waitFor();
    assert.equal(await readCount(widget, 'en'), DEMO.entries.length);
  });
});

test('the browser\'s language comes before the lang attribute', TEST_OPTIONS, async () => {
  await withPlainPage(plainPage({ lang: 'en', body: withLang('lang="en"') }), { locale: 'uk-UA' }, async (session) => {
    const { widget } = session;
    await widget.getByLabel(msg('uk', 'search.label')).waitFor();
    assert.equal(await readCount(widget, 'uk'), DEMO.entries.length);
  });
});

test('with fixed-language the lang attribute comes before the browser, and the newcomer\'s own choice before both', TEST_OPTIONS, async () => {
  // A German browser (support.mjs) on a page that fixes English.
  await withPlainPage(plainPage({ lang: 'de', body: withLang('lang="en" fixed-language') }), {}, async (session) => {
    const { page, widget } = session;
    await widget.getByLabel(msg('en', 'search.label')).waitFor();
    assert.equal(await readCount(widget, 'en'), DEMO.entries.length);
    // The switcher still works, and the choice is remembered over the fixed language.
    await widget.getByLabel(msg('en', 'ui.language'), { exact: true }).selectOption('ar');
    await widget.locator('.sf[lang="ar"]').waitFor();
    await page.setContent(plainPage({ lang: 'de', body: withLang('lang="en" fixed-language') }));
    await page.locator('service-finder[data-state="ready"]').waitFor({ state: 'attached' });
    await widget.locator('.sf[lang="ar"]').waitFor();
    assert.equal(await readCount(widget, 'ar'), DEMO.entries.length);
  });
});

test('the county page\'s CSS does not break the widget, and the widget\'s CSS does not leak out', TEST_OPTIONS, async () => {
  // Styles a CMS theme might have, written to hurt: they must stop at the shadow root.
  const hostile = `<style>
    input, select, button, article, li, ul, h2, h3, label, fieldset { display: none !important; }
    * { box-sizing: content-box; }
    p, h1 { color: rgb(1, 2, 3); font-size: 17px; margin: 7px; }
  </style>`;
  await withPlainPage(plainPage({ head: hostile }), {}, async (session) => {
    const { page, widget } = session;
    for (const control of [
      widget.getByLabel(msg('de', 'search.label')),
      widget.getByRole('button', { name: msg('de', 'location.use') }),
      cardsLocator(widget).first(),
    ]) {
      assert.ok(await control.isVisible(), 'a widget control was hidden by the page\'s CSS');
    }
    const pageStyles = await page.evaluate(() =>
      ['#before', '#after', 'h1'].map((selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return [selector, style.color, style.fontSize, style.margin];
      }),
    );
    for (const [selector, color, fontSize, margin] of pageStyles) {
      assert.deepEqual([color, fontSize, margin], ['rgb(1, 2, 3)', '17px', '7px'], `${selector} was restyled by the widget`);
    }
  });
});

/** What the host page could change: the widget's text sizes and font, its controls' heights, its width. */
function measureWidget(page) {
  return page.evaluate(() => {
    const host = document.querySelector('service-finder');
    const root = host.shadowRoot;
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    const height = (selector) => root.querySelector(selector).getBoundingClientRect().height;
    let right = 0;
    for (const element of root.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0) right = Math.max(right, box.right);
    }
    return {
      bodyFontSize: style('.sf').fontSize,
      factFontSize: style('li > article .sf-facts li').fontSize,
      titleFontSize: style('.sf-title').fontSize,
      fontFamily: style('li > article .sf-facts li').fontFamily,
      lineHeight: style('li > article .sf-facts li').lineHeight,
      textFlow: ['wordBreak', 'overflowWrap', 'hyphens', 'textAlign', 'cursor'].map((name) => style('li > article .sf-facts li')[name]).join(' '),
      heights: Object.fromEntries(
        ['input[type="search"]', '[role="combobox"]', '.sf-near .sf-button', '.sf-filter-summary', '.sf-ui-language select', 'li > article']
          .map((selector) => [selector, Math.round(height(selector) * 10) / 10]),
      ),
      widgetWidth: host.getBoundingClientRect().width,
      rightmost: right,
      overflow: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
    };
  });
}

const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/**
 * Opens a phone page and measures the widget once its cards are final. A card grows a line
 * when the opening-hours module arrives after the first results ("Geöffnet · bis 16:00"), and
 * that line's text depends on the minute: the clock is fixed, and the measurement waits for
 * the status lines, so that two pages are measured in the same state.
 */
function measurePhonePage(head) {
  const fixedClock = async ({ context }) => context.clock.setFixedTime(new Date('2026-11-18T10:00:00+01:00'));
  return withPlainPage(plainPage({ head }), PHONE, async ({ page, widget }) => {
    await cardsLocator(widget).first().waitFor();
    await widget.locator('li > article [data-part="hours-status"]').first().waitFor({ state: 'attached' });
    return measureWidget(page);
  }, fixedClock);
}
const HOSTILE_PAGES = {
  'html { font-size: 62.5% }': '<style>html { font-size: 62.5%; } body { font-size: 1.6rem; }</style>',
  '* { font: 30px serif !important }': '<style>* { font: 30px serif !important; }</style>',
  'both': '<style>html { font-size: 62.5%; } * { font: 30px serif !important; line-height: 3 !important; letter-spacing: 3px !important; }</style>',
  'words broken anywhere, justified': '<style>body { word-break: break-all; overflow-wrap: anywhere; hyphens: auto; text-align: justify; cursor: crosshair; }</style>',
};

test('the host page changes neither the widget\'s font nor its sizes, and it fits a 375 px phone', TEST_OPTIONS, async () => {
  const plain = await measurePhonePage('');
  // The widget's own size and font: the newcomer's default size (16 px), its system font.
  assert.equal(plain.bodyFontSize, '16px');
  assert.equal(plain.factFontSize, '16px');
  assert.match(plain.fontFamily, /^system-ui/);
  for (const [selector, height] of Object.entries(plain.heights)) {
    if (selector !== 'li > article') assert.ok(height >= 44, `${selector} is ${height} px high`);
  }
  assert.ok(plain.widgetWidth <= 375 && plain.rightmost <= 375 && plain.overflow <= 0, JSON.stringify(plain));
  console.log(`plain page at 375 px: ${JSON.stringify(plain)}`);
  for (const [name, styles] of Object.entries(HOSTILE_PAGES)) {
    const hostile = await measurePhonePage(styles);
    assert.deepEqual(hostile, plain, `the page with ${name} changed the widget`);
  }
});

test('as a flex item beside a page\'s column the widget keeps a usable width', TEST_OPTIONS, async () => {
  // A CMS's row of columns, the snippet pasted straight into it: on a phone the sidebar takes
  // a line of its own (flex-wrap), on a wide screen both share one line.
  const row = (sidebar) => `<div style="display: flex; flex-wrap: wrap; gap: 16px"><nav style="flex: ${sidebar}">Navigation</nav>${SNIPPET}</div>`;
  const widths = async (contextOptions, sidebar) =>
    withPlainPage(plainPage({ body: row(sidebar) }), contextOptions, async ({ page, widget }) => {
      await cardsLocator(widget).first().waitFor();
      return page.evaluate(() => ({ widget: document.querySelector('service-finder').getBoundingClientRect().width, page: document.documentElement.clientWidth }));
    });
  const phone = await widths(PHONE, '0 0 100%');
  assert.equal(phone.widget, phone.page - 16, `on the phone: ${JSON.stringify(phone)}`);
  const desktop = await widths({ viewport: { width: 1200, height: 800 } }, '0 0 200px');
  assert.equal(desktop.widget, desktop.page - 16 - 200 - 16, `beside a 200 px column: ${JSON.stringify(desktop)}`);
});

test('--sf-font still sets the widget\'s font, even against a page\'s `* { font: … !important }`', TEST_OPTIONS, async () => {
  const head = '<style>* { font: 30px serif !important; } service-finder { --sf-font: "DejaVu Serif", serif; }</style>';
  await withPlainPage(plainPage({ head }), PHONE, async ({ page, widget }) => {
    await cardsLocator(widget).first().waitFor();
    const measured = await measureWidget(page);
    assert.equal(measured.fontFamily, '"DejaVu Serif", serif');
    assert.equal(measured.bodyFontSize, '16px');
  });
});
