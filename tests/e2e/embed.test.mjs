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
function withPlainPage(html, contextOptions, body) {
  return withWidget(env, { path: '/e2e/blank.html', html, contextOptions }, body);
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
  ['the page\'s <html lang="en">', 'en', 'de-DE', 'en'],
  ['the page\'s <html lang="de"> over an English browser', 'de', 'en-US', 'de'],
  ['an English browser when the page has no lang', null, 'en-US', 'en'],
  ['German when neither page nor browser speaks a known language', null, 'fr-FR', 'de'],
];
for (const [what, pageLang, locale, expected] of languageCases) {
  test(`the UI language defaults to ${what}`, TEST_OPTIONS, async () => {
    await withPlainPage(plainPage({ lang: pageLang }), { locale }, async (session) => {
      const { widget } = session;
      await widget.getByLabel(msg(expected, 'search.label')).waitFor();
      assert.equal(await readCount(widget, expected), DEMO.entries.length);
    });
  });
}

test('the lang attribute picks the UI language', TEST_OPTIONS, async () => {
  const body = SNIPPET.replace('<service-finder>', '<service-finder lang="en">');
  await withPlainPage(plainPage({ lang: 'de', body }), {}, async (session) => {
    const { widget } = session;
    await widget.getByLabel(msg('en', 'search.label')).waitFor();
    await widget.getByRole('button', { name: msg('en', 'location.use') }).waitFor();
    assert.equal(await readCount(widget, 'en'), DEMO.entries.length);
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
