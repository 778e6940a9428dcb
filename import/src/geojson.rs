//! Municipal open data as GeoJSON: a FeatureCollection of points whose properties name the
//! service (`name`, `operator`, `street`, `postcode`, `phone`, …, in German or English, also
//! OSM's `addr:*` and `contact:*` keys).

use serde_json::Value;

use crate::entry::{Cell, Field, Record};
use crate::{ImportError, MAX_RECORDS, Problem, Severity};

/// Reads a FeatureCollection (or a list of features).
pub fn read(bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Vec<Record>, ImportError> {
    let json = crate::parse_json(bytes)?;
    let features = match &json {
        Value::Array(list) => list,
        _ => json
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| ImportError {
                message: "the JSON is not a GeoJSON FeatureCollection (no \"features\" list)"
                    .into(),
            })?,
    };
    if features.len() > MAX_RECORDS {
        return Err(ImportError {
            message: format!("the file has more than {MAX_RECORDS} features"),
        });
    }
    let mut records = Vec::new();
    for (index, feature) in features.iter().enumerate() {
        let row = index + 1;
        let mut problem = |column: Option<&str>, severity, message: String| {
            problems.push(Problem {
                row: Some(row),
                column: column.map(str::to_owned),
                entry: None,
                severity,
                message,
            });
        };
        let Some(properties) = feature.get("properties").and_then(Value::as_object) else {
            problem(
                None,
                Severity::Error,
                "the feature has no properties (record skipped)".into(),
            );
            continue;
        };
        let mut record = Record::new(row);
        let mut house_number = None;
        for (key, value) in properties {
            let Some((text, number)) = text_of(value) else {
                continue;
            };
            // OSM's keys: "addr:street" is "street", "contact:phone" is "phone".
            let bare = key
                .strip_prefix("addr:")
                .or_else(|| key.strip_prefix("contact:"))
                .unwrap_or(key);
            if matches!(bare, "housenumber" | "hausnummer" | "hnr") {
                house_number = Some(text);
                continue;
            }
            let field = match bare {
                "amenity" | "type" | "typ" | "social_facility" => Some(Field::Category),
                "opening_hours" => Some(Field::Hours),
                _ => crate::table::field_of(bare),
            };
            match field {
                Some(field) => record.set(
                    field,
                    Cell {
                        column: format!("properties.{key}"),
                        value: text,
                        number,
                    },
                ),
                None => problem(
                    Some(&format!("properties.{key}")),
                    Severity::Warning,
                    format!("the property \"{key}\" is not known; its value is not imported"),
                ),
            }
        }
        if let Some(number) = house_number {
            record.append_to_address(&number);
        }
        if record.get(Field::Name).is_none() {
            // Open data often names only the operator and the kind of place; that is a name
            // people recognise, and the officer is told to give a better one.
            let parts: Vec<String> = [Field::Organization, Field::City]
                .into_iter()
                .filter_map(|field| record.get(field).map(|cell| cell.value.clone()))
                .collect();
            let kind = record.categories.first().map(|cell| cell.value.clone());
            let name = kind
                .into_iter()
                .chain(parts)
                .collect::<Vec<_>>()
                .join(" – ");
            if !name.is_empty() {
                problem(
                    Some("properties.name"),
                    Severity::Warning,
                    format!(
                        "the feature has no name of its own; it is named \"{name}\" after its kind, operator and town: give it a better one"
                    ),
                );
                record.set(
                    Field::Name,
                    Cell {
                        column: "properties.name".into(),
                        value: name,
                        number: false,
                    },
                );
            }
        }
        if let Some((longitude, latitude)) = point(feature.get("geometry"), &mut problem) {
            for (field, value, path) in [
                (Field::Latitude, latitude, "geometry.coordinates[1]"),
                (Field::Longitude, longitude, "geometry.coordinates[0]"),
            ] {
                record.set(
                    field,
                    Cell {
                        column: path.into(),
                        value: value.to_string(),
                        number: true,
                    },
                );
            }
        }
        records.push(record);
    }
    Ok(records)
}

/// The point of a geometry: a Point's coordinates, or the middle of the positions of any
/// other geometry (with a warning).
fn point(
    geometry: Option<&Value>,
    problem: &mut impl FnMut(Option<&str>, Severity, String),
) -> Option<(f64, f64)> {
    let geometry = geometry.filter(|geometry| !geometry.is_null())?;
    let coordinates = geometry.get("coordinates")?;
    if geometry.get("type").and_then(Value::as_str) == Some("Point") {
        let longitude = coordinates.get(0).and_then(Value::as_f64);
        let latitude = coordinates.get(1).and_then(Value::as_f64);
        if let (Some(longitude), Some(latitude)) = (longitude, latitude) {
            return Some((longitude, latitude));
        }
        problem(
            Some("geometry.coordinates"),
            Severity::Error,
            "the point has no numbers [longitude, latitude] (value ignored)".into(),
        );
        return None;
    }
    // Every position of a line or polygon, without recursion: a stack of lists.
    let (mut sum_longitude, mut sum_latitude, mut count) = (0.0, 0.0, 0u32);
    let mut stack = vec![coordinates];
    while let Some(value) = stack.pop() {
        let Some(list) = value.as_array() else {
            continue;
        };
        match (
            list.first().and_then(Value::as_f64),
            list.get(1).and_then(Value::as_f64),
        ) {
            (Some(longitude), Some(latitude)) => {
                sum_longitude += longitude;
                sum_latitude += latitude;
                count += 1;
            }
            _ => stack.extend(list),
        }
        if count > 100_000 || stack.len() > 100_000 {
            break;
        }
    }
    if count == 0 {
        return None;
    }
    problem(
        Some("geometry"),
        Severity::Warning,
        "the geometry is not a point; the middle of its points was taken".into(),
    );
    Some((
        sum_longitude / f64::from(count),
        sum_latitude / f64::from(count),
    ))
}

/// A property as text, and whether it was a number; lists of texts are joined with "; " (so
/// several phone numbers stay apart).
fn text_of(value: &Value) -> Option<(String, bool)> {
    let text = match value {
        Value::String(text) => (text.trim().to_owned(), false),
        Value::Number(number) => (
            number
                .as_f64()
                .map(crate::text::number_text)
                .unwrap_or_default(),
            true,
        ),
        Value::Bool(true) => ("ja".into(), false),
        Value::Bool(false) => ("nein".into(), false),
        Value::Array(list) => (
            list.iter()
                .filter_map(|item| text_of(item).map(|(text, _)| text))
                .collect::<Vec<_>>()
                .join("; "),
            false,
        ),
        _ => return None,
    };
    (!text.0.is_empty()).then_some(text)
}
