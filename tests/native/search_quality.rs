//! The search-quality query sets (`data/search-quality/`, run by
//! `examples/search_quality.rs`): they parse, name only entries and categories that exist, and
//! stay large enough, so that the set cannot rot as the directories change. The German-only
//! directory they are asked of is checked to be example data with German texts only.

use std::collections::{BTreeMap, HashSet};

use service_finder::directory::{BUILTIN_CATEGORIES, Directory, load_directory};

/// The UI languages, each of which needs at least `MIN_PER_LANGUAGE` demo queries.
const UI_LANGUAGES: [&str; 9] = ["de", "de-x-ls", "en", "ar", "fa", "ru", "uk", "tr", "ti"];
const MIN_PER_LANGUAGE: usize = 25;
const MIN_DEMO_QUERIES: usize = 300;
const MIN_VOGELSBERG_QUERIES: usize = 80;
const NOTES: [&str; 7] = [
    "word",
    "phrase",
    "misspelling",
    "by-ear",
    "concept",
    "place",
    "language",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn vogelsberg() -> Directory {
    let loaded = load_directory(&read("data/search-quality/vogelsberg-de.json")).expect("loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.directory
}

/// Checks every line of a query file against `directory` and returns the number of queries
/// per language; any problem fails the test with the file and line.
fn check_queries(path: &str, directory: &Directory) -> BTreeMap<String, usize> {
    let ids: HashSet<&str> = directory
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    let offered: HashSet<&str> = directory
        .entries
        .iter()
        .flat_map(|entry| entry.languages.iter().map(|code| code.as_str()))
        .collect();
    let categories: HashSet<&str> = BUILTIN_CATEGORIES
        .iter()
        .map(|category| category.id)
        .chain(
            directory
                .categories
                .iter()
                .map(|category| category.id.as_str()),
        )
        .collect();
    let text = read(path);
    let mut lines = text.lines().enumerate();
    assert_eq!(
        lines.next().map(|(_, line)| line),
        Some("language\tquery\texpected\tnote"),
        "{path}: header"
    );
    let mut per_language = BTreeMap::new();
    let mut seen = HashSet::new();
    // Empty lines and comments are skipped, as `examples/search_quality.rs` skips them.
    for (number, line) in lines.filter(|(_, line)| !line.is_empty() && !line.starts_with('#')) {
        let place = format!("{path}:{}", number + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [language, query, expected, note] = fields[..] else {
            panic!("{place}: {} columns instead of 4", fields.len());
        };
        assert!(!query.trim().is_empty(), "{place}: empty query");
        assert!(
            seen.insert((language, query)),
            "{place}: the same query twice"
        );
        assert!(NOTES.contains(&note), "{place}: unknown note {note:?}");
        assert!(!expected.is_empty(), "{place}: nothing expected");
        for item in expected.split(',') {
            if let Some(category) = item.strip_prefix("category:") {
                assert!(
                    categories.contains(category),
                    "{place}: unknown category {category:?}"
                );
            } else if item == "flag:free-of-charge" {
                // Every entry marked free of charge.
            } else if let Some(language) = item.strip_prefix("language:") {
                assert!(
                    offered.contains(language),
                    "{place}: no entry is offered in {language:?}"
                );
            } else {
                assert!(ids.contains(item), "{place}: unknown entry id {item:?}");
            }
        }
        *per_language.entry(language.to_owned()).or_insert(0) += 1;
    }
    per_language
}

/// Checks the queries of `file` against the demo directory, asserts that every UI language has
/// at least `min_per_language` of them, and returns how many there are.
fn check_demo_queries(file: &str, min_per_language: usize) -> usize {
    let per_language = check_queries(file, &crate::common::demo_directory());
    for language in UI_LANGUAGES {
        let count = per_language.get(language).copied().unwrap_or(0);
        assert!(
            count >= min_per_language,
            "{file}: {language}: {count} queries"
        );
    }
    per_language.values().sum()
}

#[test]
fn demo_queries_name_existing_entries_and_cover_every_language() {
    let total = check_demo_queries("data/search-quality/demo-queries.tsv", MIN_PER_LANGUAGE);
    assert!(total >= MIN_DEMO_QUERIES, "{total} queries");
}

#[test]
fn vogelsberg_queries_name_existing_entries() {
    let per_language = check_queries("data/search-quality/vogelsberg-queries.tsv", &vogelsberg());
    let total: usize = per_language.values().sum();
    assert!(total >= MIN_VOGELSBERG_QUERIES, "{total} queries");
}

#[test]
fn held_out_queries_name_existing_entries_in_every_language() {
    check_demo_queries("data/search-quality/demo-holdout.tsv", 1);
}

#[test]
fn vogelsberg_is_german_only_example_data() {
    let json: serde_json::Value =
        serde_json::from_str(&read("data/search-quality/vogelsberg-de.json")).unwrap();
    assert_eq!(json["example_data"], true);
    assert!(
        json["title"]["de"]
            .as_str()
            .unwrap()
            .contains("Beispieldaten")
    );
    let entries = json["entries"].as_array().unwrap();
    assert!((80..=120).contains(&entries.len()), "{}", entries.len());
    for entry in entries {
        let id = &entry["id"];
        for field in ["name", "description"] {
            let languages: Vec<&String> = entry[field].as_object().unwrap().keys().collect();
            assert_eq!(languages, ["de"], "{id} {field}");
        }
        assert!(
            entry["name"]["de"].as_str().unwrap().ends_with("Beispiel)"),
            "{id}"
        );
        assert!(
            entry["email"].as_str().unwrap().ends_with("@example.org"),
            "{id}"
        );
    }
    assert_eq!(vogelsberg().entries.len(), entries.len());
}
