// The page side of `node scripts/bench-web.mjs peers` (bundled by esbuild into the benchmark's
// page): one engine loads and indexes a generated directory, then answers the query set.
//
// The same work for every engine (stated in the printout):
// - the texts searched: every language's name, description, organisation, town and the German
//   names of the categories;
// - a query's words must all match (AND); the last word also as the start of a word (typing);
//   words of five letters or more also with one typo;
// - filters: one category; a radius around a point (geokdbush for the engines without a geo
//   index); sorted by relevance, or by distance when a point is given;
// - the answer: the total and the first 20 hits' ids (service-finder also counts its facets,
//   which the others do not). service-finder's queries are also timed with the hits' entries,
//   as the widget asks for them (the peers' documents are JS objects already; the core's
//   entries are written out of the wasm as JSON).

import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import FlexSearch from 'flexsearch';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import MiniSearch from 'minisearch';

import { ServiceFinder, fetchDirectory, initServiceFinder } from '/service-finder/service-finder.js';

/** German category names, for the engines that index text only (the core knows them itself). */
const CATEGORY_NAMES = {
  'integration-courses': 'Integrationskurse', 'language-courses': 'Sprachkurse', 'work-jobcenter': 'Arbeit und Jobcenter',
  'children-family': 'Kinder und Familie', 'volunteering-mentoring': 'Ehrenamt und Patenschaften', 'first-steps': 'Erste Schritte',
  housing: 'Wohnen', recognition: 'Anerkennung', 'migration-counselling': 'Migrationsberatung', women: 'Frauen',
  'legal-advice': 'Rechtsberatung', 'education-school': 'Bildung und Schule', health: 'Gesundheit', youth: 'Jugend',
  'residence-asylum': 'Aufenthalt und Asyl', interpreting: 'Dolmetschen', 'associations-leisure': 'Vereine und Freizeit',
};

const TEXT_FIELDS = ['name', 'description', 'organization', 'city', 'categoryText'];

const texts = (value) => (value == null ? '' : typeof value === 'string' ? value : Object.values(value).join(' '));

/** An entry as the text engines index it. */
function flatten(entry, index) {
  const categories = entry.categories ?? [];
  return {
    id: index,
    name: texts(entry.name),
    description: texts(entry.description),
    organization: texts(entry.organization?.name),
    city: entry.location?.city ?? '',
    categoryText: categories.map((id) => CATEGORY_NAMES[id] ?? id).join(' '),
    categories,
    lat: entry.location?.latitude,
    lon: entry.location?.longitude,
  };
}

/** The geo index the text-only engines use for a radius (kdbush + geokdbush). */
function geoIndex(documents) {
  const located = documents.filter((doc) => doc.lat != null);
  const index = new KDBush(located.length);
  for (const doc of located) index.add(doc.lon, doc.lat);
  index.finish();
  return { index, ids: located.map((doc) => doc.id) };
}

