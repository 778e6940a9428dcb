// Unit test of berlinToday (www/widget/state.js), in Node: Germany's date written out by its
// one summer-time rule, checked against the IANA time-zone data that Node's Intl carries.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { berlinToday } from '../../www/widget/state.js';

const BERLIN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
const HOUR = 3_600_000;

test('the date in Germany is the time-zone database\'s around every switch to and from summer time, 1996 to 2060', () => {
  let checked = 0;
  for (let year = 1996; year <= 2060; year++) {
    // Every quarter of an hour in the days around the end of March and of October, and around
    // New Year, where the German date runs ahead of UTC's.
    for (const [month, day] of [[2, 24], [9, 24], [11, 30]]) {
      const start = Date.UTC(year, month, day);
      for (let now = start; now < start + 9 * 24 * HOUR; now += HOUR / 4) {
        assert.equal(berlinToday(now), BERLIN.format(now), new Date(now).toISOString());
        checked++;
      }
    }
  }
  assert.ok(checked > 50_000);
});

test('a phone in another time zone gets the German date too', () => {
  // 23:30 UTC on 30 June is already 1 July in Germany (summer time), still 30 June in London.
  assert.equal(berlinToday(Date.UTC(2026, 5, 30, 23, 30)), '2026-07-01');
  // 23:30 UTC on 30 November is 1 December in Germany (winter time, UTC+1).
  assert.equal(berlinToday(Date.UTC(2026, 10, 30, 23, 30)), '2026-12-01');
  assert.equal(berlinToday(Date.UTC(2026, 10, 30, 22, 59)), '2026-11-30');
});
