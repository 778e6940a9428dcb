// The map view (issue 14): the results on a map, the chosen place and the radius, loaded only
// when the newcomer opens it (dist/service-finder-map.js, see scripts/assemble-web.mjs). The list
// stays the main view; the map is an addition with a text summary above it, focusable markers
// (Enter or Space opens the entry's card in a panel under the map) and Leaflet's keyboard
// panning and zooming when the map itself has the focus.
//
// Nothing is requested from another host. Without tiles the background is drawn from data
// shipped beside the widget: Germany's outline (map-germany.json, made at build time from
// Natural Earth's public-domain data in the npm package world-atlas) and the towns of the
// region's gazetteer (places-region.tsv, GeoNames). A county that runs its own tile server
// names it in `map-tiles` (a URL template) and its licence text in `map-attribution`; then the
// tiles come from there only.

import * as L from 'leaflet/dist/leaflet-src.esm.js';
import LEAFLET_CSS from 'leaflet/dist/leaflet.css';
import Supercluster from 'supercluster';

import { el } from '../dom.js';
import { formatNumber } from '../format.js';
import { toQuery } from '../state.js';
import MAP_CSS from './map.css';

/** The most hits the core returns for one search: the map shows at most these. */
const MAX_HITS = 1000;
/** Towns of the gazetteer drawn as a dot, and labelled, from these populations up. */
const TOWN_DOT = 2000;
const TOWN_LABEL = 8000;
/** The map's closest zoom; results that still cluster there share one place (see onCluster). */
const MAX_ZOOM = 18;
/** Germany, for a map with nothing on it yet. */
const GERMANY = [[47.2, 5.8], [55.1, 15.1]];

let sheet = null;
/**
 * Leaflet's styles and the map's own, once per page (as text: scripts/assemble-web.mjs minifies
 * them and leaves out Leaflet's rules that would fetch an image).
 */
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(LEAFLET_CSS + MAP_CSS);
  }
  return sheet;
}

/** The places files' towns with coordinates and population (format: data/places/README.md). */
function parseTowns(text) {
  const towns = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('D\t')) continue;
    const [name, latitude, longitude, population] = line.split('\t');
    const people = Number(population);
    if (people >= TOWN_DOT) towns.push({ name, latitude: Number(latitude), longitude: Number(longitude), population: people });
  }
  return towns;
}

/**
 * Adds the map's messages in the widget's language to its catalog (dist/map-messages/<tag>.js,
 * split off by scripts/assemble-web.mjs: the first results do without them). Before a MapView
 * is made in that language.
 */
export async function loadMapMessages(widget) {
  // Not a literal path: the bundler leaves each language a file of its own.
  const file = `./map-messages/${widget.language}.js`;
  const { default: messages } = await import(new URL(file, import.meta.url).href);
  Object.assign(widget.messages, messages);
}

