//! `Hours::describe` and `Hours::open_sets`: the JSON the widget reads.

use serde_json::{Value, json};
use service_finder_hours::Hours;

use crate::utc_ms;

/// Hessen (Landkreis Waldeck-Frankenberg).
const HESSEN: &str = "06635";

fn describe(ags: &str, text: &str, now_ms: f64) -> Value {
    serde_json::from_str(&Hours::new(ags).describe(text, now_ms)).expect("describe writes JSON")
}

fn open_sets(ags: &str, texts: &Value, now_ms: f64) -> Value {
    serde_json::from_str(&Hours::new(ags).open_sets(&texts.to_string(), now_ms))
        .expect("open_sets writes JSON")
}

fn day(date: &str, weekday: u32, holiday: bool, intervals: Value) -> Value {
    json!({"date": date, "weekday": weekday, "holiday": holiday, "intervals": intervals})
}

fn interval(from: &str, to: &str) -> Value {
    json!({"from": from, "to": to, "status": "open", "comment": null})
}

#[test]
fn a_week_with_a_holiday() {
    // Monday 2026-06-01 10:30 in Berlin; Thursday is Fronleichnam in Hessen.
    let answer = describe(
        HESSEN,
        "Mo-Fr 09:00-12:00,14:00-16:00; PH off",
        utc_ms(2026, 6, 1, 8, 30),
    );
    let working_day = json!([interval("09:00", "12:00"), interval("14:00", "16:00")]);
    assert_eq!(
        answer,
        json!({
            "ok": true,
            "status": "open",
            "comment": null,
            "next": {"date": "2026-06-01", "weekday": 0, "time": "12:00", "status": "closed"},
            "week": [
                day("2026-06-01", 0, false, working_day.clone()),
                day("2026-06-02", 1, false, working_day.clone()),
                day("2026-06-03", 2, false, working_day.clone()),
                day("2026-06-04", 3, true, json!([])),
                day("2026-06-05", 4, false, working_day),
                day("2026-06-06", 5, false, json!([])),
                day("2026-06-07", 6, false, json!([])),
            ]
        })
    );
}

#[test]
fn next_change_skips_closed_days_and_holidays() {
    // Wednesday 2026-06-03 18:00: closed; Thursday is a holiday, so Friday 09:00 opens.
    let answer = describe(
        HESSEN,
        "Mo-Fr 09:00-12:00; PH off",
        utc_ms(2026, 6, 3, 16, 0),
    );
    assert_eq!(answer["status"], "closed");
    assert_eq!(
        answer["next"],
        json!({"date": "2026-06-05", "weekday": 4, "time": "09:00", "status": "open"})
    );
    // In Niedersachsen Thursday is a working day.
    let answer = describe("03", "Mo-Fr 09:00-12:00; PH off", utc_ms(2026, 6, 3, 16, 0));
    assert_eq!(answer["next"]["date"], "2026-06-04");
}

#[test]
fn always_open_has_no_next_change() {
    let answer = describe(HESSEN, "24/7", utc_ms(2026, 6, 3, 16, 0));
    assert_eq!(answer["status"], "open");
    assert_eq!(answer["next"], Value::Null);
    assert_eq!(
        answer["week"][0]["intervals"],
        json!([interval("00:00", "24:00")])
    );
    // Closed for good, too.
    let answer = describe(HESSEN, "off", utc_ms(2026, 6, 3, 16, 0));
    assert_eq!(answer["status"], "closed");
    assert_eq!(answer["next"], Value::Null);
    assert_eq!(answer["week"][6]["intervals"], json!([]));
}

