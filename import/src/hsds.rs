//! Open Referral HSDS 3.0 services as JSON: one service (`service_full`), a list of them, or
//! a page of the API (`{"contents": [...]}`), each with its organisation, phones, languages,
//! schedules, attributes (taxonomy terms become categories) and its first location.

use serde_json::Value;

use crate::entry::{Cell, Field, Record};
use crate::hours::{self, Week};
use crate::{ImportError, MAX_RECORDS, Problem, Severity};

/// The plain fields of a service and where they go; `a.b` is a field of an object, `a[0]` the
/// first item of a list.
const FIELDS: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("name", Field::Name),
    ("description", Field::Description),
    ("url", Field::Website),
    ("email", Field::Email),
    ("status", Field::Status),
    ("assured_date", Field::AssuredDate),
    ("last_modified", Field::LastModified),
    ("organization.name", Field::Organization),
    ("organization.website", Field::OrganizationWebsite),
    ("service_at_locations[0].location.latitude", Field::Latitude),
    (
        "service_at_locations[0].location.longitude",
        Field::Longitude,
    ),
    (
        "service_at_locations[0].location.addresses[0].address_1",
        Field::Address,
    ),
    (
        "service_at_locations[0].location.addresses[0].postal_code",
        Field::Postcode,
    ),
    (
        "service_at_locations[0].location.addresses[0].city",
        Field::City,
    ),
    (
        "service_at_locations[0].location.addresses[0].country",
        Field::Country,
    ),
];

/// Reads HSDS services: JSON, or a tabular data package as a zip.
pub fn read(bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Vec<Record>, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        let files = crate::hsds_tabular::unzip(bytes)?;
        return read_tables(&files, problems);
    }
    let json = crate::parse_json(bytes)?;
    let services: Vec<&Value> = match &json {
        Value::Array(list) => list.iter().collect(),
        Value::Object(object) => match object.get("contents").and_then(Value::as_array) {
            Some(list) => list.iter().collect(),
            None if object.contains_key("name") => vec![&json],
            None => {
                return Err(ImportError {
                    message: "the JSON is not HSDS services: neither a service, nor a list of them, nor a page with \"contents\"".into(),
                });
            }
        },
        _ => {
            return Err(ImportError {
                message: "the JSON is not HSDS services".into(),
            });
        }
    };
    read_services(services, 1, problems)
}

/// Reads the tables of an HSDS tabular data package (file name, bytes).
pub fn read_tables(
    files: &[(String, Vec<u8>)],
    problems: &mut Vec<Problem>,
) -> Result<Vec<Record>, ImportError> {
    let services = crate::hsds_tabular::services(files, problems)?;
    // The header is line 1 of services.csv.
    read_services(services.iter().collect(), 2, problems)
}

/// Services as records; `first_row` is the row number of the first (1 for a JSON list, 2
/// for the lines of services.csv).
fn read_services(
    services: Vec<&Value>,
    first_row: usize,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Record>, ImportError> {
    if services.len() > MAX_RECORDS {
        return Err(ImportError {
            message: format!("the file has more than {MAX_RECORDS} services"),
        });
    }
    let mut records = Vec::new();
    for (index, service) in services.into_iter().enumerate() {
        let row = index + first_row;
        let mut record = Record::new(row);
        for (path, field) in FIELDS {
            if let Some(text) = get(service, path).and_then(text_of) {
                record.set(*field, cell(path, text));
            }
        }
        let list = |key: &str| {
            service
                .get(key)
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        for (phone_index, phone) in list("phones").iter().enumerate() {
            if let Some(number) = phone.get("number").and_then(text_of) {
                let field = if phone.get("type").and_then(Value::as_str) == Some("fax") {
                    Field::Fax
                } else {
                    Field::Phone
                };
                // HSDS's examples quote the number inside the string ("\"+44 …\"").
                let mut number = number.trim_matches('"').to_owned();
                // A short note goes with the number, as in a spreadsheet's cell.
                if let Some(description) = phone.get("description").and_then(text_of)
                    && description.len() <= 60
                    && !description.contains([',', ';', '|', '\n', '(', ')', '/'])
                    && !description.contains(|c: char| c.is_ascii_digit())
                {
                    number = format!("{number} ({description})");
                }
                record.set(
                    field,
                    cell(&format!("phones[{phone_index}].number"), number),
                );
            }
        }
        let codes: Vec<String> = list("languages")
            .iter()
            .filter_map(|language| {
                language
                    .get("code")
                    .or_else(|| language.get("name"))
                    .and_then(text_of)
            })
            .collect();
        if !codes.is_empty() {
            record.set(Field::Languages, cell("languages", codes.join(", ")));
        }
        for (attribute_index, attribute) in list("attributes").iter().enumerate() {
            let term = attribute.get("taxonomy_term");
            let name = term
                .and_then(|term| term.get("name").or_else(|| term.get("code")))
                .and_then(text_of);
            if let Some(name) = name {
                record.set(
                    Field::Category,
                    cell(
                        &format!("attributes[{attribute_index}].taxonomy_term.name"),
                        name.replace(',', " "),
                    ),
                );
            }
        }
        let schedules = list("schedules");
        let (week, descriptions) = week(schedules, row, problems);
        if let Some(week) = week {
            record.week = Some(("schedules".into(), week));
        }
        if !descriptions.is_empty() {
            record.set(
                Field::ScheduleDescription,
                cell("schedules[0].description", descriptions.join("\n")),
            );
        }
        records.push(record);
    }
    Ok(records)
}

fn cell(path: &str, value: String) -> Cell {
    Cell {
        column: path.to_owned(),
        value,
        number: false,
    }
}

/// The value at a path such as `a[0].b`.
fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |value, step| match step.strip_suffix("[0]") {
            Some(key) => value.get(key)?.get(0),
            None => value.get(step),
        })
}

fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number
            .as_f64()
            .map(crate::text::number_text)
            .unwrap_or_default(),
        _ => String::new(),
    };
    (!text.is_empty()).then_some(text)
}

/// Weekly schedules (`freq` WEEKLY, `byday` MO,TU…, `opens_at`, `closes_at`) and monthly ones
/// on weekdays of the month (`freq` MONTHLY, `byday` 1MO,3MO or -1FR, as in RFC 5545) as a
/// week; the descriptions of the schedules, which say what rules cannot.
fn week(
    schedules: &[Value],
    row: usize,
    problems: &mut Vec<Problem>,
) -> (Option<Week>, Vec<String>) {
    let mut week: Week = Default::default();
    let mut any = false;
    let mut descriptions = Vec::new();
    for (index, schedule) in schedules.iter().enumerate() {
        let text = |key: &str| schedule.get(key).and_then(Value::as_str).map(str::trim);
        if let Some(description) = text("description").filter(|text| !text.is_empty()) {
            descriptions.push(description.to_owned());
        }
        let (Some(byday), Some(opens), Some(closes)) =
            (text("byday"), text("opens_at"), text("closes_at"))
        else {
            continue;
        };
        let monthly = text("freq").is_some_and(|freq| freq.eq_ignore_ascii_case("monthly"));
        if !monthly && text("freq").is_some_and(|freq| !freq.eq_ignore_ascii_case("weekly")) {
            problems.push(Problem {
                row: Some(row),
                column: Some(format!("schedules[{index}].freq")),
                entry: None,
                severity: Severity::Warning,
                message: "only weekly and monthly schedules become opening_hours; this one is left to its description".into(),
            });
            continue;
        }
        // 23:59 is how HSDS ends a day.
        let closes = match closes {
            hours::HSDS_END_OF_DAY => "24:00",
            closes => closes,
        };
        let (Some(opens), Some(closes)) = (hours::parse_time(opens), hours::parse_time(closes))
        else {
            problems.push(Problem {
                row: Some(row),
                column: Some(format!("schedules[{index}].opens_at")),
                entry: None,
                severity: Severity::Error,
                message: "opens_at and closes_at are not times such as 09:00 (value ignored)"
                    .into(),
            });
            continue;
        };
        // Monthly: which of the month's such weekdays, by day ("1MO,3MO" → Monday: 1, 3).
        let mut nths_by_day: [Vec<i8>; 7] = Default::default();
        for part in byday.split(',') {
            let part = part.trim();
            // "1MO": the ordinal before the day's two letters; only in a monthly schedule.
            let cut = part.len().saturating_sub(2);
            let (nth, name) = match part.is_char_boundary(cut) {
                true => part.split_at(cut),
                false => (part, ""),
            };
            let nth = match (monthly, nth) {
                (false, "") => Some(None),
                (true, nth) => nth
                    .parse::<i8>()
                    .ok()
                    .filter(|nth| (1..=5).contains(nth) || *nth == -1)
                    .map(Some),
                (false, _) => None,
            };
            let day = hours::RRULE_DAYS
                .iter()
                .position(|day| day.eq_ignore_ascii_case(name));
            match (day, nth) {
                (Some(day), Some(None)) => {
                    week[day].slots.push((opens.clone(), closes.clone()));
                    any = true;
                }
                (Some(day), Some(Some(nth))) => nths_by_day[day].push(nth),
                _ => problems.push(Problem {
                    row: Some(row),
                    column: Some(format!("schedules[{index}].byday")),
                    entry: None,
                    severity: Severity::Warning,
                    message: if monthly {
                        format!(
                            "\"{part}\" is not a weekday of the month such as 1MO or -1FR; that day is left out"
                        )
                    } else {
                        format!("\"{part}\" is not a weekday MO…SU; that day is left out")
                    },
                }),
            }
        }
        for (day, nths) in nths_by_day.into_iter().enumerate() {
            if !nths.is_empty() {
                week[day].monthly.push(hours::MonthlyTimes {
                    nths,
                    slots: vec![(opens.clone(), closes.clone())],
                });
                any = true;
            }
        }
    }
    for day in &mut week {
        day.slots.sort();
    }
    (any.then_some(week), descriptions)
}
