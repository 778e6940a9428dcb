// Opening hours as a newcomer reads them: the status line and the week in the UI language, the
// public holidays of the directory's Bundesland (Hessen, from the region's AGS), Germany's
// time, and the "open now" / "open on" filters with their counts. The clock is fixed with
// Playwright's clock, and tests/fixtures/opening-hours.json has entries whose state at each of
// these moments is known by hand.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, TEST_OPTIONS, assertClean, cardsLocator, msg, trailingCount, until, useBrowser, waitForCount, withWidget } from './support.mjs';

const env = useBrowser();
const FIXTURE = '/test/opening-hours.json';

/** Fronleichnam 2026: a public holiday in Hessen (Thursday), 10:00 in Germany (CEST). */
const CORPUS_CHRISTI_10 = '2026-06-04T10:00:00+02:00';
/** Buß- und Bettag 2026: a public holiday in Saxony only (Wednesday), 10:00 in Germany (CET). */
const REPENTANCE_DAY_10 = '2026-11-18T10:00:00+01:00';

/** A widget page with the fixture, its clock fixed at `time`, in `lang`, on a phone. */
function fixturePage(time, lang = 'de', extra = {}) {
  return {
    path: '/e2e/blank.html',
    html: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Opening hours</title></head><body><script type="module" src="/service-finder/service-finder.js"></script>
      <service-finder src="${FIXTURE}" lang="${lang}" fixed-language></service-finder></body></html>`,
    contextOptions: { locale: lang === 'ar' ? 'ar-SY' : lang === 'uk' ? 'uk-UA' : 'de-DE', viewport: { width: 375, height: 667 }, ...extra },
    setup: async ({ context }) => {
      await context.clock.setFixedTime(new Date(time));
    },
  };
}

/**
 * Opens the filter panel (it starts folded on a phone) and waits until the opening-hours
 * module has read the hours: the "open now" chip is there.
 */
async function openNowChip(widget, lang) {
  const panel = widget.locator('details.sf-filter-panel');
  if (!(await panel.evaluate((details) => details.open))) await panel.locator('summary').click();
  const chip = widget.getByRole('button', { name: new RegExp(`^${msg(lang, 'flag.open-now')}`) });
  await chip.waitFor({ state: 'attached' });
  return chip;
}

function card(widget, id) {
  return widget.locator(`li > article[data-entry="${id}"]`);
}

test('"open now" on a Hessian public holiday counts only what opens on holidays', TEST_OPTIONS, async () => {
  await withWidget(env, fixturePage(CORPUS_CHRISTI_10), async ({ widget, records }) => {
    const chip = await openNowChip(widget, 'de');
    // weekdays (no "PH off") and the 24/7 hotline; not the one closed for now, not the one
    // whose hours cannot be read.
    assert.equal(trailingCount(await chip.textContent()), 2);
    await chip.click();
    await waitForCount(widget, 'de', (count) => count === 2, 'two results open now');
    const ids = await cardsLocator(widget).evaluateAll((cards) => cards.map((card) => card.dataset.entry).sort());
    assert.deepEqual(ids, ['always', 'weekdays']);
    // "Open on Saturday": the Saturday group and the hotline.
    await chip.click();
    const day = widget.getByLabel(msg('de', 'filters.open_on'));
    const saturday = await day.locator('option[value="open-sa"]').textContent();
    assert.equal(trailingCount(saturday), 2, saturday);
    // Today (Thursday) and tomorrow are named so; other days by their name alone.
    const label = async (value) => (await day.locator(`option[value="${value}"]`).textContent()).replace(/ \(\d+\)$/, '');
    assert.equal(await label('open-th'), msg('de', 'hours.day_today', { day: 'Donnerstag' }));
    assert.equal(await label('open-fr'), msg('de', 'hours.day_tomorrow', { day: 'Freitag' }));
    assert.equal(await label('open-sa'), 'Samstag');
    assertClean(records);
  });
});

test('a holiday of another Bundesland is a working day in Hessen', TEST_OPTIONS, async () => {
  await withWidget(env, fixturePage(REPENTANCE_DAY_10), async ({ widget, records }) => {
    const chip = await openNowChip(widget, 'de');
    assert.equal(trailingCount(await chip.textContent()), 3, 'weekdays with and without PH off, and 24/7');
    assertClean(records);
  });
});

for (const lang of ['de', 'ar', 'uk']) {
  test(`a card's status line and week table in ${lang}, with the holiday marked`, TEST_OPTIONS, async () => {
    await withWidget(env, fixturePage(CORPUS_CHRISTI_10, lang), async ({ widget, records }) => {
      await openNowChip(widget, lang);
      const weekdays = card(widget, 'weekdays-ph-off');
      const weekday = (day) => new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day)));
      const time = (hours, minutes) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })
        .format(new Date(Date.UTC(2024, 0, 1, hours, minutes)));
      // Closed today (the holiday), open again on Friday at 8:30.
      const when = msg(lang, 'hours.day_at', { day: weekday(4), time: time(8, 30) });
      const status = weekdays.locator('[data-part="hours-status"]');
      await until(() => status.textContent(), (text) => text === msg(lang, 'hours.closed_opens', { when }), 'the status line');
      // The raw OSM syntax is not shown any more.
      assert.ok(!(await weekdays.textContent()).includes('PH off'));
      await weekdays.locator('h3 button').click();
      const rows = weekdays.locator('[data-part="week"] tbody tr');
      assert.equal(await rows.count(), 7);
      const today = rows.first();
      assert.equal(await today.getAttribute('aria-current'), 'date');
      assert.equal((await today.locator('th').textContent()).trim(), `${weekday(3)} ${msg(lang, 'hours.holiday')}`);
      assert.equal((await today.locator('td').textContent()).trim(), msg(lang, 'hours.day_closed'));
      const friday = rows.nth(1);
      assert.equal((await friday.locator('th').textContent()).trim(), weekday(4));
      // Isolated left to right, so that a right-to-left row keeps from–to in order.
      assert.equal((await friday.locator('td').textContent()).trim(), `\u2066${time(8, 30)}–${time(12, 45)}\u2069`);
      // The 24/7 hotline is open, with no end in sight.
      const always = card(widget, 'always');
      assert.equal((await always.locator('[data-part="hours-status"]').textContent()).trim(), msg(lang, 'hours.open'));
      assertClean(records);
    });
  });
}

