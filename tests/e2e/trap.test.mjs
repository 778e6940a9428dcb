// If the wasm core traps, no finder on the page stays broken. A real trap: an init script wraps
// WebAssembly's instantiation so that the core's search export, once armed, calls the real
// export with a pointer far outside the wasm memory ("memory access out of bounds", a
// WebAssembly.RuntimeError raised by the wasm itself), then overwrites the memory, as a trap may
// leave it corrupt. Both widgets on the page must show results again at their next use, the JS
// API must work with new objects, and no error may be left uncaught.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TEST_OPTIONS, cardsLocator, readCount, useBrowser, waitForCount, withPage } from './support.mjs';

const env = useBrowser();

/** Runs in the page before its scripts: arms `window.trap` and wraps the instantiation. */
function trapOnce(armed) {
  window.trap = { armed, sprung: 0 };
  const wrap = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    const real = instance.exports;
    const name = Object.keys(real).find((key) => key.startsWith('servicefinder_') && key.endsWith('_search'))
      ?? 'servicefinder_search';
    const search = real[name];
    if (typeof search !== 'function') return result;
    const exports = {
      ...real,
      [name](pointer, ...rest) {
        if (!window.trap.armed) return search(pointer, ...rest);
        window.trap.armed = false;
        window.trap.sprung += 1;
        try {
          // The finder's address, moved past the end of the memory: the wasm reads it and traps.
          return search(0x7ffffff0, ...rest);
        } finally {
          // What a trap may leave behind: a corrupt memory (every byte overwritten), so that
          // only a fresh instance works afterwards.
          new Uint8Array(real.memory.buffer).fill(0xa5);
        }
      },
    };
    const fake = Object.create(WebAssembly.Instance.prototype, { exports: { value: Object.freeze(exports) } });
    return result instanceof WebAssembly.Instance ? fake : { module: result.module, instance: fake };
  };
  for (const method of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[method];
    WebAssembly[method] = async (...args) => wrap(await original.apply(WebAssembly, args));
  }
}

