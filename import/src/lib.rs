//! Import for service-finder: what integration officers really have, turned into a directory.
//!
//! Reads
//!
//! - spreadsheets: CSV as German Excel saves it (`;`, Windows-1252 or UTF-8 with a BOM,
//!   decimal commas), xlsx and ods, with service-finder's German columns (`Name`, `Art`,
//!   `Kategorie`, `Straße`, `PLZ`, `Ort`, …; see [`COLUMNS`]) or the Integreat CMS's CSV
//!   import columns (`name`, `street_address`, …, `monday_start`, …), told apart by the header;
//! - the Integreat CMS's JSON API (`/api/v3/{region}/{language}/locations/`);
//! - GeoJSON points from municipal open-data portals;
//! - Open Referral HSDS 3.0 services as JSON.
//!
//! [`import`] takes the file's bytes, the format, the category mapping and a gazetteer lookup,
//! and gives the directory as JSON in the directory format (format version 1) together with
//! every [`Problem`] by row and column. What cannot be taken in full is reported; everything
//! else is imported. It never panics on input.
//!
//! The crate does not depend on the service-finder core, so that it can be compiled to a wasm
//! module of its own for the officers' checker page: the places and the built-in categories
//! are passed in ([`PlaceLookup`], [`KnownCategory`]), by the CLI from the core's gazetteer and
//! category table, later in the browser from the core's `Places`.
#![deny(missing_docs)]
// The size rules of clippy.toml are for the newcomers' widget; this module is loaded only on
// the officers' page, where readable code matters more than a few kilobytes.
#![allow(clippy::disallowed_methods)]

mod categories;
pub mod columns;
mod entry;
pub mod export;
mod geojson;
mod german_hours;
mod hours;
mod hsds;
mod hsds_tabular;
mod integreat;
pub mod officer;
mod table;
pub mod template;
mod text;
#[cfg(target_arch = "wasm32")]
pub mod web;

use serde_json::{Map, Value};

pub use categories::{CategoryMapping, KnownCategory};
pub use officer::{Language, explain};
pub use table::COLUMNS;

/// The kinds of source the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-, semicolon- or tab-separated text, any of the usual encodings.
    Csv,
    /// An Excel workbook (the first sheet with data is read).
    Xlsx,
    /// An OpenDocument spreadsheet (LibreOffice Calc).
    Ods,
    /// The JSON of the Integreat CMS's locations API.
    Integreat,
    /// A GeoJSON FeatureCollection of points, as municipal open-data portals publish them.
    GeoJson,
    /// Open Referral HSDS 3.0 services as JSON (one, a list, or an API page), or its tabular
    /// data package as a zip.
    Hsds,
}

impl Format {
    /// The format by its name as the CLI's `--from` takes it.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "xlsx" | "xls" | "xlsm" | "xlsb" => Some(Format::Xlsx),
            "ods" => Some(Format::Ods),
            "integreat" => Some(Format::Integreat),
            "geojson" => Some(Format::GeoJson),
            "hsds" => Some(Format::Hsds),
            _ => None,
        }
    }

    /// The format of a file, from its name's extension and, where that does not say, its
    /// first bytes (a zip is a workbook, JSON is the Integreat API's).
    pub fn guess(file_name: &str, bytes: &[u8]) -> Option<Format> {
        let extension = file_name.rsplit_once('.').map(|(_, extension)| extension);
        if let Some(format) = extension.and_then(Format::from_name) {
            return Some(format);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            // Zips all: an ods says so in its first file, "mimetype"; an HSDS tabular
            // package has its datapackage.json or services.csv.
            let contains = |word: &[u8]| bytes.windows(word.len()).any(|window| window == word);
            let head = &bytes[..bytes.len().min(100)];
            let is_ods = head
                .windows(b"opendocument".len())
                .any(|window| window == b"opendocument");
            if !is_ods && (contains(b"datapackage.json") || contains(b"services.csv")) {
                return Some(Format::Hsds);
            }
            return Some(if is_ods { Format::Ods } else { Format::Xlsx });
        }
        let first = bytes
            .iter()
            .find(|byte| !byte.is_ascii_whitespace() && !matches!(byte, 0xEF | 0xBB | 0xBF));
        match first {
            Some(b'[' | b'{') | None if extension == Some("json") || extension.is_none() => {
                // GeoJSON says what it is; other JSON is taken for the Integreat API's.
                let head = &bytes[..bytes.len().min(4096)];
                let is_geojson = head
                    .windows(b"FeatureCollection".len())
                    .any(|window| window == b"FeatureCollection");
                // HSDS services carry service_at_locations; Integreat's have a "title".
                let has = |word: &[u8]| head.windows(word.len()).any(|window| window == word);
                Some(if is_geojson {
                    Format::GeoJson
                } else if has(b"\"service_at_locations\"") || has(b"\"total_items\"") {
                    Format::Hsds
                } else {
                    Format::Integreat
                })
            }
            Some(_) => Some(Format::Csv),
            None => None,
        }
    }
}

