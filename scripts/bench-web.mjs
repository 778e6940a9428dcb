#!/usr/bin/env node
// Browser benchmarks (issue 16), kept out of the test command: they print numbers, they do not
// pass or fail. Run after scripts/build-web:
//
//   node scripts/bench-web.mjs [cold-start] [places] [--runs N]
//
// cold-start  The newcomer's first visit on a cheap phone: 375×667, the CPU slowed 4×, Slow 4G
//             (150 ms round trip, 1.6 Mbps down, 750 kbps up), nothing cached, the demo server
//             compressing as a county's would. Measured from navigation to the first frame with
//             result cards, for the widget and for a static HTML page that shows the same 20
//             cards with the same styles (a snapshot of the widget's own rendering, in a
//             declarative shadow root), alternately, N runs each (default 5). Printed: medians,
//             their ratio, the bytes transferred before the first cards, and whether the first
//             card is within the first screen.
// places      On the same phone, the widget loaded: the place field focused (the region's
//             places fetched), then a town far from the region typed at once ("Münst"): time
//             from that input to the suggestion of Münster from Germany's shard, and the
//             shard's size on the wire; and the time to the first suggestion of a town nearby.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

const LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const PHONE = { width: 375, height: 667 };
/** Chrome DevTools' "Slow 4G" preset. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

/** The page around the widget: what a county's page has above it, kept small and the same for both. */
const PAGE_HEAD = `<!doctype html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Integration und Beratung (Benchmark)</title>
<style>body{margin:0;font-family:Georgia,serif}h1{font-size:1.4rem;margin:.5rem 1rem}</style></head>
<body><h1>Integration und Beratung</h1>`;

/**
 * Records, in the page, the time of the first animation frame in which a result card exists,
 * and where it is: a frame's callbacks run right before it is painted.
 */
