// Which shard of Germany's places a typed text needs (issue 16): the build splits all of
// Germany's places by the first letter or digit of each name, other name and postcode
// (scripts/assemble-web.mjs, dist/places/<key>.tsv), and the place field fetches only the shard
// of what is typed. A letter with many places ("b", "s", "k", the postcodes starting with "2",
// "б") is split further by the second letter, into ranges of it ("m-0" for "ma"–"md", "m-1"
// from "me", …), so that one lookup downloads a few KB: the build chooses the ranges, and the
// widget reads them from places/splits.json when the place field gets the focus. Both use
// placeShardKey, so that they agree.

/** The Cyrillic and Arabic-script letters that have a shard of their own. */
const OTHER_SCRIPT = /[а-яєіґ\u0627-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]/u;
/** Letters written two ways in Arabic and Persian, filed under one. */
const ARABIC_VARIANTS = { 'ك': 'ک', 'ي': 'ی', 'ى': 'ی', 'ة': 'ه' };

/** The first two letters of a text, without accents and in lower case (Ö → o, ß → s). */
function firstLetters(text) {
  return [...text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()].slice(0, 2);
}

/**
 * A letter's code in shard names: a letter without accents or digit as it is; a Cyrillic or
 * Arabic-script letter `u` and its code (б → u0431; أ → ا, ك → ک first); '_' for anything else.
 */
export function letterCode(letter) {
  if (/^[a-z0-9]$/.test(letter)) return letter;
  if (letter === 'ß') return 's';
  const unified = ARABIC_VARIANTS[letter] ?? letter;
  return OTHER_SCRIPT.test(unified) ? `u${unified.codePointAt(0).toString(16).padStart(4, '0')}` : '_';
}

/**
 * The letter a code stands for (u0431 → б; a, 5 and _ as they are): how the splits name the
 * letters, as text that is shorter than the codes in the widget's bundle.
 */
export function codeLetter(code) {
  return code.length > 1 ? String.fromCodePoint(Number.parseInt(code.slice(1), 16)) : code;
}

/**
 * The shard of a text: the code of its first letter (see letterCode), and for a letter that
 * `splits` divides (the first letter, as codeLetter gives it → the second letters that start
 * its ranges after the first, as one string), `-` and the number of the range its second letter
 * falls in, comparing letter codes. Null for one letter of such a letter alone: it would need
 * all its shards, and the region's places answer a single letter well enough.
 */
export function placeShardKey(text, splits = {}) {
  const [first = '', second] = firstLetters(text);
  const key = letterCode(first);
  const starts = splits[codeLetter(key)];
  if (starts === undefined) return key;
  if (second === undefined) return null;
  const code = letterCode(second);
  let range = 0;
  for (const start of starts) {
    if (letterCode(start) > code) break;
    range += 1;
  }
  return `${key}-${range}`;
}

/** The code of the second letter of a text ('' for a text of one letter), for the build. */
export function secondLetterCode(text) {
  const second = firstLetters(text)[1];
  return second === undefined ? '' : letterCode(second);
}

/** Every first-letter key: the build writes a shard (or a letter's ranges) for each, empty or not. */
export function placeShardKeys() {
  const keys = new Set([...'abcdefghijklmnopqrstuvwxyz0123456789_']);
  for (let code = 0x400; code < 0x700; code += 1) keys.add(placeShardKey(String.fromCodePoint(code)));
  return [...keys];
}
