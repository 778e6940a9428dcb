// What the widget loads after the first results, as one file (dist/service-finder-more.js): a
// card's details and the opening hours' side (which then loads the hours module's wasm),
// sharing, the printout's head and styles, the stem modules' loader, and the offer to search
// near a town that a search's words name. Kept out of dist/service-finder.js
// so that the first results come sooner on a slow phone.

export { fillDetails } from './details.js';
export { loadHours } from './hours.js';
export { loadStemmer } from './stemmer.js';
export { nearPlace } from './near-place.js';
export { PRINT_STYLES, printHead } from './print.js';
export { shareEntry, sharePanel } from './share.js';
