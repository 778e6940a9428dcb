//! The JavaScript API, run in headless Chromium by wasm-bindgen-test (see scripts/test).
//! Native `cargo test` skips this file: it is only for wasm32.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

use js_sys::{Array, JSON, Object, Reflect, Uint8Array};
use service_finder::web::{DirectoryReader, ServiceFinder};
use wasm_bindgen::{JsError, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("a property")
}

const DEMO: &str = include_str!("../data/demo/waldeck-frankenberg.json");
const BROKEN: &str = include_str!("fixtures/broken-directory.json");

/// The demo directory, as the widget fetches it.
fn demo() -> Result<ServiceFinder, JsError> {
    ServiceFinder::from_json(DEMO.into())
}

/// The message of an error thrown to JavaScript.
fn message(error: JsError) -> String {
    get(&JsValue::from(error), "message").as_string().unwrap()
}

fn query(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

#[wasm_bindgen_test]
fn the_demo_loads_without_problems() {
    let finder = demo().expect("the demo loads");
    assert_eq!(finder.error_count(), 0);
    assert_eq!(Array::from(&finder.problems().unwrap()).length(), 0);
    let info = finder.info("en").unwrap();
    assert_eq!(get(&info, "exampleData"), JsValue::TRUE);
    assert!(get(&info, "entryCount").as_f64().unwrap() >= 150.0);
    let title = get(&get(&info, "title"), "text").as_string().unwrap();
    assert!(title.contains("example data"), "{title}");
}

#[wasm_bindgen_test]
fn search_words_are_folded_as_the_index_folds_them_without_stop_words() {
    assert_eq!(
        ServiceFinder::search_words("Beratung für Übersetzung"),
        "beratung ubersetzung"
    );
    // A text of stop words alone is kept, as a search keeps it.
    assert_eq!(ServiceFinder::search_words("für"), "fur");
    assert_eq!(ServiceFinder::search_words("  "), "");
}

#[wasm_bindgen_test]
fn search_takes_a_camel_case_query_and_returns_plain_objects() {
    let finder = demo().unwrap();
    let all = finder.search(JsValue::UNDEFINED).unwrap();
    let total = get(&all, "total").as_f64().unwrap();
    let results = finder
        .search(query(
            r#"{"text": "Integrationskurs", "kinds": ["course"], "freeOfCharge": false,
                "near": {"latitude": 51.2756, "longitude": 8.873}, "radiusKm": 25,
                "sort": "distance", "limit": 5, "language": "en"}"#,
        ))
        .unwrap();
    let narrowed = get(&results, "total").as_f64().unwrap();
    assert!(narrowed > 0.0 && narrowed < total, "{narrowed} of {total}");
    let hits = Array::from(&get(&results, "hits"));
    assert!(hits.length() <= 5);
    let mut previous = 0.0;
    for hit in hits.iter() {
        let entry = get(&hit, "entry");
        assert_eq!(get(&entry, "kind").as_string().as_deref(), Some("course"));
        assert!(get(&get(&entry, "name"), "text").is_string());
        // Nearest first: every hit's name says "Integrationskurs" (the entries that only
        // mention the words would come after them, in a group of their own).
        if let Some(distance) = get(&hit, "distanceMetres").as_f64() {
            assert!(distance >= previous && distance <= 25_000.0);
            previous = distance;
        }
    }
    let facets = get(&results, "facets");
    assert!(Array::is_array(&get(&facets, "categories")));
}

