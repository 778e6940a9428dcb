//! Running a query against the index: text matching, filters, facets, sorting and paging.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::fold::{for_each_token, prefix_within_one_edit, within_one_edit};
use super::index::{Index, Reach, weight};
use super::query::{FacetCount, Facets, Hit, MAX_LIMIT, Query, QueryError, SearchResults, Sort};
use crate::directory::Kind;
use crate::distance::{GeoPoint, geodesic_metres, haversine_error_bound, haversine_metres, within_radius};

/// Words of a query beyond this many are ignored (each one costs a pass over the postings).
const MAX_QUERY_WORDS: usize = 12;
/// Typo tolerance starts at this word length (in characters), as the issue asks.
const MIN_TYPO_WORD_CHARS: usize = 5;
/// Matching inside longer words (German compounds: `kurs` in `Sprachkurs`) starts here.
const MIN_INFIX_WORD_CHARS: usize = 4;

/// How well a query word matches a term, as a factor on the field weight.
mod quality {
    pub const EXACT: f32 = 1.0;
    pub const PREFIX: f32 = 0.8;
    pub const TYPO: f32 = 0.6;
    pub const INFIX: f32 = 0.5;
    pub const TYPO_PREFIX: f32 = 0.45;
}

/// An entry that passed the text and hard filters, on its way to the result page.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    entry: u32,
    score: f32,
    /// Haversine distance in metres; infinity for entries without a place.
    approximate: f64,
    /// Exact geodesic distance, once measured.
    exact: Option<f64>,
}

impl Index {
    /// Runs `query`. Fails only for queries that make no sense (a radius without a point,
    /// coordinates out of range); unknown filter values simply match nothing.
    pub fn search(&self, query: &Query) -> Result<SearchResults, QueryError> {
        let radius_metres = check_query(query)?;
        let words = query_words(&query.text);
        let text_matches = (!words.is_empty()).then(|| self.match_text(&words));
        let radius_matches = match (query.near, radius_metres) {
            (Some(centre), Some(radius)) => Some(self.match_radius(centre, radius)),
            _ => None,
        };

        let filter = FilterSet::new(self, query);
        let mut counter = FacetCounter::new(self);
        let mut candidates = Vec::new();
        let mut consider = |entry: u32, score: f32, exact: Option<f64>| {
            if !filter.passes_hard_filters(self, entry) {
                return;
            }
            if counter.count(self, &filter, entry) {
                candidates.push(Candidate { entry, score, approximate: f64::INFINITY, exact });
            }
        };
        match (&text_matches, &radius_matches) {
            (Some(text), Some(radius)) => {
                for &(entry, score) in text {
                    if let Some(&exact) = radius.get(&entry) {
                        consider(entry, score, exact);
                    }
                }
            }
            (Some(text), None) => text.iter().for_each(|&(entry, score)| consider(entry, score, None)),
            (None, Some(radius)) => {
                let mut entries: Vec<(&u32, &Option<f64>)> = radius.iter().collect();
                entries.sort_unstable_by_key(|(entry, _)| **entry);
                entries.into_iter().for_each(|(&entry, &exact)| consider(entry, 0.0, exact));
            }
            (None, None) => (0..self.entries.kind.len() as u32).for_each(|entry| consider(entry, 0.0, None)),
        }

        if let Some(centre) = query.near {
            for candidate in &mut candidates {
                if let Reach::Point(point) = self.entries.reach[candidate.entry as usize] {
                    candidate.approximate = haversine_metres(centre, point);
                }
            }
        }
        let total = candidates.len();
        let limit = query.limit.min(MAX_LIMIT);
        let page = self.page(candidates, query, !words.is_empty(), limit);
        let hits = page
            .into_iter()
            .map(|candidate| {
                let entry = candidate.entry as usize;
                let distance_metres = match (query.near, self.entries.reach[entry]) {
                    (Some(centre), Reach::Point(point)) => Some(candidate.exact.unwrap_or_else(|| geodesic_metres(centre, point))),
                    _ => None,
                };
                Hit { id: self.directory.entries[entry].id.clone(), entry_index: entry, score: candidate.score, distance_metres }
            })
            .collect();
        Ok(SearchResults { total, hits, facets: counter.finish(self) })
    }