/// A point in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
}

/// Finds the point of a postcode or a town, for addresses without coordinates.
///
/// The CLI answers from the core's gazetteer; a closure `Fn(&str) -> Option<Point>` works too.
pub trait PlaceLookup {
    /// The centre of the place with this postcode (five digits) or name, if known.
    fn locate(&self, postcode_or_town: &str) -> Option<Point>;
}

impl<F: Fn(&str) -> Option<Point>> PlaceLookup for F {
    fn locate(&self, postcode_or_town: &str) -> Option<Point> {
        self(postcode_or_town)
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For the record: something was done on purpose (an archived record skipped).
    Note,
    /// The value was changed or guessed; worth a look.
    Warning,
    /// The value (or the record) could not be taken.
    Error,
}

impl Severity {
    /// `note`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing that could not be taken as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the source: for a spreadsheet the row number as the program shows it (the
    /// header is row 1 when it is the first row), for JSON the record's number in its list,
    /// counted from 1. `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column's header as written in the source (for JSON, the field's path such as
    /// `location.postcode`); `None` for the record as a whole.
    pub column: Option<String>,
    /// The id of the entry the record became (or would have become).
    pub entry: Option<String>,
    /// How bad it is.
    pub severity: Severity,
    /// A plain-language explanation and what was done.
    pub message: String,
}

/// What to import and how.
pub struct Options<'a> {
    /// The kind of source.
    pub format: Format,
    /// The category mapping (the text of a mapping file), if the officer has one; categories it
    /// does not list are guessed.
    pub mapping: Option<&'a str>,
    /// The categories every directory knows, for guessing the mapping.
    pub known_categories: &'a [KnownCategory],
    /// Postcode or town → point, for addresses without coordinates.
    pub places: &'a dyn PlaceLookup,
    /// The directory's title (required by the format), unless the workbook's sheet
    /// "Verzeichnis" gives it.
    pub title: &'a str,
    /// Whether `title` was only made from the file's name (the officer gave none): the
    /// newcomers would read it as the finder's heading, so a warning asks for a real one
    /// where the source gives none either.
    pub title_from_file_name: bool,
    /// The day of the import (`YYYY-MM-DD`), for dates written without their year ("30.11.")
    /// or as a word ("gestern"), which are then read with a warning; `None` refuses them.
    pub today: Option<&'a str>,
}

/// The date of a day counted from 1970-01-01 as `YYYY-MM-DD`: the command line's day of the
/// import (see [`Options::today`]).
pub use text::date_of_day;

/// The title of a directory imported from `file_name` when the officer gives none (the CLI's
/// `--title`, the sheet "Verzeichnis"); the import warns about it (see
/// [`Options::title_from_file_name`]).
pub fn default_title(file_name: &str) -> String {
    format!("Verzeichnis (importiert aus {file_name})")
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The directory, in the directory format (format version 1).
    pub directory: Value,
    /// Every problem, in the order of the source.
    pub problems: Vec<Problem>,
    /// The category mapping that was used, as the text of a mapping file: the officer's lines
    /// and a guess for every category the source has that they do not list.
    pub mapping: String,
    /// How many records the source has (rows after the header, or JSON records).
    pub records: usize,
    /// Each entry's id and the row (or record) it came from, so that a problem the core's
    /// check finds later in an entry can be shown at its row of the spreadsheet.
    pub entry_rows: Vec<(String, usize)>,
}