export class MapView {
  constructor(widget) {
    this.widget = widget;
    const { shadow, widgetId } = widget;
    if (!shadow.adoptedStyleSheets.includes(styleSheet())) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, styleSheet()];
    const t = (key, values) => widget.t(key, values);
    const summaryId = `${widgetId}-map-summary`;
    // Not a live region: the results' count above the list announces each search already.
    this.summary = el('p', { class: 'sf-map-summary', id: summaryId });
    // Maps have no reading direction: Leaflet lays its panes out left to right, also in an
    // Arabic or Farsi UI; the texts around the map follow the UI's direction.
    this.canvas = el('div', { class: 'sf-map-canvas', dir: 'ltr', role: 'group', 'aria-label': t('map.canvas'), 'aria-describedby': summaryId });
    this.attribution = el('p', { class: 'sf-map-attribution' });
    this.panel = el('div', { class: 'sf-map-card' });
    this.element = el('section', { class: 'sf-map', 'data-part': 'map-view', 'aria-label': t('map.label') });
    // For the keyboard: past the zoom buttons and the markers (25 or more) to the list under
    // the map. Seen only when it has the focus, as the filters' own.
    const skip = el('button', { type: 'button', class: 'sf-button sf-skip' }, t('map.skip'));
    skip.addEventListener('click', () => shadow.querySelector('.sf-main li > article .sf-card-toggle')?.focus());
    this.element.append(skip, this.summary, this.canvas, this.attribution, this.panel);
    // The card in the panel opens and closes by itself, not through the list's state.
    this.panel.addEventListener('click', (event) => {
      const toggle = event.target.closest?.('.sf-card-toggle');
      if (!toggle || !this.panel.contains(toggle)) return;
      event.stopPropagation();
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      this.panel.querySelector('.sf-details').hidden = !open;
    }, true);
    this.abort = new AbortController();
    // Escape anywhere in the map view closes it, as a dialog would, and the focus goes back to
    // the button that opened it.
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      widget.store.set({ view: 'list' });
      shadow.querySelector('button[data-part="map"]')?.focus();
    }, { signal: this.abort.signal });
    this.map = null;
    this.tiles = widget.getAttribute('map-tiles');
    /** The hits of the last search, the ones with a location, and what they were searched for. */
    this.hits = [];
    this.located = [];
    this.key = null;
    this.clusters = null;
    /** The hit whose card is open, and the one whose marker had the focus (indexes in located). */
    this.current = -1;
    this.focusHit = -1;
    this.markerLayer = null;
    this.placeLayer = null;
  }

  update(state, changed, results) {
    if (!this.map) {
      this.start();
      // Opened by its button, often at a phone screen's foot: the map would open out of sight,
      // a tap that seemed to do nothing. Scrolled only as far as needed, so that the count and
      // the button stay above it (and a CMS's sticky header covers neither).
      if (this.widget.revealMap) this.element.scrollIntoView({ block: 'nearest' });
      this.widget.revealMap = false;
    }
    if (results || ['view', 'near', 'radiusKm', 'place'].some((field) => changed.has(field))) this.search(state);
  }

  destroy() {
    this.abort.abort();
    this.resize?.disconnect();
    this.map?.remove();
    this.map = null;
  }

  /** Makes the map, once the element is on the page (Leaflet measures its container). */
  start() {
    const { widget } = this;
    const t = (key, values) => widget.t(key, values);
    const animate = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(this.canvas, {
      zoomControl: false, attributionControl: false, minZoom: 5, maxZoom: MAX_ZOOM, keyboard: true,
      zoomAnimation: animate, fadeAnimation: animate, markerZoomAnimation: animate,
    });
    this.map = map;
    L.control.zoom({ zoomInTitle: t('map.zoom.in'), zoomOutTitle: t('map.zoom.out') }).addTo(map);
    // The background and its labels are seen, not read: the summary says what the map shows.
    // The towns' names lie under the markers (Leaflet's marker pane is at 600), so that a
    // name never hides the number on a cluster.
    map.createPane('sfTownNames').style.zIndex = '590';
    for (const pane of ['tilePane', 'overlayPane', 'tooltipPane', 'sfTownNames']) map.getPane(pane).setAttribute('aria-hidden', 'true');
    this.placeLayer = L.layerGroup().addTo(map);
    this.markerLayer = L.layerGroup().addTo(map);
    map.fitBounds(GERMANY);
    map.on('moveend', () => this.drawMarkers());
    this.resize = new ResizeObserver(() => map.invalidateSize());
    this.resize.observe(this.canvas);
    const credits = [];
    const link = (href, text) => el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
    credits.push(link('https://leafletjs.com/', 'Leaflet'));
    if (this.tiles) {
      L.tileLayer(this.tiles, { maxZoom: MAX_ZOOM }).addTo(map);
      const text = widget.getAttribute('map-attribution');
      if (text) credits.push(el('span', { dir: 'auto' }, text));
    } else {
      this.drawBackground();
      credits.push(link('https://www.naturalearthdata.com/', t('map.attribution.outline')), link('https://www.geonames.org/', t('about.places')));
    }
    this.attribution.append(t('map.attribution'), ' ');
    credits.forEach((credit, index) => this.attribution.append(...(index ? [' · ', credit] : [credit])));
  }

  /** Germany's outline and the region's towns, from the widget's own folder. */
  async drawBackground() {
    const file = (name) => fetch(new URL(`./${name}`, import.meta.url), { signal: this.abort.signal }).then((response) => {
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return response;
    });
    try {
      const [outline, towns] = await Promise.all([
        file('map-germany.json').then((response) => response.json()),
        file('places-region.tsv').then((response) => response.text()).then(parseTowns),
      ]);
      if (!this.map) return;
      L.geoJSON(outline, { interactive: false, style: () => ({ className: 'sf-map-land' }) }).addTo(this.map).bringToBack();
      for (const town of towns) {
        const dot = L.circleMarker([town.latitude, town.longitude], { radius: 2.5, interactive: false, className: 'sf-map-town' }).addTo(this.map);
        if (town.population >= TOWN_LABEL) {
          dot.bindTooltip(el('span', { dir: 'auto' }, town.name), { permanent: true, direction: 'right', offset: [4, 0], className: 'sf-map-town-label', pane: 'sfTownNames' });
        }
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      // The markers still show on a plain background.
      console.warn('service-finder: the map background could not be loaded.', error);
    }
  }

  /**
   * Searches what the list searches, but up to the core's maximum rather than a page, and
   * shows the hits with a location as markers (clustered where dense), the chosen place and the
   * radius; a search with the same hits keeps the map where the newcomer moved it.
   */
  search(state) {
    const { widget } = this;
    const results = widget.core.use((finder) => finder.search({ ...toQuery(state, widget.language), offset: 0, limit: MAX_HITS }));
    if (!results) {
      // Before the core is there (the first page stands in for it, with only its own 20
      // cards): the region, and that the services are loading. The core's results redraw it.
      const centre = widget.preview?.info.regionCentre;
      if (!this.key && centre) this.map.setView([centre.latitude, centre.longitude], 9, { animate: false });
      if (!this.key) this.summary.textContent = widget.t('loading');
      return;
    }
    const key = JSON.stringify([results.hits.map((hit) => hit.entry.id), state.near, state.radiusKm]);
    if (key === this.key) return;
    this.key = key;
    this.hits = results.hits;
    this.located = results.hits.filter((hit) => hit.entry.point);
    // Clustered up to the map's closest zoom, so that results at one address stay one marker.
    this.clusters = new Supercluster({ radius: 48, maxZoom: MAX_ZOOM }).load(this.located.map((hit, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [hit.entry.point.longitude, hit.entry.point.latitude] },
      properties: { index },
    })));
    this.current = -1;
    this.panel.replaceChildren();
    this.writeSummary(state, results);
    this.drawPlace(state);
    this.fit(state);
    this.drawMarkers();
  }

  /** "23 results on the map, 2 without a location", the place and radius, and a cut at 1000. */
  writeSummary(state, results) {
    const t = (key, values) => this.widget.t(key, values);
    const sentences = [t('map.summary', { count: this.located.length })];
    const unlocated = this.hits.length - this.located.length;
    if (unlocated > 0) sentences.push(t('map.summary.unlocated', { count: unlocated }));
    if (results.total > this.hits.length) sentences.push(t('map.summary.cut', { shown: this.hits.length, total: results.total }));
    if (state.near) {
      const where = state.place?.name ?? t('map.position');
      sentences.push(state.radiusKm ? t('map.summary.radius', { place: where, radius: state.radiusKm }) : t('map.summary.place', { place: where }));
    }
    this.summary.textContent = sentences.join(' ');
  }

  /** The chosen place or the newcomer's position, and the radius around it. */
  drawPlace(state) {
    this.placeLayer.clearLayers();
    if (!state.near) return;
    const centre = [state.near.latitude, state.near.longitude];
    if (state.radiusKm) L.circle(centre, { radius: state.radiusKm * 1000, interactive: false, className: 'sf-map-radius' }).addTo(this.placeLayer);
    const icon = L.divIcon({ className: 'sf-map-place', iconSize: [18, 18] });
    // Under the results' markers: a cluster at the chosen place keeps its number seen.
    L.marker(centre, { icon, interactive: false, keyboard: false, zIndexOffset: -1000 }).addTo(this.placeLayer).getElement()?.setAttribute('aria-hidden', 'true');
  }

  /** Shows the radius, else every marker, else the directory's region, else Germany. */
  fit(state) {
    const options = { padding: [24, 24], maxZoom: 14, animate: false };
    if (state.near && state.radiusKm) {
      this.map.fitBounds(L.latLng(state.near.latitude, state.near.longitude).toBounds(state.radiusKm * 2000), options);
    } else if (this.located.length) {
      const points = this.located.map((hit) => [hit.entry.point.latitude, hit.entry.point.longitude]);
      if (state.near) points.push([state.near.latitude, state.near.longitude]);
      this.map.fitBounds(L.latLngBounds(points), options);
    } else {
      const centre = this.widget.core.use((finder) => finder.info(this.widget.language).regionCentre);
      if (centre) this.map.setView([centre.latitude, centre.longitude], 9, { animate: false });
      else this.map.fitBounds(GERMANY, options);
    }
  }

  /**
   * The markers in view at this zoom: one per hit, or a cluster with its count where they lie
   * close. In reading order (north to south), so that Tab goes through them as the eye does.
   */
  drawMarkers() {
    if (!this.map || !this.clusters) return;
    const t = (key, values) => this.widget.t(key, values);
    const hadFocus = this.canvas.contains(this.widget.shadow.activeElement) && this.widget.shadow.activeElement !== this.canvas;
    const bounds = this.map.getBounds().pad(0.2);
    const zoom = Math.round(this.map.getZoom());
    const features = this.clusters.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom);
    features.sort((a, b) => b.geometry.coordinates[1] - a.geometry.coordinates[1] || a.geometry.coordinates[0] - b.geometry.coordinates[0]);
    this.markerLayer.clearLayers();
    let toFocus = null;
    for (const feature of features) {
      const [longitude, latitude] = feature.geometry.coordinates;
      const { cluster, cluster_id: clusterId, point_count: count, index } = feature.properties;
      let marker;
      let members;
      if (cluster) {
        const size = count < 10 ? 36 : count < 100 ? 42 : 48;
        const icon = L.divIcon({ className: 'sf-map-cluster', html: el('span', { 'aria-hidden': 'true' }, formatNumber(this.widget.language, count)), iconSize: [size, size] });
        marker = L.marker([latitude, longitude], { icon, keyboard: true, riseOnHover: true });
        members = this.clusters.getLeaves(clusterId, Infinity).map((leaf) => leaf.properties.index);
        this.onActivate(marker, () => this.onCluster(clusterId, members, [latitude, longitude]));
      } else {
        const icon = L.divIcon({ className: 'sf-map-marker', iconSize: [32, 32], iconAnchor: [0, 32] });
        marker = L.marker([latitude, longitude], { icon, keyboard: true, riseOnHover: true });
        members = [index];
        this.onActivate(marker, () => this.open(index));
      }
      marker.addTo(this.markerLayer);
      const element = marker.getElement();
      element.dataset.count = String(members.length);
      // Where the focus goes back to after a redraw: the marker that holds this hit then.
      element.addEventListener('focus', () => {
        this.focusHit = members[0];
      });
      if (cluster) {
        element.setAttribute('aria-label', t('map.cluster', { count }));
      } else {
        const { name } = this.located[index].entry;
        element.setAttribute('aria-label', name.text);
        if (name.language) element.setAttribute('lang', name.language);
        element.dataset.entry = this.located[index].entry.id;
        if (index === this.current) element.setAttribute('aria-current', 'true');
      }
      if (hadFocus && members.includes(this.focusHit)) toFocus = element;
    }
    toFocus?.focus();
  }

  /** A marker's action on a click or tap, and on Enter or Space when it has the focus. */
  onActivate(marker, action) {
    marker.on('click', action);
    marker.on('keypress', (event) => {
      const key = event.originalEvent.key;
      if (key !== 'Enter' && key !== ' ') return;
      event.originalEvent.preventDefault();
      action();
    });
  }

  /**
   * A cluster zooms in to where it splits; one that never splits (its results share one
   * address) lists them under the map instead, each a button that opens its card.
   */
  onCluster(clusterId, members, centre) {
    const zoom = this.clusters.getClusterExpansionZoom(clusterId);
    if (zoom <= MAX_ZOOM) {
      this.focusHit = members[0];
      this.map.setView(centre, zoom);
      return;
    }
    const t = (key, values) => this.widget.t(key, values);
    const list = el('ul', { class: 'sf-map-entries' });
    for (const index of members) {
      const { name } = this.located[index].entry;
      const button = el('button', { type: 'button', class: 'sf-map-entry', dir: 'auto' }, name.text);
      if (name.language) button.setAttribute('lang', name.language);
      button.addEventListener('click', () => this.open(index));
      const item = el('li');
      item.append(button);
      list.append(item);
    }
    this.panel.replaceChildren(el('p', { class: 'sf-map-here' }, t('map.here', { count: members.length })), list);
    list.querySelector('button').focus();
  }

  /** Shows a hit's card under the map and moves the focus to it. */
  open(index) {
    const hit = this.located[index];
    if (!hit) return;
    this.current = index;
    this.focusHit = index;
    for (const marker of this.canvas.querySelectorAll('.sf-map-marker')) {
      if (marker.dataset.entry === hit.entry.id) marker.setAttribute('aria-current', 'true');
      else marker.removeAttribute('aria-current');
    }
    const article = this.widget.cardFor(hit);
    // The list may show the same card: this one's details get an id of their own.
    const details = article.querySelector('.sf-details');
    details.id += '-map';
    article.querySelector('.sf-card-toggle').setAttribute('aria-controls', details.id);
    this.panel.replaceChildren(article);
    article.querySelector('.sf-card-toggle').focus();
  }
}
