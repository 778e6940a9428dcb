// Loading the widget must not make the county's page jump: while the wasm loads and the first
// results render, nothing above the widget moves, the widget itself stays where it started, and
// the page's cumulative layout shift stays below 0.1 (the "good" threshold of Core Web Vitals).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TEST_OPTIONS, assertClean, useBrowser, waitForWidget, withPage } from './support.mjs';

const env = useBrowser();

/** Records every layout shift with the rectangles of what moved, from the very first frame. */
function recordLayoutShifts() {
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__layoutShifts.push({
        value: entry.value,
        sources: (entry.sources || []).map((source) => ({
          node: source.node?.nodeName ?? '(gone)',
          before: { top: source.previousRect.top, height: source.previousRect.height },
          after: { top: source.currentRect.top, height: source.currentRect.height },
        })),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

for (const [width, height] of [[1280, 800], [375, 667]]) {
  test(`nothing above the widget moves while it loads (${width}×${height})`, TEST_OPTIONS, async () => {
    const setup = ({ page }) => page.addInitScript(recordLayoutShifts);
    await withPage(env, { contextOptions: { viewport: { width, height } }, setup }, async (session) => {
      const { page, widget, records } = session;
      const topWhileLoading = await widget.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      await waitForWidget(session, 'ready');
      await page.waitForLoadState('networkidle');
      const topWhenReady = await widget.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      assert.equal(topWhenReady, topWhileLoading, 'the widget moved while it loaded');
      const shifts = await page.evaluate(() => window.__layoutShifts);
      const sources = shifts.flatMap((shift) => shift.sources);
      const above = sources.filter((source) => source.before.top < topWhileLoading);
      assert.deepEqual(above, [], 'something above the widget moved');
      const widgetMoves = sources.filter((source) => source.node === 'SERVICE-FINDER' && source.before.top !== source.after.top);
      assert.deepEqual(widgetMoves, [], 'the widget itself moved');
      const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
      console.log(`cumulative layout shift at ${width}×${height}: ${total.toFixed(3)}`);
      assert.ok(total < 0.1, `cumulative layout shift ${total.toFixed(3)} (content below the widget jumped)`);
      assertClean(records, 'the demo page');
    });
  });
}