/// Why a source could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// A plain-language explanation, with the place where there is one.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// The JSON of a source (Integreat's API, GeoJSON, HSDS), a BOM in front allowed; an error
/// with the line and column where it stops being JSON.
fn parse_json(bytes: &[u8]) -> Result<Value, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|error| ImportError {
        message: format!(
            "line {}, column {}: the file is not JSON: {error}",
            error.line(),
            error.column()
        ),
    })
}

/// The most records a source may have: the directory format's limit of entries.
pub const MAX_RECORDS: usize = 200_000;

/// Imports a source: its bytes in, a directory and the problems out.
pub fn import(bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    let mut problems = Vec::new();
    let records = match options.format {
        Format::Csv => table::read_csv(bytes, &mut problems)?,
        Format::Xlsx | Format::Ods => table::read_workbook(bytes, &mut problems)?,
        Format::Integreat => integreat::read(bytes, &mut problems)?,
        Format::GeoJson => geojson::read(bytes, &mut problems)?,
        Format::Hsds => hsds::read(bytes, &mut problems)?,
    };
    finish(records, bytes, problems, options)
}

/// Imports the tables of an Open Referral HSDS tabular data package given as files (name,
/// bytes), as a folder holds them; a zip of them is read by [`import`] with [`Format::Hsds`].
pub fn import_hsds_tables(
    files: &[(String, Vec<u8>)],
    options: &Options,
) -> Result<Imported, ImportError> {
    let mut problems = Vec::new();
    let records = hsds::read_tables(files, &mut problems)?;
    finish(records, &[], problems, options)
}

/// Records made into the directory: the part of an import that is the same for every source.
fn finish(
    records: Vec<entry::Record>,
    bytes: &[u8],
    mut problems: Vec<Problem>,
    options: &Options,
) -> Result<Imported, ImportError> {
    let extras = match options.format {
        Format::Xlsx | Format::Ods => table::read_extras(bytes, &mut problems)?,
        _ => table::Extras::default(),
    };
    let mut directory = Map::new();
    directory.insert("format_version".into(), Value::from(1));
    directory.insert("title".into(), Value::from(options.title));
    directory.insert("default_language".into(), Value::from("de"));
    directory_fields(&extras, &mut directory, &mut problems, options.today);
    if options.title_from_file_name && directory["title"] == options.title {
        problems.push(Problem {
            row: None,
            column: None,
            entry: None,
            severity: Severity::Warning,
            message: format!(
                "no title: the directory is called \"{}\" after its file, and newcomers see that as the finder's heading",
                options.title
            ),
        });
    }
    let default_language = directory["default_language"]
        .as_str()
        .unwrap_or("de")
        .to_owned();
    let mut mapping = CategoryMapping::parse(options.mapping.unwrap_or(""), &mut problems);
    // The directory's own categories, from a workbook's sheet, are their own ids.
    let own_categories: Vec<Value> = extras
        .categories
        .iter()
        .filter_map(|record| {
            let id = record.get(entry::Field::Id)?;
            let name = record.get(entry::Field::Name).map_or(id, |name| name);
            mapping.add_identity(&id.value);
            let name = record.text_value(entry::Field::Name, name.value.clone(), &default_language);
            Some(serde_json::json!({ "id": id.value, "name": name }))
        })
        .collect();
    mapping.add_guesses(
        records
            .iter()
            .flat_map(|record| &record.categories)
            .map(|category| category.value.as_str()),
        options.known_categories,
    );
    let mut builder = entry::Builder::new(&mapping, options.places, options.known_categories)
        .with_extras(&extras, &default_language)
        .with_today(options.today);
    let mut entries = Vec::new();
    let mut entry_rows = Vec::new();
    for record in &records {
        if let Some(entry) = builder.build(record, &mut problems) {
            if let Some(id) = entry["id"].as_str() {
                entry_rows.push((id.to_owned(), record.row));
            }
            entries.push(entry);
        }
    }
    ids_made_from_names(&records, &entry_rows, options.format, &mut problems);
    // In the order of the source, the file's own problems first: readers and the builder
    // report in two passes.
    problems.sort_by_key(|problem| problem.row.map_or(0, |row| row + 1));
    let mut categories = own_categories;
    for custom in builder.custom_categories() {
        if !categories.iter().any(|own| own["id"] == custom["id"]) {
            categories.push(custom);
        }
    }
    if !categories.is_empty() {
        directory.insert("categories".into(), Value::Array(categories));
    }
    region_centre(&mut directory, &entries, &mut problems);
    directory.insert("entries".into(), Value::Array(entries));
    Ok(Imported {
        directory: Value::Object(directory),
        problems,
        mapping: mapping.to_text(options.known_categories),
        records: records.len(),
        entry_rows,
    })
}

