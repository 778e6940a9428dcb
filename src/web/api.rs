//! `ServiceFinder`, the JavaScript class: load a directory, read its problems, search it.

use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::views::{ProblemView, Resolver};
use crate::directory::merge::merge;
use crate::directory::{
    Date, DirectoryInPieces, Entry, Kind, LoadError, LoadedDirectory, Problem, Severity,
    load_directory, load_directory_bytes,
};
use crate::json::writer::{WriteJson, to_json};
use crate::search::{Index, Query, ResultsShape};

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &'static str = r#"
/** A point in WGS84 degrees. */
export interface GeoPoint { latitude: number; longitude: number; }
/** A text in the language asked for, or in the fallback language it is actually in. */
export interface TextView { text: string; language: string; }
/** A search. Every field is optional. */
export interface Query {
  text?: string;
  kinds?: ("service" | "course" | "association")[];
  categories?: string[];
  /** Service languages (ISO 639 codes); any of them matches. */
  languages?: string[];
  freeOfCharge?: boolean;
  wheelchairAccessible?: boolean;
  /** Course levels ("A1" … "C2", "literacy"); any of them matches. */
  levels?: string[];
  /** Course types ("integration", "women", …); any of them matches. */
  courseTypes?: string[];
  /** Flags that must all hold: "childcare", "free-places", "for-children", "for-women"; with
   * `today` also "running", "starts-soon" (within 4 weeks) and "starts-later"; and any flag
   * set with `setFlagSet` (the widget sets "open-now", "open-mo" … "open-su", "morning",
   * "afternoon", "evening" and "weekend" from the opening hours). */
  flags?: string[];
  /** The newcomer's day, "YYYY-MM-DD", for the date flags. */
  today?: string;
  near?: GeoPoint;
  /** Kilometres around `near`, 0 or more. Every number in a query must be finite: NaN and
   * Infinity throw, here and in `near`, `offset` and `limit`. */
  radiusKm?: number;
  sort?: "relevance" | "distance" | "name";
  /** A whole number, 0 or more; default 0. */
  offset?: number;
  /** A whole number; default 20. At most 1000: a larger limit is taken as 1000 (no error). */
  limit?: number;
  /** The reader's language: for names and descriptions (default: the directory's), and without text, `near` or a `sort`, the entries offered in it come first. */
  language?: string;
  /** false: the hits without their entries (id, score and distance only), a tenth of the
   * answer, for a page that keeps the entries itself; default true. */
  entries?: boolean;
}
export interface FacetCount { value: string; count: number; }
export interface Facets {
  kinds: FacetCount[]; categories: FacetCount[]; languages: FacetCount[];
  levels: FacetCount[]; courseTypes: FacetCount[];
  /** Each flag that some entry has, with the number of results with that flag added. */
  flags: FacetCount[];
}
export interface CategoryView { id: string; label: string; }
export interface PhoneView {
  number: string; description?: TextView;
  type: "voice" | "cell" | "fax" | "text" | "video" | "textphone"; languages: string[];
}
export interface ContactView { title?: TextView; phones: PhoneView[]; email?: string; languages: string[]; }
/** Accessibility details: true is yes, false a known no, absent not known. */
export interface AccessibilityView {
  stepFreeEntrance?: boolean; accessibleToilet?: boolean; elevator?: boolean; hearingLoop?: boolean;
  signLanguage?: boolean; accessibleParking?: boolean; description?: TextView;
}
export interface CourseView {
  levels: string[]; courseType: string; startDate?: string; endDate?: string;
  childcare?: boolean; freePlaces?: number;
}
export interface EntryView {
  id: string; kind: "service" | "course" | "association";
  name?: TextView; description?: TextView; organization?: TextView; organizationWebsite?: string;
  categories: CategoryView[]; languages: string[];
  locationName?: TextView; address?: string; postalCode?: string; city?: string; point?: GeoPoint;
  wheelchair?: "yes" | "limited" | "no"; transportation?: TextView;
  serviceArea?: "region" | "remote"; serviceAreaDescription?: TextView;
  phones: PhoneView[]; email?: string; url?: string;
  openingHours?: string; scheduleDescription?: TextView;
  appointmentRequired?: boolean; freeOfCharge?: boolean; feesDescription?: TextView;
  assuredDate?: string; course?: CourseView;
  alternateName?: TextView; status?: "active" | "temporarily closed" | "defunct";
  statusNote?: TextView; statusUntil?: string;
  targetGroups: string[]; minimumAge?: number; maximumAge?: number;
  contacts: ContactView[]; accessibility?: AccessibilityView; lastModified?: string;
  /** Where an entry merged in from a neighbour's directory comes from; absent for the own. */
  source?: SourceView;
}
export interface SourceView { name: TextView; lastModified?: string; }
/** `entry` is absent only when the query said `entries: false`. */
export interface HitView { id: string; score: number; distanceMetres?: number; entry?: EntryView; }
/**
 * `partial`: no entry has every word of the text; the hits have some of them. `topic`: a word
 * names something no entry has (a gynaecologist); the hits are its broader topic's, this category.
 * `heard`: every word found its hits only by how it sounds ("Кассель" sounds like "kişisel").
 * `loose`: the text is one word, which found its hits only with a typing error or by how it
 * sounds: they may be another word's, and `suggest(text)` is worth offering beside them.
 */