#[test]
fn unknown_status_and_comments() {
    let text = r#"Mo-Fr 09:00-12:00 "nur mit Termin"; Sa 10:00-12:00 unknown "nach Vereinbarung""#;
    // Saturday 2026-06-06 10:30.
    let answer = describe(HESSEN, text, utc_ms(2026, 6, 6, 8, 30));
    assert_eq!(answer["status"], "unknown");
    assert_eq!(answer["comment"], "nach Vereinbarung");
    assert_eq!(
        answer["next"],
        json!({"date": "2026-06-06", "weekday": 5, "time": "12:00", "status": "closed"})
    );
    assert_eq!(
        answer["week"][0]["intervals"],
        json!([{"from": "10:00", "to": "12:00", "status": "unknown", "comment": "nach Vereinbarung"}])
    );
    assert_eq!(
        answer["week"][2]["intervals"],
        json!([{"from": "09:00", "to": "12:00", "status": "open", "comment": "nur mit Termin"}])
    );
}

#[test]
fn past_midnight_and_summer_time() {
    // Friday 2026-10-23 23:30 CEST: open until 02:00 on Saturday.
    let answer = describe(HESSEN, "Fr 18:00-02:00", utc_ms(2026, 10, 23, 21, 30));
    assert_eq!(answer["status"], "open");
    assert_eq!(
        answer["next"],
        json!({"date": "2026-10-24", "weekday": 5, "time": "02:00", "status": "closed"})
    );
    assert_eq!(
        answer["week"][0]["intervals"],
        json!([interval("18:00", "24:00")])
    );
    assert_eq!(
        answer["week"][1]["intervals"],
        json!([interval("00:00", "02:00")])
    );
    // After the switch to winter time, Berlin's 09:00 is 08:00 UTC.
    let value = "Mo-Fr 09:00-17:00";
    assert_eq!(
        describe(HESSEN, value, utc_ms(2026, 10, 26, 7, 59))["status"],
        "closed"
    );
    assert_eq!(
        describe(HESSEN, value, utc_ms(2026, 10, 26, 8, 0))["status"],
        "open"
    );
    assert_eq!(
        describe(HESSEN, value, utc_ms(2026, 10, 23, 7, 0))["status"],
        "open"
    );
}

#[test]
fn a_comma_and_space_between_days_is_a_list_of_days() {
    // As opening_hours.js reads it: Monday and Tuesday 09:00-12:00, not Monday all day. The
    // comma in a comment stays as written, and a comma after a time still starts another rule.
    let monday_afternoon = utc_ms(2026, 6, 1, 12, 0);
    assert_eq!(
        describe(HESSEN, "Mo, Tu 09:00-12:00", monday_afternoon)["status"],
        "closed"
    );
    assert_eq!(
        describe(
            HESSEN,
            "Sa, Su, PH off; Mo-Fr 14:00-15:00",
            monday_afternoon
        )["status"],
        "open"
    );
    assert_eq!(
        describe(
            HESSEN,
            "Mo-Fr 08:00-10:00, Mo 13:00-15:00",
            monday_afternoon
        )["status"],
        "open"
    );
    assert_eq!(
        describe(HESSEN, r#"Mo 14:00-15:00 "Mo, Tu""#, monday_afternoon)["comment"],
        "Mo, Tu"
    );
}

#[test]
fn unreadable_values_and_times() {
    let answer = describe(HESSEN, "Mo.–Fr. 9–12 Uhr", utc_ms(2026, 6, 1, 8, 30));
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["suggestion"], "Mo-Fr 09:00-12:00");
    let error = answer["error"].as_str().expect("an error message");
    assert!(!error.is_empty() && !error.contains('\n'), "{error:?}");

    let answer = describe(HESSEN, "sdasdlasdj a3reaw", utc_ms(2026, 6, 1, 8, 30));
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["suggestion"], Value::Null);

    for now in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.0e300, -1.0e20] {
        let answer = describe(HESSEN, "Mo-Fr 09:00-12:00", now);
        assert_eq!(answer["ok"], false, "{now}");
        assert_eq!(answer["suggestion"], Value::Null);
    }
}

