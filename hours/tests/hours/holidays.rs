//! The computed holidays against the typed-out official lists, and `PH` in the evaluation.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use service_finder_hours::Hours;
use service_finder_hours::holidays::{STATES, State, easter_sunday, public_holidays};

const FIXTURE: &str = include_str!("../fixtures/public-holidays-2025-2027.tsv");

/// The fixture's rows: (state, year) → {(date, name)}.
fn fixture() -> BTreeMap<(String, i32), BTreeSet<(NaiveDate, String)>> {
    let mut expected: BTreeMap<(String, i32), BTreeSet<(NaiveDate, String)>> = BTreeMap::new();
    for line in FIXTURE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [state, date, name] = fields[..] else {
            panic!("three columns in {line:?}")
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
        let year = date.year();
        expected
            .entry((state.to_owned(), year))
            .or_default()
            .insert((date, name.to_owned()));
    }
    expected
}

#[test]
fn every_state_and_year_matches_the_official_lists() {
    let expected = fixture();
    assert_eq!(
        expected.len(),
        16 * 3,
        "the fixture covers 16 states × 3 years"
    );
    for state in STATES {
        for year in 2025..=2027 {
            let computed: BTreeSet<(NaiveDate, String)> = public_holidays(Some(state), year)
                .into_iter()
                .map(|holiday| (holiday.date, holiday.name.to_owned()))
                .collect();
            let listed = &expected[&(state.abbreviation().to_owned(), year)];
            assert_eq!(&computed, listed, "{} {year}", state.abbreviation());
        }
    }
}

#[test]
fn easter_sundays() {
    for (year, month, day) in [
        (2000, 4, 23),
        (2019, 4, 21),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
        (2285, 3, 22),
    ] {
        assert_eq!(
            easter_sunday(year),
            NaiveDate::from_ymd_opt(year, month, day),
            "{year}"
        );
    }
}

#[test]
fn states_from_ags() {
    for (ags, state) in [
        ("01", Some(State::SH)),
        ("06635", Some(State::HE)),
        ("09162000", Some(State::BY)),
        ("16", Some(State::TH)),
        (" 11000000", Some(State::BE)),
        ("00", None),
        ("17", None),
        ("6", None),
        ("", None),
        ("x1", None),
        ("٠٦", None),
    ] {
        assert_eq!(State::from_ags(ags), state, "{ags:?}");
    }
}

#[test]
fn changes_of_the_laws_by_year() {
    let has = |state: Option<State>, date: (i32, u32, u32), name: &str| {
        public_holidays(state, date.0).iter().any(|holiday| {
            Some(holiday.date) == NaiveDate::from_ymd_opt(date.0, date.1, date.2)
                && holiday.name == name
        })
    };
    assert!(has(Some(State::NW), (2017, 10, 31), "Reformationstag"));
    assert!(has(None, (2017, 10, 31), "Reformationstag"));
    assert!(!has(Some(State::NW), (2018, 10, 31), "Reformationstag"));
    assert!(!has(Some(State::NI), (2016, 10, 31), "Reformationstag"));
    assert!(has(Some(State::NI), (2018, 10, 31), "Reformationstag"));
    assert!(!has(
        Some(State::BE),
        (2018, 3, 8),
        "Internationaler Frauentag"
    ));
    assert!(has(
        Some(State::BE),
        (2019, 3, 8),
        "Internationaler Frauentag"
    ));
    assert!(!has(
        Some(State::MV),
        (2022, 3, 8),
        "Internationaler Frauentag"
    ));
    assert!(has(
        Some(State::MV),
        (2023, 3, 8),
        "Internationaler Frauentag"
    ));
    assert!(!has(Some(State::TH), (2018, 9, 20), "Weltkindertag"));
    assert!(has(Some(State::TH), (2019, 9, 20), "Weltkindertag"));
    assert!(has(Some(State::BE), (2020, 5, 8), "Tag der Befreiung"));
    assert!(!has(Some(State::BE), (2021, 5, 8), "Tag der Befreiung"));
    assert!(has(Some(State::SN), (2024, 11, 20), "Buß- und Bettag"));
}

#[test]
fn unknown_regions_get_the_nationwide_holidays() {
    let names: Vec<&str> = public_holidays(None, 2026)
        .iter()
        .map(|holiday| holiday.name)
        .collect();
    assert_eq!(
        names,
        [
            "Neujahr",
            "Karfreitag",
            "Ostermontag",
            "Tag der Arbeit",
            "Christi Himmelfahrt",
            "Pfingstmontag",
            "Tag der Deutschen Einheit",
            "1. Weihnachtstag",
            "2. Weihnachtstag"
        ]
    );
    let nowhere = Hours::new("");
    assert!(nowhere.is_public_holiday(NaiveDate::from_ymd_opt(2026, 12, 25).expect("a date")));
    assert!(!nowhere.is_public_holiday(NaiveDate::from_ymd_opt(2026, 6, 4).expect("a date")));
}

/// The status at a Berlin time (given here as UTC) for a value, in a region.
fn status(ags: &str, text: &str, utc: (i32, u32, u32, u32, u32)) -> String {
    let answer = Hours::new(ags).describe(text, crate::utc_ms(utc.0, utc.1, utc.2, utc.3, utc.4));
    let json: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    json["status"].as_str().expect("a status").to_owned()
}

#[test]
fn public_holidays_are_the_regions_states() {
    let value = "Mo-Su 09:00-17:00; PH off";
    // Fronleichnam, Thursday 2026-06-04, 10:00 in Berlin (CEST): a holiday in Hessen, not in
    // Niedersachsen.
    assert_eq!(status("06635", value, (2026, 6, 4, 8, 0)), "closed");
    assert_eq!(status("03241", value, (2026, 6, 4, 8, 0)), "open");
    // Reformationstag (Saturday 2026-10-31) and Allerheiligen (Sunday 2026-11-01): holidays
    // elsewhere, not in Hessen.
    assert_eq!(status("06635", value, (2026, 10, 31, 9, 0)), "open");
    assert_eq!(status("03241", value, (2026, 10, 31, 9, 0)), "closed");
    assert_eq!(status("06635", value, (2026, 11, 1, 9, 0)), "open");
    assert_eq!(status("05315", value, (2026, 11, 1, 9, 0)), "closed");
    // `PH` on its own matches the holiday.
    assert_eq!(
        status("06635", "PH 10:00-12:00", (2026, 6, 4, 8, 30)),
        "open"
    );
    assert_eq!(
        status("03241", "PH 10:00-12:00", (2026, 6, 4, 8, 30)),
        "closed"
    );
}
