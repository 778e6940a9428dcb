//! The bodies of the fuzz targets: what `fuzz/fuzz_targets/*.rs` run on every input libFuzzer
//! makes, and what `tests/native/fuzz_corpus.rs` runs on every saved input with stable Rust.
//!
//! Why they live in the library: a fuzz target and the test that replays its corpus must run
//! exactly the same code with exactly the same checks, or a crash the fuzzer found could pass
//! the test (or the other way round). Kept here, there is one copy of each, and the JSON
//! reader, which the crate keeps private, can be fuzzed directly. Native only and hidden from
//! the docs: it is a test fixture, not part of the API.
//!
//! Each body takes arbitrary bytes, never fails on bad input (bad input is what it is for), and
//! panics only when the code under test panics or breaks one of the invariants checked here.
//! The invariants are ones that hold for every input, and are cheap enough not to slow the
//! fuzzer down much.

// A test fixture, native only: the size rules are for the wasm.
#![allow(clippy::disallowed_methods)]

use std::sync::OnceLock;

use crate::directory::LoadedDirectory;
use crate::distance::GeoPoint;
use crate::json::{Found, Read, Reader};
use crate::places::{Gazetteer, Home, LookupOptions, PlaceMatch};
use crate::search::MAX_LIMIT;
use crate::search::{Index, Query, SearchResults};

/// Asserts that a directory loaded another way (`how`) has the entries and problems of
/// `loaded`, which was read in one piece.
fn assert_loaded_alike(
    other: Result<LoadedDirectory, crate::directory::LoadError>,
    loaded: &LoadedDirectory,
    how: &str,
) {
    let other =
        other.unwrap_or_else(|error| panic!("{how}: {error} (read in one piece, it loaded)"));
    assert_eq!(
        other.directory, loaded.directory,
        "{how}, the entries differ"
    );
    assert_eq!(
        other.problems, loaded.problems,
        "{how}, the problems differ"
    );
}

/// The directory loader, as the CLI and the widget use it (from the bytes of a file): any
/// bytes load or fail with a message, bytes that are not UTF-8 are reported, and a loaded
/// directory is consistent with its problems, indexes, and can be searched.
pub fn directory(data: &[u8]) {
    let loaded = match crate::directory::load_directory_bytes(data) {
        Ok(loaded) => loaded,
        Err(error) => {
            assert!(!error.message.is_empty(), "a load error without a message");
            return;
        }
    };
    if std::str::from_utf8(data).is_err() {
        assert!(
            loaded.error_count() >= 1,
            "bytes that are not UTF-8 go unreported"
        );
    }
    check_loaded(&loaded);
    // Read in pieces, as the browser reads a file, through a window that moves a few times,
    // it loads the same.
    let window = (data.len() / 4).max(16);
    let in_pieces = crate::directory::load_with_window(data.len(), window, |offset, piece| {
        piece.copy_from_slice(&data[offset..offset + piece.len()]);
    });
    assert_loaded_alike(in_pieces, &loaded, "read in pieces");
    // As it comes from the network: pieces of changing sizes, the length not known beforehand.
    // Where it is read so (not left to reading in one piece), it loads the same.
    let mut streamed = crate::directory::DirectoryInPieces::new(0);
    let mut rest = data;
    let mut size = 1;
    while !rest.is_empty() {
        let (piece, after) = rest.split_at(size.min(rest.len()));
        streamed.push(piece.len(), |buffer| buffer.copy_from_slice(piece));
        rest = after;
        size = size * 3 % 97 + 1;
    }
    if let Some(streamed) = streamed.finish() {
        assert_loaded_alike(streamed, &loaded, "streamed");
    }
    let entry_count = loaded.directory.entries.len();
    let index = Index::new(loaded.directory);

    // Without text or filters, every usable entry is a result.
    let everything = Query::default();
    let results = index
        .search(&everything)
        .expect("the default query is valid");
    assert_eq!(results.total, entry_count, "not every entry is found");
    check_results(&index, &everything, &results);

    // An entry's own name finds it (a name without words finds every entry).
    if let Some(entry) = index.directory().entries.first() {
        let default_language = index.directory().default_language.as_str();
        if let Some((name, _)) = entry.name.best(default_language, default_language) {
            let by_name = Query {
                text: name.to_owned(),
                limit: MAX_LIMIT,
                ..Query::default()
            };
            let results = index.search(&by_name).expect("a text query is valid");
            check_results(&index, &by_name, &results);
            // Among the first page of a thousand hits, when there is only one page.
            assert!(
                results.total > MAX_LIMIT || results.hits.iter().any(|hit| hit.entry_index == 0),
                "the first entry's name {name:?} does not find it"
            );
        }
    }
}

