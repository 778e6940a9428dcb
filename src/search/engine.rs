//! Running a query against the index: text matching, filters, facets, sorting and paging.

use super::bitset::EntrySet;
use super::fold::{
    after_short_arabic_article, for_each_token, for_each_token_as_heard, one_swap_apart,
    prefix_within_one_edit, within_one_edit, without_arabic_article,
};
use super::index::{Index, Reach, weight};
use super::query::{FacetCount, Facets, Hit, MAX_LIMIT, Query, QueryError, SearchResults, Sort};
use super::stop_words::is_stop_word;
use super::thesaurus::{NamedBy, Thesaurus};
use crate::directory::{CourseLevel, CourseType, Kind};

/// The "any of" filter groups of a query, in the order `facet_filters` returns them.
#[derive(Clone, Copy)]
enum FacetGroup {
    Kinds,
    Categories,
    Languages,
    Levels,
    CourseTypes,
}
const FACET_GROUPS: usize = 5;
use crate::distance::{
    GeoPoint, geodesic_metres, haversine_error_bound, haversine_metres, within_radius,
};

/// Words of a query beyond this many are ignored (each one costs a pass over the postings).
const MAX_QUERY_WORDS: usize = 12;
/// How many other words may stand between two words of a thesaurus phrase in an entry's text.
const PHRASE_GAP: usize = 2;
/// Typo tolerance starts at this word length (in characters), as the issue asks.
const MIN_TYPO_WORD_CHARS: usize = 5;
/// Matching inside longer words (German compounds: `kurs` in `Sprachkurs`) starts here.
const MIN_INFIX_WORD_CHARS: usize = 4;
/// A thesaurus word counts inside a longer term from this length on.
const MIN_COMPOUND_PART_CHARS: usize = 6;
/// Letters that may follow a compound's last word ("-n", "-en", "-s").
const MAX_INFLECTED_ENDING_CHARS: usize = 2;
/// Shortest query word whose ending is cut to find other forms of it, when nothing matched it.
const MIN_STEM_WORD_CHARS: usize = 6;
/// At most this many letters are cut, and at least this many kept.
const MAX_STEM_CUT: usize = 3;
const MIN_STEM_CHARS: usize = 5;
/// Shortest query word that is compared by how it sounds, when nothing else matched it.
const MIN_SOUND_WORD_CHARS: usize = 5;
/// Shortest query word that matches the start of a topic's label or search word.
const MIN_TOPIC_PREFIX_CHARS: usize = 3;

/// How well a query word matches a term, in percent of the field weight. Scores are integers
/// (weight × quality) so that the inner loop over postings does no float arithmetic.
pub(super) mod quality {
    pub const EXACT: u16 = 100;
    pub const PREFIX: u16 = 80;
    pub const TYPO: u16 = 60;
    pub const INFIX: u16 = 50;
    pub const TYPO_PREFIX: u16 = 45;
    /// Another form of the word: one with the same stem, or its start without the ending.
    pub const STEM: u16 = 55;
    /// A word of the same thesaurus concept as the query word, in percent of how that word
    /// matches: "library" finds "Stadtbücherei" a little below an entry that says "library".
    pub const CONCEPT_PERCENT: u32 = 70;
}

/// The most a word's match in an entry's own text is worth when the entry only mentions it:
/// the whole word in its description (or a thesaurus word there, or another form of it).
const MENTION: u16 = weight::DESCRIPTION as u16 * quality::EXACT;

/// An entry that passed the text and hard filters, on its way to the result page.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    entry: u32,
    /// Text score: the sum over the words of field weight × match quality in percent.
    score: u32,
    /// Haversine distance in metres; infinity for entries without a place.
    approximate: f64,
    /// Exact geodesic distance, once measured.
    exact: Option<f64>,
    /// Whether it only mentions a word of the query (see `Tally::mentioned_words`): by
    /// distance, it comes after every entry that does not.
    mentions: bool,
}

/// Per entry, while the words of a query are matched: the score so far, the best match of the
/// current word, and how many words have matched.
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Tally {
    /// Sum of the words' best matches (field weight × quality).
    total: u32,
    /// The same sum with each word weighted by how rare it is, for ranking entries that match
    /// only some of the words (see [`word_rarity`]).
    weighted: u32,
    /// The current word's best match in the entry's own text (or by a thesaurus concept).
    best: u16,
    /// The current word's best match by one of the entry's categories.
    best_category: u16,
    matched_words: u8,
    /// How many words the entry only mentions: matched in its description or through its topic,
    /// not in its name, organisation or town ("Jobcenter" in a course whose description says
    /// where to register).
    mentioned_words: u8,
}

/// The entries a query's words match.
struct TextMatch {
    /// Entries that match every word.
    all_words: EntrySet,
    /// Entries that match at least one word.
    some_words: EntrySet,
    /// The category whose entries a word found in place of its concept, which no entry has.
    topic: Option<u16>,
    /// Every word found its entries only by how it sounds (see [`SearchResults::heard`]).
    heard: bool,
    /// A word found its entries only with a typing error or by how it sounds.
    loose: bool,
}

/// Notes one match of the current word in an entry: the best match in the entry's own text
/// and the best by a category's label or search words are kept apart (see [`word_value`]).
/// An entry's first match of the word lists it in `touched`.
fn offer_match(
    tallies: &mut [Tally],
    touched: &mut Vec<u32>,
    entry: u32,
    value: u16,
    by_category: bool,
) {
    let tally = &mut tallies[entry as usize];
    if tally.best == 0 && tally.best_category == 0 {
        touched.push(entry);
    }
    let best = if by_category {
        &mut tally.best_category
    } else {
        &mut tally.best
    };
    *best = (*best).max(value);
}

/// What a word's matches in an entry are worth together: the better one, and half the other.
/// "Kindergeld" is a search word of the family category, so every family service matches it;
/// the one whose own text says "Kindergeld" as well comes first.
fn word_value(in_text: u16, by_category: u16) -> u32 {
    let (text, category) = (u32::from(in_text), u32::from(by_category));
    text.max(category) + text.min(category) / 2
}

/// How much a word counts when entries match only some of the words: 1 for a word that most
/// entries match, up to 18 for one that a single entry matches (1 + log2 of the inverse share),
/// so that "Bücherei" outweighs "Stadt" in "Bücherei in der Stadt".
fn word_rarity(entry_count: usize, matched: usize) -> u32 {
    1 + (entry_count / matched.max(1)).max(1).ilog2()
}

/// Memory a search needs for every entry, kept between searches.
///
/// Allocating a tally for each of 100,000 entries per keystroke means fresh pages from the
/// operating system each time; reusing them makes a broad query about a third faster.
#[derive(Default, Debug)]
pub(super) struct Scratch {
    /// One tally per entry, all at their default between searches.
    tallies: Vec<Tally>,
    /// The haversine distance of each entry that `match_radius` tested in this search, by
    /// entry: ranking reads it instead of measuring again (a tenth of a broad radius search at
    /// 100,000 entries). Only entries tested in this search are read; the rest hold older values.
    distances: Vec<f64>,
}

impl Index {
    /// Runs `query`. Fails only for queries that make no sense (a radius without a point,
    /// coordinates out of range); unknown filter values simply match nothing.
    pub fn search(&self, query: &Query) -> Result<SearchResults, QueryError> {
        self.search_with(query, None)
    }

