// The widget's number and distance formats (www/widget/format.js), in Node: they use Intl only.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatDistance } from '../../www/widget/format.js';

test('distances in the UI language: metres under 1 km, one decimal under 10 km, a space before the unit', () => {
  assert.equal(formatDistance('de', 114), '110 m');
  assert.equal(formatDistance('de', 1234), '1,2 km');
  assert.equal(formatDistance('de', 12_345), '12 km');
  // Persian's short unit joins the number ("۱۱۰متر"); a no-break space keeps them apart.
  assert.equal(formatDistance('fa', 114), '۱۱۰\u00a0متر');
  assert.doesNotMatch(formatDistance('fa', 1234), /\p{Nd}\p{L}/u);
  assert.doesNotMatch(formatDistance('ar', 114), /\p{Nd}\p{L}/u);
});
