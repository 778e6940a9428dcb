// Part of scripts/assemble-web.mjs: the widget's first screens, German for dist/embed.js and
// each other UI language's for dist/first-screen/<tag>.json (see www/widget/embed.js). The
// widget renders each itself, in Chromium, from the first page the build
// has just made (dist/first-page/<tag>.json), with the core and the directory held back: the
// screen is then exactly what the widget shows on a phone before its core is there, and the
// widget takes it over without a change on screen.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { LAUNCH_OPTIONS } from './chromium.mjs';
import { startServer } from './serve.mjs';

/** A phone's width (the screen is shown below the width where the filter panel starts open). */
const PHONE = { width: 375, height: 667 };

/** What stands for the folder of dist/ in the first screen's links, until embed.js knows it. */
const BASE = '%service-finder%/';

/** How long the widget may take to show the first page in this browser before the build fails. */
const RENDER_TIMEOUT_MS = 60_000;

/**
 * The first screen in each of `languages`, as { language, from, until, base, messages, html }:
 * the markup of the widget's shadow root while it shows the first page (the styles are adopted,
 * not in it), with `base` where it links to dist/, the days that page holds for, and the
 * catalog's error and "try again" messages.
 */
export async function renderFirstScreens(root, dist, languages) {
  const server = await startServer({ port: 0, root });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  try {
    const screens = [];
    for (const language of languages) screens.push(await renderFirstScreen(root, dist, language, browser, server));
    return screens;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The first screen in `language` (see renderFirstScreens), rendered in `browser` from `server`. */
async function renderFirstScreen(root, dist, language, browser, server) {
  const page = JSON.parse(readFileSync(join(dist, 'first-page', `${language}.json`), 'utf8'));
  const cards = page.results.hits.length;
  const context = await browser.newContext({ viewport: PHONE, locale: language, timezoneId: 'Europe/Berlin' });
  // The core and the directory never come: the widget stays on its first page.
  await context.route(/service-finder-core(_bg\.wasm|\.js)$|directory\.json$/, () => {});
  await context.route('**/first-screen.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><script type="module" src="/service-finder/service-finder.js"></script><service-finder></service-finder></body></html>`,
  }));
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  await tab.goto(new URL('first-screen.html', server.url).href);
  await tab.waitForFunction((count) => {
    const shadow = document.querySelector('service-finder')?.shadowRoot;
    // The count, or for a directory without entries the sentence that says so.
    return shadow?.querySelectorAll('.sf-card').length === count && shadow.querySelector('.sf-count, .sf-alert');
  }, cards, { timeout: RENDER_TIMEOUT_MS });
  if (errors.length) throw new Error(`the widget failed while rendering its first screen: ${errors.join('; ')}`);
  const rendered = await tab.evaluate(() => document.querySelector('service-finder').shadowRoot.innerHTML);
  await context.close();
  // Links to the widget's own files (the app's page) point to where embed.js is served.
  const base = new URL('service-finder/', server.url).href;
  if (rendered.includes(BASE)) throw new Error(`the first screen contains ${BASE}`);
  const html = rendered.replaceAll(base, BASE);
  if (html.includes(server.url)) throw new Error(`the first screen links to the build's own server: ${server.url}`);
  // For a loader that cannot be downloaded (embed.js says so over the screen's cards).
  const catalog = JSON.parse(readFileSync(join(root, 'data', 'messages', `${language}.json`), 'utf8'));
  const messages = { fatal: catalog['error.fatal'], retry: catalog['error.retry'] };
  return { language, from: page.from, until: page.until, base: BASE, messages, html };
}
