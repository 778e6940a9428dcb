// Nationwide as static files (issue 16; README "Nationwide as static files"): with the
// `nationwide` attribute, a county's widget reaches beyond its own directory through files that
// `service-finder nationwide` published on any web server or CDN:
// - a radius around a place or the newcomer's location that reaches into other districts loads
//   those districts' directories (by the bounding boxes in index.json), shown with the own;
// - "search all of Germany" looks the words up in the term index (one shard per word, split by
//   the first letters as Pagefind does), which says which districts have them, and loads the
//   nearest few of those. The widget's own engine then ranks their entries as it ranks the own.
// Imported after the first results (a bundle of its own), only where the attribute is set.

import { el } from './dom.js';

/** The `format` of index.json this reader knows. */
const FORMAT = 'service-finder nationwide 1';

/** Without a radius, a place searched near loads the districts this close to it. */
const PLACE_KM = 10;

/** A nationwide search loads districts until they hold this many matching entries... */
const WANTED_ENTRIES = 20;
/** ...but never more than this many districts at once. */
const MOST_DISTRICTS = 3;

/**
 * Reads the entry file (revalidated with the server on every visit: the one file whose content
 * changes under its name) and returns the publication it describes. `words(text)` gives the
 * words a search looks up, folded as the index folds them (the core's ServiceFinder.searchWords).
 */
export async function openNationwide(url, { words, signal }) {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const index = await response.json();
  if (index?.format !== FORMAT) throw new Error(`${url}: not a nationwide index of the format "${FORMAT}"`);
  if (!Array.isArray(index.districts) || !Array.isArray(index.shards) || typeof index.terms !== 'string' || !Number.isInteger(index.shardChars)) {
    throw new Error(`${url}: "districts", "shards", "terms" or "shardChars" is missing or not what the format says`);
  }
  return new Nationwide(response.url || String(url), { ...index, districts: usableDistricts(url, index.districts) }, words);
}

/**
 * The districts of index.json that can be used: each needs its AGS (5 digits), the hash in its
 * file's name, its entry count and its bounding box. Any other is left out with a warning that
 * names it, so that one bad line costs only its district. (A term shard numbers the districts
 * as listed, so the list keeps its places: a district left out is a gap.)
 */
function usableDistricts(url, districts) {
  return districts.map((district, number) => {
    const { ags, hash, entries, bbox } = district ?? {};
    const usable = /^\d{5}$/.test(ags) && /^[0-9a-f]+$/.test(hash) && Number.isInteger(entries) && entries >= 0
      && Array.isArray(bbox) && bbox.length === 4 && bbox.every(Number.isFinite);
    if (usable) return { ...district, name: typeof district.name === 'string' ? district.name : ags };
    console.warn(`service-finder: ${url}: district ${number + 1} (${JSON.stringify(ags ?? null)}) is left out: it needs "ags" (5 digits), "hash", "entries" and "bbox" [south, west, north, east].`);
    return null;
  });
}

class Nationwide {
  constructor(url, index, words) {
    this.words = words;
    /** By their numbers in the term shards; null where index.json's district was not usable. */
    this.districts = index.districts.map((district, number) => district && { ...district, number, url: new URL(`districts/${district.ags}.${district.hash}.json`, url).href });
    this.usable = this.districts.filter(Boolean);
    this.shardChars = index.shardChars;
    this.shardKeys = new Set(index.shards);
    this.termsUrl = new URL(index.terms, url);
    /** Shard key → promise of its terms (term → Map of district number → entry count). */
    this.shards = new Map();
  }

  /** The district of `ags`, if the publication has it. */
  district(ags) {
    return this.usable.find((district) => district.ags === ags);
  }

  /** The districts with an entry within `radiusKm` of `centre` (by their entries' bounding box). */
  within(centre, radiusKm) {
    return this.usable.filter((district) => boxDistanceKm(district.bbox, centre) <= radiusKm);
  }

