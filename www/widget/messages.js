// The UI's words: the UI languages, which one a widget speaks, the message catalogs (one module
// per language beside the loader, dist/messages/<tag>.js, downloaded when it is chosen) and
// translate(), which fills a message in (a widget's `t`).

import LANGUAGES from './languages.js';
import { baseLanguage, formatNumber, pluralForm } from './format.js';

/** Every UI language as { tag, name (in itself), dir }; its messages load when it is chosen. */
export { LANGUAGES };
export const FALLBACK_LANGUAGE = 'de';
const TAGS = LANGUAGES.map((language) => language.tag);
/** Where the newcomer's choice of language is remembered on the device. */
const STORAGE_KEY = 'service-finder.language';

export { baseLanguage };

/** `rtl` or `ltr`. */
export function direction(tag) {
  return LANGUAGES.find((language) => language.tag === tag)?.dir ?? 'ltr';
}

// Message catalogs by language tag, each loaded once per page.
const catalogs = new Map();
export function loadCatalog(tag) {
  return importCatalog(`./messages/${tag}.js`);
}

/**
 * The messages of one UI language that only the module loaded after the first results uses
 * (sharing, printing, the opening hours): scripts/assemble-web.mjs splits them off (LATER_KEYS).
 */
export function loadLaterCatalog(tag) {
  return importCatalog(`./messages/${tag}.later.js`);
}

function importCatalog(file) {
  // A path that is not a literal: the bundler leaves the import to the browser, so that each
  // catalog stays a file of its own.
  if (!catalogs.has(file)) catalogs.set(file, import(file).then((module) => module.default));
  return catalogs.get(file);
}

/**
 * The UI language: the newcomer's own choice on this device, then the first of the browser's
 * languages that the widget speaks (by base language: ar-SY is ar), then the `lang` attribute,
 * the page's language, and German. With `fixed` (the `fixed-language` attribute) the `lang`
 * attribute comes before the browser's languages.
 */
export function pickLanguage(attribute, fixed = false) {
  const browser = navigator.languages || [];
  const candidates = fixed
    ? [rememberedLanguage(), attribute, ...browser, document.documentElement.lang]
    : [rememberedLanguage(), ...browser, attribute, document.documentElement.lang];
  for (const candidate of candidates) {
    const tag = (candidate || '').toLowerCase();
    if (TAGS.includes(tag)) return tag;
    if (TAGS.includes(baseLanguage(tag))) return baseLanguage(tag);
  }
  return FALLBACK_LANGUAGE;
}

function rememberedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage blocked (private mode, a strict browser): nothing remembered.
  }
}

export function rememberLanguage(tag) {
  try {
    localStorage.setItem(STORAGE_KEY, tag);
  } catch {
    // Not remembered, but the language still changes.
  }
}

/**
 * The message `key` of `catalog`, with `{placeholders}` filled from `values` (numbers written
 * for `language`) and the plural form chosen by `values.count`; the key itself when missing.
 */
export function translate(catalog, language, key, values = {}) {
  let message = catalog[key] ?? key;
  if (typeof message === 'object') message = message[pluralForm(language, values.count ?? 0)] ?? message.other;
  return message.replace(/\{(\w+)\}/g, (_, name) => {
    const value = values[name];
    return typeof value === 'number' ? formatNumber(language, value) : String(value ?? '');
  });
}