#[test]
fn odd_input_never_panics() {
    let hours = Hours::new(HESSEN);
    let long = "Mo-Fr 09:00-12:00, ".repeat(200);
    let deep = "(".repeat(5000);
    let texts = [
        "",
        " ",
        "\n",
        ";",
        "||",
        "\u{0}",
        "\"",
        "\"unclosed",
        "24/7 \"\u{2028}\"",
        "Mo-Su 00:00-48:00",
        "Mo-Su 23:59-00:01",
        "easter -2 days-easter +500 days",
        "week 01-53/1 Mo",
        "2026-2030 Jan-Dec 00:00-24:00",
        "PH -1 day",
        "SH off",
        "sunrise-sunset",
        "(sunrise+01:00)-(sunset-01:00)",
        "Mo[5] 10:00-12:00",
        "Dec 25-Jan 01 off",
        "9999 Jan 01",
        "1900 Jan 01",
        "10000",
        "Jan 00",
        "Feb 30 10:00-12:00",
        &long,
        &deep,
        "Mo–Fr 9–12 Uhr 𝕏",
        "Mo-Fr 25-26",
    ];
    for text in texts {
        for now in [
            utc_ms(2026, 6, 1, 8, 30),
            utc_ms(9998, 12, 31, 23, 59),
            utc_ms(1901, 1, 1, 0, 0),
            f64::NAN,
            0.0,
            -0.0,
        ] {
            let answer: Value = serde_json::from_str(&hours.describe(text, now)).expect("JSON");
            assert!(answer["ok"].is_boolean(), "{text:?} {now}");
        }
    }
    let answer: Value = serde_json::from_str(
        &hours.open_sets(&serde_json::to_string(&texts).expect("JSON"), f64::NAN),
    )
    .expect("JSON");
    assert!(answer["error"].is_string());
}

#[test]
fn random_values_never_panic() {
    // Pieces of the syntax, joined at random (a fixed xorshift sequence, so that a failure
    // repeats): many of the values read, and they evaluate at the edges of the years handled.
    let pieces = [
        "Mo",
        "Tu",
        "Su",
        "PH",
        "SH",
        "-",
        ",",
        ", ",
        ";",
        " ",
        "||",
        "24/7",
        "off",
        "open",
        "unknown",
        "\"c\"",
        "00:00",
        "24:00",
        "23:59",
        "48:00",
        "+",
        "sunrise",
        "sunset",
        "(",
        ")",
        "+01:00",
        "-01:00",
        "easter",
        "-2 days",
        " +1 day",
        "Jan",
        "Dec",
        "01",
        "31",
        "2026",
        "9999",
        "1900",
        "week",
        "53",
        "/2",
        "[1]",
        "[-1]",
        "[5]",
        ":",
        "Feb 29",
        "Sa-Mo",
        "Dec 25-Jan 02",
        "Mo[-1] -1 day",
        "2026-2025",
        "10:00-02:00",
        "00:00-48:00",
    ];
    let nows = [
        utc_ms(2026, 6, 3, 8, 0),
        utc_ms(2026, 12, 31, 23, 59),
        utc_ms(2026, 3, 29, 1, 0),
        utc_ms(9998, 12, 31, 23, 59),
        utc_ms(1901, 1, 1, 0, 0),
    ];
    let hours = Hours::new("09");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % 1024).unwrap_or(0)
    };
    let mut read = 0;
    for round in 0..2000 {
        let text: String = (0..1 + next() % 8)
            .map(|_| pieces[next() % pieces.len()])
            .collect();
        let now = nows[round % nows.len()];
        let answer: Value = serde_json::from_str(&hours.describe(&text, now)).expect("JSON");
        if answer["ok"] == true {
            read += 1;
        }
        let sets: Value =
            serde_json::from_str(&hours.open_sets(&json!([text]).to_string(), now)).expect("JSON");
        assert!(sets["days"].is_array(), "{text:?}");
    }
    assert!(
        read > 100,
        "only {read} values read: the pieces no longer make values"
    );
}

