//! Filters beyond kind, category and language: course levels and types, and named yes/no
//! filters ("flags") such as "childcare" or "open-now", each with a count of the results it
//! would leave.
//!
//! Three sorts of flag:
//! - fixed by the data, built with the index ([`DATA_FLAGS`]);
//! - depending on the day, computed per query from the course dates ([`DATE_FLAGS`]);
//! - given from outside by name ([`Index::set_flag_set`]): the widget's opening-hours module
//!   computes "open now" and the like in the browser and hands the entries over, so that the
//!   core needs no clock and no opening-hours parser.

use std::borrow::Cow;

use super::bitset::EntrySet;
use super::index::Index;
use crate::directory::{CourseLevel, CourseType, Date, Entry, Kind, Status, TargetGroup};

/// Flags that the data decides, by name.
pub const DATA_FLAGS: [&str; 4] = ["childcare", "free-places", "for-children", "for-women"];

/// Flags that depend on the day of the query (`Query::today`): courses running on that day,
/// starting within [`SOON_DAYS`] days, or starting later.
pub const DATE_FLAGS: [&str; 3] = ["running", "starts-soon", "starts-later"];

/// "Starting soon" means within four weeks.
pub const SOON_DAYS: i64 = 28;

/// Most flags that may be set from outside, and the longest name: enough for "open now", seven
/// days and four times of day, with room to spare.
pub const MAX_OUTSIDE_FLAGS: usize = 32;
const MAX_FLAG_NAME: usize = 32;

/// The sets of entries per course level, course type and data flag, and what is needed for
/// the date flags.
pub(super) struct CourseAndAudienceSets {
    /// Entries that are not defunct: the only ones any search returns.
    pub listed: EntrySet,
    /// By level, in the order of [`CourseLevel::ALL`].
    pub levels: Vec<EntrySet>,
    /// By course type, in the order of [`CourseType::ALL`].
    pub course_types: Vec<EntrySet>,
    /// By data flag, in the order of [`DATA_FLAGS`].
    pub data_flags: Vec<EntrySet>,
    /// Courses with a start date: entry, first day, last day.
    pub course_dates: Vec<(u32, Date, Option<Date>)>,
}

impl CourseAndAudienceSets {
    /// Builds the sets for `entries`.
    pub fn new(entries: &[Entry]) -> CourseAndAudienceSets {
        let count = entries.len();
        let mut sets = CourseAndAudienceSets {
            listed: EntrySet::empty(count),
            levels: vec![EntrySet::empty(count); CourseLevel::ALL.len()],
            course_types: vec![EntrySet::empty(count); CourseType::ALL.len()],
            data_flags: vec![EntrySet::empty(count); DATA_FLAGS.len()],
            course_dates: Vec::new(),
        };
        for (number, entry) in entries.iter().enumerate() {
            let number = number as u32;
            if entry.status != Some(Status::Defunct) {
                sets.listed.insert(number);
            }
            for (flag, set) in DATA_FLAGS.iter().zip(&mut sets.data_flags) {
                if has_data_flag(entry, flag) {
                    set.insert(number);
                }
            }
            let Some(course) = entry.course.as_ref().filter(|_| entry.kind == Kind::Course) else {
                continue;
            };
            for level in &course.levels {
                sets.levels[*level as usize].insert(number);
            }
            sets.course_types[course.course_type as usize].insert(number);
            if let Some(start) = course.start_date {
                sets.course_dates.push((number, start, course.end_date));
            }
        }
        sets
    }

    /// The entries of a date flag on `today`.
    pub fn date_flag(&self, count: usize, flag: &str, today: Date) -> EntrySet {
        let mut set = EntrySet::empty(count);
        let soon = today.0.saturating_add(time::Duration::days(SOON_DAYS));
        for &(entry, start, end) in &self.course_dates {
            let running = start <= today && end.is_none_or(|end| end >= today);
            let matches = match flag {
                "running" => running,
                "starts-soon" => start > today && start.0 <= soon,
                "starts-later" => start.0 > soon,
                _ => false,
            };
            if matches {
                set.insert(entry);
            }
        }
        set
    }
}

