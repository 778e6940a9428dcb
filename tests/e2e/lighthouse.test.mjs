// Lighthouse's accessibility score is 100 on the demo page: once as Lighthouse loads the page
// itself (German, phone-sized, the filters folded), once after a newcomer has switched to English
// and opened a card (desktop, the filters open beside the results). Lighthouse's score is what a
// county's web team measures in DevTools, so it is checked here and not inferred from axe alone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import lighthouse, { snapshot } from 'lighthouse';
// Both come with lighthouse (pinned through package-lock.json): the launcher Lighthouse is built
// for, and the puppeteer whose pages its snapshot mode audits.
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

import { DEMO, LAUNCH_OPTIONS, TEST_OPTIONS, TIMEOUT, assertBuilt, msg, startTestServer } from './support.mjs';

const env = { server: null, chrome: null, browser: null };

before(async () => {
  assertBuilt();
  env.server = await startTestServer();
  // chrome-launcher reads CHROME_PATH when it is not given a path; give it both ways, so that
  // nothing it does on its own can pick another browser.
  process.env.CHROME_PATH = LAUNCH_OPTIONS.executablePath;
  env.chrome = await chromeLauncher.launch({
    chromePath: LAUNCH_OPTIONS.executablePath,
    // A German browser, as in the other tests (support.mjs): the widget speaks the browser's
    // language first, and the demo page is German.
    chromeFlags: [...LAUNCH_OPTIONS.args, '--accept-lang=de-DE'],
    logLevel: 'error',
  });
  env.browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${env.chrome.port}`, defaultViewport: null });
});

after(async () => {
  await env.browser?.disconnect();
  await env.chrome?.kill();
  await env.server?.close();
});

/** Lighthouse settings: the accessibility category only, and no messages but errors. */
const SETTINGS = { onlyCategories: ['accessibility'], logLevel: 'error' };

/** Every audit of the accessibility category that did not pass, with the elements it names. */
function failingAudits(lhr) {
  return lhr.categories.accessibility.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => {
      const items = (audit.details?.items ?? []).map((item) => {
        const node = item.node ?? {};
        return `    ${node.selector ?? ''} ${node.snippet ?? ''}\n      ${(node.explanation ?? '').replace(/\s+/g, ' ')}`;
      });
      return [`  ${audit.id}: ${audit.title}`, ...items].join('\n');
    });
}

/**
 * Asserts that Lighthouse audited the rendered widget and gave accessibility 100. The demo page
 * has no form controls of its own, so the select and label audits apply only when the widget's
 * controls (rendered together with its results) were there to be audited.
 */
function assertScore(t, lhr, what) {
  assert.equal(lhr.runtimeError, undefined, `Lighthouse failed ${what}: ${JSON.stringify(lhr.runtimeError)}`);
  for (const id of ['select-name', 'label']) {
    assert.notEqual(
      lhr.audits[id].scoreDisplayMode,
      'notApplicable',
      `Lighthouse saw no widget controls ${what} (audit ${id} not applicable): the widget had not rendered`,
    );
  }
  const score = lhr.categories.accessibility.score;
  t.diagnostic(`Lighthouse ${lhr.lighthouseVersion} accessibility score ${what}: ${Math.round(score * 100)}`);
  assert.equal(
    score,
    1,
    `Lighthouse accessibility score ${Math.round(score * 100)} ${what}; failing audits:\n${failingAudits(lhr).join('\n')}` +
      `\nwarnings: ${JSON.stringify(lhr.runWarnings)}`,
  );
}

test('Lighthouse accessibility 100: the demo page as Lighthouse loads it (German, phone)', TEST_OPTIONS, async (t) => {
  // Lighthouse navigates itself and audits once the page has loaded and both network and CPU
  // have gone quiet, which is after the widget has rendered; assertScore checks that it had.
  const result = await lighthouse(env.server.url, { ...SETTINGS, port: env.chrome.port });
  assertScore(t, result.lhr, 'on the demo page, German, phone');
  assert.equal(result.lhr.configSettings.formFactor, 'mobile');
});

test('Lighthouse accessibility 100: English, a card open, filters beside the results (desktop)', TEST_OPTIONS, async (t) => {
  // A context of its own: the language chosen here must not stay behind for other runs.
  const context = await env.browser.createBrowserContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(env.server.url);
    await page.waitForFunction(() => /^(ready|error)$/.test(document.querySelector('service-finder')?.getAttribute('data-state') ?? ''));
    assert.equal(await page.$eval('service-finder', (widget) => widget.getAttribute('data-state')), 'ready');

    // Switch to English with the widget's own language picker, found by its label.
    const switched = await page.evaluate((label) => {
      const root = document.querySelector('service-finder').shadowRoot;
      const select = [...root.querySelectorAll('label')].find((l) => l.textContent.trim() === label)?.control;
      if (!select) return false;
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, msg('de', 'ui.language'));
    assert.ok(switched, `no language picker labelled ${msg('de', 'ui.language')}`);
    const count = msg('en', 'results.count', { count: DEMO.entries.length });
    await page.waitForFunction(
      (text) => [...document.querySelector('service-finder').shadowRoot.querySelectorAll('[role="status"]')]
        .some((status) => status.textContent.trim() === text),
      {},
      count,
    );

    // Open the first result, so that its details are audited too.
    await page.evaluate(() => document.querySelector('service-finder').shadowRoot.querySelector('li > article h3 button').click());
    await page.waitForFunction(() => document.querySelector('service-finder').shadowRoot.querySelector('li > article h3 button[aria-expanded="true"]'));
    const filtersOpen = await page.evaluate(() => document.querySelector('service-finder').shadowRoot.querySelector('details').open);
    assert.ok(filtersOpen, 'the filter panel is open on the desktop');

    const result = await snapshot(page, {
      config: {
        extends: 'lighthouse:default',
        settings: { ...SETTINGS, formFactor: 'desktop', screenEmulation: { disabled: true } },
      },
    });
    assertScore(t, result.lhr, 'in English with a card open, desktop');
  } finally {
    await context.close();
  }
});