const FIRST_CARD_PROBE = `
  (() => {
    const find = () => {
      const host = document.querySelector('service-finder, sf-static');
      return host?.shadowRoot?.querySelector('.sf-card') ?? null;
    };
    const tick = () => {
      const card = find();
      if (card) {
        window.__firstCard = { at: performance.now(), top: card.getBoundingClientRect().top };
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One cold load of `url` on the slow phone: ms to the first card, its top, bytes before it. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'de-DE' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(FIRST_CARD_PROBE);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstCard, null, { timeout: 60_000, polling: 100 });
  // Bytes on the wire (compressed, with headers) of the page and of what had arrived by then;
  // resource timing counts on the same clock as the probe.
  const { first, bytes } = await page.evaluate(() => {
    const first = window.__firstCard;
    const [navigation] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource').filter((entry) => entry.responseEnd <= first.at);
    return { first, bytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0) };
  });
  await context.close();
  return { ms: first.at, top: first.top, bytes };
}

/** The static page: the widget's first screen, rendered once, frozen into HTML. */
async function staticSnapshot(browser, widgetUrl) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(widgetUrl);
  await page.waitForFunction(() => document.querySelector('service-finder')?.shadowRoot?.querySelectorAll('.sf-card').length >= 20);
  const shadow = await page.evaluate(() => {
    const root = document.querySelector('service-finder').shadowRoot;
    const css = [...root.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    const styles = [...root.querySelectorAll('style')].map((style) => style.textContent).join('\n');
    const html = [...root.childNodes].map((node) => node.outerHTML ?? '').join('');
    return { css: css + styles, html };
  });
  await context.close();
  return `${PAGE_HEAD}<sf-static style="display:block"><template shadowrootmode="open"><style>${shadow.css.replaceAll(':host(service-finder)', ':host')}</style>${shadow.html}</template></sf-static></body></html>`;
}

async function coldStart(runs) {
  const folder = await mkdtemp(path.join(tmpdir(), 'bench-web-'));
  const server = await startServer({ port: 0, extraMounts: [{ prefix: '/bench/', dir: folder }] });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  try {
    await writeFile(path.join(folder, 'widget.html'), `${PAGE_HEAD}<script type="module" src="/service-finder/service-finder.js"></script><service-finder></service-finder></body></html>`);
    const widgetUrl = `${server.url}bench/widget.html`;
    await writeFile(path.join(folder, 'static.html'), await staticSnapshot(browser, widgetUrl));
    const staticUrl = `${server.url}bench/static.html`;
    const widget = [];
    const fixed = [];
    for (let run = 0; run < runs; run++) {
      widget.push(await coldLoad(browser, widgetUrl));
      fixed.push(await coldLoad(browser, staticUrl));
    }
    const row = (name, results) => {
      const ms = median(results.map((result) => result.ms));
      const bytes = median(results.map((result) => result.bytes));
      const top = Math.max(...results.map((result) => result.top));
      console.log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ${(bytes / 1024).toFixed(1).padStart(7)} KB   first card top ${top.toFixed(0)} px`);
      return ms;
    };
    console.log(`Cold start, ${PHONE.width}×${PHONE.height}, CPU ${CPU_SLOWDOWN}× slower, Slow 4G, compressed; median of ${runs} (runs: ms)`);
    const widgetMs = row('widget (first result cards)', widget);
    const staticMs = row('static HTML page, same 20 cards', fixed);
    console.log(`  widget runs: ${widget.map((result) => result.ms.toFixed(0)).join(', ')}`);
    console.log(`  static runs: ${fixed.map((result) => result.ms.toFixed(0)).join(', ')}`);
    console.log(`  ratio widget / static: ${(widgetMs / staticMs).toFixed(2)} (goal ≤ 1.30)`);
  } finally {
    await browser.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The place field on the slow phone: ms from input to the suggestion, and bytes fetched. */
async function placeLookup(browser, url, typed, expected) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(url);
  const widget = page.locator('service-finder');
  await page.waitForFunction(() => document.querySelector('service-finder')?.getAttribute('data-state') === 'ready');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const field = widget.locator('input[role=combobox]');
  await field.focus();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('places-region.tsv') && entry.responseEnd > 0));
  const ms = await page.evaluate(async ({ typed, expected }) => {
    const input = document.querySelector('service-finder').shadowRoot.querySelector('input[role=combobox]');
    const list = input.closest('.sf-place').querySelector('[role=listbox]');
    const start = performance.now();
    input.value = typed;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise((resolve) => {
      const tick = () => {
        if ([...list.querySelectorAll('[role=option]')].some((option) => option.textContent.startsWith(expected))) resolve(performance.now() - start);
        else requestAnimationFrame(tick);
      };
      tick();
    });
  }, { typed, expected });
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/places/')).reduce((sum, entry) => sum + entry.transferSize, 0));
  await context.close();
  return { ms, bytes };
}

async function places(runs) {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  try {
    const url = `${server.url}`;
    console.log(`Place field, ${PHONE.width}×${PHONE.height}, CPU ${CPU_SLOWDOWN}× slower, Slow 4G; median of ${runs}`);
    for (const [typed, expected, what] of [['Münst', 'Münster', 'a town far away (Germany\'s shard "m")'], ['Korb', 'Korbach', 'a town nearby (the region\'s places)']]) {
      const results = [];
      for (let run = 0; run < runs; run++) results.push(await placeLookup(browser, url, typed, expected));
      const ms = median(results.map((result) => result.ms));
      const bytes = median(results.map((result) => result.bytes));
      console.log(`  "${typed}" → ${expected.padEnd(8)} ${ms.toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${what}; runs: ${results.map((result) => result.ms.toFixed(0)).join(', ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

const argv = process.argv.slice(2);
const runsIndex = argv.indexOf('--runs');
const runs = runsIndex === -1 ? 5 : Number(argv[runsIndex + 1]);
const parts = argv.filter((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--runs');
if (parts.length === 0 || parts.includes('cold-start')) await coldStart(runs);
if (parts.length === 0 || parts.includes('places')) await places(runs);
