//! A thesaurus of what newcomers ask for ("library", "Bürgeramt", "центр зайнятості"), with
//! each concept's words in many languages: a query word that is one of a concept's words also
//! finds the entries that use any other word of it, so that an English or Ukrainian query
//! finds an entry written in German only.
//!
//! The words are kept in `data/thesaurus/<language>.json`; the widget loads the file for its
//! UI language after the first results and hands it to [`Index::set_thesaurus`] as text: one
//! concept per line, its words separated by tabs.
//!
//! A concept can also stand for a field of the entries, whatever their texts say: its id has a
//! colon, and its line starts with `@` and that id. `language:<code>` is a language the
//! services are offered in ("українською", "auf Arabisch", `@language:uk`): its words find every
//! entry that offers it. `flag:free-of-charge` ("kostenlos", "бесплатно") finds every entry
//! marked free of charge.
//!
//! An ordinary concept can name its broader topic, a category (`data/thesaurus/topics.json`):
//! its line starts with `@topic:` and the category id. Its words find that topic's entries when
//! no entry has the concept itself: "Frauenarzt" lists the health services of a county that
//! lists no gynaecologist.

use super::engine::is_compound_head;
use super::fold::{for_each_token, within_one_edit};
use super::index::Index;
use super::stop_words::{drop_stop_words, is_stop_word};
use super::suggest::word_as_written;

/// Longest phrase of a concept that is looked for in a query, in words.
const MAX_PHRASE_WORDS: usize = 4;
/// A query word that starts a concept's one-word phrase counts from this length on.
const MIN_PREFIX_CHARS: usize = 4;
/// A query word within one edit of a concept's one-word phrase counts from this length on.
const MIN_TYPO_CHARS: usize = 6;
/// A query word is looked at as a compound from this length on …
const MIN_COMPOUND_CHARS: usize = 9;
/// … and its last part must be a one-word phrase of at least this many letters.
const MIN_COMPOUND_HEAD_CHARS: usize = 6;

/// The concepts one query word names, and how.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct WordConcepts {
    /// Concept numbers, each once.
    pub concepts: Vec<u32>,
    /// Whether the word is part of a phrase of two or more words that names a concept:
    /// "health insurance" means the insurance, not everything about health, so the search
    /// matches such a word only through its concepts (see `Index::match_text`).
    pub in_phrase: bool,
    /// How the word names its concepts, when not by a whole word or phrase of theirs.
    pub named_by: NamedBy,
}

/// How a query word names a concept (see [`Thesaurus::concepts_of`]).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) enum NamedBy {
    /// As one of its words or a word of one of its phrases.
    #[default]
    Whole,
    /// As the start of one of its words: being typed, or "umsonst" of "Umsonstladen"; too
    /// vague to stand for the concept's broader topic.
    Prefix,
    /// As a compound that ends in one of its words ("Busfahrkarte").
    Compound,
    /// As a typing error of one of its words: its entries then count as little as a typo's
    /// match ("Sprachkafe" lists the Sprachcafés it was meant for before the other
    /// conversation groups).
    Typo,
}

impl WordConcepts {
    fn add(&mut self, concept: u32) {
        if !self.concepts.contains(&concept) {
            self.concepts.push(concept);
        }
    }
}

/// Concepts and their words, folded like query words.
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// Every phrase of every concept as folded words, with the concept's number; sorted, so
    /// that the phrases a query holds are found by binary search.
    phrases: Vec<(Box<[Box<str>]>, u32)>,
    /// Per concept, the positions of its phrases in `phrases`.
    concepts: Vec<Vec<u32>>,
    /// Per concept, the field of the entries it stands for (`@language:uk` on its line gives
    /// `language:uk`), if any.
    fields: Vec<Option<Box<str>>>,
    /// The text it was read from: its words as written, for "did you mean" (see
    /// [`Thesaurus::written`]).
    text: Box<str>,
}

