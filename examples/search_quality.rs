//! Measures search quality: how often the entries a newcomer is looking for come first.
//!
//! Run with `cargo run --release --example search_quality` (add `-- --verbose` to list every
//! query that misses, with its top five ids; `-- --no-thesaurus` to measure without the
//! thesaurus, `-- --no-stemmer` without the Snowball stemmers). It loads each directory below, runs every query of its query file as plain text
//! with the default page of 20 hits, and prints a table per directory and language, one per
//! kind of query (`note`), and the totals. Like the widget in that UI language, each query is
//! expanded with the thesaurus of its language (`data/thesaurus/`, see
//! `service_finder::search::thesaurus_text`), and its words are stemmed with the stemmers of
//! German (the directories' language) and of its language where Snowball has one
//! (`service-finder-stem`, which the widget loads after the first results).
//!
//! | directory | queries |
//! | --- | --- |
//! | `data/demo/waldeck-frankenberg.json` (the bundled demo, texts in several languages) | `data/search-quality/demo-queries.tsv` |
//! | `data/search-quality/vogelsberg-de.json` (texts in German only) | `data/search-quality/vogelsberg-queries.tsv` |
//! | `data/demo/waldeck-frankenberg.json` | `data/search-quality/demo-holdout.tsv` (held out: written after the thesaurus was extended from the misses of the two above, and not tuned for) |
//!
//! # Query files
//!
//! UTF-8, tab-separated, one query a line, with the header line
//! `language<TAB>query<TAB>expected<TAB>note`. Empty lines and lines starting with `#` are
//! skipped.
//!
//! - `language`: the UI language the newcomer types in (`de`, `de-x-ls`, `en`, `ar`, …): it
//!   picks the thesaurus and groups the results.
//! - `query`: the text as typed, misspellings included.
//! - `expected`: what the query should find, judged from the entries' meaning (not from what
//!   the search returns now): a comma-separated list of entry ids (`wf-svc-001`) and
//!   `category:<id>` items, which stand for every entry in that category, and `language:<code>`
//!   items, which stand for every entry offered in that language; `flag:free-of-charge` stands
//!   for every entry marked free of charge.
//! - `note`: the kind of query: `word`, `phrase`, `misspelling`, `by-ear` (a German word
//!   spelt as heard, also in another script), `concept` (a thing not named as a category, such
//!   as a library), `place` (a town and a topic) or `language` (the language a service is
//!   offered in, "українською").
//!
//! # Definitions
//!
//! - Relevant set R of a query: its expected entries plus every entry of an expected category.
//! - recall@5 = |top 5 hits ∩ R| / min(|R|, 5): 1 when the first five hits are all relevant or
//!   hold all of R. A table shows the mean over its queries, in percent.
//! - No results: the search finds nothing at all (`total == 0`); shown as a share in percent.
//! - A failing query (listed with `--verbose`) is one with recall@5 below 1.
//!
//! A bad line (wrong number of columns, an unknown note, an entry id or category the directory
//! does not have) never stops the run: it is reported with the file and line number and
//! skipped, and the run exits with status 1 at the end.
//!
//! Native only: on wasm32 (where clippy also looks at it) it compiles to an empty `main`.
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::{HashMap, HashSet};
    use std::path::Path;
    use std::process::ExitCode;

    use service_finder::directory::{BUILTIN_CATEGORIES, Directory, load_directory};
    use service_finder::search::{Index, Query, Thesaurus, thesaurus_text};
    use service_finder_stem::WordStemmer;

    /// Each directory with the file of queries asked of it, relative to the crate's root.
    const SETS: [(&str, &str); 3] = [
        (
            "data/demo/waldeck-frankenberg.json",
            "data/search-quality/demo-queries.tsv",
        ),
        (
            "data/search-quality/vogelsberg-de.json",
            "data/search-quality/vogelsberg-queries.tsv",
        ),
        (
            "data/demo/waldeck-frankenberg.json",
            "data/search-quality/demo-holdout.tsv",
        ),
    ];

    /// The header line every query file starts with.
    const HEADER: &str = "language\tquery\texpected\tnote";

    /// The allowed values of the `note` column.
    const NOTES: [&str; 7] = [
        "word",
        "phrase",
        "misspelling",
        "by-ear",
        "concept",
        "place",
        "language",
    ];

    /// How many of the first hits count for recall.
    const TOP: usize = 5;

    /// One line of a query file, checked against its directory.
    struct QueryLine {
        line: usize,
        language: String,
        text: String,
        note: String,
        /// Positions in the directory's `entries` of the relevant set R.
        relevant: HashSet<usize>,
    }

    /// What one query scored.
    struct Outcome {
        recall: f64,
        no_results: bool,
    }

    /// Sums of outcomes for one row of a table.
    #[derive(Default)]
    struct Row {
        queries: usize,
        recall_sum: f64,
        no_results: usize,
    }

    impl Row {
        fn add(&mut self, outcome: &Outcome) {
            self.queries += 1;
            self.recall_sum += outcome.recall;
            self.no_results += usize::from(outcome.no_results);
        }

        fn merge(&mut self, other: &Row) {
            self.queries += other.queries;
            self.recall_sum += other.recall_sum;
            self.no_results += other.no_results;
        }

        fn print(&self, label: &str) {
            let queries = self.queries.max(1) as f64;
            println!(
                "  {label:<14} {:>7} {:>11.1} {:>12.1}",
                self.queries,
                100.0 * self.recall_sum / queries,
                100.0 * self.no_results as f64 / queries
            );
        }
    }

    pub fn main() -> ExitCode {
        let mut verbose = false;
        let mut with_thesaurus = true;
        let mut with_stemmer = true;
        for argument in std::env::args().skip(1) {
            match argument.as_str() {
                "--verbose" | "-v" => verbose = true,
                "--no-thesaurus" => with_thesaurus = false,
                "--no-stemmer" => with_stemmer = false,
                _ => {
                    eprintln!("usage: search_quality [--verbose] [--no-thesaurus] [--no-stemmer]");
                    return ExitCode::from(2);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let thesaurus_folder = with_thesaurus.then(|| root.join("data/thesaurus"));
        let mut errors = 0;
        let mut total = Row::default();
        for (directory_path, queries_path) in SETS {
            let directory = match read(&root.join(directory_path)) {
                Ok(json) => match load_directory(&json) {
                    Ok(loaded) => loaded.directory,
                    Err(error) => {
                        eprintln!("{directory_path}: does not load: {error:?}");
                        errors += 1;
                        continue;
                    }
                },
                Err(error) => {
                    eprintln!("{error}");
                    errors += 1;
                    continue;
                }
            };
            let text = match read(&root.join(queries_path)) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("{error}");
                    errors += 1;
                    continue;
                }
            };
            let (queries, problems) = parse_queries(&text, &directory);
            for problem in &problems {
                eprintln!("{queries_path}:{problem}");
            }
            errors += problems.len();
            let mut index = Index::new(directory);
            println!(
                "\n{directory_path} ({} entries)",
                index.directory().entries.len()
            );
            let row = match run(
                &mut index,
                &queries,
                queries_path,
                thesaurus_folder.as_deref(),
                with_stemmer,
                verbose,
            ) {
                Ok(row) => row,
                Err(error) => {
                    eprintln!("{error}");
                    errors += 1;
                    continue;
                }
            };
            total.merge(&row);
        }
        println!();
        println!(
            "  {:<14} {:>7} {:>11} {:>12}",
            "", "queries", "recall@5 %", "no results %"
        );
        total.print("ALL");
        if errors > 0 {
            eprintln!("\n{errors} error(s) in the query files or directories");
            return ExitCode::FAILURE;
        }
        ExitCode::SUCCESS
    }

    /// Reads a file, with its path in the error.
    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
    }

    /// Runs every query, prints the tables of one directory, and returns its total row. With
    /// a thesaurus folder, each query runs with the thesaurus of its language; with
    /// `stemming`, with the stemmers of German and its language.
    fn run(
        index: &mut Index,
        queries: &[QueryLine],
        queries_path: &str,
        thesaurus_folder: Option<&Path>,
        stemming: bool,
        verbose: bool,
    ) -> Result<Row, String> {
        let mut language = String::new();
        let mut stemmer = WordStemmer::for_languages("");
        // Entry ids by position, for the list of failing queries (the index is changed below).
        let ids: Vec<String> = index
            .directory()
            .entries
            .iter()
            .map(|entry| entry.id.clone())
            .collect();
        let mut by_language: Vec<(String, Row)> = Vec::new();
        let mut by_note: Vec<(String, Row)> = Vec::new();
        let mut total = Row::default();
        let mut failing = Vec::new();
        for query in queries {
            if query.language != language {
                if let Some(folder) = thesaurus_folder {
                    let text = thesaurus_text(folder, &query.language)?;
                    index.set_thesaurus(Thesaurus::from_text(&text));
                }
                if stemming {
                    stemmer = WordStemmer::for_languages(&format!("de,{}", query.language));
                    index.set_stemmer(&|word| stemmer.stems(word));
                }
                language = query.language.clone();
            }
            let search = Query {
                text: query.text.clone(),
                ..Query::default()
            };
            let (total_found, hits) =
                match index.search_stemmed(&search, &|word| stemmer.stems(word)) {
                    Ok(results) => (results.total, results.hits),
                    Err(error) => {
                        // Counted as finding nothing: a query the engine rejects helps nobody.
                        eprintln!(
                            "{queries_path}:{}: the search failed: {error:?}",
                            query.line
                        );
                        (0, Vec::new())
                    }
                };
            let top: Vec<usize> = hits.iter().take(TOP).map(|hit| hit.entry_index).collect();
            let found = top
                .iter()
                .filter(|index| query.relevant.contains(index))
                .count();
            let outcome = Outcome {
                recall: found as f64 / query.relevant.len().min(TOP) as f64,
                no_results: total_found == 0,
            };
            row_for(&mut by_language, &query.language).add(&outcome);
            row_for(&mut by_note, &query.note).add(&outcome);
            total.add(&outcome);
            if outcome.recall < 1.0 {
                let ids: Vec<String> = top
                    .iter()
                    .map(|&index| {
                        let mark = if query.relevant.contains(&index) {
                            "*"
                        } else {
                            ""
                        };
                        format!("{}{mark}", ids[index])
                    })
                    .collect();
                failing.push(format!(
                    "  {}:{} [{}] {:?} recall {:.0}% of {} relevant, {} found: {}",
                    queries_path,
                    query.line,
                    query.language,
                    query.text,
                    100.0 * outcome.recall,
                    query.relevant.len(),
                    total_found,
                    if ids.is_empty() {
                        "-".to_owned()
                    } else {
                        ids.join(" ")
                    }
                ));
            }
        }
        println!(
            "  {:<14} {:>7} {:>11} {:>12}",
            "language", "queries", "recall@5 %", "no results %"
        );
        for (language, row) in &by_language {
            row.print(language);
        }
        total.print("total");
        println!(
            "  {:<14} {:>7} {:>11} {:>12}",
            "note", "queries", "recall@5 %", "no results %"
        );
        for (note, row) in &by_note {
            row.print(note);
        }
        if verbose && !failing.is_empty() {
            println!("  failing queries (top {TOP} ids, * = relevant):");
            for line in &failing {
                println!("{line}");
            }
        }
        Ok(total)
    }

    /// The row of `key`, added in order of first appearance.
    fn row_for<'a>(rows: &'a mut Vec<(String, Row)>, key: &str) -> &'a mut Row {
        let position = match rows.iter().position(|(existing, _)| existing == key) {
            Some(position) => position,
            None => {
                rows.push((key.to_owned(), Row::default()));
                rows.len() - 1
            }
        };
        &mut rows[position].1
    }

    /// Parses a query file against its directory: the usable lines, and a `line: message` for
    /// each line that is not (those lines are skipped).
    fn parse_queries(text: &str, directory: &Directory) -> (Vec<QueryLine>, Vec<String>) {
        let entry_index: HashMap<&str, usize> = directory
            .entries
            .iter()
            .enumerate()
            .map(|(index, entry)| (entry.id.as_str(), index))
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
        let mut queries = Vec::new();
        let mut problems = Vec::new();
        let mut header_seen = false;
        for (number, line) in text.lines().enumerate() {
            let number = number + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if line.trim_start_matches('\u{feff}') != HEADER {
                    problems.push(format!(
                        "{number}: the first line must be the header {HEADER:?}"
                    ));
                } else {
                    continue;
                }
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [language, query, expected, note] = fields[..] else {
                problems.push(format!("{number}: {} columns instead of 4", fields.len()));
                continue;
            };
            let mut line_problems = Vec::new();
            if language.is_empty() || query.is_empty() {
                line_problems.push("the language and the query must not be empty".to_owned());
            }
            if !NOTES.contains(&note) {
                line_problems.push(format!("unknown note {note:?}, expected one of {NOTES:?}"));
            }
            let mut relevant = HashSet::new();
            for item in expected
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
            {
                if let Some(category) = item.strip_prefix("category:") {
                    if !categories.contains(category) {
                        line_problems.push(format!("unknown category {category:?}"));
                        continue;
                    }
                    relevant.extend(
                        directory
                            .entries
                            .iter()
                            .enumerate()
                            .filter(|(_, entry)| entry.categories.iter().any(|id| id == category))
                            .map(|(index, _)| index),
                    );
                } else if item == "flag:free-of-charge" {
                    relevant.extend(
                        directory
                            .entries
                            .iter()
                            .enumerate()
                            .filter(|(_, entry)| entry.free_of_charge == Some(true))
                            .map(|(index, _)| index),
                    );
                } else if let Some(language) = item.strip_prefix("language:") {
                    let offered = directory
                        .entries
                        .iter()
                        .enumerate()
                        .filter(|(_, entry)| {
                            entry.languages.iter().any(|code| code.as_str() == language)
                        })
                        .map(|(index, _)| index)
                        .collect::<Vec<usize>>();
                    if offered.is_empty() {
                        line_problems.push(format!("no entry is offered in {language:?}"));
                    }
                    relevant.extend(offered);
                } else if let Some(&index) = entry_index.get(item) {
                    relevant.insert(index);
                } else {
                    line_problems.push(format!("unknown entry id {item:?}"));
                }
            }
            if relevant.is_empty() && line_problems.is_empty() {
                line_problems.push(
                    "nothing expected: no entry ids and no entries in the categories".to_owned(),
                );
            }
            if line_problems.is_empty() {
                queries.push(QueryLine {
                    line: number,
                    language: language.to_owned(),
                    text: query.to_owned(),
                    note: note.to_owned(),
                    relevant,
                });
            } else {
                problems.extend(
                    line_problems
                        .into_iter()
                        .map(|problem| format!("{number}: {problem}")),
                );
            }
        }
        if !header_seen {
            problems.push(format!(
                "1: the file is empty; it needs the header {HEADER:?}"
            ));
        }
        (queries, problems)
    }
}
