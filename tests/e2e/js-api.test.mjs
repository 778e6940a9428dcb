// The JS API's edges, called from a page as a webmaster would: what fromJson accepts (text or
// bytes) and how it refuses anything else, numbers that JSON cannot carry (NaN, Infinity), the
// cap on `limit`, texts the core must take as they come (a lone surrogate, "DE"), the two builds
// of the core, and fetchDirectory, which reads a directory as it downloads.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEMO, TEST_OPTIONS, useBrowser, withPage } from './support.mjs';

const env = useBrowser();

/**
 * Opens a blank page, loads the API there and runs `body(api, input)` in the page; `api` holds
 * ServiceFinder, Places, `demo` (the bundled directory's text) and `region` (the region's places
 * file), `input` is `arg`.
 */
function inPage(body, arg) {
  return withPage(env, { path: '/e2e/blank.html' }, async (session) => {
    const value = await session.page.evaluate(
      async ({ source, arg }) => {
        const { initServiceFinder, ServiceFinder, Places } = await import('/service-finder/service-finder.js');
        await initServiceFinder();
        const demo = await (await fetch('/service-finder/directory.json')).text();
        const region = await (await fetch('/service-finder/places-region.tsv')).text();
        return new Function('api', 'input', `return (${source})(api, input);`)({ ServiceFinder, Places, demo, region }, arg);
      },
      { source: body.toString(), arg },
    );
    assert.deepEqual(session.records.pageErrors, [], 'page errors');
    return value;
  });
}

/** What fromJson gives for each kind of value: the entry count, or the error's class and message. */
const FROM_JSON_CASES = [
  ['null', 'null', { error: 'found null' }],
  ['undefined', 'undefined', { error: 'found undefined' }],
  ['a number', '42', { error: 'found a number' }],
  ['NaN', 'NaN', { error: 'found a number' }],
  ['a boolean', 'true', { error: 'found a value of another type' }],
  ['a function', '() => demo', { error: 'found a value of another type' }],
  ['an object', '({ entries: [] })', { error: 'found an object' }],
  ['an array', '[]', { error: 'found an object' }],
  ['the text', 'demo', { entries: DEMO.entries.length }],
  ['a Uint8Array', 'new TextEncoder().encode(demo)', { entries: DEMO.entries.length }],
  ['an ArrayBuffer', 'new TextEncoder().encode(demo).buffer', { entries: DEMO.entries.length }],
  ['a Uint8Array that views part of a buffer', '(() => { const bytes = new TextEncoder().encode(`  ${demo}  `); return new Uint8Array(bytes.buffer, 1, bytes.length - 2); })()', { entries: DEMO.entries.length }],
  ['text that is not JSON', '"{ not json"', { error: 'JSON' }],
  ['bytes that are not JSON', 'new Uint8Array([0xff, 0xfe])', { error: '' }],
];

