#!/usr/bin/env node
// Browser benchmarks (issue 16), kept out of the test command: they print numbers, they do not
// pass or fail. Run after scripts/build-web:
//
//   node scripts/bench-web.mjs [cold-start] [places] [tasks] [peers] [nationwide] [memory] [--runs N]
//                              [--entries 10000,100000]   (the directory sizes of peers and memory)
//                              [--network devtools|http1|https|h2]   (cold-start's line)
//
// cold-start  The newcomer's first visit on a cheap phone: 375×667, the CPU slowed 4×, Slow 4G
//             (150 ms round trip, 1.6 Mbps down, 750 kbps up), nothing cached, the demo server
//             compressing as a county's would. Measured from navigation to the first frame with
//             result cards, once that frame's layout is done, for the widget (the README's two
//             lines: embed.js, with its first screen) and for a static HTML page that shows the
//             same 20 cards with the same styles (a snapshot of the widget's own rendering, in a
//             declarative shadow root), alternately, N runs each (default 5). Beside them, three
//             floors of any widget embedded by a script tag: scripts that do nothing but show
//             the same first screen (as large as the loader, as small as it can be, and a tiny
//             one that fetches it). After them, the widget without its first screen: its loader
//             included directly, and both ways for a browser in Arabic, for which embed.js
//             fetches the Arabic first screen before the loader. Printed: medians, their ratios to the static page, the
//             bytes transferred before the first cards, whether the first card is within
//             the first screen, and for the widget when its search is usable (data-state
//             "ready": the core has read the directory).
//             --network: on DevTools' Slow 4G (the default), which delays each request by the
//             round trip, or on the same round trip and rates modelled as a line
//             (scripts/slow-link.mjs: a new connection waits for its TCP handshake, and for
//             TLS's with https and h2), the server speaking HTTP/1.1 (http1), HTTPS with
//             HTTP/1.1 (https) or HTTPS with HTTP/2 (h2); https and h2 need openssl.
// places      On the same phone, the widget loaded: the place field focused (the region's
//             places and how Germany's are split fetched), then towns far from the region
//             typed at once ("Münst", "Stuttg", "Берлин"): time from that input to the
//             suggestion from Germany's shard, and the shard's size on the wire; and the time
//             to the first suggestion of a town nearby.
// tasks       After the first results on the same phone (CPU 4× slower, no network slowdown):
//             the widget loads its details, the opening hours, the word forms and the
//             thesaurus, and the newcomer may already type. Printed per UI language: the
//             longest task from "ready" until the page is quiet, and the blocking time (each
//             task's time beyond 50 ms, summed), medians of N runs.
// memory      Download, load and peak memory of 10,000 and 100,000 generated entries, ours
//             (also read as the file downloads, `fetchDirectory`) and the peers': the time from
//             the request until the engine can search, and the peak of the page's process's
//             resident memory above what it was before (Linux; see the function's comment),
//             and of the wasm memory plus the JS heap (issue 16's measure; heldBySampling).
//             ENGINES=fast,Mini (in the environment) measures only the engines whose names
//             contain one of those parts.
// nationwide  Nationwide static files for all 400 districts (500 generated entries each, made
//             once with `service-finder nationwide` into target/bench-web/nationwide): the bytes
//             on the wire for the first results, a 50 km radius at a county border, and
//             searches of all of Germany (see the function's comment).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { LAUNCH_OPTIONS } from './chromium.mjs';
import { selfSignedCertificate, startServer } from './serve.mjs';
import { startSlowLink } from './slow-link.mjs';

/** The repository, whose dist/ the benchmarks serve. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
 * Records, in the page, when the first animation frame in which a result card exists has its
 * layout done, and where the card is. A frame's callbacks run right before its style, layout
 * and paint; reading the card's position does the frame's layout there. The frame's start
 * alone is not fair: Chromium lays a page out when it has finished parsing it, which for a page
 * with a module script is once the script has run, so the widget's cards are always laid out
 * before that frame; the static page's are too when its HTML came in one piece, but when a
 * frame comes while the rest is still arriving, they are laid out in it, after the callbacks
 * (50–140 ms on the slowed phone), and that time was left out of the static page's.
 * `frame` keeps the frame's start, as measured up to 2026-12-04.
 */
