// The values the filters and the radius offer: shared by the filter panel, the search form and
// the state in the URL (url-state.js, a file of its own, which checks a link against them).

/** The kinds of entry, in the order of their chips. */
export const KINDS = ['service', 'course', 'association'];
/** The weekdays of the "open on" filter, Monday first. */
export const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/**
 * Chip groups beyond kind and topic: the legend's message, the state field and the facet they
 * use, and their values in order. Flags narrow together; levels and types are "any of".
 */
export const GROUPS = [
  ['filters.open', 'flags', 'flags', ['open-now']],
  ['filters.for', 'flags', 'flags', ['for-children', 'for-women']],
  ['filters.level', 'levels', 'levels', ['literacy', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']],
  ['filters.course_type', 'courseTypes', 'courseTypes', ['integration', 'women', 'parents', 'youth', 'literacy', 'intensive', 'job_related', 'other']],
  ['filters.start', 'flags', 'flags', ['running', 'starts-soon', 'starts-later']],
  ['filters.time', 'flags', 'flags', ['morning', 'afternoon', 'evening', 'weekend']],
  ['filters.course', 'flags', 'flags', ['childcare', 'free-places']],
];

/** The radii the search form offers, in km ("any" besides). */
export const RADII_KM = [5, 10, 25, 50];
