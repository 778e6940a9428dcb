//! The JSON Schema for editors agrees with the loader: what loads cleanly validates, and the
//! broken fixture does not. Native only: the validator is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../data/schema/directory-v1.schema.json")).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn errors(document: &Value) -> Vec<String> {
    validator()
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn the_demo_directory_validates() {
    let demo: Value = serde_json::from_str(service_finder::DEMO_DIRECTORY_JSON).unwrap();
    assert_eq!(errors(&demo), Vec::<String>::new());
}

#[test]
fn generated_directories_validate() {
    let generated =
        serde_json::to_value(service_finder::generate::generate_directory(500, 3)).unwrap();
    assert_eq!(errors(&generated), Vec::<String>::new());
}

#[test]
fn the_example_in_the_format_documentation_validates_and_loads_cleanly() {
    let readme = include_str!("../data/README.md");
    let start = readme
        .find("```json\n")
        .expect("data/README.md has a JSON example")
        + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let example = &readme[start..end];
    assert_eq!(
        errors(&serde_json::from_str(example).unwrap()),
        Vec::<String>::new()
    );
    let loaded = service_finder::load_directory(example).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
}

#[test]
fn the_broken_fixture_does_not_validate() {
    let broken: Value =
        serde_json::from_str(include_str!("fixtures/broken-directory.json")).unwrap();
    let errors = errors(&broken);
    for path in [
        "/entries/1/location/latitude",
        "/entries/3/url",
        "/entries/5",
        "/entries/8/email",
    ] {
        assert!(
            errors
                .iter()
                .any(|error| error.starts_with(&format!("{path}:"))),
            "no error at {path}: {errors:#?}"
        );
    }
}