    /// Entries matching every word, with their summed scores.
    fn match_text(&self, words: &[String]) -> Vec<(u32, f32)> {
        let count = self.entries.kind.len();
        let mut total = vec![0f32; count];
        let mut matched_words = vec![0u8; count];
        let mut best = vec![0f32; count];
        let mut touched: Vec<u32> = Vec::new();
        let mut result = Vec::new();
        for (word_number, word) in words.iter().enumerate() {
            touched.clear();
            let mut offer = |entry: u32, value: f32| {
                let slot = &mut best[entry as usize];
                if *slot == 0.0 {
                    touched.push(entry);
                }
                if value > *slot {
                    *slot = value;
                }
            };
            for (term, quality) in self.matching_terms(word) {
                for posting in self.postings_of(term) {
                    offer(posting.entry, f32::from(posting.weight) * quality);
                }
            }
            for (category, quality) in self.matching_categories(word) {
                for &entry in &self.category_entries[category as usize] {
                    offer(entry, f32::from(weight::CATEGORY) * quality);
                }
            }
            let is_last = word_number + 1 == words.len();
            for &entry in &touched {
                let index = entry as usize;
                if usize::from(matched_words[index]) == word_number {
                    matched_words[index] += 1;
                    total[index] += best[index];
                    if is_last {
                        result.push((entry, total[index]));
                    }
                }
                best[index] = 0.0;
            }
        }
        result.sort_unstable_by_key(|&(entry, _)| entry);
        result
    }

    /// Terms that `word` matches, with the match quality.
    fn matching_terms(&self, word: &str) -> Vec<(usize, f32)> {
        let mut out = Vec::new();
        let start = self.terms.partition_point(|term| &**term < word);
        let mut end = start;
        while end < self.terms.len() && self.terms[end].starts_with(word) {
            let quality = if &*self.terms[end] == word { quality::EXACT } else { quality::PREFIX };
            out.push((end, quality));
            end += 1;
        }
        let word_chars = word.chars().count();
        if word_chars >= MIN_INFIX_WORD_CHARS {
            for (number, term) in self.terms.iter().enumerate() {
                if (start..end).contains(&number) {
                    continue;
                }
                if let Some(quality) = fuzzy_quality(word, word_chars, term) {
                    out.push((number, quality));
                }
            }
        }
        out
    }

    /// Categories whose label `word` matches, with the best match quality for each.
    fn matching_categories(&self, word: &str) -> Vec<(u16, f32)> {
        let word_chars = word.chars().count();
        let mut best: Vec<(u16, f32)> = Vec::new();
        for (term, category) in &self.category_terms {
            let quality = if **term == *word {
                Some(quality::EXACT)
            } else if term.starts_with(word) {
                Some(quality::PREFIX)
            } else if word_chars >= MIN_INFIX_WORD_CHARS {
                fuzzy_quality(word, word_chars, term)
            } else {
                None
            };
            if let Some(quality) = quality {
                match best.iter_mut().find(|(known, _)| known == category) {
                    Some((_, known_quality)) => *known_quality = known_quality.max(quality),
                    None => best.push((*category, quality)),
                }
            }
        }
        best
    }

    /// Entries within the radius: entries with a place by geodesic distance (the exact distance
    /// when it had to be measured), plus every region-wide or remote entry.
    fn match_radius(&self, centre: GeoPoint, radius_metres: f64) -> FxHashMap<u32, Option<f64>> {
        let mut inside = FxHashMap::default();
        let mut candidates = Vec::new();
        let narrowed = self.grid.candidates(centre, radius_metres, &mut candidates);
        let mut test = |entry: u32| {
            if let Reach::Point(point) = self.entries.reach[entry as usize] {
                let (is_inside, exact) = within_radius(centre, point, radius_metres);
                if is_inside {
                    inside.insert(entry, exact);
                }
            }
        };
        if narrowed {
            candidates.into_iter().for_each(&mut test);
        } else {
            (0..self.entries.reach.len() as u32).for_each(&mut test);
        }
        for (entry, reach) in self.entries.reach.iter().enumerate() {
            if *reach == Reach::Area {
                inside.insert(entry as u32, None);
            }
        }
        inside
    }