#[wasm_bindgen_test]
fn entries_false_gives_the_same_hits_without_their_entries() {
    let finder = demo().unwrap();
    let text = r#""text": "Beratung", "near": {"latitude": 51.2756, "longitude": 8.873},
                "radiusKm": 40, "sort": "distance", "limit": 10"#;
    let full = finder.search(query(&format!("{{{text}}}"))).unwrap();
    let bare = finder
        .search(query(&format!("{{{text}, \"entries\": false}}")))
        .unwrap();
    assert_eq!(get(&full, "total"), get(&bare, "total"));
    let (full_hits, bare_hits) = (
        Array::from(&get(&full, "hits")),
        Array::from(&get(&bare, "hits")),
    );
    assert_eq!(full_hits.length(), 10);
    assert_eq!(bare_hits.length(), 10);
    for (with, without) in full_hits.iter().zip(bare_hits.iter()) {
        assert!(get(&with, "entry").is_object());
        assert!(
            !Reflect::has(&without, &"entry".into()).unwrap(),
            "no entry key"
        );
        assert_eq!(get(&with, "id"), get(&without, "id"));
        assert_eq!(get(&with, "score"), get(&without, "score"));
        assert_eq!(
            get(&with, "distanceMetres"),
            get(&without, "distanceMetres")
        );
    }
    // The facets do not depend on it.
    assert_eq!(
        JSON::stringify(&get(&full, "facets")).unwrap(),
        JSON::stringify(&get(&bare, "facets")).unwrap()
    );
    // `entries: true` is the default; anything but a boolean is refused with the field's name.
    let explicit = finder
        .search(query(&format!("{{{text}, \"entries\": true}}")))
        .unwrap();
    assert_eq!(
        JSON::stringify(&explicit).unwrap(),
        JSON::stringify(&full).unwrap()
    );
    let error = finder
        .search(query(r#"{"entries": "no"}"#))
        .expect_err("entries is true or false");
    assert!(message(error).contains("entries"));
}

#[wasm_bindgen_test]
fn bad_queries_and_directories_throw_clear_errors() {
    let finder = demo().unwrap();
    let error = finder
        .search(query(r#"{"radiusKm": 5}"#))
        .expect_err("a radius needs a point");
    assert!(
        JsValue::from(error)
            .as_string()
            .is_none_or(|text| !text.is_empty())
    );
    assert!(
        finder.search(query(r#"{"txt": "typo"}"#)).is_err(),
        "unknown query fields are refused"
    );
    assert!(ServiceFinder::from_json("{ not json".into()).is_err());
}

#[wasm_bindgen_test]
fn problems_of_a_broken_directory_are_reported_and_valid_entries_kept() {
    let finder = ServiceFinder::from_json(BROKEN.into()).unwrap();
    assert_eq!(finder.error_count(), 8);
    // 9 entries: a missing name and a repeated id are skipped, the other errors only ignore values.
    assert_eq!(finder.skipped_count(), 2);
    assert_eq!(demo().unwrap().skipped_count(), 0);
    let problems = Array::from(&finder.problems().unwrap());
    let first = problems.get(0);
    assert_eq!(
        get(&first, "entryId").as_string().as_deref(),
        Some("swapped-coordinates")
    );
    assert_eq!(
        get(&first, "kind").as_string().as_deref(),
        Some("invalid_coordinates")
    );
    assert!(
        get(&first, "text")
            .as_string()
            .unwrap()
            .starts_with("line 17: error:")
    );
    let all = finder.search(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&all, "total").as_f64(), Some(7.0));
}

#[wasm_bindgen_test]
fn places_of_the_region_and_of_germany_are_looked_up() {
    use service_finder::web::Places;
    let region = Places::from_text(service_finder::places::DEMO_REGION)
        .expect("the demo region's places file is readable");
    let korbach = Array::from(
        &region
            .lookup("Korb", 5, Some(51.16), Some(8.9), Some("06635".to_owned()))
            .unwrap(),
    );
    let first = korbach.get(0);
    assert_eq!(get(&first, "name").as_string().as_deref(), Some("Korbach"));
    assert!(Array::from(&get(&first, "postcodes")).includes(&JsValue::from_str("34497"), 0));
    assert!(get(&get(&first, "point"), "latitude").as_f64().unwrap() > 51.2);
    // The region does not know Munich; all of Germany does.
    assert_eq!(
        Array::from(&region.lookup("München", 5, None, None, None).unwrap()).length(),
        0
    );
    let germany = Places::from_text(service_finder::places::GERMANY).unwrap();
    let munich = Array::from(&germany.lookup("Muenchen", 5, None, None, None).unwrap());
    assert_eq!(
        get(&munich.get(0), "name").as_string().as_deref(),
        Some("München")
    );
    assert!(Places::from_text("not a places file").is_err());
    assert!(Places::attribution().contains("GeoNames"));
}

#[wasm_bindgen_test]
fn from_json_takes_text_or_bytes_and_names_what_it_expects_otherwise() {
    let bytes = Uint8Array::from(BROKEN.as_bytes());
    for (name, directory) in [
        ("text", JsValue::from_str(BROKEN)),
        ("Uint8Array", bytes.clone().into()),
        ("ArrayBuffer", bytes.buffer().into()),
    ] {
        let finder = ServiceFinder::from_json(directory).unwrap_or_else(|_| panic!("{name}"));
        let all = finder.search(JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&all, "total").as_f64(), Some(7.0), "{name}");
    }
    for (directory, found) in [
        (JsValue::NULL, "null"),
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::from_f64(42.0), "a number"),
        (JsValue::TRUE, "a value of another type"),
        (Object::new().into(), "an object"),
        (Array::new().into(), "an object"),
    ] {
        let error = ServiceFinder::from_json(directory).err().expect(found);
        assert_eq!(
            message(error),
            format!(
                "ServiceFinder.fromJson expects the directory's JSON as a string, a Uint8Array or an ArrayBuffer, found {found}"
            )
        );
    }
}

#[wasm_bindgen_test]
fn invalid_utf8_bytes_keep_every_entry_and_are_reported_with_line_and_column() {
    // "Vöhl" in Windows-1252 (V F6 h l) as the name of the first entry.
    let text = BROKEN.replacen("Migrationsberatung Korbach", "V?hl", 1);
    let at = text.find("V?hl").unwrap() + 1;
    let mut bytes = text.into_bytes();
    bytes[at] = 0xf6;
    let line = 1 + bytes[..at].iter().filter(|&&byte| byte == b'\n').count();
    let column = at - bytes[..at].iter().rposition(|&byte| byte == b'\n').unwrap();
    let finder = ServiceFinder::from_json(Uint8Array::from(&bytes[..]).into()).unwrap();
    assert_eq!(finder.skipped_count(), 2, "the same 2 as in the UTF-8 file");
    let all = finder.search(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&all, "total").as_f64(), Some(7.0));
    let texts: Vec<String> = Array::from(&finder.problems().unwrap())
        .iter()
        .map(|problem| get(&problem, "text").as_string().unwrap())
        .collect();
    let place = format!("line {line}, column {column}");
    assert!(
        texts.iter().any(|text| text.contains(&place)),
        "{place} in {texts:#?}"
    );
}

#[wasm_bindgen_test]
fn numbers_that_json_cannot_carry_are_refused_by_name() {
    let finder = demo().unwrap();
    let fields = [
        ("radiusKm", "a number of kilometres of 0 or more"),
        ("offset", "a whole number of 0 or more"),
        (
            "limit",
            "a whole number of 0 or more (at most 1000 hits are returned)",
        ),
        ("near.latitude", "a number of degrees from -90 to 90"),
        ("near.longitude", "a number of degrees from -180 to 180"),
    ];
    for (field, allowed) in fields {
        for (value, written) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (10.0, ""),
        ] {
            let query = query(
                r#"{"text": "Beratung", "near": {"latitude": 51.2756, "longitude": 8.873},
                    "radiusKm": 25, "offset": 0, "limit": 5}"#,
            );
            let (parent, key) = match field.split_once('.') {
                Some((parent, key)) => (get(&query, parent), key),
                None => (query.clone(), field),
            };
            Reflect::set(&parent, &key.into(), &value.into()).unwrap();
            match finder.search(query) {
                Ok(results) => {
                    assert!(written.is_empty(), "{field} = {written} was taken");
                    assert!(get(&results, "total").as_f64().unwrap() > 0.0, "{field}");
                }
                Err(error) => assert_eq!(
                    message(error),
                    format!("{field} must be {allowed}, found {written}")
                ),
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_lone_surrogate_and_upper_case_language_codes_are_taken_as_they_come() {
    let finder = demo().unwrap();
    let lone = js_sys::JsString::from_char_code1(0xd800);
    let text = js_sys::JsString::from("Beratung").concat(&lone);
    let surrogate = query("{}");
    Reflect::set(&surrogate, &"text".into(), &text).unwrap();
    let results = finder
        .search(surrogate)
        .expect("a lone surrogate is searched");
    assert!(Array::is_array(&get(&results, "hits")));
    let ids = |languages: &str| {
        let results = finder
            .search(query(&format!(
                r#"{{"languages": {languages}, "limit": 1000}}"#
            )))
            .unwrap();
        Array::from(&get(&results, "hits"))
            .iter()
            .map(|hit| get(&hit, "id").as_string().unwrap())
            .collect::<Vec<_>>()
    };
    let lower = ids(r#"["de"]"#);
    assert!(!lower.is_empty());
    assert_eq!(ids(r#"["DE"]"#), lower);
}

/// The field names of each `export interface` in the TypeScript text that `src/web/api.rs`
/// gives wasm-bindgen for the shipped `.d.ts`.
fn typescript_interfaces() -> Vec<(String, Vec<String>)> {
    let source = include_str!("../src/web/api.rs");
    let mut interfaces = Vec::new();
    for block in source.split("export interface ").skip(1) {
        let name = block.split_whitespace().next().unwrap().to_owned();
        let body = &block[block.find('{').unwrap() + 1..block.find('}').unwrap()];
        // Drop /** comments */, then take every `name:` or `name?:`.
        let mut text = String::new();
        let mut rest = body;
        while let Some(start) = rest.find("/**") {
            text.push_str(&rest[..start]);
            rest = &rest[start + rest[start..].find("*/").unwrap() + 2..];
        }
        text.push_str(rest);
        let fields = text
            .split(';')
            .filter_map(|field| field.split(':').next())
            .map(|field| field.trim().trim_end_matches('?').to_owned())
            .filter(|field| !field.is_empty())
            .collect();
        interfaces.push((name, fields));
    }
    interfaces
}

/// Collects the keys that `value` (an object of TypeScript type `interface`) and the objects
/// inside it really have, by interface.
fn collect_keys(value: &JsValue, interface: &str, found: &mut Vec<(String, Vec<String>)>) {
    if value.is_undefined() || value.is_null() {
        return;
    }
    if Array::is_array(value) {
        for item in Array::from(value).iter() {
            collect_keys(&item, interface, found);
        }
        return;
    }
    let keys: Vec<String> = Object::keys(&Object::from(value.clone()))
        .iter()
        .map(|key| key.as_string().unwrap())
        .collect();
    // The interface of each key's value, where it is an object of the API.
    let inner = |key: &str| -> Option<&str> {
        Some(match (interface, key) {
            ("SearchResults", "hits") => "HitView",
            ("SearchResults", "facets") => "Facets",
            ("Facets", _) => "FacetCount",
            ("HitView", "entry") => "EntryView",
            ("EntryView", "course") => "CourseView",
            ("EntryView" | "ContactView", "phones") => "PhoneView",
            ("EntryView", "contacts") => "ContactView",
            ("EntryView", "accessibility") => "AccessibilityView",
            ("EntryView", "source") => "SourceView",
            ("EntryView", "categories") | ("DirectoryView", "categories") => "CategoryView",
            (
                "EntryView" | "PhoneView" | "DirectoryView" | "ContactView" | "AccessibilityView"
                | "SourceView",
                _,
            ) if get(value, key).is_object() && get(&get(value, key), "language").is_string() => {
                "TextView"
            }
            (_, "point" | "regionCentre") => "GeoPoint",
            _ => return None,
        })
    };
    for key in &keys {
        if let Some(inner) = inner(key) {
            collect_keys(&get(value, key), inner, found);
        }
    }
    match found.iter_mut().find(|(name, _)| name == interface) {
        Some((_, all)) => all.extend(keys),
        None => found.push((interface.to_owned(), keys)),
    }
}

/// The shipped TypeScript types name exactly the fields that the JSON writer emits: every
/// field the API returns is declared, and every declared field is returned by some call on the
/// demo and the broken fixture. A field added on one side only fails here.
#[wasm_bindgen_test]
fn the_typescript_types_match_what_the_api_returns() {
    // The demo with a neighbour's directory merged in, and the broken fixture as a neighbour:
    // so that an entry's source and a problem's directory are returned too.
    let kassel = include_str!("fixtures/neighbour-kassel.json");
    let mut finder =
        ServiceFinder::from_json_list(Array::of2(&DEMO.into(), &kassel.into())).unwrap();
    let mut found = Vec::new();
    // A concept no entry has, with its broader topic: the results name the topic.
    finder.set_thesaurus("@topic:health\tFrauenarzt");
    collect_keys(
        &finder.search(query(r#"{"text": "Frauenarzt"}"#)).unwrap(),
        "SearchResults",
        &mut found,
    );
    let everything = query(
        r#"{"limit": 1000, "near": {"latitude": 51.2756, "longitude": 8.873}, "language": "en"}"#,
    );
    collect_keys(
        &finder.search(everything).unwrap(),
        "SearchResults",
        &mut found,
    );
    collect_keys(&finder.info("en").unwrap(), "DirectoryView", &mut found);
    let broken = ServiceFinder::from_json_list(Array::of2(&DEMO.into(), &BROKEN.into())).unwrap();
    collect_keys(&broken.problems().unwrap(), "ProblemView", &mut found);
    let places =
        service_finder::web::Places::from_text(service_finder::places::DEMO_REGION).unwrap();
    let korbach = places
        .lookup("Korbach", 5, Some(51.16), Some(8.9), None)
        .unwrap();
    collect_keys(&korbach, "PlaceView", &mut found);
    // By another of its names, so that the name that matched is returned too.
    let in_russian = places.lookup("Корбах", 5, None, None, None).unwrap();
    collect_keys(&in_russian, "PlaceView", &mut found);
    let declared = typescript_interfaces();
    for (interface, keys) in &found {
        let fields = &declared
            .iter()
            .find(|(name, _)| name == interface)
            .unwrap_or_else(|| panic!("no TypeScript interface {interface}"))
            .1;
        for key in keys {
            assert!(
                fields.contains(key),
                "{interface}.{key} is returned but not declared"
            );
        }
        for field in fields {
            assert!(
                keys.contains(field),
                "{interface}.{field} is declared but never returned"
            );
        }
    }
    // Every interface that describes a result was looked at (Query is what goes in).
    for (name, _) in &declared {
        assert!(
            name == "Query" || found.iter().any(|(seen, _)| seen == name),
            "interface {name} was not checked"
        );
    }
}

/// The opening-hours module's way in: every entry's hours by position (none for a temporarily
/// closed entry), and flags set from outside that searches filter by and count.
#[wasm_bindgen_test]
fn opening_hours_go_out_and_flags_come_back_in() {
    let mut finder = demo().unwrap();
    let hours = Array::from(&finder.opening_hours(None).unwrap());
    let info = finder.info("de").unwrap();
    assert_eq!(
        f64::from(hours.length()),
        get(&info, "entryCount").as_f64().unwrap()
    );
    let directory: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    let entries = directory["entries"].as_array().unwrap();
    let position = |id: &str| entries.iter().position(|entry| entry["id"] == id).unwrap() as u32;
    assert_eq!(
        hours.get(position("wf-svc-002")).as_string().as_deref(),
        entries[position("wf-svc-002") as usize]["schedule"]["opening_hours"].as_str()
    );
    assert!(
        hours.get(position("wf-svc-036")).is_null(),
        "temporarily closed"
    );

    finder
        .set_flag_set(
            "open-now",
            vec![position("wf-svc-002"), position("wf-svc-003")],
        )
        .unwrap();
    let results = finder.search(query(r#"{"flags": ["open-now"]}"#)).unwrap();
    assert_eq!(get(&results, "total").as_f64(), Some(2.0));
    let all = finder.search(query("{}")).unwrap();
    let flags = Array::from(&get(&get(&all, "facets"), "flags"));
    let open_now = flags
        .iter()
        .find(|facet| get(facet, "value").as_string().as_deref() == Some("open-now"))
        .expect("the flag is counted");
    assert_eq!(get(&open_now, "count").as_f64(), Some(2.0));
    assert!(finder.set_flag_set("childcare", vec![0]).is_err());
}

/// A course's hours are its lessons: given the day, they go out only while it runs, so that
/// "open now" never counts a course that has not started yet or has ended.
#[wasm_bindgen_test]
fn a_course_has_no_opening_hours_before_its_start_or_after_its_end() {
    let finder = demo().unwrap();
    let directory: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    let entries = directory["entries"].as_array().unwrap();
    let (position, course) = entries
        .iter()
        .enumerate()
        .find(|(_, entry)| {
            entry["schedule"]["opening_hours"].is_string()
                && entry["course"]["start_date"].is_string()
                && entry["course"]["end_date"].is_string()
        })
        .expect("the demo has a course with hours, a start and an end");
    let text = course["schedule"]["opening_hours"].as_str();
    let on = |day: &str| {
        let hours = Array::from(&finder.opening_hours(Some(day.to_string())).unwrap());
        hours.get(position as u32).as_string()
    };
    let start = course["course"]["start_date"].as_str().unwrap();
    let end = course["course"]["end_date"].as_str().unwrap();
    assert_eq!(on(start).as_deref(), text, "on its first day");
    assert_eq!(on(end).as_deref(), text, "on its last day");
    assert_eq!(on("2000-01-01"), None, "before its start");
    assert_eq!(on("2100-01-01"), None, "after its end");
    // A service's hours hold on any day; a day that is not one is as none given.
    let service = entries
        .iter()
        .position(|entry| {
            entry["kind"] == "service" && entry["schedule"]["opening_hours"].is_string()
        })
        .unwrap();
    let hours = Array::from(
        &finder
            .opening_hours(Some("2000-01-01".to_string()))
            .unwrap(),
    );
    assert!(hours.get(service as u32).is_string());
    assert_eq!(on("02.12.2026").as_deref(), text);
}

/// A shared link names an entry by its id: its number shows it alone, through a flag set.
#[wasm_bindgen_test]
fn an_entry_is_found_by_its_id() {
    let mut finder = demo().unwrap();
    let number = finder
        .entry_index("wf-svc-002")
        .expect("the demo has wf-svc-002");
    assert_eq!(finder.entry_index("no-such-entry"), None);
    finder.set_flag_set("shared-entry", vec![number]).unwrap();
    let results = finder
        .search(query(r#"{"flags": ["shared-entry"]}"#))
        .unwrap();
    let hits = Array::from(&get(&results, "hits"));
    assert_eq!(hits.length(), 1);
    assert_eq!(
        get(&get(&hits.get(0), "entry"), "id")
            .as_string()
            .as_deref(),
        Some("wf-svc-002")
    );
}

/// A county's directory and a neighbour's as one: the neighbour's entries carry their source,
/// problems say which file they are in, and a file that is not a directory is named.
#[wasm_bindgen_test]
fn neighbouring_directories_load_as_one() {
    const KASSEL: &str = include_str!("fixtures/neighbour-kassel.json");
    let list = Array::of2(&DEMO.into(), &Uint8Array::from(KASSEL.as_bytes()).into());
    let finder = ServiceFinder::from_json_list(list).unwrap();
    let info = finder.info("de").unwrap();
    let demo_count = get(&demo().unwrap().info("de").unwrap(), "entryCount")
        .as_f64()
        .unwrap();
    // Eight entries, one of them the own county's (the same name, 7 m away).
    assert_eq!(get(&info, "entryCount").as_f64(), Some(demo_count + 7.0));
    assert_eq!(
        get(&get(&info, "regionName"), "text")
            .as_string()
            .as_deref(),
        Some("Landkreis Waldeck-Frankenberg")
    );
    assert_eq!(
        finder.skipped_count(),
        0,
        "an entry shown once for two is not a skipped one"
    );
    let results = finder.search(query(r#"{"text": "Zierenberg"}"#)).unwrap();
    let hit = Array::from(&get(&results, "hits")).get(0);
    let source = get(&get(&hit, "entry"), "source");
    assert_eq!(
        get(&get(&source, "name"), "text").as_string().as_deref(),
        Some("Landkreis Kassel")
    );
    assert_eq!(
        get(&source, "lastModified").as_string().as_deref(),
        Some("2026-11-12")
    );

    // A neighbour's broken entry is reported with its directory's position.
    let list = Array::of2(&DEMO.into(), &BROKEN.into());
    let problems = Array::from(
        &ServiceFinder::from_json_list(list)
            .unwrap()
            .problems()
            .unwrap(),
    );
    assert!(problems.length() > 0);
    assert!(
        problems
            .iter()
            .all(|problem| get(&problem, "directory").as_f64() == Some(1.0))
    );

    let error = ServiceFinder::from_json_list(Array::of2(&DEMO.into(), &JsValue::from(42)))
        .err()
        .unwrap();
    assert!(message(error).contains("directories[1]"));
    assert!(ServiceFinder::from_json_list(Array::new()).is_err());
}

/// A stemmer object made in JavaScript: `stem` cuts a word to its first five letters, and
/// `stemAll` (when `batch`) does the same for many words, one per line.
fn five_letter_stemmer(batch: bool) -> JsValue {
    let stemmer = Object::new();
    let stem = js_sys::Function::new_with_args("word", "return word.slice(0, 5);");
    Reflect::set(&stemmer, &"stem".into(), &stem).unwrap();
    if batch {
        let all = js_sys::Function::new_with_args(
            "words",
            "return words.split('\\n').map((word) => word.slice(0, 5)).join('\\n');",
        );
        Reflect::set(&stemmer, &"stemAll".into(), &all).unwrap();
    }
    stemmer.into()
}

#[wasm_bindgen_test]
fn a_stemmer_with_or_without_stem_all_gives_the_same_word_forms() {
    use wasm_bindgen::JsCast;
    let count = |batch: bool| {
        let mut finder = demo().unwrap();
        let stems = finder.set_stemmer(five_letter_stemmer(batch).unchecked_into());
        // "Beratungen" is not a word of the demo; its first five letters are the stem of
        // "Beratung" and others.
        let results = finder
            .search(query(r#"{"text":"beratungen","limit":0}"#))
            .unwrap();
        (stems, get(&results, "total").as_f64().unwrap())
    };
    let (batch_stems, batch_total) = count(true);
    let (word_stems, word_total) = count(false);
    assert!(batch_stems > 1000, "{batch_stems} stems");
    assert_eq!((batch_stems, batch_total), (word_stems, word_total));
    assert!(batch_total > 0.0);
}

/// What a finder holds, to compare two: its problems, and every entry's id in its order.
fn contents(finder: &ServiceFinder) -> String {
    let all = finder
        .search(query(r#"{"limit": 1000, "sort": "name"}"#))
        .unwrap();
    let ids: Vec<String> = Array::from(&get(&all, "hits"))
        .iter()
        .map(|hit| get(&hit, "id").as_string().unwrap())
        .collect();
    let problems = JSON::stringify(&finder.problems().unwrap()).unwrap();
    format!("{ids:?} {}", String::from(problems))
}

/// Reads `bytes` with a DirectoryReader in pieces of `piece` bytes.
fn read_in_pieces(
    bytes: &[u8],
    expected: f64,
    piece: usize,
) -> Result<Option<ServiceFinder>, JsError> {
    let mut reader = DirectoryReader::new(expected);
    for part in bytes.chunks(piece) {
        if !reader.push(&Uint8Array::from(part)) {
            break;
        }
    }
    reader.finish()
}

#[wasm_bindgen_test]
fn a_directory_read_as_it_comes_loads_as_read_whole() {
    // A broken directory (problems of every kind) and the demo; pieces that cut characters,
    // entries and the fields before the list; the length known and not.
    for text in [BROKEN, DEMO] {
        let whole = contents(&ServiceFinder::from_json(text.into()).unwrap());
        for (piece, expected) in [
            (1, 0.0),
            (7, text.len() as f64),
            (4096, 0.0),
            (65_536, text.len() as f64),
        ] {
            let finder = read_in_pieces(text.as_bytes(), expected, piece).unwrap();
            let finder = finder.expect("read in pieces, not left to reading whole");
            assert_eq!(contents(&finder), whole, "pieces of {piece}");
        }
    }
    // Left to reading whole: bytes that are not UTF-8, a syntax error.
    let mut bytes = BROKEN.as_bytes().to_vec();
    bytes[BROKEN.len() / 2] = 0xff;
    assert!(read_in_pieces(&bytes, 0.0, 100).unwrap().is_none());
    let cut = &DEMO.as_bytes()[..DEMO.len() - 5];
    assert!(read_in_pieces(cut, 0.0, 4096).unwrap().is_none());
    // Refused by its length, said at once.
    let mut reader = DirectoryReader::new(200e6);
    assert!(!reader.push(&Uint8Array::from(&b"{"[..])));
    let refused = message(reader.finish().err().expect("too large"));
    assert!(refused.starts_with("the file is 200 MB"), "{refused}");
}
