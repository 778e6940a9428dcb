// The button that shows the results on a map or as the list again (state.view); the map's
// module loads the first time it is pressed (see showView in service-finder.js).

import { el } from './dom.js';

export function mapButton(widget) {
  const { store } = widget;
  const button = el('button', { type: 'button', class: 'sf-tool', 'data-part': 'map', 'aria-pressed': String(store.state.view === 'map') }, widget.t('map.button'));
  button.addEventListener('click', () => store.set({ view: store.state.view === 'map' ? 'list' : 'map' }));
  return button;
}