/// Tells the officer when a table's rows have no id. Their ids are then made from name and
/// town, so a renamed entry gets a new one, and the links to it that newcomers shared or kept
/// (`#entry=<id>`) quietly stop working. The other formats have ids of their own.
fn ids_made_from_names(
    records: &[entry::Record],
    entry_rows: &[(String, usize)],
    format: Format,
    problems: &mut Vec<Problem>,
) {
    if !matches!(format, Format::Csv | Format::Xlsx | Format::Ods) {
        return;
    }
    let mut without_id: Vec<usize> = records
        .iter()
        .filter(|record| record.get(entry::Field::Id).is_none())
        .map(|record| record.row)
        .collect();
    without_id.sort_unstable();
    let made: Vec<&str> = entry_rows
        .iter()
        .filter(|(_, row)| without_id.binary_search(row).is_ok())
        .map(|(id, _)| id.as_str())
        .collect();
    let Some(example) = made.first() else {
        return;
    };
    problems.push(Problem {
        row: None,
        column: None,
        entry: None,
        severity: Severity::Note,
        message: format!(
            "no id for {} of the {} entries: their ids are made from name and town (\"{example}\"), so renaming an entry or moving it to another town changes its id, and links to it that newcomers have shared stop working; to keep them, write the ids into the column \"ID\" (service-finder export writes a table with them)",
            made.len(),
            entry_rows.len(),
        ),
    });
}

/// The fields of a workbook's sheet "Verzeichnis" set in the directory, texts with their
/// translations.
fn directory_fields(
    extras: &table::Extras,
    directory: &mut Map<String, Value>,
    problems: &mut Vec<Problem>,
    today: Option<&str>,
) {
    let default_language = extras
        .directory
        .iter()
        .find(|field| columns::DIRECTORY_FIELDS[field.index].path == "default_language")
        .map_or("de", |field| field.cell.value.as_str())
        .to_owned();
    for found in &extras.directory {
        let field = &columns::DIRECTORY_FIELDS[found.index];
        let cell = &found.cell;
        let mut report = entry::Report::new(problems, found.row);
        match &found.language {
            None => {
                let value = entry::plain_value(field, cell, &mut report, today, Value::from);
                if let Some(value) = value {
                    entry::set_path(directory, field.path, value);
                }
            }
            Some(language) => {
                // A translation: the text becomes an object by language.
                let text = match directory.get(field.path) {
                    Some(Value::String(text)) => {
                        let mut by_language = Map::new();
                        by_language.insert(default_language.clone(), Value::from(text.clone()));
                        by_language
                    }
                    Some(Value::Object(by_language)) => by_language.clone(),
                    _ => Map::new(),
                };
                let mut text = text;
                text.insert(language.clone(), Value::from(cell.value.clone()));
                entry::set_path(directory, field.path, Value::Object(text));
            }
        }
    }
}