const FIRST_CARD_PROBE = `
  (() => {
    const find = () => {
      const host = document.querySelector('service-finder, sf-static');
      return host?.shadowRoot?.querySelector('.sf-card') ?? null;
    };
    const tick = () => {
      const card = find();
      if (card && !window.__firstCard) {
        const frame = performance.now();
        const { top } = card.getBoundingClientRect();
        window.__firstCard = { frame, at: performance.now(), top };
      }
      // The widget's search usable: its core has read the directory.
      if (document.querySelector('service-finder')?.getAttribute('data-state') === 'ready') window.__ready = performance.now();
      if (!window.__firstCard || (document.querySelector('service-finder') && !window.__ready)) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * One cold load of `url` on the slow phone: ms to the first card, its top, bytes before it. The
 * line is DevTools' Slow 4G unless `onLink` (then `url` is behind scripts/slow-link.mjs).
 */
async function coldLoad(browser, url, locale = 'de-DE', onLink = false) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (!onLink) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(FIRST_CARD_PROBE);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstCard && (window.__ready || !document.querySelector('service-finder')), null, { timeout: 60_000, polling: 100 });
  // Bytes on the wire (compressed, with headers) of the page and of what had arrived by then;
  // resource timing counts on the same clock as the probe.
  const { first, bytes, protocol } = await page.evaluate(() => {
    const first = window.__firstCard;
    const [navigation] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource').filter((entry) => entry.responseEnd <= first.at);
    return { first, bytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0), protocol: navigation.nextHopProtocol };
  });
  const ready = await page.evaluate(() => window.__ready ?? null);
  await context.close();
  return { ms: first.at, frameMs: first.frame, top: first.top, bytes, ready, protocol };
}

/** The widget's first screen, rendered once: its shadow root's styles and markup, as HTML. */
async function firstScreen(browser, widgetUrl) {
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
  return `<style>${shadow.css.replaceAll(':host(service-finder)', ':host')}</style>${shadow.html}`;
}

/**
 * Text that no compressor can shrink, `bytes` long, the same in every run: base64 of a chain
 * of SHA-256 digests. It gives a reference script the loader's size on the wire.
 */
function incompressible(bytes) {
  let text = '';
  let digest = Buffer.from('service-finder');
  while (text.length < bytes) {
    digest = createHash('sha256').update(digest).digest();
    text += digest.toString('base64');
  }
  return text.slice(0, bytes);
}

/** `code` with a comment in front that makes it `brotliBytes` long with brotli (within 1 %). */
function paddedTo(code, brotliBytes) {
  let padding = 0;
  let padded = code;
  for (let step = 0; step < 20 && brotliCompressSync(padded).length < brotliBytes * 0.99; step++) {
    // Base64 text compresses to about 3/4 of its length.
    padding += Math.ceil(((brotliBytes - brotliCompressSync(padded).length) * 4) / 3);
    padded = `/*${incompressible(padding)}*/\n${code}`;
  }
  return padded;
}

/**
 * The pages the widget is measured against, in `folder` (each file also precompressed, as
 * dist/ is): the static page with the first screen in its HTML, and three floors of any
 * widget embedded by a script tag, each showing the same first screen with no work of its own:
 * - `script-loader-size`: a script as large as the widget's loader (brotli) with the first
 *   screen inside it: the page's HTML, then one round trip for the script;
 * - `script-small`: the same script without the padding, the first screen alone (about the
 *   size of the static page);
 * - `script-fetch`: a script of a few bytes that fetches the first screen: two round trips,
 *   as the widget's loader and its first page are.
 */
async function writeReferencePages(folder, screen) {
  const loaderBytes = readFileSync(path.join(REPO_ROOT, 'dist', 'service-finder.js.br')).length;
  const element = (body) => `customElements.define('sf-static', class extends HTMLElement { connectedCallback() { const root = this.attachShadow({ mode: 'open' }); ${body} } });`;
  const inside = `const SCREEN = ${JSON.stringify(screen)};\n${element('root.innerHTML = SCREEN;')}`;
  const files = {
    'static.html': `${PAGE_HEAD}<sf-static style="display:block"><template shadowrootmode="open">${screen}</template></sf-static></body></html>`,
    'screen.json': JSON.stringify({ screen }),
    'script-loader-size.js': paddedTo(inside, loaderBytes),
    'script-small.js': inside,
    'script-fetch.js': element("fetch('/bench/screen.json').then((response) => response.json()).then(({ screen }) => { root.innerHTML = screen; });"),
  };
  for (const name of ['script-loader-size', 'script-small', 'script-fetch']) {
    files[`${name}.html`] = `${PAGE_HEAD}<script type="module" src="/bench/${name}.js"></script><sf-static style="display:block"></sf-static></body></html>`;
  }
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(folder, name), text);
    await writeFile(path.join(folder, `${name}.br`), brotliCompressSync(text));
    await writeFile(path.join(folder, `${name}.gz`), gzipSync(text));
  }
  return { loaderBytes, sizes: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, brotliCompressSync(text).length])) };
}

/**
 * The lines the cold start can be measured on (`--network`): DevTools' Slow 4G, request by
 * request (the default), or the same round trip and rates on a modelled line
 * (scripts/slow-link.mjs), where a new connection costs its handshakes, with the server
 * speaking plain HTTP/1.1, HTTPS, or HTTPS with HTTP/2.
 */
const NETWORKS = {
  devtools: 'DevTools\' Slow 4G (each request waits 150 ms; no connection set up)',
  http1: 'a modelled Slow 4G line (150 ms round trip, TCP handshake), HTTP/1.1',
  https: 'a modelled Slow 4G line (150 ms round trip, TCP and TLS handshakes), HTTPS with HTTP/1.1',
  h2: 'a modelled Slow 4G line (150 ms round trip, TCP and TLS handshakes), HTTPS with HTTP/2',
};

async function coldStart(runs, network = 'devtools') {
  if (!NETWORKS[network]) throw new Error(`--network: one of ${Object.keys(NETWORKS).join(', ')}, not ${network}`);
  const folder = await mkdtemp(path.join(tmpdir(), 'bench-web-'));
  const secure = ['https', 'h2'].includes(network) ? selfSignedCertificate(folder) : null;
  const tls = secure && { ...secure, http2: network === 'h2' };
  const server = await startServer({ port: 0, extraMounts: [{ prefix: '/bench/', dir: folder }], tls });
  const link = network === 'devtools' ? null : await startSlowLink({ target: { host: '127.0.0.1', port: server.port } });
  const base = link ? Object.assign(new URL(server.url), { port: link.port }).href : server.url;
  const trust = secure ? [`--ignore-certificate-errors-spki-list=${secure.spkiHash}`] : [];
  const browser = await chromium.launch({ ...LAUNCH_OPTIONS, args: [...LAUNCH_OPTIONS.args, ...trust] });
  try {
    const embedded = (script) => `${PAGE_HEAD}<script type="module" src="/service-finder/${script}"></script><service-finder></service-finder></body></html>`;
    await writeFile(path.join(folder, 'widget.html'), embedded('service-finder.js'));
    await writeFile(path.join(folder, 'embed.html'), embedded('embed.js'));
    const { loaderBytes, sizes } = await writeReferencePages(folder, await firstScreen(browser, `${server.url}bench/widget.html`));
    const embedBytes = readFileSync(path.join(REPO_ROOT, 'dist', 'embed.js.br')).length;
    // [name, page, browser language]; the rows after the floors are the same two pages for a
    // newcomer whose browser is in Arabic (embed.js fetches the Arabic first screen).
    const pages = [
      [`widget, the README's two lines (embed.js, ${(embedBytes / 1024).toFixed(1)} KB)`, 'embed.html'],
      ['static HTML page, same 20 cards', 'static.html'],
      [`script as large as the loader (${(sizes['script-loader-size.js'] / 1024).toFixed(1)} KB), cards inside`, 'script-loader-size.html'],
      [`script with the cards inside (${(sizes['script-small.js'] / 1024).toFixed(1)} KB)`, 'script-small.html'],
      [`script of ${sizes['script-fetch.js']} B that fetches the cards (${(sizes['screen.json'] / 1024).toFixed(1)} KB)`, 'script-fetch.html'],
      ['widget, its loader included directly (service-finder.js)', 'widget.html'],
      ['in Arabic: the two lines (embed.js)', 'embed.html', 'ar'],
      ['in Arabic: the loader included directly', 'widget.html', 'ar'],
    ];
    const results = pages.map(() => []);
    for (let run = 0; run < runs; run++) {
      // Each run in the other order, so that a slower stretch of the machine is shared.
      const order = pages.map((_, index) => index);
      if (run % 2) order.reverse();
      for (const index of order) results[index].push(await coldLoad(browser, `${base}bench/${pages[index][1]}`, pages[index][2], Boolean(link)));
    }
    // The line measured is the one named: HTTP/2 where the server offers it.
    const protocols = new Set(results.flat().map(({ protocol }) => protocol));
    console.log(`  (the pages came by ${[...protocols].join(', ')})`);
    const medianMs = results.map((result) => median(result.map(({ ms }) => ms)));
    console.log(`Cold start, ${PHONE.width}×${PHONE.height}, CPU ${CPU_SLOWDOWN}× slower, ${NETWORKS[network]}, compressed; median of ${runs}; ratio to the static page (goal ≤ 1.30 for the widget)`);
    pages.forEach(([name], index) => {
      const bytes = median(results[index].map((result) => result.bytes));
      const top = Math.max(...results[index].map((result) => result.top));
      const ready = results[index][0].ready === null ? '' : `   search usable ${median(results[index].map((result) => result.ready)).toFixed(0)} ms`;
      console.log(`  ${name.padEnd(58)} ${medianMs[index].toFixed(0).padStart(6)} ms ${(medianMs[index] / medianMs[1]).toFixed(2).padStart(6)}×  ${(bytes / 1024).toFixed(1).padStart(6)} KB   first card top ${top.toFixed(0)} px${ready}`);
      if (index === 1) console.log('  floors of a widget embedded by a script tag, doing no work of its own:');
      if (index === 4) console.log('  without the first screen:');
    });
    console.log(`  (the loader is ${loaderBytes} B with brotli)`);
    // The widget (row 0) and the static page (row 1) as the bench measured them before.
    const [widgetFrame, staticFrame] = results.slice(0, 2).map((result) => median(result.map(({ frameMs }) => frameMs)));
    console.log(`  at the start of that frame, before its layout (as measured up to 2026-12-04): the widget ${widgetFrame.toFixed(0)} ms, the static page ${staticFrame.toFixed(0)} ms, ${(widgetFrame / staticFrame).toFixed(2)}×`);
    pages.forEach(([, file, locale = 'de'], index) => console.log(`  runs ${`${file} (${locale})`.padEnd(29)} ${results[index].map((result) => result.ms.toFixed(0)).join(', ')}`));
    console.log(`  runs static.html, frame start        ${results[1].map((result) => result.frameMs.toFixed(0)).join(', ')}`);
  } finally {
    await browser.close();
    await link?.close();
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
  // What the focus fetches: the region's places and how Germany's are split.
  await page.waitForFunction(() => ['places-region.tsv', 'places/splits.json'].every((file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(file) && entry.responseEnd > 0)));
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
    const cases = [
      ['Münst', 'Münster', 'a town far away (Germany\'s places of "mo"–"mz")'],
      ['Stuttg', 'Stuttgart', 'another, under the letter with the most places'],
      ['Берлин', 'Berlin', 'in Cyrillic letters'],
      ['Korb', 'Korbach', 'a town nearby (the region\'s places)'],
    ];
    for (const [typed, expected, what] of cases) {
      const results = [];
      for (let run = 0; run < runs; run++) results.push(await placeLookup(browser, url, typed, expected));
      const ms = median(results.map((result) => result.ms));
      const bytes = median(results.map((result) => result.bytes));
      console.log(`  "${typed}" → ${expected.padEnd(9)} ${ms.toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${what}; runs: ${results.map((result) => result.ms.toFixed(0)).join(', ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * One load of the demo on the slow phone, in `language`: the long tasks from "ready" until the
 * opening hours, word forms and thesaurus are in and no task has run for 1.5 s.
 */
async function tasksAfterReady(browser, url, language) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: language });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) window.__longTasks.push({ start: task.startTime, ms: task.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${url}?lang=${language}`);
  await page.waitForFunction(() => document.querySelector('service-finder')?.getAttribute('data-state') === 'ready', null, { timeout: 60_000 });
  const ready = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => {
    const loaded = (part) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));
    const last = window.__longTasks.at(-1);
    const quiet = !last || performance.now() - (last.start + last.ms) > 1500;
    return document.querySelector('service-finder').hours && loaded('/stem/') && loaded('/thesaurus/') && quiet;
  }, null, { timeout: 60_000, polling: 200 });
  const tasks = (await page.evaluate(() => window.__longTasks)).filter((task) => task.start + task.ms > ready);
  await context.close();
  return {
    longest: Math.max(0, ...tasks.map((task) => task.ms)),
    blocking: tasks.reduce((sum, task) => sum + Math.max(0, task.ms - 50), 0),
  };
}

