//! Weekly time slots (Integreat's per-day columns and objects, HSDS schedules, German text) as
//! an OSM `opening_hours` value, with times on days of the month ("the first and third Monday").

/// The OSM abbreviations of the weekdays, Monday first.
pub const DAY_NAMES: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// The weekdays as RFC 5545 recurrences (and so HSDS schedules' `byday`) write them, Monday
/// first.
pub const RRULE_DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// One weekday as a source describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayHours {
    /// Opening and closing times, `HH:MM`.
    pub slots: Vec<(String, String)>,
    /// Open the whole day.
    pub all_day: bool,
    /// Closed that day (wins over slots).
    pub closed: bool,
    /// Only with an appointment that day.
    pub appointment_only: bool,
    /// Times on some of the month's such weekdays only, besides `slots`.
    pub monthly: Vec<MonthlyTimes>,
}

/// Times on some of a month's such weekdays ("the first and third Monday"): `nths` `[1, 3]`
/// with 10–12 on a Monday is `Mo[1,3] 10:00-12:00`.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyTimes {
    /// Which of the month's such weekdays: 1 to 5, -1 for the last, in the order to write them.
    pub nths: Vec<i8>,
    /// Opening and closing times, `HH:MM`.
    pub slots: Vec<(String, String)>,
}

/// A week, Monday first.
pub type Week = [DayHours; 7];

/// How HSDS writes the end of a day, which has no `24:00`: Open Referral's guidance on
/// schedules says that `00:00` to `23:59` is "a strong signal to any data users that the
/// opening hours are known and 24h". The export writes it for `24:00`, the import reads it so.
pub const HSDS_END_OF_DAY: &str = "23:59";

/// A time as `HH:MM` from `9:00`, `09:00:00`, `9.30` or `9`; `24:00` is allowed as an end.
pub fn parse_time(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches("Uhr").trim();
    let mut parts = text.split([':', '.']);
    let hours: u32 = parts.next()?.trim().parse().ok()?;
    let minutes: u32 = match parts.next() {
        Some(minutes) => minutes.trim().parse().ok()?,
        None => 0,
    };
    // Seconds, if any, are dropped.
    if let Some(seconds) = parts.next() {
        seconds.trim().parse::<u32>().ok()?;
    }
    (hours < 24 && minutes < 60 || hours == 24 && minutes == 0)
        .then(|| format!("{hours:02}:{minutes:02}"))
}

/// The week as an `opening_hours` value: days with the same times in one rule, runs of days
/// as ranges (`Mo-Fr 09:00-12:00; Tu 14:00-18:00` would lose Tuesday morning, so days with
/// other times get rules of their own: `Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-18:00`).
/// Times on days of the month follow as rules that add to those (`, Mo[1,3] 10:00-12:00`).
/// Every day all day is `24/7`. `None` when no day has times.
pub fn opening_hours(week: &Week) -> Option<String> {
    let all_day = |day: &DayHours| {
        !day.closed
            && !day.appointment_only
            && day.monthly.is_empty()
            && (day.all_day || day.slots == [("00:00".to_owned(), "24:00".to_owned())])
    };
    if week.iter().all(all_day) {
        return Some("24/7".to_owned());
    }
    let times: Vec<Option<String>> = week
        .iter()
        .map(|day| {
            if day.closed {
                None
            } else if day.all_day {
                Some("00:00-24:00".to_owned())
            } else if day.slots.is_empty() {
                None
            } else {
                Some(slot_list(&day.slots))
            }
        })
        .collect();
    let mut rules: Vec<String> = Vec::new();
    let mut done = [false; 7];
    for first in 0..7 {
        let Some(slots) = &times[first] else { continue };
        if done[first] {
            continue;
        }
        let same: Vec<usize> = (first..7)
            .filter(|&day| times[day].as_ref() == Some(slots))
            .collect();
        for &day in &same {
            done[day] = true;
        }
        rules.push(format!("{} {slots}", day_list(&same)));
    }
    let weekly = rules.join("; ");
    // A rule after ", " adds to those before it, where one after "; " would replace them.
    let mut rules: Vec<String> = Vec::from_iter((!weekly.is_empty()).then_some(weekly));
    for (day, hours) in week.iter().enumerate() {
        for MonthlyTimes { nths, slots } in &hours.monthly {
            let nths = nths.iter().map(i8::to_string).collect::<Vec<_>>();
            rules.push(format!(
                "{}[{}] {}",
                DAY_NAMES[day],
                nths.join(","),
                slot_list(slots)
            ));
        }
    }
    (!rules.is_empty()).then(|| rules.join(", "))
}

/// `09:00-12:00,14:00-16:00`.
fn slot_list(slots: &[(String, String)]) -> String {
    slots
        .iter()
        .map(|(from, to)| format!("{from}-{to}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// `Mo-Fr`, `Mo,We-Fr`, `Sa,Su`: ascending days, runs of three or more as ranges.
pub fn day_list(days: &[usize]) -> String {
    let mut parts = Vec::new();
    let mut index = 0;
    while index < days.len() {
        let mut end = index;
        while end + 1 < days.len() && days[end + 1] == days[end] + 1 {
            end += 1;
        }
        if end - index >= 2 {
            parts.push(format!(
                "{}-{}",
                DAY_NAMES[days[index]], DAY_NAMES[days[end]]
            ));
        } else {
            for &day in &days[index..=end] {
                parts.push(DAY_NAMES[day].to_owned());
            }
        }
        index = end + 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(slots: &[(&str, &str)]) -> DayHours {
        DayHours {
            slots: slots
                .iter()
                .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
                .collect(),
            ..DayHours::default()
        }
    }

    #[test]
    fn days_with_the_same_times_share_a_rule() {
        let morning = day(&[("09:00", "12:00")]);
        let mut week: Week = Default::default();
        for day in &mut week[..5] {
            *day = morning.clone();
        }
        assert_eq!(opening_hours(&week).as_deref(), Some("Mo-Fr 09:00-12:00"));
        week[1] = day(&[("09:00", "12:00"), ("14:00", "18:00")]);
        assert_eq!(
            opening_hours(&week).as_deref(),
            Some("Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-18:00")
        );
        week[5].all_day = true;
        week[6].all_day = true;
        week[6].closed = true;
        assert_eq!(
            opening_hours(&week).as_deref(),
            Some("Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-18:00; Sa 00:00-24:00")
        );
        assert_eq!(opening_hours(&Week::default()), None);
    }

    #[test]
    fn times_in_the_usual_spellings() {
        assert_eq!(parse_time("9:00").as_deref(), Some("09:00"));
        assert_eq!(parse_time("09:30:00").as_deref(), Some("09:30"));
        assert_eq!(parse_time("14.15 Uhr").as_deref(), Some("14:15"));
        assert_eq!(parse_time("24:00").as_deref(), Some("24:00"));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("mittags"), None);
    }
}