  /**
   * The districts that have every word of `text`, nearest to `centre` first, each with an
   * estimate of its matching entries (the fewest of any word's), and how many districts in
   * all. A word also counts as found by the other words of its concepts in `thesaurus` (the
   * UI language's, as the widget loaded it: "مترجم" is also "Dolmetscher" and "Sprachmittler",
   * as in the core's search). The last word also matches as the start of a longer one (the
   * newcomer may still be typing), and a word of 5 letters or more that no district has is
   * looked up with one letter wrong, left out, added or swapped.
   */
  async having(text, centre, signal, thesaurus = null) {
    const words = this.words(text).split(' ').filter(Boolean);
    if (words.length === 0) return { districts: [], total: 0 };
    const perWord = await Promise.all(words.map(async (word, index) => {
      const last = index === words.length - 1;
      const counts = new Map();
      const alternatives = [word, ...this.otherWords(word, last, thesaurus)];
      // All the shards at once; each is fetched once however many words need it.
      const shards = await Promise.all(alternatives.map((alternative) => this.shard(shardKey(alternative, this.shardChars), signal)));
      for (const [position, alternative] of alternatives.entries()) {
        const terms = shards[position];
        let matched = [...terms.keys()].filter((term) => term === alternative || (last && alternative === word && term.startsWith(word)));
        if (matched.length === 0 && alternative === word && [...word].length >= 5) matched = [...terms.keys()].filter((term) => withinOneEdit(word, term));
        for (const term of matched) {
          for (const [district, count] of terms.get(term)) counts.set(district, (counts.get(district) ?? 0) + count);
        }
      }
      return counts;
    }));
    const found = [];
    for (const [number] of perWord[0]) {
      const counts = perWord.map((counts) => counts.get(number));
      const district = this.districts[number];
      if (!district || counts.some((count) => count === undefined)) continue;
      found.push({ district, entries: Math.min(district.entries, ...counts), distanceKm: centre ? boxDistanceKm(district.bbox, centre) : 0 });
    }
    found.sort((a, b) => a.distanceKm - b.distanceKm || b.entries - a.entries || a.district.number - b.district.number);
    return { districts: found, total: found.length };
  }

  /**
   * The one-word phrases of the concepts `word` names in the thesaurus text (its one-word
   * phrases; the last word also as the start of one of four letters or more), folded as the
   * core folds them. The thesaurus is read once, when first needed.
   */
  otherWords(word, last, thesaurus) {
    if (!thesaurus) return [];
    if (this.concepts?.text !== thesaurus) {
      // Concept number → its one-word phrases; and each such phrase → its concepts.
      const phrases = [];
      const byWord = new Map();
      for (const line of thesaurus.split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        const words = line.split('\t').map((phrase) => this.words(phrase)).filter((phrase) => phrase && !phrase.includes(' '));
        const concept = phrases.push([...new Set(words)]) - 1;
        for (const one of words) byWord.set(one, [...(byWord.get(one) ?? []), concept]);
      }
      this.concepts = { text: thesaurus, phrases, byWord };
    }
    const { phrases, byWord } = this.concepts;
    const concepts = new Set(byWord.get(word) ?? []);
    if (last && concepts.size === 0 && [...word].length >= 4) {
      for (const [phrase, numbers] of byWord) if (phrase.startsWith(word)) numbers.forEach((number) => concepts.add(number));
    }
    const other = new Set();
    for (const concept of concepts) for (const phrase of phrases[concept]) if (phrase !== word) other.add(phrase);
    return [...other];
  }

  /**
   * Of `found` (nearest first), those to load next: the nearest not in `loaded` (URLs), until
   * they hold WANTED_ENTRIES estimated matches, at most MOST_DISTRICTS.
   */
  nearestToLoad(found, loaded) {
    const chosen = [];
    let entries = 0;
    for (const { district, entries: matching } of found) {
      if (loaded.has(district.url)) continue;
      if (entries >= WANTED_ENTRIES || chosen.length >= MOST_DISTRICTS) break;
      chosen.push(district);
      entries += matching;
    }
    return chosen;
  }