    /// Sorts just enough of `candidates` to return the requested page.
    fn page(&self, mut candidates: Vec<Candidate>, query: &Query, has_text: bool, limit: usize) -> Vec<Candidate> {
        let end = query.offset.saturating_add(limit).min(candidates.len());
        if query.offset >= end {
            return Vec::new();
        }
        let name_rank = &self.entries.name_rank;
        let by_name = |a: &Candidate, b: &Candidate| name_rank[a.entry as usize].cmp(&name_rank[b.entry as usize]);
        let by_score = |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score);
        let by_approximate = |a: &Candidate, b: &Candidate| a.approximate.total_cmp(&b.approximate);
        let sort = match query.sort {
            Sort::Relevance if has_text => Sort::Relevance,
            Sort::Relevance | Sort::Distance if query.near.is_some() => Sort::Distance,
            Sort::Relevance | Sort::Distance => Sort::Name,
            Sort::Name => Sort::Name,
        };
        match sort {
            Sort::Name => select_sorted(&mut candidates, end, by_name),
            Sort::Relevance => {
                select_sorted(&mut candidates, end, |a, b| by_score(a, b).then(by_approximate(a, b)).then(by_name(a, b)))
            }
            Sort::Distance => {
                let centre = query.near.unwrap_or(GeoPoint::new(0.0, 0.0));
                self.sort_by_distance(&mut candidates, end, centre, move |a, b| by_score(a, b).then(by_name(a, b)));
            }
        }
        candidates.truncate(end);
        candidates.drain(..query.offset);
        candidates
    }

    /// Puts the `end` nearest candidates first, in exact geodesic order.
    ///
    /// Haversine distances pick the nearest cheaply, but they are off by up to
    /// `haversine_error_bound`, so two entries a few metres apart could swap. Every candidate
    /// whose haversine distance is within three error bounds of the `end`-th is therefore
    /// measured exactly and sorted by that: no entry out there can belong before the cut.
    fn sort_by_distance(
        &self,
        candidates: &mut [Candidate],
        end: usize,
        centre: GeoPoint,
        tie_break: impl Fn(&Candidate, &Candidate) -> Ordering,
    ) {
        let by_approximate = |a: &Candidate, b: &Candidate| a.approximate.total_cmp(&b.approximate).then(tie_break(a, b));
        if end < candidates.len() {
            candidates.select_nth_unstable_by(end - 1, by_approximate);
        }
        let cut = candidates[..end].iter().map(|candidate| candidate.approximate).fold(0.0, f64::max);
        let reach = cut + 3.0 * haversine_error_bound(cut);
        let mut head = end;
        for index in end..candidates.len() {
            if candidates[index].approximate <= reach {
                candidates.swap(index, head);
                head += 1;
            }
        }
        let head = &mut candidates[..head];
        for candidate in head.iter_mut() {
            if candidate.exact.is_none()
                && let Reach::Point(point) = self.entries.reach[candidate.entry as usize]
            {
                candidate.exact = Some(geodesic_metres(centre, point));
            }
        }
        head.sort_unstable_by(|a, b| {
            let a_distance = a.exact.unwrap_or(f64::INFINITY);
            let b_distance = b.exact.unwrap_or(f64::INFINITY);
            a_distance.total_cmp(&b_distance).then(tie_break(a, b))
        });
    }
}

/// How `word` (of `word_chars` characters) matches `term` other than as a plain prefix.
fn fuzzy_quality(word: &str, word_chars: usize, term: &str) -> Option<f32> {
    if word_chars >= MIN_TYPO_WORD_CHARS {
        if within_one_edit(word, term) {
            return Some(quality::TYPO);
        }
        if term.len() > word.len() && prefix_within_one_edit(word, term) {
            return Some(quality::TYPO_PREFIX);
        }
    }
    if term.len() > word.len() && term.contains(word) {
        return Some(quality::INFIX);
    }
    None
}

/// The folded words of a query, at most [`MAX_QUERY_WORDS`], without repeats.
fn query_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for_each_token(text, |token| {
        if words.len() < MAX_QUERY_WORDS && !words.iter().any(|word| word == token) {
            words.push(token.to_owned());
        }
    });
    words
}

/// Checks a query and returns the radius in metres.
fn check_query(query: &Query) -> Result<Option<f64>, QueryError> {
    if let Some(point) = query.near
        && !point.is_valid()
    {
        return Err(QueryError {
            field: "near",
            message: format!("{}, {} is not a point: latitude −90…90, longitude −180…180", point.latitude, point.longitude),
        });
    }
    match query.radius_km {
        None => Ok(None),
        Some(_) if query.near.is_none() => {
            Err(QueryError { field: "radius_km", message: "a radius needs a point to measure from (near)".to_owned() })
        }
        Some(radius) if radius.is_finite() && radius > 0.0 => Ok(Some(radius * 1000.0)),
        Some(radius) => Err(QueryError { field: "radius_km", message: format!("{radius} is not a radius in kilometres") }),
    }
}

