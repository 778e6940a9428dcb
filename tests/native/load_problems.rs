//! Loading survives bad data: one test per problem kind, each checking that the bad value is
//! named (entry id, field), that the right thing is dropped, and that no other entry is lost.

use serde_json::{Value, json};
use service_finder::directory::{Consequence, Problem, ProblemKind, Severity};
use service_finder::directory::{Entry, load_directory, load_directory_bytes};

fn good_entry(id: &str) -> Value {
    json!({
        "id": id,
        "kind": "service",
        "name": {"de": "Migrationsberatung", "en": "Migration counselling"},
        "description": "Beratung zu Aufenthalt, Arbeit und Sprache.",
        "organization": {"name": "Beratungsverein (Beispiel)", "website": "https://example.org"},
        "categories": ["migration-counselling", "work-jobcenter"],
        "languages": ["de", "ar", "prs"],
        "location": {
            "address_1": "Bahnhofstraße 5", "postal_code": "34497", "city": "Korbach",
            "latitude": 51.2756, "longitude": 8.873, "wheelchair": "yes"
        },
        "phones": [{"number": "+49 30 23125 417"}],
        "email": "beratung@example.org",
        "url": "https://example.org/beratung",
        "schedule": {"opening_hours": "Mo-Fr 09:00-12:00"},
        "appointment_required": true,
        "free_of_charge": true,
        "assured_date": "2026-10-01"
    })
}

fn good_course(id: &str) -> Value {
    let mut course = good_entry(id);
    course["kind"] = json!("course");
    course["course"] = json!({
        "levels": ["A1", "A2"], "course_type": "integration",
        "start_date": "2027-01-11", "end_date": "2027-07-30", "childcare": true, "free_places": 4
    });
    course
}

fn directory(entries: Vec<Value>) -> String {
    serde_json::to_string_pretty(&json!({
        "format_version": 1,
        // The contacts are placeholders (example.org), as example data may have them.
        "example_data": true,
        "title": {"de": "Testverzeichnis", "en": "Test directory"},
        "publisher": {"name": "Test", "email": "test@example.org"},
        "region": {"name": "Landkreis Waldeck-Frankenberg", "ags": "06635", "latitude": 51.16, "longitude": 8.9},
        "default_language": "de",
        "categories": [{"id": "mobility", "name": {"de": "Mobilität", "en": "Mobility"}}],
        "entries": entries
    }))
    .unwrap()
}

/// Puts the broken entry between two good ones and checks that exactly the expected problem is
/// reported on it, with the expected consequence, and that both neighbours survive.
fn check(broken: Value, kind: ProblemKind, field: &str, consequence: Consequence) {
    let loaded = load_directory(&directory(vec![
        good_entry("before"),
        broken.clone(),
        good_entry("after"),
    ]))
    .unwrap();
    let problems: Vec<_> = loaded
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .collect();
    assert_eq!(problems.len(), 1, "{broken}\n{problems:#?}");
    let problem = problems[0];
    assert_eq!(problem.kind, kind, "{problem}");
    assert_eq!(problem.field, field, "{problem}");
    assert_eq!(problem.consequence, consequence, "{problem}");
    let entry = problem.entry.as_ref().expect("tied to an entry");
    assert_eq!(entry.index, 1);
    let ids: Vec<&str> = loaded
        .directory
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    match consequence {
        Consequence::EntrySkipped => assert_eq!(ids, ["before", "after"]),
        _ => assert_eq!(ids.len(), 3, "{ids:?}"),
    }
    assert!(!problem.message.is_empty());
}

fn with(mut entry: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = entry.pointer_mut(parent).unwrap();
    match target {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("no container at {parent}"),
    }
    entry
}

fn without(mut entry: Value, key: &str) -> Value {
    entry.as_object_mut().unwrap().remove(key);
    entry
}

#[test]
fn wrong_type() {
    check(
        with(good_entry("x"), "/appointment_required", json!("yes")),
        ProblemKind::InvalidValue,
        "appointment_required",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/free_of_charge", json!("no")),
        ProblemKind::InvalidValue,
        "free_of_charge",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/categories", json!("health")),
        ProblemKind::InvalidValue,
        "categories",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/name", json!(42)),
        ProblemKind::InvalidValue,
        "name",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/kind", json!("servise")),
        ProblemKind::InvalidValue,
        "kind",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/location/wheelchair", json!("maybe")),
        ProblemKind::InvalidValue,
        "location.wheelchair",
        Consequence::ValueIgnored,
    );
}

#[test]
fn missing_or_empty_name() {
    check(
        without(good_entry("x"), "name"),
        ProblemKind::MissingField,
        "name",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/name", json!("  ")),
        ProblemKind::MissingField,
        "name",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/name", json!({"de": ""})),
        ProblemKind::MissingField,
        "name",
        Consequence::EntrySkipped,
    );
    check(
        without(good_entry("x"), "kind"),
        ProblemKind::MissingField,
        "kind",
        Consequence::EntrySkipped,
    );
}

#[test]
fn missing_or_invalid_id() {
    check(
        without(good_entry("x"), "id"),
        ProblemKind::MissingField,
        "id",
        Consequence::EntrySkipped,
    );
    check(
        good_entry("has space"),
        ProblemKind::InvalidId,
        "id",
        Consequence::EntrySkipped,
    );
    check(
        good_entry(""),
        ProblemKind::InvalidId,
        "id",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/id", json!(17)),
        ProblemKind::InvalidValue,
        "id",
        Consequence::EntrySkipped,
    );
}

#[test]
fn duplicate_id_skips_the_later_entry() {
    check(
        good_entry("before"),
        ProblemKind::DuplicateId,
        "id",
        Consequence::EntrySkipped,
    );
}