  /** The terms of a shard, fetched once (none when the publication has no such shard). */
  shard(key, signal) {
    if (!this.shardKeys.has(key)) return Promise.resolve(new Map());
    if (!this.shards.has(key)) {
      const loading = fetch(new URL(`${key}.tsv`, this.termsUrl), { credentials: 'same-origin', signal }).then(async (response) => {
        if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
        return readShard(await response.text());
      });
      // A failed download is tried again by the next search.
      loading.catch(() => this.shards.delete(key));
      this.shards.set(key, loading);
    }
    return this.shards.get(key);
  }
}

/**
 * What the widget holds of the publication: the districts it loaded beyond its own directory
 * (given to the core with the neighbours', see the widget's load) and the nationwide search's
 * line under the results.
 */
export class Reach {
  /** For `widget`, with the publication `openNationwide` read. */
  constructor(widget, publication) {
    this.widget = widget;
    this.publication = publication;
    /** The districts loaded: { url, bytes }, as neighbours.js gives the neighbours' files. */
    this.files = [];
    /** Their URLs, and those on their way. */
    this.urls = new Set();
    /** The last nationwide search: { text, status: 'loading' | 'done' | 'failed', found, names }. */
    this.search = null;
    /** The line under the results (see line), replaced in place when the search moves on. */
    this.element = null;
  }

  /** The own directory's AGS and centre, from the core. */
  own() {
    const info = this.widget.core.use((finder) => finder.info(this.widget.language));
    return { ags: info?.regionAgs, centre: info?.regionCentre };
  }

  /**
   * After a search near a place: the districts that the radius reaches into (without a radius,
   * those within PLACE_KM of the place, so that the nearest offers come first also across the
   * border) and that are not loaded are loaded, and the search runs again with them.
   */
  update(state) {
    if (!state.near) return;
    const { ags } = this.own();
    const wanted = this.publication.within(state.near, state.radiusKm || PLACE_KM).filter((district) => district.ags !== ags && !this.urls.has(district.url));
    if (wanted.length > 0) this.add(wanted).catch((error) => console.warn('service-finder: the neighbouring districts could not be loaded.', error));
  }

  /** Fetches `districts` and rebuilds the finder with them, keeping the newcomer's search. */
  async add(districts) {
    const signal = this.widget.connection?.signal;
    for (const district of districts) this.urls.add(district.url);
    try {
      const files = await Promise.all(districts.map(async (district) => {
        const response = await fetch(district.url, { credentials: 'same-origin', signal, priority: 'low' });
        if (!response.ok) throw new Error(`${district.url}: HTTP ${response.status}`);
        return { url: district.url, bytes: await response.arrayBuffer() };
      }));
      this.files.push(...files);
    } catch (error) {
      for (const district of districts) this.urls.delete(district.url);
      throw error;
    }
    if (this.widget.connection) await this.widget.load({ keep: true });
  }

  /**
   * Under the results, when text is searched: the button that searches all of Germany, or
   * what that search found (the districts it added, a button for further away, or nothing).
   */
  line(state) {
    const { widget } = this;
    const text = state.text.trim();
    if (!text) return (this.element = null);
    const search = this.search?.text === text ? this.search : null;
    const line = el('div', { class: 'sf-nationwide', 'data-part': 'nationwide' });
    if (search?.status === 'loading') line.append(el('p', { role: 'status' }, widget.t('nationwide.loading')));
    else if (search?.status === 'failed') line.append(el('p', { role: 'status' }, widget.t('nationwide.failed')));
    else if (search?.status === 'done') {
      if (search.names.length > 0) line.append(el('p', { role: 'status' }, widget.t('nationwide.shown', { names: search.names.join(', ') })));
      else if (search.found.length === 0) line.append(el('p', { role: 'status' }, widget.t('nationwide.none')));
      if (search.found.some(({ district }) => !this.urls.has(district.url))) line.append(this.button('nationwide.more', text));
    } else line.append(this.button('nationwide.search', text));
    this.element = line;
    return line;
  }

