//! How much of the opening_hours.js test suite this crate agrees with: measured, not asserted,
//! since the two libraries differ on purpose in places (and the suite's data is LGPL, so it is
//! read from where it lies, never copied into this repository).
//!
//! ```text
//! cargo run -p service-finder-hours --example oh_suite -- ../shared/data/opening-hours/oh_js_suite_200.json
//! ```
//!
//! Prints how many of the suite's values parse (as `service_finder_hours::parse` reads them), how
//! many give exactly the expected intervals (start, end, unknown or open, comment) over the
//! case's time span, how many give the expected times at least, and, from the
//! oh_js_should_fail.json and oh_js_should_warn.json beside it, how many values this crate
//! refuses. Each value also goes through `Hours::describe`, counting panics (there should be
//! none). Cases with a location are in Baden-Württemberg: they get BW's holidays; cases without
//! get none, as opening_hours.js has none without a location.

#![allow(clippy::disallowed_methods)] // Native tools: the size rules are for the wasm.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDateTime;
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, RuleKind};
use serde_json::Value;
use service_finder_hours::holidays::{State, calendar};
use service_finder_hours::{Hours, check, parse};

fn main() {
    let Some(suite_path) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: oh_suite <path of oh_js_suite_200.json>");
        std::process::exit(2);
    };
    let suite = read_json(&suite_path);
    let cases = suite.as_array().map(Vec::as_slice).unwrap_or_default();

    let baden_wuerttemberg = Hours::new("08");
    let mut parsed = 0;
    let mut matching = 0;
    let mut matching_times = 0;
    let mut suggested = 0;
    let mut panics = 0;
    let mut mismatches = Vec::new();
    for case in cases {
        let value = case["value"].as_str().unwrap_or_default();
        let with_location = !case["location"].is_null();
        if catch_unwind(AssertUnwindSafe(|| {
            baden_wuerttemberg.describe(value, 1_780_000_000_000.0)
        }))
        .is_err()
        {
            panics += 1;
        }
        let expression = match parse(value) {
            Ok(expression) => expression,
            Err(problem) => {
                if problem.suggestion.is_some() {
                    suggested += 1;
                }
                mismatches.push(format!("does not parse: {value}  ({problem})"));
                continue;
            }
        };
        parsed += 1;
        let holidays = if with_location {
            calendar(Some(State::BW))
        } else {
            Arc::new(CompactCalendar::default())
        };
        let expression = expression.with_context(Context::default().with_holidays(
            ContextHolidays::new(holidays, Arc::new(CompactCalendar::default())),
        ));
        let (Some(from), Some(to)) = (time(&case["from"]), time(&case["to"])) else {
            mismatches.push(format!("unreadable time span in the suite: {value}"));
            continue;
        };
        let expected: Vec<Interval> = case["expected_intervals"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|interval| {
                Some(Interval {
                    from: time(&interval["from"])?,
                    to: time(&interval["to"])?,
                    unknown: interval["unknown"].as_bool()?,
                    comment: interval["comment"].as_str().unwrap_or_default().to_owned(),
                })
            })
            .collect();
        let evaluated = catch_unwind(AssertUnwindSafe(|| {
            expression
                .iter_range(from, to)
                .filter(|range| range.kind != RuleKind::Closed)
                .map(|range| Interval {
                    from: range.range.start,
                    to: range.range.end,
                    unknown: range.kind == RuleKind::Unknown,
                    comment: range.comment.to_string(),
                })
                .collect::<Vec<_>>()
        }));
        match evaluated {
            Ok(actual) if actual == expected => {
                matching += 1;
                matching_times += 1;
            }
            Ok(actual) => {
                if open_times(&actual) == open_times(&expected) {
                    matching_times += 1;
                }
                mismatches.push(format!(
                    "different intervals: {value}\n      expected {}\n      got      {}",
                    summary(&expected),
                    summary(&actual)
                ));
            }
            Err(_) => {
                panics += 1;
                mismatches.push(format!("panicked: {value}"));
            }
        }
    }

    println!("opening_hours.js suite ({}):", suite_path.display());
    println!(
        "  {parsed} of {} values parse ({suggested} of the others get a suggestion)",
        cases.len()
    );
    println!(
        "  {matching} of {} give exactly the expected intervals (times, open or unknown, comments)",
        cases.len()
    );
    println!(
        "  {matching_times} of {} give the expected open times (ignoring comments and open/unknown)",
        cases.len()
    );
    println!("  {panics} panics in evaluation or Hours::describe");

    let folder = suite_path.parent().unwrap_or(Path::new("."));
    for (file, meant) in [
        ("oh_js_should_fail.json", "must fail"),
        ("oh_js_should_warn.json", "must warn"),
    ] {
        let path = folder.join(file);
        if !path.exists() {
            continue;
        }
        let values = read_json(&path);
        let values: Vec<&str> = values
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let refused = values.iter().filter(|value| check(value).is_err()).count();
        let suggested = values
            .iter()
            .filter(|value| check(value).is_err_and(|problem| problem.suggestion.is_some()))
            .count();
        println!(
            "  {file} ({meant}): {refused} of {} refused ({suggested} of them with a suggestion), {} read",
            values.len(),
            values.len() - refused
        );
    }

    if std::env::var_os("VERBOSE").is_some() {
        println!("\nDifferences:");
        for mismatch in &mismatches {
            println!("  {mismatch}");
        }
    } else {
        println!("(VERBOSE=1 lists the {} differences)", mismatches.len());
    }
}

#[derive(Debug, PartialEq)]
struct Interval {
    from: NaiveDateTime,
    to: NaiveDateTime,
    unknown: bool,
    comment: String,
}

/// The times when a place is open or maybe open, as merged spans: what the widget's "open now"
/// and week view show, whatever the comments.
fn open_times(intervals: &[Interval]) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut spans: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
    for interval in intervals {
        match spans.last_mut() {
            Some(last) if last.1 == interval.from => last.1 = interval.to,
            _ => spans.push((interval.from, interval.to)),
        }
    }
    spans
}

fn summary(intervals: &[Interval]) -> String {
    let shown: Vec<String> = intervals
        .iter()
        .take(4)
        .map(|interval| {
            format!(
                "{}–{}{}{}",
                interval.from,
                interval.to,
                if interval.unknown { " unknown" } else { "" },
                if interval.comment.is_empty() {
                    String::new()
                } else {
                    format!(" {:?}", interval.comment)
                }
            )
        })
        .collect();
    format!(
        "{} intervals: {}{}",
        intervals.len(),
        shown.join(", "),
        if intervals.len() > 4 { ", …" } else { "" }
    )
}

fn time(value: &Value) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value.as_str()?, "%Y-%m-%d %H:%M").ok()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| {
        eprintln!("cannot read {}: {error}", path.display());
        std::process::exit(1);
    });
    serde_json::from_str(&text).unwrap_or_else(|error| {
        eprintln!("{} is not JSON: {error}", path.display());
        std::process::exit(1);
    })
}