export interface SearchResults { total: number; partial: boolean; topic?: string; heard: boolean; loose: boolean; hits: HitView[]; facets: Facets; }
export interface DirectoryView {
  title?: TextView; description?: TextView; publisherName?: TextView; publisherEmail?: string;
  publisherPhone?: string; publisherUrl?: string; regionName?: TextView; regionCentre?: GeoPoint; regionAgs?: string;
  lastModified?: string; exampleData: boolean; defaultLanguage: string; entryCount: number;
  categories: CategoryView[];
}
export interface PlaceView {
  name: string; matchedName?: string; exact: boolean; point: GeoPoint; postcodes: string[]; district: string; state: string;
}
export interface ProblemView {
  severity: "error" | "warning"; kind: string; entryId?: string; entryIndex?: number; line?: number;
  field: string; message: string; text: string;
  /** With `fromJsonList`: the position of the neighbour's directory it is in (absent: the own). */
  directory?: number;
}
"#;

/// A loaded, indexed directory.
#[wasm_bindgen]
pub struct ServiceFinder {
    index: Index,
    problems: Vec<Problem>,
    /// Which directory each problem is in (0: the own one; see `fromJsonList`).
    problem_directories: Vec<usize>,
    /// How many entries the files have, shown or skipped.
    entries_in_file: usize,
    /// How many of them are usable (a duplicate of another directory's is usable, though
    /// shown once).
    usable: usize,
    /// The stemmers given by `setStemmer`, if any.
    stemmer: Option<WordStemmer>,
}

#[wasm_bindgen]
extern "C" {
    /// Any object with a method `stem(word)` that returns the word's stems separated by spaces,
    /// and optionally `stemAll(words)` for many words at once, one per line: the stem module's
    /// `Stemmer` (stem/, `www/widget/stemmer.js`).
    #[wasm_bindgen(
        typescript_type = "{ stem(word: string): string; stemAll?(words: string): string }"
    )]
    pub type WordStemmer;

    /// The stems of a folded word, separated by spaces.
    #[wasm_bindgen(method, catch)]
    fn stem(this: &WordStemmer, word: &str) -> Result<String, JsValue>;

    /// The stems of folded words given one per line, one line each; a stemmer without this
    /// method is asked word by word.
    #[wasm_bindgen(method, catch, js_name = stemAll)]
    fn stem_all(this: &WordStemmer, words: &str) -> Result<String, JsValue>;
}

/// The stems of `word` by `stemmer`; none when it throws (the word is then searched as typed).
fn stems_by(stemmer: &WordStemmer, word: &str) -> String {
    stemmer.stem(word).unwrap_or_default()
}