/** Filters, sorts and cuts a text engine's matches (doc ids, in relevance order). */
function finish(ids, query, documents, geo) {
  let found = ids;
  if (query.category) found = found.filter((id) => documents[id].categories.includes(query.category));
  if (query.near) {
    const inside = new Set(around(geo.index, query.near.longitude, query.near.latitude, Infinity, query.radiusKm).map((i) => geo.ids[i]));
    found = found === null ? [...inside] : found.filter((id) => inside.has(id));
    const km = (id) => distance(query.near.longitude, query.near.latitude, documents[id].lon, documents[id].lat);
    found = found.map((id) => [id, km(id)]).sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
  return { total: found.length, hits: found.slice(0, 20) };
}

/** service-finder with the core compiled for size (the widget's) or for speed (`fast`). */
const serviceFinder = (fast) => ({
  // Before loading (runEngine), so that fetching and compiling the wasm is not timed.
  init: () => initServiceFinder({ fast }),
  load: (bytes) => ServiceFinder.fromJson(bytes),
  // The peers' answer: the total and the hits' ids.
  search: (finder, query) => ourSearch(finder, query, false),
  // The widget's answer: the hits with their entries, which it shows as cards.
  searchWithEntries: (finder, query) => ourSearch(finder, query, true),
});

/** A query of the set as service-finder's query, with or without the hits' entries. */
function ourSearch(finder, query, entries) {
  const result = finder.search({
    text: query.text ?? '', categories: query.category ? [query.category] : [], near: query.near, radiusKm: query.near ? query.radiusKm : undefined,
    sort: query.near ? 'distance' : 'relevance', limit: 20, language: 'de', entries,
  });
  return { total: result.total, hits: entries ? result.hits : result.hits.map((hit) => hit.id) };
}

const ENGINES = {
  'service-finder': serviceFinder(false),
  'service-finder (fast)': serviceFinder(true),
  // Downloaded and loaded as the file comes (`fetchDirectory`): only for `downloadAndLoad`.
  'service-finder (fast, as it downloads)': { ...serviceFinder(true), download: (url) => fetchDirectory(url) },
  'MiniSearch + geokdbush': {
    load(bytes) {
      const documents = JSON.parse(new TextDecoder().decode(bytes)).entries.map(flatten);
      const mini = new MiniSearch({ fields: TEXT_FIELDS, idField: 'id' });
      mini.addAll(documents);
      return { mini, documents, geo: geoIndex(documents) };
    },
    search({ mini, documents, geo }, query) {
      const ids = query.text
        ? mini.search(query.text, { combineWith: 'AND', prefix: (term, index, terms) => index === terms.length - 1, fuzzy: (term) => (term.length >= 5 ? 1 : 0) }).map((hit) => hit.id)
        : query.near ? null : documents.map((doc) => doc.id);
      return finish(ids, query, documents, geo);
    },
  },
  FlexSearch: {
    load(bytes) {
      const documents = JSON.parse(new TextDecoder().decode(bytes)).entries.map(flatten);
      const index = new FlexSearch.Document({ tokenize: 'forward', document: { id: 'id', index: TEXT_FIELDS } });
      for (const doc of documents) index.add(doc);
      return { index, documents, geo: geoIndex(documents) };
    },
    search({ index, documents, geo }, query) {
      let ids;
      if (!query.text) ids = query.near ? null : documents.map((doc) => doc.id);
      else {
        // AND over the words: each word's matches in any field, intersected. (FlexSearch has
        // no edit-distance typo tolerance; 'forward' matches starts of words.)
        const sets = query.text.split(/\s+/).map((word) => new Set(index.search(word, { limit: documents.length, merge: true }).map((hit) => hit.id)));
        ids = [...sets[0]].filter((id) => sets.every((set) => set.has(id)));
      }
      return finish(ids, query, documents, geo);
    },
  },
  Orama: {
    async load(bytes) {
      const documents = JSON.parse(new TextDecoder().decode(bytes)).entries.map(flatten);
      const db = create({
        schema: { name: 'string', description: 'string', organization: 'string', city: 'string', categoryText: 'string', categories: 'enum[]', location: 'geopoint' },
      });
      await insertMultiple(db, documents.map((doc) => ({
        id: String(doc.id), name: doc.name, description: doc.description, organization: doc.organization, city: doc.city, categoryText: doc.categoryText,
        categories: doc.categories, ...(doc.lat == null ? {} : { location: { lat: doc.lat, lon: doc.lon } }),
      })), 5000);
      return { db, documents };
    },
    async search({ db, documents }, query) {
      const where = {};
      if (query.category) where.categories = { containsAll: [query.category] };
      if (query.near) where.location = { radius: { coordinates: { lat: query.near.latitude, lon: query.near.longitude }, unit: 'km', value: query.radiusKm, inside: true } };
      const found = await oramaSearch(db, {
        term: query.text ?? '', properties: query.text ? TEXT_FIELDS : undefined, tolerance: 1, threshold: 0, where, limit: query.near ? documents.length : 20,
      });
      if (!query.near) return { total: found.count, hits: found.hits.map((hit) => hit.id) };
      const km = (hit) => distance(query.near.longitude, query.near.latitude, hit.document.location.lon, hit.document.location.lat);
      return { total: found.count, hits: found.hits.sort((a, b) => km(a) - km(b)).slice(0, 20).map((hit) => hit.id) };
    },
  },
};

/** The wasm memory of the core, caught when it is instantiated. */
let wasmMemory = null;
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    const result = await original.apply(WebAssembly, args);
    wasmMemory ??= result.instance?.exports?.memory ?? null;
    return result;
  };
}