/// Marks, in its concept's number, a phrase that lost words to stop words while the phrases
/// are read and sorted.
const SHORTENED: u32 = 1 << 31;

/// Marks, in its concept's number, a shortened phrase whose whole form is kept as well: it
/// names its concept in a query, and the whole form finds the entries.
const NAMES_ONLY: u32 = 1 << 30;

/// What starts the line of a concept that stands for a field of the entries, before its id.
const FIELD_MARK: char = '@';

/// Before a category id, the field of an ordinary concept that names its broader topic:
/// `@topic:health` on the line of the gynaecologist. A word of the concept finds the topic's
/// entries when no entry has the concept itself (see `Index::match_text`).
pub(super) const TOPIC_MARK: &str = "topic:";

/// The field concept of the entries marked free of charge.
pub(super) const FREE_OF_CHARGE: &str = "flag:free-of-charge";

impl Thesaurus {
    /// Reads the thesaurus text: one concept per line, its words and phrases separated by
    /// tabs. Empty lines and lines starting with `#` are skipped; a phrase of more than
    /// [`MAX_PHRASE_WORDS`] words could never be found in a query and is left out.
    pub fn from_text(text: &str) -> Thesaurus {
        let mut phrases: Vec<(Box<[Box<str>]>, u32)> = Vec::new();
        let mut concept_count = 0u32;
        let mut fields: Vec<Option<Box<str>>> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (field, line) = match line.strip_prefix(FIELD_MARK) {
                Some(marked) => marked.split_once('\t').unwrap_or((marked, "")),
                None => ("", line),
            };
            fields.push((!field.is_empty()).then(|| Box::from(field)));
            for phrase in line.split('\t') {
                let mut words: Vec<String> = Vec::new();
                for_each_token(phrase, |token| words.push(token.to_owned()));
                let typed = words.len();
                // As typed, stop words and all: a query keeps the stop words of a phrase it
                // holds whole (see `Thesaurus::whole_phrase_words`), and an entry must have
                // them too: "Erste Hilfe" is first aid, not everything "erste".
                let whole_kept = typed > 1
                    && typed <= MAX_PHRASE_WORDS
                    && words.iter().any(|word| is_stop_word(word));
                if whole_kept {
                    let whole = words.iter().map(|word| Box::from(word.as_str())).collect();
                    phrases.push((whole, concept_count));
                }
                // And without them, like the query words it is compared with: "Beratung für
                // eine Schwangere" names the pregnancy counselling, "I need work" the job
                // search. When the whole phrase is kept, this one only names the concept:
                // "Erste-Hilfe-Training" without its "Hilfe" would find every entry that says
                // "erste" and "Training".
                drop_stop_words(&mut words);
                if !words.is_empty() && words.len() <= MAX_PHRASE_WORDS {
                    let words: Box<[Box<str>]> = words.into_iter().map(Box::from).collect();
                    // Marked while the phrases are sorted (see below).
                    let mut marks = 0;
                    if words.len() < typed {
                        marks |= SHORTENED;
                    }
                    if whole_kept {
                        marks |= NAMES_ONLY;
                    }
                    phrases.push((words, concept_count | marks));
                }
            }
            concept_count += 1;
        }
        crate::order::sort(&mut phrases);
        // A phrase shortened by its stop words names its concept by the words left, unless
        // they are a phrase as it stands: without its "ohne", "ohne Krankenversicherung" (care
        // for the uninsured) would make every "Krankenversicherung" name that care too. The
        // mark sorts it after the whole phrases with the same words.
        phrases.dedup_by(|later, kept| {
            later.0 == kept.0
                && (later.1 == kept.1 || (kept.1 & SHORTENED == 0 && later.1 & SHORTENED != 0))
        });
        let mut concepts = vec![Vec::new(); concept_count as usize];
        for (position, (_, concept)) in phrases.iter_mut().enumerate() {
            let names_only = *concept & NAMES_ONLY != 0;
            *concept &= !(SHORTENED | NAMES_ONLY);
            if !names_only {
                concepts[*concept as usize].push(position as u32);
            }
        }
        Thesaurus {
            phrases,
            concepts,
            fields,
            text: Box::from(text),
        }
    }

    /// How many concepts it has.
    pub fn concept_count(&self) -> usize {
        self.concepts.len()
    }

    /// For each query word, the concepts of the phrases that cover it: "центр зайнятості"
    /// names the job centre with both its words. A word of six letters or more also names the
    /// concept of a one-word phrase one typing error away, and a compound the concept of its
    /// last part; not a concept of a language, though: "arabische" (Gemeinde) and
    /// "Arabischunterricht" say what a thing is about, not the language it is offered in.
    pub(super) fn concepts_of(&self, words: &[String]) -> Vec<WordConcepts> {
        let mut covering: Vec<WordConcepts> = vec![WordConcepts::default(); words.len()];
        // Phrases of two words and more first: a word of one names only the phrase's concept
        // ("طبيب نسائي", a gynaecologist, is not also any doctor; "دکتر زنان" not also women).
        for length in (1..=MAX_PHRASE_WORDS).rev() {
            for start in 0..(words.len() + 1).saturating_sub(length) {
                if length == 1 && covering[start].in_phrase {
                    continue;
                }
                for concept in self.concepts_named_by(&words[start..start + length]) {
                    for covered in &mut covering[start..start + length] {
                        covered.add(concept);
                        covered.in_phrase |= length > 1;
                    }
                }
            }
        }
        // A word that starts a one-word phrase ("debt" for "debts", or a word being typed).
        for (word, covered) in words.iter().zip(&mut covering) {
            if !covered.concepts.is_empty() || word.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            let first = self
                .phrases
                .partition_point(|(phrase, _)| phrase[0].as_ref() < word.as_str());
            for (phrase, concept) in &self.phrases[first..] {
                if !phrase[0].starts_with(word.as_str()) {
                    break;
                }
                if phrase.len() == 1 {
                    covered.add(*concept);
                    covered.named_by = NamedBy::Prefix;
                }
            }
        }
        // A compound whose last part is a one-word phrase: "Busfahrkarte" is a "Fahrkarte".
        for (word, covered) in words.iter().zip(&mut covering) {
            if covered.concepts.is_empty() && word.chars().count() >= MIN_COMPOUND_CHARS {
                for (phrase, concept) in &self.phrases {
                    if let [only] = &**phrase
                        && self.language_of(*concept).is_none()
                        && only.chars().count() >= MIN_COMPOUND_HEAD_CHARS
                        && is_compound_head(only, word)
                    {
                        covered.add(*concept);
                        covered.named_by = NamedBy::Compound;
                    }
                }
            }
        }
        for (word, covered) in words.iter().zip(&mut covering) {
            if covered.concepts.is_empty() && word.chars().count() >= MIN_TYPO_CHARS {
                for (phrase, concept) in &self.phrases {
                    if let [only] = &**phrase
                        && self.language_of(*concept).is_none()
                        && within_one_edit(word, only)
                    {
                        covered.add(*concept);
                        covered.named_by = NamedBy::Typo;
                    }
                }
            }
        }
        covering
    }

    /// The concepts of the phrases that are exactly `wanted` (folded words).
    fn concepts_named_by<'a>(&'a self, wanted: &'a [String]) -> impl Iterator<Item = u32> + 'a {
        let first = self
            .phrases
            .partition_point(|(phrase, _)| compare(phrase, wanted).is_lt());
        self.phrases[first..]
            .iter()
            .take_while(move |(phrase, _)| compare(phrase, wanted).is_eq())
            .map(|&(_, concept)| concept)
    }

    /// Which of the query's words belong to a phrase of two words or more that the query holds
    /// as the thesaurus writes it, stop words included: the query keeps those stop words
    /// ("Erste Hilfe", "Hilfe zum Lebensunterhalt").
    pub(super) fn whole_phrase_words(&self, words: &[String]) -> Vec<bool> {
        let mut covered = vec![false; words.len()];
        for length in 2..=MAX_PHRASE_WORDS.min(words.len()) {
            for start in 0..=words.len() - length {
                let wanted = &words[start..start + length];
                if self.concepts_named_by(wanted).next().is_some() {
                    covered[start..start + length].fill(true);
                }
            }
        }
        covered
    }

    /// Whether `word` (folded) is one of the words of a concept, whole: a word spelled right.
    pub(super) fn knows(&self, word: &str) -> bool {
        let at = self
            .phrases
            .partition_point(|(phrase, _)| phrase[0].as_ref() < word);
        self.phrases
            .get(at)
            .is_some_and(|(phrase, _)| phrase.len() == 1 && &*phrase[0] == word)
    }

    /// The field of the entries a concept stands for (`language:uk`, `flag:free-of-charge`),
    /// if it stands for one.
    pub(super) fn field_of(&self, concept: u32) -> Option<&str> {
        self.fields.get(concept as usize)?.as_deref()
    }

    /// The service language a concept names (its code, as in the entries' `languages`), if
    /// it names one.
    pub(super) fn language_of(&self, concept: u32) -> Option<&str> {
        self.field_of(concept)?.strip_prefix("language:")
    }

    /// The one-word phrases, folded, each with its concept: the words a misspelt query word
    /// may have been meant as.
    pub(super) fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.phrases
            .iter()
            .filter_map(|(phrase, concept)| match &**phrase {
                [only] => Some((&**only, *concept)),
                _ => None,
            })
    }

    /// The word as the thesaurus writes it ("الإدمان", "Bürgerbüro") that folds to `word`.
    pub(super) fn written(&self, word: &str) -> Option<&str> {
        word_as_written(&self.text, word)
    }

    /// The phrases of a concept, as folded words.
    pub(super) fn phrases_of(&self, concept: u32) -> impl Iterator<Item = &[Box<str>]> {
        self.concepts[concept as usize]
            .iter()
            .map(|&position| &*self.phrases[position as usize].0)
    }
}

