//! The search index, built once from a directory.
//!
//! Text: every searchable field is folded into tokens; each distinct token (term) keeps a
//! postings list of the entries it occurs in with the weight of the best field it occurs in.
//! Terms are sorted, so a prefix is a binary-searched range. Category labels are indexed once
//! per category rather than once per entry.
//!
//! Filters: per-entry attributes are kept in flat arrays (kind, category and language ids,
//! flags, place), so that filtering and facet counting touch little memory.

use rustc_hash::FxHashMap;

use super::fold::for_each_token;
use crate::directory::{AreaScope, Directory, Entry, Kind, LanguageCode, Wheelchair};
use crate::distance::{GeoPoint, SpatialGrid};

/// How much a match in each field counts; the best field wins for each entry and word.
pub(crate) mod weight {
    /// The entry's name.
    pub const NAME: u8 = 10;
    /// A category label.
    pub const CATEGORY: u8 = 6;
    /// The organisation's name.
    pub const ORGANIZATION: u8 = 5;
    /// The town.
    pub const CITY: u8 = 4;
    /// The description and other descriptive text.
    pub const DESCRIPTION: u8 = 2;
}

/// How an entry can be reached, for searches near a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Reach {
    /// At a place with coordinates.
    Point(GeoPoint),
    /// Region-wide or remote, with no single place: included in every radius.
    Area,
    /// Neither: it has no coordinates and no service area.
    Unknown,
}

/// A directory, indexed for search. Cheap to query many times.
pub struct Index {
    pub(crate) directory: Directory,
    /// Folded terms, sorted.
    pub(crate) terms: Vec<Box<str>>,
    /// Postings of term `t` are `postings[term_starts[t]..term_starts[t + 1]]`, sorted by entry.
    pub(crate) term_starts: Vec<u32>,
    pub(crate) postings: Vec<Posting>,
    /// Folded label tokens of each category, as (token, category id index).
    pub(crate) category_terms: Vec<(Box<str>, u16)>,
    /// Entries of each category.
    pub(crate) category_entries: Vec<Vec<u32>>,
    /// Category ids known to the directory, indexed by category id index.
    pub(crate) category_ids: Vec<String>,
    /// Service languages present in the directory, indexed by language id index.
    pub(crate) language_ids: Vec<String>,
    /// Per entry, in directory order.
    pub(crate) entries: EntryTable,
    pub(crate) grid: SpatialGrid,
}

/// One entry in a term's postings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub entry: u32,
    pub weight: u8,
}

/// Filterable attributes of every entry, as flat arrays.
#[derive(Default)]
pub(crate) struct EntryTable {
    pub kind: Vec<Kind>,
    /// Category ids of entry `e` are `category_list[category_starts[e]..category_starts[e + 1]]`.
    pub category_starts: Vec<u32>,
    pub category_list: Vec<u16>,
    /// Language ids, laid out like the categories.
    pub language_starts: Vec<u32>,
    pub language_list: Vec<u16>,
    pub free_of_charge: Vec<bool>,
    pub wheelchair: Vec<bool>,
    pub reach: Vec<Reach>,
    /// Position of the entry when all are sorted by folded name.
    pub name_rank: Vec<u32>,
}

impl EntryTable {
    pub fn categories(&self, entry: usize) -> &[u16] {
        &self.category_list[self.category_starts[entry] as usize..self.category_starts[entry + 1] as usize]
    }

    pub fn languages(&self, entry: usize) -> &[u16] {
        &self.language_list[self.language_starts[entry] as usize..self.language_starts[entry + 1] as usize]
    }
}