#[wasm_bindgen]
impl ServiceFinder {
    /// Loads a directory from its JSON: the text, or the bytes of the file (as
    /// `service-finder check` reads it: bytes that are not UTF-8 are read as U+FFFD and reported
    /// in `problems()` with their line and column). Throws an `Error` for any other value, and
    /// when the JSON cannot be read as a directory at all; problems with single entries are in
    /// `problems()`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")]
        directory: JsValue,
    ) -> Result<ServiceFinder, JsError> {
        let loaded = load_value(&directory, "ServiceFinder.fromJson")?;
        Ok(ServiceFinder::from_loaded(loaded))
    }

    /// Loads a county's own directory and its neighbours' as one (each as `fromJson` takes it,
    /// the own first): the own title, region and languages; every entry of a neighbour with
    /// its `source`, after the own ones at equal relevance; the same entry in two of them shown
    /// once (same id and publisher, or the same name within 50 m). Facets count the whole.
    /// Throws, naming its position, when one of them cannot be read as a directory at all.
    #[wasm_bindgen(js_name = fromJsonList)]
    pub fn from_json_list(
        #[wasm_bindgen(unchecked_param_type = "(string | Uint8Array | ArrayBuffer)[]")]
        directories: Array,
    ) -> Result<ServiceFinder, JsError> {
        let mut loaded = Vec::new();
        for (position, directory) in directories.iter().enumerate() {
            let what = format!("ServiceFinder.fromJsonList: directories[{position}]");
            loaded.push(load_value(&directory, &what)?);
        }
        let mut loaded = loaded.into_iter();
        let Some(own) = loaded.next() else {
            return Err(JsError::new(
                "ServiceFinder.fromJsonList expects at least one directory: the county's own",
            ));
        };
        let mut problems = own.problems;
        let mut problem_directories = vec![0; problems.len()];
        let mut entries_in_file = own.entries_in_file;
        let mut usable = own.directory.entries.len();
        let mut others = Vec::new();
        for (position, other) in loaded.enumerate() {
            problem_directories.extend(std::iter::repeat_n(position + 1, other.problems.len()));
            problems.extend(other.problems);
            entries_in_file += other.entries_in_file;
            usable += other.directory.entries.len();
            others.push(other.directory);
        }
        Ok(ServiceFinder {
            index: Index::new(merge(own.directory, others).directory),
            problems,
            problem_directories,
            entries_in_file,
            usable,
            stemmer: None,
        })
    }

    /// Everything that was wrong in the directory, for the webmaster's console.
    #[wasm_bindgen(unchecked_return_type = "ProblemView[]")]
    pub fn problems(&self) -> Result<JsValue, JsError> {
        to_js(
            &self
                .problems
                .iter()
                .zip(&self.problem_directories)
                .map(|(problem, &directory)| ProblemView {
                    directory: (directory > 0).then_some(directory),
                    ..ProblemView::from(problem)
                })
                .collect::<Vec<_>>(),
        )
    }

    /// How many problems are errors (as opposed to warnings).
    #[wasm_bindgen(js_name = errorCount)]
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::Error)
            .count()
    }

    /// How many entries of the file (or files) are not shown, because they are unusable (each
    /// has an error in `problems()` saying why). An entry shown once for two directories is
    /// not among them.
    #[wasm_bindgen(js_name = skippedCount)]
    pub fn skipped_count(&self) -> usize {
        self.entries_in_file.saturating_sub(self.usable)
    }

    /// The directory's title, publisher, date and categories, in `language`.
    #[wasm_bindgen(unchecked_return_type = "DirectoryView")]
    pub fn info(&self, language: &str) -> Result<JsValue, JsError> {
        to_js(
            &Resolver {
                directory: self.index.directory(),
                language,
            }
            .directory(),
        )
    }

    /// Sets the entries of a flag that the core cannot compute, such as "open-now" from the
    /// opening hours (entry numbers are positions in the directory: `entryIndex`). Searches
    /// can then filter by it (`flags`) and count it (`facets.flags`). Throws for a name the
    /// core computes itself, or that is not lowercase letters, digits and '-'.
    #[wasm_bindgen(js_name = setFlagSet)]
    pub fn set_flag_set(&mut self, name: &str, entries: Vec<u32>) -> Result<(), JsError> {
        self.index
            .set_flag_set(name, &entries)
            .map_err(|error| JsError::new(&error))
    }

    /// The number (`entryIndex`) of the entry with this `id`, or `undefined` when the directory
    /// has none: a shared link names an entry by its id, and the widget shows it through a flag
    /// set (`setFlagSet`) of that one entry.
    #[wasm_bindgen(js_name = entryIndex)]
    pub fn entry_index(&self, id: &str) -> Option<u32> {
        let position = self
            .index
            .directory()
            .entries
            .iter()
            .position(|entry| entry.id == id)?;
        u32::try_from(position).ok()
    }

    /// Every entry's `opening_hours` text, by entry number (`entryIndex`), for the opening-hours
    /// module: `null` where an entry has none, or is temporarily closed; and, given `today`
    /// (`YYYY-MM-DD`), where a course has not started yet or has ended: its hours are its
    /// lessons, and "open now" would send a newcomer to a course that is not there.
    #[wasm_bindgen(js_name = openingHours, unchecked_return_type = "(string | null)[]")]
    pub fn opening_hours(&self, today: Option<String>) -> Result<JsValue, JsError> {
        let today = today.as_deref().and_then(Date::parse);
        let texts: Vec<Option<&str>> = self
            .index
            .directory()
            .entries
            .iter()
            .map(|entry| {
                let closed = entry.status == Some(crate::directory::Status::TemporarilyClosed);
                let hours = entry.schedule.as_ref()?.opening_hours.as_deref();
                hours.filter(|_| !closed && !outside_course_dates(entry, today))
            })
            .collect();
        to_js(&texts)
    }

    /// Runs a search; the hits come with their entries in the query's `language` (or without,
    /// with `entries: false`).
    #[wasm_bindgen(unchecked_return_type = "SearchResults")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query")] query_value: JsValue,
    ) -> Result<JsValue, JsError> {
        let (query, shape) = if query_value.is_undefined() || query_value.is_null() {
            (Query::default(), ResultsShape::default())
        } else {
            if !query_value.is_object() {
                return Err(JsError::new(
                    "a query is an object such as { text: \"Beratung\" }",
                ));
            }
            let text: String = js_sys::JSON::stringify(&query_value)
                .map_err(|_| JsError::new("the query cannot be written as JSON"))?
                .into();
            // JSON writes NaN and Infinity as null, so only a query with a null can hold one.
            // (Looking, for every search, at each number in the object cost a tenth of a
            // search that finds nothing.)
            if text.contains("null") {
                check_numbers(&query_value)?;
            }
            // `language` and `entries` are not part of the core's query: they only shape what
            // is returned.
            Query::from_json_with_shape(&text)
                .map_err(|error| JsError::new(&format!("invalid query: {error}")))?
        };
        let results = match &self.stemmer {
            Some(stemmer) => self
                .index
                .search_stemmed(&query, &|word| stems_by(stemmer, word)),
            None => self.index.search(&query),
        }
        .map_err(|error| JsError::new(&error.to_string()))?;
        let directory = self.index.directory();
        let language = shape
            .language
            .as_deref()
            .unwrap_or(directory.default_language.as_str());
        to_js(
            &Resolver {
                directory,
                language,
            }
            .results(results, &directory.entries, shape.entries),
        )
    }

    /// Uses a thesaurus from now on: one concept per line, its words and phrases in any
    /// languages separated by tabs (the widget loads `thesaurus/<language>.txt`). A query word
    /// that is one of a concept's words then also finds the entries that use another. Returns
    /// how many concepts were read.
    #[wasm_bindgen(js_name = setThesaurus)]
    pub fn set_thesaurus(&mut self, text: &str) -> usize {
        self.index
            .set_thesaurus(crate::search::Thesaurus::from_text(text))
    }

    /// Finds other forms of the words from now on ("Bibliotheken" for "Bibliothek"): `stemmer`
    /// gives each word's stems (the stem module's `Stemmer`, loaded after the first results).
    /// Every term of the directory is stemmed now, each query word as it is searched. Returns
    /// how many distinct stems the directory's words have. Replaces the stemmer set before.
    #[wasm_bindgen(js_name = setStemmer)]
    pub fn set_stemmer(&mut self, stemmer: WordStemmer) -> usize {
        // All terms in one call where the stemmer can (the stem module's `stemAll`): one
        // crossing into JavaScript instead of one per term, which took most of the time. (The
        // lines are joined by hand: `collect` and `join` cost 0.4 KB more of the download.)
        let mut words = String::new();
        for word in self.index.stemmable_terms() {
            if !words.is_empty() {
                words.push('\n');
            }
            words.push_str(word);
        }
        let lines = |text: &str| text.bytes().filter(|&byte| byte == b'\n').count();
        let stems = match stemmer.stem_all(&words) {
            Ok(stems) if lines(&stems) == lines(&words) => stems,
            // A stemmer without `stemAll` (or one that miscounts) is asked word by word.
            _ => {
                let mut stems = String::new();
                for word in words.split('\n') {
                    if !stems.is_empty() {
                        stems.push('\n');
                    }
                    stems.push_str(&stems_by(&stemmer, word));
                }
                stems
            }
        };
        let count = self.index.set_term_stems(&mut stems.split('\n'));
        self.stemmer = Some(stemmer);
        count
    }

    /// Up to three corrected search texts ("did you mean …") for a text that found nothing or
    /// only loosely (`loose` in the results), written as the directory or the thesaurus
    /// writes the words; empty when no word of it is near.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn suggest(&self, text: &str) -> Vec<String> {
        self.index.suggest(text)
    }

    /// The words a search for `text` looks up, separated by spaces: folded as the index folds
    /// them and without stop words (kept when the text is nothing else). For a term index kept
    /// apart from the directory (the nationwide files, www/widget/nationwide.js).
    #[wasm_bindgen(js_name = searchWords)]
    pub fn search_words(text: &str) -> String {
        let mut words = crate::search::tokens(text);
        crate::search::drop_stop_words(&mut words);
        words.join(" ")
    }
}

