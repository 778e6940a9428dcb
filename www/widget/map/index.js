// What the widget loads when the newcomer first opens the map, as one file
// (dist/service-finder-map.js, with Leaflet, supercluster and their styles): never on the way to
// the first results.

export { MapView, loadMapMessages } from './map-view.js';
