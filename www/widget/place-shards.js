// Which shard of Germany's places a typed text needs (issue 16): the build splits all of
// Germany's places by the first letter or digit of each name, other name and postcode
// (scripts/assemble-web.mjs, dist/places/<key>.tsv), and the place field fetches only the shard
// of what is typed. Both use this function, so that they agree.

/** The keys of the shards: a letter, a digit, or '_' for anything else. */
export const PLACE_SHARD_KEYS = [...'abcdefghijklmnopqrstuvwxyz0123456789', '_'];

/** The shard of a text: its first letter without accents, in lower case (Ö → o, ß → s), or digit. */
export function placeShardKey(text) {
  const first = [...text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()][0] ?? '';
  const key = first === 'ß' ? 's' : first;
  return key !== '_' && PLACE_SHARD_KEYS.includes(key) ? key : '_';
}
