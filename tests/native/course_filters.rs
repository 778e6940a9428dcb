//! Course levels and types, the yes/no filters ("flags") with their counts, and what the status
//! of an entry does to search, on a directory whose right answers are known.

use serde_json::json;
use service_finder::directory::{Date, Severity, load_directory};
use service_finder::search::{FacetCount, Index, Query, SearchResults};

fn course(
    id: &str,
    levels: &[&str],
    course_type: &str,
    start: &str,
    end: &str,
) -> serde_json::Value {
    json!({"id": id, "kind": "course", "name": format!("Kurs {id}"),
           "course": {"levels": levels, "course_type": course_type,
                      "start_date": start, "end_date": end}})
}

fn index() -> Index {
    let mut childcare = course(
        "childcare",
        &["A1", "A2"],
        "parents",
        "2026-09-01",
        "2027-03-31",
    );
    childcare["course"]["childcare"] = json!(true);
    childcare["course"]["free_places"] = json!(3);
    let mut full = course("full", &["B1"], "integration", "2026-12-10", "2027-06-30");
    full["course"]["free_places"] = json!(0);
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "entries": [
            childcare,
            full,
            course("women", &["A1"], "women", "2027-02-01", "2027-08-31"),
            course("literacy", &["literacy"], "literacy", "2026-01-12", "2026-06-30"),
            {"id": "girls", "kind": "association", "name": "Mädchentreff",
             "target_groups": ["youth"], "categories": ["women"]},
            {"id": "kids", "kind": "service", "name": "Hausaufgabenhilfe", "maximum_age": 14},
            {"id": "adults", "kind": "service", "name": "Beratung ab 27", "minimum_age": 27,
             "alternate_name": {"de": "Zuwanderungsberatung"}},
            {"id": "moved", "kind": "service", "name": "Wohnberatung",
             "status": "temporarily closed", "status_until": "2027-01-15"},
            {"id": "gone", "kind": "service", "name": "Alte Wohnberatung", "status": "defunct"}
        ]
    });
    let loaded = load_directory(&directory.to_string()).unwrap();
    // Warnings about what is left out (no publisher, no place) are fine here; errors are not.
    let errors: Vec<_> = loaded
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Index::new(loaded.directory)
}

fn ids(results: &SearchResults) -> Vec<&str> {
    let mut ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
    ids.sort();
    ids
}

fn count(facets: &[FacetCount], value: &str) -> Option<usize> {
    facets
        .iter()
        .find(|facet| facet.value == value)
        .map(|facet| facet.count)
}

fn search(query: Query) -> SearchResults {
    index().search(&query).unwrap()
}

#[test]
fn levels_and_course_types_are_any_of_filters_with_counts() {
    let results = search(Query {
        levels: vec!["A1".into(), "literacy".into()],
        ..Query::default()
    });
    assert_eq!(ids(&results), ["childcare", "literacy", "women"]);
    // Counts for the levels ignore the level filter itself; those of the types apply it.
    let facets = &results.facets;
    assert_eq!(count(&facets.levels, "B1"), Some(1));
    assert_eq!(count(&facets.levels, "A2"), Some(1));
    assert_eq!(
        count(&facets.levels, "C2"),
        None,
        "no course teaches C2: no chip"
    );
    assert_eq!(count(&facets.course_types, "integration"), Some(0));
    assert_eq!(count(&facets.course_types, "women"), Some(1));

    let results = search(Query {
        course_types: vec!["women".into(), "parents".into()],
        ..Query::default()
    });
    assert_eq!(ids(&results), ["childcare", "women"]);
    let unknown = search(Query {
        levels: vec!["A9".into()],
        ..Query::default()
    });
    assert_eq!(unknown.total, 0, "an unknown level matches nothing");
}

#[test]
fn data_flags_gather_what_the_data_says() {
    let flag = |name: &str| {
        ids(&search(Query {
            flags: vec![name.into()],
            ..Query::default()
        }))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };
    assert_eq!(flag("childcare"), ["childcare"]);
    assert_eq!(flag("free-places"), ["childcare"], "0 free places is full");
    assert_eq!(flag("for-children"), ["girls", "kids"]);
    assert_eq!(flag("for-women"), ["girls", "women"]);
    let both = search(Query {
        flags: vec!["for-children".into(), "for-women".into()],
        ..Query::default()
    });
    assert_eq!(ids(&both), ["girls"], "flags narrow together");
    let counts = search(Query::default()).facets.flags;
    assert_eq!(count(&counts, "for-children"), Some(2));
    assert_eq!(count(&counts, "childcare"), Some(1));
    assert_eq!(count(&counts, "running"), None, "date flags need `today`");
}

#[test]
fn date_flags_count_from_the_given_day() {
    let today = Date::parse("2026-11-30");
    let on = |flag: &str| {
        let results = search(Query {
            flags: vec![flag.into()],
            today,
            ..Query::default()
        });
        ids(&results)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(on("running"), ["childcare"], "literacy ended in June");
    assert_eq!(on("starts-soon"), ["full"], "10 December is within 4 weeks");
    assert_eq!(on("starts-later"), ["women"]);
    let counts = search(Query {
        today,
        ..Query::default()
    })
    .facets
    .flags;
    assert_eq!(count(&counts, "starts-later"), Some(1));
    // Exactly four weeks ahead is still soon; a day more is later.
    let edge = Date::parse("2026-11-12");
    let results = search(Query {
        flags: vec!["starts-soon".into()],
        today: edge,
        ..Query::default()
    });
    assert_eq!(ids(&results), ["full"]);
}

#[test]
fn flags_set_from_outside_filter_and_count() {
    let mut index = index();
    // What the widget's opening-hours module hands over: entry numbers in directory order.
    index.set_flag_set("open-now", &[0, 4, 6, 999]).unwrap();
    let results = index
        .search(&Query {
            flags: vec!["open-now".into()],
            ..Query::default()
        })
        .unwrap();
    assert_eq!(ids(&results), ["adults", "childcare", "girls"]);
    let counts = index.search(&Query::default()).unwrap().facets.flags;
    assert_eq!(count(&counts, "open-now"), Some(3));
    let narrowed = index
        .search(&Query {
            flags: vec!["for-women".into()],
            ..Query::default()
        })
        .unwrap();
    assert_eq!(
        count(&narrowed.facets.flags, "open-now"),
        Some(1),
        "girls only"
    );
    // Set again: replaced, not added.
    index.set_flag_set("open-now", &[1]).unwrap();
    let counts = index.search(&Query::default()).unwrap().facets.flags;
    assert_eq!(count(&counts, "open-now"), Some(1));
    for bad in ["", "Open", "open now", "childcare", "running"] {
        assert!(index.set_flag_set(bad, &[0]).is_err(), "{bad:?}");
    }
    let unknown = index
        .search(&Query {
            flags: vec!["open-sa".into()],
            ..Query::default()
        })
        .unwrap();
    assert_eq!(unknown.total, 0, "a flag nobody set matches nothing");
}

#[test]
fn defunct_entries_are_never_listed_and_other_names_are_found() {
    let all = search(Query {
        limit: 100,
        ..Query::default()
    });
    assert_eq!(all.total, 8);
    assert!(!ids(&all).contains(&"gone"));
    let by_text = search(Query {
        text: "Wohnberatung".into(),
        ..Query::default()
    });
    assert_eq!(
        ids(&by_text),
        ["moved"],
        "temporarily closed is listed; defunct is not"
    );
    let other_name = search(Query {
        text: "Zuwanderungsberatung".into(),
        ..Query::default()
    });
    assert_eq!(ids(&other_name), ["adults"]);
}
