//! "Did you mean …": the words of the index and the thesaurus closest to a query that found
//! nothing, or only loosely.

use super::engine::query_words_as_heard;
use super::fold::tokens;
use super::index::Index;

/// Most suggestions returned.
const MAX_SUGGESTIONS: usize = 3;
/// Words shorter than this get no suggestion: two letters are the start of too many words.
const MIN_SUGGEST_CHARS: usize = 3;

/// A word of the index near a query word.
struct Candidate<'a> {
    /// The folded term.
    term: &'a str,
    /// Edits (insertions, deletions, substitutions, swaps of neighbours) from the query word.
    edits: usize,
    /// How many entries use it: of two equally near words, the common one is meant more often.
    entries: usize,
    /// Where it was found: a term of the entries' texts, a category's label or search word, or
    /// a word of the thesaurus.
    origin: Origin,
    /// Whether it is a word of the thesaurus: what newcomers ask for, so more likely meant
    /// than a word of the same distance that only stands in some entry's text ("ادمن" is one
    /// letter from "إدمان", addiction, and from "آمن", safe).
    asked_for: bool,
}

impl<'a> Candidate<'a> {
    /// Nearest first; of those, thesaurus words first, then the words of more entries.
    fn rank(&self) -> (usize, bool, std::cmp::Reverse<usize>, &'a str) {
        (
            self.edits,
            !self.asked_for,
            std::cmp::Reverse(self.entries),
            self.term,
        )
    }
}

#[derive(Clone, Copy)]
enum Origin {
    Term(usize),
    Category(u16),
    Thesaurus(u32),
}

impl Index {
    /// Up to three corrected queries for `text`, for when a search for it found nothing, or
    /// only loosely ([`SearchResults::loose`](super::SearchResults::loose)): each word replaced
    /// by the nearest word of the directory or of the thesaurus, whose concept some entry has
    /// (within one edit for short words, two from five letters on), written as the directory
    /// or the thesaurus writes it ("Bürgerbüro", not the folded "burgerburo"). A one-word
    /// query gets up to three alternatives; a longer one gets one, with every word corrected
    /// that can be, and the others as typed. Empty when nothing is near.
    ///
    /// Not part of [`Index::search`]: it compares the words with every term of the index, which
    /// a query that finds nothing should not pay for unless the widget asks.
    pub fn suggest(&self, text: &str) -> Vec<String> {
        let (words, heard) = query_words_as_heard(text, self.thesaurus.as_ref());
        let nearest: Vec<Vec<Candidate>> = words
            .iter()
            .zip(&heard)
            .map(|(word, heard)| self.nearest_words(word, word != heard))
            .collect();
        if let [only] = nearest.as_slice() {
            return only
                .iter()
                .filter_map(|candidate| self.written_form(candidate))
                .take(MAX_SUGGESTIONS)
                .collect();
        }
        let mut corrected = Vec::new();
        let mut changed = false;
        for (word, candidates) in words.iter().zip(&nearest) {
            match candidates.first().and_then(|best| self.written_form(best)) {
                Some(form) => {
                    changed = true;
                    corrected.push(form);
                }
                None => corrected.push(word_as_written(text, word).unwrap_or(word).to_owned()),
            }
        }
        if changed {
            vec![corrected.join(" ")]
        } else {
            Vec::new()
        }
    }

