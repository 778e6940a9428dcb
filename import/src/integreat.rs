//! The Integreat CMS's locations API (`/api/v3/{region}/{language}/locations/`): a JSON list
//! of locations with `title`, HTML `content`, contact fields, a `location` object, a
//! `category` and seven `opening_hours` day objects, Monday first.

use serde_json::Value;

use crate::entry::{Cell, Field, Record};
use crate::hours::{self, DayHours, Week};
use crate::{ImportError, MAX_RECORDS, Problem, Severity};

/// The fields of a location and where they go; `a.b` is a field of an object.
const FIELDS: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("title", Field::Name),
    ("content", Field::Description),
    ("website", Field::Website),
    ("email", Field::Email),
    ("phone_number", Field::Phone),
    ("category.name", Field::Category),
    ("category", Field::Category),
    ("organization.name", Field::Organization),
    ("organization.website", Field::OrganizationWebsite),
    ("location.address", Field::Address),
    ("location.postcode", Field::Postcode),
    ("location.town", Field::City),
    ("location.country", Field::Country),
    ("location.latitude", Field::Latitude),
    ("location.longitude", Field::Longitude),
    ("barrier_free", Field::Wheelchair),
    ("temporarily_closed", Field::TemporarilyClosed),
    ("appointment_url", Field::AppointmentUrl),
    ("status", Field::Status),
    ("last_updated", Field::LastModified),
];

/// Reads the API's answer: a list of locations (or an object with the list in `results`).
pub fn read(bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Vec<Record>, ImportError> {
    let json = crate::parse_json(bytes)?;
    let list = match &json {
        Value::Array(list) => list,
        Value::Object(object) => match ["results", "locations", "data"]
            .iter()
            .find_map(|key| object.get(*key).and_then(Value::as_array))
        {
            Some(list) => list,
            None => {
                return Err(ImportError {
                    message: "the JSON is not a list of Integreat locations".into(),
                });
            }
        },
        _ => {
            return Err(ImportError {
                message: "the JSON is not a list of Integreat locations".into(),
            });
        }
    };
    if list.len() > MAX_RECORDS {
        return Err(ImportError {
            message: format!("the file has more than {MAX_RECORDS} locations"),
        });
    }
    let mut records = Vec::new();
    for (index, location) in list.iter().enumerate() {
        let row = index + 1;
        let Value::Object(_) = location else {
            problems.push(Problem {
                row: Some(row),
                column: None,
                entry: None,
                severity: Severity::Error,
                message: "the record is not a JSON object (record skipped)".into(),
            });
            continue;
        };
        if location.get("archived").and_then(Value::as_bool) == Some(true) {
            problems.push(Problem {
                row: Some(row),
                column: Some("archived".into()),
                entry: None,
                severity: Severity::Note,
                message: "the location is archived (record skipped)".into(),
            });
            continue;
        }
        let mut record = Record::new(row);
        for (path, field) in FIELDS {
            let value = path
                .split('.')
                .try_fold(location, |value, key| value.get(key));
            // `category` is an object in the API; its name is read above.
            if *path == "category" && value.is_some_and(Value::is_object) {
                continue;
            }
            if let Some(text) = value.and_then(text_of) {
                record.set(
                    *field,
                    Cell {
                        column: (*path).to_owned(),
                        value: text,
                        number: false,
                    },
                );
            }
        }
        if let Some(days) = location.get("opening_hours").and_then(Value::as_array) {
            let week = week(days, row, problems);
            record.week = Some(("opening_hours".into(), week));
        }
        records.push(record);
    }
    Ok(records)
}

/// A JSON value as cell text: strings trimmed, numbers without `.0`, `true`/`false` as ja and
/// nein; `None` for null, empty strings, lists and objects.
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number
            .as_f64()
            .map(crate::text::number_text)
            .unwrap_or_default(),
        Value::Bool(true) => "ja".into(),
        Value::Bool(false) => "nein".into(),
        _ => String::new(),
    };
    (!text.is_empty()).then_some(text)
}

/// The seven day objects `{allDay, closed, appointmentOnly, timeSlots: [{start, end}]}`.
fn week(days: &[Value], row: usize, problems: &mut Vec<Problem>) -> Week {
    let mut week: Week = Default::default();
    for (index, day) in days.iter().take(7).enumerate() {
        let flag = |key: &str| day.get(key).and_then(Value::as_bool) == Some(true);
        let mut hours = DayHours {
            slots: Vec::new(),
            all_day: flag("allDay"),
            closed: flag("closed"),
            appointment_only: flag("appointmentOnly"),
            ..DayHours::default()
        };
        let slots = day.get("timeSlots").and_then(Value::as_array);
        for (slot_index, slot) in slots.into_iter().flatten().enumerate() {
            let time = |key: &str| {
                slot.get(key)
                    .and_then(Value::as_str)
                    .and_then(hours::parse_time)
            };
            match (time("start"), time("end")) {
                (Some(start), Some(end)) => hours.slots.push((start, end)),
                _ => problems.push(Problem {
                    row: Some(row),
                    column: Some(format!("opening_hours[{index}].timeSlots[{slot_index}]")),
                    entry: None,
                    severity: Severity::Error,
                    message: "the time slot has no readable start and end such as \"09:00\" (value ignored)"
                        .into(),
                }),
            }
        }
        week[index] = hours;
    }
    week
}