test('hours that cannot be read, a closure and appointments say so in words', TEST_OPTIONS, async () => {
  await withWidget(env, fixturePage('2026-06-11T15:00:00+02:00'), async ({ widget, records }) => {
    const chip = await openNowChip(widget, 'de');
    // An ordinary Thursday afternoon: the Thursday consultation and the hotline.
    assert.equal(trailingCount(await chip.textContent()), 2);
    const thursday = card(widget, 'thursday-afternoon');
    assert.equal(
      (await thursday.locator('[data-part="hours-status"]').textContent()).trim(),
      msg('de', 'hours.open_until', { time: '16:00' }),
    );
    const unreadable = card(widget, 'unreadable');
    assert.equal(await unreadable.locator('[data-part="hours-status"]').count(), 0);
    assert.match(await unreadable.textContent(), /Mo\.–Fr\. 9–12 Uhr/, 'shown as written');
    const closed = card(widget, 'closed-for-now');
    assert.equal(
      (await closed.locator('[data-part="status"] strong').textContent()).trim(),
      msg('de', 'card.status.closed_until', { date: new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, 0, 15))) }),
    );
    assert.equal(await closed.locator('[data-part="hours-status"]').count(), 0, 'no "open" for a closed entry');
    assertClean(records);
  });
});

test('the hours module loads only after the first results are shown', TEST_OPTIONS, async () => {
  const statesAtRequest = [];
  await withWidget(env, {
    ...fixturePage(CORPUS_CHRISTI_10),
    setup: async ({ page, context }) => {
      await context.clock.setFixedTime(new Date(CORPUS_CHRISTI_10));
      await page.route(/service-finder-hours/, async (route) => {
        statesAtRequest.push(await page.locator('service-finder').getAttribute('data-state'));
        await route.continue();
      });
    },
  }, async ({ widget, records }) => {
    await openNowChip(widget, 'de');
    assert.ok(statesAtRequest.length >= 1, 'the hours module was requested');
    assert.deepEqual([...new Set(statesAtRequest)], ['ready'], 'requested only once the results were there');
    assertClean(records);
  });
});

