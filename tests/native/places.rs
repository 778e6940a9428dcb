//! The gazetteer: place and postcode lookup, the region subset, and the data format.

use std::sync::OnceLock;

use service_finder::distance::GeoPoint;
use service_finder::distance::haversine_metres;
use service_finder::places::PlaceMatch;
use service_finder::places::{self, Gazetteer, Home, LookupOptions, MatchKind, RegionArea};

fn germany() -> &'static Gazetteer {
    static GERMANY: OnceLock<Gazetteer> = OnceLock::new();
    GERMANY.get_or_init(|| Gazetteer::parse(places::GERMANY).expect("the gazetteer parses"))
}

/// The demo directory's region: Landkreis Waldeck-Frankenberg.
fn waldeck_frankenberg() -> Home {
    Home::new(GeoPoint::new(51.16, 8.90), Some("06635".to_owned()))
}

fn lookup(query: &str, home: Option<Home>) -> Vec<PlaceMatch> {
    germany().lookup(query, &LookupOptions { limit: 10, home })
}

fn describe(matches: &[PlaceMatch]) -> String {
    matches
        .iter()
        .map(|found| {
            format!(
                "{} ({:?}, {}, {}, {})",
                found.name,
                found.kind,
                found.postcodes.first().map_or("-", String::as_str),
                found.district,
                found.state
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first match of `query` is `name`, within 2 km of the expected town centre.
fn check(query: &str, home: Option<Home>, name: &str, state: &str, latitude: f64, longitude: f64) {
    let matches = lookup(query, home);
    let first = matches
        .first()
        .unwrap_or_else(|| panic!("{query:?}: no match"));
    assert_eq!(first.name, name, "{query:?}: {}", describe(&matches));
    assert_eq!(first.state, state, "{query:?}: {}", describe(&matches));
    let metres = haversine_metres(first.point, GeoPoint::new(latitude, longitude));
    assert!(metres < 2000.0, "{query:?}: {name} is {metres:.0} m off");
}

#[test]
fn finds_towns_by_name_spelling_and_postcode() {
    let home = || Some(waldeck_frankenberg());
    for (query, name, state, latitude, longitude) in [
        ("Korbach", "Korbach", "Hessen", 51.2756, 8.8730),
        ("korbach", "Korbach", "Hessen", 51.2756, 8.8730),
        ("KORBACH", "Korbach", "Hessen", 51.2756, 8.8730),
        ("34497", "Korbach", "Hessen", 51.2756, 8.8730),
        ("Vöhl", "Vöhl", "Hessen", 51.2056, 8.9451),
        ("Voehl", "Vöhl", "Hessen", 51.2056, 8.9451),
        ("Vohl", "Vöhl", "Hessen", 51.2056, 8.9451),
        (
            "Frankenberg (Eder)",
            "Frankenberg (Eder)",
            "Hessen",
            51.0589,
            8.8008,
        ),
        (
            "frankenberg eder",
            "Frankenberg (Eder)",
            "Hessen",
            51.0589,
            8.8008,
        ),
        (
            "Willingen (Upland)",
            "Willingen (Upland)",
            "Hessen",
            51.2942,
            8.6091,
        ),
        ("Diemelsee", "Diemelsee", "Hessen", 51.37, 8.80),
        ("Twistetal", "Twistetal", "Hessen", 51.32, 8.95),
        ("Bad Wildungen", "Bad Wildungen", "Hessen", 51.1196, 9.1247),
        ("bad wildungn", "Bad Wildungen", "Hessen", 51.1196, 9.1247),
        ("Wildungen", "Bad Wildungen", "Hessen", 51.1196, 9.1247),
        ("Muenchen", "München", "Bayern", 48.1374, 11.5755),
        ("München", "München", "Bayern", 48.1374, 11.5755),
        ("Munich", "München", "Bayern", 48.1374, 11.5755),
        (
            "Lubin",
            "Lübben (Spreewald)",
            "Brandenburg",
            51.9381,
            13.8883,
        ),
        (
            "Lübben",
            "Lübben (Spreewald)",
            "Brandenburg",
            51.9381,
            13.8883,
        ),
    ] {
        check(query, home(), name, state, latitude, longitude);
        // Without a home region the same towns come first (they are unique or the largest).
        if !matches!(query, "Frankenberg" | "Willingen") {
            check(query, None, name, state, latitude, longitude);
        }
    }
}

#[test]
fn prefixes_while_typing_rank_the_home_region_first() {
    let home = || Some(waldeck_frankenberg());
    check("Korb", home(), "Korbach", "Hessen", 51.2756, 8.8730);
    check("Korba", home(), "Korbach", "Hessen", 51.2756, 8.8730);
    check("Korbah", home(), "Korbach", "Hessen", 51.2756, 8.8730);
    // Korb in Baden-Württemberg, the exact name, still follows.
    let korb = lookup("Korb", home());
    assert!(
        korb.iter().any(|found| found.name == "Korb"),
        "{}",
        describe(&korb)
    );
    assert_eq!(korb[0].kind, MatchKind::Prefix);
    check("344", home(), "Korbach", "Hessen", 51.2756, 8.8730);
    check(
        "Bad Wil",
        home(),
        "Bad Wildungen",
        "Hessen",
        51.1196,
        9.1247,
    );
}

#[test]
fn ambiguous_names_give_the_home_regions_place_first_and_tell_them_apart() {
    let home = || Some(waldeck_frankenberg());
    check(
        "Frankenberg",
        home(),
        "Frankenberg (Eder)",
        "Hessen",
        51.0589,
        8.8008,
    );
    let frankenberg = lookup("Frankenberg", home());
    let saxony = frankenberg
        .iter()
        .find(|found| found.state == "Sachsen")
        .unwrap_or_else(|| panic!("no Frankenberg in Saxony: {}", describe(&frankenberg)));
    assert!(saxony.name.starts_with("Frankenberg"), "{}", saxony.name);
    assert_eq!(saxony.kind, MatchKind::Exact);
    assert!(!saxony.postcodes.is_empty() && saxony.district_ags.starts_with("14"));
    assert_eq!(frankenberg[0].postcodes, ["35066"]);
    assert_eq!(frankenberg[0].district, "Landkreis Waldeck-Frankenberg");
    assert!(frankenberg[0].near_home && !saxony.near_home);

    check(
        "Willingen",
        home(),
        "Willingen (Upland)",
        "Hessen",
        51.2942,
        8.6091,
    );
    let willingen = lookup("Willingen", home());
    assert!(
        willingen
            .iter()
            .any(|found| found.state == "Rheinland-Pfalz" && found.kind == MatchKind::Exact),
        "{}",
        describe(&willingen)
    );
}

#[test]
fn alternate_names_say_which_name_matched() {
    let lubin = lookup("Lubin", None);
    assert_eq!(lubin[0].matched_name.as_deref(), Some("Lubin"));
    assert_eq!(lubin[0].kind, MatchKind::Exact);
    assert_eq!(lookup("Lübben (Spreewald)", None)[0].matched_name, None);
    // When the place's own name matches as well as another, no other name is shown: "Win" is
    // Winterberg, not "Winterberg (Winnenmerg)"; and another name only in the script typed:
    // not "Willingen (Upland) (Vilingen)" for "ويلينغن".
    let home = || Some(waldeck_frankenberg());
    for typed in ["Win", "Kas", "ويلينغن", "ویلینگن"] {
        let first = &lookup(typed, home())[0];
        assert_eq!(first.matched_name, None, "{typed:?}: {}", first.name);
    }
    let in_arabic = &lookup("باد فيلدونغن", home())[0];
    assert_eq!(in_arabic.matched_name.as_deref(), Some("باد فيلدونغن"));
}

#[test]
fn company_postcodes_and_garbage_give_nothing() {
    // 10875 is only listed for companies (Daimler Insurance Services GmbH, …).
    for query in [
        "10875",
        "Daimler Insurance Services",
        "Stadtverwaltung Korbach",
        "",
        "   ",
        "!!!",
        "xqzvwk",
        "123456",
        "99999",
        "\u{0}\u{7f}",
    ] {
        let matches = lookup(query, Some(waldeck_frankenberg()));
        assert!(matches.is_empty(), "{query:?}: {}", describe(&matches));
    }
    // Odd input does not panic.
    for query in [
        "a",
        "ä",
        "ß",
        "(",
        "Korbach 3449",
        "34497 Korbach",
        "ǅ",
        "🙂 Korbach",
    ] {
        let _ = lookup(query, Some(waldeck_frankenberg()));
    }
    assert_eq!(lookup("34497 Korbach", None)[0].name, "Korbach");
    assert!(lookup("34497 Vöhl", None).is_empty());
}

#[test]
fn limits_are_kept() {
    let options = LookupOptions {
        limit: 3,
        home: None,
    };
    assert_eq!(germany().lookup("Bad", &options).len(), 3);
    assert_eq!(germany().lookup("3", &options).len(), 3);
    let none = LookupOptions {
        limit: 0,
        home: None,
    };
    assert!(germany().lookup("Korbach", &none).is_empty());
}

#[test]
fn the_region_subset_keeps_the_region_and_its_neighbours() {
    let region = germany().region(&RegionArea::around(
        GeoPoint::new(51.16, 8.90),
        Some("06635"),
    ));
    let names = |query: &str| -> Vec<String> {
        region
            .lookup(query, &LookupOptions::default())
            .into_iter()
            .map(|found| found.name)
            .collect()
    };
    assert_eq!(names("Korbach")[0], "Korbach");
    assert_eq!(names("34497")[0], "Korbach");
    assert_eq!(names("Frankenberg"), ["Frankenberg (Eder)"]);
    assert!(names("Kassel").iter().any(|name| name == "Kassel"));
    assert!(names("München").is_empty());
    assert!(names("Berlin").is_empty());
    let ags: Vec<&str> = region.districts().iter().map(|d| d.ags.as_str()).collect();
    // Neighbours of Waldeck-Frankenberg: Hochsauerlandkreis, Höxter, Kassel (district),
    // Schwalm-Eder, Marburg-Biedenkopf, Siegen-Wittgenstein.
    for neighbour in ["05958", "05762", "06633", "06634", "06534", "05970"] {
        assert!(ags.contains(&neighbour), "{neighbour} missing from {ags:?}");
    }
    // A region subset written out reads back the same.
    let text = region.to_text();
    let again = Gazetteer::parse(&text).unwrap();
    assert_eq!(again.places(), region.places());
    assert_eq!(again.to_text(), text);
}

#[test]
fn the_demo_region_file_is_up_to_date() {
    let region = germany().region(&RegionArea::around(
        GeoPoint::new(51.16, 8.90),
        Some("06635"),
    ));
    assert!(
        region.to_text() == places::DEMO_REGION,
        "data/places/region-waldeck-frankenberg.tsv is stale: regenerate it with \
         `service-finder places --region-subset > data/places/region-waldeck-frankenberg.tsv`"
    );
    let demo = Gazetteer::parse(places::DEMO_REGION).unwrap();
    assert_eq!(demo.places().len(), region.places().len());
    // The budget is 30 KB gzipped; the text compresses about 2:1 (the benchmark prints the
    // gzipped size), so 60 KB raw keeps it with room to spare.
    assert!(
        places::DEMO_REGION.len() < 60_000,
        "{}",
        places::DEMO_REGION.len()
    );
}

#[test]
fn the_data_file_round_trips_and_carries_the_attribution() {
    assert!(places::GERMANY.starts_with("# service-finder gazetteer 1"));
    assert!(
        places::GERMANY
            .lines()
            .next()
            .unwrap()
            .contains(places::ATTRIBUTION)
    );
    assert_eq!(germany().to_text(), places::GERMANY);
    assert!(germany().places().len() > 12_000);
}

#[test]
fn bad_data_is_reported_with_its_line() {
    for (text, line) in [
        ("Korbach\t51.2\t8.8\n", 1),
        ("D\t066\tX\n", 1),
        ("D\t06635\tX\nKorbach\tx\t8.8\n", 2),
        ("D\t06635\tX\nKorbach\t51.2\t8.8\t-5\n", 2),
        ("D\t06635\tX\n# c\nKorbach\t51.2\t8.8\t1\t3449\n", 3),
        ("D\t06635\tX\nKorbach\t151.2\t8.8\n", 2),
    ] {
        let error = Gazetteer::parse(text).expect_err(text);
        assert_eq!(error.line, line, "{text:?}: {error}");
    }
}

mod cli {
    //! `service-finder places` and `search --near PLACE`, run as a user would run them.

    use std::process::Output;

    use crate::common::{service_finder, stdout};

    fn stderr(output: &Output) -> String {
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    #[test]
    fn places_prints_candidates_with_coordinates_postcode_and_district() {
        let output = service_finder(&["places", "Frankenberg", "--limit", "5"]);
        let text = stdout(&output);
        assert!(output.status.success(), "{text}{}", stderr(&output));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0], "  1. Frankenberg (Eder)  51.0589,8.8008",
            "{text}"
        );
        assert_eq!(
            lines[1], "     35066, Landkreis Waldeck-Frankenberg, Hessen",
            "{text}"
        );
        assert!(text.contains("Sachsen"), "{text}");
        assert!(
            text.contains("Place data © GeoNames, CC BY 4.0, https://www.geonames.org/"),
            "{text}"
        );
    }

    #[test]
    fn places_json_and_postcodes() {
        let output = service_finder(&["places", "34497", "--json", "--limit", "1"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let first = &json[0];
        assert_eq!(first["name"], "Korbach");
        assert_eq!(first["kind"], "exact");
        assert_eq!(first["postcodes"][0], "34497");
        assert_eq!(first["district_ags"], "06635");
        assert_eq!(first["state"], "Hessen");
        let latitude = first["point"]["latitude"].as_f64().unwrap();
        assert!((latitude - 51.2756).abs() < 0.01, "{latitude}");
        assert_eq!(json.as_array().unwrap().len(), 1);
    }

    #[test]
    fn places_without_a_match_says_so_and_fails() {
        let output = service_finder(&["places", "xqzvwk"]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stdout(&output).contains("no place or postcode matches"));
    }

    #[test]
    fn places_without_home_ranks_by_size() {
        let output = service_finder(&["places", "--no-home", "Willingen", "--limit", "2"]);
        let text = stdout(&output);
        assert!(text.starts_with("  1. Willingen (Upland)"), "{text}");
    }

    #[test]
    fn places_region_subset_prints_the_demo_region() {
        let output = service_finder(&["places", "--region-subset"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout(&output), service_finder::places::DEMO_REGION);
    }

    #[test]
    fn search_near_a_town_says_which_place_it_understood() {
        let by_name = service_finder(&[
            "search",
            "--text",
            "Integrationskurs",
            "--near",
            "Korbach",
            "--sort",
            "distance",
            "--limit",
            "2",
        ]);
        let text = stdout(&by_name);
        assert!(by_name.status.success(), "{text}{}", stderr(&by_name));
        assert!(
            stderr(&by_name).contains(
                "near: Korbach (34497, Landkreis Waldeck-Frankenberg, Hessen) at 51.2756,8.873"
            ),
            "{}",
            stderr(&by_name)
        );
        assert!(text.contains("Korbach  [wf-course-009]  106 m"), "{text}");
        // The same as coordinates and as the postcode.
        let by_point = service_finder(&[
            "search",
            "--text",
            "Integrationskurs",
            "--near",
            "51.2756,8.873",
            "--sort",
            "distance",
            "--limit",
            "2",
        ]);
        assert_eq!(stdout(&by_point), text);
        assert!(stderr(&by_point).is_empty(), "{}", stderr(&by_point));
        let by_postcode = service_finder(&[
            "search",
            "--text",
            "Integrationskurs",
            "--near",
            "34497",
            "--sort",
            "distance",
            "--limit",
            "2",
        ]);
        assert_eq!(stdout(&by_postcode), text);
        let by_spelling = service_finder(&["search", "--near", "voehl", "--limit", "1"]);
        assert!(
            stderr(&by_spelling).contains("near: Vöhl"),
            "{}",
            stderr(&by_spelling)
        );
    }

    #[test]
    fn search_near_nothing_known_fails_with_a_reason() {
        for (near, reason) in [
            ("xqzvwk", "no place or postcode matches \"xqzvwk\""),
            ("95,200", "\"95,200\" is not a point"),
        ] {
            let output = service_finder(&["search", "--near", near]);
            assert_eq!(output.status.code(), Some(1), "{near}");
            assert!(
                stderr(&output).contains(reason),
                "{near}: {}",
                stderr(&output)
            );
        }
    }
}

/// The region's towns written as Arabic, Persian, Russian and Ukrainian speakers write them
/// (issue 17): found by the skeleton of their consonants, whole and while being typed.
#[test]
fn the_region_s_towns_are_found_in_arabic_persian_and_cyrillic_script() {
    let home = || Some(waldeck_frankenberg());
    for (queries, name, latitude, longitude) in [
        (
            &["كورباخ", "کورباخ", "Корбах", "Корб"][..],
            "Korbach",
            51.2756,
            8.8730,
        ),
        (
            &[
                "باد فيلدونغن",
                "باد ویلدونگن",
                "Бад-Вильдунген",
                "Бад-Вільдунген",
                "باد فيلد",
            ],
            "Bad Wildungen",
            51.1196,
            9.1247,
        ),
        (
            &["باد أرولسن", "باد آرولزن", "Бад-Арользен"],
            "Bad Arolsen",
            51.3798,
            9.0145,
        ),
        (
            &["فرانكنبرغ", "فرانکنبرگ", "فرانكنبرج", "Франкенберг"],
            "Frankenberg (Eder)",
            51.0589,
            8.8008,
        ),
        (&["ديملشتات", "Димельштадт"], "Diemelstadt", 51.4878, 9.0079),
        // With no Arabic or Persian name in GeoNames; "ج" for "g" as Egyptians write it.
        (
            &["ويلينغن", "ويلينجن", "ویلینگن", "Віллінген"],
            "Willingen (Upland)",
            51.2942,
            8.6091,
        ),
        (&["ليختنفلس", "Лихтенфельс"], "Lichtenfels", 51.1583, 8.7958),
        // "Al" is written with the letters of the Arabic article, which folding drops for the
        // directory's words but not for a name compared by its sound.
        (&["ألندورف", "الندورف"], "Allendorf (Eder)", 51.0299, 8.6723),
        (&["ألسفيلد"], "Alsfeld", 50.7518, 9.2708),
    ] {
        for query in queries {
            check(query, home(), name, "Hessen", latitude, longitude);
        }
    }
    check(
        "ألفيلد",
        home(),
        "Alfeld (Leine)",
        "Niedersachsen",
        51.9838,
        9.8199,
    );
    // GeoNames' own spellings are alternate names, found as they are typed, like Latin ones:
    // "فو" starts "فولكمارسن" (Volkmarsen), the region's first.
    let typed = lookup("فو", home());
    assert_eq!(
        typed.first().map(|found| found.name.as_str()),
        Some("Volkmarsen")
    );
    assert_eq!(typed[0].kind, MatchKind::Prefix, "{}", describe(&typed));
    assert_eq!(typed[0].matched_name.as_deref(), Some("فولكمارسن"));
    // Each of GeoNames' spellings is kept, also where two differ by a letter: the Russian
    // "Мюнхен" beside the Serbian "Минхен", and both find München, also while "Мюнх" is typed.
    for query in ["Мюнх", "Мюнхен", "Минхен", "ميونخ", "مونیخ"] {
        check(query, None, "München", "Bayern", 48.1374, 11.5755);
    }
    // Near home, a town's consonants count even when a name matched elsewhere ("Лихтенфельс",
    // above, is also GeoNames' name of the Bavarian Lichtenfels), but not for a town with a
    // name of its own in that script: "Берлин" is Berlin, not Brilon ("Брилон") nearby.
    check("Берлин", home(), "Berlin", "Berlin", 52.5244, 13.4105);
    // A spelling GeoNames does not have is compared by its consonants; two that start no name
    // are too little to go by.
    assert!(lookup("ظظ", home()).is_empty());
}

/// A name written as heard, with one letter of a pair left out, is found from its fourth
/// letter: "Вілі" said "not found" until "Вілін" (Willingen is "Віллінген").
#[test]
fn a_letter_of_a_pair_left_out_is_found_from_the_fourth_letter() {
    let home = || Some(waldeck_frankenberg());
    for typed in ["Wili", "Wilin", "Вілі", "Вілін", "Корбах", "Франкенберг"]
    {
        let matches = lookup(typed, home());
        assert!(!matches.is_empty(), "{typed:?}: no match");
    }
    for typed in ["Wili", "Вілі", "Вілін"] {
        check(
            typed,
            home(),
            "Willingen (Upland)",
            "Hessen",
            51.2942,
            8.6091,
        );
    }
    // Another edit in a word of four letters is not a typo: too many names are one edit away.
    let swapped = lookup("Wlli", home());
    assert!(
        swapped
            .iter()
            .all(|found| !found.name.starts_with("Willingen")),
        "{}",
        describe(&swapped)
    );
}