#[test]
fn coordinates_out_of_range_or_swapped() {
    check(
        with(good_entry("x"), "/location/latitude", json!(100.0)),
        ProblemKind::InvalidCoordinates,
        "location",
        Consequence::ValueIgnored,
    );
    let swapped = with(
        with(good_entry("x"), "/location/latitude", json!(8.873)),
        "/location/longitude",
        json!(51.2756),
    );
    check(
        swapped.clone(),
        ProblemKind::InvalidCoordinates,
        "location",
        Consequence::ValueIgnored,
    );
    let loaded = load_directory(&directory(vec![swapped])).unwrap();
    assert!(
        loaded.problems[0].message.contains("swapped"),
        "{}",
        loaded.problems[0]
    );
    let location = loaded.directory.entries[0].location.as_ref().unwrap();
    assert_eq!(
        (location.latitude, location.longitude),
        (None, None),
        "the point is dropped, the address kept"
    );
    assert_eq!(location.city.as_deref(), Some("Korbach"));
    let paris = with(
        with(good_entry("x"), "/location/latitude", json!(48.85)),
        "/location/longitude",
        json!(2.35),
    );
    check(
        paris,
        ProblemKind::InvalidCoordinates,
        "location",
        Consequence::ValueIgnored,
    );
    check(
        without_key(good_entry("x"), "/location", "longitude"),
        ProblemKind::InvalidCoordinates,
        "location",
        Consequence::ValueIgnored,
    );
}

fn without_key(mut entry: Value, pointer: &str, key: &str) -> Value {
    entry
        .pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
    entry
}

#[test]
fn unknown_category() {
    check(
        with(good_entry("x"), "/categories/1", json!("jobs")),
        ProblemKind::UnknownCategory,
        "categories[1]",
        Consequence::ValueIgnored,
    );
    let loaded = load_directory(&directory(vec![with(
        good_entry("x"),
        "/categories/1",
        json!("mobility"),
    )]))
    .unwrap();
    assert!(
        loaded.problems.is_empty(),
        "categories defined by the directory are known: {:?}",
        loaded.problems
    );
}

#[test]
fn unknown_language_code() {
    check(
        with(good_entry("x"), "/languages/1", json!("arabic")),
        ProblemKind::UnknownLanguage,
        "languages[1]",
        Consequence::ValueIgnored,
    );
    check(
        with(
            good_entry("x"),
            "/name",
            json!({"de": "Beratung", "zz": "?"}),
        ),
        ProblemKind::UnknownLanguage,
        "name.zz",
        Consequence::ValueIgnored,
    );
    let loaded = load_directory(&directory(vec![with(
        good_entry("x"),
        "/languages/1",
        json!("ara"),
    )]))
    .unwrap();
    assert_eq!(loaded.problems[0].severity, Severity::Warning);
    assert_eq!(
        loaded.directory.entries[0].languages[1].as_str(),
        "ar",
        "639-3 codes with a 639-1 twin are shortened"
    );
}

#[test]
fn invalid_or_unsafe_links() {
    check(
        with(good_entry("x"), "/url", json!("www.example.org")),
        ProblemKind::InvalidUrl,
        "url",
        Consequence::ValueIgnored,
    );
    check(
        with(
            good_entry("x"),
            "/url",
            json!("javascript:alert(document.cookie)"),
        ),
        ProblemKind::InvalidUrl,
        "url",
        Consequence::ValueIgnored,
    );
    check(
        with(
            good_entry("x"),
            "/organization/website",
            json!("data:text/html,<script>alert(1)</script>"),
        ),
        ProblemKind::InvalidUrl,
        "organization.website",
        Consequence::ValueIgnored,
    );
}

#[test]
fn invalid_email() {
    check(
        with(good_entry("x"), "/email", json!("beratung(at)example.org")),
        ProblemKind::InvalidEmail,
        "email",
        Consequence::ValueIgnored,
    );
}

#[test]
fn invalid_phone_number_and_postcode() {
    check(
        with(good_entry("x"), "/phones/0/number", json!("call us")),
        ProblemKind::InvalidValue,
        "phones[0].number",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/location/postal_code", json!("3449")),
        ProblemKind::InvalidValue,
        "location.postal_code",
        Consequence::ValueIgnored,
    );
}

#[test]
fn unparsable_date() {
    check(
        with(good_entry("x"), "/assured_date", json!("31.12.2025")),
        ProblemKind::InvalidDate,
        "assured_date",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/assured_date", json!("2026-02-30")),
        ProblemKind::InvalidDate,
        "assured_date",
        Consequence::ValueIgnored,
    );
    check(
        with(good_course("x"), "/course/end_date", json!("2026-12-24")),
        ProblemKind::InvalidDate,
        "course.end_date",
        Consequence::ValueIgnored,
    );
}

#[test]
fn course_details_only_on_courses() {
    let mut service = good_course("x");
    service["kind"] = json!("association");
    check(
        service,
        ProblemKind::InvalidValue,
        "course",
        Consequence::ValueIgnored,
    );
    check(
        with(good_course("x"), "/course/levels/1", json!("A7")),
        ProblemKind::InvalidValue,
        "course.levels[1]",
        Consequence::ValueIgnored,
    );
}

#[test]
fn text_too_long() {
    check(
        with(good_entry("x"), "/description", json!("x".repeat(2001))),
        ProblemKind::TextTooLong,
        "description",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("x"), "/name", json!("x".repeat(201))),
        ProblemKind::TextTooLong,
        "name",
        Consequence::EntrySkipped,
    );
    // Characters, not bytes: 200 Arabic letters are 400 bytes and still fine.
    let loaded = load_directory(&directory(vec![with(
        good_entry("x"),
        "/name",
        json!("ب".repeat(200)),
    )]))
    .unwrap();
    assert!(loaded.problems.is_empty());
}

