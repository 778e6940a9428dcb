// The button that shows the results on a map or as the list again (state.view); the map's
// module loads the first time it is pressed (see showView in service-finder.js).

import { el } from './dom.js';

export function mapButton(widget) {
  const { store } = widget;
  const button = el('button', { type: 'button', class: 'sf-tool', 'data-part': 'map', 'aria-pressed': String(store.state.view === 'map') }, widget.t('map.button'));
  // Opened by a tap, the map is scrolled into sight once drawn (MapView.update); not when
  // it is shown again after a change of language, or from a link.
  button.addEventListener('click', () => {
    widget.revealMap = store.state.view !== 'map';
    store.set({ view: widget.revealMap ? 'map' : 'list' });
  });
  return button;
}
