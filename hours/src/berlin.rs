//! German local time (Europe/Berlin) from an instant, whatever time zone the device is in: the
//! opening hours of a county's services are in the county's time.
//!
//! The rule is written out instead of using chrono-tz: chrono-tz compiles in the whole IANA
//! database (every zone's history), which would be most of this module's download, while
//! Germany needs one rule. Since 1996 (EU directive 2000/84/EC and its predecessors) it is:
//! CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of
//! October 01:00 UTC. Earlier years get the same rule, which is wrong only for the end of summer
//! time before 1996 (late September then); no opening hours are evaluated that far back.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

/// The earliest year an instant may fall in: opening-hours evaluates from 1900, and a day of
/// margin keeps "yesterday" inside its range.
const FIRST_YEAR: i32 = 1901;
/// The latest year: opening-hours evaluates until 10,000, and the week ahead must fit.
const LAST_YEAR: i32 = 9998;

/// Berlin's local date and time at `epoch_ms` (milliseconds since 1970-01-01 00:00 UTC, as
/// JavaScript's `Date.now()`), to the second (milliseconds are dropped, rounding down).
/// `None` for NaN, infinities and instants outside the years 1901 to 9998.
pub fn local_time(epoch_ms: f64) -> Option<NaiveDateTime> {
    if !epoch_ms.is_finite() {
        return None;
    }
    let seconds = (epoch_ms / 1000.0).floor();
    // Years 1901..=9998 lie well inside ±2^40 seconds, so this bounds the cast below.
    if seconds.abs() > 1.0e12 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // Bounded just above, and already whole.
    let utc = DateTime::from_timestamp(seconds as i64, 0)?.naive_utc();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&utc.year()) {
        return None;
    }
    let offset_hours = if is_summer_time(utc) { 2 } else { 1 };
    utc.checked_add_signed(TimeDelta::hours(offset_hours))
}

/// Whether a UTC time falls in Central European Summer Time.
fn is_summer_time(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    match (switch_instant(year, 3), switch_instant(year, 10)) {
        (Some(start), Some(end)) => start <= utc && utc < end,
        _ => false,
    }
}

/// 01:00 UTC on the last Sunday of the month (March: summer time starts; October: it ends).
fn switch_instant(year: i32, month: u32) -> Option<NaiveDateTime> {
    let last_day = NaiveDate::from_ymd_opt(year, month, 31)?;
    let back =
        (last_day.weekday().num_days_from_monday() + 7 - Weekday::Sun.num_days_from_monday()) % 7;
    last_day
        .checked_sub_days(Days::new(u64::from(back)))?
        .and_hms_opt(1, 0, 0)
}
