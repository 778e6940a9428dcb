// axe-core with the WCAG 2.1 A and AA rules finds nothing, in the states a newcomer sees.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  KORBACH,
  TEST_OPTIONS,
  cardsLocator,
  describeViolations,
  msg,
  runAxe,
  useBrowser,
  waitForCount,
  withWidget,
} from './support.mjs';

const env = useBrowser();

/** Runs axe on the widget and asserts no violation, and that axe looked inside the shadow root. */
async function assertAccessible(page, what, selector = 'service-finder') {
  const results = await runAxe(page, selector);
  assert.deepEqual(describeViolations(results), [], `axe violations (WCAG 2.1 A/AA) ${what}`);
  // A shadow-DOM node's target is a list of selectors (host, then inside); make sure axe saw some,
  // so that "no violations" is not "nothing checked".
  const nodes = [...results.passes, ...results.incomplete].flatMap((rule) => rule.nodes);
  assert.ok(
    nodes.some((node) => Array.isArray(node.target[0])),
    `axe checked nothing inside the widget's shadow root ${what}`,
  );
  return results;
}

test('axe: no WCAG 2.1 A/AA violations in the default state', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    await cardsLocator(session.widget).first().waitFor();
    await assertAccessible(session.page, 'in the default state');
  });
});

test('axe: no WCAG 2.1 A/AA violations with a card expanded', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    const card = cardsLocator(widget).first();
    await card.locator('h3 button').click();
    await card.locator('h3 button[aria-expanded="true"]').waitFor();
    await assertAccessible(page, 'with a card expanded');
  });
});

test('axe: no WCAG 2.1 A/AA violations with filters, a position and distances, in English', TEST_OPTIONS, async () => {
  await withWidget(env, { contextOptions: { geolocation: KORBACH, permissions: ['geolocation'] } }, async (session) => {
    const { page, widget } = session;
    await widget.getByLabel(msg('de', 'ui.language'), { exact: true }).selectOption('en');
    await widget.getByRole('button', { name: msg('en', 'location.use') }).click();
    await widget.getByRole('button', { name: msg('en', 'location.stop') }).waitFor();
    await widget
      .getByRole('group', { name: msg('en', 'filters.kind') })
      .getByRole('button', { name: new RegExp(`^${msg('en', 'kind.course')}`) })
      .click();
    await widget.getByLabel(msg('en', 'filters.free')).check();
    await waitForCount(widget, 'en', (n) => n > 0, 'results');
    await assertAccessible(page, 'with filters and a position in English');
  });
});

test('axe: no WCAG 2.1 A/AA violations in the empty state and with the location denied', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    const { page, widget } = session;
    await widget.getByRole('button', { name: msg('de', 'location.use') }).click();
    await widget.getByText(msg('de', 'location.denied')).first().waitFor();
    await widget.getByLabel(msg('de', 'search.label')).fill('xqzjvw');
    await widget.getByText(msg('de', 'results.empty')).first().waitFor();
    await assertAccessible(page, 'in the empty state');
  });
});

test('axe: no WCAG 2.1 A/AA violations on the whole demo page', TEST_OPTIONS, async () => {
  await withWidget(env, async (session) => {
    await cardsLocator(session.widget).first().waitFor();
    await assertAccessible(session.page, 'on the demo page', null);
  });
});

test('axe: no WCAG 2.1 A/AA violations at 375 px', TEST_OPTIONS, async () => {
  const contextOptions = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  await withWidget(env, { contextOptions }, async (session) => {
    await cardsLocator(session.widget).first().waitFor();
    await assertAccessible(session.page, 'at 375 px');
  });
});