test('fromJson takes the text or the bytes of a directory and names what it expects otherwise', TEST_OPTIONS, async () => {
  const outcomes = await inPage(({ ServiceFinder, demo }, cases) => cases.map(([, expression]) => {
    try {
      // Each expression is evaluated with the directory's text at hand as `demo`.
      const value = new Function('demo', `return (${expression});`)(demo);
      return { entries: ServiceFinder.fromJson(value).info('de').entryCount };
    } catch (error) {
      return { type: error?.constructor?.name, message: String(error?.message ?? error) };
    }
  }), FROM_JSON_CASES);
  for (const [index, [name, , expected]] of FROM_JSON_CASES.entries()) {
    const outcome = outcomes[index];
    if ('entries' in expected) {
      assert.deepEqual(outcome, { entries: expected.entries }, name);
      continue;
    }
    // An Error that says what is wrong, not a TypeError from inside the glue.
    assert.equal(outcome.type, 'Error', `${name}: ${JSON.stringify(outcome)}`);
    assert.ok(outcome.message.includes(expected.error), `${name}: ${outcome.message}`);
    if (expected.error.startsWith('found')) {
      assert.match(outcome.message, /^ServiceFinder\.fromJson expects the directory's JSON as a string, a Uint8Array or an ArrayBuffer, found /, name);
    }
  }
});

const NEAR = { latitude: 51.2756, longitude: 8.873 };
/** Each number a query has, where it is, and what the error says is allowed. */
const NUMBER_FIELDS = [
  ['radiusKm', (query, value) => ({ ...query, radiusKm: value }), 'a number of kilometres of 0 or more'],
  ['offset', (query, value) => ({ ...query, offset: value }), 'a whole number of 0 or more'],
  ['limit', (query, value) => ({ ...query, limit: value }), 'a whole number of 0 or more'],
  ['near.latitude', (query, value) => ({ ...query, near: { ...NEAR, latitude: value } }), 'a number of degrees from -90 to 90'],
  ['near.longitude', (query, value) => ({ ...query, near: { ...NEAR, longitude: value } }), 'a number of degrees from -180 to 180'],
];
const NOT_FINITE = ['NaN', 'Infinity', '-Infinity'];

test('NaN and ±Infinity in any number of a query throw an error naming the field', TEST_OPTIONS, async () => {
  // The queries are built here and sent as source text: node's structured clone would carry
  // NaN and Infinity, but this keeps each case readable in the failure message.
  const base = { text: 'Beratung', near: NEAR, radiusKm: 25, offset: 0, limit: 5 };
  const cases = [];
  for (const [field, set, allowed] of NUMBER_FIELDS) {
    for (const value of NOT_FINITE) cases.push({ field, value, query: set(base, `@${value}@`), allowed });
    cases.push({ field, value: 'finite', query: set(base, field === 'offset' ? 1 : 10), allowed: null });
  }
  const outcomes = await inPage(({ ServiceFinder, demo }, cases) => {
    const finder = ServiceFinder.fromJson(demo);
    // "@NaN@" stands for the number NaN, and so on.
    const revive = (query) => JSON.parse(JSON.stringify(query), (key, value) =>
      (typeof value === 'string' && /^@.*@$/.test(value) ? Number(value.slice(1, -1)) : value));
    return cases.map(({ query }) => {
      try {
        return { total: finder.search(revive(query)).total };
      } catch (error) {
        return { type: error?.constructor?.name, message: String(error?.message ?? error) };
      }
    });
  }, cases);
  for (const [index, { field, value, allowed }] of cases.entries()) {
    const outcome = outcomes[index];
    if (allowed === null) {
      assert.ok(outcome.total > 0, `${field} finite: ${JSON.stringify(outcome)}`);
    } else {
      assert.deepEqual(outcome, { type: 'Error', message: `${field} must be ${allowed}${field === 'limit' ? ' (at most 1000 hits are returned)' : ''}, found ${value}` }, `${field} = ${value}`);
    }
  }
});

test('a limit above 1000 returns 1000 hits; one that is not a whole number throws', TEST_OPTIONS, async () => {
  const outcome = await inPage(({ ServiceFinder }) => {
    const entries = Array.from({ length: 1200 }, (_, number) => ({
      id: `entry-${number}`, kind: 'service', name: `Beratung ${number}`, service_area: { scope: 'region' },
    }));
    const finder = ServiceFinder.fromJson(JSON.stringify({ format_version: 1, title: { de: 'Groß' }, default_language: 'de', entries }));
    const hits = (query) => {
      try {
        const results = finder.search(query);
        return [results.total, results.hits.length];
      } catch (error) {
        return `${error.constructor.name}: ${error.message}`;
      }
    };
    return { 1000: hits({ limit: 1000 }), 5000: hits({ limit: 5000 }), '2^32': hits({ limit: 2 ** 32 }), 1.5: hits({ limit: 1.5 }), '-1': hits({ limit: -1 }) };
  });
  assert.deepEqual(outcome[1000], [1200, 1000]);
  assert.deepEqual(outcome[5000], [1200, 1000], 'silently capped at 1000');
  for (const limit of ['2^32', '1.5', '-1']) {
    assert.match(outcome[limit], /^Error: invalid query: limit: expected a whole number/, limit);
  }
});

test('a lone surrogate in a text and "DE" for German are taken as they come', TEST_OPTIONS, async () => {
  const outcome = await inPage(({ ServiceFinder, Places, demo, region }) => {
    const finder = ServiceFinder.fromJson(demo);
    const run = (call) => {
      try {
        return call();
      } catch (error) {
        return `${error.constructor.name}: ${error.message}`;
      }
    };
    const ids = (query) => run(() => finder.search({ ...query, limit: 1000 }).hits.map((hit) => hit.id));
    return {
      surrogates: ['\ud800', 'Beratung\udfff', '\udc00Deutschkurs', 'Jobcenter \ud83d'].map((text) => run(() => {
        const results = finder.search({ text, language: text });
        return Array.isArray(results.hits) && typeof results.total === 'number';
      })),
      beratung: [ids({ text: 'Beratung' }).length, ids({ text: 'Beratung\ud800' }).length],
      info: run(() => typeof finder.info('\ud800').title.text),
      places: run(() => Array.isArray(Places.fromText(region).lookup('Korb\udc00', 5))),
      upper: ids({ languages: ['DE'] }),
      lower: ids({ languages: ['de'] }),
      mixed: ids({ languages: ['Ar'] }),
      arabic: ids({ languages: ['ar'] }),
    };
  });
  assert.deepEqual(outcome.surrogates, [true, true, true, true]);
  assert.ok(outcome.beratung[0] > 0, JSON.stringify(outcome.beratung));
  assert.equal(outcome.info, 'string');
  assert.equal(outcome.places, true);
  assert.ok(Array.isArray(outcome.lower) && outcome.lower.length > 0, JSON.stringify(outcome.lower));
  assert.deepEqual(outcome.upper, outcome.lower, '"DE" finds what "de" finds');
  assert.ok(outcome.arabic.length > 0);
  assert.deepEqual(outcome.mixed, outcome.arabic, '"Ar" finds what "ar" finds');
});

/** Queries of every kind, for comparing the two builds of the core. */
const BOTH_CORES_QUERIES = [
  { text: 'Beratung' }, { text: 'Deutschkurs Korbach' }, { text: 'Integrationskrus' }, { text: 'inte' },
  { text: 'xylophon' }, { categories: ['language-courses'] }, { near: { latitude: 51.2, longitude: 8.87 }, radiusKm: 15, sort: 'distance' },
  { text: 'kurs', categories: ['language-courses'], near: { latitude: 51.05, longitude: 8.8 }, radiusKm: 30, sort: 'distance', language: 'ar' },
];

test('initServiceFinder({ fast: true }) loads the core compiled for speed, which answers as the small one; without wasm SIMD, the small one', TEST_OPTIONS, async () => {
  const answers = {};
  for (const [name, fast, noSimd] of [['small', false, false], ['fast', true, false], ['noSimd', true, true]]) {
    answers[name] = await withPage(env, { path: '/e2e/blank.html' }, async (session) => {
      const answer = await session.page.evaluate(async ({ fast, noSimd, queries }) => {
        // A browser from before wasm's SIMD instructions: the loader's probe module is not valid
        // there (nothing else on the page validates modules).
        if (noSimd) WebAssembly.validate = () => false;
        const { initServiceFinder, ServiceFinder } = await import('/service-finder/service-finder.js');
        await initServiceFinder({ fast });
        const finder = ServiceFinder.fromJson(await (await fetch('/service-finder/directory.json')).arrayBuffer());
        const results = queries.map((query) => finder.search(query));
        // A second call gets the core the page has; asking for the other one too late is said.
        await initServiceFinder({ fast: true });
        const cores = performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop()).filter((name) => name.endsWith('.wasm'));
        return { results, cores, problems: finder.problems().length };
      }, { fast, noSimd, queries: BOTH_CORES_QUERIES });
      assert.deepEqual(session.records.pageErrors, [], 'page errors');
      // Said only where the fast core could have been had.
      const late = session.records.consoleMessages.filter((message) => message.includes('{ fast: true } comes too late'));
      assert.equal(late.length, name === 'small' ? 1 : 0, `warnings: ${JSON.stringify(session.records.consoleMessages)}`);
      return answer;
    });
  }
  assert.deepEqual(answers.small.cores, ['service-finder-core_bg.wasm']);
  assert.deepEqual(answers.fast.cores, ['service-finder-core-fast_bg.wasm']);
  assert.deepEqual(answers.noSimd.cores, ['service-finder-core_bg.wasm'], 'without SIMD, the small core');
  assert.ok(answers.small.results.every((result, index) => index === 4 || result.total > 0), 'every query but the nonsense word finds something');
  for (const name of ['fast', 'noSimd']) {
    assert.deepEqual(answers[name].results, answers.small.results, `${name}: the same hits, scores, distances and facets`);
    assert.equal(answers[name].problems, answers.small.problems);
  }
});

