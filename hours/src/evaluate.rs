//! Evaluating opening_hours values for the widget: [`Hours`], whose answers are JSON text so that
//! the JavaScript side only calls `JSON.parse`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};

use crate::berlin;
use crate::holidays::{self, State};
use crate::json::{push_numbers, push_optional_string, push_string};
use crate::suggest::{self, HoursProblem};

/// How far ahead [`Hours::describe`] looks for the next change of status: five weeks, so that
/// hours on days of the month ("Mo[1,3]", "Fr[-1]") name their next day too.
const NEXT_CHANGE_DAYS: u64 = 36;

/// How many distinct values [`Hours`] keeps read. A directory has one value per entry at most;
/// past this many (a caller feeding it values without end) the kept ones are dropped and read
/// again when asked, so memory stays bounded.
const MAX_KEPT_VALUES: usize = 20_000;

/// Opening hours evaluated for one region: its state's public holidays (for `PH`) and Berlin
/// time. Build one per page (it computes a century of holidays) and ask it about any number of
/// values.
#[derive(Clone, Debug)]
pub struct Hours {
    holidays: Arc<CompactCalendar>,
    context: Context,
    /// Each value as read before, or why it cannot be read. The widget asks about the same
    /// values every minute (`open_sets`, then `describe` for the cards); reading was two
    /// thirds of that work, and a value that cannot be read costs more still (the search for
    /// a suggestion). A parsed value is a shared pointer, so handing out a copy is cheap.
    parsed: RefCell<HashMap<Box<str>, Result<OpeningHours, HoursProblem>>>,
}

impl Hours {
    /// Opening hours for the region with this AGS (a state's, district's or municipality's key,
    /// such as "06635"); with an unknown or empty AGS, `PH` means the nationwide holidays only.
    pub fn new(ags: &str) -> Hours {
        let holidays = holidays::calendar(State::from_ags(ags));
        let context = Context::default().with_holidays(ContextHolidays::new(
            holidays.clone(),
            Arc::new(CompactCalendar::default()),
        ));
        Hours {
            holidays,
            context,
            parsed: RefCell::default(),
        }
    }

