//! Word forms by a stemmer from outside: "Bibliotheken" finds "Bibliothek", "libraries"
//! "library", "курсы" "курс".
//!
//! The core carries no stemmer: Snowball's cost about 20 KB gzipped, more than all of issue 17
//! could add to the first results. The crate `service-finder-stem` (stem/) has them; the widget
//! loads it as a wasm module of its own after the first results, with the stemmers of the
//! directory's language and the UI language, and hands it to the core
//! ([`Index::set_stemmer`], then [`Index::search_stemmed`]). Natively, the tools pass a
//! closure over the same crate. Until a stemmer is set, and for the languages without one
//! (Persian, Ukrainian, Tigrinya), a word that matches nothing is searched again without its
//! last letters instead (`Index::terms_without_their_ending`).

use super::index::Index;

/// Words shorter than this are not stemmed: they are mostly a longer word being typed.
const MIN_STEMMED_CHARS: usize = 4;

/// Whether a term is long enough to be stemmed: the one rule for [`Index::stemmable_terms`] and
/// the stems handed back for them.
fn is_stemmable(term: &str) -> bool {
    term.chars().count() >= MIN_STEMMED_CHARS
}

impl Index {
    /// The terms [`Index::set_stemmer`] stems, in the order it asks for them: for a stemmer
    /// that works faster given all words at once.
    pub fn stemmable_terms(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .map(|term| &**term)
            .filter(|term| is_stemmable(term))
    }

    /// Stems every term of the index with `stem` and keeps the stems, so that from now on a
    /// query word passed to [`Index::search_stemmed`] also finds the terms that share one of
    /// its stems. `stem` gets a folded word and returns its stems, separated by spaces (one per
    /// language it knows; empty for none). Returns how many distinct stems the terms have.
    /// Replaces the stems of a stemmer set before.
    pub fn set_stemmer(&mut self, stem: &dyn Fn(&str) -> String) -> usize {
        let stems: Vec<String> = self.stemmable_terms().map(stem).collect();
        self.set_term_stems(&mut stems.iter().map(String::as_str))
    }

    /// As [`Index::set_stemmer`], with the stems already made: one item per term of
    /// [`Index::stemmable_terms`], in its order (the stems separated by spaces). Missing items
    /// count as no stems.
    pub fn set_term_stems(&mut self, stems_of_terms: &mut dyn Iterator<Item = &str>) -> usize {
        let mut stems: Vec<(Box<str>, u32)> = Vec::new();
        for (number, term) in self.terms.iter().enumerate() {
            if is_stemmable(term) {
                let of_term = stems_of_terms.next().unwrap_or_default();
                for one in of_term.split(' ').filter(|one| !one.is_empty()) {
                    stems.push((Box::from(one), number as u32));
                }
            }
        }
        crate::order::sort(&mut stems);
        stems.dedup();
        let mut distinct = stems.iter().map(|(one, _)| one).collect::<Vec<_>>();
        distinct.dedup();
        let count = distinct.len();
        self.term_stems = stems;
        count
    }

    /// The terms that share a stem with `word`, by the stems of [`Index::set_stemmer`], each
    /// with the match quality of a shared stem; none before one is set.
    pub(super) fn terms_sharing_stems(
        &self,
        word: &str,
        stem: &dyn Fn(&str) -> String,
    ) -> Vec<(usize, u16)> {
        let mut found: Vec<(usize, u16)> = Vec::new();
        if self.term_stems.is_empty() || word.chars().count() < MIN_STEMMED_CHARS {
            return found;
        }
        for one in stem(word).split(' ').filter(|one| !one.is_empty()) {
            let start = self.term_stems.partition_point(|(known, _)| &**known < one);
            for (known, term) in &self.term_stems[start..] {
                if &**known != one {
                    break;
                }
                found.push((*term as usize, super::engine::quality::STEM));
            }
        }
        found
    }
}