#[test]
fn entry_not_an_object_or_too_large() {
    check(
        json!(["x", "service", "Beratung"]),
        ProblemKind::InvalidValue,
        "",
        Consequence::EntrySkipped,
    );
    check(
        json!("Beratung"),
        ProblemKind::InvalidValue,
        "",
        Consequence::EntrySkipped,
    );
    check(
        with(good_entry("x"), "/padding", json!("x".repeat(70_000))),
        ProblemKind::EntryTooLarge,
        "",
        Consequence::EntrySkipped,
    );
}

#[test]
fn too_many_problems_in_one_entry() {
    let languages: Vec<Value> = (0..30).map(|number| json!(number)).collect();
    let broken = with(good_entry("x"), "/languages", json!(languages));
    let loaded = load_directory(&directory(vec![
        good_entry("before"),
        broken,
        good_entry("after"),
    ]))
    .unwrap();
    let last = loaded.problems.last().unwrap();
    assert_eq!(
        (last.kind, last.consequence),
        (ProblemKind::EntryTooLarge, Consequence::EntrySkipped),
        "{last}"
    );
    assert!(
        loaded.problems.len() <= 21,
        "reporting stops after 20 problems: {}",
        loaded.problems.len()
    );
    let ids: Vec<&str> = loaded
        .directory
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    assert_eq!(ids, ["before", "after"]);
}

#[test]
fn a_bad_coordinate_is_named_and_the_point_dropped() {
    let broken = with(good_entry("x"), "/location/latitude", json!("north"));
    let loaded = load_directory(&directory(vec![broken])).unwrap();
    let fields: Vec<&str> = loaded
        .problems
        .iter()
        .map(|problem| problem.field.as_str())
        .collect();
    assert_eq!(fields, ["location.latitude", "location"]);
    let location = loaded.directory.entries[0].location.as_ref().unwrap();
    assert_eq!((location.latitude, location.longitude), (None, None));
}

#[test]
fn unknown_field_is_a_warning() {
    let loaded = load_directory(&directory(vec![with(
        good_entry("x"),
        "/websit",
        json!("https://example.org"),
    )]))
    .unwrap();
    assert_eq!(loaded.problems.len(), 1);
    let problem = &loaded.problems[0];
    assert_eq!(
        (problem.severity, problem.kind, problem.field.as_str()),
        (Severity::Warning, ProblemKind::UnknownField, "websit")
    );
    assert_eq!(loaded.directory.entries.len(), 1);
}

#[test]
fn every_problem_of_one_entry_is_reported_and_the_rest_kept() {
    let mut entry = good_entry("many");
    entry["email"] = json!("no-at-sign");
    entry["url"] = json!("javascript:void(0)");
    entry["languages"] = json!(["de", "xx", 5]);
    entry["categories"] = json!(["nope", "health"]);
    entry["assured_date"] = json!("yesterday");
    let loaded = load_directory(&directory(vec![entry])).unwrap();
    let mut fields: Vec<&str> = loaded
        .problems
        .iter()
        .map(|problem| problem.field.as_str())
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "assured_date",
            "categories[0]",
            "email",
            "languages[1]",
            "languages[2]",
            "url"
        ]
    );
    let kept = &loaded.directory.entries[0];
    assert_eq!(kept.categories, ["health"]);
    assert_eq!(
        kept.languages
            .iter()
            .map(|code| code.as_str())
            .collect::<Vec<_>>(),
        ["de"]
    );
    assert_eq!(kept.email, None);
    assert_eq!(kept.url, None);
}

#[test]
fn problems_name_the_entry_id_and_line() {
    let json = r#"{
  "format_version": 1,
  "title": "Test",
  "entries": [
    {"id": "a", "kind": "service", "name": "A", "service_area": {"scope": "region"}},
    {
      "id": "b", "kind": "service", "name": "B", "service_area": {"scope": "region"},
      "email": "nope"
    }
  ]
}"#;
    let loaded = load_directory(json).unwrap();
    let problem = loaded
        .problems
        .iter()
        .find(|problem| problem.field == "email")
        .unwrap();
    let entry = problem.entry.as_ref().unwrap();
    assert_eq!(
        (entry.index, entry.id.as_deref(), entry.line),
        (1, Some("b"), 6)
    );
    let shown = problem.to_string();
    assert!(
        shown.starts_with("error: entry \"b\", field email:"),
        "{shown}"
    );
}

#[test]
fn problems_in_the_directory_header_never_drop_entries() {
    let mut document: Value = serde_json::from_str(&directory(vec![good_entry("a")])).unwrap();
    document["title"] = json!(5);
    document["region"]["latitude"] = json!(8.9);
    document["region"]["longitude"] = json!(51.16);
    let loaded = load_directory(&document.to_string()).unwrap();
    let fields: Vec<&str> = loaded
        .problems
        .iter()
        .map(|problem| problem.field.as_str())
        .collect();
    assert!(fields.contains(&"title"), "{fields:?}");
    assert!(fields.contains(&"region"), "{fields:?}");
    assert!(
        loaded
            .problems
            .iter()
            .all(|problem| problem.entry.is_none())
    );
    assert_eq!(loaded.directory.entries.len(), 1);
}

/// A document that cannot be read as a directory gives one clear error, with a position when
/// it is a syntax error.
fn check_fatal(json: &str, expected_message: &str, expected_position: Option<(usize, usize)>) {
    let error = load_directory(json).expect_err("must not load");
    assert!(error.message.contains(expected_message), "{error}");
    if let Some((line, column)) = expected_position {
        assert_eq!(
            (error.line, error.column),
            (Some(line), Some(column)),
            "{error}"
        );
    }
}

