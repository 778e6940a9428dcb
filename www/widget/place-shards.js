// Which shard of Germany's places a typed text needs (issue 16): the build splits all of
// Germany's places by the first letter or digit of each name, other name and postcode
// (scripts/assemble-web.mjs, dist/places/<key>.tsv), and the place field fetches only the shard
// of what is typed. Both use this function, so that they agree.

/** The Cyrillic and Arabic-script letters that have a shard of their own. */
const OTHER_SCRIPT = /[а-яєіґ\u0627-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]/u;
/** Letters written two ways in Arabic and Persian, filed under one. */
const ARABIC_VARIANTS = { 'ك': 'ک', 'ي': 'ی', 'ى': 'ی', 'ة': 'ه' };

/**
 * The shard of a text: its first letter without accents, in lower case (Ö → o, ß → s), or
 * digit; for a Cyrillic or Arabic-script letter `u` and its code (б → u0431; أ → ا, ك → ک
 * first); '_' for anything else.
 */
export function placeShardKey(text) {
  const first = [...text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()][0] ?? '';
  if (/^[a-z0-9]$/.test(first)) return first;
  if (first === 'ß') return 's';
  const letter = ARABIC_VARIANTS[first] ?? first;
  return OTHER_SCRIPT.test(letter) ? `u${letter.codePointAt(0).toString(16).padStart(4, '0')}` : '_';
}

/** Every key placeShardKey can give: the build writes a shard for each, empty or not. */
export function placeShardKeys() {
  const keys = new Set([...'abcdefghijklmnopqrstuvwxyz0123456789_']);
  for (let code = 0x400; code < 0x700; code += 1) keys.add(placeShardKey(String.fromCodePoint(code)));
  return [...keys];
}
