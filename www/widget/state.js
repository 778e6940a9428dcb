// The widget's state: what the newcomer asked for (the text, the filters, the place or position,
// the radius, how many results) and what they opened. Store.set(patch) is the one way to change
// it: it makes a new state object (a Set in it is replaced, never changed in place) and schedules
// one render for everything set in the same task, which learns the names of the fields set.

export const PAGE_SIZE = 20;

export function emptyState() {
  return {
    text: '',
    kinds: new Set(),
    categories: new Set(),
    serviceLanguage: '',
    freeOfCharge: false,
    wheelchair: false,
    /** Course levels and types chosen ("any of"). */
    levels: new Set(),
    courseTypes: new Set(),
    /** Yes/no filters chosen ("all of"): "open-now", "for-women", "childcare", … */
    flags: new Set(),
    /** "Open on" a weekday: its flag ("open-mo" … "open-su"), or ''. */
    openDay: '',
    /** When the opening hours were last evaluated (ms); a new value runs the search again. */
    clock: 0,
    near: null,
    /** null, 'locating', 'active', 'denied', 'unavailable', or 'place' (near a chosen place). */
    locationStatus: null,
    radiusKm: null,
    shown: PAGE_SIZE,
    expanded: new Set(),
    /** Whether the filter panel is open; null until the newcomer opens or closes it. */
    filtersOpen: null,
    /** The place chosen in the place field, { name, postcode }, or null. */
    place: null,
    /** The id of the entry a shared link opened, shown alone; '' for the list. */
    entry: '',
    /** 'list', or 'map': the results on a map as well (see showView in service-finder.js). */
    view: 'list',
  };
}

/** Every field: what a render of the whole widget shows. */
export const EVERY_FIELD = Object.keys(emptyState());

/** Fields that only change what is shown, not the search. */
export const SHOWN_ONLY = ['expanded', 'filtersOpen', 'locationStatus', 'place', 'view'];

/** What "clear filters" sets: no filters, the first page of results, every card closed. */
export function noFilters() {
  const { kinds, categories, serviceLanguage, freeOfCharge, wheelchair, levels, courseTypes, flags, openDay, shown, expanded, entry } = emptyState();
  return { kinds, categories, serviceLanguage, freeOfCharge, wheelchair, levels, courseTypes, flags, openDay, shown, expanded, entry };
}

/** Whether anything but the text narrows the search: a filter, or a radius around a point. */
export function narrowed(state) {
  const sets = [state.kinds, state.categories, state.levels, state.courseTypes, state.flags];
  return sets.some((set) => set.size > 0) || Boolean(state.serviceLanguage || state.openDay)
    || state.freeOfCharge || state.wheelchair || Boolean(state.near && state.radiusKm);
}

/** A copy of `set` with `value` added, or taken out when it was in. */
export function toggled(set, value) {
  const copy = new Set(set);
  if (!copy.delete(value)) copy.add(value);
  return copy;
}

/** The flag set that holds the entry a shared link opened (see the widget's render). */
export const SHARED_ENTRY = 'shared-entry';

/** The core's query for a state, in the UI language. */
export function toQuery(state, language) {
  if (state.entry) return { flags: [SHARED_ENTRY], limit: 1, today: berlinToday(), language };
  return {
    text: state.text,
    kinds: [...state.kinds],
    categories: [...state.categories],
    languages: state.serviceLanguage ? [state.serviceLanguage] : [],
    freeOfCharge: state.freeOfCharge,
    wheelchairAccessible: state.wheelchair,
    levels: [...state.levels],
    courseTypes: [...state.courseTypes],
    flags: [...state.flags, state.openDay].filter(Boolean),
    today: berlinToday(),
    near: state.near ?? undefined,
    radiusKm: state.near && state.radiusKm ? state.radiusKm : undefined,
    // Whoever asks for places near them wants the nearest first, also when typing (the core puts
    // the entries that only mention the words after those that are what was typed).
    sort: state.near ? 'distance' : 'relevance',
    limit: state.shown,
    language,
  };
}

/** The last Sunday of `month` (0 = January) in `year`, 01:00 UTC, in ms since 1970. */
function lastSundayOneAm(year, month) {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * Today's date in Germany, YYYY-MM-DD, whatever the phone's time zone: courses start by the
 * county's calendar.
 *
 * Germany's one rule is written out, as the hours module does (hours/src/berlin.rs): CET
 * (UTC+1), and CEST (UTC+2) from the last Sunday of March to the last Sunday of October, 01:00
 * UTC both. `Intl.DateTimeFormat` with `timeZone: 'Europe/Berlin'` gives the same, but its
 * first use loads time-zone data: 40 to 75 ms on a slow phone, before the first results.
 */
export function berlinToday(now = Date.now()) {
  const year = new Date(now).getUTCFullYear();
  const summer = now >= lastSundayOneAm(year, 2) && now < lastSundayOneAm(year, 9);
  return new Date(now + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}

export class Store {
  /** `render(state, changed)` shows a new state; `changed` is the Set of the fields set. */
  constructor(render) {
    this.render = render;
    this.reset();
  }

  /** Back to the empty state, with nothing left to render. */
  reset() {
    this.state = emptyState();
    this.changed = new Set();
  }

  /** Takes `patch` (a link's state) as the state to start from, before anything is shown. */
  restore(patch) {
    this.state = { ...this.state, ...patch };
  }

  set(patch) {
    if (!this.changed.size) queueMicrotask(() => this.flush());
    this.state = { ...this.state, ...patch };
    for (const field of Object.keys(patch)) this.changed.add(field);
  }

  flush() {
    const changed = this.changed;
    this.changed = new Set();
    if (changed.size) this.render(this.state, changed);
  }
}