    /// Runs `query` like [`Index::search`], with `stem` giving the stems of each query word
    /// (see [`Index::set_stemmer`]): a word also finds the terms that share a stem with it.
    pub fn search_stemmed(
        &self,
        query: &Query,
        stem: &dyn Fn(&str) -> String,
    ) -> Result<SearchResults, QueryError> {
        self.search_with(query, Some(stem))
    }

    fn search_with(
        &self,
        query: &Query,
        stem: Option<&dyn Fn(&str) -> String>,
    ) -> Result<SearchResults, QueryError> {
        let radius_metres = check_query(query)?;
        let (words, heard) = query_words_as_heard(&query.text, self.thesaurus.as_ref());
        // Counted before two words are joined as one compound: see `SearchResults::loose`.
        let one_word = words.len() == 1;
        let (words, heard) = self.join_compounds_heard_as_two_words(words, heard);
        let has_text = !words.is_empty();
        // Per-entry scratch space is reused between queries: allocating and zeroing it anew
        // would cost more than most queries (see `Scratch`).
        let mut scratch = self
            .scratch
            .try_lock()
            .ok()
            .and_then(|mut shared| shared.take())
            .unwrap_or_default();

        // Hard filters narrow everything, facet counts included. Defunct entries are never
        // listed.
        let mut filtered = self.sets.audience.listed.clone();
        let mut exact_distances = Vec::new();
        let measured_all = if let (Some(centre), Some(radius)) = (query.near, radius_metres) {
            scratch.distances.resize(self.entries.count, f64::INFINITY);
            let (inside, measured) = self.match_radius(centre, radius, &mut scratch.distances);
            filtered.intersect_with(&inside);
            exact_distances = measured;
            true
        } else {
            false
        };
        if query.free_of_charge {
            filtered.intersect_with(&self.sets.free_of_charge);
        }
        if query.wheelchair_accessible {
            filtered.intersect_with(&self.sets.wheelchair);
        }
        // Flags narrow like hard filters, "all of"; each one's count is taken over the results.
        let flag_sets = self.flag_sets(query.today);
        for wanted in &query.flags {
            match flag_sets.iter().find(|(name, _)| name == wanted) {
                Some((_, set)) => filtered.intersect_with(set),
                None => filtered = EntrySet::empty(self.entries.count),
            }
        }
        let groups = self.facet_filters(query);
        let with_groups = |set: &EntrySet| {
            let mut narrowed = set.clone();
            for chosen in groups.iter().flatten() {
                narrowed.intersect_with(chosen);
            }
            narrowed
        };

        // The text is a hard filter too: every word must match. When no entry that passes the
        // other filters has every word, those with some of the words are listed instead,
        // ranked by how many and how rare their words are (issue 17: no dead ends).
        let mut touched_entries = Vec::new();
        let mut partial = false;
        let mut topic = None;
        let mut only_by_sound = false;
        let mut loosely = false;
        let (hard, results) = if has_text {
            scratch.tallies.resize(self.entries.count, Tally::default());
            let matched = self.match_text(
                &words,
                &heard,
                stem,
                &mut scratch.tallies,
                &mut touched_entries,
            );
            topic = matched.topic;
            only_by_sound = matched.heard;
            loosely = matched.loose;
            let mut hard = filtered.clone();
            hard.intersect_with(&matched.all_words);
            let results = with_groups(&hard);
            if results.is_empty() && words.len() > 1 && !matched.some_words.is_empty() {
                let mut relaxed_hard = filtered;
                relaxed_hard.intersect_with(&matched.some_words);
                let relaxed = with_groups(&relaxed_hard);
                partial = !relaxed.is_empty();
                if partial {
                    (relaxed_hard, relaxed)
                } else {
                    (hard, results)
                }
            } else {
                (hard, results)
            }
        } else {
            let results = with_groups(&filtered);
            (filtered, results)
        };
        let mut facets = self.count_facets(&hard, &groups);
        let total = results.count();
        let nothing = total == 0;
        facets.flags = flag_sets
            .iter()
            .filter(|(_, set)| !set.is_empty())
            .map(|(name, set)| FacetCount {
                value: (*name).to_owned(),
                count: if nothing {
                    0
                } else {
                    results.count_common(set)
                },
            })
            .collect();

        let end = query
            .offset
            .saturating_add(query.limit.min(MAX_LIMIT))
            .min(total);
        // Listed by name, the entries offered in the newcomer's language come first (not where
        // the caller asked for the name order itself).
        let offered_first = match (query.sort, &query.first_offered_in) {
            (Sort::Relevance, Some(language)) if !has_text && query.near.is_none() => {
                let base = language.split('-').next().unwrap_or_default();
                self.language_ids
                    .iter()
                    .position(|known| known == base)
                    .map(|number| &self.sets.languages[number])
            }
            _ => None,
        };
        let ranking = Ranking {
            index: self,
            near: query.near,
            offered_first,
            tallies: &scratch.tallies,
            partial,
            exact_distances: &exact_distances,
            // Every result lies within the radius, so match_radius measured each one.
            approximate_distances: measured_all.then_some(&scratch.distances[..]),
        };
        let mut page = if query.offset >= end {
            Vec::new()
        } else {
            ranking.first(&results, end, effective_sort(query, has_text))
        };
        page.drain(..query.offset.min(page.len()));
        let hits = page
            .into_iter()
            .map(|candidate| ranking.hit(candidate))
            .collect();

        for &entry in &touched_entries {
            scratch.tallies[entry as usize] = Tally::default();
        }
        if let Ok(mut shared) = self.scratch.try_lock() {
            *shared = Some(scratch);
        }
        Ok(SearchResults {
            total,
            partial,
            heard: only_by_sound && !nothing,
            loose: loosely && one_word && !nothing,
            topic: topic
                .filter(|_| !nothing)
                .and_then(|category| self.category_ids.get(usize::from(category)).cloned()),
            hits,
            facets,
        })
    }

    /// The category a thesaurus concept belongs to (`@topic:<category>` on its line), if the
    /// directory has that category.
    fn topic_of(&self, concept: u32) -> Option<u16> {
        let field = self.thesaurus.as_ref()?.field_of(concept)?;
        let id = field.strip_prefix(super::thesaurus::TOPIC_MARK)?;
        let at = self.category_ids.iter().position(|known| known == id)?;
        Some(at as u16)
    }

    /// The facet filters of a query, in the order of [`FacetGroup`]: "any of" the chosen
    /// values, `None` where none is chosen. An unknown value matches nothing.
    fn facet_filters(&self, query: &Query) -> [Option<EntrySet>; FACET_GROUPS] {
        let count = self.entries.count;
        let kinds = query
            .kinds
            .iter()
            .map(|kind| Some(&self.sets.kinds[*kind as usize]));
        let categories = query.categories.iter().map(|id| {
            let number = self.category_ids.iter().position(|known| known == id);
            number.map(|number| &self.sets.categories[number])
        });
        let languages = query.languages.iter().map(|code| {
            // Codes are stored in lower case; "DE" from a caller means "de".
            let number = self
                .language_ids
                .iter()
                .position(|known| known.eq_ignore_ascii_case(code));
            number.map(|number| &self.sets.languages[number])
        });
        let audience = &self.sets.audience;
        let levels = query
            .levels
            .iter()
            .map(|name| CourseLevel::parse(name).map(|level| &audience.levels[level as usize]));
        let course_types = query.course_types.iter().map(|name| {
            CourseType::parse(name).map(|course_type| &audience.course_types[course_type as usize])
        });
        [
            any_of(count, kinds),
            any_of(count, categories),
            any_of(count, languages),
            any_of(count, levels),
            any_of(count, course_types),
        ]
    }

