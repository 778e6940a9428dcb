// The filter panel: chips for the kinds and the topics (each with the number of results it would
// give), the language a service is offered in, free of charge, wheelchair access, and "clear
// filters". On a phone the panel starts folded, so that the results come first.

import { el, chip, setChip } from './dom.js';
import { formatNumber, languageName } from './format.js';
import { PAGE_SIZE, noFilters, toggled } from './state.js';

const KINDS = ['service', 'course', 'association'];

export class Filters {
  constructor(widget, info) {
    const { store, widgetId } = widget;
    const t = (key, values) => widget.t(key, values);
    this.t = t;
    this.language = widget.language;
    /** Sets the filter `field` to `value`, and shows the first page of results. */
    const filter = (field, value) => store.set({ [field]: value, shown: PAGE_SIZE });

    this.kinds = new Map();
    const kinds = el('fieldset', { class: 'sf-chips' });
    kinds.append(el('legend', {}, t('filters.kind')));
    for (const kind of KINDS) {
      const button = chip(t(`kind.${kind}`), () => filter('kinds', toggled(store.state.kinds, kind)));
      this.kinds.set(kind, button);
      kinds.append(button);
    }
    this.categories = new Map();
    const categories = el('fieldset', { class: 'sf-chips' });
    categories.append(el('legend', {}, t('filters.category')));
    for (const category of info.categories) {
      const button = chip(category.label, () => filter('categories', toggled(store.state.categories, category.id)));
      this.categories.set(category.id, button);
      categories.append(button);
    }
    const languageId = `${widgetId}-service-language`;
    const select = this.languageSelect = el('select', { id: languageId });
    select.addEventListener('change', () => filter('serviceLanguage', select.value));
    const languageField = el('div', { class: 'sf-field' });
    languageField.append(el('label', { for: languageId }, t('filters.language')), select);

    const checks = el('div', { class: 'sf-checks' });
    this.checkboxes = [['free', t('filters.free'), 'freeOfCharge'], ['wheelchair', t('filters.wheelchair'), 'wheelchair']].map(([name, label, field]) => {
      const id = `${widgetId}-${name}`;
      // The whole row is the label, so that it is one large target for a finger.
      const wrapper = el('label', { class: 'sf-check', for: id });
      const input = el('input', { type: 'checkbox', id });
      input.addEventListener('change', () => filter(field, input.checked));
      wrapper.append(input, el('span', {}, label));
      checks.append(wrapper);
      return [input, field];
    });
    const clear = el('button', { type: 'button', class: 'sf-button sf-clear' }, t('filters.clear'));
    clear.addEventListener('click', () => store.set(noFilters()));
    const filters = el('div', { class: 'sf-filters' });
    filters.append(kinds, categories, languageField, checks, clear);

    const panel = this.element = el('details', { class: 'sf-filter-panel' });
    panel.open = store.state.filtersOpen ?? widget.getBoundingClientRect().width >= 640;
    panel.addEventListener('toggle', () => store.set({ filtersOpen: panel.open }));
    this.summary = el('summary', { class: 'sf-filter-summary' });
    panel.append(this.summary, filters);
  }

  update(state, changed, results) {
    if (!results) return;
    const { facets } = results;
    const format = (count) => formatNumber(this.language, count ?? 0);
    const counts = (list) => new Map(list.map((facet) => [facet.value, facet.count]));
    const kindCounts = counts(facets.kinds);
    for (const [kind, button] of this.kinds) setChip(button, state.kinds.has(kind), format(kindCounts.get(kind)));
    const categoryCounts = counts(facets.categories);
    for (const [id, button] of this.categories) setChip(button, state.categories.has(id), format(categoryCounts.get(id)));
    const options = [el('option', { value: '' }, this.t('filters.language.any'))];
    for (const facet of facets.languages) {
      options.push(el('option', { value: facet.value }, `${languageName(this.language, facet.value)} (${format(facet.count)})`));
    }
    this.languageSelect.replaceChildren(...options);
    this.languageSelect.value = state.serviceLanguage;
    for (const [input, field] of this.checkboxes) input.checked = state[field];
    const active = state.kinds.size + state.categories.size + (state.serviceLanguage ? 1 : 0)
      + (state.freeOfCharge ? 1 : 0) + (state.wheelchair ? 1 : 0);
    this.summary.textContent = active ? `${this.t('filters.heading')} (${format(active)})` : this.t('filters.heading');
  }
}
