// A search whose words found nothing, but name a town ("Kassel", "فرانكفورت"): a button that shows
// the offers near that town instead. Loaded after the first results (more.js): a search that
// finds nothing comes later.

import { el, withPlaceName } from './dom.js';
import { PAGE_SIZE } from './state.js';

/**
 * A line, empty until the place field (`places`, a PlaceCombobox) has found a place called
 * `text`: then a button that searches near it (`go(patch)` sets the state, and the first result
 * gets the focus), and the word suggestions (`suggestions`, if any) give way to it.
 */
export function nearPlace(widget, text, { places, go, suggestions }) {
  const line = el('p', { 'data-part': 'near-place' });
  line.hidden = true;
  const centre = widget.core.use((finder) => finder.info(widget.language))?.regionCentre;
  placeCalled(places, text, centre).then((place) => {
    if (!place || !line.isConnected) return;
    const button = el('button', { type: 'button', class: 'sf-button' });
    button.append(...withPlaceName((key, values) => widget.t(key, values), 'results.empty.place', place.name));
    button.addEventListener('click', () => go({
      text: '', near: place.point, locationStatus: 'place', place: { name: place.name, postcode: place.postcodes[0] ?? '' }, shown: PAGE_SIZE,
    }));
    line.append(button);
    line.hidden = false;
    if (suggestions) suggestions.hidden = true;
  });
  return line;
}

/**
 * The place called `text` in Germany, or null. Its shard of Germany's places is fetched as
 * typing it into the place field would (a few KB; the place field keeps what it fetched).
 * A name is also that of a town written with its river or region in brackets ("Alfeld" is
 * "Alfeld (Leine)"); of namesakes, the one nearest the directory's `centre` is taken, as the
 * newcomer is more likely to live near the county than across Germany.
 */
async function placeCalled(places, text, centre) {
  if (!places) return null;
  await places.loadPlaces();
  const key = places.shardKey(text);
  if (!key) return null;
  // Not called back when the widget has gone or its core was replaced: then nothing is shown.
  const shard = await new Promise((resolve) => places.loadFile(`places/${key}.tsv`, resolve));
  if (typeof shard !== 'object') return null;
  const typed = forms(text);
  const same = (name) => name != null && [name, name.replace(/\s*\(.*\)$/, '')].some((variant) => forms(variant).some((form) => typed.includes(form)));
  // A name typed in another script that GeoNames does not spell so ("ألفيلد" for Alfeld, which
  // GeoNames writes "آلفلد") is compared by its sound in the core: its whole name matching
  // (`exact`) is what there is to go by.
  const heard = !/\p{Script=Latin}/u.test(text);
  const named = places.find(shard, text)?.filter((place) => same(place.name) || same(place.matchedName) || (heard && place.exact)) ?? [];
  // Near enough for telling namesakes apart: a degree of longitude is shorter than one of latitude.
  const shrink = Math.cos(((centre?.latitude ?? 0) * Math.PI) / 180);
  const away = ({ point }) => (centre ? (point.latitude - centre.latitude) ** 2 + ((point.longitude - centre.longitude) * shrink) ** 2 : 0);
  return named.reduce((nearest, place) => (nearest && away(nearest) <= away(place) ? nearest : place), null);
}

/**
 * A name as compared with what was typed: lower case, without accents, and with ä, ö, ü and ß
 * as written on a keyboard without them ("Gießen" is "giessen"; "München" "munchen" and
 * "muenchen").
 */
function forms(name) {
  const lower = name.normalize('NFC').toLowerCase().trim();
  const plain = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
  // "ä" → "äe" → "ae": the dots go with the accents.
  return [plain(lower), plain(lower.replace(/[äöü]/g, (letter) => `${letter}e`))];
}