#[test]
fn files_that_are_not_directories() {
    check_fatal("", "not valid JSON", Some((1, 0)));
    check_fatal(
        "{\n  \"format_version\": 1,\n  \"entries\": [,]\n}",
        "not valid JSON",
        Some((3, 15)),
    );
    check_fatal("<html>Not found</html>", "not valid JSON", Some((1, 1)));
    check_fatal("[1, 2]", "not a directory", None);
    check_fatal(r#"{"entries": []}"#, "format_version", None);
    check_fatal(
        r#"{"format_version": 2, "entries": []}"#,
        "format_version 2 is not supported",
        None,
    );
    check_fatal(r#"{"format_version": 1}"#, "no \"entries\"", None);
    check_fatal(
        r#"{"format_version": 1, "entries": {}}"#,
        "must be a list",
        Some((1, 34)),
    );
}

#[test]
fn hostile_input_is_refused_without_panic() {
    // Deep nesting inside an entry is read without recursion: where a text is expected it is
    // just a value of the wrong type, and only that value is lost; deeper still, the entry is
    // too large and skipped as a whole.
    for (depth, kept) in [(30_000, vec!["deep", "fine"]), (1_000_000, vec!["fine"])] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let json = format!(
            r#"{{"format_version": 1, "title": "T", "entries": [{{"id": "deep", "kind": "service", "name": "x", "description": {nested}}}, {{"id": "fine", "kind": "service", "name": "y"}}]}}"#
        );
        let loaded = load_directory(&json).unwrap();
        let ids: Vec<&str> = loaded
            .directory
            .entries
            .iter()
            .map(|entry| entry.id.as_str())
            .collect();
        assert_eq!(ids, kept);
        let entry_problems: Vec<_> = loaded
            .problems
            .iter()
            .filter(|problem| problem.entry.is_some() && problem.severity == Severity::Error)
            .collect();
        assert_eq!(entry_problems.len(), 1, "{entry_problems:?}");
        let problem = entry_problems[0];
        assert_eq!(problem.entry.as_ref().unwrap().id.as_deref(), Some("deep"));
        if kept.len() == 2 {
            assert_eq!(
                (problem.field.as_str(), problem.consequence),
                ("description", Consequence::ValueIgnored)
            );
            assert_eq!(loaded.directory.entries[0].description, None);
        } else {
            assert_eq!(
                (problem.kind, problem.consequence),
                (ProblemKind::EntryTooLarge, Consequence::EntrySkipped)
            );
        }
    }
    // Deep nesting in the directory's own fields.
    let nested = format!("{}{}", "[".repeat(30_000), "]".repeat(30_000));
    let json = format!(r#"{{"format_version": 1, "title": {nested}, "entries": []}}"#);
    assert!(
        load_directory(&json)
            .unwrap()
            .problems
            .iter()
            .any(|problem| problem.field == "title")
    );
    // Too many entries.
    let many = format!(
        r#"{{"format_version": 1, "entries": [{}{{}}]}}"#,
        "{},".repeat(service_finder::directory::MAX_ENTRIES)
    );
    check_fatal(&many, "entries; at most", None);
}

#[test]
fn byte_order_mark_is_accepted() {
    let json = format!("\u{feff}{}", directory(vec![good_entry("a")]));
    assert_eq!(load_directory(&json).unwrap().directory.entries.len(), 1);
}

#[test]
fn a_clean_directory_has_no_problems() {
    let loaded = load_directory(&directory(vec![good_entry("a"), good_course("b")])).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.directory.entries.len(), 2);
    assert_eq!(loaded.entries_in_file, 2);
}

/// Random edits of a good directory (values replaced, keys misspelt, brackets and quotes added
/// or removed): loading never panics, and what it reports is consistent.
#[test]
fn edited_directories_load_or_fail_cleanly() {
    let valid = directory(vec![good_entry("a"), good_course("b"), good_entry("c")]);
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "1",
        "-1e5",
        "null",
        "true",
        "\"x\"",
        "[]",
        "{}",
        " ",
        "\"id\":",
        "\"kind\":",
        "\"zz\"",
    ];
    let mut rng = fastrand::Rng::with_seed(5);
    let (mut loaded_count, mut refused_count) = (0, 0);
    for _ in 0..3_000 {
        let mut text = valid.clone();
        for _ in 0..rng.usize(1..5) {
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            let at = boundaries[rng.usize(..boundaries.len())];
            let end = boundaries
                .iter()
                .copied()
                .find(|&end| end > at + rng.usize(..8))
                .unwrap_or(at);
            let piece = if rng.bool() {
                pieces[rng.usize(..pieces.len())]
            } else {
                ""
            };
            text.replace_range(at..end, piece);
        }
        match load_directory(&text) {
            Ok(loaded) => {
                loaded_count += 1;
                assert!(
                    loaded.directory.entries.len() <= loaded.entries_in_file,
                    "{text}"
                );
                for problem in &loaded.problems {
                    assert!(!problem.message.is_empty(), "{text}");
                    if let Some(entry) = &problem.entry {
                        assert!(entry.index < loaded.entries_in_file, "{text}");
                        assert!(entry.line >= 1, "{text}");
                    }
                }
            }
            Err(error) => {
                refused_count += 1;
                assert!(!error.message.is_empty(), "{text}");
            }
        }
    }
    assert!(
        loaded_count > 300 && refused_count > 300,
        "{loaded_count} loaded, {refused_count} refused"
    );
}

// ---- Hostile and careless input (issue 11): every shape in each class ---------------------

/// Loads a directory whose one entry is `entry` between two good ones; the problems of the
/// middle entry, and its loaded form if it was kept. Both neighbours must survive.
fn load_middle(entry: Value) -> (Vec<Problem>, Option<Entry>) {
    let loaded = load_directory(&directory(vec![
        good_entry("before"),
        entry,
        good_entry("after"),
    ]))
    .expect("loads");
    let ids: Vec<&str> = loaded
        .directory
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    assert_eq!(ids.first(), Some(&"before"), "{ids:?}");
    assert_eq!(ids.last(), Some(&"after"), "{ids:?}");
    let problems = loaded
        .problems
        .iter()
        .filter(|problem| problem.entry.as_ref().is_some_and(|entry| entry.index == 1))
        .cloned()
        .collect();
    let middle = (ids.len() == 3).then(|| loaded.directory.entries[1].clone());
    (problems, middle)
}

