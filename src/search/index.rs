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

use super::bitset::EntrySet;
use super::fold::for_each_token;
use crate::directory::{AreaScope, Directory, Entry, LanguageCode, Wheelchair};
use crate::distance::{GeoPoint, SpatialGrid};

/// How much a match in each field counts; the best field wins for each entry and word.
pub(super) mod weight {
    /// The entry's name.
    pub const NAME: u8 = 10;
    /// Another name of the entry (`alternate_name`): an abbreviation or the name people use.
    pub const ALTERNATE_NAME: u8 = 8;
    /// A category label, of the entry's first (main) category.
    pub const CATEGORY: u8 = 6;
    /// A category label of another of the entry's categories: "Zahnarzt" finds every health
    /// entry, and the health offices come before the German course for nurses, which is
    /// mainly a language course.
    pub const OTHER_CATEGORY: u8 = CATEGORY - 1;
    /// The organisation's name.
    pub const ORGANIZATION: u8 = 5;
    /// The town.
    pub const CITY: u8 = 4;
    /// The description and other descriptive text.
    pub const DESCRIPTION: u8 = 2;
}

/// How an entry can be reached, for searches near a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Reach {
    /// At a place with coordinates.
    Point(GeoPoint),
    /// Region-wide or remote, with no single place: included in every radius.
    Area,
    /// Neither: it has no coordinates and no service area.
    Unknown,
}

/// A directory, indexed for search. Cheap to query many times.
pub struct Index {
    pub(super) directory: Directory,
    /// Folded terms, sorted.
    pub(super) terms: Vec<Box<str>>,
    /// Postings of term `t` are at `term_starts[t]..term_starts[t + 1]` in the two arrays below,
    /// sorted by entry. Two arrays rather than one of pairs: 5 bytes a posting instead of 8.
    pub(super) term_starts: Vec<u32>,
    pub(super) posting_entries: Vec<u32>,
    pub(super) posting_weights: Vec<u8>,
    /// The letters of each term ([`letters`]), to skip the terms a typo or infix match cannot
    /// reach without comparing them (issue 16: a query that finds nothing must be cheap).
    pub(super) term_letters: Vec<u64>,
    /// The terms that are words of a town's name (of any entry's town), by term number. A
    /// query word is not looked for inside them: "Kirche" is not about Bromskirchen, nor
    /// "Feld" about Bielefeld (see `Index::matching_terms`).
    pub(super) town_terms: EntrySet,
    /// Folded label tokens of each category, as (token, category id index).
    pub(super) category_terms: Vec<(Box<str>, u16)>,
    /// The letters of each of `category_terms`.
    pub(super) category_term_letters: Vec<u64>,
    /// Category ids known to the directory, indexed by category id index.
    pub(super) category_ids: Vec<String>,
    /// Service languages present in the directory, indexed by language id index.
    pub(super) language_ids: Vec<String>,
    /// Per entry, in directory order.
    pub(super) entries: EntryTable,
    /// Filter values as sets of entries.
    pub(super) sets: FilterSets,
    pub(super) grid: SpatialGrid,
    /// Flags set from outside by name (see [`Index::set_flag_set`]).
    pub(super) outside_flags: Vec<(String, EntrySet)>,
    /// The consonant skeleton of each term (see `sound.rs`; empty where it has none), made the
    /// first time a word has to be compared by its sound.
    pub(super) term_sounds: std::sync::OnceLock<Vec<Box<str>>>,
    /// Concepts and their words in many languages, once set (see [`Index::set_thesaurus`]).
    pub(super) thesaurus: Option<super::thesaurus::Thesaurus>,
    /// Per thesaurus concept, the entries it matches, worked out the first time a query
    /// names it (see `Index::concept_entries`).
    pub(super) concept_matches: Vec<std::sync::OnceLock<Vec<(u32, u16)>>>,
    /// Each stem of each term, as (stem, term number), sorted; empty until a stemmer is set
    /// (see `stems.rs`).
    pub(super) term_stems: Vec<(Box<str>, u32)>,
    /// Reused between searches; taken by one search at a time (another search running at the
    /// same moment simply allocates its own).
    pub(super) scratch: std::sync::Mutex<Option<super::engine::Scratch>>,
}

