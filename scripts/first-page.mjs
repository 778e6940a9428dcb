// The first page of results of the bundled directory, computed at build time (issue 16): for
// each UI language, what the widget shows before anything is searched — the directory's info,
// the query and its results — as dist/first-page/<tag>.json. The widget shows it while the
// core's wasm and the whole directory are still downloading, and swaps in the real finder when
// they are there (the same results, so nothing moves). Made by the same core, in Node.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes dist/first-page/<tag>.json for every language and returns the largest size in bytes.
 * @param {string} dist the folder with the built widget (core glue, wasm, directory.json)
 * @param {string} root the repository root (for www/widget/state.js)
 * @param {{tag: string}[]} languages the UI languages
 */
export async function writeFirstPages(dist, root, languages) {
  const core = await import(pathToFileURL(join(dist, 'service-finder-core.js')).href);
  await core.default({ module_or_path: readFileSync(join(dist, 'service-finder-core_bg.wasm')) });
  const { emptyState, toQuery } = await import(pathToFileURL(join(root, 'www/widget/state.js')).href);
  const finder = core.ServiceFinder.fromJson(readFileSync(join(dist, 'directory.json')));
  mkdirSync(join(dist, 'first-page'), { recursive: true });
  const sizes = [];
  for (const { tag } of languages) {
    const query = toQuery(emptyState(), tag);
    const results = finder.search(query);
    // The first page depends on the day (a course that has ended is not shown): it holds from
    // the day it was made to the last day before the cards change, looked for a year ahead.
    // (Facet counts such as "starts soon" may change sooner; the real finder puts them right.)
    const cards = (found) => JSON.stringify({ ...found, facets: undefined });
    const same = cards(results);
    let days = 1;
    while (days <= 366 && cards(finder.search({ ...query, today: shiftedDate(query.today, days) })) === same) days++;
    const text = JSON.stringify({
      query: { ...query, today: undefined },
      from: query.today,
      until: shiftedDate(query.today, days - 1),
      info: finder.info(tag),
      skipped: finder.skippedCount(),
      results,
    });
    writeFileSync(join(dist, 'first-page', `${tag}.json`), text);
    sizes.push(text.length);
  }
  finder.free();
  return Math.max(...sizes);
}

/** YYYY-MM-DD plus `days`. */
function shiftedDate(date, days) {
  const shifted = new Date(`${date}T12:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}