test('fetchDirectory reads a directory as it downloads, as fromJson reads it whole, and fetches again what it must read whole', TEST_OPTIONS, async () => {
  const outcomes = await withPage(env, { path: '/e2e/blank.html' }, async (session) => {
    const value = await session.page.evaluate(async (queries) => {
      const { initServiceFinder, ServiceFinder, fetchDirectory } = await import('/service-finder/service-finder.js');
      await initServiceFinder();
      const demo = new Uint8Array(await (await fetch('/service-finder/directory.json')).arrayBuffer());
      const text = new TextDecoder().decode(demo);
      const encode = (string) => new TextEncoder().encode(string);
      const middle = text.indexOf('"description":', text.length / 2) + '"description":{"de":"'.length;
      const files = {
        // Served gzipped: the length is not known beforehand.
        'the demo, served': '/service-finder/directory.json',
        'a misspelt kind (a problem of one entry)': encode(text.replace('"kind":"service"', '"kind":"servise"')),
        'bytes that are not UTF-8 in the middle': new Uint8Array([...demo.subarray(0, middle), 0xff, 0xfe, ...demo.subarray(middle)]),
        'cut short': demo.subarray(0, demo.length - 5),
        'not a directory': encode('[1, 2]'),
        'not there': '/service-finder/no-such-directory.json',
        // A stream of pieces of 1,000 bytes that cannot be read into the reader's own buffer
        // (not a byte stream): read piece by piece as the browser hands them over.
        'the demo, in pieces of 1,000 bytes': 'pieces:demo',
      };
      const inPieces = () => new Response(new ReadableStream({
        start(controller) {
          for (let at = 0; at < demo.length; at += 1000) controller.enqueue(demo.slice(at, at + 1000));
          controller.close();
        },
      }));
      // Every download is counted: a second one means the file was read whole.
      const browserFetch = globalThis.fetch;
      const download = (url, ...rest) => (url === 'pieces:demo' ? Promise.resolve(inPieces()) : browserFetch(url, ...rest));
      let downloads = 0;
      globalThis.fetch = (...args) => {
        downloads++;
        return download(...args);
      };
      const answer = (finder) => ({
        entries: finder.info('de').entryCount, problems: finder.problems(), skipped: finder.skippedCount(),
        results: queries.map((query) => finder.search(query)),
      });
      const outcomes = {};
      for (const [name, file] of Object.entries(files)) {
        const url = typeof file === 'string' ? file : URL.createObjectURL(new Blob([file]));
        downloads = 0;
        const streamed = await fetchDirectory(url).then(answer, (error) => ({ error: `${error.constructor.name}: ${error.message}` }));
        const streamedDownloads = downloads;
        const whole = await download(url).then(async (response) => {
          if (!response.ok) return { error: `HTTP ${response.status}` };
          try {
            return answer(ServiceFinder.fromJson(await response.arrayBuffer()));
          } catch (error) {
            return { error: `${error.constructor.name}: ${error.message}` };
          }
        });
        outcomes[name] = { streamed, whole, downloads: streamedDownloads };
      }
      // Stopped by its signal: the download ends, and the promise rejects with the abort.
      const stop = new AbortController();
      const stopped = fetchDirectory('/service-finder/directory.json', { signal: stop.signal });
      stop.abort();
      outcomes.stopped = await stopped.then(() => 'loaded', (error) => error.name);
      return outcomes;
    }, BOTH_CORES_QUERIES);
    assert.deepEqual(session.records.pageErrors, [], 'page errors');
    return value;
  });
  const readAsItCame = ['the demo, served', 'a misspelt kind (a problem of one entry)', 'the demo, in pieces of 1,000 bytes'];
  assert.equal(outcomes.stopped, 'AbortError');
  delete outcomes.stopped;
  for (const [name, { streamed, whole, downloads }] of Object.entries(outcomes)) {
    if (name === 'not there') {
      assert.match(streamed.error, /^Error: service-finder: \/service-finder\/no-such-directory\.json: HTTP 404$/);
      continue;
    }
    assert.deepEqual(streamed, whole, name);
    assert.equal(downloads, readAsItCame.includes(name) ? 1 : 2, `${name}: downloads`);
  }
  assert.equal(outcomes['the demo, served'].streamed.entries, DEMO.entries.length);
  assert.ok(outcomes['the demo, served'].streamed.results.some((result) => result.total > 0));
  assert.ok(outcomes['a misspelt kind (a problem of one entry)'].streamed.problems.some((problem) => problem.text.includes('servise') || problem.message.includes('servise')));
  assert.ok(outcomes['bytes that are not UTF-8 in the middle'].streamed.problems.some((problem) => problem.line >= 1), 'the bad bytes are reported with their line');
  assert.match(outcomes['cut short'].streamed.error, /^Error: /);
});
