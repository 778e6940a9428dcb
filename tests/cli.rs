//! The command-line tool, run as a user would run it.

use std::process::{Command, Output};

fn service_finder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_service-finder"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

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
    let loaded = service_finder::load_directory(&String::from_utf8(first.stdout).unwrap()).unwrap();
    assert_eq!(loaded.directory.entries.len(), 300);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
}
