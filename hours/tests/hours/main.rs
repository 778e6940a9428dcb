//! The hours crate's tests, one test crate (one link) for all of them.

#![allow(clippy::disallowed_methods)] // Native tests: the size rules are for the wasm.

mod api;
mod holidays;
mod suggest;
mod time;

use chrono::NaiveDate;

/// Milliseconds since 1970 of a UTC date and time, as JavaScript's `Date.UTC` gives them.
pub fn utc_ms(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> f64 {
    let instant = NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|date| date.and_hms_opt(hour, minute, 0))
        .expect("a valid test date")
        .and_utc();
    instant.timestamp_millis() as f64
}