impl Index {
    /// Indexes `directory`, which it keeps.
    pub fn new(directory: Directory) -> Index {
        let category_ids: Vec<String> = directory.category_ids().map(str::to_owned).collect();
        let category_number: FxHashMap<&str, u16> =
            category_ids.iter().enumerate().map(|(number, id)| (id.as_str(), number as u16)).collect();

        let mut terms = TermCollector::default();
        let mut table = EntryTable::default();
        let mut language_number: FxHashMap<LanguageCode, u16> = FxHashMap::default();
        let mut language_ids: Vec<String> = Vec::new();
        let mut category_entries: Vec<Vec<u32>> = vec![Vec::new(); category_ids.len()];
        table.category_starts.push(0);
        table.language_starts.push(0);

        for (number, entry) in directory.entries.iter().enumerate() {
            let number = number as u32;
            index_entry_text(entry, number, &mut terms);
            table.kind.push(entry.kind);
            for category in &entry.categories {
                if let Some(&id) = category_number.get(category.as_str()) {
                    table.category_list.push(id);
                    category_entries[id as usize].push(number);
                }
            }
            table.category_starts.push(table.category_list.len() as u32);
            for language in &entry.languages {
                let next = language_ids.len() as u16;
                let id = *language_number.entry(*language).or_insert_with(|| {
                    language_ids.push(language.as_str().to_owned());
                    next
                });
                table.language_list.push(id);
            }
            table.language_starts.push(table.language_list.len() as u32);
            table.free_of_charge.push(entry.free_of_charge == Some(true));
            table.wheelchair.push(entry.location.as_ref().and_then(|location| location.wheelchair) == Some(Wheelchair::Yes));
            table.reach.push(reach_of(entry));
        }
        table.name_rank = name_ranks(&directory.entries, directory.default_language.as_str());
        order_languages_by_frequency(&mut language_ids, &mut table.language_list);

        let grid = SpatialGrid::new(table.reach.iter().enumerate().filter_map(|(number, reach)| match reach {
            Reach::Point(point) => Some((number as u32, *point)),
            _ => None,
        }));
        let category_terms = category_terms(&directory, &category_ids);
        let (terms, term_starts, postings) = terms.finish();
        Index {
            directory,
            terms,
            term_starts,
            postings,
            category_terms,
            category_entries,
            category_ids,
            language_ids,
            entries: table,
            grid,
        }
    }

    /// The indexed directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// The entry at `entry_index` (as in [`Hit::entry_index`](super::Hit::entry_index)).
    pub fn entry(&self, entry_index: usize) -> Option<&Entry> {
        self.directory.entries.get(entry_index)
    }

    /// How many distinct terms the text index holds (for benchmarks and curiosity).
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub(crate) fn postings_of(&self, term: usize) -> &[Posting] {
        &self.postings[self.term_starts[term] as usize..self.term_starts[term + 1] as usize]
    }
}

fn reach_of(entry: &Entry) -> Reach {
    let point = entry.location.as_ref().and_then(|location| Some(GeoPoint::new(location.latitude?, location.longitude?)));
    match (point, &entry.service_area) {
        (Some(point), _) => Reach::Point(point),
        (None, Some(area)) if matches!(area.scope, AreaScope::Region | AreaScope::Remote) => Reach::Area,
        _ => Reach::Unknown,
    }
}

fn index_entry_text(entry: &Entry, number: u32, terms: &mut TermCollector) {
    let mut add = |text: &str, weight: u8| for_each_token(text, |token| terms.add(token, number, weight));
    for (_, text) in entry.name.iter() {
        add(text, weight::NAME);
    }
    if let Some(organization) = &entry.organization {
        for (_, text) in organization.name.iter() {
            add(text, weight::ORGANIZATION);
        }
    }
    if let Some(location) = &entry.location {
        if let Some(city) = &location.city {
            add(city, weight::CITY);
        }
        if let Some(code) = &location.postal_code {
            add(code, weight::CITY);
        }
        if let Some(name) = &location.name {
            for (_, text) in name.iter() {
                add(text, weight::DESCRIPTION);
            }
        }
    }
    if let Some(description) = &entry.description {
        for (_, text) in description.iter() {
            add(text, weight::DESCRIPTION);
        }
    }
    if let Some(area) = &entry.service_area
        && let Some(description) = &area.description
    {
        for (_, text) in description.iter() {
            add(text, weight::DESCRIPTION);
        }
    }
}