/// Whether `entry` has the data flag `flag`.
///
/// "for-children" and "for-women" gather what the data says in several places: the target
/// groups, the ages, a course's type and the categories "youth" and "women".
fn has_data_flag(entry: &Entry, flag: &str) -> bool {
    let course = entry.course.as_ref();
    let in_category = |id: &str| entry.categories.iter().any(|category| category == id);
    let for_group = |group: TargetGroup| entry.target_groups.contains(&group);
    match flag {
        "childcare" => course.and_then(|course| course.childcare) == Some(true),
        "free-places" => course
            .and_then(|course| course.free_places)
            .is_some_and(|free| free > 0),
        "for-children" => {
            for_group(TargetGroup::Children)
                || for_group(TargetGroup::Youth)
                || entry.maximum_age.is_some_and(|age| age < 18)
                || in_category("youth")
        }
        "for-women" => {
            for_group(TargetGroup::Women)
                || course.is_some_and(|course| course.course_type == CourseType::Women)
                || in_category("women")
        }
        _ => false,
    }
}

impl Index {
    /// Sets the entries of a flag computed outside the core, such as "open-now" from the
    /// opening hours, replacing what the flag had. Entry numbers are positions in the
    /// directory (`Hit::entry_index`); those out of range are left out.
    ///
    /// Fails for a name that is not 1 to 32 lowercase letters, digits and `-`, for a name the
    /// core has already (see [`DATA_FLAGS`] and [`DATE_FLAGS`]), and beyond
    /// [`MAX_OUTSIDE_FLAGS`] names.
    pub fn set_flag_set(&mut self, name: &str, entries: &[u32]) -> Result<(), String> {
        let valid = !name.is_empty()
            && name.len() <= MAX_FLAG_NAME
            && name
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
        if !valid {
            return Err(format!(
                "\"{name}\" is not a flag name: 1 to {MAX_FLAG_NAME} lowercase letters, digits and '-'"
            ));
        }
        if DATA_FLAGS.contains(&name) || DATE_FLAGS.contains(&name) {
            return Err(format!(
                "\"{name}\" is computed by the core and cannot be set"
            ));
        }
        let count = self.entries.count;
        let mut set = EntrySet::empty(count);
        for &entry in entries {
            if (entry as usize) < count {
                set.insert(entry);
            }
        }
        let flags = &mut self.outside_flags;
        match flags.iter().position(|(known, _)| known == name) {
            Some(position) => flags[position].1 = set,
            None if flags.len() < MAX_OUTSIDE_FLAGS => flags.push((name.to_owned(), set)),
            None => {
                return Err(format!(
                    "at most {MAX_OUTSIDE_FLAGS} flags can be set from outside"
                ));
            }
        }
        Ok(())
    }

    /// Every flag a query can use with its entries: the data's, the date's (when the query
    /// gives a day) and those set from outside. Borrowed where the index keeps them: this runs
    /// on every keystroke.
    pub(super) fn flag_sets(&self, today: Option<Date>) -> Vec<(&str, Cow<'_, EntrySet>)> {
        let count = self.entries.count;
        let audience = &self.sets.audience;
        let mut flags: Vec<(&str, Cow<'_, EntrySet>)> = DATA_FLAGS
            .iter()
            .copied()
            .zip(audience.data_flags.iter().map(Cow::Borrowed))
            .collect();
        if let Some(today) = today {
            for flag in DATE_FLAGS {
                flags.push((flag, Cow::Owned(audience.date_flag(count, flag, today))));
            }
        }
        for (name, set) in &self.outside_flags {
            flags.push((name.as_str(), Cow::Borrowed(set)));
        }
        flags
    }
}
