// The app page's service worker (dist/sw.js), hand-written: about 100 lines that do exactly
// what the app needs, where Workbox would add a build dependency and a runtime several times
// this size. Its scope is the folder it is in (/service-finder/), so it never controls a
// county's own page; app.js registers it only when the newcomer asks (see there).
//
// - The app's files (PRECACHE, listed with their SHA-256 by scripts/assemble-web.mjs from what
//   the build put into dist/) are kept on install, in a cache named after this version, and
//   served from it; a new build makes a new sw.js, whose install keeps the new files and whose
//   activation drops the old ones. A file whose bytes are not the ones listed fails the install
//   (the browser tries again later), so a version never mixes files of two builds.
// - The data (DATA_CACHE, kept across versions): the directory and the region's places are kept
//   on install, when there is no copy yet. The directory is then left to the widget, which
//   fetches it and keeps a new copy only once the core has read it with valid entries, and
//   falls back to the copy otherwise (www/widget/offline.js). The places files are fetched
//   from the network first, kept, and served from the copy when the network fails; all of
//   Germany's places only once the newcomer has used the place field in the app. So is the
//   thesaurus and the stem module of the UI language, once the widget has loaded them; those
//   it loaded before the worker existed are named by app.js and fetched then (keepFetched).

/** [path, sha256] of every file of the app; filled in by the build. */
const PRECACHE = [];
/** A hash of the list: the name of this version's cache. */
const VERSION = 'dev';

const APP_CACHE = `service-finder-app-${VERSION}`;
/** Shared with www/widget/offline.js: the last good copies of the data, with their date. */
const DATA_CACHE = 'service-finder-data';
const FETCHED = 'x-fetched';
/** Kept on install: the directory, the region's places, and how Germany's are split (a few bytes). */
const DATA = ['directory.json', 'places-region.tsv', 'places/splits.json'];
/**
 * Network first, then the last copy: the region's places, the shards of Germany's, and the
 * thesaurus and stem module of the UI language (one of nine and of five; only those the
 * newcomer uses are kept).
 */
const PLACES = /^places-region\.tsv$|^places\/([a-z0-9_]|u[0-9a-f]{4})(-\d+)?\.tsv$|^places\/splits\.json$|^thesaurus\/[a-z-]+\.txt$|^stem\/[a-z]+(\.js|_bg\.wasm)$/;

const scope = new URL('./', self.location.href).href;
const precached = new Set(PRECACHE.map(([path]) => path));

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A response that remembers the day it was fetched (shown by the widget when offline). */
async function dated(response) {
  const headers = new Headers(response.headers);
  headers.set(FETCHED, new Date().toISOString().slice(0, 10));
  return new Response(await response.arrayBuffer(), { status: response.status, headers });
}

async function install() {
  const cache = await caches.open(APP_CACHE);
  await Promise.all(PRECACHE.map(async ([path, hash]) => {
    const response = await fetch(new URL(path, scope), { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    if ((await sha256(bytes)) !== hash) throw new Error(`${path}: not the file of this version`);
    await cache.put(new URL(path, scope), new Response(bytes, { headers: response.headers }));
  }));
  const data = await caches.open(DATA_CACHE);
  for (const path of DATA) {
    const url = new URL(path, scope).href;
    if (await data.match(url)) continue;
    const response = await fetch(url, { cache: 'no-cache' });
    if (response.ok) await data.put(url, await dated(response));
  }
}

async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith('service-finder-app-') && name !== APP_CACHE) await caches.delete(name);
  }
  // The page that registered the worker works offline from now on, without a reload.
  await self.clients.claim();
}

async function fromApp(path, request) {
  const cache = await caches.open(APP_CACHE);
  return (await cache.match(new URL(path, scope).href)) ?? fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request.url, await dated(response.clone()));
      return response;
    }
    return (await cache.match(request.url)) ?? response;
  } catch (error) {
    const copy = await cache.match(request.url);
    if (copy) return copy;
    throw error;
  }
}

/**
 * The data files the page fetched before this worker existed (app.js sends their paths once it
 * is ready): the UI language's thesaurus and stem module, loaded with the first results, and
 * any places looked up. Kept as if they had come through the worker, so that the search works
 * offline as it did online.
 */
async function keepFetched(paths) {
  const wanted = paths.filter((path) => typeof path === 'string' && PLACES.test(path));
  await Promise.all(wanted.map((path) => networkFirst(new Request(new URL(path, scope))).catch(() => {})));
}

self.addEventListener('install', (event) => event.waitUntil(install()));
self.addEventListener('message', (event) => {
  if (Array.isArray(event.data?.keep)) event.waitUntil(keepFetched(event.data.keep));
});
self.addEventListener('activate', (event) => event.waitUntil(activate()));
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  const url = new URL(request.url);
  const path = url.pathname.slice(new URL(scope).pathname.length);
  // The page itself, whatever its query (?offline, the widget's state).
  if (request.mode === 'navigate' && (path === '' || path === 'index.html')) event.respondWith(fromApp('index.html', request));
  else if (PLACES.test(path)) event.respondWith(networkFirst(request));
  else if (precached.has(path) && !url.search) event.respondWith(fromApp(path, request));
  // Anything else, the directory too, goes to the network as without a worker.
});