/// The JSON reader: it accepts exactly the texts that serde_json's grammar accepts, reads
/// the same values from them, and every error's offset lies within the text, at a character.
///
/// Input that is not UTF-8 is left out: the reader takes text.
pub fn json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut reader = Reader::new(text);
    let ours = reader.skip().and_then(|()| reader.end());
    if let Err(error) = &ours {
        assert!(
            error.offset <= text.len() && text.is_char_boundary(error.offset),
            "error offset {} is not at a character of the text",
            error.offset
        );
        assert!(!error.message.is_empty());
    }

    // The grammar alone: serde_json skipping a value checks neither the size of numbers nor
    // whether `\u` escapes pair up, and has no depth limit, like the reader.
    let grammar = serde_json::from_str::<serde::de::IgnoredAny>(text);
    assert_eq!(
        ours.is_ok(),
        grammar.is_ok(),
        "reader: {ours:?}, serde_json: {grammar:?}"
    );

    // The values, where serde_json can represent them: numbers within an f64, strings
    // without lone surrogates (the reader reads those as U+FFFD), at most 128 deep (so the
    // recursion below is bounded).
    let Ok(expected) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let mut reader = Reader::new(text);
    let value = read_value(&mut reader)
        .and_then(|value| reader.end().map(|()| value))
        .expect("a text the reader accepted reads value by value");
    assert_eq!(
        value, expected,
        "the reader reads other values than serde_json"
    );
}

/// A query as the JavaScript API takes it (JSON text), searched in the demo directory: it is
/// read or refused with a message, and a search gives a consistent page of results or a
/// query error.
pub fn query(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let query = match Query::from_json(text) {
        Ok(query) => query,
        Err(message) => {
            assert!(!message.is_empty(), "a query error without a message");
            return;
        }
    };
    let index = demo_index();
    match index.search(&query) {
        Ok(results) => check_results(index, &query, &results),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

/// Place lookup, as the widget's place field uses it, and the gazetteer's text format.
///
/// The first byte chooses what to do with the rest, which must be UTF-8:
/// - bits 0–3: the limit, 0–13, or 1000 (14), or `u32::MAX` (15: JavaScript may pass any);
/// - bits 4–5: the home region: none (0), Waldeck-Frankenberg with its district (1), or a
///   point from the next 16 bytes (two little-endian `f64`s, any value, as JavaScript may
///   pass), without (2) or with (3) a district;
/// - bit 6 clear: the rest is a query, looked up in the gazetteer of all of Germany;
/// - bit 6 set: the rest is a gazetteer text, then optionally a NUL and a query to look up in
///   it; bit 7 also takes the region subset around the home (or the first place) and looks
///   the query up there.
pub fn places(data: &[u8]) {
    let Some((&control, mut rest)) = data.split_first() else {
        return;
    };
    let limit = match control & 0x0f {
        14 => 1000,
        15 => u32::MAX as usize,
        limit => usize::from(limit),
    };
    let home = match (control >> 4) & 3 {
        0 => None,
        1 => Some(Home::new(
            GeoPoint::new(51.16, 8.90),
            Some("06635".to_owned()),
        )),
        mode => {
            let Some((point, after)) = rest.split_first_chunk::<16>() else {
                return;
            };
            rest = after;
            let (latitude, longitude) = point.split_at(8);
            let coordinate = |bytes: &[u8]| f64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]));
            let centre = GeoPoint::new(coordinate(latitude), coordinate(longitude));
            Some(Home::new(centre, (mode == 3).then(|| "06635".to_owned())))
        }
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = LookupOptions { limit, home };

    if control & 0x40 == 0 {
        let germany = germany();
        check_lookup(germany, text, &options);
        return;
    }

    let (gazetteer_text, query) = text.split_once('\0').unwrap_or((text, ""));
    let gazetteer = match Gazetteer::parse(gazetteer_text) {
        Ok(gazetteer) => gazetteer,
        Err(error) => {
            assert!(
                error.line >= 1 && error.line <= gazetteer_text.lines().count(),
                "error on line {} of {}",
                error.line,
                gazetteer_text.lines().count()
            );
            return;
        }
    };
    for place in gazetteer.places() {
        assert!(place.point.is_valid(), "{place:?}");
        assert!(place.district < gazetteer.districts().len());
    }
    // What the CLI writes (a region subset), the widget must read back.
    let written = gazetteer.to_text();
    let reread = Gazetteer::parse(&written)
        .unwrap_or_else(|error| panic!("to_text wrote what parse refuses: {error}\n{written}"));
    assert_eq!(
        reread.places().len(),
        gazetteer.places().len(),
        "to_text and parse lose places:\n{written}"
    );
    check_lookup(&gazetteer, query, &options);

    if control & 0x80 != 0 {
        let centre = options
            .home
            .as_ref()
            .map(|home| home.centre)
            .or_else(|| gazetteer.places().first().map(|place| place.point));
        if let Some(centre) = centre {
            let district = gazetteer.districts().first().map(|district| &*district.ags);
            let region = gazetteer.region(&crate::places::RegionArea::around(centre, district));
            assert!(region.places().len() <= gazetteer.places().len());
            check_lookup(&region, query, &options);
        }
    }
}