    /// Counts each facet value over the results with every filter applied except that facet's
    /// own ("disjunctive facets"): a category chip shows how many results there would be with
    /// that category added to the chosen ones.
    /// The flags' counts are left empty: the caller fills them in over the results.
    fn count_facets(&self, hard: &EntrySet, groups: &[Option<EntrySet>; FACET_GROUPS]) -> Facets {
        // Nothing matched the text or the hard filters (a query that finds nothing): every
        // count is 0, and the sets need not be walked (issue 16: such a query must be cheap).
        let nothing = hard.is_empty();
        let count_common = |over: &EntrySet, set: &EntrySet| {
            if nothing { 0 } else { over.count_common(set) }
        };
        // The results with every group's filter but `own`.
        let narrowed = |own: FacetGroup| {
            if nothing {
                return hard.clone();
            }
            let mut set = hard.clone();
            for (number, filter) in groups.iter().enumerate() {
                if number != own as usize
                    && let Some(filter) = filter
                {
                    set.intersect_with(filter);
                }
            }
            set
        };
        let for_kinds = narrowed(FacetGroup::Kinds);
        let for_categories = narrowed(FacetGroup::Categories);
        let for_languages = narrowed(FacetGroup::Languages);
        let audience = &self.sets.audience;
        // Only values some course has: a chip that can never match helps nobody.
        let counts =
            |sets: &[EntrySet], names: &mut dyn Iterator<Item = &'static str>, over: &EntrySet| {
                sets.iter()
                    .zip(names)
                    .filter(|(set, _)| !set.is_empty())
                    .map(|(set, name)| FacetCount {
                        value: name.to_owned(),
                        count: count_common(over, set),
                    })
                    .collect::<Vec<_>>()
            };
        let levels = counts(
            &audience.levels,
            &mut CourseLevel::ALL.iter().map(|level| level.as_str()),
            &narrowed(FacetGroup::Levels),
        );
        let course_types = counts(
            &audience.course_types,
            &mut CourseType::ALL
                .iter()
                .map(|course_type| course_type.as_str()),
            &narrowed(FacetGroup::CourseTypes),
        );
        let kinds = Kind::ALL
            .iter()
            .map(|kind| FacetCount {
                value: kind.as_str().to_owned(),
                count: count_common(&for_kinds, &self.sets.kinds[*kind as usize]),
            })
            .collect();
        // Only categories that some entry uses: a chip for an empty category helps nobody.
        let categories = self
            .category_ids
            .iter()
            .zip(&self.sets.categories)
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(id, entries)| FacetCount {
                value: id.clone(),
                count: count_common(&for_categories, entries),
            })
            .collect();
        // Language ids are numbered by how often the directory offers them (see the index).
        let languages = self
            .language_ids
            .iter()
            .zip(&self.sets.languages)
            .map(|(code, entries)| FacetCount {
                value: code.clone(),
                count: count_common(&for_languages, entries),
            })
            .collect();
        Facets {
            kinds,
            categories,
            languages,
            levels,
            course_types,
            flags: Vec::new(),
        }
    }

    /// Matches each word of a query on its own (`heard`: each as it sounds, see
    /// `query_words_as_heard`). The scores are left in `tallies`, which must hold a default
    /// tally for every entry; every entry whose tally changed is listed in `touched_entries`,
    /// for the caller to reset afterwards.
    fn match_text(
        &self,
        words: &[String],
        heard: &[String],
        stem: Option<&dyn Fn(&str) -> String>,
        tallies: &mut [Tally],
        touched_entries: &mut Vec<u32>,
    ) -> TextMatch {
        let mut all_words = EntrySet::empty(self.entries.count);
        let mut some_words = EntrySet::empty(self.entries.count);
        let mut topic = None;
        let mut words_heard = 0;
        let mut loose_words = 0;
        let mut touched: Vec<u32> = Vec::new();
        // The thesaurus concepts that cover each word, and the entries of each concept met.
        let concepts = self
            .thesaurus
            .as_ref()
            .map(|thesaurus| thesaurus.concepts_of(words))
            .unwrap_or_default();
        for (word_number, word) in words.iter().enumerate() {
            touched.clear();
            let named = concepts.get(word_number);
            let concept_quality = match named {
                Some(named) if named.named_by == NamedBy::Typo => quality::TYPO,
                _ => quality::EXACT,
            };
            for &concept in named.into_iter().flat_map(|named| &named.concepts) {
                // An entry in the concept's broader topic is more likely about it than one
                // that only mentions it: the health office's "Kinderarztpraxis" before a
                // German course for mothers with "Kinderarzt" among its lesson topics. It
                // counts as the topic's search word would, at a concept's strength.
                let topic = self.topic_of(concept).and_then(|category| {
                    Some((category, self.sets.categories.get(usize::from(category))?))
                });
                for &(entry, value) in self.concept_entries(concept) {
                    let scale = |value: u32| {
                        (value * u32::from(concept_quality) / u32::from(quality::EXACT)) as u16
                    };
                    offer_match(tallies, &mut touched, entry, scale(u32::from(value)), false);
                    if let Some((category, members)) = topic
                        && members.contains(entry)
                    {
                        let weight = u32::from(self.category_weight(entry, category));
                        let value =
                            weight * u32::from(quality::EXACT) * quality::CONCEPT_PERCENT / 100;
                        offer_match(tallies, &mut touched, entry, scale(value), true);
                    }
                }
            }
            let concepts_found = !touched.is_empty();
            // A word whose concept no entry has ("Frauenarzt" where the directory lists no
            // gynaecologist) finds the entries of the concept's broader topic, as a search word
            // of that topic would: a way on rather than nothing, and said to be one. Also when
            // the word matches otherwise ("Zahnarzt" is a search word of health); and the
            // words of such a phrase stand for the topic alone ("kadın doktoru": not every
            // offer for women).
            if !concepts_found && named.is_some_and(|named| named.named_by != NamedBy::Prefix) {
                for &concept in named.into_iter().flat_map(|named| &named.concepts) {
                    if let Some(category) = self.topic_of(concept) {
                        topic.get_or_insert(category);
                        for entry in self.sets.categories[usize::from(category)].iter() {
                            let weight = self.category_weight(entry, category);
                            let value = u16::from(weight) * quality::EXACT;
                            offer_match(tallies, &mut touched, entry, value, true);
                        }
                    }
                }
            }
            // A word of a phrase that names a concept ("health insurance", "family doctor")
            // matches text only through the concept: on its own, "family" would find every
            // text about families. Its category matches stay ("child" in "doctor for my
            // child"). Unless the concept is in no entry and has no topic: then the words
            // count one by one.
            let in_phrase = named.is_some_and(|named| named.in_phrase) && !touched.is_empty();
            // Whether the word matched other than with a typing error or by its sound: a
            // newcomer's misspelt word may have matched a word of another meaning ("ادمن", a
            // misspelt "إدمان", addiction, is one swap from the Persian "آمدند", came), so the
            // widget offers the directory's nearest words beside such results.
            let mut firm =
                !touched.is_empty() && named.is_some_and(|named| named.named_by != NamedBy::Typo);
            // A word the thesaurus knows is spelled right: it is not compared letter by letter
            // with the directory's words, nor cut or sounded out below ("мечеть", a mosque the
            // directory does not have, is not "месту").
            let known = self
                .thesaurus
                .as_ref()
                .is_some_and(|thesaurus| thesaurus.knows(word));
            let mut offer = |entry, value, by_category| {
                if !in_phrase || tallies[entry as usize].best > 0 {
                    offer_match(tallies, &mut touched, entry, value, by_category);
                }
            };
            firm |= self.match_word(word, !in_phrase, known, &mut offer);
            // An Arabic word being typed keeps its article until three letters follow it
            // ("المح"), while the directory holds "المحامي" as "محامي": the letters after the
            // article are a start of a word too, so that the results do not vanish at the
            // fourth keystroke.
            if let Some(rest) = after_short_arabic_article(word) {
                firm |= self.match_word(rest, !in_phrase, false, &mut offer);
            }
            // Other forms of the word, by the stemmers of the languages that have one (not for
            // a word of a concept's phrase, which matches only through the concept, as above:
            // by its stems "طبيب نفسي", a psychiatrist, was "the doctor … the same building") …
            if let Some(stem) = stem.filter(|_| !in_phrase) {
                let terms = self.terms_sharing_stems(word, stem);
                firm |= !terms.is_empty();
                self.offer_terms(terms, tallies, &mut touched);
            }
            // … and when nothing matched, in a language without a stemmer ("роботою" for
            // "робота"), by cutting its ending …
            if touched.is_empty() && !known {
                let terms = self.terms_without_their_ending(word);
                firm |= !terms.is_empty();
                self.offer_terms(terms, tallies, &mut touched);
            }
            // … or a German word written as heard, in any script, with the "ال" that may be
            // its "Al" ("ألندورف", Allendorf).
            // (Four letters of another script are enough: "تافل" for "Tafel".)
            let word_heard = heard.get(word_number).unwrap_or(word);
            let sound_chars = MIN_SOUND_WORD_CHARS - usize::from(!word_heard.is_ascii());
            if touched.is_empty() && !known && word_heard.chars().count() >= sound_chars {
                // A compound joined from two words (`join_compounds_heard_as_two_words`) has
                // the four consonants that a compound needs already.
                let terms = self.terms_sounding_like(word_heard, false);
                self.offer_terms(terms, tallies, &mut touched);
                words_heard += usize::from(!touched.is_empty());
            }
            loose_words += usize::from(!firm && !touched.is_empty());
            let rarity = word_rarity(self.entries.count, touched.len());
            for &entry in &touched {
                let tally = &mut tallies[entry as usize];
                if tally.matched_words == 0 {
                    touched_entries.push(entry);
                    some_words.insert(entry);
                }
                tally.matched_words += 1;
                tally.mentioned_words += u8::from(tally.best <= MENTION);
                let value = word_value(tally.best, tally.best_category);
                tally.total += value;
                tally.weighted += value * rarity;
                if usize::from(tally.matched_words) == words.len() {
                    all_words.insert(entry);
                }
                tally.best = 0;
                tally.best_category = 0;
            }
        }
        TextMatch {
            all_words,
            some_words,
            topic,
            heard: words_heard == words.len(),
            loose: loose_words > 0,
        }
    }

    /// Offers the entries of each of `terms` (term number, match quality) at their field weight
    /// × that quality.
    fn offer_terms(&self, terms: Vec<(usize, u16)>, tallies: &mut [Tally], touched: &mut Vec<u32>) {
        for (term, quality) in terms {
            for (entry, weight) in self.postings_of(term) {
                offer_match(tallies, touched, entry, u16::from(weight) * quality, false);
            }
        }
    }

    /// Offers every entry that `word` matches by a category's label or search words and, with
    /// `in_text`, by a term of its text, with its value (field weight × match quality).
    /// Returns whether any of those matches is other than with a typing error.
    fn match_word(
        &self,
        word: &str,
        in_text: bool,
        known: bool,
        offer: &mut impl FnMut(u32, u16, bool),
    ) -> bool {
        let mut firm = false;
        // A single letter is the start of a name being typed: as a prefix it matches names,
        // organisations and towns, not every description word that starts with it (`i`
        // would otherwise match "in" in most German descriptions). Topics need three letters
        // (see `matching_categories`).
        let single_letter = word.chars().nth(1).is_none();
        let terms = if in_text {
            let looseness = if known {
                Looseness::ThesaurusWord
            } else {
                Looseness::AsTyped
            };
            self.matching_terms(word, looseness)
        } else {
            Vec::new()
        };
        for (term, quality) in terms {
            firm |= !is_typo(quality);
            let min_weight = if single_letter && quality != quality::EXACT {
                weight::CITY
            } else {
                0
            };
            for (entry, weight) in self.postings_of(term) {
                if weight >= min_weight {
                    offer(entry, u16::from(weight) * quality, false);
                }
            }
        }
        for (category, quality) in self.matching_categories(word, known) {
            firm |= !is_typo(quality);
            for entry in self.sets.categories[category as usize].iter() {
                let weight = self.category_weight(entry, category);
                offer(entry, u16::from(weight) * quality, true);
            }
        }
        firm
    }

    /// The entries that use a word or phrase of a thesaurus concept, each with its best
    /// value (field weight × match quality, scaled by [`quality::CONCEPT_PERCENT`]), sorted by
    /// entry. A phrase matches an entry that has all its words; a concept that stands for a
    /// field also matches the entries with it (see `thesaurus.rs`). Category
    /// labels are not searched here: "Kita" names the Kitas, not every family service.
    /// Worked out once per concept and kept: the same concepts come back with every letter
    /// typed.
    pub(super) fn concept_entries(&self, concept: u32) -> &[(u32, u16)] {
        let Some(thesaurus) = &self.thesaurus else {
            return &[];
        };
        let Some(cached) = self.concept_matches.get(concept as usize) else {
            return &[];
        };
        cached.get_or_init(|| {
            let mut found: Vec<(u32, u16)> = Vec::new();
            for phrase in thesaurus.phrases_of(concept) {
                found.extend(self.phrase_entries(phrase));
            }
            // A concept that stands for a field finds every entry with it, as strongly as a
            // category's label does: the entries' texts rarely say so. A language
            // ("українською") finds the entries offered in it, "kostenlos" those free of charge.
            let offered = match thesaurus.field_of(concept) {
                Some(super::thesaurus::FREE_OF_CHARGE) => Some(&self.sets.free_of_charge),
                _ => thesaurus.language_of(concept).and_then(|code| {
                    let at = self.language_ids.iter().position(|id| id == code)?;
                    self.sets.languages.get(at)
                }),
            };
            if let Some(offered) = offered {
                let value =
                    weight::CATEGORY as u16 * quality::EXACT * quality::CONCEPT_PERCENT as u16
                        / 100;
                for entry in offered.iter() {
                    found.push((entry, value));
                }
            }
            best_per_entry(&mut found);
            found
        })
    }

    /// The entries that have every word of `phrase` in one of their texts (its stop words, if
    /// it kept them, beside the others), each at the value of its weakest word other than a
    /// stop word.
    fn phrase_entries(&self, phrase: &[Box<str>]) -> Vec<(u32, u16)> {
        let mut phrase_entries: Option<Vec<(u32, u16)>> = None;
        // Per word of the phrase, the terms it matches, sorted.
        let mut accepted: Vec<Vec<usize>> = Vec::with_capacity(phrase.len());
        let stop_words: Vec<bool> = phrase.iter().map(|word| is_stop_word(word)).collect();
        let has_stop_words = stop_words.contains(&true);
        let stop_words_only = !stop_words.contains(&false);
        for (word, is_stop_word) in phrase.iter().zip(stop_words) {
            let matching = self.matching_terms(word, Looseness::ThesaurusWord);
            // Term numbers follow the terms' order: sorted numbers are sorted words.
            let mut terms: Vec<usize> = matching.iter().map(|&(term, _)| term).collect();
            crate::order::sort(&mut terms);
            accepted.push(terms);
            // A stop word is in almost every entry: it is looked for only beside the other
            // words, below (reading the entries of "bei" took most of the time).
            if is_stop_word && !stop_words_only {
                continue;
            }
            let mut word_entries: Vec<(u32, u16)> = Vec::new();
            for (term, quality) in matching {
                for (entry, weight) in self.postings_of(term) {
                    let value =
                        u32::from(weight) * u32::from(quality) * quality::CONCEPT_PERCENT / 100;
                    word_entries.push((entry, value as u16));
                }
            }
            best_per_entry(&mut word_entries);
            phrase_entries = Some(match phrase_entries {
                None => word_entries,
                // Every word of the phrase must match: keep the entries in both, each at its
                // weaker value.
                Some(before) => before
                    .into_iter()
                    .filter_map(|(entry, value)| {
                        let found = word_entries.binary_search_by_key(&entry, |&(e, _)| e);
                        found.ok().map(|at| (entry, value.min(word_entries[at].1)))
                    })
                    .collect(),
            });
        }
        let mut found = phrase_entries.unwrap_or_default();
        // An entry with every word has the phrase only if one of its texts has them all:
        // "first" in its English text and "aidat" in its Turkish one are not "first aid". A
        // phrase with its stop words (see `Thesaurus::from_text`) must have them together, in
        // order: a stop word is in almost every text, and "Hilfe" two sentences after "das
        // erste Jahr" is not "Erste Hilfe".
        if accepted.len() > 1 {
            found.retain(|&(entry, _)| self.has_phrase(entry, &accepted, has_stop_words));
        }
        found
    }

    /// Whether a text of `entry` has a word of each of `accepted` (term numbers, sorted, so
    /// their words are sorted too); with `together`, in their order and with at most
    /// [`PHRASE_GAP`] other words between two of them ("Beratung für Schwangere" in "Beratung
    /// für werdende Schwangere").
    fn has_phrase(&self, entry: u32, accepted: &[Vec<usize>], together: bool) -> bool {
        let Some(entry) = self.directory.entries.get(entry as usize) else {
            return false;
        };
        let accepts = |position: usize, token: &str| {
            accepted[position]
                .binary_search_by(|&term| (*self.terms[term]).cmp(token))
                .is_ok()
        };
        // Descriptions first (the lowest weight), where phrases mostly are: an entry that has
        // the phrase is read no further.
        let mut texts: Vec<(u8, &str)> = Vec::new();
        super::index::for_each_text(entry, &mut |text, weight| texts.push((weight, text)));
        crate::order::sort(&mut texts);
        texts.into_iter().any(|(_, text)| {
            // Together: how many words of the phrase are matched, and the words since the
            // last. Otherwise: which words were seen, one bit each.
            let (mut matched, mut since, mut seen) = (0, 0, 0u32);
            for_each_token(text, |token| {
                if !together {
                    for position in 0..accepted.len() {
                        if accepts(position, token) {
                            seen |= 1 << position;
                        }
                    }
                    return;
                }
                if matched == accepted.len() {
                    return;
                }
                if accepts(matched, token) {
                    (matched, since) = (matched + 1, 0);
                } else if matched > 0 && since < PHRASE_GAP {
                    since += 1;
                } else {
                    (matched, since) = (usize::from(accepts(0, token)), 0);
                }
            });
            matched == accepted.len() || seen.count_ones() as usize == accepted.len()
        })
    }

    /// The terms that start like `word` without its last one to three letters, for a word of
    /// six letters or more that matched nothing: the shortest ending that finds a term is cut.
    /// Not a stemmer of one language but a fallback for all of them: inflected forms differ at
    /// the end (Ukrainian "роботою" → "робот…", Turkish "kursları" → "kursl…"), and a stemmer
    /// for the nine UI languages does not exist in one crate (rust-stemmers has no Ukrainian,
    /// Persian or Tigrinya, and costs 21.6 KB gzipped for six languages).
    fn terms_without_their_ending(&self, word: &str) -> Vec<(usize, u16)> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < MIN_STEM_WORD_CHARS {
            return Vec::new();
        }
        for cut in 1..=MAX_STEM_CUT {
            let kept = chars.len() - cut;
            if kept < MIN_STEM_CHARS {
                break;
            }
            let stem = &word[..chars[kept].0];
            let start = self.terms.partition_point(|term| &**term < stem);
            let found: Vec<(usize, u16)> = (start..self.terms.len())
                .take_while(|&number| self.terms[number].starts_with(stem))
                .map(|number| (number, quality::STEM))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// Neighbouring words in another script, joined into one when together they sound like a
    /// word of the directory: a German compound heard and written as two words ("هاوس آرتس"
    /// for Hausarzt, "كيندر آرتس" for Kinderarzt). At least one of the two must match nothing
    /// as typed, and neither may name a thesaurus concept, alone or in a phrase: those words
    /// are the newcomer's own language ("حساب بنكي", a bank account). `heard` holds each word
    /// as it sounds (see `query_words_as_heard`) and is joined alike; a joined word is the two
    /// as heard.
    fn join_compounds_heard_as_two_words(
        &self,
        mut words: Vec<String>,
        mut heard: Vec<String>,
    ) -> (Vec<String>, Vec<String>) {
        if words.len() < 2 || words.iter().all(|word| word.is_ascii()) {
            return (words, heard);
        }
        let concepts = self
            .thesaurus
            .as_ref()
            .map(|thesaurus| thesaurus.concepts_of(&words))
            .unwrap_or_default();
        // Only the start of a concept's word ("كيندر" of "كيندرغيلد") leaves a word joinable.
        let names_a_concept = |number: usize| {
            concepts.get(number).is_some_and(|named| {
                !named.concepts.is_empty() && (named.in_phrase || named.named_by != NamedBy::Prefix)
            })
        };
        // None: never joined. Some(true): a word that matches nothing as typed.
        let joinable = |number: usize, word: &str| {
            let own_language = word.is_ascii() || names_a_concept(number);
            // Unknown: no word of a text or of a topic's search words (a word that only starts
            // one, "كيندر" of "كيندرغارتن", is unknown). Typos are not looked for: that would
            // cost more than all the rest (issue 16).
            (!own_language).then(|| {
                self.terms
                    .binary_search_by(|term| (**term).cmp(word))
                    .is_err()
                    && self
                        .category_terms
                        .binary_search_by(|(term, _)| (**term).cmp(word))
                        .is_err()
            })
        };
        // Whether the last word kept may be joined with the next, and whether it is unknown.
        let mut last_joinable: Option<bool> = None;
        let mut at = 0;
        // Word numbers as typed, for the thesaurus's view of each.
        let mut typed = 0;
        while at < words.len() {
            let this_joinable = joinable(typed, &words[at]);
            typed += 1;
            if let (Some(last_unknown), Some(this_unknown)) = (last_joinable, this_joinable)
                && (last_unknown || this_unknown)
            {
                let mut whole = heard[at - 1].clone();
                whole.push_str(&heard[at]);
                if !self.terms_sounding_like(&whole, true).is_empty() {
                    words[at - 1].clone_from(&whole);
                    heard[at - 1] = whole;
                    words.remove(at);
                    heard.remove(at);
                    last_joinable = None;
                    continue;
                }
            }
            last_joinable = this_joinable;
            at += 1;
        }
        (words, heard)
    }

    /// Terms that `word` matches, with the match quality.
    fn matching_terms(&self, word: &str, looseness: Looseness) -> Vec<(usize, u16)> {
        let mut out = Vec::new();
        let start = self.terms.partition_point(|term| &**term < word);
        let mut end = start;
        while end < self.terms.len() && self.terms[end].starts_with(word) {
            let quality = if &*self.terms[end] == word {
                quality::EXACT
            } else {
                quality::PREFIX
            };
            out.push((end, quality));
            end += 1;
        }
        let word_chars = word.chars().count();
        if word_chars >= MIN_COMPOUND_PART_CHARS && matches!(looseness, Looseness::ThesaurusWord) {
            let word_letters = super::index::letters(word);
            for (number, term) in self.terms.iter().enumerate() {
                if word_letters & !self.term_letters[number] == 0
                    && !(start..end).contains(&number)
                    && is_compound_head(word, term)
                    && !self.is_town_term(number)
                {
                    out.push((number, quality::INFIX));
                }
            }
        }
        if word_chars >= MIN_INFIX_WORD_CHARS && matches!(looseness, Looseness::AsTyped) {
            let word_letters = super::index::WordLetters::new(word);
            for (number, term) in self.terms.iter().enumerate() {
                // Two places of the word with characters not in the term: no typo or infix
                // match.
                if !word_letters.may_match(self.term_letters[number])
                    || (start..end).contains(&number)
                {
                    continue;
                }
                if let Some(quality) = fuzzy_quality(word, word_chars, term)
                    && (quality != quality::INFIX || !self.is_town_term(number))
                {
                    out.push((number, quality));
                }
            }
        }
        out
    }

    /// Whether term `number` is a word of a town's name, which a query word is not looked for
    /// inside: a town's name says where an entry is, not what it offers, and German town
    /// names are full of words ("Kirche" in Bromskirchen, "Feld" in Bielefeld). A typo in
    /// the town's name still finds it.
    fn is_town_term(&self, number: usize) -> bool {
        self.town_terms.contains(number as u32)
    }

    /// Categories whose label `word` matches, with the best match quality for each.
    fn matching_categories(&self, word: &str, known: bool) -> Vec<(u16, u16)> {
        let word_chars = word.chars().count();
        let mut best: Vec<(u16, u16)> = Vec::new();
        let mut offer = |category: u16, quality: u16| match best
            .iter_mut()
            .find(|(known, _)| *known == category)
        {
            Some((_, known_quality)) => *known_quality = (*known_quality).max(quality),
            None => best.push((category, quality)),
        };
        // Exact and prefix matches: the terms are sorted, so they are one binary-searched run.
        let start = self
            .category_terms
            .partition_point(|(term, _)| &**term < word);
        for (term, category) in &self.category_terms[start..] {
            if !term.starts_with(word) {
                break;
            }
            if **term == *word {
                offer(*category, quality::EXACT);
            } else if word_chars >= MIN_TOPIC_PREFIX_CHARS {
                // One or two letters start a word of almost every topic in nine languages:
                // only a whole word ("و", "and") counts.
                offer(*category, quality::PREFIX);
            }
        }
        // Typos and words inside compounds need a look at every term, from four letters on;
        // not for a word the thesaurus knows, which is spelled right (see `match_text`). The
        // same token stands in several categories' labels: it is compared once (repeats are
        // neighbours).
        if word_chars >= MIN_INFIX_WORD_CHARS && !known {
            let word_letters = super::index::WordLetters::new(word);
            let mut last: Option<(&str, Option<u16>)> = None;
            for ((term, category), term_letters) in
                self.category_terms.iter().zip(&self.category_term_letters)
            {
                if !word_letters.may_match(*term_letters) {
                    continue;
                }
                let quality = match last {
                    Some((known, quality)) if known == &**term => quality,
                    _ => {
                        let quality = (!term.starts_with(word))
                            .then(|| fuzzy_quality(word, word_chars, term))
                            .flatten();
                        last = Some((term, quality));
                        quality
                    }
                };
                if let Some(quality) = quality {
                    offer(*category, quality);
                }
            }
        }
        best
    }

    /// Entries within the radius: those with a place by geodesic distance, plus every
    /// region-wide or remote one. Also returns the exact distances that had to be measured,
    /// by entry (sorted: a few hundred at most, looked up by binary search), and writes each
    /// tested entry's haversine distance into `distances` (one slot per entry).
    fn match_radius(
        &self,
        centre: GeoPoint,
        radius_metres: f64,
        distances: &mut [f64],
    ) -> (EntrySet, Vec<(u32, f64)>) {
        let mut inside = self.sets.area.clone();
        let mut measured = Vec::new();
        let mut test = |entry: u32| {
            if let Reach::Point(point) = self.entries.reach[entry as usize] {
                let tested = within_radius(centre, point, radius_metres);
                distances[entry as usize] = tested.approximate;
                if tested.inside {
                    inside.insert(entry);
                }
                if let Some(exact) = tested.exact {
                    measured.push((entry, exact));
                }
            }
        };
        let mut candidates = Vec::new();
        if self.grid.candidates(centre, radius_metres, &mut candidates) {
            candidates.into_iter().for_each(&mut test);
        } else {
            (0..self.entries.count as u32).for_each(&mut test);
        }
        crate::order::sort_by(&mut measured, |a, b| a.0.cmp(&b.0));
        (inside, measured)
    }

    /// A totally ordered key per candidate: smaller comes first. Integers compare faster than
    /// closures over floats, and ties fall back to the directory's own entries before those
    /// merged in from neighbours, then to the name, so the order is stable.
    fn sort_key(&self, candidate: &Candidate, sort: Sort) -> (u64, (u64, u32)) {
        let tie = self.entries.tie_rank[candidate.entry as usize];
        // For non-negative floats the bit patterns sort like the numbers.
        let better_score_first = u64::from(u32::MAX - candidate.score);
        // With words typed, the entries that are what was typed come first, nearest first,
        // then those that only mention a word: "Jobcenter" near Korbach lists the job centre
        // before the nearer courses that say to register there. A non-negative float's bit
        // pattern has its top bit clear: it holds that group.
        let nearer_first =
            candidate.approximate.max(0.0).to_bits() | u64::from(candidate.mentions) << 63;
        match sort {
            Sort::Relevance => (better_score_first, (nearer_first, tie)),
            Sort::Distance => (nearer_first, (better_score_first, tie)),
            Sort::Name => (
                u64::from(self.entries.name_rank[candidate.entry as usize]),
                (0, 0),
            ),
        }
    }

    /// The `end` nearest candidates, in exact geodesic order.
    ///
    /// Haversine distances pick the nearest cheaply, but they are off by up to
    /// `haversine_error_bound`, so two entries a few metres apart could swap. Every candidate
    /// whose haversine distance is within three error bounds of the `end`-th is therefore
    /// measured exactly and sorted by that: no entry beyond can belong before the cut.
    fn nearest(&self, candidates: Vec<Candidate>, end: usize, centre: GeoPoint) -> Vec<Candidate> {
        let distance_key = |candidate: &Candidate| self.sort_key(candidate, Sort::Distance);
        let nearest = smallest_by_key(candidates.iter().copied(), end, distance_key, |candidate| {
            distance_key(candidate).0
        });
        let cut = nearest
            .iter()
            .map(|candidate| candidate.approximate)
            .fold(0.0, f64::max);
        let reach = cut + 3.0 * haversine_error_bound(cut);
        let mut band: Vec<Candidate> = candidates
            .into_iter()
            .filter(|candidate| candidate.approximate <= reach)
            .collect();
        for candidate in &mut band {
            if candidate.exact.is_none()
                && let Reach::Point(point) = self.entries.reach[candidate.entry as usize]
            {
                candidate.exact = Some(geodesic_metres(centre, point));
            }
        }
        let key = |candidate: &Candidate| {
            let (_, score_and_name) = self.sort_key(candidate, Sort::Distance);
            (
                candidate.exact.unwrap_or(f64::INFINITY).to_bits()
                    | u64::from(candidate.mentions) << 63,
                score_and_name,
            )
        };
        let mut page = smallest_by_key(band.into_iter(), end, key, |candidate| key(candidate).0);
        page.truncate(end);
        page
    }
}

