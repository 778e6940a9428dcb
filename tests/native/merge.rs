//! Neighbouring counties' directories as one: entries keep where they came from, the same entry
//! is kept once, the own county's come first at equal relevance, and facets count the whole.

use service_finder::directory::merge::{DuplicateReason, SAME_PLACE_METRES, merge};
use service_finder::directory::{Directory, Kind, Text, load_directory};
use service_finder::search::{Index, Query};

use crate::common::{demo_directory, service_finder, stdout};

const KASSEL: &str = include_str!("../fixtures/neighbour-kassel.json");

fn kassel() -> Directory {
    let loaded = load_directory(KASSEL).expect("the neighbour's fixture loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.directory
}

fn german(text: &Text) -> &str {
    text.iter().next().map(|(_, text)| text).unwrap_or_default()
}

#[test]
fn a_neighbours_entries_join_with_their_source_and_shared_ones_are_kept_once() {
    let own = demo_directory();
    let own_count = own.entries.len();
    let merged = merge(own, vec![kassel()]);
    // 8 entries in the neighbour's file, one of them the own county's "Integrationsbüro
    // Volkmarsen" (the same name, 7 m away).
    assert_eq!(merged.directory.entries.len(), own_count + 7);
    assert_eq!(merged.duplicates.len(), 1);
    let duplicate = &merged.duplicates[0];
    assert_eq!(
        (duplicate.directory, duplicate.id.as_str()),
        (1, "ks-svc-066")
    );
    assert_eq!(
        (duplicate.kept_directory, duplicate.kept_id.as_str()),
        (0, "wf-svc-066")
    );
    match duplicate.reason {
        DuplicateReason::SameNameNearby(metres) => {
            assert!(metres > 1.0 && metres < SAME_PLACE_METRES, "{metres} m")
        }
        DuplicateReason::SameIdAndPublisher => panic!("found by name and place, not by id"),
    }
    // An id the own directory has already gets the neighbour's AGS in front.
    assert_eq!(merged.renamed.len(), 1);
    assert_eq!(merged.renamed[0].merged_id, "06633:wf-svc-045");
    let entries = &merged.directory.entries;
    let cafe = entries
        .iter()
        .find(|entry| entry.id == "06633:wf-svc-045")
        .unwrap();
    assert_eq!(
        german(&cafe.name),
        "Sprachcafé in der Bücherei Naumburg (Beispiel)"
    );
    // Every neighbour's entry says where it is from; the own ones do not.
    for entry in &entries[..own_count] {
        assert!(entry.source.is_none(), "{}", entry.id);
    }
    for entry in &entries[own_count..] {
        let source = entry
            .source
            .as_ref()
            .expect("a neighbour's entry has its source");
        assert_eq!(german(&source.name), "Landkreis Kassel");
        assert_eq!(
            source.last_modified.map(|date| date.to_string()).as_deref(),
            Some("2026-11-12")
        );
    }
    // The own directory's title and region stay the merged one's.
    assert_eq!(
        german(&merged.directory.region.unwrap().name),
        "Landkreis Waldeck-Frankenberg"
    );
}

#[test]
fn the_same_file_twice_adds_nothing_the_same_id_and_publisher_being_one_entry() {
    let merged = merge(demo_directory(), vec![demo_directory()]);
    let count = demo_directory().entries.len();
    assert_eq!(merged.directory.entries.len(), count);
    assert_eq!(merged.duplicates.len(), count);
    assert!(
        merged
            .duplicates
            .iter()
            .all(|duplicate| duplicate.reason == DuplicateReason::SameIdAndPublisher)
    );
    assert!(merged.renamed.is_empty());
}

/// A directory with one entry of `name` at a point.
fn one_entry(title: &str, id: &str, name: &str, latitude: f64, longitude: f64) -> Directory {
    let json = format!(
        r#"{{"format_version": 1, "title": "{title}", "publisher": {{"name": "{title}"}}, "default_language": "de",
        "entries": [{{"id": "{id}", "kind": "service", "name": "{name}", "categories": ["language-courses"],
        "location": {{"latitude": {latitude}, "longitude": {longitude}}}}}]}}"#
    );
    load_directory(&json).unwrap().directory
}

#[test]
fn at_equal_relevance_the_own_countys_entries_come_first() {
    // Two language cafés of the same name, 20 km apart: not the same entry.
    let korbach = || one_entry("Korbach", "a", "Sprachcafé", 51.2756, 8.873);
    let wolfhagen = || one_entry("Wolfhagen", "b", "Sprachcafé", 51.3266, 9.1706);
    let order = |own: Directory, neighbour: Directory| {
        let merged = merge(own, vec![neighbour]);
        assert!(merged.duplicates.is_empty());
        let index = Index::new(merged.directory);
        let results = index
            .search(&Query {
                text: "Sprachcafé".to_owned(),
                ..Query::default()
            })
            .unwrap();
        assert_eq!(results.hits[0].score, results.hits[1].score);
        results
            .hits
            .iter()
            .map(|hit| hit.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(korbach(), wolfhagen()), ["a", "b"]);
    // Not the file order or the name: whose page it is.
    assert_eq!(order(wolfhagen(), korbach()), ["b", "a"]);
}

#[test]
fn facets_count_the_merged_directory() {
    let index = Index::new(merge(demo_directory(), vec![kassel()]).directory);
    let results = index.search(&Query::default()).unwrap();
    let demo = demo_directory();
    assert_eq!(results.total, demo.entries.len() + 7);
    let associations = results
        .facets
        .kinds
        .iter()
        .find(|facet| facet.value == "association")
        .unwrap()
        .count;
    let own_associations = demo
        .entries
        .iter()
        .filter(|entry| entry.kind == Kind::Association)
        .count();
    assert_eq!(associations, own_associations + 1);
    let tigrinya = results
        .facets
        .languages
        .iter()
        .find(|facet| facet.value == "ti")
        .unwrap()
        .count;
    let own_tigrinya = demo
        .entries
        .iter()
        .filter(|entry| entry.languages.iter().any(|code| code.as_str() == "ti"))
        .count();
    assert_eq!(tigrinya, own_tigrinya + 2);
}

#[test]
fn merge_writes_one_directory_that_loads_and_lists_what_it_left_out() {
    let folder = std::env::temp_dir().join(format!("service-finder-merge-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let output_path = folder.join("merged.json");
    let demo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/demo/waldeck-frankenberg.json"
    );
    let neighbour = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/neighbour-kassel.json"
    );
    let output = service_finder(&[
        "merge",
        demo,
        neighbour,
        "--output",
        output_path.to_str().unwrap(),
    ]);
    let printed = stdout(&output);
    assert!(output.status.success(), "{printed}");
    assert!(
        printed.contains(
            "neighbour-kassel.json: entry ks-svc-066 left out, the same as wf-svc-066 in"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("entry wf-svc-045 is 06633:wf-svc-045"),
        "{printed}"
    );
    // The file keeps every entry's source, and checks clean.
    let written = std::fs::read_to_string(&output_path).unwrap();
    let loaded = load_directory(&written).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(
        loaded.directory.entries.len(),
        demo_directory().entries.len() + 7
    );
    let sources = loaded
        .directory
        .entries
        .iter()
        .filter(|entry| entry.source.is_some())
        .count();
    assert_eq!(sources, 7);
    let check = service_finder(&["check", output_path.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stdout(&check));
    // One file is not a merge.
    assert!(
        !service_finder(&["merge", demo, "--output", output_path.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::remove_dir_all(&folder).unwrap();
}