impl ServiceFinder {
    /// The finder of one loaded directory.
    fn from_loaded(loaded: LoadedDirectory) -> ServiceFinder {
        let usable = loaded.directory.entries.len();
        ServiceFinder {
            index: Index::new(loaded.directory),
            problem_directories: vec![0; loaded.problems.len()],
            problems: loaded.problems,
            entries_in_file: loaded.entries_in_file,
            usable,
            stemmer: None,
        }
    }
}

/// Whether `entry` is a course that on `today` has not started yet, or has ended (the
/// "running" flag's dates, see src/search/flags.rs); false without `today`.
fn outside_course_dates(entry: &Entry, today: Option<Date>) -> bool {
    let (Some(today), Some(course)) = (today, entry.course.as_ref()) else {
        return false;
    };
    entry.kind == Kind::Course
        && (course.start_date.is_some_and(|start| start > today)
            || course.end_date.is_some_and(|end| end < today))
}

/// A directory read as it downloads, piece by piece, so that its file is never whole in the
/// page's memory (`fetchDirectory` in service-finder.js uses it): `push` each piece of the
/// file in order, then `finish`.
#[wasm_bindgen]
pub struct DirectoryReader {
    pieces: DirectoryInPieces,
}

#[wasm_bindgen]
impl DirectoryReader {
    /// Starts reading a file of `expectedBytes` bytes (0 when its length is not known; when it
    /// is, the room for its entries is made at once, which saves memory).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(js_name = expectedBytes)] expected_bytes: f64) -> DirectoryReader {
        // `as` saturates: a negative or NaN length is 0, not known.
        DirectoryReader {
            pieces: DirectoryInPieces::new(expected_bytes as usize),
        }
    }

    /// Reads the next piece of the file. Returns false once the file cannot be read in pieces
    /// (then the rest need not be pushed, and `finish` says so).
    pub fn push(&mut self, piece: &Uint8Array) -> bool {
        self.pieces
            .push(piece.length() as usize, |buffer| copy_into(piece, buffer));
        self.pieces.reading()
    }

    /// The finder, once every piece has been pushed, as `ServiceFinder.fromJson` would load
    /// the whole file; `undefined` when the file must be read in one piece (a syntax error,
    /// bytes that are not UTF-8, an unusual layout): load it with `ServiceFinder.fromJson`,
    /// which says exactly where each problem is. Throws when the directory is refused whole
    /// (too large, too many entries, an unknown format version).
    pub fn finish(self) -> Result<Option<ServiceFinder>, JsError> {
        match self.pieces.finish() {
            Some(Ok(loaded)) => Ok(Some(ServiceFinder::from_loaded(loaded))),
            Some(Err(error)) => Err(JsError::new(&error.to_string())),
            None => Ok(None),
        }
    }
}

