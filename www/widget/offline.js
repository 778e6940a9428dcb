// The directory's last good copy, for the app page only (www/app/, dist/index.html): there our
// service worker controls the page, because the newcomer asked to keep the finder for offline
// use. On a county's own page no worker of ours can control it (its scope is /service-finder/),
// so there nothing is ever read from or written to the device.
//
// The worker cannot tell a good directory from a broken one; the core can. So the widget keeps
// the bytes only after the core has read them with at least one valid entry, and when the
// network fails, or an update is not a directory or has no valid entry, it shows the last good
// copy instead, with the date it was fetched (see header.js). www/app/sw.js reads and writes the
// same cache: it puts the copy there when it installs.

import { ServiceFinder } from './core.js';

/** The cache of the data (the worker's DATA_CACHE), and the header with a copy's date. */
const CACHE = 'service-finder-data';
const FETCHED = 'x-fetched';

/**
 * The finder for `bytes` (or the Error of a download that failed) and, when it had to use the
 * last good copy, that copy's date (an ISO date). Without a good copy the widget shows what it
 * shows on any page: the error, or the directory's problems.
 */
export async function appFinder(url, bytes, language) {
  let finder = null;
  let failure = bytes instanceof Error ? bytes : null;
  if (!failure) {
    try {
      finder = ServiceFinder.fromJson(bytes);
    } catch (error) {
      failure = error;
    }
  }
  const cache = await caches.open(CACHE);
  if (finder?.info(language).entryCount > 0) {
    const copy = new Response(bytes, { headers: { [FETCHED]: new Date().toISOString().slice(0, 10) } });
    await cache.put(url, copy).catch(() => {});
    return { finder };
  }
  const copy = await cache.match(url);
  if (!copy) {
    if (failure) throw failure;
    return { finder };
  }
  finder?.free();
  return { finder: ServiceFinder.fromJson(await copy.arrayBuffer()), asOf: copy.headers.get(FETCHED) };
}