/// One entry in a term's postings list, while the index is being built: the entry's number
/// and the weight of its best field with the term, in four bytes (a struct of the two takes
/// eight). At 100,000 entries there are millions of them, held until the index is laid out
/// flat, and in the browser the wasm memory keeps that peak. Weights are below 16 (see
/// [`weight`]); entry numbers below 2^28, which no directory that fits in memory reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting(u32);

impl Posting {
    fn new(entry: u32, weight: u8) -> Posting {
        debug_assert!(weight < 16 && entry < 1 << 28);
        Posting((entry << 4) | u32::from(weight))
    }

    fn entry(self) -> u32 {
        self.0 >> 4
    }

    fn weight(self) -> u8 {
        (self.0 & 0xF) as u8
    }
}

/// Per-entry data for filtering and ordering.
#[derive(Default)]
pub(super) struct EntryTable {
    /// How many entries there are.
    pub count: usize,
    /// How each entry can be reached, for searches near a point.
    pub reach: Vec<Reach>,
    /// Position of each entry when all are sorted by folded name.
    pub name_rank: Vec<u32>,
    /// Entry numbers in name order (the inverse of `name_rank`).
    pub by_name: Vec<u32>,
    /// What breaks a tie in relevance or distance: the directory's own entries first (those
    /// without a `source`, see `directory::merge`), then by name.
    pub tie_rank: Vec<u32>,
    /// The id index of each entry's first category, its main one ([`NO_CATEGORY`] for none).
    pub main_category: Vec<u16>,
}

/// In [`EntryTable::main_category`]: the entry has no category.
pub(super) const NO_CATEGORY: u16 = u16::MAX;

/// The entries that have each filter value, as sets.
pub(super) struct FilterSets {
    /// By kind, in the order of [`Kind::ALL`].
    pub kinds: [EntrySet; 3],
    /// By category id index.
    pub categories: Vec<EntrySet>,
    /// By language id index.
    pub languages: Vec<EntrySet>,
    pub free_of_charge: EntrySet,
    pub wheelchair: EntrySet,
    /// Entries without a point that serve the whole region or remotely.
    pub area: EntrySet,
    /// Course levels and types, the data's flags, and which entries are listed at all.
    pub audience: super::flags::CourseAndAudienceSets,
}

