// The filter panel: chips for the kinds and the topics (each with the number of results it would
// give), the language a service is offered in, free of charge, wheelchair access, "open now" and
// "open on <day>", who an entry is for, the courses' level, type, start, childcare, free places
// and time of day, and "clear filters". A group shows only the values the directory has (the
// opening-hours ones once that module is loaded). On a phone the panel starts folded, so that
// the results come first, and its groups are made when it is first opened.

import { el, chip, setChip } from './dom.js';
import { formatNumber, formatWeekday, languageName } from './format.js';
import { DAYS, GROUPS, KINDS } from './choices.js';
import { PAGE_SIZE, berlinToday, noFilters, toggled } from './state.js';

/** A chip's label: the level as written (A1 …), else its message. */
export function valueLabel(t, field, value) {
  if (field === 'levels') return value === 'literacy' ? t('level.literacy') : value;
  return t(field === 'courseTypes' ? `course_type.${value}` : `flag.${value}`);
}

/** The widget's width in px from which the filter panel starts open (narrower, folded). */
export const FILTERS_OPEN_FROM = 640;

export class Filters {
  /** `width`: the widget's, which decides whether the panel starts open (FILTERS_OPEN_FROM). */
  constructor(widget, info, width) {
    const { store } = widget;
    this.widget = widget;
    this.info = info;
    this.t = (key, values) => widget.t(key, values);
    this.language = widget.language;
    const panel = this.element = el('details', { class: 'sf-filter-panel' });
    panel.open = store.state.filtersOpen ?? width >= FILTERS_OPEN_FROM;
    this.summary = el('summary', { class: 'sf-filter-summary' });
    panel.append(this.summary);
    // The chips are made when the panel first opens: on a phone it starts folded, and making
    // them was a third of the work before the first cards there (issue 16). On the summary's
    // click, before the panel opens, so that it never shows empty; on `toggle` when it is
    // opened otherwise.
    this.summary.addEventListener('click', () => this.build());
    panel.addEventListener('toggle', () => {
      if (panel.open) this.build();
      store.set({ filtersOpen: panel.open });
    });
    if (panel.open) this.build();
  }

  /** Makes the panel's groups, once, and shows in them the results last shown. */
  build() {
    if (this.built) return;
    this.built = true;
    const { widget, info, t } = this;
    const { store, widgetId } = widget;
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
    // A directory without categories (a county's first import) shows no empty "Topics" group.
    const categories = el('fieldset', { class: 'sf-chips' });
    categories.hidden = !info.categories.length;
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
    // The groups of GROUPS, each hidden until the directory has one of its values.
    this.groups = GROUPS.map(([legend, field, facet, values]) => {
      const fieldset = el('fieldset', { class: 'sf-chips', 'data-group': legend.slice(8) });
      fieldset.append(el('legend', {}, t(legend)));
      const buttons = new Map(values.map((value) => {
        const button = chip(valueLabel(t, field, value), () => filter(field, toggled(store.state[field], value)));
        fieldset.append(button);
        return [value, button];
      }));
      return { fieldset, field, facet, buttons };
    });
    const dayId = `${widgetId}-open-day`;
    const daySelect = this.daySelect = el('select', { id: dayId });
    daySelect.addEventListener('change', () => filter('openDay', daySelect.value));
    this.dayField = el('div', { class: 'sf-field' });
    this.dayField.append(el('label', { for: dayId }, t('filters.open_on')), daySelect);
    this.groups[0].fieldset.append(this.dayField);
    const clear = el('button', { type: 'button', class: 'sf-button sf-clear' }, t('filters.clear'));
    clear.addEventListener('click', () => store.set(noFilters()));
    // For the keyboard: past the panel's 30 or so controls to the first result. Seen only when
    // it has the focus (the first stop in the panel).
    const skip = el('button', { type: 'button', class: 'sf-button sf-skip' }, t('filters.skip'));
    skip.addEventListener('click', () => {
      const results = widget.shadow.querySelector('.sf-main');
      // The first card's title, else (nothing found) the first of the results' buttons.
      (results.querySelector('.sf-card-toggle') ?? results.querySelector('button'))?.focus();
    });
    const filters = el('div', { class: 'sf-filters' });
    filters.append(skip, kinds, ...this.groups.slice(0, 2).map((group) => group.fieldset), categories, languageField, checks,
      ...this.groups.slice(2).map((group) => group.fieldset), clear);

    this.element.append(filters);
    if (this.shown) this.showCounts(...this.shown);
  }

