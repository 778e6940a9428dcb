//! Checks of an entry's place: address lengths and coordinates (out of range, swapped, outside
//! Germany, far from the region).

use crate::json::format_number;

use super::CheckContext;
use super::text::{MAX_SHORT_TEXT_CHARS, check_optional_text};
use crate::directory::model::Location;
use crate::directory::problem::{Consequence, ProblemKind, Problems, Step};

/// Germany's bounding box with a margin, in degrees: (south, west, north, east).
const GERMANY: (f64, f64, f64, f64) = (47.0, 5.5, 55.3, 15.5);
/// A place farther than this from the region's centre is probably a typo.
const FAR_FROM_REGION_KM: f64 = 150.0;

pub(super) fn check_location(
    location: &mut Location,
    context: &CheckContext,
    problems: &mut Problems,
) {
    check_optional_text(
        &mut location.name,
        &[Step::Field("location.name")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    );
    check_optional_text(
        &mut location.transportation,
        &[Step::Field("location.transportation")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    );
    for (field, value) in [
        ("location.address_1", &mut location.address_1),
        ("location.city", &mut location.city),
    ] {
        if let Some(text) = value
            && text.chars().count() > MAX_SHORT_TEXT_CHARS
        {
            problems.error(
                ProblemKind::TextTooLong,
                &[Step::Field(field)],
                format!(
                    "{} characters; at most {MAX_SHORT_TEXT_CHARS} are allowed",
                    text.chars().count()
                ),
                Consequence::ValueIgnored,
            );
            *value = None;
        }
    }
    if let Some(code) = &location.postal_code
        && !(code.len() == 5 && code.bytes().all(|byte| byte.is_ascii_digit()))
    {
        problems.error(
            ProblemKind::InvalidValue,
            &[Step::Field("location.postal_code")],
            format!("\"{code}\" is not a German postcode (five digits)"),
            Consequence::ValueIgnored,
        );
        location.postal_code = None;
    }
    match (location.latitude, location.longitude) {
        (None, None) => {}
        (Some(latitude), Some(longitude)) => {
            if let Some(message) = coordinates_problem(latitude, longitude) {
                problems.error(
                    ProblemKind::InvalidCoordinates,
                    &[Step::Field("location")],
                    message,
                    Consequence::ValueIgnored,
                );
                location.latitude = None;
                location.longitude = None;
            } else if let Some((centre_latitude, centre_longitude)) = context.region_centre {
                let kilometres = crate::distance::haversine_metres(
                    crate::distance::GeoPoint {
                        latitude,
                        longitude,
                    },
                    crate::distance::GeoPoint {
                        latitude: centre_latitude,
                        longitude: centre_longitude,
                    },
                ) / 1000.0;
                if kilometres > FAR_FROM_REGION_KM {
                    problems.warning(
                        ProblemKind::InvalidCoordinates,
                        &[Step::Field("location")],
                        format!(
                            "{} is {} km from the region's centre; is it right?",
                            coordinates(latitude, longitude),
                            format_number(kilometres, 0)
                        ),
                    );
                }
            }
        }
        _ => {
            problems.error(
                ProblemKind::InvalidCoordinates,
                &[Step::Field("location")],
                "latitude and longitude must be given together",
                Consequence::ValueIgnored,
            );
            location.latitude = None;
            location.longitude = None;
        }
    }
}

/// What is wrong with a pair of coordinates for a German directory, if anything.
pub(super) fn coordinates_problem(latitude: f64, longitude: f64) -> Option<String> {
    let in_germany = |lat: f64, lon: f64| {
        let (south, west, north, east) = GERMANY;
        (south..=north).contains(&lat) && (west..=east).contains(&lon)
    };
    if !latitude.is_finite()
        || !longitude.is_finite()
        || latitude.abs() > 90.0
        || longitude.abs() > 180.0
    {
        return Some(format!(
            "{} is out of range: latitude must lie between -90 and 90, longitude between -180 and 180",
            coordinates(latitude, longitude)
        ));
    }
    if in_germany(latitude, longitude) {
        return None;
    }
    if in_germany(longitude, latitude) {
        return Some(format!(
            "latitude {} and longitude {} look swapped: in Germany the latitude is about 47 to 55, the longitude 6 to 15",
            format_number(latitude, 6),
            format_number(longitude, 6)
        ));
    }
    Some(format!(
        "{} is outside Germany",
        coordinates(latitude, longitude)
    ))
}

/// Coordinates for a message, as a person would write them (`51.2756, 8.873`).
fn coordinates(latitude: f64, longitude: f64) -> String {
    format!(
        "{}, {}",
        format_number(latitude, 6),
        format_number(longitude, 6)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates() {
        assert_eq!(coordinates_problem(51.27, 8.87), None);
        assert!(
            coordinates_problem(8.87, 51.27)
                .unwrap()
                .contains("swapped")
        );
        assert!(
            coordinates_problem(100.0, 8.0)
                .unwrap()
                .contains("out of range")
        );
        assert!(
            coordinates_problem(48.85, 2.35)
                .unwrap()
                .contains("outside Germany")
        );
    }
}
