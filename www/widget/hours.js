// Opening hours, loaded on demand: this file (bundled with hours-view.js into
// dist/service-finder-hours-ui.js) and the hours module (hours/ in Rust,
// dist/service-finder-hours.js and its wasm) are downloaded after the first results, so they
// cost nothing before them.
//
// Its answers are in German time (Europe/Berlin) whatever the device's zone, with the public
// holidays of the county's state for `PH`. Weekdays count from 0 = Monday.

// The module, loaded and instantiated once per page and folder, however many widgets ask.
const modules = new Map();

function loadModule(baseUrl) {
  const folder = new URL('./', baseUrl).href;
  if (!modules.has(folder)) {
    // A path that is not a literal: the bundler leaves the import to the browser, so that the
    // hours module stays a file of its own (as the message catalogs in messages.js).
    const file = new URL('./service-finder-hours.js', folder).href;
    modules.set(folder, import(file).then(async (module) => {
      await module.default({ module_or_path: new URL('./service-finder-hours_bg.wasm', folder) });
      return module;
    }));
  }
  return modules.get(folder);
}

/**
 * Loads the hours module from `baseUrl` (the widget's folder, or any URL in it) and returns the
 * opening hours of the region with the AGS `ags` (a county's key such as "06635"; its first two
 * digits pick the state's holidays, an unknown one means the nationwide holidays only):
 *
 * - `describe(text, nowMs)`: one opening_hours value at the time `nowMs` (as `Date.now()`):
 *   `{ ok: true, status: 'open'|'closed'|'unknown', comment, next: { date, weekday, time, status }
 *   or null, week: [{ date, weekday, holiday, intervals: [{ from, to, status, comment }] } × 7] }`,
 *   or `{ ok: false, error, suggestion }` for a value that cannot be read.
 * - `openSets(texts, nowMs)`: for an array of values (or null) by entry index,
 *   `{ now: [indices open now], days: [[indices open that day] × 7], times: { morning,
 *   afternoon, evening, weekend: [indices] } }` with days[0] = the next Monday counting today
 *   and the times of day over the week ahead; unreadable values appear nowhere.
 *
 * - `at(nowMs, today)`: what the cards use at one minute (see below).
 *
 * Should a call into the module ever fail, it answers like an unreadable value
 * (`{ ok: false, … }`) or with empty sets, so that a card still shows the rest of an entry.
 */
import { statusLine, weekTable } from './hours-view.js';

export async function loadHours(baseUrl, ags) {
  const module = await loadModule(baseUrl);
  const hours = new module.Hours(String(ags ?? ''));
  return {
    describe(text, nowMs) {
      try {
        return JSON.parse(hours.describe(String(text ?? ''), Number(nowMs)));
      } catch (error) {
        return { ok: false, error: String(error), suggestion: null };
      }
    },
    openSets(texts, nowMs) {
      try {
        return JSON.parse(hours.openSets(JSON.stringify(texts.map((text) => (typeof text === 'string' ? text : null))), Number(nowMs)));
      } catch (error) {
        return { now: [], days: [[], [], [], [], [], [], []], times: {}, error: String(error) };
      }
    },
    /**
     * The cards' reader of the hours at the time `nowMs`, on the Berlin date `today`: each
     * value read once (`describe(text)`), and the status line and week table it gives (see
     * hours-view.js).
     */
    at(nowMs, today) {
      const described = new Map();
      return {
        today,
        describe: (text) => {
          if (!described.has(text)) described.set(text, this.describe(text, nowMs));
          return described.get(text);
        },
        statusLine: (description, entry, t, language) => statusLine(description, entry, t, language, today),
        weekTable: (description, t, language) => weekTable(description, t, language, today),
      };
    },
  };
}
