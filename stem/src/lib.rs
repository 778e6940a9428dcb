//! Word forms: the Snowball stemmers of the languages that have one, for the search core.
//!
//! "Bibliotheken" and "Bibliothek", "libraries" and "library", "курсы" and "курс" share a stem.
//! The search core (`service_finder::search::Index::set_stemmer`) stems each of its terms once
//! and each query word as it is typed, and lets a word find the terms that share one of its
//! stems. The core does not carry the stemmers: they cost about 20 KB gzipped, so the widget
//! loads this crate as wasm modules of their own after the first results
//! (`www/widget/stemmer.js`): the stemmers of the directory's language and the UI language.
//!
//! Snowball has stemmers for German, English, Arabic, Russian and Turkish among the UI
//! languages; Persian, Ukrainian and Tigrinya have none, and their words keep the core's own
//! fallback (a word that matches nothing is searched again without its last letters). Each
//! language is a cargo feature, and the web build makes one module per language
//! (`dist/stem/<tag>.js`), so that a page downloads only the stemmers it uses.

use rust_stemmers::{Algorithm, Stemmer};

#[cfg(target_arch = "wasm32")]
mod web;

/// Stemmers for a few languages, used together: a word gets the stem of each.
pub struct WordStemmer {
    stemmers: Vec<Stemmer>,
}

impl WordStemmer {
    /// The stemmers for `languages`, language tags separated by commas or spaces ("de,en").
    /// A tag without a Snowball stemmer (or unknown, or given twice) is left out.
    pub fn for_languages(languages: &str) -> WordStemmer {
        let mut algorithms: Vec<Algorithm> = Vec::new();
        let mut stemmers = Vec::new();
        for tag in languages.split([',', ' ']) {
            if let Some((algorithm, stemmer)) = stemmer(tag)
                && !algorithms.contains(&algorithm)
            {
                algorithms.push(algorithm);
                stemmers.push(stemmer);
            }
        }
        WordStemmer { stemmers }
    }

    /// How many languages it stems.
    pub fn language_count(&self) -> usize {
        self.stemmers.len()
    }

    /// The stems of `word` (folded as the core folds it: lower case, no accents), one per
    /// language and each once, separated by spaces; empty without a stemmer.
    pub fn stems(&self, word: &str) -> String {
        let mut out = String::new();
        for stemmer in &self.stemmers {
            let stem = stemmer.stem(word);
            let known = out.split(' ').any(|known| known == stem);
            if !stem.is_empty() && !known {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&stem);
            }
        }
        out
    }
}

/// The Snowball stemmer for a language tag (its primary subtag), if there is one among the
/// UI languages and its feature is on. Each is created here with its algorithm named, so that
/// only the algorithms of the features on are linked (each about 2–5 KB gzipped in the wasm).
fn stemmer(tag: &str) -> Option<(Algorithm, Stemmer)> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
    let algorithm = match primary.to_ascii_lowercase().as_str() {
        #[cfg(feature = "de")]
        "de" => Algorithm::German,
        #[cfg(feature = "en")]
        "en" => Algorithm::English,
        #[cfg(feature = "ar")]
        "ar" => Algorithm::Arabic,
        #[cfg(feature = "ru")]
        "ru" => Algorithm::Russian,
        #[cfg(feature = "tr")]
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    let stemmer = match algorithm {
        #[cfg(feature = "de")]
        Algorithm::German => Stemmer::create(Algorithm::German),
        #[cfg(feature = "en")]
        Algorithm::English => Stemmer::create(Algorithm::English),
        #[cfg(feature = "ar")]
        Algorithm::Arabic => Stemmer::create(Algorithm::Arabic),
        #[cfg(feature = "ru")]
        Algorithm::Russian => Stemmer::create(Algorithm::Russian),
        #[cfg(feature = "tr")]
        Algorithm::Turkish => Stemmer::create(Algorithm::Turkish),
        _ => return None,
    };
    Some((algorithm, stemmer))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the two words have a stem in common.
    fn share_a_stem(stemmer: &WordStemmer, a: &str, b: &str) -> bool {
        let (a, b) = (stemmer.stems(a), stemmer.stems(b));
        a.split(' ')
            .any(|stem| b.split(' ').any(|other| other == stem))
    }

    #[test]
    fn forms_of_a_word_share_a_stem() {
        let stemmer = WordStemmer::for_languages("de,en");
        assert_eq!(stemmer.language_count(), 2);
        assert!(share_a_stem(&stemmer, "bibliotheken", "bibliothek"));
        assert!(share_a_stem(&stemmer, "libraries", "library"));
        assert!(!share_a_stem(&stemmer, "library", "bibliothek"));
        let russian = WordStemmer::for_languages("ru");
        assert!(share_a_stem(&russian, "курсы", "курс"));
        let turkish = WordStemmer::for_languages("tr");
        assert!(share_a_stem(&turkish, "kursları", "kurs"));
        let arabic = WordStemmer::for_languages("ar");
        assert!(share_a_stem(&arabic, "المكتبات", "مكتبة"));
    }

    #[test]
    fn languages_without_a_stemmer_are_left_out() {
        for languages in ["", "uk,fa,ti", "xx", "de-x-ls,de", " , "] {
            let stemmer = WordStemmer::for_languages(languages);
            assert!(stemmer.language_count() <= 1, "{languages}");
            let _ = stemmer.stems("wörter");
        }
        assert_eq!(WordStemmer::for_languages("uk").stems("курси"), "");
        assert_eq!(WordStemmer::for_languages("de-x-ls").language_count(), 1);
    }
}
