// The search in a link: the text, the filters, a chosen place and radius, the UI language, the
// cards opened and a shared entry, written into the fragment of the page's URL (`#q=Beratung&
// topic=health&lang=ar`) and read back from it. The app page (dist/index.html) keeps its state
// there, so that a reload, the back button and a shared link give the same list; an embedded
// widget does so only when the webmaster opts in (the `url-state` attribute), so that it never
// fights the county's CMS over its URL.
//
// The fragment, not the query: it never reaches a server, so a shared search stays out of the
// web server's logs. A position from "use my location" is never written: a shared link must not
// tell where the newcomer is (a place chosen in the place field is written, with its point).

import { DAYS, GROUPS, KINDS, RADII_KM } from './choices.js';
import LANGUAGES from './languages.js';

/** Set fields and the parameter each is written to (repeated for each value). */
const SETS = [['kinds', 'kind'], ['categories', 'topic'], ['levels', 'level'], ['courseTypes', 'type'], ['flags', 'flag'], ['expanded', 'open']];

/** The page the share links open: the app page beside the widget's files. */
export const APP_URL = new URL('./', import.meta.url).href;

/**
 * The fragment (without '#') for `state` in `language`; parameters in a fixed order, so that the
 * same search always gives the same link.
 */
export function stateToFragment(state, language) {
  // A shared entry is shown alone, whatever else the state holds.
  if (state.entry) return new URLSearchParams({ entry: state.entry, lang: language }).toString();
  const params = new URLSearchParams();
  if (state.text.trim()) params.set('q', state.text);
  for (const [field, name] of SETS) for (const value of [...state[field]].sort()) params.append(name, value);
  if (state.serviceLanguage) params.set('in', state.serviceLanguage);
  if (state.freeOfCharge) params.set('free', '1');
  if (state.wheelchair) params.set('wheelchair', '1');
  if (state.openDay) params.set('day', state.openDay.slice(5));
  if (state.locationStatus === 'place' && state.place && state.near) {
    params.set('place', state.place.name);
    if (state.place.postcode) params.set('postcode', state.place.postcode);
    params.set('at', `${state.near.latitude.toFixed(5)},${state.near.longitude.toFixed(5)}`);
  }
  if (state.radiusKm && state.near && state.locationStatus === 'place') params.set('km', String(state.radiusKm));
  if (state.view === 'map') params.set('view', 'map');
  params.set('lang', language);
  return params.toString();
}

/** A link that opens the app page with `state` (see stateToFragment). */
export function shareUrl(state, language) {
  return `${APP_URL}#${stateToFragment(state, language)}`;
}

/** A link that opens the app page showing one entry, in `language`. */
export function entryUrl(id, language) {
  return shareUrl({ entry: id }, language);
}

/**
 * What a fragment asks for: a patch for the store and the UI language (or null). Values the
 * directory does not know are left out, so that an old or mistyped link still gives results
 * rather than an empty list with no chip to undo it.
 *
 * @param {string} fragment the URL's fragment, with or without '#'
 * @param {{categories: {id: string}[]}} info the directory (ServiceFinder.info)
 */
export function fragmentToState(fragment, info) {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const known = {
    kinds: KINDS,
    categories: info.categories.map((category) => category.id),
    levels: GROUPS.find(([, field]) => field === 'levels')[3],
    courseTypes: GROUPS.find(([, field]) => field === 'courseTypes')[3],
    flags: GROUPS.filter(([, field]) => field === 'flags').flatMap((group) => group[3]),
  };
  const patch = { text: params.get('q') ?? '' };
  for (const [field, name] of SETS) {
    const values = params.getAll(name);
    patch[field] = new Set(known[field] ? values.filter((value) => known[field].includes(value)) : values);
  }
  patch.serviceLanguage = params.get('in') ?? '';
  patch.freeOfCharge = params.get('free') === '1';
  patch.wheelchair = params.get('wheelchair') === '1';
  const day = params.get('day');
  patch.openDay = DAYS.includes(day) ? `open-${day}` : '';
  const [latitude, longitude] = (params.get('at') ?? '').split(',').map(Number);
  const place = params.get('place');
  if (place && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
    patch.place = { name: place, postcode: params.get('postcode') ?? '' };
    patch.near = { latitude, longitude };
    patch.locationStatus = 'place';
    const km = Number(params.get('km'));
    patch.radiusKm = RADII_KM.includes(km) ? km : null;
  } else {
    Object.assign(patch, { place: null, near: null, locationStatus: null, radiusKm: null });
  }
  patch.view = params.get('view') === 'map' ? 'map' : 'list';
  patch.entry = params.get('entry') ?? '';
  // A shared entry is shown open.
  if (patch.entry) patch.expanded = new Set([...patch.expanded, patch.entry]);
  return { patch, language: fragmentLanguage(fragment) };
}

/** The UI language a fragment names, or null when it names none the widget has. */
export function fragmentLanguage(fragment) {
  const tag = new URLSearchParams(fragment.replace(/^#/, '')).get('lang');
  return LANGUAGES.some((language) => language.tag === tag) ? tag : null;
}
