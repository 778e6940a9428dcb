//! The gazetteer's text format (documented in `data/places/README.md`): one line per place,
//! tab-separated, grouped under one line per district.

use std::fmt::{self, Write};

use super::{District, Gazetteer, Place};
use crate::distance::GeoPoint;

/// Why a gazetteer text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The line (1-based) with the problem.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "gazetteer line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

impl Gazetteer {
    /// Reads a gazetteer in the text format of `data/places/README.md`.
    pub fn parse(text: &str) -> Result<Gazetteer, ParseError> {
        let mut districts = Vec::new();
        let mut places = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let error = |message: &str| ParseError {
                line: number + 1,
                message: message.to_owned(),
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let first = fields.next().unwrap_or("");
            if first == "D" {
                let ags = fields.next().unwrap_or("");
                let name = fields.next().unwrap_or("");
                if ags.len() != 5 || !ags.bytes().all(|byte| byte.is_ascii_digit()) {
                    return Err(error("a district key must be 5 digits"));
                }
                districts.push(District {
                    ags: ags.to_owned(),
                    name: name.to_owned(),
                });
                continue;
            }
            if districts.is_empty() {
                return Err(error("a place must follow a district line (D)"));
            }
            let coordinate = |field: Option<&str>| -> Result<f64, ParseError> {
                field
                    // The JSON reader's number parser: the widget has it anyway.
                    .and_then(crate::json::parse_number)
                    .ok_or_else(|| error("latitude and longitude must be numbers"))
            };
            let latitude = coordinate(fields.next())?;
            let longitude = coordinate(fields.next())?;
            let point = GeoPoint::new(latitude, longitude);
            if first.is_empty() || !point.is_valid() {
                return Err(error("a place needs a name and valid coordinates"));
            }
            #[allow(clippy::disallowed_methods)] // A whole number: integer parsing is small.
            let population = match fields.next().unwrap_or("") {
                "" => 0,
                text => text
                    .parse()
                    .map_err(|_| error("the population must be a whole number"))?,
            };
            let list = |field: Option<&str>, separator: char| -> Vec<String> {
                field
                    .unwrap_or("")
                    .split(separator)
                    .filter(|item| !item.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            let postcodes = list(fields.next(), ',');
            if postcodes
                .iter()
                .any(|code| code.len() != 5 || !code.bytes().all(|byte| byte.is_ascii_digit()))
            {
                return Err(error("a postcode must be 5 digits"));
            }
            places.push(Place {
                name: first.to_owned(),
                point,
                population,
                postcodes,
                alternate_names: list(fields.next(), '|'),
                district: districts.len() - 1,
            });
        }
        Ok(Gazetteer::new(districts, places))
    }

    /// Writes the gazetteer in the text format that [`Gazetteer::parse`] reads, with the
    /// attribution in the first line. Districts without places are left out.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.places.len() * 48);
        out.push_str("# service-finder gazetteer 1: Place data © GeoNames, CC BY 4.0, https://www.geonames.org/\n");
        out.push_str(
            "# format: data/places/README.md; regenerate with cargo run --release --example build_gazetteer\n",
        );
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        #[allow(clippy::disallowed_methods)]
        // Native only in practice (writing the file), and one call.
        order.sort_unstable_by(|&a, &b| {
            let (place_a, place_b) = (&self.places[a], &self.places[b]);
            (&self.districts[place_a.district].ags, place_a.district, a).cmp(&(
                &self.districts[place_b.district].ags,
                place_b.district,
                b,
            ))
        });
        let mut current = usize::MAX;
        for position in order {
            let place = &self.places[position];
            if place.district != current {
                current = place.district;
                let district = &self.districts[current];
                let _ = writeln!(out, "D\t{}\t{}", district.ags, district.name);
            }
            let mut fields = vec![
                place.name.clone(),
                format_coordinate(place.point.latitude),
                format_coordinate(place.point.longitude),
                if place.population == 0 {
                    String::new()
                } else {
                    place.population.to_string()
                },
                place.postcodes.join(","),
                place.alternate_names.join("|"),
            ];
            while fields.last().is_some_and(String::is_empty) {
                fields.pop();
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    }
}

/// Four decimals (about 10 m), without trailing zeros, as the generator writes them.
fn format_coordinate(value: f64) -> String {
    crate::json::format_number(value, 4)
}
