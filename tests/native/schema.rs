//! The JSON Schema for editors agrees with the loader: what loads cleanly validates, and the
//! broken fixture does not. Native only: the validator is a native dev-dependency.

use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../../data/schema/directory-v1.schema.json")).unwrap();
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
    let readme = include_str!("../../data/README.md");
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
    let loaded = service_finder::directory::load_directory(example).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
}

#[test]
fn the_broken_fixture_does_not_validate() {
    let broken: Value =
        serde_json::from_str(include_str!("../fixtures/broken-directory.json")).unwrap();
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

/// The schema lists exactly the fields the loader reads, record by record: a field added to
/// one and not the other fails here.
#[test]
fn the_schema_has_exactly_the_fields_the_loader_reads() {
    let schema: Value =
        serde_json::from_str(include_str!("../../data/schema/directory-v1.schema.json")).unwrap();
    for (record, names) in service_finder::directory::FORMAT_RECORDS {
        let definition = if *record == "directory" {
            &schema
        } else {
            &schema["$defs"][record]
        };
        let mut in_schema: Vec<&str> = definition["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("the schema has no $defs.{record}.properties"))
            .keys()
            .map(String::as_str)
            .collect();
        let mut read: Vec<&str> = names.to_vec();
        in_schema.sort_unstable();
        read.sort_unstable();
        assert_eq!(in_schema, read, "record {record}");
    }
}

/// The format documentation for officers has a table row for every field of every record, in
/// that record's section.
#[test]
fn the_format_documentation_names_every_field() {
    let readme = include_str!("../../data/README.md");
    // Where each record's fields are documented: the heading that starts its section.
    let sections = [
        ("directory", "## The directory's fields"),
        ("publisher", "### `publisher`"),
        ("region", "### `region`"),
        ("category_definition", "### `categories`"),
        ("entry", "## An entry's fields"),
        ("location", "### `location`"),
        ("accessibility", "### `accessibility`"),
        ("contact", "### `contacts`"),
        ("service_area", "### `service_area`"),
        ("phone", "### `phones`"),
        ("schedule", "### `schedule`"),
        ("course", "### `course`"),
        ("source", "### `source`"),
    ];
    for (record, names) in service_finder::directory::FORMAT_RECORDS {
        if *record == "organization" {
            // Documented in the entry's row for `organization`.
            let row = readme
                .lines()
                .find(|line| line.starts_with("| `organization` |"))
                .unwrap();
            for name in *names {
                assert!(
                    row.contains(&format!("`{name}`")),
                    "organization.{name} in: {row}"
                );
            }
            continue;
        }
        let heading = sections
            .iter()
            .find(|(known, _)| known == record)
            .unwrap_or_else(|| {
                panic!("no section known for {record}: add it here and in data/README.md")
            })
            .1;
        let start = readme
            .find(heading)
            .unwrap_or_else(|| panic!("no section {heading}"));
        let section = &readme[start + heading.len()..];
        let section = &section[..section.find("\n#").unwrap_or(section.len())];
        for name in *names {
            assert!(
                section.contains(&format!("| `{name}` |")),
                "data/README.md has no row for `{name}` under {heading}"
            );
        }
    }
}