/// What holds for every loaded directory.
fn check_loaded(loaded: &LoadedDirectory) {
    assert!(
        loaded.directory.entries.len() <= loaded.entries_in_file,
        "{} entries kept of {} in the file",
        loaded.directory.entries.len(),
        loaded.entries_in_file
    );
    for problem in &loaded.problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
        if let Some(entry) = &problem.entry {
            assert!(
                entry.index < loaded.entries_in_file,
                "a problem of entry {} of {}",
                entry.index,
                loaded.entries_in_file
            );
            assert!(entry.line >= 1, "a problem on line 0");
        }
    }
}

/// What holds for every page of results.
fn check_results(index: &Index, query: &Query, results: &SearchResults) {
    let limit = query.limit.min(MAX_LIMIT);
    let hits = results.hits.len();
    assert!(hits <= limit, "{hits} hits for a limit of {}", query.limit);
    assert!(
        results.total >= hits,
        "{hits} hits of {} in all",
        results.total
    );
    assert_eq!(
        hits,
        limit.min(results.total.saturating_sub(query.offset)),
        "a short page: {hits} hits of {} from {} with a limit of {limit}",
        results.total,
        query.offset
    );
    let entries = &index.directory().entries;
    for hit in &results.hits {
        let entry = entries
            .get(hit.entry_index)
            .unwrap_or_else(|| panic!("hit {} of {} entries", hit.entry_index, entries.len()));
        assert_eq!(hit.id, entry.id);
        assert!(hit.score.is_finite(), "score {}", hit.score);
        if let Some(metres) = hit.distance_metres {
            assert!(query.near.is_some(), "a distance without a point");
            assert!(metres.is_finite() && metres >= 0.0, "distance {metres}");
        }
    }
}

/// What holds for every lookup.
fn check_lookup(gazetteer: &Gazetteer, query: &str, options: &LookupOptions) {
    let matches: Vec<PlaceMatch> = gazetteer.lookup(query, options);
    assert!(
        matches.len() <= options.limit,
        "{} matches for a limit of {}",
        matches.len(),
        options.limit
    );
    for found in &matches {
        let place = gazetteer
            .places()
            .get(found.place_index)
            .unwrap_or_else(|| {
                panic!(
                    "match {} of {}",
                    found.place_index,
                    gazetteer.places().len()
                )
            });
        assert_eq!(found.name, place.name);
        assert_eq!(found.postcodes, place.postcodes);
    }
}

/// One value read with the typed calls the record readers use, as serde_json would represent
/// it (numbers through serde_json's own number parser, so that only the grammar is compared).
fn read_value(reader: &mut Reader<'_>) -> Read<serde_json::Value> {
    use serde_json::Value;
    Ok(match reader.peek()? {
        Found::Object => {
            reader.begin_object()?;
            let mut map = serde_json::Map::new();
            let mut first = true;
            while let Some(key) = reader.next_key(&mut first)? {
                let value = read_value(reader)?;
                // Like serde_json, the last of repeated keys wins.
                map.insert(key.into_owned(), value);
            }
            Value::Object(map)
        }
        Found::List => {
            reader.begin_list()?;
            let mut items = Vec::new();
            let mut first = true;
            while reader.next_item(&mut first)? {
                items.push(read_value(reader)?);
            }
            Value::Array(items)
        }
        Found::Text => Value::String(reader.string()?.into_owned()),
        Found::Number => {
            let written = reader.number()?;
            check_number(written);
            Value::Number(
                written
                    .parse()
                    .unwrap_or_else(|error| panic!("{written:?} is no number: {error}")),
            )
        }
        Found::Bool => Value::Bool(reader.boolean()?),
        Found::Null => {
            reader.null()?;
            Value::Null
        }
    })
}

