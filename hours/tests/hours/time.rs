//! Berlin time from epoch milliseconds, around the switches to and from summer time.

use chrono::NaiveDate;
use service_finder_hours::berlin::local_time;

use crate::utc_ms;

fn local(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<chrono::NaiveDateTime> {
    NaiveDate::from_ymd_opt(year, month, day).and_then(|date| date.and_hms_opt(hour, minute, 0))
}

#[test]
fn switches_in_2026_and_2027_to_the_minute() {
    // (UTC, Berlin): summer time from the last Sunday of March 01:00 UTC to the last Sunday of
    // October 01:00 UTC: 29 March and 25 October 2026, 28 March and 31 October 2027.
    let cases = [
        ((2026, 3, 29, 0, 59), (2026, 3, 29, 1, 59)),
        ((2026, 3, 29, 1, 0), (2026, 3, 29, 3, 0)),
        ((2026, 10, 25, 0, 59), (2026, 10, 25, 2, 59)),
        ((2026, 10, 25, 1, 0), (2026, 10, 25, 2, 0)),
        ((2027, 3, 28, 0, 59), (2027, 3, 28, 1, 59)),
        ((2027, 3, 28, 1, 0), (2027, 3, 28, 3, 0)),
        ((2027, 10, 31, 0, 59), (2027, 10, 31, 2, 59)),
        ((2027, 10, 31, 1, 0), (2027, 10, 31, 2, 0)),
        // A week before each switch the old offset holds.
        ((2026, 3, 22, 1, 0), (2026, 3, 22, 2, 0)),
        ((2026, 10, 18, 1, 0), (2026, 10, 18, 3, 0)),
        // Winter and summer, and the turn of the year.
        ((2026, 1, 15, 12, 0), (2026, 1, 15, 13, 0)),
        ((2026, 7, 15, 12, 0), (2026, 7, 15, 14, 0)),
        ((2026, 12, 31, 23, 30), (2027, 1, 1, 0, 30)),
    ];
    for (utc, berlin) in cases {
        assert_eq!(
            local_time(utc_ms(utc.0, utc.1, utc.2, utc.3, utc.4)),
            local(berlin.0, berlin.1, berlin.2, berlin.3, berlin.4),
            "{utc:?}"
        );
    }
}

#[test]
fn milliseconds_round_down_also_before_1970() {
    assert_eq!(local_time(999.0), local(1970, 1, 1, 1, 0));
    assert_eq!(
        local_time(-1.0),
        local(1970, 1, 1, 0, 59).map(|time| time + chrono::TimeDelta::seconds(59))
    );
}

#[test]
fn unusable_numbers_give_none() {
    for ms in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        1.0e300,
        -1.0e300,
        utc_ms(1900, 6, 1, 0, 0),
        utc_ms(9999, 6, 1, 0, 0),
    ] {
        assert_eq!(local_time(ms), None, "{ms}");
    }
    assert!(local_time(utc_ms(1901, 6, 1, 0, 0)).is_some());
    assert!(local_time(utc_ms(9998, 6, 1, 0, 0)).is_some());
}