/// Loads one directory from what JavaScript passed: its text, or its bytes. `what` names the
/// argument in the error thrown for any other value.
fn load_value(directory: &JsValue, what: &str) -> Result<LoadedDirectory, JsError> {
    let loaded = if let Some(json) = directory.as_string() {
        load_directory(&json)
    } else if let Some(array) = bytes_of(directory) {
        load_array(&array)
    } else {
        let found = if directory.is_null() {
            "null"
        } else if directory.is_undefined() {
            "undefined"
        } else if directory.as_f64().is_some() {
            "a number"
        } else if directory.is_object() {
            "an object"
        } else {
            "a value of another type"
        };
        return Err(JsError::new(&format!(
            "{what} expects the directory's JSON as a string, a Uint8Array or an ArrayBuffer, found {found}"
        )));
    };
    loaded.map_err(|error: LoadError| JsError::new(&error.to_string()))
}

/// Loads the bytes of a directory file a piece at a time, as `DirectoryReader` does, so that the
/// file is never whole in the core's memory, which never shrinks (see
/// src/directory/pieces.rs); whole only where it must be read in one piece. Through
/// `DirectoryReader::push`, not a reader of its own: the wasm then has one copy of the reading
/// code for both.
fn load_array(array: &Uint8Array) -> Result<LoadedDirectory, LoadError> {
    /// As much as is read at a time: large enough that the work per piece is lost in the
    /// reading, small against a large directory.
    const PIECE_BYTES: u32 = 1 << 20;
    let len = array.length();
    let mut reader = DirectoryReader::new(len.into());
    let mut offset = 0;
    while offset < len && reader.push(&array.subarray(offset, offset.saturating_add(PIECE_BYTES))) {
        offset = offset.saturating_add(PIECE_BYTES);
    }
    reader.pieces.finish().unwrap_or_else(|| {
        let mut whole = vec![0; len as usize];
        copy_into(array, &mut whole);
        load_directory_bytes(&whole)
    })
}