/// A region named without its centre (the template's sheet "Verzeichnis" asks only for its
/// name and key) gets the mean of its entries' positions, with a note: the widget centres its
/// map and sorts by distance from there. A key that Excel stored as a number lost its leading
/// zero (06635 became 6635) and gets it back.
fn region_centre(
    directory: &mut Map<String, Value>,
    entries: &[Value],
    problems: &mut Vec<Problem>,
) {
    let Some(Value::Object(region)) = directory.get_mut("region") else {
        return;
    };
    if let Some(Value::String(ags)) = region.get_mut("ags")
        && ags.len() == 4
        && ags.bytes().all(|byte| byte.is_ascii_digit())
    {
        ags.insert(0, '0');
    }
    if region.contains_key("latitude") || region.contains_key("longitude") {
        return;
    }
    let points: Vec<(f64, f64)> = entries
        .iter()
        .filter_map(|entry| {
            let location = entry.get("location")?;
            Some((
                location.get("latitude")?.as_f64()?,
                location.get("longitude")?.as_f64()?,
            ))
        })
        .collect();
    if points.is_empty() {
        return;
    }
    let count = points.len() as f64;
    // Rounded to 4 places (about 10 m), as the entries' own positions are written.
    let mean = |part: fn(&(f64, f64)) -> f64| {
        (points.iter().map(part).sum::<f64>() / count * 1e4).round() / 1e4
    };
    let (latitude, longitude) = (mean(|point| point.0), mean(|point| point.1));
    region.insert("latitude".into(), Value::from(latitude));
    region.insert("longitude".into(), Value::from(longitude));
    problems.push(Problem {
        row: None,
        column: Some(columns::sheets::DIRECTORY.to_owned()),
        entry: None,
        severity: Severity::Note,
        message: format!(
            "the region has no position: the middle of its entries ({latitude}, {longitude}) is used; give \"Region Breitengrad\" and \"Region Längengrad\" to set another"
        ),
    });
}

/// The directory as JSON text for people to read: indented, and the fields of the directory
/// and of each entry in the order of the format's documentation (id, kind, name first), not
/// in alphabetical order.
pub fn to_text(directory: &Value) -> String {
    let mut text = String::new();
    write_value(&mut text, directory, 0);
    text.push('\n');
    text
}

/// The order fields are written in; fields not listed follow in alphabetical order.
const FIELD_ORDER: &[&str] = &[
    "$schema",
    "format_version",
    "example_data",
    "title",
    "id",
    "kind",
    "name",
    "opening_hours",
    "number",
    "alternate_name",
    "description",
    "publisher",
    "region",
    "last_modified",
    "default_language",
    "organization",
    "categories",
    "languages",
    "location",
    "address_1",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "service_area",
    "phones",
    "email",
    "url",
    "schedule",
    "appointment_required",
    "free_of_charge",
    "assured_date",
    "status",
    "course",
    "entries",
];

fn write_value(text: &mut String, value: &Value, depth: usize) {
    let indent = |text: &mut String, depth: usize| {
        text.push('\n');
        text.push_str(&"  ".repeat(depth));
    };
    match value {
        Value::Object(object) if !object.is_empty() => {
            let mut keys: Vec<&String> = object.keys().collect();
            let rank = |key: &str| {
                FIELD_ORDER
                    .iter()
                    .position(|field| *field == key)
                    .unwrap_or(FIELD_ORDER.len())
            };
            keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
            text.push('{');
            for (index, key) in keys.into_iter().enumerate() {
                if index > 0 {
                    text.push(',');
                }
                indent(text, depth + 1);
                text.push_str(&Value::from(key.as_str()).to_string());
                text.push_str(": ");
                write_value(text, &object[key], depth + 1);
            }
            indent(text, depth);
            text.push('}');
        }
        // Lists of plain values (languages, categories) stay on one line.
        Value::Array(list) if list.iter().any(|item| item.is_object() || item.is_array()) => {
            text.push('[');
            for (index, item) in list.iter().enumerate() {
                if index > 0 {
                    text.push(',');
                }
                indent(text, depth + 1);
                write_value(text, item, depth + 1);
            }
            indent(text, depth);
            text.push(']');
        }
        Value::Array(list) => {
            text.push('[');
            for (index, item) in list.iter().enumerate() {
                if index > 0 {
                    text.push_str(", ");
                }
                text.push_str(&item.to_string());
            }
            text.push(']');
        }
        scalar => text.push_str(&scalar.to_string()),
    }
}