    /// The terms, category words and thesaurus words nearest `word`, best first. A word typed
    /// with the Arabic article (`with_article`, which folding dropped) gets one edit at most:
    /// it is more likely a name written as heard ("ألسفيلد", Alsfeld) than a misspelt word, and
    /// two edits from what is left of it ("سفيلد") found only chance words ("غيلد", of "بورغر
    /// غيلد").
    fn nearest_words(&self, word: &str, with_article: bool) -> Vec<Candidate<'_>> {
        let word_chars = word.chars().count();
        // A word the thesaurus knows is spelled right ("mosque"): the directory just has no
        // such entry, and a near word of another meaning ("koşu") would only mislead.
        let known = self
            .thesaurus
            .as_ref()
            .is_some_and(|thesaurus| thesaurus.knows(word));
        if word_chars < MIN_SUGGEST_CHARS || known {
            return Vec::new();
        }
        let max_edits = if word_chars >= 5 && !with_article {
            2
        } else {
            1
        };
        let near = |term: &str| {
            let term_chars = term.chars().count();
            if term_chars.abs_diff(word_chars) > max_edits || term == word {
                return None;
            }
            let edits = strsim::osa_distance(word, term);
            (edits <= max_edits).then_some(edits)
        };
        let terms = self
            .terms
            .iter()
            .enumerate()
            .map(|(number, term)| (&**term, Origin::Term(number)));
        let categories = self
            .category_terms
            .iter()
            .map(|(term, category)| (&**term, Origin::Category(*category)));
        let asked_for = self
            .thesaurus
            .iter()
            .flat_map(|thesaurus| thesaurus.words())
            .map(|(term, concept)| (term, Origin::Thesaurus(concept)));
        let mut found: Vec<Candidate> = Vec::new();
        for (term, origin) in terms.chain(categories).chain(asked_for) {
            let Some(edits) = near(term) else { continue };
            let entries = match origin {
                Origin::Term(number) => {
                    (self.term_starts[number + 1] - self.term_starts[number]) as usize
                }
                Origin::Category(category) => self.sets.categories[category as usize].count(),
                // A thesaurus word counts if some entry has its concept: it then finds them, in
                // whatever language they are written ("الإدمان" the German "Suchtberatung").
                Origin::Thesaurus(concept) => self.concept_entries(concept).len(),
            };
            let asked_for = matches!(origin, Origin::Thesaurus(_));
            match found.iter_mut().find(|known| known.term == term) {
                // A word of the directory's texts that is a thesaurus word too, or a category's.
                Some(known) => {
                    known.asked_for |= asked_for;
                    known.entries = known.entries.max(entries);
                }
                None if entries > 0 => found.push(Candidate {
                    term,
                    edits,
                    entries,
                    origin,
                    asked_for,
                }),
                None => {}
            }
        }
        crate::order::sort_by(&mut found, |a, b| a.rank().cmp(&b.rank()));
        found.truncate(MAX_SUGGESTIONS * 2);
        found
    }

    /// The candidate as people wrote it: the word of an entry's text or a category's label
    /// that folds to it. None if no listed entry uses it.
    fn written_form(&self, candidate: &Candidate) -> Option<String> {
        let texts: Vec<String> = match candidate.origin {
            Origin::Term(number) => {
                let (entry, _) = self
                    .postings_of(number)
                    .find(|&(entry, _)| self.sets.audience.listed.contains(entry))?;
                entry_texts(&self.directory.entries[entry as usize])
            }
            Origin::Category(category) => super::index::category_labels(
                &self.directory,
                &self.category_ids[category as usize],
            ),
            Origin::Thesaurus(_) => {
                let written = self.thesaurus.as_ref()?.written(candidate.term);
                return Some(written.unwrap_or(candidate.term).to_owned());
            }
        };
        let written = texts
            .iter()
            .find_map(|text| word_as_written(text, candidate.term));
        Some(written.unwrap_or(candidate.term).to_owned())
    }
}

/// The word of `text` that folds to `word`, as written there ("Deutschkurs", not the folded
/// "deutschkurs").
pub(super) fn word_as_written<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .find(|piece| tokens(piece) == [word])
}

/// The texts of an entry that the index takes words from.
fn entry_texts(entry: &crate::directory::Entry) -> Vec<String> {
    let mut texts: Vec<String> = entry.name.iter().map(|(_, text)| text.to_owned()).collect();
    for text in [entry.alternate_name.as_deref(), entry.description.as_ref()]
        .into_iter()
        .flatten()
    {
        texts.extend(text.iter().map(|(_, text)| text.to_owned()));
    }
    if let Some(organization) = &entry.organization {
        texts.extend(organization.name.iter().map(|(_, text)| text.to_owned()));
    }
    if let Some(location) = &entry.location {
        texts.extend(location.city.iter().cloned());
        if let Some(name) = &location.name {
            texts.extend(name.iter().map(|(_, text)| text.to_owned()));
        }
    }
    texts
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::search::{Index, Query};

    fn demo() -> Index {
        let loaded = crate::directory::load_directory(crate::DEMO_DIRECTORY_JSON).unwrap();
        Index::new(loaded.directory)
    }

    fn total(index: &Index, text: &str) -> usize {
        let query = Query {
            text: text.to_owned(),
            ..Query::default()
        };
        index.search(&query).unwrap().total
    }

    #[test]
    fn a_misspelt_word_gets_the_directory_s_word_as_written() {
        let index = demo();
        // Four letters: too short for typo tolerance or a comparison by sound.
        assert_eq!(total(&index, "Kjta"), 0);
        let suggestions = index.suggest("Kjta");
        assert_eq!(
            suggestions.first().map(String::as_str),
            Some("Kita"),
            "{suggestions:?}"
        );
        assert!(total(&index, &suggestions[0]) > 0);
    }

    #[test]
    fn every_suggestion_finds_something() {
        let index = demo();
        for text in [
            "Sprachkurz",
            "Bürgerbürro",
            "Hebame",
            "Schuldnerbertung",
            "Kinderarts",
        ] {
            for suggestion in index.suggest(text) {
                assert!(total(&index, &suggestion) > 0, "{text} → {suggestion}");
            }
        }
    }

    #[test]
    fn nothing_near_gives_no_suggestion() {
        let index = demo();
        assert!(index.suggest("qqqqqqqq").is_empty());
        assert!(index.suggest("xy").is_empty());
    }
}
