//! The JavaScript API, run in headless Chromium by wasm-bindgen-test (see scripts/test).
//! Native `cargo test` skips this file: it is only for wasm32.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Reflect};
use service_finder::ServiceFinder;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("a property")
}

/// The demo directory, as the widget fetches it.
fn demo() -> Result<ServiceFinder, wasm_bindgen::JsError> {
    ServiceFinder::from_json(include_str!("../data/demo/waldeck-frankenberg.json"))
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
fn search_takes_a_camel_case_query_and_returns_plain_objects() {
    let finder = demo().unwrap();
    let all = finder.search(JsValue::UNDEFINED).unwrap();
    let total = get(&all, "total").as_f64().unwrap();
    let results = finder
        .search(query(
            r#"{"text": "Deutschkurs", "kinds": ["course"], "freeOfCharge": false,
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
        if let Some(distance) = get(&hit, "distanceMetres").as_f64() {
            assert!(distance >= previous && distance <= 25_000.0);
            previous = distance;
        }
    }
    let facets = get(&results, "facets");
    assert!(Array::is_array(&get(&facets, "categories")));
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
    assert!(ServiceFinder::from_json("{ not json").is_err());
}

#[wasm_bindgen_test]
fn problems_of_a_broken_directory_are_reported_and_valid_entries_kept() {
    let finder = ServiceFinder::from_json(include_str!("fixtures/broken-directory.json")).unwrap();
    assert_eq!(finder.error_count(), 8);
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
    use service_finder::Places;
    let region = Places::region().expect("the region's places are compiled in");
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