test('until the hours module is there a card says "…", not "Mo-Fr 08:30-12:45"; without the module it gives the hours as written', TEST_OPTIONS, async () => {
  const arabic = fixturePage(CORPUS_CHRISTI_10, 'ar');
  const hoursLine = (widget) => card(widget, 'weekdays').locator('[data-part^="hours"]');
  // The module's files wait until the cards have been looked at.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await withWidget(env, {
    ...arabic,
    setup: async (session) => {
      await arabic.setup(session);
      await session.page.route(/service-finder-hours/, async (route) => {
        await held;
        await route.continue();
      });
    },
  }, async ({ widget, records }) => {
    assert.equal(await hoursLine(widget).textContent(), msg('ar', 'card.hours', { hours: '…' }));
    release();
    // Then the status in Arabic, in the same place.
    await until(() => hoursLine(widget).getAttribute('data-part'), (part) => part === 'hours-status', 'the status line');
    assert.doesNotMatch(await card(widget, 'weekdays').textContent(), /Mo-Fr|…/);
    assertClean(records);
  });
  // A module that cannot be loaded: the value as written is better than nothing.
  await withWidget(env, {
    ...arabic,
    setup: async (session) => {
      await arabic.setup(session);
      await session.page.route(/service-finder-hours/, (route) => route.abort('internetdisconnected'));
    },
  }, async ({ widget, records }) => {
    const written = msg('ar', 'card.hours', { hours: 'Mo-Fr 08:30-12:45' });
    await until(() => hoursLine(widget).textContent(), (text) => text === written, 'the hours as written');
    // The module cut off, and the browser's own line about it, are all that went wrong.
    assert.deepEqual(records.failedRequests.map((failure) => new URL(failure.split(': ')[0]).pathname), ['/service-finder/service-finder-hours.js']);
    assert.deepEqual(records.consoleErrors, ['error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    records.failedRequests.length = 0;
    records.consoleErrors.length = 0;
    assertClean(records);
  });
});

test('a course that has not started yet is never "open now": its card gives its lesson times, readable', TEST_OPTIONS, async () => {
  // Thursday 3 December 2026, 10:00: the women's course in Korbach (Mo–Th 08:30–12:45, since
  // September) is in class; the one in Frankenberg (Mo–Th 09:00–12:15) starts on 15 February.
  const page = fixturePage('2026-12-03T10:00:00+01:00');
  await withWidget(env, { contextOptions: page.contextOptions, setup: page.setup }, async ({ widget, records }) => {
    await widget.getByLabel(msg('de', 'search.label')).fill('Integrationskurs für Frauen');
    const running = card(widget, 'wf-course-003');
    const later = card(widget, 'wf-course-014');
    await running.locator('[data-part="hours-status"]').waitFor();
    assert.equal(await running.locator('[data-part="hours-status"]').textContent(), msg('de', 'hours.open_until', { time: '12:45' }));
    assert.equal(await later.locator('[data-part="hours-status"]').count(), 0, 'a status for a course that has not started');
    // Its days and times in the UI language, as other cards' hours, not "Mo-Th 09:00-12:15".
    const readable = msg('de', 'card.hours', { hours: 'Montag–Donnerstag \u20669:00–12:15\u2069' });
    assert.equal(await later.locator('[data-part="hours-text"]').textContent(), readable);
    // The filter agrees with the cards.
    await (await openNowChip(widget, 'de')).click();
    await later.waitFor({ state: 'detached' });
    assert.equal(await running.count(), 1);
    assertClean(records);
  });
  // In Persian, right to left: the weekdays in Persian, from–to with "تا" (read right to left,
  // the start first), not a dash isolated left to right.
  const persian = {
    path: '/e2e/blank.html',
    html: '<!doctype html><html lang="fa"><head><meta charset="utf-8"><title>ساعات</title></head><body><script type="module" src="/service-finder/service-finder.js"></script><service-finder lang="fa" fixed-language></service-finder></body></html>',
    contextOptions: { ...page.contextOptions, locale: 'fa-IR' },
    setup: page.setup,
  };
  await withWidget(env, persian, async ({ widget, records }) => {
    await widget.getByLabel(msg('fa', 'search.label')).fill('Integrationskurs für Frauen');
    const later = card(widget, 'wf-course-014');
    const weekday = (day) => new Intl.DateTimeFormat('fa', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day)));
    const time = (hours, minutes) => new Intl.DateTimeFormat('fa', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1, hours, minutes)));
    const expected = msg('fa', 'card.hours', { hours: `${weekday(0)}–${weekday(3)} ${time(9, 0)} تا ${time(12, 15)}` });
    await until(() => later.locator('[data-part="hours-text"]').textContent(), (text) => text === expected, `the Persian lesson times ${expected}`);
    assertClean(records);
  });
});