impl Index {
    /// Indexes `directory`, which it keeps.
    ///
    /// Each entry is indexed on its own, so chunks of entries are indexed in parallel (see
    /// [`crate::parallel`]) and then merged in entry order.
    pub fn new(directory: Directory) -> Index {
        let count = directory.entries.len();
        let category_ids: Vec<String> = directory.category_ids().map(str::to_owned).collect();
        let mut category_number: Vec<(&str, u16)> = category_ids
            .iter()
            .enumerate()
            .map(|(number, id)| (id.as_str(), number as u16))
            .collect();
        crate::order::sort(&mut category_number);
        let default_language = directory.default_language.as_str();
        let chunks = crate::parallel::map_chunks(&directory.entries, |offset, entries| {
            let mut terms = TermCollector::default();
            let mut chunk = ChunkIndex::new(count, category_ids.len());
            for (number, entry) in entries.iter().enumerate() {
                let number = (offset + number) as u32;
                index_entry_text(entry, number, &mut terms);
                chunk.add(entry, number, &category_number, default_language);
            }
            #[allow(clippy::disallowed_methods)]
            // 100,000 names while indexing: speed matters here.
            chunk.names.sort_unstable();
            (terms, chunk)
        });
        let (term_chunks, chunks): (Vec<TermCollector>, Vec<ChunkIndex>) =
            chunks.into_iter().unzip();
        let (terms, term_starts, posting_entries, posting_weights) = merge_terms(&term_chunks);
        drop(term_chunks);
        let mut chunks = chunks.into_iter();
        let mut all = chunks
            .next()
            .unwrap_or_else(|| ChunkIndex::new(count, category_ids.len()));
        for chunk in chunks {
            all.append(chunk);
        }

        // The language most offered first: facet chips then keep a stable, useful order
        // however the counts change.
        let mut language_sets: Vec<(String, EntrySet)> = all
            .languages
            .into_iter()
            .map(|(code, set)| (code.as_str().to_owned(), set))
            .collect();
        crate::order::sort_by(&mut language_sets, |a, b| {
            b.1.count().cmp(&a.1.count()).then_with(|| a.0.cmp(&b.0))
        });
        let (language_ids, languages): (Vec<String>, Vec<EntrySet>) =
            language_sets.into_iter().unzip();
        let by_name: Vec<u32> = all.names.iter().map(|&(_, entry)| entry).collect();
        let mut name_rank = vec![0; count];
        for (rank, &entry) in by_name.iter().enumerate() {
            name_rank[entry as usize] = rank as u32;
        }
        let tie_rank = directory
            .entries
            .iter()
            .zip(&name_rank)
            .map(|(entry, &rank)| {
                rank + if entry.source.is_some() {
                    count as u32
                } else {
                    0
                }
            })
            .collect();
        let reach = all.reach;
        let grid =
            SpatialGrid::new(
                reach
                    .iter()
                    .enumerate()
                    .filter_map(|(number, reach)| match reach {
                        Reach::Point(point) => Some((number as u32, *point)),
                        _ => None,
                    }),
            );
        let category_terms = category_terms(&directory, &category_ids);
        let term_letters = terms.iter().map(|term| letters(term)).collect();
        let town_terms = town_terms(&directory, &terms);
        let category_term_letters = category_terms
            .iter()
            .map(|(term, _)| letters(term))
            .collect();
        let audience = super::flags::CourseAndAudienceSets::new(&directory.entries);
        Index {
            directory,
            terms,
            term_letters,
            town_terms,
            term_starts,
            posting_entries,
            posting_weights,
            category_terms,
            category_term_letters,
            category_ids,
            language_ids,
            entries: EntryTable {
                count,
                reach,
                name_rank,
                by_name,
                tie_rank,
                main_category: all.main_category,
            },
            sets: FilterSets {
                kinds: all.kinds,
                categories: all.categories,
                languages,
                free_of_charge: all.free_of_charge,
                wheelchair: all.wheelchair,
                area: all.area,
                audience,
            },
            grid,
            outside_flags: Vec::new(),
            thesaurus: None,
            concept_matches: Vec::new(),
            term_stems: Vec::new(),
            term_sounds: std::sync::OnceLock::new(),
            scratch: std::sync::Mutex::new(None),
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

    /// Calls `each` with every term and the entries it occurs in, each with the weight of the
    /// best field it occurs in (a name's words weigh most). The words of an entry's categories'
    /// labels count as its terms too, with the category's weight, as a search finds entries by
    /// them. For a term index published apart from the entries (`nationwide`); the engine
    /// itself reads its own tables.
    pub fn for_each_term(&self, mut each: impl FnMut(&str, &[(u32, u8)])) {
        let mut by_term: FxHashMap<&str, Vec<(u32, u8)>> = FxHashMap::default();
        for (number, term) in self.terms.iter().enumerate() {
            by_term.insert(term, self.postings_of(number).collect());
        }
        for (term, category) in &self.category_terms {
            let members = &self.sets.categories[usize::from(*category)];
            by_term.entry(term).or_default().extend(
                members
                    .iter()
                    .map(|entry| (entry, self.category_weight(entry, *category))),
            );
        }
        let mut terms: Vec<(&str, Vec<(u32, u8)>)> = by_term.into_iter().collect();
        crate::order::sort_by(&mut terms, |a, b| a.0.cmp(b.0));
        for (term, mut postings) in terms {
            // One posting per entry, with its best weight.
            crate::order::sort_by(&mut postings, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            postings.dedup_by_key(|posting| posting.0);
            each(term, &postings);
        }
    }

    /// The weight of a match in the label or search words of `category`, one of `entry`'s.
    pub(super) fn category_weight(&self, entry: u32, category: u16) -> u8 {
        // `get`: no panic path in the hot loop (the table has every entry).
        let main = self.entries.main_category.get(entry as usize) == Some(&category);
        weight::OTHER_CATEGORY + u8::from(main)
    }

    /// The entries a term occurs in, with the weight of the best field it occurs in.
    pub(super) fn postings_of(&self, term: usize) -> impl Iterator<Item = (u32, u8)> + '_ {
        let range = self.term_starts[term] as usize..self.term_starts[term + 1] as usize;
        self.posting_entries[range.clone()]
            .iter()
            .copied()
            .zip(self.posting_weights[range].iter().copied())
    }
}

fn reach_of(entry: &Entry) -> Reach {
    let point = entry
        .location
        .as_ref()
        .and_then(|location| Some(GeoPoint::new(location.latitude?, location.longitude?)));
    match (point, &entry.service_area) {
        (Some(point), _) => Reach::Point(point),
        (None, Some(area)) if matches!(area.scope, AreaScope::Region | AreaScope::Remote) => {
            Reach::Area
        }
        _ => Reach::Unknown,
    }
}

fn index_entry_text<'text>(entry: &'text Entry, number: u32, terms: &mut TermCollector<'text>) {
    for_each_text(entry, &mut |text, weight| {
        terms.add_text(text, number, weight)
    });
}

/// Hands each searchable text of an entry to `add`, with the weight of its field: what the
/// index is made of, and where a thesaurus phrase is looked for word by word. (One copy of
/// this code for both: a call per text costs nothing next to folding it.)
pub(super) fn for_each_text<'text>(entry: &'text Entry, add: &mut dyn FnMut(&'text str, u8)) {
    for (_, text) in entry.name.iter() {
        add(text, weight::NAME);
    }
    if let Some(other_name) = &entry.alternate_name {
        for (_, text) in other_name.iter() {
            add(text, weight::ALTERNATE_NAME);
        }
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

/// The set of characters in a folded text as 64 bits: `a`–`z` and the digits one bit each,
/// other characters sharing the rest. A word within one edit of a term, or inside it, has at
/// most one character the term lacks, so a term whose bits miss two of the word's is skipped
/// without a comparison (a shared bit only lets a term through that is then compared).
pub(super) fn letters(text: &str) -> u64 {
    text.chars().fold(0, |bits, c| bits | 1 << letter_bit(c))
}

/// Which of the `terms` (sorted) occur in a town's name in `directory`, by term number.
fn town_terms(directory: &Directory, terms: &[Box<str>]) -> EntrySet {
    // A set of term numbers rather than entries: the bit set is the smallest way to keep it.
    let mut towns = EntrySet::empty(terms.len());
    let mut last_town: Option<&str> = None;
    for entry in &directory.entries {
        let Some(town) = entry
            .location
            .as_ref()
            .and_then(|place| place.city.as_deref())
        else {
            continue;
        };
        // Entries of one town often follow each other: fold its name once.
        if last_town == Some(town) {
            continue;
        }
        last_town = Some(town);
        for_each_token(town, |token| {
            let at = terms.partition_point(|term| &**term < token);
            if terms.get(at).is_some_and(|term| &**term == token) {
                towns.insert(at as u32);
            }
        });
    }
    towns
}

/// The bit of a character in [`letters`].
fn letter_bit(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    }
}

/// A query word's characters, to skip terms it cannot match within one edit or inside.
pub(super) struct WordLetters {
    bits: u64,
    /// How often each bit's characters occur in the word.
    counts: [u8; 64],
}

impl WordLetters {
    pub(super) fn new(word: &str) -> WordLetters {
        let mut counts = [0u8; 64];
        for c in word.chars() {
            let count = &mut counts[letter_bit(c) as usize];
            *count = count.saturating_add(1);
        }
        WordLetters {
            bits: letters(word),
            counts,
        }
    }

    /// Whether a term with these [`letters`] may be within one edit of the word or hold it:
    /// each place in the word with a character the term lacks needs an edit of its own.
    pub(super) fn may_match(&self, term_letters: u64) -> bool {
        let missing = self.bits & !term_letters;
        missing == 0
            || (missing.count_ones() == 1 && self.counts[missing.trailing_zeros() as usize] == 1)
    }
}

/// Every text the category `id` is known by: its labels in every UI language and its search
/// words (a newcomer types in their own language, or the German word they have heard), the
/// directory's own search words for it, and the names of a category the directory defines.
pub(super) fn category_labels(directory: &Directory, id: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    if let Some(builtin) = crate::directory::builtin_category(id) {
        labels.extend(builtin.labels().map(|(_, label)| label.to_owned()));
        labels.extend(builtin.synonyms().map(str::to_owned));
    }
    if let Some((_, words)) = directory.synonyms.iter().find(|(known, _)| known == id) {
        labels.extend(words.iter().cloned());
    }
    if let Some(defined) = directory
        .categories
        .iter()
        .find(|category| category.id == id)
    {
        labels.extend(defined.name.iter().map(|(_, text)| text.to_owned()));
    }
    labels
}

fn category_terms(directory: &Directory, category_ids: &[String]) -> Vec<(Box<str>, u16)> {
    let mut out = Vec::new();
    for (number, id) in category_ids.iter().enumerate() {
        let labels = category_labels(directory, id);
        for label in labels {
            for_each_token(&label, |token| out.push((Box::from(token), number as u16)));
        }
    }
    crate::order::sort(&mut out);
    out.dedup();
    out
}

/// The index of one chunk of entries: their filter sets, places and names (their text goes
/// to a [`TermCollector`]).
struct ChunkIndex {
    /// How many entries the whole directory has (the size of the sets).
    count: usize,
    kinds: [EntrySet; 3],
    /// By category id index.
    categories: Vec<EntrySet>,
    /// Per service language (a directory has a few dozen at most).
    languages: Vec<(LanguageCode, EntrySet)>,
    free_of_charge: EntrySet,
    wheelchair: EntrySet,
    area: EntrySet,
    /// Per entry of the chunk, in order.
    reach: Vec<Reach>,
    /// Per entry of the chunk, in order: its first category's id index.
    main_category: Vec<u16>,
    /// Each entry's folded name in the default language, with the entry number.
    names: Vec<(String, u32)>,
}

impl ChunkIndex {
    /// An empty chunk index; its sets have room for all `count` entries of the directory.
    fn new(count: usize, categories: usize) -> ChunkIndex {
        ChunkIndex {
            count,
            kinds: std::array::from_fn(|_| EntrySet::empty(count)),
            categories: vec![EntrySet::empty(count); categories],
            languages: Vec::new(),
            free_of_charge: EntrySet::empty(count),
            wheelchair: EntrySet::empty(count),
            area: EntrySet::empty(count),
            reach: Vec::new(),
            main_category: Vec::new(),
            names: Vec::new(),
        }
    }

    fn add(
        &mut self,
        entry: &Entry,
        number: u32,
        category_number: &[(&str, u16)],
        default_language: &str,
    ) {
        self.kinds[entry.kind as usize].insert(number);
        let mut main_category = NO_CATEGORY;
        for category in &entry.categories {
            let found = category_number.binary_search_by(|(id, _)| (*id).cmp(category.as_str()));
            if let Ok(position) = found {
                let category = category_number[position].1;
                self.categories[usize::from(category)].insert(number);
                if main_category == NO_CATEGORY {
                    main_category = category;
                }
            }
        }
        self.main_category.push(main_category);
        for language in &entry.languages {
            match self
                .languages
                .iter_mut()
                .find(|(known, _)| known == language)
            {
                Some((_, set)) => set.insert(number),
                None => {
                    let mut set = EntrySet::empty(self.count);
                    set.insert(number);
                    self.languages.push((*language, set));
                }
            }
        }
        if entry.free_of_charge == Some(true) {
            self.free_of_charge.insert(number);
        }
        let location = entry.location.as_ref();
        if location.and_then(|location| location.wheelchair) == Some(Wheelchair::Yes) {
            self.wheelchair.insert(number);
        }
        let reach = reach_of(entry);
        if reach == Reach::Area {
            self.area.insert(number);
        }
        self.reach.push(reach);
        self.names.push((name_key(entry, default_language), number));
    }

    /// Adds the index of the chunk that follows this one.
    fn append(&mut self, later: ChunkIndex) {
        let sets = self.kinds.iter_mut().zip(&later.kinds);
        let sets = sets.chain(self.categories.iter_mut().zip(&later.categories));
        let sets = sets.chain([
            (&mut self.free_of_charge, &later.free_of_charge),
            (&mut self.wheelchair, &later.wheelchair),
            (&mut self.area, &later.area),
        ]);
        for (set, later_set) in sets {
            set.union_with(later_set);
        }
        for (language, later_set) in later.languages {
            match self
                .languages
                .iter_mut()
                .find(|(known, _)| *known == language)
            {
                Some((_, set)) => set.union_with(&later_set),
                None => self.languages.push((language, later_set)),
            }
        }
        self.reach.extend(later.reach);
        self.main_category.extend(later.main_category);
        self.names = merge_sorted(std::mem::take(&mut self.names), later.names);
    }
}

/// The items of two sorted lists, sorted (each chunk's names are sorted in its thread).
fn merge_sorted<T: Ord>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x <= y { a.next() } else { b.next() };
        merged.extend(next);
    }
    merged.extend(a);
    merged.extend(b);
    merged
}