fn category_terms(directory: &Directory, category_ids: &[String]) -> Vec<(Box<str>, u16)> {
    let mut out = Vec::new();
    for (number, id) in category_ids.iter().enumerate() {
        let mut labels: Vec<String> = Vec::new();
        if let Some(builtin) = crate::directory::builtin_category(id) {
            labels.extend([builtin.label_de.to_owned(), builtin.label_en.to_owned()]);
        }
        if let Some(defined) = directory.categories.iter().find(|category| &category.id == id) {
            labels.extend(defined.name.iter().map(|(_, text)| text.to_owned()));
        }
        for label in labels {
            for_each_token(&label, |token| out.push((Box::from(token), number as u16)));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Renumbers languages so that the most offered comes first: facet chips then keep a stable,
/// useful order however the counts change.
fn order_languages_by_frequency(language_ids: &mut Vec<String>, language_list: &mut [u16]) {
    let mut frequency = vec![0usize; language_ids.len()];
    language_list.iter().for_each(|&id| frequency[id as usize] += 1);
    let mut order: Vec<usize> = (0..language_ids.len()).collect();
    order.sort_by(|&a, &b| frequency[b].cmp(&frequency[a]).then_with(|| language_ids[a].cmp(&language_ids[b])));
    let mut new_number = vec![0u16; language_ids.len()];
    for (position, &old) in order.iter().enumerate() {
        new_number[old] = position as u16;
    }
    language_list.iter_mut().for_each(|id| *id = new_number[*id as usize]);
    *language_ids = order.into_iter().map(|old| std::mem::take(&mut language_ids[old])).collect();
}

/// Entry positions when sorted by folded name, so that sorting by name is sorting integers.
fn name_ranks(entries: &[Entry], default_language: &str) -> Vec<u32> {
    let keys: Vec<String> = entries
        .iter()
        .map(|entry| {
            let name = entry.name.best(default_language, default_language).map_or("", |(text, _)| text);
            super::fold::tokens(name).join(" ")
        })
        .collect();
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
    let mut ranks = vec![0; entries.len()];
    for (rank, &entry) in order.iter().enumerate() {
        ranks[entry as usize] = rank as u32;
    }
    ranks
}

/// Gathers term → postings while entries are indexed in order.
#[derive(Default)]
struct TermCollector {
    ids: FxHashMap<Box<str>, u32>,
    postings: Vec<Vec<Posting>>,
}

impl TermCollector {
    fn add(&mut self, token: &str, entry: u32, weight: u8) {
        let id = match self.ids.get(token) {
            Some(&id) => id,
            None => {
                let id = self.postings.len() as u32;
                self.ids.insert(Box::from(token), id);
                self.postings.push(Vec::new());
                id
            }
        };
        let list = &mut self.postings[id as usize];
        // Entries arrive in order, so a repeat of the same entry is always the last posting.
        match list.last_mut() {
            Some(last) if last.entry == entry => last.weight = last.weight.max(weight),
            _ => list.push(Posting { entry, weight }),
        }
    }

    /// Sorted terms, and their postings laid out flat.
    fn finish(self) -> (Vec<Box<str>>, Vec<u32>, Vec<Posting>) {
        let mut by_term: Vec<(Box<str>, u32)> = self.ids.into_iter().collect();
        by_term.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut term_starts = Vec::with_capacity(by_term.len() + 1);
        let mut postings = Vec::with_capacity(self.postings.iter().map(Vec::len).sum());
        let mut terms = Vec::with_capacity(by_term.len());
        term_starts.push(0);
        for (term, id) in by_term {
            postings.extend_from_slice(&self.postings[id as usize]);
            term_starts.push(postings.len() as u32);
            terms.push(term);
        }
        (terms, term_starts, postings)
    }
}