/// The numbers of a query and what each may be. JSON has no NaN or Infinity (`JSON.stringify`
/// writes null, which would mean "not given"), so they are refused here, by name.
const QUERY_NUMBERS: [(&str, &str); 5] = [
    ("radiusKm", "a number of kilometres of 0 or more"),
    ("offset", "a whole number of 0 or more"),
    (
        "limit",
        "a whole number of 0 or more (at most 1000 hits are returned)",
    ),
    ("near.latitude", "a number of degrees from -90 to 90"),
    ("near.longitude", "a number of degrees from -180 to 180"),
];

fn check_numbers(query: &JsValue) -> Result<(), JsError> {
    for (path, allowed) in QUERY_NUMBERS {
        let mut value = query.clone();
        for key in path.split('.') {
            // Not an object (a `near` that is a number, say): the core says what is wrong.
            value = Reflect::get(&value, &key.into()).unwrap_or_default();
        }
        if let Some(number) = value.as_f64().filter(|number| !number.is_finite()) {
            let found = if number.is_nan() {
                "NaN"
            } else if number > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            return Err(JsError::new(&format!(
                "{path} must be {allowed}, found {found}"
            )));
        }
    }
    Ok(())
}

/// The bytes of a Uint8Array or an ArrayBuffer, without copying them: a Uint8Array as it is
/// (`new Uint8Array(array)` would copy it, a second 115 MB for a directory of 100,000 entries
/// and 6 % of the loading time in Chromium), an ArrayBuffer through a view. `None` for any
/// other value.
fn bytes_of(value: &JsValue) -> Option<Uint8Array> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Some(array.clone())
    } else {
        value
            .is_instance_of::<ArrayBuffer>()
            .then(|| Uint8Array::new(value))
    }
}

/// Copies `array` into `piece`, which has its length: by the browser, into wasm memory.
/// (js-sys's copies check lengths with `assert_eq!`, whose formatting code would be the larger
/// part of this in the download.)
fn copy_into(array: &Uint8Array, piece: &mut [u8]) {
    // The memory's buffer is asked for each time: it is a new one after the memory grew.
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    Uint8Array::new(&memory.buffer()).set(array, piece.as_mut_ptr() as u32);
}

/// Plain JavaScript objects, as a webmaster expects: written as JSON and parsed by the browser
/// (cheaper in code than building the objects from wasm).
pub(super) fn to_js(value: &impl WriteJson) -> Result<JsValue, JsError> {
    let text = to_json(value);
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the result cannot be parsed as JSON"))
}
