//! Large directories are loaded and indexed in parallel chunks of entries (natively). These
//! tests use directories large enough to be split and check the results against what the
//! entries themselves say: nothing depends on where a chunk boundary falls.

use service_finder::directory::ProblemKind;
use service_finder::directory::load_directory;
use service_finder::generate::generate_directory;
use service_finder::search::tokens;
use service_finder::search::{Index, Query, Sort};

/// Large enough for several chunks (a chunk has at least 4,096 entries).
const ENTRIES: usize = 20_000;

#[test]
fn problems_in_every_chunk_are_named_at_their_entry_and_line() {
    let mut directory = generate_directory(ENTRIES, 7);
    directory.entries[3].email = Some("not-an-email".to_owned());
    directory.entries[15_000].email = Some("also not an e-mail".to_owned());
    directory.entries[19_000].id = directory.entries[12_000].id.clone();
    let expected_ids: Vec<String> = directory
        .entries
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != 19_000)
        .map(|(_, entry)| entry.id.clone())
        .collect();
    let json = serde_json::to_string_pretty(&directory).unwrap();

    let loaded = load_directory(&json).unwrap();

    assert_eq!(loaded.entries_in_file, ENTRIES);
    let found: Vec<(usize, ProblemKind)> = loaded
        .problems
        .iter()
        .map(|problem| (problem.entry.as_ref().unwrap().index, problem.kind))
        .collect();
    assert_eq!(
        found,
        [
            (3, ProblemKind::InvalidEmail),
            (15_000, ProblemKind::InvalidEmail),
            (19_000, ProblemKind::DuplicateId),
        ]
    );
    // Each entry starts with `{` on the line before its `"id"` (the first field).
    let lines: Vec<&str> = json.lines().collect();
    for problem in &loaded.problems {
        let entry = problem.entry.as_ref().unwrap();
        let id_line = lines[entry.line]; // `line` counts from 1: this is the next line.
        assert!(lines[entry.line - 1].trim_end().ends_with('{'), "{entry:?}");
        assert!(
            id_line.contains(&format!("\"id\": \"{}\"", entry.id.as_deref().unwrap())),
            "{entry:?}: {id_line}"
        );
    }
    let ids: Vec<&String> = loaded.directory.entries.iter().map(|e| &e.id).collect();
    assert_eq!(ids, expected_ids.iter().collect::<Vec<_>>(), "order kept");
}

#[test]
fn the_index_of_a_large_directory_counts_what_the_entries_say() {
    let directory = generate_directory(ENTRIES, 11);
    let json = serde_json::to_string(&directory).unwrap();
    let index = Index::new(load_directory(&json).unwrap().directory);
    let entries = &index.directory().entries;

    let all = index
        .search(&Query {
            sort: Sort::Name,
            limit: 100,
            ..Query::default()
        })
        .unwrap();
    assert_eq!(all.total, ENTRIES);

    for count in &all.facets.kinds {
        let expected = entries
            .iter()
            .filter(|entry| entry.kind.as_str() == count.value)
            .count();
        assert_eq!(count.count, expected, "kind {}", count.value);
    }
    for count in &all.facets.categories {
        let expected = entries
            .iter()
            .filter(|entry| entry.categories.contains(&count.value))
            .count();
        assert_eq!(count.count, expected, "category {}", count.value);
    }
    assert!(!all.facets.languages.is_empty());
    for count in &all.facets.languages {
        let expected = entries
            .iter()
            .filter(|entry| entry.languages.iter().any(|l| l.as_str() == count.value))
            .count();
        assert_eq!(count.count, expected, "language {}", count.value);
    }

    // Name order over the whole directory, not within a chunk.
    let name_of = |index: usize| entries[index].name.best("de", "de").unwrap().0;
    let name_key = |index: usize| tokens(name_of(index)).join(" ");
    let mut expected: Vec<usize> = (0..ENTRIES).collect();
    expected.sort_by_key(|&index| (name_key(index), index));
    let first_page: Vec<usize> = all.hits.iter().map(|hit| hit.entry_index).collect();
    assert_eq!(first_page, expected[..100]);

    // A word's postings span every chunk: searching for a word of a late entry's name finds
    // every entry whose name has that word, wherever it is in the directory.
    let named_with = |word: &String| -> Vec<usize> {
        (0..ENTRIES)
            .filter(|&index| tokens(name_of(index)).contains(word))
            .collect()
    };
    let (word, named) = (ENTRIES / 2..ENTRIES)
        .rev()
        .flat_map(|index| tokens(name_of(index)))
        .map(|word| {
            let named = named_with(&word);
            (word, named)
        })
        .find(|(_, named)| named.len() <= 200 && named[0] < ENTRIES / 2)
        .expect("a word in names of both halves");
    let found = index
        .search(&Query {
            text: word.clone(),
            limit: service_finder::search::MAX_LIMIT,
            ..Query::default()
        })
        .unwrap();
    let found: Vec<usize> = found.hits.iter().map(|hit| hit.entry_index).collect();
    assert!(
        found.len() < service_finder::search::MAX_LIMIT,
        "{word}: all on one page"
    );
    for index in &named {
        assert!(found.contains(index), "{word}: entry {index} not found");
    }
}