/// The query's filters, prepared for fast checks.
struct FilterSet {
    kinds: Option<[bool; 3]>,
    categories: Option<Vec<bool>>,
    languages: Option<Vec<bool>>,
    free_of_charge: bool,
    wheelchair: bool,
}

impl FilterSet {
    fn new(index: &Index, query: &Query) -> FilterSet {
        let kinds = (!query.kinds.is_empty()).then(|| Kind::ALL.map(|kind| query.kinds.contains(&kind)));
        let categories = (!query.categories.is_empty())
            .then(|| index.category_ids.iter().map(|id| query.categories.contains(id)).collect());
        let languages = (!query.languages.is_empty())
            .then(|| index.language_ids.iter().map(|code| query.languages.iter().any(|wanted| wanted == code)).collect());
        FilterSet { kinds, categories, languages, free_of_charge: query.free_of_charge, wheelchair: query.wheelchair_accessible }
    }

    /// The filters that are not facets.
    fn passes_hard_filters(&self, index: &Index, entry: u32) -> bool {
        let entry = entry as usize;
        (!self.free_of_charge || index.entries.free_of_charge[entry]) && (!self.wheelchair || index.entries.wheelchair[entry])
    }

    fn kind_passes(&self, kind: Kind) -> bool {
        self.kinds.is_none_or(|kinds| kinds[kind_number(kind)])
    }

    fn any_of(wanted: &Option<Vec<bool>>, values: &[u16]) -> bool {
        wanted.as_ref().is_none_or(|wanted| values.iter().any(|&value| wanted[value as usize]))
    }
}

/// Counts facets the disjunctive way, in one pass.
struct FacetCounter {
    kinds: [usize; 3],
    categories: Vec<usize>,
    languages: Vec<usize>,
}

impl FacetCounter {
    fn new(index: &Index) -> FacetCounter {
        FacetCounter { kinds: [0; 3], categories: vec![0; index.category_ids.len()], languages: vec![0; index.language_ids.len()] }
    }

    /// Counts `entry` (which passed the hard filters) and says whether it is a result.
    ///
    /// An entry that fails exactly one facet filter counts only in that facet: it is what
    /// choosing another value of that facet would add.
    fn count(&mut self, index: &Index, filter: &FilterSet, entry: u32) -> bool {
        let number = entry as usize;
        let kind = index.entries.kind[number];
        let categories = index.entries.categories(number);
        let languages = index.entries.languages(number);
        let kind_ok = filter.kind_passes(kind);
        let categories_ok = FilterSet::any_of(&filter.categories, categories);
        let languages_ok = FilterSet::any_of(&filter.languages, languages);
        let failures = usize::from(!kind_ok) + usize::from(!categories_ok) + usize::from(!languages_ok);
        if failures > 1 {
            return false;
        }
        if categories_ok && languages_ok {
            self.kinds[kind_number(kind)] += 1;
        }
        if kind_ok && languages_ok {
            categories.iter().for_each(|&category| self.categories[category as usize] += 1);
        }
        if kind_ok && categories_ok {
            languages.iter().for_each(|&language| self.languages[language as usize] += 1);
        }
        failures == 0
    }

    fn finish(self, index: &Index) -> Facets {
        let kinds = Kind::ALL
            .iter()
            .map(|kind| FacetCount { value: kind.as_str().to_owned(), count: self.kinds[kind_number(*kind)] })
            .collect();
        // Only categories that some entry uses: a chip for an empty category helps nobody.
        let categories = index
            .category_ids
            .iter()
            .zip(&self.categories)
            .zip(&index.category_entries)
            .filter(|(_, entries)| !entries.is_empty())
            .map(|((id, &count), _)| FacetCount { value: id.clone(), count })
            .collect();
        // Language ids are numbered by how often the directory offers them (see the index).
        let languages = index
            .language_ids
            .iter()
            .zip(&self.languages)
            .map(|(code, &count)| FacetCount { value: code.clone(), count })
            .collect();
        Facets { kinds, categories, languages }
    }
}

fn kind_number(kind: Kind) -> usize {
    match kind {
        Kind::Service => 0,
        Kind::Course => 1,
        Kind::Association => 2,
    }
}

/// Sorts the first `end` elements by `compare`, leaving the rest unordered behind them.
fn select_sorted<T>(items: &mut [T], end: usize, compare: impl Fn(&T, &T) -> Ordering) {
    if end < items.len() {
        items.select_nth_unstable_by(end - 1, &compare);
    }
    items[..end].sort_unstable_by(compare);
}
