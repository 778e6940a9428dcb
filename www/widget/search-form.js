// The search form: the text field (results follow every letter; Enter works too), the place field
// (place-combobox.js), "use my location", the radius, the line that says what the search is near,
// and the "offered in my language" chip.

import { el, chip, setChip, withPlaceName } from './dom.js';
import { formatNumber, hasIntlData, languageName } from './format.js';
import { FALLBACK_LANGUAGE, baseLanguage } from './messages.js';
import { RADII_KM } from './choices.js';
import { PlaceCombobox } from './place-combobox.js';
import { PAGE_SIZE } from './state.js';

/** How many places the place field suggests. */
const SUGGESTIONS = 8;

export class SearchForm {
  constructor(widget, info) {
    const { store, widgetId } = widget;
    const t = (key, values) => widget.t(key, values);
    const state = store.state;
    this.t = t;
    this.language = widget.language;
    const section = this.element = el('div', { class: 'sf-search', role: 'search' });
    const inputId = `${widgetId}-search`;
    const input = el('input', {
      id: inputId, type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: t('search.placeholder'),
    });
    input.value = state.text;
    this.input = input;
    input.addEventListener('input', () => store.set({ text: input.value, shown: PAGE_SIZE }));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        store.set({ text: input.value });
      }
    });
    section.append(el('label', { for: inputId, class: 'sf-label' }, t('search.label')), input);

    const centre = info.regionCentre;
    this.place = new PlaceCombobox({
      id: `${widgetId}-place`,
      t,
      place: state.place,
      find: (gazetteer, text) => widget.core.use(() => gazetteer?.lookup(text, SUGGESTIONS, centre?.latitude, centre?.longitude, info.regionAgs)),
      onChoose: (place) => store.set({
        near: place.point,
        locationStatus: 'place',
        place: { name: place.name, postcode: place.postcodes[0] ?? '' },
        shown: PAGE_SIZE,
      }),
      onClear: () => store.set({
        place: null,
        ...(store.state.locationStatus === 'place' && { near: null, locationStatus: null }),
      }),
    });
    this.locate = el('button', { type: 'button', id: `${widgetId}-locate`, class: 'sf-button' });
    this.locate.addEventListener('click', () => locate(widget));
    const radiusId = `${widgetId}-radius`;
    const radius = el('select', { id: radiusId });
    for (const km of [...RADII_KM, null]) {
      const option = el('option', { value: km ?? '' }, km ? t('radius.km', { km }) : t('radius.any'));
      option.defaultSelected = km === state.radiusKm;
      radius.append(option);
    }
    radius.addEventListener('change', () => store.set({ radiusKm: radius.value ? Number(radius.value) : null, shown: PAGE_SIZE }));
    // Shown only with a place or the newcomer's location to measure from: without one it would
    // change nothing, and on a phone it pushed the first card below the first screen.
    const radiusField = this.radiusField = el('span', { class: 'sf-radius' });
    radiusField.hidden = !state.near;
    radiusField.append(el('label', { for: radiusId }, t('radius.label')), radius);
    const near = el('div', { class: 'sf-near' });
    near.append(this.place.element, this.locate, radiusField);
    this.message = el('p', { class: 'sf-location-message', 'aria-live': 'polite' });

    // "Offered in <my language>": one tap filters by the UI language, outside the folded filter
    // panel, so that a newcomer finds it without opening anything.
    const mine = this.mine = baseLanguage(widget.language);
    // Named by the catalog when the browser cannot name it (Tigrinya), else by the browser.
    const name = hasIntlData(widget.language) ? languageName(widget.language, mine) : t('language.name');
    this.myLanguage = chip(t('filters.language.mine', { language: name }), () => {
      store.set({ serviceLanguage: store.state.serviceLanguage === mine ? '' : mine, shown: PAGE_SIZE });
    });
    this.myLanguage.classList.add('sf-my-language');
    // In the directory's own language (German, Leichte Sprache) nearly everything is offered:
    // the chip would filter nothing, so it is left out.
    this.myLanguage.hidden = mine === baseLanguage(info.defaultLanguage ?? FALLBACK_LANGUAGE);
    section.append(near, this.message, this.myLanguage);
  }

  update(state, changed, results) {
    // The location button and message change in place, so that the focus stays where it is.
    if (changed.has('locationStatus') || changed.has('place')) {
      this.locate.textContent = state.locationStatus === 'active' ? this.t('location.stop') : this.t('location.use');
      this.message.replaceChildren(...this.locationText(state));
    }
    if (changed.has('place')) this.place.show(state.place);
    if (changed.has('near')) this.radiusField.hidden = !state.near;
    // The text set from elsewhere ("did you mean"): the field shows it. Typing sets the same
    // text, so the caret is never moved under the newcomer's fingers.
    if (changed.has('text') && this.input.value !== state.text) this.input.value = state.text;
    if (results) {
      const count = results.facets.languages.find((facet) => facet.value === this.mine)?.count ?? 0;
      setChip(this.myLanguage, state.serviceLanguage === this.mine, formatNumber(this.language, count), !count);
    }
  }

  destroy() {
    this.place.destroy();
  }

  /**
   * The line under the place field, as the nodes to show: a chosen place's German name and
   * postcode isolated left to right (an Arabic sentence would make "(34497) Korbach" of it).
   */
  locationText({ locationStatus, place }) {
    switch (locationStatus) {
      case 'locating': return [this.t('location.locating')];
      case 'active': return [`${this.t('location.active')} ${this.t('location.privacy')}`];
      case 'denied': return [this.t('location.denied')];
      case 'unavailable': return [this.t('location.unavailable')];
      case 'place': return withPlaceName(this.t, 'place.active', place.postcode ? `${place.name} (${place.postcode})` : place.name);
      default: return [];
    }
  }
}

/**
 * "Use my location": the position is asked for on this click only, and never leaves the device.
 * A second click stops searching near it.
 */
function locate({ store, connection }) {
  if (store.state.locationStatus === 'active') return store.set({ near: null, locationStatus: null });
  if (!navigator.geolocation) return store.set({ locationStatus: 'unavailable' });
  store.set({ locationStatus: 'locating' });
  // The answer may come after the widget has left the page: then it is dropped.
  const { signal } = connection;
  navigator.geolocation.getCurrentPosition(
    ({ coords }) => signal.aborted || store.set({
      near: { latitude: coords.latitude, longitude: coords.longitude },
      locationStatus: 'active',
      place: null,
      shown: PAGE_SIZE,
    }),
    (error) => signal.aborted || store.set({ locationStatus: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
    { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
  );
}