/// The key entries are sorted by for "sort by name": the folded tokens of the name in the
/// directory's default language.
fn name_key(entry: &Entry, default_language: &str) -> String {
    let name = entry
        .name
        .best(default_language, default_language)
        .map_or("", |(text, _)| text);
    let mut key = String::with_capacity(name.len());
    for_each_token(name, |token| {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(token);
    });
    key
}

/// Gathers term → postings while entries are indexed in order.
#[derive(Default)]
struct TermCollector<'text> {
    /// Term ids by folded term.
    ids: FxHashMap<Box<str>, u32>,
    /// Postings by term id, in entry order.
    postings: Vec<Vec<Posting>>,
    /// The term ids of each space-separated piece of text seen before, as a range of
    /// `piece_terms`. Directory text repeats the same words over and over (topics, towns,
    /// "Beratung"), and looking a piece up costs a fraction of folding it again.
    pieces: FxHashMap<&'text str, (u32, u32)>,
    piece_terms: Vec<u32>,
}

impl<'text> TermCollector<'text> {
    /// Adds the tokens of `text`, found in field `weight` of `entry`.
    fn add_text(&mut self, text: &'text str, entry: u32, weight: u8) {
        // Folding never joins letters across ASCII whitespace (see `for_each_token`), so the
        // tokens of the pieces are exactly the tokens of the text.
        for piece in text.split_ascii_whitespace() {
            let (start, len) = match self.pieces.get(piece) {
                Some(&range) => range,
                None => self.fold_piece(piece),
            };
            for position in start..start + len {
                let term = self.piece_terms[position as usize];
                self.add_posting(term, entry, weight);
            }
        }
    }