/// Every form of language code, in `languages` and as the key of a translated text: a code that
/// is not all letters once overflowed the stack.
#[test]
fn every_form_of_language_code_is_judged_without_crashing() {
    // (code as written, what `languages` keeps, severity of the problem if any)
    let cases: &[(&str, Option<&str>, Option<Severity>)] = &[
        ("de", Some("de"), None),
        ("prs", Some("prs"), None),
        ("DE", Some("de"), Some(Severity::Warning)),
        ("De", Some("de"), Some(Severity::Warning)),
        ("ARA", Some("ar"), Some(Severity::Warning)),
        ("ara", Some("ar"), Some(Severity::Warning)),
        ("A1", None, Some(Severity::Error)),
        ("x1", None, Some(Severity::Error)),
        ("12", None, Some(Severity::Error)),
        ("123", None, Some(Severity::Error)),
        ("xx-", None, Some(Severity::Error)),
        ("-", None, Some(Severity::Error)),
        ("a", None, Some(Severity::Error)),
        ("abcd", None, Some(Severity::Error)),
        ("xx", None, Some(Severity::Error)),
        ("", None, Some(Severity::Error)),
        ("dé", None, Some(Severity::Error)),
        ("de-DE", None, Some(Severity::Error)),
        ("toolongcode", None, Some(Severity::Error)),
    ];
    for &(code, kept, severity) in cases {
        let entry = with(good_entry("x"), "/languages", json!([code]));
        let (problems, middle) = load_middle(entry);
        let middle = middle.unwrap_or_else(|| panic!("{code}: the entry is kept"));
        let languages: Vec<&str> = middle.languages.iter().map(|code| code.as_str()).collect();
        assert_eq!(languages, kept.into_iter().collect::<Vec<_>>(), "{code}");
        assert_eq!(
            problems.first().map(|problem| problem.severity),
            severity,
            "{code}: {problems:?}"
        );
        assert!(
            problems
                .iter()
                .all(|problem| problem.field == "languages[0]"),
            "{code}: {problems:?}"
        );

        // The same code as the key of a translation: only that translation can be lost.
        let entry = with(
            good_entry("x"),
            "/description",
            json!({code: "Text", "de": "Beschreibung"}),
        );
        let (problems, middle) = load_middle(entry);
        assert!(middle.is_some(), "{code}: the entry is kept");
        if kept.is_none() {
            assert!(
                problems
                    .iter()
                    .any(|problem| problem.severity == Severity::Error
                        && problem.field.starts_with("description")),
                "{code}: {problems:?}"
            );
        }
    }
}

#[test]
fn repeated_language_codes_are_kept_once_with_a_warning() {
    let entry = with(
        good_entry("x"),
        "/languages",
        json!(["de", "ar", "de", "DE", "ara"]),
    );
    let (problems, middle) = load_middle(entry);
    let languages: Vec<String> = middle
        .unwrap()
        .languages
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect();
    assert_eq!(languages, ["de", "ar"]);
    assert!(
        problems
            .iter()
            .all(|problem| problem.severity == Severity::Warning),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|problem| problem.field == "languages"
            && problem
                .message
                .contains("repeated language codes were removed (3)")),
        "{problems:?}"
    );
}

/// Every class of character that can garble or disguise a text, in a name: taken out and
/// reported, the rest of the name kept; the characters that real text needs are kept silently.
#[test]
fn control_direction_and_invisible_characters_are_taken_out_of_texts() {
    let mut unwanted: Vec<(char, Severity)> = Vec::new();
    unwanted.extend(
        (0u32..0x20)
            .filter(|code| ![0x09, 0x0a, 0x0d].contains(code))
            .map(|code| (char::from_u32(code).unwrap(), Severity::Error)),
    );
    unwanted.extend((0x7fu32..=0x9f).map(|code| (char::from_u32(code).unwrap(), Severity::Error)));
    unwanted.extend(
        (0x202au32..=0x202e)
            .chain(0x2066..=0x2069)
            .map(|code| (char::from_u32(code).unwrap(), Severity::Error)),
    );
    unwanted.extend(
        [
            '\u{200b}', '\u{2060}', '\u{2061}', '\u{2064}', '\u{206a}', '\u{206f}', '\u{feff}',
        ]
        .map(|c| (c, Severity::Warning)),
    );
    for (c, severity) in unwanted {
        let name = format!("ev{c}il Beratung");
        let (problems, middle) = load_middle(with(good_entry("x"), "/name", json!(name)));
        let middle = middle.unwrap_or_else(|| panic!("U+{:04X}: the entry is kept", u32::from(c)));
        assert_eq!(
            middle.name.iter().next().unwrap().1,
            "evil Beratung",
            "U+{:04X}",
            u32::from(c)
        );
        assert_eq!(problems.len(), 1, "U+{:04X}: {problems:?}", u32::from(c));
        let problem = &problems[0];
        assert_eq!(
            (
                problem.severity,
                problem.kind,
                problem.consequence,
                problem.field.as_str()
            ),
            (
                severity,
                ProblemKind::InvalidText,
                Consequence::ValueCorrected,
                "name"
            ),
            "U+{:04X}",
            u32::from(c)
        );
        assert!(
            problem.message.contains(&format!("U+{:04X}", u32::from(c))),
            "{problem}"
        );
    }
    // Needed by real text: tab and line breaks, joiners (Persian, emoji) and direction marks.
    for c in [
        '\t', '\n', '\r', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{ad}',
    ] {
        let name = format!("می{c}خواهم");
        let (problems, middle) = load_middle(with(good_entry("x"), "/name", json!(name)));
        assert!(problems.is_empty(), "U+{:04X}: {problems:?}", u32::from(c));
        assert_eq!(middle.unwrap().name.iter().next().unwrap().1, name);
    }
    // In a translation, in a nested text and in a list of texts alike.
    for (pointer, field) in [
        ("/description", "description.de"),
        ("/organization/name", "organization.name"),
        ("/categories", "categories[0]"),
    ] {
        let value = match pointer {
            "/description" => json!({"de": "Hallo\u{202e}Welt"}),
            "/categories" => json!(["migration-counselling\u{1b}"]),
            _ => json!("Verein\u{0}"),
        };
        let (problems, middle) = load_middle(with(good_entry("x"), pointer, value));
        assert!(middle.is_some(), "{pointer}");
        assert!(
            problems
                .iter()
                .any(|problem| problem.kind == ProblemKind::InvalidText && problem.field == field),
            "{pointer}: {problems:?}"
        );
    }
}