  update(state, changed, results) {
    if (!results) return;
    this.shown = [state, results];
    if (this.built) this.showCounts(state, results);
    const active = state.kinds.size + state.categories.size + (state.serviceLanguage ? 1 : 0)
      + (state.freeOfCharge ? 1 : 0) + (state.wheelchair ? 1 : 0)
      + state.levels.size + state.courseTypes.size + state.flags.size + (state.openDay ? 1 : 0);
    this.summary.textContent = active ? `${this.t('filters.heading')} (${formatNumber(this.language, active)})` : this.t('filters.heading');
  }

  /** Each chip and option with the number of results it would give, and whether it is on. */
  showCounts(state, results) {
    const { facets } = results;
    const format = (count) => formatNumber(this.language, count ?? 0);
    const counts = (list) => new Map(list.map((facet) => [facet.value, facet.count]));
    const kindCounts = counts(facets.kinds);
    for (const [kind, button] of this.kinds) setChip(button, state.kinds.has(kind), format(kindCounts.get(kind)), !kindCounts.get(kind));
    const categoryCounts = counts(facets.categories);
    for (const [id, button] of this.categories) setChip(button, state.categories.has(id), format(categoryCounts.get(id)), !categoryCounts.get(id));
    const options = [el('option', { value: '' }, this.t('filters.language.any'))];
    for (const facet of facets.languages) {
      const option = el('option', { value: facet.value }, `${languageName(this.language, facet.value, this.t)} (${format(facet.count)})`);
      // As a chip with no results (setChip): seen, but not chosen.
      option.disabled = !facet.count && facet.value !== state.serviceLanguage;
      options.push(option);
    }
    this.languageSelect.replaceChildren(...options);
    this.languageSelect.value = state.serviceLanguage;
    for (const [input, field] of this.checkboxes) input.checked = state[field];
    for (const { fieldset, field, facet, buttons } of this.groups) {
      const facetCounts = counts(facets[facet]);
      for (const [value, button] of buttons) {
        // A chosen value stays visible, so that it can be unchosen.
        button.hidden = !facetCounts.has(value) && !state[field].has(value);
        setChip(button, state[field].has(value), format(facetCounts.get(value)), !facetCounts.get(value));
      }
      fieldset.hidden = [...buttons.values()].every((button) => button.hidden);
    }
    const flagCounts = counts(facets.flags);
    const days = DAYS.filter((day) => flagCounts.has(`open-${day}`) || state.openDay === `open-${day}`);
    this.dayField.hidden = !days.length;
    if (days.length) this.groups[0].fieldset.hidden = false;
    const dayOptions = [el('option', { value: '' }, this.t('filters.open_on.any'))];
    // Today and tomorrow by the county's calendar, named as such: "open today" is what is
    // wanted most, without working out the weekday's name.
    const today = (new Date(`${berlinToday()}T12:00Z`).getUTCDay() + 6) % 7;
    for (const day of days) {
      const index = DAYS.indexOf(day);
      const name = formatWeekday(this.language, index, this.t('hours.weekdays'));
      const near = index === today ? 'hours.day_today' : index === (today + 1) % 7 ? 'hours.day_tomorrow' : '';
      const label = `${near ? this.t(near, { day: name }) : name} (${format(flagCounts.get(`open-${day}`))})`;
      dayOptions.push(el('option', { value: `open-${day}` }, label));
    }
    this.daySelect.replaceChildren(...dayOptions);
    this.daySelect.value = state.openDay;
  }
}