    /// Folds a piece of text not seen before and remembers its term ids.
    fn fold_piece(&mut self, piece: &'text str) -> (u32, u32) {
        let start = self.piece_terms.len();
        let (ids, postings, piece_terms) =
            (&mut self.ids, &mut self.postings, &mut self.piece_terms);
        for_each_token(piece, |token| {
            let id = match ids.get(token) {
                Some(&id) => id,
                None => {
                    let id = postings.len() as u32;
                    ids.insert(Box::from(token), id);
                    postings.push(Vec::new());
                    id
                }
            };
            piece_terms.push(id);
        });
        let range = (start as u32, (self.piece_terms.len() - start) as u32);
        self.pieces.insert(piece, range);
        range
    }

    fn add_posting(&mut self, term: u32, entry: u32, weight: u8) {
        let list = &mut self.postings[term as usize];
        // Entries arrive in order, so a repeat of the same entry is always the last posting.
        match list.last_mut() {
            Some(last) if last.entry() == entry => {
                *last = Posting::new(entry, last.weight().max(weight));
            }
            _ => list.push(Posting::new(entry, weight)),
        }
    }
}

/// The sorted terms of all chunks and their postings laid out flat, each term's postings in
/// entry order (chunks hold consecutive entries, in order).
fn merge_terms(chunks: &[TermCollector]) -> (Vec<Box<str>>, Vec<u32>, Vec<u32>, Vec<u8>) {
    let mut terms: Vec<&str> = chunks
        .iter()
        .flat_map(|chunk| chunk.ids.keys().map(|term| &**term))
        .collect();
    #[allow(clippy::disallowed_methods)] // Every term while indexing: speed matters here.
    terms.sort_unstable();
    terms.dedup();
    let total = chunks
        .iter()
        .flat_map(|chunk| &chunk.postings)
        .map(Vec::len)
        .sum();
    let mut term_starts = Vec::with_capacity(terms.len() + 1);
    let mut entries = Vec::with_capacity(total);
    let mut weights = Vec::with_capacity(total);
    term_starts.push(0);
    for term in &terms {
        for chunk in chunks {
            if let Some(&id) = chunk.ids.get(*term) {
                for posting in &chunk.postings[id as usize] {
                    entries.push(posting.entry());
                    weights.push(posting.weight());
                }
            }
        }
        term_starts.push(entries.len() as u32);
    }
    let terms = terms.into_iter().map(Box::from).collect();
    (terms, term_starts, entries, weights)
}
