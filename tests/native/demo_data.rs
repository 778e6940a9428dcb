//! The bundled demo directory: realistic, complete, and unmistakably example data.
//! Native only: the wasm build does not carry the demo (the widget fetches it).

use std::collections::{BTreeSet, HashSet};

use service_finder::directory::Directory;
use service_finder::directory::{BUILTIN_CATEGORIES, Kind};

fn demo() -> Directory {
    crate::common::demo_directory()
}

#[test]
fn is_marked_as_example_data() {
    let demo = demo();
    assert!(demo.example_data);
    let title = demo.title.best("de", "de").unwrap().0;
    assert!(title.contains("Beispieldaten"), "{title}");
    assert_eq!(demo.region.as_ref().unwrap().ags.as_deref(), Some("06635"));
}

#[test]
fn has_enough_entries_of_every_kind_and_category() {
    let demo = demo();
    assert!(demo.entries.len() >= 150, "{}", demo.entries.len());
    for &kind in Kind::ALL {
        assert!(
            demo.entries
                .iter()
                .filter(|entry| entry.kind == kind)
                .count()
                >= 20,
            "{kind:?}"
        );
    }
    for category in BUILTIN_CATEGORIES
        .iter()
        .map(|category| category.id)
        .chain(demo.categories.iter().map(|category| category.id.as_str()))
    {
        let users = demo
            .entries
            .iter()
            .filter(|entry| entry.categories.iter().any(|id| id == category))
            .count();
        assert!(users >= 2, "category {category} is used by {users} entries");
    }
    let course_types: HashSet<_> = demo
        .entries
        .iter()
        .filter_map(|entry| entry.course.as_ref())
        .map(|course| course.course_type)
        .collect();
    assert_eq!(course_types.len(), 8, "every course type appears");
}

#[test]
fn spreads_over_the_countys_towns() {
    let demo = demo();
    let cities: BTreeSet<&str> = demo
        .entries
        .iter()
        .filter_map(|entry| entry.location.as_ref()?.city.as_deref())
        .collect();
    for town in [
        "Korbach",
        "Bad Arolsen",
        "Frankenberg (Eder)",
        "Bad Wildungen",
        "Willingen (Upland)",
        "Diemelsee",
        "Edertal",
        "Vöhl",
        "Twistetal",
        "Lichtenfels",
    ] {
        assert!(cities.contains(town), "{town} missing from {cities:?}");
    }
    // Every point lies in or right around Waldeck-Frankenberg.
    for entry in &demo.entries {
        if let Some(location) = &entry.location
            && let (Some(latitude), Some(longitude)) = (location.latitude, location.longitude)
        {
            assert!(
                (50.9..=51.55).contains(&latitude) && (8.45..=9.3).contains(&longitude),
                "{}: {latitude},{longitude}",
                entry.id
            );
        }
    }
    assert!(
        demo.entries
            .iter()
            .filter(|entry| entry.location.is_none() && entry.service_area.is_some())
            .count()
            >= 5
    );
}

#[test]
fn is_multilingual() {
    let demo = demo();
    let translated_into = |code: &str| {
        demo.entries
            .iter()
            .filter(|entry| {
                entry
                    .name
                    .iter()
                    .any(|(language, _)| language == Some(code))
            })
            .count()
    };
    assert!(translated_into("en") >= 50);
    for code in ["ar", "uk", "fa"] {
        assert!(
            translated_into(code) >= 20,
            "{code}: {}",
            translated_into(code)
        );
    }
    let service_languages: HashSet<&str> = demo
        .entries
        .iter()
        .flat_map(|entry| entry.languages.iter().map(|code| code.as_str()))
        .collect();
    for code in ["de", "en", "ar", "fa", "uk", "ru", "tr", "ti", "prs"] {
        assert!(
            service_languages.contains(code),
            "no entry is offered in {code}"
        );
    }
}

/// Contact details must never reach a real person: e-mail only at example.org, phone numbers
/// only from the Bundesnetzagentur's ranges reserved for media productions.
#[test]
fn contact_details_are_fictitious() {
    let demo = demo();
    let reserved = [
        "+49 30 23125 ",
        "+49 69 90009 ",
        "+49 40 66969 ",
        "+49 221 4710 ",
        "+49 89 99998 ",
    ];
    let is_reserved = |number: &str| {
        reserved
            .iter()
            .any(|prefix| number.starts_with(prefix) && number.len() == prefix.len() + 3)
    };
    let is_example =
        |url: &str| url.starts_with("https://example.org") || url.starts_with("http://example.org");
    let publisher = demo.publisher.as_ref().unwrap();
    assert!(
        publisher
            .email
            .as_deref()
            .is_none_or(|email| email.ends_with("@example.org"))
    );
    assert!(publisher.phone.as_deref().is_none_or(is_reserved));
    for entry in &demo.entries {
        assert!(
            entry
                .email
                .as_deref()
                .is_none_or(|email| email.ends_with("@example.org")),
            "{}",
            entry.id
        );
        assert!(entry.url.as_deref().is_none_or(is_example), "{}", entry.id);
        assert!(
            entry
                .organization
                .as_ref()
                .and_then(|organization| organization.website.as_deref())
                .is_none_or(is_example),
            "{}",
            entry.id
        );
        for phone in &entry.phones {
            assert!(is_reserved(&phone.number), "{}: {}", entry.id, phone.number);
        }
    }
}