#[test]
fn a_lone_surrogate_is_a_problem_of_its_value_only() {
    for escaped in [r"\ud800", r"\udfff", r"\ud800\u0041", r"a\udc00b"] {
        let json = directory(vec![
            good_entry("before"),
            good_entry("x"),
            good_entry("after"),
        ])
        .replacen(
            "Migrationsberatung",
            &format!("Migrations{escaped}beratung"),
            2,
        );
        let loaded = load_directory(&json).unwrap_or_else(|error| panic!("{escaped}: {error}"));
        assert_eq!(loaded.directory.entries.len(), 3, "{escaped}");
        let problem = &loaded.problems[0];
        assert_eq!(
            (
                problem.kind,
                problem.severity,
                problem.field.as_str(),
                problem.entry.as_ref().unwrap().index
            ),
            (ProblemKind::InvalidText, Severity::Error, "name.de", 0),
            "{escaped}: {problem}"
        );
        let name = loaded.directory.entries[0].name.iter().next().unwrap().1;
        assert!(name.contains('\u{fffd}'), "{name}");
    }
}

/// Bytes that are not UTF-8 anywhere in a file: the one rule for the CLI and the widget (both
/// load bytes) is to read them as U+FFFD, name line and column, and keep every entry.
#[test]
fn bytes_that_are_not_utf8_are_named_with_line_and_column() {
    let text = directory(vec![
        good_entry("before"),
        good_entry("x"),
        good_entry("after"),
    ]);
    let cases: &[(&str, &[u8])] = &[
        ("Bahnhofstraße", b"Bahnhofstra\xdfe"), // Windows-1252 ß
        ("Migrationsberatung", b"Migrations\xe4\xe4beratung"),
        ("Testverzeichnis", b"Testverzeichnis\xff"),
        ("Beratungsverein", b"Beratungs\xf0\x9f\x98verein"), // a cut-off emoji
        ("Korbach", b"Korbach\xc3"),
    ];
    for &(place, replacement) in cases {
        let at = text.find(place).unwrap();
        let mut bytes = text.as_bytes()[..at].to_vec();
        bytes.extend_from_slice(replacement);
        bytes.extend_from_slice(&text.as_bytes()[at + place.len()..]);
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |newline| newline + 1)
            + replacement.iter().position(|&byte| byte >= 0x80).unwrap()
            + 1;
        let loaded =
            load_directory_bytes(&bytes).unwrap_or_else(|error| panic!("{place}: {error}"));
        assert_eq!(loaded.directory.entries.len(), 3, "{place}");
        let summary = &loaded.problems[0];
        assert!(
            summary.entry.is_none()
                && summary
                    .message
                    .contains(&format!(": line {line}, column {column}")),
            "{place}: {summary}"
        );
        assert_eq!(
            (summary.kind, summary.severity, summary.consequence),
            (
                ProblemKind::InvalidText,
                Severity::Error,
                Consequence::ValueCorrected
            )
        );
        assert_eq!(loaded.problems.len(), 1, "{place}: {:?}", loaded.problems);
    }
    // Many places: the first five are named, and how many there are.
    let many = directory(
        (0..7)
            .map(|number| good_entry(&format!("e{number}")))
            .collect(),
    );
    let latin1: Vec<u8> = many
        .replace('ß', "\u{1}")
        .bytes()
        .map(|byte| if byte == 1 { 0xdf } else { byte })
        .collect();
    let loaded = load_directory_bytes(&latin1).unwrap();
    let summary = &loaded.problems[0].message;
    assert!(summary.contains("at 7 place(s): line "), "{summary}");
    assert_eq!(summary.matches("column").count(), 5, "{summary}");
    assert!(summary.contains("; …. Save"), "{summary}");
    // UTF-8 bytes load exactly as the text does.
    let loaded = load_directory_bytes(text.as_bytes()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn a_repeated_entries_list_loses_no_entry() {
    let first = directory(vec![good_entry("a"), good_entry("b")]);
    let json = first.replacen(
        "\"format_version\": 1,",
        &format!(
            "\"format_version\": 1,\n  \"entries\": [{}],",
            good_entry("c")
        ),
        1,
    );
    let loaded = load_directory(&json).unwrap();
    let ids: Vec<&str> = loaded
        .directory
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    // In file order: this helper writes the keys sorted, so the added list comes last.
    assert_eq!(ids, ["a", "b", "c"]);
    let repeat = loaded
        .problems
        .iter()
        .find(|problem| problem.field == "entries")
        .expect("reported");
    assert_eq!(
        (repeat.severity, repeat.consequence),
        (Severity::Error, Consequence::None)
    );
    assert!(repeat.message.contains("appears again at line"), "{repeat}");
}

/// One rule: 20 problems or more in one entry, of any kind and from either stage, skip it.
#[test]
fn twenty_problems_of_any_kind_skip_an_entry() {
    // Checking-stage problems only: bad e-mail addresses of phones are read fine, then refused.
    let phones = |count: usize| -> Value {
        (0..count)
            .map(|number| json!({"number": format!("call {number}")}))
            .collect()
    };
    for (count, kept) in [(19, true), (20, false)] {
        let (problems, middle) = load_middle(with(good_entry("x"), "/phones", phones(count)));
        assert_eq!(middle.is_some(), kept, "{count} problems");
        if kept {
            assert_eq!(problems.len(), count);
        } else {
            assert_eq!(problems.len(), 21, "20 listed, then why: {problems:?}");
            let last = problems.last().unwrap();
            assert_eq!(
                (last.kind, last.consequence),
                (ProblemKind::EntryTooLarge, Consequence::EntrySkipped)
            );
            // Each of the 20 says what was done about its own value; the last, about the entry.
            assert!(
                problems[..20]
                    .iter()
                    .all(|problem| problem.consequence == Consequence::ValueIgnored)
            );
        }
    }
    // Reading-stage and checking-stage problems together count alike.
    let mut mixed = with(good_entry("x"), "/phones", phones(10));
    for number in 0..10 {
        mixed[format!("unknown_{number}")] = json!(1);
    }
    let (problems, middle) = load_middle(mixed);
    assert!(middle.is_none(), "{problems:?}");
    assert_eq!(problems.last().unwrap().kind, ProblemKind::EntryTooLarge);
}

#[test]
fn official_short_numbers_are_telephone_numbers() {
    for number in ["110", "112", "115", "116 117", "116117", "116 016"] {
        let (problems, middle) = load_middle(with(
            good_entry("x"),
            "/phones",
            json!([{"number": number}]),
        ));
        assert!(problems.is_empty(), "{number}: {problems:?}");
        assert_eq!(middle.unwrap().phones[0].number, number);
    }
    for (number, reason) in [
        ("113", "too short"),
        ("12", "too short"),
        ("11a", "not a telephone number"),
    ] {
        let (problems, _) = load_middle(with(
            good_entry("x"),
            "/phones",
            json!([{"number": number}]),
        ));
        assert!(
            problems[0].message.contains(reason),
            "{number}: {}",
            problems[0]
        );
    }
}

/// Values that are allowed but probably not meant get a warning, and are kept.
#[test]
fn suspicious_values_are_named() {
    // (pointer, value, field of the warning, words in it)
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/assured_date",
            json!("9999-12-31"),
            "assured_date",
            "far in the future",
        ),
        (
            "/assured_date",
            json!("0001-01-01"),
            "assured_date",
            "before 2000",
        ),
        (
            "/assured_date",
            json!("1999-12-31"),
            "assured_date",
            "before 2000",
        ),
        (
            "/description",
            json!("<p>Beratung <b>kostenlos</b></p>"),
            "description",
            "contains HTML (<p>)",
        ),
        (
            "/name",
            json!("Beratung<br/>Korbach"),
            "name",
            "contains HTML (<br/>)",
        ),
    ];
    for (pointer, value, field, words) in cases {
        let (problems, middle) = load_middle(with(good_entry("x"), pointer, value.clone()));
        assert!(middle.is_some(), "{value}");
        assert_eq!(problems.len(), 1, "{value}: {problems:?}");
        assert_eq!(
            (problems[0].severity, problems[0].field.as_str()),
            (Severity::Warning, field)
        );
        assert!(
            problems[0].message.contains(words),
            "{value}: {}",
            problems[0]
        );
    }
    // With the directory's own date, a check after it is in the future.
    let mut json: Value = serde_json::from_str(&directory(vec![good_entry("x")])).unwrap();
    json["last_modified"] = json!("2026-11-16");
    for (date, warned) in [
        ("2026-11-16", false),
        ("2026-11-17", true),
        ("2000-01-01", false),
    ] {
        json["entries"][0]["assured_date"] = json!(date);
        let loaded = load_directory(&json.to_string()).unwrap();
        assert_eq!(
            loaded.problems.len(),
            usize::from(warned),
            "{date}: {:?}",
            loaded.problems
        );
        if warned {
            assert!(
                loaded.problems[0]
                    .message
                    .contains("after the directory's last_modified (2026-11-16)")
            );
        }
    }
    // Not HTML: comparisons and arrows.
    for text in ["Kinder < 6 Jahre", "Eltern -> Kita", "a<b", "<3"] {
        let (problems, _) = load_middle(with(good_entry("x"), "/description", json!(text)));
        assert!(problems.is_empty(), "{text}: {problems:?}");
    }
}