/// What ranking the results of one search needs: the text scores, the point searched from
/// and the distances measured already.
struct Ranking<'a> {
    index: &'a Index,
    near: Option<GeoPoint>,
    /// In the order by name, the entries of this set (offered in the newcomer's language)
    /// before the others.
    offered_first: Option<&'a EntrySet>,
    tallies: &'a [Tally],
    /// Whether the results match only some of the words: then rarer words count for more.
    partial: bool,
    exact_distances: &'a [(u32, f64)],
    /// With a radius: every result's haversine distance, by entry (see `Scratch::distances`).
    approximate_distances: Option<&'a [f64]>,
}

impl Ranking<'_> {
    /// The first `end` results in `sort` order.
    fn first(&self, results: &EntrySet, end: usize, sort: Sort) -> Vec<Candidate> {
        match (sort, self.near) {
            // Name order is known in advance: walk it until the page is full; twice where the
            // entries offered in the newcomer's language come first, then the others.
            (Sort::Name, _) => {
                let mut page = Vec::new();
                // Without that language, the first walk takes every result.
                let walks = 1 + usize::from(self.offered_first.is_some());
                for offered in [true, false].into_iter().take(walks) {
                    for &entry in &self.index.entries.by_name {
                        if page.len() == end {
                            break;
                        }
                        let in_part = self.offered_first.is_none_or(|set| set.contains(entry));
                        if in_part == offered && results.contains(entry) {
                            page.push(self.candidate(entry));
                        }
                    }
                }
                page
            }
            (Sort::Distance, Some(centre)) => {
                let all = results.iter().map(|entry| self.candidate(entry)).collect();
                self.index.nearest(all, end, centre)
            }
            // Keys are computed from the entry number alone; a full candidate is made only for
            // the page, not for each of possibly tens of thousands of results.
            (sort, _) => {
                let key = |entry: &u32| {
                    let candidate = Candidate {
                        entry: *entry,
                        score: self.score(*entry),
                        approximate: self.approximate_metres(*entry),
                        exact: None,
                        mentions: false,
                    };
                    self.index.sort_key(&candidate, sort)
                };
                // With the page full, an entry whose score alone is worse cannot enter it: most
                // of a broad query's results are turned away by this one comparison.
                let first_component = |entry: &u32| u64::from(u32::MAX - self.score(*entry));
                smallest_by_key(results.iter(), end, key, first_component)
                    .into_iter()
                    .map(|entry| self.candidate(entry))
                    .collect()
            }
        }
    }

    /// The text score of an entry: 0 for a search without text.
    fn score(&self, entry: u32) -> u32 {
        self.tallies.get(entry as usize).map_or(0, |tally| {
            if self.partial {
                tally.weighted
            } else {
                tally.total
            }
        })
    }

    /// The haversine distance from the point searched from; infinity without a point or place.
    fn approximate_metres(&self, entry: u32) -> f64 {
        match (self.near, self.index.entries.reach[entry as usize]) {
            (Some(centre), Reach::Point(point)) => match self.approximate_distances {
                Some(measured) => measured[entry as usize],
                None => haversine_metres(centre, point),
            },
            _ => f64::INFINITY,
        }
    }

    fn candidate(&self, entry: u32) -> Candidate {
        let exact = self
            .exact_distances
            .binary_search_by_key(&entry, |&(measured, _)| measured)
            .ok()
            .map(|found| self.exact_distances[found].1);
        Candidate {
            entry,
            score: self.score(entry),
            approximate: self.approximate_metres(entry),
            exact,
            mentions: self
                .tallies
                .get(entry as usize)
                .is_some_and(|tally| tally.mentioned_words > 0),
        }
    }

    /// A result as returned: with the exact distance, measured now if it was not before.
    fn hit(&self, candidate: Candidate) -> Hit {
        let entry = candidate.entry as usize;
        let distance_metres = match (self.near, self.index.entries.reach[entry]) {
            (Some(centre), Reach::Point(point)) => Some(
                candidate
                    .exact
                    .unwrap_or_else(|| geodesic_metres(centre, point)),
            ),
            _ => None,
        };
        Hit {
            id: self.index.directory.entries[entry].id.clone(),
            entry_index: entry,
            // Shown as field weight × quality, with the quality as a fraction.
            score: candidate.score as f32 / 100.0,
            distance_metres,
        }
    }
}