  button(key, text) {
    const button = el('button', { type: 'button', class: 'sf-button', 'data-part': 'nationwide-search' }, this.widget.t(key));
    button.addEventListener('click', () => this.searchAll(text));
    return button;
  }

  /** Shows the line anew where it is, when the search moved on without the results changing. */
  refresh() {
    const shown = this.element;
    if (shown?.isConnected) shown.replaceWith(this.line(this.widget.store.state));
  }

  /**
   * Searches all of Germany for `text`: the districts that have its words, nearest to the
   * place searched near (else to the own county) first; loads the nearest not loaded yet.
   */
  async searchAll(text) {
    const state = this.widget.store.state;
    const own = this.own();
    const names = this.search?.text === text ? this.search.names : [];
    this.search = { text, status: 'loading', found: [], names };
    this.refresh();
    try {
      const loaded = this.widget.thesaurus;
      const thesaurus = loaded?.language === this.widget.language ? loaded.text : null;
      const { districts } = await this.publication.having(text, state.near ?? own.centre, this.widget.connection?.signal, thesaurus);
      const found = districts.filter(({ district }) => district.ags !== own.ags);
      const chosen = this.publication.nearestToLoad(found, this.urls);
      this.search = { text, status: 'done', found, names: [...names, ...chosen.map((district) => district.name)] };
      if (chosen.length > 0) await this.add(chosen);
      else this.refresh();
    } catch (error) {
      if (!this.widget.connection) return;
      console.warn('service-finder: the search in all of Germany failed.', error);
      this.search = { text, status: 'failed', found: [], names };
      this.refresh();
    }
  }
}

/**
 * The shard key of a folded word: its first `chars` characters, ASCII letters and digits as
 * they are, any other as `_` and its code point in hex (as src/nationwide.rs names the files).
 */
export function shardKey(word, chars) {
  return [...word].slice(0, chars).map((character) => (/[a-z0-9]/.test(character) ? character : `_${character.codePointAt(0).toString(16)}`)).join('');
}

/**
 * A shard's lines: `term TAB districts`, each district `number:count`, numbers as differences.
 * An item that is not two whole numbers ends its line's list (the rest would be numbered
 * wrongly): a damaged shard finds less, never a district that does not have the word.
 */
export function readShard(text) {
  const terms = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [term, list = ''] = line.split('\t');
    const districts = [];
    let number = 0;
    for (const item of list.split(',')) {
      const [step, count] = item.split(':').map(Number);
      if (!Number.isSafeInteger(step) || step < 0 || !Number.isSafeInteger(count) || count < 0) break;
      number += step;
      districts.push([number, count]);
    }
    terms.set(term, districts);
  }
  return terms;
}

/** Kilometres from `centre` to the nearest point of the box [south, west, north, east]. */
export function boxDistanceKm([south, west, north, east], { latitude, longitude }) {
  const nearestLatitude = Math.min(Math.max(latitude, south), north);
  const nearestLongitude = Math.min(Math.max(longitude, west), east);
  const radians = Math.PI / 180;
  const dLatitude = (nearestLatitude - latitude) * radians;
  const dLongitude = (nearestLongitude - longitude) * radians;
  const a = Math.sin(dLatitude / 2) ** 2 + Math.cos(latitude * radians) * Math.cos(nearestLatitude * radians) * Math.sin(dLongitude / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Whether `a` becomes `b` with one letter changed, left out, added, or two swapped. */
function withinOneEdit(a, b) {
  const [x, y] = [[...a], [...b]];
  if (Math.abs(x.length - y.length) > 1) return false;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const [restX, restY] = [endX - start, endY - start];
  if (restX <= 1 && restY <= 1) return true;
  return restX === 2 && restY === 2 && x[start] === y[start + 1] && x[start + 1] === y[start];
}