#[test]
fn open_sets_now_and_by_weekday() {
    let texts = json!([
        "Mo-Fr 09:00-17:00",
        null,
        "garbage",
        "Sa 10:00-12:00",
        "Mo-Fr 09:00-17:00",
        "24/7",
        "PH 10:00-12:00",
        "Mo-Fr 09:00-17:00; PH off",
        42,
        "Su 22:00-01:00"
    ]);
    // Wednesday 2026-06-03 10:00; Thursday 4 June is Fronleichnam in Hessen. Sunday's late
    // opening reaches into Monday.
    let answer = open_sets(HESSEN, &texts, utc_ms(2026, 6, 3, 8, 0));
    assert_eq!(
        answer,
        json!({
            "now": [0, 4, 5, 7],
            "days": [
                [0, 4, 5, 7, 9],
                [0, 4, 5, 7],
                [0, 4, 5, 7],
                [0, 4, 5, 6],
                [0, 4, 5, 7],
                [3, 5],
                [5, 9]
            ],
            // Mornings 6-12, afternoons 12-17, evenings 17-22: a time that ends at 17:00 is
            // not an evening one, and Sunday's 22:00-01:00 is none of the three.
            "times": {
                "morning": [0, 3, 4, 5, 6, 7],
                "afternoon": [0, 4, 5, 7],
                "evening": [5],
                "weekend": [3, 5, 9]
            }
        })
    );
}

#[test]
fn open_sets_refuses_what_is_not_an_array() {
    for text in ["", "{}", "[1", "nonsense"] {
        let answer: Value =
            serde_json::from_str(&Hours::new(HESSEN).open_sets(text, utc_ms(2026, 6, 3, 8, 0)))
                .expect("JSON");
        assert_eq!(answer["now"], json!([]));
        assert_eq!(answer["days"], json!([[], [], [], [], [], [], []]));
        assert!(answer["error"].is_string(), "{text:?}");
    }
}

#[test]
fn open_sets_of_ten_thousand_entries() {
    // A county's directory: a few hundred distinct values shared by many entries.
    let texts: Vec<Option<String>> = (0..10_000)
        .map(|index| match index % 7 {
            0 => None,
            1 => Some("Mo.–Fr. 9–12 Uhr".to_owned()),
            _ => Some(format!(
                "Mo-Fr 08:00-{:02}:{:02}; Sa 10:00-12:00; PH off",
                12 + index % 8,
                index % 300 / 5
            )),
        })
        .collect();
    let answer = open_sets(HESSEN, &json!(texts), utc_ms(2026, 6, 3, 8, 0));
    let open_now = answer["now"].as_array().expect("a list").len();
    assert_eq!(open_now, (0..10_000).filter(|index| index % 7 >= 2).count());
    assert_eq!(
        answer["days"][5].as_array().expect("a list").len(),
        open_now
    );
    assert_eq!(answer["days"][6], json!([]));
}

#[test]
fn days_of_the_month_name_their_next_day_weeks_ahead() {
    // Tuesday 2026-12-08 10:00, the day after December's first Monday: the third is the 21st.
    let answer = describe(HESSEN, "Mo[1,3] 10:00-12:00", utc_ms(2026, 12, 8, 9, 0));
    assert_eq!(answer["status"], "closed");
    assert_eq!(
        answer["next"],
        json!({"date": "2026-12-21", "weekday": 0, "time": "10:00", "status": "open"})
    );
    // The second Monday, in the week ahead, is closed.
    assert_eq!(answer["week"][6], day("2026-12-14", 0, false, json!([])));
    // The last Friday of the month; added to weekly hours, on the first Thursday only.
    let answer = describe(HESSEN, "Fr[-1] 18:00-21:00", utc_ms(2026, 12, 1, 9, 0));
    assert_eq!(answer["next"]["date"], "2026-12-25");
    let weekly = "Mo-Fr 09:00-12:00, Th[1] 14:00-18:00";
    let first_thursday = describe(HESSEN, weekly, utc_ms(2026, 12, 3, 9, 0));
    assert_eq!(
        first_thursday["week"][0]["intervals"],
        json!([interval("09:00", "12:00"), interval("14:00", "18:00")])
    );
    assert_eq!(
        first_thursday["week"][1]["intervals"],
        json!([interval("09:00", "12:00")])
    );
    assert_eq!(
        describe(HESSEN, weekly, utc_ms(2026, 12, 10, 9, 0))["week"][0]["intervals"],
        json!([interval("09:00", "12:00")])
    );
}