async function tasks(runs) {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  try {
    console.log(`After the first results, ${PHONE.width}×${PHONE.height}, CPU ${CPU_SLOWDOWN}× slower; median of ${runs}`);
    for (const language of ['de', 'ar', 'uk']) {
      const results = [];
      for (let run = 0; run < runs; run++) results.push(await tasksAfterReady(browser, server.url, language));
      const longest = median(results.map((result) => result.longest));
      const blocking = median(results.map((result) => result.blocking));
      console.log(`  ${language}: longest task ${longest.toFixed(0).padStart(4)} ms, blocking ${blocking.toFixed(0).padStart(4)} ms; longest by run: ${results.map((result) => result.longest.toFixed(0)).join(', ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// peers: service-finder against MiniSearch + geokdbush, FlexSearch and Orama in the browser
// (no slowdown), on directories of 10,000 and 100,000 entries made by `service-finder generate`
// (seed 42), each engine in a fresh page per load; the semantics are stated in
// scripts/bench/peers-page.js and printed.

const KASSEL = { latitude: 51.3127, longitude: 9.4797 };
const BERLIN = { latitude: 52.52, longitude: 13.405 };
const MUNICH = { latitude: 48.137, longitude: 11.575 };
const HAMBURG = { latitude: 53.55, longitude: 9.993 };

/** About 60 queries as newcomers and counties' pages make them, by kind. */
const PEER_QUERIES = [
  ...['beratung', 'integrationskurs', 'deutschkurs', 'jobcenter', 'migrationsberatung', 'frauentreff', 'familienzentrum', 'wohnungssuche', 'rechtsberatung', 'treffpunkt']
    .map((text) => ({ kind: 'word', text })),
  ...['i', 'in', 'int', 'inte', 'integ', 'integr', 'integra', 'integrat', 'integratio', 'integrations', 'b', 'be', 'ber', 'bera', 'berat', 'beratu']
    .map((text) => ({ kind: 'prefix', text })),
  ...['integrationskurs berlin', 'deutschkurs hamburg', 'beratung kassel', 'frauentreff köln', 'jobcenter trier', 'treffpunkt interkultureller']
    .map((text) => ({ kind: 'two words', text })),
  ...['integrationskrus', 'beratnug', 'migrationsbertung', 'jobcentre', 'familienzentrun', 'wohnungsuche']
    .map((text) => ({ kind: 'typo', text })),
  ...['xylophon', 'quarkstrudel', 'zzzz', 'raumfahrt']
    .map((text) => ({ kind: 'zero hits', text })),
  ...[['beratung', 'legal-advice'], ['kurs', 'language-courses'], ['treffpunkt', 'associations-leisure'], ['zentrum', 'children-family'], ['beratung', 'housing'], ['lotsen', 'health']]
    .map(([text, category]) => ({ kind: 'text + category', text, category })),
  ...[[KASSEL, 25], [BERLIN, 10], [MUNICH, 50], [HAMBURG, 5], [KASSEL, 100], [BERLIN, 50]]
    .map(([near, radiusKm]) => ({ kind: 'radius', near, radiusKm })),
  ...[['beratung', 'legal-advice', HAMBURG, 30], ['deutschkurs', 'language-courses', BERLIN, 20], ['integrationskurs', 'integration-courses', KASSEL, 50], ['treffpunkt', 'associations-leisure', MUNICH, 40], ['beratung', 'migration-counselling', KASSEL, 100], ['zentrum', 'first-steps', BERLIN, 25]]
    .map(([text, category, near, radiusKm]) => ({ kind: 'text + category + radius', text, category, near, radiusKm })),
];

/** Ours: the core compiled for size (the widget's), and for speed (`initServiceFinder({ fast: true })`). */
const OUR_ENGINES = ['service-finder', 'service-finder (fast)'];
const PEER_ENGINES = [...OUR_ENGINES, 'MiniSearch + geokdbush', 'FlexSearch', 'Orama'];

/** The generated directory of `entries` entries (made once, kept in target/bench-web/). */
async function generatedDirectory(entries) {
  const folder = path.join(REPO_ROOT, 'target/bench-web');
  const file = path.join(folder, `directory-${entries}.json`);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const cli = ['release', 'debug'].map((profile) => path.join(REPO_ROOT, 'target', profile, 'service-finder')).find((candidate) => existsSync(candidate));
    if (!cli) throw new Error('bench-web peers: build the command-line tool first (cargo build --release)');
    execFileSync(cli, ['generate', '--entries', String(entries), '--seed', '42', '--output', file]);
  }
  return { folder, file: path.basename(file) };
}

/**
 * The peers' page (scripts/bench/peers-page.js, bundled by esbuild) served beside the generated
 * directories of `sizes` (each also gzipped once, as a county's server would send it), and a
 * browser to open it in; `close` ends all of it.
 */
async function peersPage(sizes) {
  const { build } = await import('esbuild');
  const pageFolder = await mkdtemp(path.join(tmpdir(), 'bench-peers-'));
  await build({
    entryPoints: [path.join(REPO_ROOT, 'scripts/bench/peers-page.js')], bundle: true, format: 'esm', outfile: path.join(pageFolder, 'peers.js'),
    external: ['/service-finder/service-finder.js'], logLevel: 'warning',
  });
  await writeFile(path.join(pageFolder, 'peers.html'), '<!doctype html><meta charset="utf-8"><title>peers</title><script type="module" src="peers.js"></script>');
  let data;
  for (const entries of sizes) data = await generatedDirectory(entries);
  const server = await startServer({ port: 0, extraMounts: [{ prefix: '/bench/', dir: pageFolder }, { prefix: '/data/', dir: data.folder }] });
  const browser = await chromium.launch({ ...LAUNCH_OPTIONS, args: [...LAUNCH_OPTIONS.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const open = async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/peers.html`);
    await page.waitForFunction(() => typeof globalThis.runEngine === 'function');
    return page;
  };
  const close = async () => {
    await browser.close();
    await server.close();
    await rm(pageFolder, { recursive: true, force: true });
  };
  return { server, browser, open, close, folder: data.folder };
}

async function peers(runs, sizes) {
  const { server, open, close } = await peersPage(sizes);
  const run = async (options) => {
    const page = await open();
    const result = await page.evaluate((arg) => globalThis.runEngine(arg), options);
    await page.close();
    return result;
  };
  const table = [];
  try {
    console.log('Peers in the browser (Chromium, no slowdown), generated directories (seed 42); loads and each query: median of', runs, 'fresh pages each, the engines taking turns');
    console.log('Queries timed after one untimed pass over all of them (the browser optimises the search code meanwhile), for every engine.');
    console.log('Same work for all: every language\'s name, description, organisation, town and German category names; all words must match;');
    console.log('the last word also as a word start; words of 5+ letters with one typo (FlexSearch: no typo tolerance); one category;');
    console.log('a radius (geokdbush for MiniSearch and FlexSearch), by distance then (service-finder in two groups, each by distance: the entries');
    console.log('that are what was typed, then those that only mention it); the total and 20 hits\' ids. service-finder also counts facets,');
    console.log('and is timed again with the 20 hits\' entries (as the widget asks for them: written out of the wasm, read by the page).');
    for (const entries of sizes) {
      const url = `${server.url}data/directory-${entries}.json`;
      // Round by round, every engine once in each: a machine that slows down or speeds up
      // during the run (shared machines do) then weighs on every engine alike.
      const loadsOf = new Map(PEER_ENGINES.map((engine) => [engine, []]));
      for (let index = 0; index < runs; index++) {
        for (const engine of PEER_ENGINES) loadsOf.get(engine).push(await run({ url, engine, queries: PEER_QUERIES, withQueries: true, withParse: true }));
      }
      for (const engine of PEER_ENGINES) {
        const loads = loadsOf.get(engine);
        const first = loads[0];
        // Each query's time: its median over the pages (one page slowed by a neighbour on the
        // machine then moves no query).
        const times = first.queries.map((_, at) => median(loads.map((load) => load.queries[at].ms)));
        const kind = (name) => median(times.filter((_, index) => PEER_QUERIES[index].kind === name));
        table.push({
          entries, engine, megabytes: first.size / 1e6, parseMs: median(loads.map((load) => load.parseMs)), parses: loads.map((load) => load.parseMs),
          loadMs: median(loads.map((load) => load.loadMs)), memory: median(loads.map((load) => load.jsHeap + load.wasm)),
          wasm: median(loads.map((load) => load.wasm)), query: median(times), zero: kind('zero hits'), radius: kind('radius'),
          // service-finder only: the same queries with the hits' entries, as the widget asks.
          queryWithEntries: first.queries[0].msWithEntries === undefined ? null : median(first.queries.map((_, at) => median(loads.map((load) => load.queries[at].msWithEntries)))),
          kinds: Object.fromEntries([...new Set(PEER_QUERIES.map((query) => query.kind))].map((name) => [name, kind(name)])),
          totals: first.queries.map((query) => query.total),
        });
        const row = table.at(-1);
        console.log(`  ${String(entries).padStart(6)} ${engine.padEnd(24)} load ${row.loadMs.toFixed(0).padStart(6)} ms (JSON.parse ${row.parseMs.toFixed(0)} ms)  memory ${(row.memory / 1e6).toFixed(0).padStart(4)} MB (text ${row.megabytes.toFixed(0)} MB)  query median ${row.query.toFixed(3)} ms, zero hits ${row.zero.toFixed(3)} ms, radius ${row.radius.toFixed(3)} ms${row.queryWithEntries === null ? '' : `; with the hits' entries: median ${row.queryWithEntries.toFixed(3)} ms`}`);
      }
    }
    console.log('\nRatios (service-finder / peer; below 1 is faster or smaller):');
    for (const entries of sizes) {
      // Every page parsed the same text: the yardstick is the median of all those parses.
      const parses = table.filter((row) => row.entries === entries).flatMap((row) => row.parses);
      for (const name of OUR_ENGINES) {
        const ours = table.find((row) => row.entries === entries && row.engine === name);
        console.log(`  ${entries}, ${name}: load ${(ours.loadMs / median(parses)).toFixed(2)}× JSON.parse (${median(parses).toFixed(0)} ms, median of ${parses.length} pages); memory ${(ours.memory / 1e6 / ours.megabytes).toFixed(2)}× the text`);
        for (const row of table.filter((other) => other.entries === entries && !OUR_ENGINES.includes(other.engine))) {
          console.log(`    vs ${row.engine.padEnd(24)} load ${(ours.loadMs / row.loadMs).toFixed(2)}  memory ${(ours.memory / row.memory).toFixed(2)}  median query ${(ours.query / row.query).toFixed(2)} (with entries ${(ours.queryWithEntries / row.query).toFixed(2)})  zero hits ${(ours.zero / row.zero).toFixed(2)}  radius ${(ours.radius / row.radius).toFixed(2)}`);
        }
      }
      const ours = table.find((row) => row.entries === entries && row.engine === OUR_ENGINES[0]);
      const rows = table.filter((row) => row.entries === entries);
      console.log(`    median ms by kind of query: ${rows.map((row) => row.engine).join(' | ')}`);
      for (const name of Object.keys(ours.kinds)) console.log(`      ${name.padEnd(26)} ${rows.map((row) => row.kinds[name].toFixed(3)).join(' | ')}`);
      const totals = rows.map((row) => `${row.engine}: ${row.totals.slice(0, 12).join(',')}`);
      console.log(`    totals of the first single words, for comparing semantics: ${totals.join(' | ')}`);
    }
  } finally {
    await close();
  }
}

/** Ours, and ours reading the file as it downloads (`fetchDirectory`), and the peers. */
const DOWNLOAD_ENGINES = [...OUR_ENGINES, 'service-finder (fast, as it downloads)', ...PEER_ENGINES.slice(OUR_ENGINES.length)].filter((engine) => !process.env.ENGINES || process.env.ENGINES.split(',').some((part) => engine.includes(part)));

/**
 * The peaks of what the page's JavaScript and wasm hold, above what they held at the start:
 * - `held`, issue 16's "wasm plus JS heap": the JS heap in use, the ArrayBuffers' memory
 *   (`backingStorageSize`: downloaded pieces, a file's bytes) and the wasm memory;
 * - `withBlink`: that and Blink's own heap (`embedderHeapUsedSize`: the DOM, and a fetched
 *   stream's objects until they are collected).
 * Sampled over the DevTools protocol as often as the page lets, which is between its tasks: what
 * one long synchronous task makes and drops (a peer's parsed objects) is not seen, while wasm
 * memory, which never shrinks, is. The process's resident peak (`processMemory`) sees all.
 */
async function heldBySampling(page) {
  const cdp = await page.context().newCDPSession(page);
  const sample = async () => {
    const [heap, wasm] = await Promise.all([
      cdp.send('Runtime.getHeapUsage'),
      cdp.send('Runtime.evaluate', { expression: 'globalThis.wasmBytes()', returnByValue: true }),
    ]);
    const held = heap.usedSize + heap.backingStorageSize + wasm.result.value;
    return { held, withBlink: held + heap.embedderHeapUsedSize };
  };
  const start = await sample();
  const peak = { ...start };
  const note = (now) => {
    peak.held = Math.max(peak.held, now.held);
    peak.withBlink = Math.max(peak.withBlink, now.withBlink);
  };
  let running = true;
  const sampling = (async () => {
    while (running) note(await sample());
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      note(await sample());
      await cdp.detach();
      return { held: peak.held - start.held, withBlink: peak.withBlink - start.withBlink };
    },
  };
}

/** A process's figure from /proc/<pid>/status (VmRSS, VmHWM), in bytes. */
function processMemory(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
}

/**
 * Download, load and peak memory (issue 16 part 3): each engine in a fresh page downloads a
 * generated directory (gzipped by the server, as a county's would send it) and loads it, as a
 * page would. Measured: the time from the request until the engine can search, and the peak
 * of the page's renderer process's memory (resident set, Linux: its high-water mark reset
 * before the download) above what it was before: the text, parsed objects and index, wasm
 * memory, all of it. Medians of N pages each.
 */
async function memory(runs, sizes) {
  if (!existsSync('/proc/self/clear_refs')) {
    console.log('memory: needs Linux (/proc/<pid>/clear_refs and status)');
    return;
  }
  const { server, browser, open, close, folder } = await peersPage(sizes);
  const cdp = await browser.newBrowserCDPSession();
  const renderers = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.filter((info) => info.type === 'renderer').map((info) => info.id);
  try {
    console.log('Download, load and peak memory (Chromium, no slowdown; the server sends the file gzipped); medians of', runs, 'fresh pages each, the engines taking turns');
    console.log('Peaks above the page before: the renderer process\'s resident set (all of it); wasm + JS heap (issue 16\'s measure) and that with');
    console.log('Blink\'s heap, both sampled between the page\'s tasks (what a peer\'s synchronous load makes and drops inside one task is not seen)');
    for (const entries of sizes) {
      const file = `directory-${entries}.json`;
      if (!existsSync(path.join(folder, `${file}.gz`))) execFileSync('sh', ['-c', `gzip -6 -k -c "${file}" > "${file}.gz"`], { cwd: folder });
      const text = statSync(path.join(folder, file)).size;
      // Round by round, every engine once in each (as in `peers`).
      const runsOf = new Map(DOWNLOAD_ENGINES.map((engine) => [engine, []]));
      for (let index = 0; index < runs; index++) {
        for (const engine of DOWNLOAD_ENGINES) {
          const page = await open();
          await page.evaluate((arg) => globalThis.prepareEngine(arg), { engine });
          const pids = await renderers();
          const before = new Map(pids.map((pid) => [pid, processMemory(pid, 'VmRSS')]));
          // Resets the high-water mark to the present resident set (Linux 4.0 and later).
          for (const pid of pids) writeFileSync(`/proc/${pid}/clear_refs`, '5');
          const sampler = await heldBySampling(page);
          const { ms, wasm } = await page.evaluate((arg) => globalThis.downloadAndLoad(arg), { url: `${server.url}data/${file}`, engine });
          const peak = Math.max(...pids.map((pid) => processMemory(pid, 'VmHWM') - before.get(pid)));
          runsOf.get(engine).push({ ms, peak, wasm, ...(await sampler.stop()) });
          await page.close();
        }
      }
      const rows = [];
      for (const engine of DOWNLOAD_ENGINES) {
        const row = Object.fromEntries(['ms', 'peak', 'wasm', 'held', 'withBlink'].map((key) => [key, median(runsOf.get(engine).map((one) => one[key]))]));
        row.engine = engine;
        rows.push(row);
        const share = (bytes) => `${(bytes / 1e6).toFixed(0).padStart(4)} MB = ${(bytes / text).toFixed(2)}×`;
        console.log(`  ${String(entries).padStart(6)} ${engine.padEnd(40)} download and load ${row.ms.toFixed(0).padStart(6)} ms  process peak ${share(row.peak)}  wasm + JS heap ${share(row.held)}  with Blink's heap ${share(row.withBlink)}${row.wasm ? `  wasm memory ${(row.wasm / 1e6).toFixed(0)} MB` : ''}`);
      }
      const streamed = rows.find((row) => row.engine === 'service-finder (fast, as it downloads)');
      for (const row of streamed ? rows.filter((other) => other !== streamed) : []) {
        console.log(`    as it downloads vs ${row.engine.padEnd(24)} time ${(streamed.ms / row.ms).toFixed(2)}  process peak ${(streamed.peak / row.peak).toFixed(2)}  wasm + JS heap ${(streamed.held / row.held).toFixed(2)}`);
      }
    }
  } finally {
    await close();
  }
}

/**
 * Nationwide as static files (issue 16 part 5): all of Germany's 400 districts with 500
 * generated entries each, published by `service-finder nationwide` into target/bench-web/
 * (once), served compressed. A county's widget (Landkreis Waldeck-Frankenberg's generated
 * directory as its own, with the `nationwide` attribute) is opened, and the bytes on the wire
 * (compressed, with headers) are counted for: the first results; a 50 km radius around a place
 * at the county's border; searches of all of Germany for a common word and for a rare one.
 */
async function nationwide() {
  const folder = path.join(REPO_ROOT, 'target/bench-web/nationwide');
  if (!existsSync(path.join(folder, 'index.json'))) {
    const cli = path.join(REPO_ROOT, 'target/release/service-finder');
    if (!existsSync(cli)) throw new Error('bench-web nationwide: build the command-line tool first (cargo build --release)');
    execFileSync(cli, ['nationwide', '--entries-per-district', '500', '--seed', '1', '-o', folder], { stdio: 'inherit' });
  }
  const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8'));
  const own = index.districts.find((district) => district.ags === '06635');
  const de = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/messages/de.json'), 'utf8'));
  const server = await startServer({ port: 0, extraMounts: [{ prefix: '/nationwide/', dir: folder }] });
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  try {
    console.log(`Nationwide as static files: ${index.districts.length} districts, ${index.districts.reduce((sum, district) => sum + district.entries, 0)} entries; bytes on the wire (compressed, with headers)`);
    const html = `${PAGE_HEAD}<script type="module" src="/service-finder/service-finder.js"></script><service-finder src="/nationwide/districts/${own.ags}.${own.hash}.json" nationwide="/nationwide/index.json"></service-finder></body></html>`;
    await rm(path.join(folder, 'bench.html'), { force: true });
    await writeFile(path.join(folder, 'bench.html'), html);
    // Volkmarsen, in Landkreis Waldeck-Frankenberg, 3 km from Landkreis Kassel's border.
    const border = { latitude: 51.4083, longitude: 9.1183 };
    /** A fresh phone with the county's page open at its first result cards. */
    const open = async () => {
      const context = await browser.newContext({ viewport: PHONE, locale: 'de-DE', geolocation: border, permissions: ['geolocation'] });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const session = { context, page, transfers: [], pending: 0, widget: page.locator('service-finder') };
      const urls = new Map();
      cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
        session.pending++;
        urls.set(requestId, request.url);
      });
      cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
        session.pending--;
        session.transfers.push({ url: urls.get(requestId), bytes: encodedDataLength });
      });
      cdp.on('Network.loadingFailed', () => session.pending--);
      await page.goto(`${server.url}nationwide/bench.html`);
      await page.waitForFunction(() => document.querySelector('service-finder')?.shadowRoot?.querySelector('.sf-card'));
      session.firstCards = session.transfers.length;
      // Until the page asks for nothing more: no request in flight, and the condition met.
      session.quiet = async (accept) => {
        await page.waitForFunction(() => document.querySelector('service-finder')?.getAttribute('data-state') === 'ready');
        const started = Date.now();
        while (!(session.pending === 0 && (await accept()))) {
          if (Date.now() - started > 60_000) throw new Error('bench-web nationwide: the page did not settle');
          await page.waitForTimeout(50);
        }
      };
      session.count = async () => (await session.widget.locator('.sf-count').textContent()).trim();
      await session.quiet(async () => session.transfers.some(({ url }) => url.endsWith('/nationwide/index.json')));
      return session;
    };
    const report = (name, part) => {
      const districts = part.filter(({ url }) => url.includes('/nationwide/districts/')).length;
      const shards = part.filter(({ url }) => url.includes('/nationwide/terms/')).length;
      const bytes = part.reduce((sum, { bytes }) => sum + bytes, 0);
      console.log(`  ${name.padEnd(58)} ${kb(bytes)}   ${String(part.length).padStart(3)} requests (${districts} districts, ${shards} term shards)`);
    };

    const first = await open();
    report('first results (page, widget, own directory)', first.transfers.slice(0, first.firstCards));
    report('after them: details, hours, stems, thesaurus, index.json', first.transfers.slice(first.firstCards));
    report('  of which the entry file index.json', first.transfers.filter(({ url }) => url.endsWith('/nationwide/index.json')));
    let mark = first.transfers.length;
    await first.widget.getByRole('button', { name: de['location.use'] }).click();
    await first.widget.getByLabel(de['radius.label']).selectOption('50');
    await first.quiet(async () => first.transfers.slice(mark).some(({ url }) => url.includes('/nationwide/districts/')) && /\d/.test(await first.count()));
    report('50 km around Volkmarsen, at the county border', first.transfers.slice(mark));
    console.log(`    ${await first.count()} within 50 km`);
    // The same phone again: every file is revalidated (no-cache); unchanged, each is a 304.
    mark = first.transfers.length;
    await first.page.reload();
    await first.page.waitForFunction(() => document.querySelector('service-finder')?.shadowRoot?.querySelector('.sf-card'));
    await first.quiet(async () => first.transfers.slice(mark).some(({ url }) => url.endsWith('/nationwide/index.json')));
    report('a second visit, to the entry file (every file a 304)', first.transfers.slice(mark));
    await first.context.close();

    for (const [word, what] of [['Jugendmigrationsdienst', 'a word every district has'], ['Garmisch-Partenkirchen', 'a far town']]) {
      const session = await open();
      await session.widget.getByRole('searchbox').fill(word);
      mark = session.transfers.length;
      await session.widget.getByRole('button', { name: de['nationwide.search'] }).click();
      await session.quiet(async () => (await session.widget.locator('[data-part="nationwide"]').textContent()).includes(de['nationwide.shown'].split('{')[0]));
      report(`all of Germany: "${word}" (${what})`, session.transfers.slice(mark));
      console.log(`    ${await session.count()}; ${(await session.widget.locator('[data-part="nationwide"] p').textContent()).trim()}`);
      await session.context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs') ?? 5);
const peerSizes = (option('--entries') ?? '10000,100000').split(',').map(Number);
const parts = argv.filter((arg, index) => !arg.startsWith('--') && !['--runs', '--entries', '--network'].includes(argv[index - 1]));
if (parts.length === 0 || parts.includes('cold-start')) await coldStart(runs, option('--network'));
if (parts.length === 0 || parts.includes('places')) await places(runs);
if (parts.length === 0 || parts.includes('tasks')) await tasks(runs);
if (parts.length === 0 || parts.includes('peers')) await peers(runs, peerSizes);
if (parts.length === 0 || parts.includes('nationwide')) await nationwide();
if (parts.length === 0 || parts.includes('memory')) await memory(runs, peerSizes);