/// Placeholder contacts are fine in example data, and named in a real county's directory.
#[test]
fn placeholder_contacts_are_named_unless_the_directory_is_example_data() {
    let entry = json!({
        "id": "x", "kind": "service", "name": "Beratung",
        "location": {"latitude": 51.27, "longitude": 8.87},
        "organization": {"name": "Verein", "website": "https://verein.test"},
        "phones": [{"number": "+123456789"}, {"number": "05631 123456"}, {"number": "0000 000000"}],
        "email": "info@beratung.invalid",
        "url": "http://beratung.example/",
    });
    let mut json: Value = serde_json::from_str(&directory(vec![entry])).unwrap();
    let example = load_directory(&json.to_string()).unwrap();
    assert!(example.problems.is_empty(), "{:?}", example.problems);
    json["example_data"] = json!(false);
    let real = load_directory(&json.to_string()).unwrap();
    let fields: Vec<&str> = real
        .problems
        .iter()
        .filter(|problem| problem.kind == ProblemKind::Suspicious)
        .map(|problem| problem.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "publisher.email",
            "organization.website",
            "phones[0].number",
            "phones[2].number",
            "email",
            "url"
        ]
    );
    assert_eq!(
        real.directory.entries[0].phones.len(),
        3,
        "placeholders are kept"
    );
}

