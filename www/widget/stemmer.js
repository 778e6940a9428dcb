// Word forms, loaded after the first results: the Snowball stemmers (stem/ in Rust) as wasm
// modules of their own, dist/stem/<tag>.js and its wasm, one per UI language that has a
// stemmer (English, Arabic, Russian, Turkish), each with German's too, since the directories
// are written in German; the other UI languages load German's alone (stem/de.js). The core
// then finds "Bibliotheken" for "Bibliothek" and "doktorlar" for "doktor"
// (ServiceFinder.setStemmer).

/** The UI languages with a module of their own; the rest use German's. */
const OWN_MODULES = new Set(['en', 'ar', 'ru', 'tr']);

// Each module, loaded and instantiated once per page and folder, however many widgets ask.
const stemmers = new Map();

/** Which stem module a UI language uses: its own, or German's. */
export function stemModuleTag(language) {
  const primary = String(language).split('-')[0];
  return OWN_MODULES.has(primary) ? primary : 'de';
}

/**
 * Loads the stem module for the UI `language` from `baseUrl` (the widget's folder) and returns
 * its stemmer: an object whose `stem(word)` gives the word's stems (and `stemAll(words)` those
 * of many words, one per line), for
 * `finder.setStemmer(stemmer)`. Rejects when the module cannot be loaded (and tries again at the
 * next call).
 */
export function loadStemmer(baseUrl, language) {
  const tag = stemModuleTag(language);
  const file = new URL(`stem/${tag}.js`, baseUrl).href;
  if (!stemmers.has(file)) {
    // A path that is not a literal: the bundler leaves the import to the browser, so that each
    // module stays a file of its own (as the hours module in hours.js).
    const loading = import(file).then(async (module) => {
      await module.default({ module_or_path: new URL(`stem/${tag}_bg.wasm`, baseUrl) });
      return new module.Stemmer(`de,${tag}`);
    });
    loading.catch(() => stemmers.delete(file));
    stemmers.set(file, loading);
  }
  return stemmers.get(file);
}