/** Two widgets sharing the one core: the bundled demo and the broken fixture (7 entries). */
const PAGE = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Two finders</title></head>
<body>
<script type="module" src="/service-finder/service-finder.js"></script>
<service-finder id="demo"></service-finder>
<service-finder id="broken" src="/test/broken-directory.json"></service-finder>
</body>
</html>`;

/**
 * Counts a fresh finder gives, in the page: what each widget must show for its text, once its
 * thesaurus and stem module are there (loaded after the first results); `api`: a finder of the
 * JS API, without them.
 */
function expectedCounts(page) {
  return page.evaluate(async () => {
    const { ServiceFinder } = await import('/service-finder/service-finder.js');
    const thesaurus = await (await fetch('/service-finder/thesaurus/de.txt')).text();
    const stem = await import('/service-finder/stem/de.js');
    await stem.default({ module_or_path: '/service-finder/stem/de_bg.wasm' });
    const count = async (url, text, asWidget = true) => {
      const finder = ServiceFinder.fromJson(await (await fetch(url)).text());
      if (asWidget) finder.setThesaurus(thesaurus);
      if (asWidget) finder.setStemmer(new stem.Stemmer('de'));
      const { total } = finder.search({ text, language: 'de' });
      finder.free();
      return total;
    };
    return {
      demo: await count('/service-finder/directory.json', ''),
      beratung: await count('/service-finder/directory.json', 'Beratung'),
      api: await count('/service-finder/directory.json', 'Beratung', false),
      broken: await count('/test/broken-directory.json', ''),
      deutsch: await count('/test/broken-directory.json', 'Deutsch'),
    };
  });
}

const TRIGGERS = [
  { name: 'the first search, while the page loads', armed: true },
  { name: 'a keystroke in one widget', armed: false, arm: 'keystroke' },
  { name: 'a call of the JS API', armed: false, arm: 'api' },
];

for (const { name, armed, arm } of TRIGGERS) {
  test(`after a trap in ${name}, both finders show results again`, TEST_OPTIONS, async () => {
    const setup = ({ page }) => page.addInitScript(trapOnce, armed);
    await withPage(env, { path: '/e2e/blank.html', html: PAGE, setup }, async (session) => {
      const { page, records } = session;
      const demo = page.locator('#demo');
      const broken = page.locator('#broken');
      await waitForCount(demo, 'de', (count) => count > 100, 'the demo\'s results');
      await waitForCount(broken, 'de', (count) => count === 7, 'the broken directory\'s 7 results');
      // A webmaster's own finder, made before the trap.
      await page.evaluate(async () => {
        const { ServiceFinder } = await import('/service-finder/service-finder.js');
        window.before = ServiceFinder.fromJson(await (await fetch('/service-finder/directory.json')).text());
      });

      if (arm === 'keystroke') {
        await page.evaluate(() => { window.trap.armed = true; });
      } else if (arm === 'api') {
        const thrown = await page.evaluate(() => {
          window.trap.armed = true;
          try {
            window.before.search({ text: 'Beratung' });
            return 'nothing thrown';
          } catch (error) {
            return `${error instanceof WebAssembly.RuntimeError ? 'RuntimeError' : error.constructor.name}: ${error.message}`;
          }
        });
        assert.match(thrown, /^RuntimeError: .*memory access out of bounds/, 'the API call throws the trap');
      }

      // The next keystroke in each widget shows results again.
      await demo.locator('input[type="search"]').fill('Beratung');
      await broken.locator('input[type="search"]').fill('Deutsch');
      assert.equal(await page.evaluate(() => window.trap.sprung), 1, 'the trap was sprung once');
      const expected = await expectedCounts(page);
      await waitForCount(demo, 'de', (count) => count === expected.beratung, `${expected.beratung} results for "Beratung"`);
      await waitForCount(broken, 'de', (count) => count === expected.deutsch, `${expected.deutsch} result for "Deutsch"`);
      assert.ok(expected.beratung > 0 && expected.deutsch > 0, JSON.stringify(expected));
      for (const widget of [demo, broken]) await cardsLocator(widget).first().waitFor();
      assert.equal(await demo.locator('input[type="search"]').inputValue(), 'Beratung', 'the search is kept');
      // And they keep working.
      await demo.locator('input[type="search"]').fill('');
      await waitForCount(demo, 'de', (count) => count === expected.demo, 'all results again');
      assert.equal(await readCount(broken, 'de'), expected.deutsch);

      // The JS API: objects made before the trap say so; new ones work.
      const api = await page.evaluate(async () => {
        const { ServiceFinder, Places } = await import('/service-finder/service-finder.js');
        let stale;
        try {
          window.before.search({});
          stale = 'nothing thrown';
        } catch (error) {
          stale = error.message;
        }
        const finder = ServiceFinder.fromJson(await (await fetch('/service-finder/directory.json')).text());
        return { stale, total: finder.search({ text: 'Beratung' }).total, places: Places.fromText(await (await fetch('/service-finder/places-region.tsv')).text()).lookup('Korb', 3).length };
      });
      // (When the trap came while the page loaded, `before` was made after it, on the fresh core.)
      if (arm) assert.match(api.stale, /stale object/, 'an object made before the trap');
      else assert.equal(api.stale, 'nothing thrown');
      assert.equal(api.total, expected.api);
      assert.ok(api.places > 0);

      assert.deepEqual(records.pageErrors, [], 'no uncaught error');
      // The widget that met the trap tells the webmaster, with the wasm's own error.
      const restarts = records.consoleErrors.filter((line) => line.includes('the core failed and was restarted'));
      assert.equal(restarts.length, arm === 'api' ? 0 : 1, records.consoleErrors.join('\n'));
      for (const line of restarts) assert.match(line, /RuntimeError: memory access out of bounds/);
    });
  });
}