/// The crate's own number parser against core's (correctly rounded): equal for up to 19
/// digits without an exponent (as documented: every coordinate), close for every other number.
fn check_number(written: &str) {
    let exact: f64 = written.parse().expect("core parses a JSON number");
    let ours = crate::json::parse_number(written);
    let digits = written.bytes().filter(u8::is_ascii_digit).count();
    let plain = !written.bytes().any(|byte| byte | 0x20 == b'e');
    match ours {
        Some(ours) if plain && digits <= 19 => {
            assert_eq!(
                ours.to_bits(),
                exact.to_bits(),
                "{written}: {ours:e} / {exact:e}"
            );
        }
        Some(ours) if exact.is_finite() => {
            let tolerance = exact.abs() * 1e-13 + 1e-300;
            assert!(
                (ours - exact).abs() <= tolerance,
                "{written}: {ours:e} / {exact:e}"
            );
        }
        // Beyond f64::MAX (core rounds to infinity): either is right at the edge.
        Some(ours) => assert!(ours.abs() > 1e308, "{written}: {ours:e} / {exact:e}"),
        None => assert!(
            exact.abs() > 1e308,
            "{written}: refused, core reads {exact:e}"
        ),
    }
}

/// The demo directory's index, built once per process.
fn demo_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let loaded =
            crate::directory::load_directory(crate::DEMO_DIRECTORY_JSON).expect("the demo loads");
        Index::new(loaded.directory)
    })
}

/// The gazetteer of all of Germany, parsed once per process.
fn germany() -> &'static Gazetteer {
    static GERMANY: OnceLock<Gazetteer> = OnceLock::new();
    GERMANY.get_or_init(|| Gazetteer::parse(crate::places::GERMANY).expect("the gazetteer parses"))
}

/// Opening hours, as the widget's hours module and `service-finder check` read them: any text at
/// any time (the first 8 bytes, as the milliseconds `Date.now()` gives, NaN and infinities
/// included) gives JSON, never a panic or a hang; a value that `describe` reads is one that
/// `check` accepts; and `openSets` answers for it too.
#[cfg(feature = "advice")]
pub fn hours(data: &[u8]) {
    use service_finder_hours::Hours;
    thread_local! {
        // Building the holiday calendar of a century per input would be most of the work.
        static HOURS: Hours = Hours::new("06635");
    }
    let (time, text) = match data.split_first_chunk::<8>() {
        Some((time, text)) => (f64::from_le_bytes(*time), text),
        None => (0.0, data),
    };
    let text = String::from_utf8_lossy(text);
    HOURS.with(|hours| {
        let described: serde_json::Value =
            serde_json::from_str(&hours.describe(&text, time)).expect("describe writes JSON");
        if described["ok"] == true {
            assert!(
                service_finder_hours::check(&text).is_ok(),
                "describe read {text:?}, check refused it"
            );
        }
        let texts = serde_json::to_string(&[text.as_ref()]).expect("a list of one text");
        let sets: serde_json::Value =
            serde_json::from_str(&hours.open_sets(&texts, time)).expect("openSets writes JSON");
        assert!(sets["now"].is_array(), "{sets}");
    });
}

/// The importer (`service-finder import`, the officers' checker page): the first byte picks
/// the source's format (`b'0' + n` reads as CSV, Integreat, GeoJSON, HSDS, xlsx, ods for n =
/// 0..5, so that seeds stay readable), the rest is the source. Any source imports or fails with
/// a message, never a panic or a hang; every problem says something; every entry the importer
/// writes has its row; and the directory it writes loads in the core.
pub fn import(data: &[u8]) {
    use service_finder_import::{Format, KnownCategory, Options, Point};
    const FORMATS: [Format; 6] = [
        Format::Csv,
        Format::Integreat,
        Format::GeoJson,
        Format::Hsds,
        Format::Xlsx,
        Format::Ods,
    ];
    static KNOWN: OnceLock<Vec<KnownCategory>> = OnceLock::new();
    let Some((&selector, source)) = data.split_first() else {
        return;
    };
    let known = KNOWN.get_or_init(crate::directory::known_categories);
    // Every postcode and town is somewhere (the county's centre): coordinates come into play.
    let everywhere = |_: &str| {
        Some(Point {
            latitude: 51.16,
            longitude: 8.9,
        })
    };
    let options = Options {
        format: FORMATS[usize::from(selector.wrapping_sub(b'0')) % FORMATS.len()],
        mapping: None,
        known_categories: known,
        places: &everywhere,
        title: "Fuzz",
        title_from_file_name: false,
        today: Some("2026-12-04"),
    };
    let imported = match service_finder_import::import(source, &options) {
        Ok(imported) => imported,
        Err(error) => {
            assert!(
                !error.message.is_empty(),
                "an import error without a message"
            );
            return;
        }
    };
    for problem in &imported.problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
    }
    let entries = imported.directory["entries"].as_array().map_or(0, Vec::len);
    assert_eq!(
        imported.entry_rows.len(),
        entries,
        "not every entry has its row"
    );
    let text = service_finder_import::to_text(&imported.directory);
    if let Err(error) = crate::directory::load_directory_bytes(text.as_bytes()) {
        panic!(
            "the imported directory does not load: {}\n{text}",
            error.message
        );
    }
}
