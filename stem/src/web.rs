//! The JavaScript API of the stem module: `new Stemmer("de,en")`, `stemmer.stem(word)`,
//! `stemmer.stemAll(words)`, and the
//! object handed to the core's `setStemmer`.

use wasm_bindgen::prelude::*;

use crate::WordStemmer;

/// Stemmers for a few languages (see [`WordStemmer`]).
#[wasm_bindgen]
pub struct Stemmer {
    inner: WordStemmer,
}

#[wasm_bindgen]
impl Stemmer {
    /// The stemmers for `languages`, tags separated by commas ("de,ar"); tags without a
    /// Snowball stemmer are left out.
    #[wasm_bindgen(constructor)]
    pub fn new(languages: &str) -> Stemmer {
        Stemmer {
            inner: WordStemmer::for_languages(languages),
        }
    }

    /// How many of the languages have a stemmer.
    #[wasm_bindgen(getter, js_name = languageCount)]
    pub fn language_count(&self) -> usize {
        self.inner.language_count()
    }

    /// The stems of a folded word, one per language and each once, separated by spaces.
    pub fn stem(&self, word: &str) -> String {
        self.inner.stems(word)
    }

    /// The stems of many folded words at once, one line each (as `stem` gives them), for
    /// words given one per line: the core stems all of a directory's terms in one call, rather
    /// than crossing into JavaScript and back for each.
    #[wasm_bindgen(js_name = stemAll)]
    pub fn stem_all(&self, words: &str) -> String {
        let mut out = String::with_capacity(words.len());
        for (number, word) in words.split('\n').enumerate() {
            if number > 0 {
                out.push('\n');
            }
            out.push_str(&self.inner.stems(word));
        }
        out
    }
}