    /// Whether `date` is a public holiday in this region (what `PH` matches).
    pub fn is_public_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(date)
    }

    /// Reads an opening_hours value for evaluation in this region, or says why it cannot;
    /// once per value (see the field `parsed`).
    fn parse(&self, text: &str) -> Result<OpeningHours, HoursProblem> {
        if let Some(known) = self.parsed.borrow().get(text) {
            return known.clone();
        }
        let value = suggest::parse(text).map(|value| value.with_context(self.context.clone()));
        let mut parsed = self.parsed.borrow_mut();
        if parsed.len() >= MAX_KEPT_VALUES {
            parsed.clear();
        }
        parsed.insert(text.into(), value.clone());
        value
    }

    /// The status now, the next change within five weeks and the week ahead, as JSON (see the
    /// crate docs for the exact shape). `now_ms` is milliseconds since 1970 UTC (JavaScript's
    /// `Date.now()`); the answer is in Berlin time. An unreadable value or time gives
    /// `{"ok":false,"error":…,"suggestion":…}`.
    pub fn describe(&self, text: &str, now_ms: f64) -> String {
        let value = match self.parse(text) {
            Ok(value) => value,
            Err(problem) => return problem_json(&problem.message, problem.suggestion.as_deref()),
        };
        let Some(now) = berlin::local_time(now_ms) else {
            return problem_json(
                "the time is not a number of milliseconds between 1901 and 9998",
                None,
            );
        };
        let mut out = String::with_capacity(512);
        // The intervals of the five weeks ahead: the first is the status now, the first one
        // of another kind is the next change.
        let horizon = now
            .checked_add_days(Days::new(NEXT_CHANGE_DAYS))
            .unwrap_or(now);
        let mut ranges = value.iter_range(now, horizon);
        let (status, comment) = match ranges.next() {
            Some(range) => (range.kind, range.comment),
            None => (RuleKind::Closed, Arc::from("")),
        };
        let next = ranges
            .find(|range| range.kind != status)
            .filter(|range| range.range.start < horizon);
        out.push_str("{\"ok\":true,\"status\":");
        push_string(&mut out, status_name(status));
        out.push_str(",\"comment\":");
        push_optional_string(&mut out, Some(&comment));
        out.push_str(",\"next\":");
        match next {
            Some(range) => {
                let start = range.range.start;
                let _ = write!(
                    out,
                    "{{\"date\":\"{}\",\"weekday\":{},\"time\":\"{}\",\"status\":",
                    format_date(start.date()),
                    start.weekday().num_days_from_monday(),
                    format_time(start.time())
                );
                push_string(&mut out, status_name(range.kind));
                out.push('}');
            }
            None => out.push_str("null"),
        }
        out.push_str(",\"week\":[");
        for offset in 0..7 {
            let Some(day) = now.date().checked_add_days(Days::new(offset)) else {
                break;
            };
            if offset > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"date\":\"{}\",\"weekday\":{},\"holiday\":{},\"intervals\":[",
                format_date(day),
                day.weekday().num_days_from_monday(),
                self.is_public_holiday(day)
            );
            let start = day.and_time(NaiveTime::MIN);
            let end = start.checked_add_days(Days::new(1)).unwrap_or(start);
            let mut first = true;
            for range in value
                .iter_range(start, end)
                .filter(|range| range.kind != RuleKind::Closed)
            {
                if !first {
                    out.push(',');
                }
                first = false;
                let to = if range.range.end >= end {
                    "24:00".to_owned()
                } else {
                    format_time(range.range.end.time())
                };
                let _ = write!(
                    out,
                    "{{\"from\":\"{}\",\"to\":\"{to}\",\"status\":",
                    format_time(range.range.start.time())
                );
                push_string(&mut out, status_name(range.kind));
                out.push_str(",\"comment\":");
                push_optional_string(&mut out, Some(&range.comment));
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push_str("]}");
        out
    }

    /// Which entries are open now, on each weekday and at each time of day, as JSON
    /// `{"now":[…],"days":[[…] × 7],"times":{"morning":[…],"afternoon":[…],"evening":[…],"weekend":[…]}}`
    /// (entry indices; `days[0]` is Monday, each day the next one of that weekday counting
    /// today; see [`TIMES_OF_DAY`]). `texts_json` is a JSON array with an entry's
    /// opening_hours value or `null` at its index; values that cannot be read appear nowhere.
    /// Each distinct value is read and evaluated once, however many entries share it.
    /// A text that is not such an array, or an unusable time, gives empty lists and an
    /// `"error"` member.
    pub fn open_sets(&self, texts_json: &str, now_ms: f64) -> String {
        let texts = match crate::json::read_string_array(texts_json) {
            Ok(texts) => texts,
            Err(message) => return empty_open_sets(Some(&message)),
        };
        let Some(now) = berlin::local_time(now_ms) else {
            return empty_open_sets(Some(
                "the time is not a number of milliseconds between 1901 and 9998",
            ));
        };
        let mut open_now = Vec::new();
        let mut days: [Vec<usize>; 7] = Default::default();
        let mut times: [Vec<usize>; 4] = Default::default();
        let mut seen: HashMap<&str, Option<OpenSummary>> = HashMap::new();
        for (index, text) in texts.iter().enumerate() {
            let Some(text) = text else { continue };
            let summary = *seen
                .entry(text.as_str())
                .or_insert_with(|| self.summarize(text, now));
            let Some(summary) = summary else { continue };
            if summary.now {
                open_now.push(index);
            }
            for (weekday, day) in days.iter_mut().enumerate() {
                if summary.days & (1 << weekday) != 0 {
                    day.push(index);
                }
            }
            for (part, entries) in times.iter_mut().enumerate() {
                if summary.times & (1 << part) != 0 {
                    entries.push(index);
                }
            }
        }
        let mut out = String::with_capacity(64 + texts.len() * 8);
        out.push_str("{\"now\":");
        push_numbers(&mut out, &open_now);
        out.push_str(",\"days\":[");
        for (weekday, day) in days.iter().enumerate() {
            if weekday > 0 {
                out.push(',');
            }
            push_numbers(&mut out, day);
        }
        out.push_str("],\"times\":{");
        for (part, entries) in times.iter().enumerate() {
            if part > 0 {
                out.push(',');
            }
            push_string(&mut out, TIMES_OF_DAY[part]);
            out.push(':');
            push_numbers(&mut out, entries);
        }
        out.push_str("}}");
        out
    }

    /// Open now, and on which of the seven days from today (bit n = weekday n, Monday = 0).
    fn summarize(&self, text: &str, now: NaiveDateTime) -> Option<OpenSummary> {
        let value = self.parse(text).ok()?;
        let today = now.date().and_time(NaiveTime::MIN);
        let end = today.checked_add_days(Days::new(7))?;
        let mut summary = OpenSummary {
            now: false,
            days: 0,
            times: 0,
        };
        // One pass over the week: each open interval marks the days it touches.
        for range in value
            .iter_range(today, end)
            .filter(|range| range.kind == RuleKind::Open)
        {
            let (start, stop) = (range.range.start, range.range.end);
            if start <= now && now < stop {
                summary.now = true;
            }
            let mut day = start.date();
            while day.and_time(NaiveTime::MIN) < stop {
                let weekday = day.weekday().num_days_from_monday();
                summary.days |= 1 << weekday;
                if weekday >= 5 {
                    summary.times |= 1 << WEEKEND;
                }
                for (part, (from, to)) in DAYTIME_HOURS.iter().enumerate() {
                    let window_start = day.and_hms_opt(*from, 0, 0);
                    let window_end = day.and_hms_opt(*to, 0, 0);
                    if let (Some(window_start), Some(window_end)) = (window_start, window_end)
                        && start < window_end
                        && window_start < stop
                    {
                        summary.times |= 1 << part;
                    }
                }
                let Some(next) = day.succ_opt() else { break };
                day = next;
            }
        }
        Some(summary)
    }
}

