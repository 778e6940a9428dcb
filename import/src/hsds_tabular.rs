//! Open Referral HSDS 3.0 as a tabular data package: `datapackage.json` with one CSV file a
//! table (`services.csv`, `organizations.csv`, `service_at_location.csv`, `locations.csv`,
//! `addresses.csv`, `phones.csv`, `schedules.csv`, `languages.csv`, `attributes.csv`,
//! `taxonomy_terms.csv`), as a zip or as the files of a folder.
//!
//! The tables are joined into services of the JSON form (`service_full`), which [`crate::hsds`]
//! reads; a problem's row is the service's line in `services.csv`.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use serde_json::{Map, Value};

use crate::{ImportError, Problem};

/// The most bytes a package may unpack to: a directory's limit, with room for the tables'
/// repeated ids.
const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// The files of a zip: (name without folders, bytes), CSV and JSON files only.
pub fn unzip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    let error = |error: zip::result::ZipError| ImportError {
        message: format!("the zip file cannot be read: {error}"),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(error)?;
    let mut files = Vec::new();
    let mut unpacked = 0;
    for index in 0..archive.len() {
        let file = archive.by_index(index).map_err(error)?;
        let name = file.name().map_err(error)?;
        let name = name.rsplit('/').next().unwrap_or_default().to_owned();
        if !(name.ends_with(".csv") || name.ends_with(".json")) {
            continue;
        }
        let mut content = Vec::new();
        // The size a zip declares may lie; reading stops at the limit.
        file.take(MAX_UNPACKED - unpacked + 1)
            .read_to_end(&mut content)
            .map_err(|io| ImportError {
                message: format!("{name} in the zip file cannot be read: {io}"),
            })?;
        unpacked += content.len() as u64;
        if unpacked > MAX_UNPACKED {
            return Err(ImportError {
                message: format!(
                    "the zip file unpacks to more than {} MB, more than a directory holds",
                    MAX_UNPACKED / 1024 / 1024
                ),
            });
        }
        files.push((name, content));
    }
    Ok(files)
}

/// One table: its rows as field → text (empty cells left out).
type Table = Vec<HashMap<String, String>>;

/// The services of a package's tables as HSDS JSON, and the line in `services.csv` of each.
pub fn services(
    files: &[(String, Vec<u8>)],
    problems: &mut Vec<Problem>,
) -> Result<Vec<Value>, ImportError> {
    let mut tables: HashMap<&str, Table> = HashMap::new();
    for (name, bytes) in files {
        if let Some(table) = name.strip_suffix(".csv") {
            tables.insert(table, read_table(name, bytes, problems)?);
        }
    }
    let Some(services) = tables.get("services") else {
        return Err(ImportError {
            message: "the package has no services.csv; an HSDS tabular package has one CSV file a table, services.csv among them".into(),
        });
    };
    let empty = Table::new();
    let table = |name: &str| tables.get(name).unwrap_or(&empty);
    // Rows by the id they belong to, so that joining is not quadratic.
    let by = |table_name: &str, key: &str| -> HashMap<String, Vec<&HashMap<String, String>>> {
        let mut index: HashMap<String, Vec<_>> = HashMap::new();
        for row in table(table_name) {
            if let Some(id) = row.get(key) {
                index.entry(id.clone()).or_default().push(row);
            }
        }
        index
    };
    let organizations = by("organizations", "id");
    let locations = by("locations", "id");
    let terms = by("taxonomy_terms", "id");
    let addresses = by("addresses", "location_id");
    let phones = by("phones", "service_id");
    let languages = by("languages", "service_id");
    let schedules = by("schedules", "service_id");
    let attributes = by("attributes", "link_id");
    let at_locations = by("service_at_location", "service_id");
    let at_locations_plural = by("service_at_locations", "service_id");
    let objects = |rows: Option<&Vec<&HashMap<String, String>>>| -> Vec<Value> {
        rows.into_iter()
            .flatten()
            .map(|row| Value::Object(object(row)))
            .collect()
    };
    let mut out = Vec::new();
    for service in services {
        let id = service.get("id").cloned().unwrap_or_default();
        let mut json = object(service);
        if let Some(organization) = service
            .get("organization_id")
            .and_then(|id| organizations.get(id))
            .and_then(|rows| rows.first())
        {
            json.insert("organization".into(), Value::Object(object(organization)));
        }
        json.insert("phones".into(), Value::from(objects(phones.get(&id))));
        json.insert("languages".into(), Value::from(objects(languages.get(&id))));
        json.insert("schedules".into(), Value::from(objects(schedules.get(&id))));
        let attributes: Vec<Value> = attributes
            .get(&id)
            .into_iter()
            .flatten()
            .map(|attribute| {
                let mut attribute_json = object(attribute);
                if let Some(term) = attribute
                    .get("taxonomy_term_id")
                    .and_then(|term| terms.get(term))
                    .and_then(|rows| rows.first())
                {
                    attribute_json.insert("taxonomy_term".into(), Value::Object(object(term)));
                }
                Value::Object(attribute_json)
            })
            .collect();
        json.insert("attributes".into(), Value::from(attributes));
        let at_location_rows = at_locations
            .get(&id)
            .or_else(|| at_locations_plural.get(&id));
        let at_locations: Vec<Value> = at_location_rows
            .into_iter()
            .flatten()
            .filter_map(|at_location| {
                let location_id = at_location.get("location_id")?;
                let location = locations.get(location_id)?.first()?;
                let mut location_json = object(location);
                // A physical address before a postal one.
                let mut location_addresses: Vec<&&HashMap<String, String>> =
                    addresses.get(location_id).into_iter().flatten().collect();
                location_addresses.sort_by_key(|address| {
                    address.get("address_type").map(String::as_str) != Some("physical")
                });
                let location_addresses: Vec<Value> = location_addresses
                    .into_iter()
                    .map(|address| Value::Object(object(address)))
                    .collect();
                location_json.insert("addresses".into(), Value::from(location_addresses));
                let mut at_location_json = object(at_location);
                at_location_json.insert("location".into(), Value::Object(location_json));
                Some(Value::Object(at_location_json))
            })
            .collect();
        json.insert("service_at_locations".into(), Value::from(at_locations));
        out.push(Value::Object(json));
    }
    Ok(out)
}

/// A table's row as a JSON object of texts; numbers stay texts, which the HSDS reader takes.
fn object(row: &HashMap<String, String>) -> Map<String, Value> {
    row.iter()
        .map(|(key, value)| (key.clone(), Value::from(value.clone())))
        .collect()
}

fn read_table(name: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Table, ImportError> {
    let text = crate::text::decode(bytes, problems);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| ImportError {
            message: format!("{name}: the header cannot be read: {error}"),
        })?
        .iter()
        .map(|header| header.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| ImportError {
            message: format!(
                "{name}, line {}: the CSV cannot be read: {error}",
                error.position().map_or(0, |position| position.line())
            ),
        })?;
        let row: HashMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(header, value)| (header.clone(), value.trim().to_owned()))
            .collect();
        rows.push(row);
        if rows.len() > crate::MAX_RECORDS * 20 {
            return Err(ImportError {
                message: format!("{name} has more rows than a directory can hold"),
            });
        }
    }
    Ok(rows)
}
