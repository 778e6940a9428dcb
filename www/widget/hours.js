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
 * digits pick the state's holidays, an unknown one means the nationwide holidays only). It
 * returns once the values `texts` (the directory's, as `openSets` takes them) are read, a few
 * per task (see `prepare`):
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
import { WEEK_MS, statusLine, weekSummary, weekTable } from './hours-view.js';

/** How many values `prepare` reads per call into the module, and how long it reads per task. */
const VALUES_PER_CALL = 8;
const SLICE_MS = 10;

/** A weekday with the month's weeks it holds on: "Mo[1,3]", "Fr[-1]". */
const DAY_OF_MONTH = /\b(Mo|Tu|We|Th|Fr|Sa|Su)\[/;

/**
 * How many weeks from now hold each "nth weekday of the month" (1st to 4th, and the last) at
 * least once: six. Five can miss a fourth Wednesday by two days.
 */
const WEEKS_OF_A_MONTH = 6;

export async function loadHours(baseUrl, ags, texts = []) {
  const module = await loadModule(baseUrl);
  const hours = new module.Hours(String(ags ?? ''));
  const answers = {
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
     * Reads the values of `texts` (as `openSets` takes them) ahead of the first `openSets`, a
     * few per task: the module keeps each value it has read, so that `openSets` then only
     * evaluates them. Read in one call, the demo's 150 values were one task of 50 ms on a slow
     * phone, right when the newcomer may start typing. (Reading goes through `openSets` on a
     * handful of values, which evaluates them too: a third of the cost, and no second entry
     * point into the module.)
     */
    async prepare(texts, nowMs) {
      const distinct = [...new Set(texts.filter((text) => typeof text === 'string'))];
      let sliceStart = performance.now();
      for (let start = 0; start < distinct.length; start += VALUES_PER_CALL) {
        this.openSets(distinct.slice(start, start + VALUES_PER_CALL), nowMs);
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setTimeout(resolve));
          sliceStart = performance.now();
        }
      }
    },
    /**
     * The cards' reader of the hours at the time `nowMs`, on the Berlin date `today`: each
     * value read once (`describe(text)`), and the status line and week table it gives; and the
     * summary of a value's week (`weekSummary(text)`, see hours-view.js), over the weeks of a
     * month for hours on days of the month, whose coming week may not show all their days.
     */
    at(nowMs, today) {
      const described = new Map();
      const describe = (text) => {
        if (!described.has(text)) {
          const description = this.describe(text, nowMs);
          // Hours on days of the month ("Mo[1,3]") differ from week to week: the week table
          // then names each day's date.
          if (description?.ok) description.byDate = DAY_OF_MONTH.test(text);
          described.set(text, description);
        }
        return described.get(text);
      };
      return {
        today,
        describe,
        statusLine: (description, entry, t, language) => statusLine(description, entry, t, language, today),
        weekTable: (description, t, language) => weekTable(description, t, language, today),
        weekSummary: (text, t, language) => {
          let description = describe(text);
          if (description?.byDate) {
            const week = [...description.week];
            for (let weeks = 1; weeks < WEEKS_OF_A_MONTH; weeks++) week.push(...(this.describe(text, nowMs + weeks * WEEK_MS).week ?? []));
            description = { ...description, week };
          }
          return weekSummary(description, t, language);
        },
      };
    },
  };
  await answers.prepare(texts, Date.now());
  return answers;
}