/// A list over the limit is refused as soon as it passes it: the broken end of this one is
/// never reached.
#[test]
fn a_list_over_the_entry_limit_is_refused_before_it_is_read_to_the_end() {
    let many = format!(
        r#"{{"format_version": 1, "entries": [{}{{}}, {{"broken": ]}}"#,
        "{},".repeat(service_finder::directory::MAX_ENTRIES)
    );
    let error = load_directory(&many).expect_err("refused");
    assert!(
        error.message.contains("more than 200000 entries"),
        "{error}"
    );
}

/// The fields added for contacts, status, target groups and accessibility: read in full when
/// right, and each bad value costs only itself.
#[test]
fn contacts_status_audience_and_accessibility() {
    let mut full = good_entry("full");
    full["alternate_name"] = json!({"de": "MBE"});
    full["status"] = json!("temporarily closed");
    full["status_note"] = json!({"de": "Umzug", "en": "Moving"});
    full["status_until"] = json!("2027-01-15");
    full["target_groups"] = json!(["women", "families", "women"]);
    full["minimum_age"] = json!(16);
    full["maximum_age"] = json!(27);
    full["last_modified"] = json!("2026-11-02");
    full["phones"] = json!([
        {"number": "+49 30 23125 417", "languages": ["ar", "AR"]},
        {"number": "+49 30 23125 418", "type": "fax"}
    ]);
    full["contacts"] = json!([{
        "title": {"de": "Beratung auf Arabisch"},
        "phones": [{"number": "+49 30 23125 419"}],
        "email": "arabisch@example.org",
        "languages": ["ar"]
    }]);
    full["location"]["accessibility"] = json!({
        "step_free_entrance": true, "accessible_toilet": false, "description": "Klingel links"
    });
    let loaded = load_directory(&directory(vec![full])).unwrap();
    let errors: Vec<&Problem> = loaded
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let entry = &loaded.directory.entries[0];
    use service_finder::directory::{PhoneKind, Status, TargetGroup};
    assert_eq!(entry.status, Some(Status::TemporarilyClosed));
    assert_eq!(entry.status_until.unwrap().to_string(), "2027-01-15");
    assert_eq!(
        entry.target_groups,
        [TargetGroup::Women, TargetGroup::Families],
        "repeats are removed"
    );
    assert_eq!((entry.minimum_age, entry.maximum_age), (Some(16), Some(27)));
    assert_eq!(entry.phones[0].languages.len(), 1, "AR is ar, listed once");
    assert_eq!(entry.phones[1].kind, Some(PhoneKind::Fax));
    assert_eq!(entry.contacts.len(), 1);
    assert_eq!(
        entry.contacts[0].email.as_deref(),
        Some("arabisch@example.org")
    );
    let access = entry
        .location
        .as_ref()
        .unwrap()
        .accessibility
        .as_ref()
        .unwrap();
    assert_eq!(access.step_free_entrance, Some(true));
    assert_eq!(
        access.accessible_toilet,
        Some(false),
        "a known no stays a no"
    );
    assert_eq!(access.hearing_loop, None, "not given is not known");

    // Each bad value: the problem names its path, and the entry stays.
    let contact = |value: Value| with(good_entry("broken"), "/contacts", json!([value]));
    check(
        contact(json!({"title": "Niemand"})),
        ProblemKind::MissingField,
        "contacts[0]",
        Consequence::ValueIgnored,
    );
    check(
        contact(json!({"email": "kein-at-zeichen", "phones": [{"number": "+49 30 23125 419"}]})),
        ProblemKind::InvalidEmail,
        "contacts[0].email",
        Consequence::ValueIgnored,
    );
    check(
        contact(json!({"phones": [{"number": "+49 30 23125 419", "type": "pager"}]})),
        ProblemKind::InvalidValue,
        "contacts[0].phones[0].type",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("broken"), "/status", json!("closed")),
        ProblemKind::InvalidValue,
        "status",
        Consequence::ValueIgnored,
    );
    check(
        with(good_entry("broken"), "/maximum_age", json!(300)),
        ProblemKind::InvalidValue,
        "maximum_age",
        Consequence::ValueIgnored,
    );
    let mut reversed = good_entry("broken");
    reversed["minimum_age"] = json!(18);
    reversed["maximum_age"] = json!(12);
    check(
        reversed,
        ProblemKind::InvalidValue,
        "maximum_age",
        Consequence::ValueIgnored,
    );
    check(
        with(
            good_entry("broken"),
            "/target_groups",
            json!(["women", "kids"]),
        ),
        ProblemKind::InvalidValue,
        "target_groups[1]",
        Consequence::ValueIgnored,
    );
    check(
        with(
            good_entry("broken"),
            "/location/accessibility",
            json!({"hearing_loop": "ja"}),
        ),
        ProblemKind::InvalidValue,
        "location.accessibility.hearing_loop",
        Consequence::ValueIgnored,
    );
}

/// `check` reads opening hours as the widget will, and says how to write one it cannot read;
/// the value stays (the widget shows it as written).
#[test]
fn unreadable_opening_hours_get_a_warning_with_a_suggestion() {
    let mut entry = good_entry("hours");
    entry["schedule"]["opening_hours"] = json!("Mo.–Fr. 9–12 Uhr");
    let loaded = load_directory(&directory(vec![entry, good_entry("fine")])).unwrap();
    let warnings: Vec<&Problem> = loaded
        .problems
        .iter()
        .filter(|problem| problem.field == "schedule.opening_hours")
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", loaded.problems);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].entry.as_ref().unwrap().index, 0);
    assert!(
        warnings[0]
            .message
            .contains("write it as \"Mo-Fr 09:00-12:00\""),
        "{}",
        warnings[0].message
    );
    let kept = loaded.directory.entries[0].schedule.as_ref().unwrap();
    assert_eq!(kept.opening_hours.as_deref(), Some("Mo.–Fr. 9–12 Uhr"));
}