/// The times of day a newcomer can filter by, as `openSets` names them: open at any time in
/// the morning (6 to 12), afternoon (12 to 17) or evening (17 to 22) of the week ahead, or on
/// its Saturday or Sunday.
pub const TIMES_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "weekend"];
/// The hours of the first three of [`TIMES_OF_DAY`].
const DAYTIME_HOURS: [(u32, u32); 3] = [(6, 12), (12, 17), (17, 22)];
/// The bit of "weekend" in [`OpenSummary::times`].
const WEEKEND: usize = 3;

#[derive(Clone, Copy)]
struct OpenSummary {
    now: bool,
    /// Bit n: open on weekday n (Monday = 0) of the week ahead.
    days: u8,
    /// Bit n: open at the time of day `TIMES_OF_DAY[n]`.
    times: u8,
}

fn status_name(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Open => "open",
        RuleKind::Closed => "closed",
        RuleKind::Unknown => "unknown",
    }
}

fn format_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn format_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

fn problem_json(message: &str, suggestion: Option<&str>) -> String {
    let mut out = String::from("{\"ok\":false,\"error\":");
    push_string(&mut out, message);
    out.push_str(",\"suggestion\":");
    push_optional_string(&mut out, suggestion);
    out.push('}');
    out
}

fn empty_open_sets(error: Option<&str>) -> String {
    let mut out = String::from(
        "{\"now\":[],\"days\":[[],[],[],[],[],[],[]],\"times\":{\"morning\":[],\"afternoon\":[],\"evening\":[],\"weekend\":[]}",
    );
    if let Some(error) = error {
        out.push_str(",\"error\":");
        push_string(&mut out, error);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10:00 on Wednesday 18 November 2026 in Berlin.
    const WEDNESDAY_10: f64 = 1_763_456_400_000.0;

    #[test]
    fn a_value_read_before_answers_as_the_first_time() {
        let hours = Hours::new("06635");
        for text in ["Mo-Fr 09:00-12:00; PH off", "Mo-Fr 9-12 Uhr", "nonsense"] {
            let first = hours.describe(text, WEDNESDAY_10);
            assert_eq!(hours.describe(text, WEDNESDAY_10), first, "{text}");
            // A fresh reader, with nothing kept, gives the same answer.
            assert_eq!(
                Hours::new("06635").describe(text, WEDNESDAY_10),
                first,
                "{text}"
            );
        }
        let texts = r#"["Mo-Fr 09:00-12:00", null, "nonsense", "Sa 10:00-14:00"]"#;
        let first = hours.open_sets(texts, WEDNESDAY_10);
        assert!(
            first.starts_with(r#"{"now":[0],"days":[[0],[0],[0],[0],[0],[3],[]]"#),
            "{first}"
        );
        assert_eq!(hours.open_sets(texts, WEDNESDAY_10), first);
    }

    #[test]
    fn the_values_kept_are_bounded() {
        let hours = Hours::new("06635");
        let mut most = 0;
        for number in 0..MAX_KEPT_VALUES + 10 {
            hours.describe(&format!("Mo 09:00-12:00 \"room {number}\""), WEDNESDAY_10);
            most = most.max(hours.parsed.borrow().len());
        }
        assert_eq!(most, MAX_KEPT_VALUES);
        assert!(hours.parsed.borrow().len() < MAX_KEPT_VALUES);
        // Still answered correctly after the kept values were dropped.
        assert!(
            hours
                .describe("Mo-Fr 09:00-12:00", WEDNESDAY_10)
                .starts_with(r#"{"ok":true,"status":"open""#)
        );
    }
}