/// The `count` items with the smallest keys, sorted by key. A bounded heap: one comparison for
/// most items, where sorting or selecting all of them would move every item.
///
/// `first_component` must return the first element of `key`, computed more cheaply; items
/// whose first component is already worse than the worst kept are skipped without their key.
fn smallest_by_key<T, A: Ord + Copy, B: Ord + Copy>(
    items: impl Iterator<Item = T>,
    count: usize,
    key: impl Fn(&T) -> (A, B),
    first_component: impl Fn(&T) -> A,
) -> Vec<T> {
    use std::collections::BinaryHeap;

    /// A heap element ordered by its key alone.
    struct Keyed<K, T>(K, T);
    impl<K: Ord, T> PartialEq for Keyed<K, T> {
        fn eq(&self, other: &Self) -> bool {
            self.0 == other.0
        }
    }
    impl<K: Ord, T> Eq for Keyed<K, T> {}
    impl<K: Ord, T> PartialOrd for Keyed<K, T> {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl<K: Ord, T> Ord for Keyed<K, T> {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.0.cmp(&other.0)
        }
    }

    if count == 0 {
        return Vec::new();
    }
    let mut heap: BinaryHeap<Keyed<(A, B), T>> = BinaryHeap::with_capacity(count + 1);
    for item in items {
        if heap.len() == count
            && heap
                .peek()
                .is_some_and(|worst| first_component(&item) > worst.0.0)
        {
            continue;
        }
        let item_key = key(&item);
        if heap.len() < count {
            heap.push(Keyed(item_key, item));
        } else if heap.peek().is_some_and(|worst| item_key < worst.0) {
            heap.pop();
            heap.push(Keyed(item_key, item));
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|Keyed(_, item)| item)
        .collect()
}

/// Sorts `(entry, value)` pairs by entry and keeps each entry once, with its best value.
fn best_per_entry(pairs: &mut Vec<(u32, u16)>) {
    crate::order::sort_by(pairs, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    pairs.dedup_by_key(|pair| pair.0);
}

/// How loosely a word may match terms: a query word as typed, or a thesaurus word.
#[derive(Clone, Copy)]
enum Looseness {
    /// A query word as typed: also with one typing error, or inside a longer word.
    AsTyped,
    /// A thesaurus word: only whole or as the start of a term, or from
    /// [`MIN_COMPOUND_PART_CHARS`] letters on as the last part of a compound ("Hebamme" in
    /// "Familienhebammen"). Anything looser adds noise ("bank" inside "Mitfahrbank", "books"
    /// as "book online").
    ThesaurusWord,
}

/// How `word` (of `word_chars` characters) matches `term` other than as a plain prefix.
fn fuzzy_quality(word: &str, word_chars: usize, term: &str) -> Option<u16> {
    // "Artz" for "Arzt" (and "Arztpraxis"): a word one letter shorter is allowed its
    // neighbours swapped only.
    if word_chars + 1 == MIN_TYPO_WORD_CHARS {
        if one_swap_apart(word, term) {
            return Some(quality::TYPO);
        }
        if term.len() > word.len()
            && term.is_char_boundary(word.len())
            && one_swap_apart(word, &term[..word.len()])
        {
            return Some(quality::TYPO_PREFIX);
        }
    }
    if word_chars >= MIN_TYPO_WORD_CHARS {
        if within_one_edit(word, term) {
            return Some(quality::TYPO);
        }
        if term.len() > word.len() && prefix_within_one_edit(word, term) {
            return Some(quality::TYPO_PREFIX);
        }
    }
    infix_quality(word, term)
}

/// Whether `word` ends the longer `term`, give or take an inflected ending of up to two
/// letters: German puts what a compound is at its end ("Familienhebammen" are midwives).
pub(super) fn is_compound_head(word: &str, term: &str) -> bool {
    match term.rfind(word) {
        Some(at) if at > 0 => term[at + word.len()..].chars().count() <= MAX_INFLECTED_ENDING_CHARS,
        _ => false,
    }
}

/// Whether a match of this quality is one with a typing error.
fn is_typo(quality: u16) -> bool {
    quality == quality::TYPO || quality == quality::TYPO_PREFIX
}

/// Whether `word` stands inside the longer `term` (`kurs` in `sprachkurs`).
fn infix_quality(word: &str, term: &str) -> Option<u16> {
    (term.len() > word.len() && term.contains(word)).then_some(quality::INFIX)
}

/// The folded words of a query, at most [`MAX_QUERY_WORDS`], without repeats and without stop
/// words (unless it has only those), but for the stop words of a phrase of `thesaurus` that it
/// holds whole: "Erste Hilfe" keeps its "Hilfe". Beside them, each word as it sounds: with the
/// Arabic article that folding drops (see `fold::for_each_token_as_heard`), for comparing it
/// by sound.
pub(super) fn query_words_as_heard(
    text: &str,
    thesaurus: Option<&Thesaurus>,
) -> (Vec<String>, Vec<String>) {
    let mut words: Vec<String> = Vec::new();
    let mut heard: Vec<String> = Vec::new();
    for_each_token_as_heard(text, |token| {
        let word = without_arabic_article(token);
        if !words.iter().any(|known| known == word) {
            words.push(word.to_owned());
            heard.push(token.to_owned());
        }
    });
    if words.iter().any(|word| !is_stop_word(word)) {
        let in_phrase = thesaurus
            .map(|thesaurus| thesaurus.whole_phrase_words(&words))
            .unwrap_or_default();
        let mut number = words.len();
        while number > 0 {
            number -= 1;
            if is_stop_word(&words[number]) && in_phrase.get(number) != Some(&true) {
                words.remove(number);
                heard.remove(number);
            }
        }
    }
    words.truncate(MAX_QUERY_WORDS);
    heard.truncate(MAX_QUERY_WORDS);
    (words, heard)
}

/// Checks a query and returns the radius in metres.
fn check_query(query: &Query) -> Result<Option<f64>, QueryError> {
    if let Some(point) = query.near
        && !point.is_valid()
    {
        return Err(QueryError {
            field: "near",
            message: format!(
                "{}, {} is not a point: latitude −90…90, longitude −180…180",
                crate::json::format_number(point.latitude, 6),
                crate::json::format_number(point.longitude, 6)
            ),
        });
    }
    match query.radius_km {
        None => Ok(None),
        Some(_) if query.near.is_none() => Err(QueryError {
            field: "radius_km",
            message: "a radius needs a point to measure from (near)".to_owned(),
        }),
        Some(radius) if radius.is_finite() && radius > 0.0 => Ok(Some(radius * 1000.0)),
        Some(radius) => Err(QueryError {
            field: "radius_km",
            message: format!(
                "{} is not a radius in kilometres",
                crate::json::format_number(radius, 3)
            ),
        }),
    }
}

/// The order actually used: relevance needs text, distance needs a point.
fn effective_sort(query: &Query, has_text: bool) -> Sort {
    match query.sort {
        Sort::Relevance if has_text => Sort::Relevance,
        Sort::Relevance | Sort::Distance if query.near.is_some() => Sort::Distance,
        Sort::Relevance | Sort::Distance | Sort::Name => Sort::Name,
    }
}

/// The union of the chosen values' sets; `None` when nothing is chosen. A value the directory
/// does not have (`None` in `sets`) adds nothing.
fn any_of<'a>(count: usize, sets: impl Iterator<Item = Option<&'a EntrySet>>) -> Option<EntrySet> {
    let mut union: Option<EntrySet> = None;
    for set in sets {
        let union = union.get_or_insert_with(|| EntrySet::empty(count));
        if let Some(set) = set {
            union.union_with(set);
        }
    }
    union
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::search::index::{WordLetters, letters};

    /// The letter filter may let a term through that does not match, but never hold one back
    /// that does: checked for every term of the demo against words made from other terms by
    /// one deletion, one substitution and one insertion, and against their parts.
    #[test]
    fn the_letter_filter_never_skips_a_term_that_matches() {
        let loaded = crate::directory::load_directory(crate::DEMO_DIRECTORY_JSON).unwrap();
        let index = Index::new(loaded.directory);
        let terms: Vec<&str> = index.terms.iter().map(|term| &**term).collect();
        let mut words: Vec<String> = Vec::new();
        for term in terms.iter().step_by(11) {
            let chars: Vec<char> = term.chars().collect();
            if chars.len() < 4 {
                continue;
            }
            let at = chars.len() / 2;
            let mut deleted = chars.clone();
            deleted.remove(at);
            let mut substituted = chars.clone();
            substituted[at] = 'q';
            let mut inserted = chars.clone();
            inserted.insert(at, 'z');
            for word in [
                deleted,
                substituted,
                inserted,
                chars[1..].to_vec(),
                chars[..4].to_vec(),
            ] {
                words.push(word.into_iter().collect());
            }
        }
        assert!(words.len() > 300, "{} words", words.len());
        let mut compared = 0;
        for word in &words {
            let word_chars = word.chars().count();
            let filter = WordLetters::new(word);
            for term in &terms {
                if fuzzy_quality(word, word_chars, term).is_some() {
                    compared += 1;
                    assert!(filter.may_match(letters(term)), "{word} → {term}");
                }
            }
        }
        assert!(compared > 1000, "only {compared} matches checked");
        // And it does skip: a word of letters no term has, or one letter repeated.
        assert!(!WordLetters::new("zzzz").may_match(letters("beratung")));
        assert!(!WordLetters::new("xyxy").may_match(letters("beratung")));
        assert!(WordLetters::new("beratnug").may_match(letters("beratung")));
        assert!(WordLetters::new("beratunx").may_match(letters("beratung")));
    }
}
