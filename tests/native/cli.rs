//! The command-line tool, run as a user would run it. Native only, as the tool is.

use std::process::Command;

use crate::common::{service_finder, stdout};

const BROKEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/broken-directory.json"
);

#[test]
fn check_passes_on_the_demo_directory() {
    let output = service_finder(&["check"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("(bundled demo directory): ok"), "{text}");
    assert!(!text.contains("error:"), "{text}");
}

#[test]
fn check_names_every_broken_entry_and_fails() {
    let output = service_finder(&["check", BROKEN]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for (id, field) in [
        ("swapped-coordinates", "location"),
        ("unknown-category", "categories[0]"),
        ("script-link", "url"),
        ("bad-language", "languages[0]"),
        ("bad-language", "course.start_date"),
        ("no-name", "name"),
        ("ok-1", "id"),
        ("bad-email", "email"),
    ] {
        let line = text.lines().find(|line| {
            line.contains(&format!("entry \"{id}\"")) && line.contains(&format!("field {field}:"))
        });
        assert!(line.is_some(), "no line for {id} / {field} in\n{text}");
        assert!(
            line.unwrap().starts_with(&format!("{BROKEN}:")),
            "lines start with file:line"
        );
    }
    assert!(
        text.contains("9 entries, 7 valid, 8 problems (8 errors, 0 warnings)"),
        "{text}"
    );
}

#[test]
fn check_json_report() {
    let output = service_finder(&["check", "--json", BROKEN]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report[0]["valid_entries"], 7);
    assert_eq!(report[0]["errors"], 8);
    let problem = &report[0]["problems"][0];
    assert_eq!(problem["entry"]["id"], "swapped-coordinates");
    assert_eq!(problem["kind"], "invalid_coordinates");
    assert_eq!(problem["consequence"], "value_ignored");
    assert!(problem["entry"]["line"].as_u64().unwrap() > 1);
}

#[test]
fn check_reports_unreadable_files() {
    let directory = std::env::temp_dir().join(format!("service-finder-cli-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let not_json = directory.join("not-json.json");
    std::fs::write(&not_json, "{\n  \"format_version\": 1,\n  oops\n}").unwrap();
    let output = service_finder(&["check", not_json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("line 3, column 3: the file is not valid JSON"),
        "{}",
        stdout(&output)
    );
    let missing = service_finder(&["check", directory.join("missing.json").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}

#[test]
fn search_finds_other_forms_of_a_word_with_stem() {
    // Turkish "doktorlar" (doctors): one entry has the word, more say "doktor".
    let plain = service_finder(&["search", "--text", "doktorlar", "--lang", "tr"]);
    let text = stdout(&plain);
    assert!(plain.status.success(), "{text}");
    assert_eq!(text.lines().next(), Some("1 result, showing 1–1"));
    let stemmed = service_finder(&["search", "--text", "doktorlar", "--lang", "tr", "--stem"]);
    let text = stdout(&stemmed);
    assert!(stemmed.status.success(), "{text}");
    let first = text.lines().next().unwrap_or_default();
    let total: usize = first
        .split(' ')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or(0);
    assert!(total >= 5, "{first}");
    assert!(text.contains("[wf-svc-080]"), "{text}");
}

#[test]
fn search_prints_hits_with_distances() {
    let output = service_finder(&[
        "search",
        "--text",
        "beratung",
        "--near",
        "51.2756,8.873",
        "--radius",
        "10",
        "--sort",
        "distance",
        "--limit",
        "3",
    ]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        text.lines().next().unwrap().ends_with("showing 1–3"),
        "{text}"
    );
    assert!(text.contains(" km") || text.contains(" m\n"), "{text}");
}

#[test]
fn search_json_has_hits_entries_and_facets() {
    let output = service_finder(&[
        "search",
        BROKEN,
        "--category",
        "associations-leisure",
        "--json",
    ]);
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(results["total"], 1);
    assert_eq!(results["entries"][0]["id"], "ok-2");
    assert!(
        results["facets"]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|facet| facet["value"] == "associations-leisure")
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("problems"),
        "load problems are mentioned on stderr"
    );
}

#[test]
fn search_refuses_bad_arguments_clearly() {
    let output = service_finder(&["search", "--near", "95,200"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a point"));
    let output = service_finder(&["search", "--radius", "5"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("radius_km"));
}

#[test]
fn generate_is_deterministic_and_valid() {
    let first = service_finder(&["generate", "--entries", "300", "--seed", "9"]);
    let second = service_finder(&["generate", "--entries", "300", "--seed", "9"]);
    let other = service_finder(&["generate", "--entries", "300", "--seed", "10"]);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    assert_ne!(first.stdout, other.stdout);
    let loaded =
        service_finder::directory::load_directory(&String::from_utf8(first.stdout).unwrap())
            .unwrap();
    assert_eq!(loaded.directory.entries.len(), 300);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
}

/// A scratch folder for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let folder =
        std::env::temp_dir().join(format!("service-finder-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// A directory file with `count` entries whose e-mail addresses are all broken, and one whose
/// name has terminal escape sequences, a bell and a direction override.
fn noisy_directory(count: usize) -> String {
    let mut entries: Vec<serde_json::Value> = (0..count)
        .map(|number| {
            serde_json::json!({
                "id": format!("e{number}"), "kind": "service", "name": "Beratung",
                "email": "not an e-mail", "service_area": {"scope": "region"}
            })
        })
        .collect();
    entries.push(serde_json::json!({
        "id": "evil", "kind": "service", "name": "Rot\u{1b}[31m\u{7}\u{202e}live",
        "categories": ["\u{1b}[2J"], "service_area": {"scope": "region"},
        // Field names are not cleaned (an unknown one is only named): the printing is the guard.
        "\u{1b}]0;pwned\u{7}": true
    }));
    serde_json::json!({"format_version": 1, "title": "T", "entries": entries}).to_string()
}

#[test]
fn check_stops_quietly_when_the_reader_goes_away() {
    use std::process::Stdio;
    let file = scratch("pipe").join("many.json");
    // Far more output than a pipe holds, so that writing must meet the closed end.
    std::fs::write(&file, noisy_directory(5_000)).unwrap();
    for args in [
        vec!["check"],
        vec!["check", "--json"],
        vec!["search", "--limit", "1000"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_service-finder"))
            .args(&args)
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // `| head -0`: the reader is gone before the first line.
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(output.status.code(), Some(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn check_never_prints_control_characters_from_the_data() {
    let file = scratch("escapes").join("evil.json");
    std::fs::write(&file, noisy_directory(1)).unwrap();
    for args in [vec!["check"], vec!["check", "--json"], vec!["search"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_service-finder"))
            .args(&args)
            .arg(&file)
            .output()
            .unwrap();
        let text = stdout(&output);
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
            .collect();
        assert!(raw.is_empty(), "{args:?}: {raw:?} in\n{text}");
        if args == ["check"] {
            assert!(
                text.contains("unknown field \"<U+001B>]0;pwned<U+0007>\""),
                "{text}"
            );
        }
        if args == ["check", "--json"] {
            serde_json::from_str::<serde_json::Value>(&text).expect("still valid JSON");
        }
    }
}

#[test]
fn check_names_bytes_that_are_not_utf8_and_keeps_every_entry() {
    let file = scratch("latin1").join("latin1.json");
    // Saved as Windows-1252: "Straße" with a single byte for ß, on line 3.
    let mut bytes = b"{\"format_version\": 1, \"title\": \"T\", \"entries\": [\n".to_vec();
    bytes.extend_from_slice(b"{\"id\": \"a\", \"kind\": \"service\", \"name\": \"A\", \"service_area\": {\"scope\": \"region\"}},\n");
    bytes.extend_from_slice(b"{\"id\": \"b\", \"kind\": \"service\", \"name\": \"Stra\xdfe\", \"service_area\": {\"scope\": \"region\"}}\n]}");
    std::fs::write(&file, &bytes).unwrap();
    let output = service_finder(&["check", file.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("1 place(s): line 3, column 45."), "{text}");
    assert!(text.contains("2 entries, 2 valid"), "{text}");
    let output = service_finder(&["check", "--json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report[0]["valid_entries"], 2);
    assert_eq!(report[0]["problems"][0]["kind"], "invalid_text");
}