for (const lang of ['de', 'ar', 'uk']) {
  test(`hours on days of the month (1st and 3rd Monday) name the next such day with its date, in ${lang}`, TEST_OPTIONS, async () => {
    // The fixture with a parents' café on the first and third Monday of each month, as the
    // importer reads "jeden 1. und 3. Montag im Monat 10–12 Uhr".
    const directory = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/opening-hours.json'), 'utf8'));
    directory.entries.push({ id: 'monthly', kind: 'association', name: 'Elterncafé', service_area: { scope: 'region' }, schedule: { opening_hours: 'Mo[1,3] 10:00-12:00' } });
    // Closed for now, so that its card gives the hours in a line without a status: on the
    // first Wednesday, and the second and last Friday, which the coming week does not all hold.
    directory.entries.push({
      id: 'monthly-closed', kind: 'association', name: 'Nähtreff', service_area: { scope: 'region' },
      status: 'temporarily closed', status_until: '2027-01-15', schedule: { opening_hours: 'We[1] 16:00-18:00, Fr[2] 09:00-11:00, Fr[-1] 14:00-16:00' },
    });
    // Tuesday 8 December 2026, the day after the first Monday: the third is the 21st, 13 days on.
    // On the narrowest phones (320 px), where the dated day names take most of the row.
    const page = fixturePage('2026-12-08T10:00:00+01:00', lang, { viewport: { width: 320, height: 640 } });
    page.html = page.html.replace(FIXTURE, '/test/monthly-hours.json');
    const setup = page.setup;
    page.setup = async (session) => {
      await setup(session);
      await session.context.route('**/test/monthly-hours.json', (route) => route.fulfill({ json: directory }));
    };
    await withWidget(env, page, async ({ widget, records }) => {
      await openNowChip(widget, lang);
      const time = (hours) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })
        .format(new Date(Date.UTC(2024, 0, 1, hours, 0)));
      const monthly = card(widget, 'monthly').locator('[data-part="hours-status"]');
      const monday21 = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC', calendar: 'gregory' })
        .format(new Date(Date.UTC(2026, 11, 21)));
      const when = msg(lang, 'hours.day_at', { day: monday21, time: time(10) });
      await until(() => monthly.textContent(), (text) => text === msg(lang, 'hours.closed_opens', { when }), 'the monthly status line');
      assert.match(monday21, /21|٢١/, 'the date is in the line');
      // The week table names each day's date, as the hours differ from week to week: the
      // second Monday, the 14th, is closed.
      await card(widget, 'monthly').locator('h3 button').click();
      const rows = card(widget, 'monthly').locator('[data-part="week"] tbody tr');
      assert.equal(await rows.count(), 7);
      const monday14 = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC', calendar: 'gregory' })
        .format(new Date(Date.UTC(2026, 11, 14)));
      assert.equal((await rows.nth(6).locator('th').textContent()).trim(), monday14);
      assert.equal((await rows.nth(6).locator('td').textContent()).trim(), msg(lang, 'hours.day_closed'));
      // The longer day names do not squeeze "closed" into pieces ("geschlosse-n" at 375 px):
      // each day's times keep their words whole, on one line.
      const lineCounts = await rows.locator('td').evaluateAll((cells) => cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      }));
      assert.deepEqual(lineCounts, [1, 1, 1, 1, 1, 1, 1]);
      // Closed for now: the days of the month without a status, each weekday with all its
      // times and "not every week", not just the days of the coming week (Friday the 11th, the
      // second). Before, the line read "Friday 9:00–11:00", as if every Friday.
      const weekday = (day) => new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day)));
      const range = (from, to) => `\u2066${msg(lang, 'hours.range', { from: time(from), to: time(to) })}\u2069`;
      const and = new Intl.ListFormat(lang, { type: 'conjunction' }).format([range(9, 11), range(14, 16)]);
      const line = `${weekday(2)} ${range(16, 18)}${msg(lang, 'separator')}${weekday(4)} ${and}`;
      assert.equal(
        await card(widget, 'monthly-closed').locator('[data-part="hours-text"]').textContent(),
        msg(lang, 'card.hours', { hours: msg(lang, 'hours.not_every_week', { hours: line }) }),
      );
      // Within the week, the weekday alone says which day: Saturday the 12th.
      const saturday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 6)));
      assert.equal(
        (await card(widget, 'saturday').locator('[data-part="hours-status"]').textContent()).trim(),
        msg(lang, 'hours.closed_opens', { when: msg(lang, 'hours.day_at', { day: saturday, time: time(10) }) }),
      );
      assertClean(records);
    });
  });
}