const heap = () => performance.memory.usedJSHeapSize;
/**
 * Collects garbage once the current task has ended: what a call held only while it ran (the
 * service-finder's downloaded bytes stayed reachable until then) is not memory kept.
 */
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  globalThis.gc?.();
  globalThis.gc?.();
};

/** The median of `runs` parses of the text: the yardstick for loading. */
function parseTime(bytes, runs) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    JSON.parse(new TextDecoder().decode(bytes));
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/**
 * Time per call of `call`: repeated until 20 ms have passed (the browser's clock is coarse
 * without cross-origin isolation), at least three times.
 */
async function perCall(call) {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (count < 3 || elapsed < 20) {
    await call();
    count++;
    elapsed = performance.now() - start;
  }
  return elapsed / count;
}

/** Loads the directory into one engine, measures loading and memory, then the queries. */
globalThis.runEngine = async ({ url, engine, queries, withQueries, withParse }) => {
  const spec = ENGINES[engine];
  await spec.init?.();
  await settle();
  // Memory kept after loading, the downloaded text let go: what the index costs.
  const before = heap();
  const wasmBefore = wasmMemory?.buffer.byteLength ?? 0;
  let bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const size = bytes.length;
  const parseMs = withParse ? parseTime(bytes, 3) : null;
  const start = performance.now();
  const loaded = await spec.load(bytes);
  const loadMs = performance.now() - start;
  bytes = null;
  await settle();
  const jsHeap = heap() - before;
  // The wasm memory never shrinks: its size is also its peak.
  const wasm = spec.init ? (wasmMemory?.buffer.byteLength ?? 0) - wasmBefore : 0;
  const result = { size, parseMs, loadMs, jsHeap, wasm };
  if (withQueries) {
    // One untimed pass over all the queries first, for every engine: the first searches in a
    // fresh page run on code the browser has not yet optimised (it does so in the background),
    // which would weigh on whichever queries come first (the single words; 0.8-2 ms against
    // 0.15-0.2 ms later for the fast core's first few).
    for (const query of queries) await spec.search(loaded, query);
    result.queries = [];
    for (const query of queries) {
      const answer = await spec.search(loaded, query);
      result.queries.push({ ms: await perCall(() => spec.search(loaded, query)), total: answer.total });
    }
    if (spec.searchWithEntries) {
      for (const query of queries) spec.searchWithEntries(loaded, query);
      for (const [at, query] of queries.entries()) {
        const answer = spec.searchWithEntries(loaded, query);
        if (answer.total !== result.queries[at].total) throw new Error(`${engine}: ${query.text} found ${answer.total} with entries, ${result.queries[at].total} without`);
        result.queries[at].msWithEntries = await perCall(() => spec.searchWithEntries(loaded, query));
      }
    }
  }
  return result;
};

/** Before `downloadAndLoad`: the engine's code loaded, the page quiet (nothing of it measured). */
globalThis.prepareEngine = async ({ engine }) => {
  await ENGINES[engine].init?.();
  await settle();
};

/** The wasm memory's size now (the memory benchmark samples it with the JS heap). */
globalThis.wasmBytes = () => wasmMemory?.buffer.byteLength ?? 0;

/**
 * Downloads the directory and loads it into one engine, as a page would: the file's bytes, then
 * the engine's load; or, for an engine with `download`, that (reading as the file comes). The
 * caller measures the renderer's peak memory around it.
 */
globalThis.downloadAndLoad = async ({ url, engine }) => {
  const spec = ENGINES[engine];
  const start = performance.now();
  const loaded = spec.download ? await spec.download(url) : await spec.load(new Uint8Array(await (await fetch(url)).arrayBuffer()));
  const ms = performance.now() - start;
  globalThis.kept = loaded;
  return { ms, wasm: spec.init ? (wasmMemory?.buffer.byteLength ?? 0) : 0 };
};