/// The thesaurus text for a UI language, made natively from the JSON files in `folder`
/// (`data/thesaurus`) as the web build makes `dist/thesaurus/<language>.txt`: per concept of
/// the German file, its words in `language`, in German and in English, after `@` and the id of
/// a concept that stands for a field or `topic:` and the concept's broader topic (see the
/// module's description). For the CLI, the
/// benchmarks and the tests; fails with the file and what is wrong in it.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::disallowed_methods)] // Native only: the size rules are for the wasm.
pub fn thesaurus_text(folder: &std::path::Path, language: &str) -> Result<String, String> {
    let read = |language: &str| -> Result<serde_json::Map<String, serde_json::Value>, String> {
        let path = folder.join(format!("{language}.json"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            // A language without a file of its own searches with the German and English words.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && language != "de" => {
                return Ok(serde_json::Map::new());
            }
            Err(error) => return Err(format!("{}: {error}", path.display())),
        };
        match serde_json::from_str(&text) {
            Ok(serde_json::Value::Object(object)) => Ok(object),
            Ok(_) => Err(format!("{}: not a JSON object", path.display())),
            Err(error) => Err(format!("{}: {error}", path.display())),
        }
    };
    let language = if language == "de-x-ls" {
        "de"
    } else {
        language
    };
    let lists = [read(language)?, read("de")?, read("en")?];
    // The broader topic of each concept that has one, from `topics.json`: per category id, its
    // concepts.
    let topics = read("topics")?;
    let topic_of = |concept: &str| {
        topics.iter().find_map(|(category, concepts)| {
            let concepts = concepts.as_array()?;
            concepts
                .iter()
                .any(|known| known.as_str() == Some(concept))
                .then_some(category)
        })
    };
    let mut out = String::new();
    for concept in lists[1].keys().filter(|key| !key.starts_with('$')) {
        let mut words: Vec<&str> = Vec::new();
        if concept.contains(':') {
            out.push(FIELD_MARK);
            out.push_str(concept);
            out.push('\t');
        } else if let Some(category) = topic_of(concept) {
            out.push(FIELD_MARK);
            out.push_str(TOPIC_MARK);
            out.push_str(category);
            out.push('\t');
        }
        for list in &lists {
            let found = list.get(concept).and_then(serde_json::Value::as_array);
            for word in found
                .into_iter()
                .flatten()
                .filter_map(serde_json::Value::as_str)
            {
                if !words.contains(&word) && !word.contains(['\t', '\n']) {
                    words.push(word);
                }
            }
        }
        out.push_str(&words.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

/// Orders a phrase against query words, word by word.
fn compare(phrase: &[Box<str>], words: &[String]) -> std::cmp::Ordering {
    phrase
        .iter()
        .map(|word| &**word)
        .cmp(words.iter().map(String::as_str))
}

impl Index {
    /// Uses `thesaurus` from now on for every search (see the module's description); returns
    /// how many concepts it has. Replaces the one set before.
    pub fn set_thesaurus(&mut self, thesaurus: Thesaurus) -> usize {
        let count = thesaurus.concept_count();
        self.thesaurus = Some(thesaurus);
        self.concept_matches = (0..count).map(|_| std::sync::OnceLock::new()).collect();
        count
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        super::super::fold::tokens(text)
    }

    #[test]
    fn phrases_and_words_name_their_concepts() {
        let thesaurus = Thesaurus::from_text(
            "# job centre\nJobcenter\tцентр зайнятості\tjob centre\n\nBücherei\tlibrary\tStadtbücherei\n",
        );
        assert_eq!(thesaurus.concept_count(), 2);
        let concepts = |text: &str| -> Vec<(Vec<u32>, bool)> {
            thesaurus
                .concepts_of(&words(text))
                .into_iter()
                .map(|word| (word.concepts, word.in_phrase))
                .collect()
        };
        assert_eq!(
            concepts("центр зайнятості"),
            [(vec![0], true), (vec![0], true)]
        );
        assert_eq!(
            concepts("library Korbach"),
            [(vec![1], false), (vec![], false)]
        );
        // One typing error in a long word.
        assert_eq!(concepts("libary"), [(vec![1], false)]);
        // Half a phrase names nothing.
        assert_eq!(concepts("центр"), [(vec![], false)]);
        let phrases: Vec<Vec<&str>> = thesaurus
            .phrases_of(1)
            .map(|phrase| phrase.iter().map(|word| &**word).collect())
            .collect();
        assert_eq!(
            phrases,
            [vec!["bucherei"], vec!["library"], vec!["stadtbucherei"]]
        );
    }

    #[test]
    fn a_phrase_shortened_by_stop_words_does_not_take_another_concepts_word() {
        let thesaurus = Thesaurus::from_text(
            "Krankenversicherung\tKrankenkasse\nohne Krankenversicherung\tClearingstelle\nJob finden\n",
        );
        let concepts = |text: &str| -> Vec<Vec<u32>> {
            thesaurus
                .concepts_of(&words(text))
                .into_iter()
                .map(|word| word.concepts)
                .collect()
        };
        // Without its "ohne", the phrase would be the health insurance's own word.
        assert_eq!(concepts("Krankenversicherung"), [vec![0]]);
        assert_eq!(concepts("Clearingstelle"), [vec![1]]);
        // A shortened phrase that is no other concept's still names its own: "finden" is a
        // stop word, so "Job finden" is found as "job".
        assert_eq!(concepts("Job"), [vec![2]]);
    }

    #[test]
    fn any_text_reads_without_panicking() {
        for text in ["", "\t\t\n", "#", "a\tb\tc d e f g h\n\n\t", "\u{feff}x"] {
            let _ = Thesaurus::from_text(text).concepts_of(&words("a b c d e f g"));
        }
    }
}
