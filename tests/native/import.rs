//! `service-finder import` and the import crate (import/): each kind of source is imported,
//! the directory loads with the core, and the problems name row and column.
//!
//! The fixtures in tests/fixtures/import/ are invented (organisations marked "(Beispiel)",
//! example.org addresses, numbers ending in 000 000) in real towns; the xlsx and ods files are
//! written here, so that no binary file is kept.

use std::io::Write as _;

use serde_json::Value;
use service_finder::directory::{Severity as CheckSeverity, load_directory};
use service_finder::places::{self, Gazetteer};
use service_finder_import::{Format, Imported, Options, Point, Severity};

use crate::common::{service_finder, stdout};
use crate::import_setup;

const GERMAN_CSV: &[u8] = include_bytes!("../fixtures/import/kontakte-excel.csv");
const INTEGREAT_CSV: &[u8] = include_bytes!("../fixtures/import/integreat-locations.csv");
const INTEGREAT_JSON: &[u8] = include_bytes!("../fixtures/import/integreat-locations.json");
const GEOJSON: &[u8] = include_bytes!("../fixtures/import/beratungsstellen.geojson");
const HSDS: &[u8] = include_bytes!("../fixtures/import/hsds-services.json");

/// The day the tests import on, so that a date without its year ("30.11.") is read the same
/// on any day.
pub(crate) const IMPORT_DAY: &str = "2026-12-04";

/// Imports with the core's gazetteer and built-in categories, as the CLI does.
pub(crate) fn import(bytes: &[u8], format: Format, mapping: Option<&str>) -> Imported {
    let germany = Gazetteer::parse(places::GERMANY).unwrap();
    let locate = |query: &str| import_setup::locate(&germany, query, None);
    let known = import_setup::known_categories();
    service_finder_import::import(
        bytes,
        &Options {
            format,
            mapping,
            known_categories: &known,
            places: &locate,
            title: "Import (Test)",
            title_from_file_name: false,
            today: Some(IMPORT_DAY),
        },
    )
    .expect("the source can be read")
}

/// The imported directory must load with the core without errors; returns its entries by id.
fn loads(imported: &Imported) -> Vec<Value> {
    let text = service_finder_import::to_text(&imported.directory);
    let loaded = load_directory(&text).expect("the imported directory loads");
    let errors: Vec<_> = loaded
        .problems
        .iter()
        .filter(|problem| problem.severity == CheckSeverity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        loaded.directory.entries.len(),
        imported.directory["entries"].as_array().unwrap().len()
    );
    imported.directory["entries"].as_array().unwrap().clone()
}

fn entry<'a>(entries: &'a [Value], id: &str) -> &'a Value {
    entries
        .iter()
        .find(|entry| entry["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

/// Asserts a problem at this row and column whose message contains `words`.
fn has_problem(
    imported: &Imported,
    row: usize,
    column: Option<&str>,
    severity: Severity,
    words: &str,
) {
    assert!(
        imported
            .problems
            .iter()
            .any(|problem| problem.row == Some(row)
                && problem.column.as_deref() == column
                && problem.severity == severity
                && problem.message.contains(words)),
        "no {severity:?} at row {row}, column {column:?} with {words:?} in {:#?}",
        imported.problems
    );
}

#[test]
fn a_csv_from_german_excel_in_windows_1252() {
    let imported = import(GERMAN_CSV, Format::Csv, None);
    assert_eq!(imported.records, 7);
    let entries = loads(&imported);
    assert_eq!(
        entries.len(),
        5,
        "the archived row and the row without a name are left out"
    );

    let korbach = entry(&entries, "migrationsberatung-korbach-beispiel");
    assert_eq!(korbach["kind"], "service");
    assert_eq!(korbach["location"]["latitude"], 51.2741, "a decimal comma");
    assert_eq!(korbach["location"]["wheelchair"], "limited");
    assert_eq!(
        korbach["organization"]["name"],
        "Migrationsdienst Nordwaldeck (Beispielträger)"
    );
    assert_eq!(korbach["languages"], serde_json::json!(["de", "ar", "prs"]));
    assert_eq!(
        korbach["categories"],
        serde_json::json!(["migration-counselling"])
    );
    assert_eq!(korbach["phones"][0]["number"], "+49 5631 000 000");
    assert_eq!(korbach["phones"][1]["type"], "fax");
    assert_eq!(
        korbach["schedule"]["opening_hours"],
        "Mo-Fr 09:00-12:00; Th 09:00-12:00,14:00-17:30"
    );
    assert_eq!(korbach["assured_date"], "2026-10-01");

    let cafe = entry(&entries, "sprachcafe-bad-arolsen-beispiel");
    assert_eq!(cafe["kind"], "association");
    assert_eq!(cafe["url"], "https://www.example.org/sprachcafe");
    assert_eq!(
        cafe["phones"].as_array().unwrap().len(),
        2,
        "\"oder\" separates numbers"
    );
    assert_eq!(cafe["phones"][1]["description"], "Anmeldung");
    // German days and times are read into the opening_hours syntax, with a warning to check.
    assert_eq!(cafe["schedule"]["opening_hours"], "Tu 15:00-17:00");
    assert!(cafe["schedule"].get("description").is_none());
    assert!(cafe["description"].as_str().unwrap().contains("Tee.\nAlle"));
    let latitude = cafe["location"]["latitude"].as_f64().unwrap();
    assert!(
        (51.3..51.45).contains(&latitude),
        "Bad Arolsen from the gazetteer: {latitude}"
    );

    let course = entry(&entries, "integrationskurs-frankenberg-beispiel");
    assert_eq!(course["kind"], "course");
    assert_eq!(course["course"]["course_type"], "integration");

    let women = entry(&entries, "frauenberatung-bad-wildungen-beispiel");
    assert_eq!(
        women["location"]["latitude"], 51.119,
        "swapped coordinates put right"
    );
    assert_eq!(women["status"], "temporarily closed");
    assert_eq!(
        women["description"],
        "Beratung für Frauen in allen Lebenslagen.\n\nAuch anonym."
    );
    assert_eq!(
        women["email"], "frauenberatung@example.org",
        "an address hidden from spam robots read"
    );

    let dresden = entry(&entries, "beratungsbus-dresden-beispiel");
    assert_eq!(dresden["location"]["postal_code"], "01067");
    assert_eq!(dresden["url"], "https://example.org/bus");

    has_problem(
        &imported,
        3,
        Some("PLZ"),
        Severity::Warning,
        "set the coordinates for an exact distance",
    );
    has_problem(
        &imported,
        3,
        Some("Website"),
        Severity::Warning,
        "has no https://",
    );
    has_problem(
        &imported,
        3,
        Some("Kategorie"),
        Severity::Warning,
        "\"Fahrdienst\" has no category id",
    );
    has_problem(
        &imported,
        3,
        Some("Öffnungszeiten"),
        Severity::Warning,
        "was read as \"Tu 15:00-17:00\"",
    );
    has_problem(
        &imported,
        4,
        Some("Geprüft am"),
        Severity::Error,
        "\"31.13.2026\" is not a date",
    );
    has_problem(&imported, 5, Some("Status"), Severity::Note, "archiviert");
    has_problem(&imported, 6, None, Severity::Error, "no name");
    has_problem(
        &imported,
        7,
        Some("Sprachen"),
        Severity::Error,
        "Klingonisch",
    );
    has_problem(
        &imported,
        7,
        Some("Breitengrad"),
        Severity::Warning,
        "swapped",
    );
    has_problem(
        &imported,
        7,
        Some("Telefon"),
        Severity::Error,
        "\"nach Absprache\" is not a telephone number",
    );
    has_problem(
        &imported,
        7,
        Some("E-Mail"),
        Severity::Warning,
        "read as the address frauenberatung@example.org",
    );
    has_problem(&imported, 8, Some("PLZ"), Severity::Warning, "leading zero");
    assert!(
        imported
            .problems
            .iter()
            .any(|problem| problem.row.is_none() && problem.message.contains("Windows-1252"))
    );

    // The mapping's first version: every category of the source, with a guess.
    assert!(
        imported
            .mapping
            .contains("\nMigrationsberatung = migration-counselling\n")
    );
    assert!(imported.mapping.contains("\nFrauen = women\n"));
    assert!(imported.mapping.contains("\nFahrdienst =\n"));
}

#[test]
fn the_same_csv_saved_as_csv_utf8_with_a_bom_gives_the_same_directory() {
    let text = windows_1252_text(GERMAN_CSV);
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let from_cp1252 = import(GERMAN_CSV, Format::Csv, None);
    let from_utf8 = import(&utf8, Format::Csv, None);
    assert_eq!(from_cp1252.directory, from_utf8.directory);
    assert!(
        !from_utf8
            .problems
            .iter()
            .any(|problem| problem.message.contains("Windows-1252"))
    );
}

/// The fixture's Windows-1252 as text: its letters (ä ö ü ß é) are Latin-1, and the one other
/// character is the dash "–".
fn windows_1252_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&byte| match byte {
            0x96 => '–',
            byte => char::from(byte),
        })
        .collect()
}

#[test]
fn the_mapping_file_decides_and_new_categories_are_guessed() {
    let mapping = "# mine\nFahrdienst = mobility\nSprachkurs = language-courses\nFrauen = women, legal-advice\n";
    let imported = import(GERMAN_CSV, Format::Csv, Some(mapping));
    let entries = loads(&imported);
    let cafe = entry(&entries, "sprachcafe-bad-arolsen-beispiel");
    assert_eq!(
        cafe["categories"],
        serde_json::json!(["language-courses", "mobility"])
    );
    assert_eq!(
        imported.directory["categories"],
        serde_json::json!([{ "id": "mobility", "name": { "de": "Fahrdienst" } }]),
        "an id that is not built in becomes the directory's own category"
    );
    let women = entry(&entries, "frauenberatung-bad-wildungen-beispiel");
    assert_eq!(
        women["categories"],
        serde_json::json!(["women", "legal-advice"])
    );
    assert!(imported.mapping.contains(
        "Frauen = women, legal-advice\n# Vom Import geraten, bitte prüfen (guessed by the importer: check these):\nMigrationsberatung = migration-counselling\n"
    ));
}

#[test]
fn integreat_csv_columns_with_weekly_time_slots() {
    let imported = import(INTEGREAT_CSV, Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries.len(), 3);
    let centre = entry(&entries, "willkommenszentrum-korbach-beispiel");
    assert_eq!(
        centre["schedule"]["opening_hours"],
        "Mo-We,Fr 09:00-12:00; Th 14:00-18:00"
    );
    assert_eq!(
        centre["schedule"]["description"],
        "Nur mit Termin: Th\nTermine online: https://example.org/termine"
    );
    assert_eq!(centre["phones"].as_array().unwrap().len(), 2);
    assert_eq!(centre["location"]["wheelchair"], "yes");
    assert_eq!(centre["categories"], serde_json::json!(["first-steps"]));
    let youth = entry(&entries, "jugendtreff-willingen-beispiel");
    assert_eq!(youth["status"], "temporarily closed");
    assert_eq!(
        youth["schedule"]["opening_hours"],
        "Fr 15:00-24:00; Sa 00:00-24:00"
    );
    assert_eq!(youth["categories"], serde_json::json!(["youth"]));
    has_problem(
        &imported,
        3,
        Some("postal_code"),
        Severity::Warning,
        "set the coordinates for an exact distance",
    );
    has_problem(
        &imported,
        4,
        Some("longitude"),
        Severity::Error,
        "\"north\" is not a number",
    );
    has_problem(
        &imported,
        4,
        Some("monday_start"),
        Severity::Error,
        "not a time",
    );
}

#[test]
fn integreat_locations_api() {
    let imported = import(INTEGREAT_JSON, Format::Integreat, None);
    assert_eq!(imported.records, 4, "the archived location is not a record");
    let entries = loads(&imported);
    assert_eq!(entries.len(), 3);
    let counselling = entry(&entries, "101");
    assert_eq!(
        counselling["description"],
        "Beratung zu Aufenthalt, Arbeit und Wohnen.\n\nSprachen: Deutsch, Arabisch & Englisch."
    );
    assert_eq!(
        counselling["schedule"]["opening_hours"],
        "Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-18:00"
    );
    let numbers: Vec<&str> = counselling["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|phone| phone["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["06451 000 000", "06451 000 001", "0151 000 0000"]);
    assert_eq!(
        counselling["organization"]["website"],
        "https://example.org/verbund"
    );
    assert_eq!(counselling["location"]["latitude"], 51.059);
    assert_eq!(counselling["last_modified"], "2026-10-20");
    let cafe = entry(&entries, "102");
    assert_eq!(
        cafe["appointment_required"], true,
        "every open day is by appointment only"
    );
    assert_eq!(cafe["schedule"]["opening_hours"], "We 15:00-17:00");
    has_problem(
        &imported,
        1,
        Some("website"),
        Severity::Warning,
        "has no https://",
    );
    has_problem(
        &imported,
        2,
        Some("location.postcode"),
        Severity::Warning,
        "set the coordinates",
    );
    has_problem(&imported, 3, Some("archived"), Severity::Note, "archived");
    has_problem(&imported, 4, None, Severity::Error, "no name");
    assert_eq!(
        entry(&entries, "105")["schedule"]["opening_hours"],
        "Mo 09:00-12:00"
    );
}

#[test]
fn municipal_open_data_as_geojson() {
    assert_eq!(
        Format::guess("stellen.json", GEOJSON),
        Some(Format::GeoJson)
    );
    let imported = import(GEOJSON, Format::GeoJson, None);
    let entries = loads(&imported);
    assert_eq!(entries.len(), 4);
    let family = entry(&entries, "familienzentrum-twistetal-beispiel");
    assert_eq!(family["location"]["address_1"], "Kirchstraße 4");
    assert_eq!(
        family["location"]["postal_code"], "34477",
        "a number in the source"
    );
    assert_eq!(family["location"]["latitude"], 51.337);
    assert_eq!(family["phones"].as_array().unwrap().len(), 2);
    assert_eq!(family["url"], "https://www.example.org/familienzentrum");
    assert_eq!(family["categories"], serde_json::json!(["children-family"]));
    let unnamed = entry(
        &entries,
        "migrationsberatung-diakonie-edertal-beispiel-edertal",
    );
    assert_eq!(
        unnamed["organization"]["name"],
        "Diakonie Edertal (Beispiel)"
    );
    assert_eq!(unnamed["location"]["address_1"], "Am Bahnhof 2");
    assert_eq!(
        unnamed["phones"].as_array().unwrap().len(),
        2,
        "a list of numbers"
    );
    let middle = entry(&entries, "begegnungsstaette-haina-beispiel")["location"]["latitude"]
        .as_f64()
        .unwrap();
    assert!(
        (middle - 51.025).abs() < 1e-9,
        "the middle of the polygon: {middle}"
    );
    has_problem(
        &imported,
        2,
        Some("properties.name"),
        Severity::Warning,
        "no name of its own",
    );
    has_problem(
        &imported,
        3,
        Some("properties.farbe"),
        Severity::Warning,
        "not known",
    );
    has_problem(
        &imported,
        3,
        Some("properties.postcode"),
        Severity::Warning,
        "set the coordinates for an exact distance",
    );
    has_problem(
        &imported,
        4,
        Some("geometry"),
        Severity::Warning,
        "not a point",
    );
    has_problem(&imported, 5, None, Severity::Error, "no properties");
    let rows: Vec<usize> = imported
        .problems
        .iter()
        .filter_map(|problem| problem.row)
        .collect();
    assert!(
        rows.is_sorted(),
        "problems in the order of the source: {rows:?}"
    );
}

#[test]
fn open_referral_hsds_services() {
    assert_eq!(Format::guess("services.json", HSDS), Some(Format::Hsds));
    let imported = import(HSDS, Format::Hsds, None);
    let entries = loads(&imported);
    assert_eq!(entries.len(), 2, "the defunct service is skipped");
    let recognition = entry(&entries, "5b0c6a7e-0f1e-4c11-9a61-2f7c4a000001");
    assert_eq!(
        recognition["categories"],
        serde_json::json!(["recognition"])
    );
    assert_eq!(
        recognition["languages"],
        serde_json::json!(["de", "ar", "ti"])
    );
    assert_eq!(recognition["location"]["address_1"], "Südring 2");
    assert_eq!(recognition["location"]["latitude"], 51.2745);
    assert_eq!(recognition["phones"][1]["type"], "fax");
    assert_eq!(
        recognition["schedule"],
        serde_json::json!({
            "opening_hours": "Mo-We 09:00-12:00; Th 14:00-18:00",
            "description": "Donnerstags nur mit Termin."
        })
    );
    assert_eq!(recognition["last_modified"], "2026-10-02");
    let housing = entry(&entries, "5b0c6a7e-0f1e-4c11-9a61-2f7c4a000003");
    assert_eq!(housing["phones"][0]["number"], "+49 5693 000 000");
    has_problem(&imported, 2, Some("status"), Severity::Note, "defunct");
    // The first Monday of each month; a yearly schedule is more than opening hours can say.
    assert_eq!(housing["schedule"]["opening_hours"], "Mo[1] 10:00-12:00");
    has_problem(
        &imported,
        3,
        Some("schedules[1].freq"),
        Severity::Warning,
        "only weekly and monthly",
    );
    has_problem(
        &imported,
        3,
        Some("service_at_locations[0].location.addresses[0].postal_code"),
        Severity::Warning,
        "set the coordinates for an exact distance",
    );
}

/// The German columns in a spreadsheet, with some cells as numbers, as officers type them.
const SHEET: &[&[Cell]] = &[
    &[
        Cell::Text("Name"),
        Cell::Text("Kategorie"),
        Cell::Text("PLZ"),
        Cell::Text("Ort"),
        Cell::Text("Breitengrad"),
        Cell::Text("Längengrad"),
        Cell::Text("Telefon"),
        Cell::Text("Website"),
        Cell::Text("Lieblingsfarbe"),
    ],
    &[
        Cell::Text("Stadtteilmütter Korbach (Beispiel)"),
        Cell::Text("Kinder und Familie"),
        Cell::Number(34497.0),
        Cell::Text("Korbach"),
        Cell::Number(51.2756),
        Cell::Number(8.873),
        Cell::Number(5631000000.0),
        Cell::Text("example.org/muetter"),
        Cell::Text("blau"),
    ],
    &[
        Cell::Text("Lernpaten Dresden (Beispiel)"),
        Cell::Text("Ehrenamt"),
        Cell::Number(1067.0),
        Cell::Text("Dresden"),
        Cell::Empty,
        Cell::Empty,
        Cell::Text("+49 351 000 000"),
        Cell::Text("https://example.org/lernpaten"),
        Cell::Empty,
    ],
];

#[derive(Clone, Copy)]
enum Cell {
    Text(&'static str),
    Number(f64),
    Empty,
}

fn check_sheet_import(imported: &Imported) {
    let entries = loads(imported);
    assert_eq!(entries.len(), 2);
    let mothers = entry(&entries, "stadtteilmuetter-korbach-beispiel");
    assert_eq!(mothers["location"]["postal_code"], "34497");
    assert_eq!(mothers["location"]["latitude"], 51.2756);
    assert_eq!(
        mothers["phones"][0]["number"], "05631000000",
        "the lost zero put back"
    );
    assert_eq!(
        mothers["categories"],
        serde_json::json!(["children-family"])
    );
    let mentors = entry(&entries, "lernpaten-dresden-beispiel");
    assert_eq!(mentors["location"]["postal_code"], "01067");
    assert!(mentors["location"]["latitude"].as_f64().unwrap() > 50.9);
    has_problem(
        imported,
        1,
        Some("Lieblingsfarbe"),
        Severity::Warning,
        "not known",
    );
    has_problem(
        imported,
        2,
        Some("Telefon"),
        Severity::Warning,
        "leading zero",
    );
    has_problem(
        imported,
        2,
        Some("Website"),
        Severity::Warning,
        "has no https://",
    );
    has_problem(imported, 3, Some("PLZ"), Severity::Warning, "leading zero");
    has_problem(
        imported,
        3,
        Some("PLZ"),
        Severity::Warning,
        "set the coordinates for an exact distance",
    );
}

#[test]
fn an_xlsx_workbook() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, cells) in SHEET.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            let (row, column) = (row as u32, column as u16);
            match cell {
                Cell::Text(text) => sheet.write_string(row, column, *text).map(|_| ()),
                Cell::Number(number) => sheet.write_number(row, column, *number).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(Format::guess("angebote.xlsx", &bytes), Some(Format::Xlsx));
    assert_eq!(Format::guess("angebote", &bytes), Some(Format::Xlsx));
    check_sheet_import(&import(&bytes, Format::Xlsx, None));
}

/// A county's own list as officers keep it: a title merged over the columns above the header,
/// "PLZ/Ort" in one column, one heading merged over two columns, a column without a heading,
/// and phone numbers with the area code in brackets or "(0)" after the country code.
#[test]
fn an_officers_own_workbook_loses_nothing() {
    use rust_xlsxwriter::Format as CellFormat;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = CellFormat::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            6,
            "Integrationsangebote im Landkreis – Stand November 2026",
            &plain,
        )
        .unwrap();
    for (column, heading) in ["Angebot", "Straße", "PLZ/Ort", "Telefon"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *heading).unwrap();
    }
    sheet
        .merge_range(1, 4, 1, 5, "Öffnungszeiten", &plain)
        .unwrap();
    let rows = [
        [
            "Beratung Korbach (Beispiel)",
            "Südring 2",
            "34497 Korbach",
            "(05631) 96 54-0",
            "Mo-Do 8-12 Uhr",
            "und nach Vereinbarung",
            "Hinweis A",
        ],
        [
            "Sprachcafé (Beispiel)",
            "Hauptstraße 1",
            "D-35066 Frankenberg (Eder)",
            "+49 (0) 6451 000-1234",
            "Di 14-16 Uhr",
            "",
            "",
        ],
    ];
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(row as u32 + 2, column as u16, *cell)
                    .unwrap();
            }
        }
    }
    // A source note below the table, after an empty row: not an entry called so.
    sheet
        .write_string(5, 0, "Quelle: Landkreis Waldeck-Frankenberg")
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let imported = import(&bytes, Format::Xlsx, None);
    let entries = loads(&imported);
    assert_eq!(entries.len(), 2, "{:#?}", imported.problems);
    has_problem(
        &imported,
        1,
        None,
        Severity::Note,
        "\"Integrationsangebote im Landkreis – Stand November 2026\" stands above the header row",
    );
    has_problem(
        &imported,
        3,
        Some("G"),
        Severity::Warning,
        "column G has no heading; its values are not imported (rows: 3)",
    );
    has_problem(
        &imported,
        6,
        None,
        Severity::Note,
        "\"Quelle: Landkreis Waldeck-Frankenberg\" stands below the table, after an empty row",
    );

    // Each entry's row, for the core's problems on the checker page.
    let rows: Vec<usize> = imported.entry_rows.iter().map(|(_, row)| *row).collect();
    assert_eq!(rows, [3, 4]);
    assert_eq!(imported.entry_rows[0].0, entries[0]["id"].as_str().unwrap());

    let korbach = &entries[0];
    assert_eq!(korbach["location"]["address_1"], "Südring 2");
    assert_eq!(korbach["location"]["postal_code"], "34497");
    assert_eq!(korbach["location"]["city"], "Korbach");
    assert_eq!(
        korbach["phones"][0]["number"],
        "(05621) 96 54-0".replace("05621", "05631")
    );
    assert!(korbach["phones"][0].get("description").is_none());
    // Both columns under the merged heading: the days and times for "open now", the rest in
    // the schedule's words.
    assert_eq!(korbach["schedule"]["opening_hours"], "Mo-Th 08:00-12:00");
    assert_eq!(korbach["schedule"]["description"], "und nach Vereinbarung");

    let cafe = &entries[1];
    assert_eq!(cafe["location"]["postal_code"], "35066");
    assert_eq!(cafe["location"]["city"], "Frankenberg (Eder)");
    assert_eq!(
        cafe["phones"][0]["number"], "+49 6451 000-1234",
        "the (0) is not dialled"
    );
}

/// Fees that say only "kostenlos" in a sheet without a "Kostenlos" column: free of charge, which
/// the card shows and the filter finds in the newcomer's language, instead of a German word.
#[test]
fn fees_that_say_only_free_of_charge_make_the_entry_free() {
    let csv = "Name;Ort;Kosten\nBeratung (Beispiel);Korbach;kostenlos\nKurs (Beispiel);Korbach;5 € pro Monat\nTreff (Beispiel);Korbach;kostenlos für Geflüchtete\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries[0]["free_of_charge"], true);
    assert_eq!(entries[0].get("fees_description"), None);
    has_problem(
        &imported,
        2,
        Some("Kosten"),
        Severity::Note,
        "\"kostenlos\" was read as: free of charge",
    );
    for (entry, fees) in entries[1..]
        .iter()
        .zip(["5 € pro Monat", "kostenlos für Geflüchtete"])
    {
        assert_eq!(entry.get("free_of_charge"), None, "{fees}");
        assert_eq!(entry["fees_description"], fees);
    }
    // Free, and what the advice is like: both, the text kept.
    let csv = "Name;Ort;Kosten\nBeratung (Beispiel);Korbach;Die Beratung ist kostenlos und vertraulich.\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries[0]["free_of_charge"], true);
    assert_eq!(
        entries[0]["fees_description"],
        "Die Beratung ist kostenlos und vertraulich."
    );
    has_problem(
        &imported,
        2,
        Some("Kosten"),
        Severity::Note,
        "the text is kept",
    );
    // The "Kostenlos" column decides where there is one.
    let csv = "Name;Ort;Kostenlos;Kosten\nBeratung (Beispiel);Korbach;nein;kostenlos\n";
    let entries = loads(&import(csv.as_bytes(), Format::Csv, None));
    assert_eq!(entries[0]["free_of_charge"], false);
    assert_eq!(entries[0]["fees_description"], "kostenlos");
}

/// Columns of contact persons' names and of the office's own notes are not imported, and the
/// officer is told why, not just that they are unknown.
#[test]
fn columns_of_people_and_of_own_notes_are_not_published() {
    let csv = "Name;Ort;Ansprechpartner/in;Bemerkungen\nBeratung (Beispiel);Korbach;Frau Beispiel;nur dienstags besetzt?\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let text = serde_json::to_string(&entries[0]).unwrap();
    assert!(
        !text.contains("Frau Beispiel") && !text.contains("dienstags"),
        "{text}"
    );
    has_problem(
        &imported,
        1,
        Some("Ansprechpartner/in"),
        Severity::Note,
        "names people without their numbers; its values are not imported (a contact person, desk or team with its own number or e-mail goes on the sheet \"Ansprechpersonen\")",
    );
    has_problem(
        &imported,
        1,
        Some("Bemerkungen"),
        Severity::Note,
        "holds the office's own notes; its values are not imported, so none of them is published",
    );
}

/// Notes under a table after an empty row ("Quelle: …", "* ohne Gewähr"), one cell each, are
/// not entries; a row of one cell within the table, or right below it, still is one.
#[test]
fn notes_below_a_table_are_not_entries() {
    let csv = "Name;Ort;PLZ\nBeratung (Beispiel);Korbach;34497\nSprachcafé (Beispiel);;\n;;\nQuelle: Landkreis;;\n* Angaben ohne Gewähr;;\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let names: Vec<&str> = entries
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Beratung (Beispiel)", "Sprachcafé (Beispiel)"]);
    has_problem(
        &imported,
        5,
        None,
        Severity::Note,
        "\"Quelle: Landkreis\" stands below the table, after an empty row; it is not an entry (row skipped)",
    );
    has_problem(
        &imported,
        6,
        None,
        Severity::Note,
        "\"* Angaben ohne Gewähr\" stands below the table",
    );
    // Without the empty row, the last row is an entry with only its name.
    let csv = "Name;Ort\nBeratung (Beispiel);Korbach\nSprachcafé (Beispiel);\n";
    assert_eq!(loads(&import(csv.as_bytes(), Format::Csv, None)).len(), 2);
}

/// A CSV saved from a sheet with "Telefon" over two columns: the second has no heading. Its
/// numbers join the first's; a column without a heading after a text is not taken.
#[test]
fn a_csv_column_without_a_heading_beside_the_phones_is_added_to_them() {
    let csv = "Name;Telefon;;Beschreibung;\nBeratung (Beispiel);05631 1000;0170 1000000;Text;nur intern\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let numbers: Vec<&str> = entries[0]["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|phone| phone["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["05631 1000", "0170 1000000"]);
    assert_eq!(entries[0]["description"], "Text");
    has_problem(
        &imported,
        2,
        Some("C"),
        Severity::Warning,
        "its values were added to those of \"Telefon\" beside it",
    );
    has_problem(
        &imported,
        2,
        Some("E"),
        Severity::Warning,
        "column E has no heading; its values are not imported (rows: 2)",
    );
}

/// Rows without an id get one made from name and town, which changes when the entry is
/// renamed: the officer is told once for the file, with an example, so that links newcomers
/// shared keep working.
#[test]
fn a_table_without_ids_says_that_renaming_changes_them() {
    let without_ids = |problems: &[service_finder_import::Problem]| -> Vec<String> {
        problems
            .iter()
            .filter(|problem| problem.message.starts_with("no id for"))
            .map(|problem| {
                assert_eq!((problem.row, problem.severity), (None, Severity::Note));
                problem.message.clone()
            })
            .collect()
    };
    let csv = "ID;Name;Ort\nwf-1;Beratung (Beispiel);Korbach\n;Sprachcafé (Beispiel);Bad Arolsen\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries[1]["id"], "sprachcafe-beispiel-bad-arolsen");
    let notes = without_ids(&imported.problems);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with(
            "no id for 1 of the 2 entries: their ids are made from name and town (\"sprachcafe-beispiel-bad-arolsen\")"
        ),
        "{}",
        notes[0]
    );
    // Every row with its id: nothing to say.
    let csv =
        "ID;Name;Ort\nwf-1;Beratung (Beispiel);Korbach\nwf-2;Sprachcafé (Beispiel);Bad Arolsen\n";
    assert_eq!(
        without_ids(&import(csv.as_bytes(), Format::Csv, None).problems),
        Vec::<String>::new()
    );
}

#[test]
fn an_address_with_postcode_and_town_in_one_cell_is_placed() {
    let csv = "Name;Adresse\nBeratung (Beispiel);Südring 2, 34497 Korbach\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let location = &entries[0]["location"];
    assert_eq!(location["address_1"], "Südring 2");
    assert_eq!(location["postal_code"], "34497");
    assert_eq!(location["city"], "Korbach");
    assert!(
        location["latitude"].as_f64().is_some(),
        "placed by its postcode"
    );
}

#[test]
fn an_ods_spreadsheet() {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Angebote">"#,
    );
    for cells in SHEET {
        content.push_str("<table:table-row>");
        for cell in *cells {
            content.push_str(&match cell {
                Cell::Text(text) => format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
                ),
                Cell::Number(number) => format!(
                    r#"<table:table-cell office:value-type="float" office:value="{number}"><text:p>{number}</text:p></table:table-cell>"#
                ),
                Cell::Empty => "<table:table-cell/>".to_owned(),
            });
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(Format::guess("angebote", &bytes), Some(Format::Ods));
    check_sheet_import(&import(&bytes, Format::Ods, None));
}

#[test]
fn unreadable_sources_are_one_clear_error() {
    let options = |format| Options {
        format,
        mapping: None,
        known_categories: &[],
        places: &|_: &str| None,
        title: "x",
        title_from_file_name: false,
        today: Some(IMPORT_DAY),
    };
    for (bytes, format, words) in [
        (&b""[..], Format::Csv, "no rows"),
        (
            b"Ort;PLZ\nKorbach;34497\n",
            Format::Csv,
            "no column for the names (\"Name\", \"Bezeichnung\", \"Angebot\" or \"Einrichtung\")",
        ),
        (b"PK\x03\x04 broken", Format::Xlsx, "cannot be read"),
        (b"not a zip", Format::Ods, "cannot be read"),
        (b"[1, 2", Format::Integreat, "line 1, column 5"),
        (b"{\"a\": 1}", Format::Integreat, "not a list"),
    ] {
        let error = service_finder_import::import(bytes, &options(format)).unwrap_err();
        assert!(error.message.contains(words), "{format:?}: {error}");
    }
}

#[test]
fn cut_and_mixed_up_sources_end_in_a_result_or_an_error_never_a_panic() {
    let places = |_: &str| {
        Some(Point {
            latitude: 51.0,
            longitude: 9.0,
        })
    };
    let formats = [
        Format::Csv,
        Format::Xlsx,
        Format::Ods,
        Format::Integreat,
        Format::GeoJson,
        Format::Hsds,
    ];
    for source in [GERMAN_CSV, INTEGREAT_CSV, INTEGREAT_JSON, GEOJSON, HSDS] {
        for cut in (0..source.len()).step_by(97).chain([source.len()]) {
            for format in formats {
                let options = Options {
                    format,
                    mapping: Some("a = b\n= \n=\nUnsinn"),
                    known_categories: &[],
                    places: &places,
                    title: "x",
                    title_from_file_name: false,
                    today: Some(IMPORT_DAY),
                };
                let _ = service_finder_import::import(&source[..cut], &options);
            }
        }
    }
}

#[test]
fn the_cli_writes_the_directory_and_the_mapping_and_lists_problems_by_row_and_column() {
    let directory =
        std::env::temp_dir().join(format!("service-finder-import-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let source = directory.join("kontakte.csv");
    std::fs::write(&source, GERMAN_CSV).unwrap();
    let output = directory.join("verzeichnis.json");
    let output_text = output.to_str().unwrap();
    let run = service_finder(&["import", source.to_str().unwrap(), "--output", output_text]);
    let printed = stdout(&run);
    assert_eq!(
        run.status.code(),
        Some(1),
        "the source has errors: {printed}"
    );
    let source_name = source.display().to_string();
    assert!(
        printed.contains(&format!(
            "{source_name}:7: warning: entry \"frauenberatung-bad-wildungen-beispiel\", column E-Mail: \"frauenberatung(at)example.org\" was read as the address frauenberatung@example.org (value corrected)"
        )),
        "{printed}"
    );
    assert!(printed.contains(&format!(
        "{source_name}: imported 5 of 7 records into {output_text}"
    )));
    assert!(printed.contains(&format!("{output_text}: ok: 5 entries, 5 valid")));
    let written = std::fs::read_to_string(&output).unwrap();
    assert!(load_directory(&written).is_ok());
    let mapping = std::fs::read_to_string(directory.join("kontakte.categories.txt")).unwrap();
    assert!(mapping.contains("\nFahrdienst =\n"));

    // The officer fills in the mapping; the next run uses it and adds nothing.
    std::fs::write(
        directory.join("kontakte.categories.txt"),
        mapping.replace("\nFahrdienst =\n", "\nFahrdienst = mobility\n"),
    )
    .unwrap();
    let run = service_finder(&["import", source.to_str().unwrap(), "--output", output_text]);
    assert!(!stdout(&run).contains("\"Fahrdienst\" has no category id"));
    let written = std::fs::read_to_string(&output).unwrap();
    assert!(written.contains("\"mobility\""));
    std::fs::remove_dir_all(&directory).unwrap();
}

/// The files of the HSDS tabular package fixture (an unpacked data package).
fn hsds_package_files() -> Vec<(String, Vec<u8>)> {
    let folder = format!(
        "{}/tests/fixtures/import/hsds-paket",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|item| {
            let path = item.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn check_hsds_package_import(imported: &Imported) {
    assert_eq!(imported.records, 3);
    let entries = loads(imported);
    assert_eq!(entries.len(), 2, "the inactive service is skipped");
    let counselling = entry(&entries, "7d1c3e0a-0001-4a8e-9b0e-000000000001");
    assert_eq!(
        counselling["organization"]["name"],
        "Beispiel-Wohlfahrtsverband Waldeck"
    );
    // The physical address, not the postal one (Postfach) that comes first in addresses.csv.
    assert_eq!(counselling["location"]["address_1"], "Musterstraße 1");
    assert_eq!(counselling["location"]["latitude"], 51.2754);
    assert_eq!(
        counselling["phones"],
        serde_json::json!([
            { "number": "05631 000 000", "description": "Zentrale" },
            { "number": "05631 000 001", "type": "fax" }
        ])
    );
    assert_eq!(counselling["languages"], serde_json::json!(["de", "ar"]));
    assert_eq!(
        counselling["categories"],
        serde_json::json!(["migration-counselling"])
    );
    assert_eq!(
        counselling["schedule"]["opening_hours"],
        "Mo-We,Fr 09:00-12:00; Th 09:00-12:00,14:00-17:00"
    );
    // A location without coordinates gets its postcode's centre, with a warning on the line of
    // the service in services.csv (the header is line 1).
    has_problem(
        imported,
        3,
        Some("service_at_locations[0].location.addresses[0].postal_code"),
        Severity::Warning,
        "approximate",
    );
    has_problem(imported, 4, Some("status"), Severity::Note, "skipped");
}

#[test]
fn an_hsds_tabular_data_package_as_a_folder_and_as_a_zip() {
    let files = hsds_package_files();
    let germany = Gazetteer::parse(places::GERMANY).unwrap();
    let locate = |query: &str| import_setup::locate(&germany, query, None);
    let known = import_setup::known_categories();
    let options = Options {
        format: Format::Hsds,
        mapping: None,
        known_categories: &known,
        places: &locate,
        title: "Import (Test)",
        title_from_file_name: false,
        today: Some(IMPORT_DAY),
    };
    let from_folder = service_finder_import::import_hsds_tables(&files, &options).unwrap();
    check_hsds_package_import(&from_folder);

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &files {
        // In a folder of its own, as a download unpacks.
        zip.start_file(
            format!("beratungsstellen/{name}"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(bytes).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(Format::guess("paket.zip", &bytes), Some(Format::Hsds));
    let from_zip = import(&bytes, Format::Hsds, None);
    assert_eq!(from_zip.directory, from_folder.directory);
    check_hsds_package_import(&from_zip);

    // Without services.csv, or as a broken zip: one clear error.
    let without_services: Vec<_> = files
        .iter()
        .filter(|(name, _)| name != "services.csv")
        .cloned()
        .collect();
    let error = service_finder_import::import_hsds_tables(&without_services, &options).unwrap_err();
    assert!(error.message.contains("services.csv"), "{error}");
    let error = service_finder_import::import(&bytes[..bytes.len() / 2], &options).unwrap_err();
    assert!(error.message.contains("zip"), "{error}");
}

#[test]
fn the_cli_imports_an_hsds_package_folder() {
    let folder =
        std::env::temp_dir().join(format!("service-finder-import-hsds-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let package = format!(
        "{}/tests/fixtures/import/hsds-paket",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = folder.join("verzeichnis.json");
    let mapping = folder.join("kategorien.txt");
    let result = service_finder(&[
        "import",
        &package,
        "--mapping",
        mapping.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let text = stdout(&result);
    assert!(text.contains("imported 2 of 3 records"), "{text}");
    let directory: Value = serde_json::from_slice(&std::fs::read(&output).unwrap()).unwrap();
    assert_eq!(directory["entries"].as_array().unwrap().len(), 2);
}

#[test]
fn the_region_option_sets_the_region_and_finds_its_own_town_of_a_name() {
    let folder = std::env::temp_dir().join(format!(
        "service-finder-import-region-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&folder).unwrap();
    let source = folder.join("orte.csv");
    // Lichtenfels is a town in Waldeck-Frankenberg (Hesse) and a larger one in Upper Franconia.
    std::fs::write(&source, "Name;Ort\nBeratung (Beispiel);Lichtenfels\n").unwrap();
    let run = |region: Option<&str>| -> Value {
        let output = folder.join("verzeichnis.json");
        let mut args = vec![
            "import",
            source.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ];
        if let Some(region) = region {
            args.extend(["--region", region]);
        }
        let result = service_finder(&args);
        assert!(result.status.success(), "{}", stdout(&result));
        serde_json::from_slice(&std::fs::read(&output).unwrap()).unwrap()
    };
    let latitude = |directory: &Value| {
        directory["entries"][0]["location"]["latitude"]
            .as_f64()
            .unwrap()
    };
    let anywhere = run(None);
    assert!(latitude(&anywhere) < 50.5, "the Bavarian one by default");
    assert!(anywhere.get("region").is_none());
    for region in ["06635", "Waldeck-Frankenberg"] {
        let home = run(Some(region));
        assert!((51.1..51.2).contains(&latitude(&home)), "{region}");
        assert_eq!(home["region"]["ags"], "06635");
        assert_eq!(home["region"]["name"], "Landkreis Waldeck-Frankenberg");
    }
    let unknown = service_finder(&["import", source.to_str().unwrap(), "--region", "Atlantis"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no district"));
}

#[test]
fn a_region_is_found_by_key_or_name_and_an_unclear_name_lists_the_candidates() {
    let germany = Gazetteer::parse(places::GERMANY).unwrap();
    let by_key = import_setup::Region::find(&germany, "06635").unwrap();
    let by_name = import_setup::Region::find(&germany, "waldeck-frankenberg").unwrap();
    assert_eq!(by_key.to_json(), by_name.to_json());
    assert_eq!(by_key.to_json()["name"], "Landkreis Waldeck-Frankenberg");
    // The mean of the county's places lies inside it.
    assert!((51.0..51.4).contains(&by_key.centre.latitude));
    assert!((8.5..9.2).contains(&by_key.centre.longitude));
    let unclear = import_setup::Region::find(&germany, "Neustadt")
        .err()
        .unwrap();
    assert!(unclear.contains("several districts match"), "{unclear}");
    assert!(unclear.contains("give the key"), "{unclear}");
}

#[test]
fn a_row_twice_an_impossible_date_a_postcode_missing_a_digit_and_a_note_are_reported_by_row() {
    // The officer's own heading for the names ("Einrichtung"), as German Excel saves CSV.
    let csv = "Einrichtung;PLZ;Ort;Geprüft am\n\
               Kleiderkammer (Beispiel);34497;Korbach;01.03.2027\n\
               Kleiderkammer (Beispiel);34497;Korbach;01.03.2027\n\
               Hausaufgabenhilfe (Beispiel);3516;Lichtenfels;31.02.2027\n\
               Sprachcafé (Beispiel);1067;Dresden;29.02.2028\n\
               ;;Stand: November 2026;\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let names: Vec<&str> = entries
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Kleiderkammer (Beispiel)",
            "Hausaufgabenhilfe (Beispiel)",
            "Sprachcafé (Beispiel)"
        ],
        "the copied row is left out"
    );
    has_problem(&imported, 3, None, Severity::Warning, "the same as row 2");
    // 03516 is no postcode: no leading zero is put back, the town alone places the entry.
    has_problem(
        &imported,
        4,
        Some("PLZ"),
        Severity::Error,
        "3516 has four digits, and 03516 is not a German postcode either",
    );
    assert!(entries[1]["location"].get("postal_code").is_none());
    // There is no 31 February: said at the row and column, not by the loader afterwards.
    has_problem(
        &imported,
        4,
        Some("Geprüft am"),
        Severity::Error,
        "\"31.02.2027\" is not a date",
    );
    assert!(entries[1].get("assured_date").is_none());
    // 1067 is Dresden's 01067, and 2028 has a 29 February.
    has_problem(
        &imported,
        5,
        Some("PLZ"),
        Severity::Warning,
        "its leading zero was put back",
    );
    assert_eq!(entries[2]["location"]["postal_code"], "01067");
    assert_eq!(entries[2]["assured_date"], "2028-02-29");
    // A note under the list is a note, not an entry without a name.
    has_problem(&imported, 6, Some("Ort"), Severity::Note, "read as a note");
    assert!(
        !imported
            .problems
            .iter()
            .any(|problem| problem.row == Some(6) && problem.severity == Severity::Error)
    );
    // Every one of these is said in German to the officers.
    for problem in &imported.problems {
        let german = service_finder_import::explain(
            &problem.message,
            service_finder_import::Language::German,
        );
        assert_ne!(
            german, problem.message,
            "no German for {:?}",
            problem.message
        );
    }
}

#[test]
fn the_templates_example_left_beside_an_officers_own_name_is_pointed_out() {
    // The example row overwritten in German only: its English name and description stayed.
    let csv = "Name;Name (en);Beschreibung (en);Ort;Termin\n\
               Sprachtreff Korbach (Beispiel);Migration counselling for adults (example);Advice on residence, language courses, work and housing. Fictitious example.;Korbach;nein\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    loads(&imported);
    for column in ["Name (en)", "Beschreibung (en)"] {
        has_problem(
            &imported,
            2,
            Some(column),
            Severity::Warning,
            "still holds the template's example",
        );
    }
    // "nein" and "Korbach" are the example's too, and may well be the officer's: not named.
    let remnants = imported
        .problems
        .iter()
        .filter(|problem| problem.message.contains("template's example"))
        .count();
    assert_eq!(remnants, 2, "{:#?}", imported.problems);
}

#[test]
fn the_templates_example_row_left_in_is_not_published() {
    // The template as downloaded, with the officer's own entry under its example row.
    let mut csv = String::from_utf8(service_finder_import::template::csv()).unwrap();
    csv.push_str("\n;Sprachcafé Korbach;;;;;;;;;;;;Korbach\n");
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let names: Vec<&Value> = entries.iter().map(|entry| &entry["name"]).collect();
    assert_eq!(names.len(), 1, "only the officer's entry: {names:?}");
    assert!(names[0].to_string().contains("Sprachcafé"), "{names:?}");
    has_problem(
        &imported,
        2,
        Some("Name"),
        Severity::Warning,
        "the row is the template's example (row skipped)",
    );
}

/// The template filled in as an officer does: the town with its postcode in "Ort", and on the
/// sheet "Verzeichnis" the region's name and key, the key typed as a number (Excel keeps
/// 6635 for 06635), and no position.
#[test]
fn a_region_without_its_position_and_a_town_with_its_postcode() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in ["Name", "PLZ", "Ort"].iter().enumerate() {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    sheet.write_string(1, 0, "Sprachcafé Korbach").unwrap();
    sheet.write_string(1, 2, "34497 Korbach").unwrap();
    sheet.write_string(2, 0, "Frauentreff Frankenberg").unwrap();
    sheet.write_number(2, 1, 35066.0).unwrap();
    sheet
        .write_string(2, 2, "35066 Frankenberg (Eder)")
        .unwrap();
    let directory = workbook.add_worksheet();
    directory
        .set_name(service_finder_import::columns::sheets::DIRECTORY)
        .unwrap();
    directory.write_string(0, 0, "Region").unwrap();
    directory
        .write_string(0, 1, "Landkreis Waldeck-Frankenberg")
        .unwrap();
    directory.write_string(1, 0, "Region AGS").unwrap();
    directory.write_number(1, 1, 6635.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let imported = import(&bytes, Format::Xlsx, None);
    let entries = loads(&imported);
    assert!(
        imported
            .problems
            .iter()
            .all(|problem| problem.severity != Severity::Error),
        "{:#?}",
        imported.problems
    );
    // Each town placed by its postcode, one postcode each.
    for (id, postcode, city) in [
        ("sprachcafe-korbach-34497-korbach", "34497", "Korbach"),
        (
            "frauentreff-frankenberg-35066-frankenberg-eder",
            "35066",
            "Frankenberg (Eder)",
        ),
    ] {
        let found = entries
            .iter()
            .find(|entry| entry["location"]["city"] == city)
            .unwrap_or_else(|| panic!("{id}: {entries:#?}"));
        assert_eq!(found["location"]["postal_code"], postcode, "{found:#?}");
        assert!(found["location"]["latitude"].is_number(), "{found:#?}");
    }
    let region = &imported.directory["region"];
    assert_eq!(region["ags"], "06635");
    // Between Korbach (51.27) and Frankenberg (51.06).
    let latitude = region["latitude"].as_f64().unwrap();
    assert!((51.06..51.28).contains(&latitude), "{region}");
    assert!(
        imported
            .problems
            .iter()
            .any(|problem| problem.severity == Severity::Note
                && problem.message.contains("the middle of its entries")),
        "{:#?}",
        imported.problems
    );
}

/// A CSV file that Excel wrote from a sheet where the phone column was formatted as numbers:
/// 05631123456 is the digits 5631123456. Short service numbers stay as they are.
#[test]
fn a_phone_number_that_lost_its_leading_zero_in_a_csv_file_gets_it_back() {
    let csv =
        "Name;Telefon\nSprachcafé Korbach;5631123456\nÄrztlicher Bereitschaftsdienst;116117\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries[0]["phones"][0]["number"], "05631123456");
    assert_eq!(entries[1]["phones"][0]["number"], "116117");
    has_problem(
        &imported,
        2,
        Some("Telefon"),
        Severity::Warning,
        "lost its leading zero",
    );
}

/// An officer's own sheet with "Einrichtung" (who runs it) beside "Angebot" (what it is): the
/// offer is the entry's name, the place its organisation, not "VHS; Integrationskurs".
#[test]
fn a_place_and_its_offer_in_two_columns_are_organisation_and_name() {
    let csv =
        "Einrichtung;Angebot;Ort\nVolkshochschule Waldeck-Frankenberg;Integrationskurs;Korbach\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    assert_eq!(entries[0]["name"], "Integrationskurs", "{:#?}", entries[0]);
    assert_eq!(
        entries[0]["organization"]["name"],
        "Volkshochschule Waldeck-Frankenberg"
    );
    has_problem(
        &imported,
        1,
        Some("Einrichtung"),
        Severity::Note,
        "two columns name the entries",
    );
}

/// What officers write in their own lists, read as they meant it rather than refused: "–",
/// "keine" and "k. A." for nothing, an address hidden from spam robots or two in one cell,
/// target groups in their own words ("Kinder und Jugendliche", "Flüchtlinge", "Senior*innen",
/// "alle"), a range of levels, hours with spaces and colons where the syntax has none, and
/// days of the month ("jeden 1. und 3. Montag im Monat"), "an Feiertagen geschlossen" and "nach
/// Vereinbarung" alone (by appointment), a label ("Sprechzeiten:"), "außer" and "rund um die
/// Uhr". Hours written in the syntax keep its meaning (a later rule replaces a day's times).
#[test]
fn an_officers_usual_spellings_are_read_as_meant_without_errors() {
    let imported = import(
        include_bytes!("../fixtures/import/schreibweisen.csv"),
        Format::Csv,
        None,
    );
    no_errors_and_each_in_german(&imported);
    let entries = loads(&imported);
    let field = |id: &str, path: &str| entry(&entries, id).pointer(path).cloned();
    let a = "beratung-a-beispiel-korbach";
    assert_eq!(
        field(a, "/schedule/opening_hours").unwrap(),
        "We 15:00-17:00"
    );
    assert_eq!(
        field(a, "/target_groups").unwrap(),
        serde_json::json!(["children", "youth"])
    );
    assert_eq!(field(a, "/email").unwrap(), "beratung@example.org");
    has_problem(
        &imported,
        2,
        Some("E-Mail"),
        Severity::Warning,
        "read as the address beratung@example.org",
    );
    assert_eq!(field(a, "/phones"), None, "\"-\" is no number");

    let b = "beratung-b-beispiel-korbach";
    assert_eq!(
        field(b, "/schedule/opening_hours").unwrap(),
        "Mo-Fr 08:00-12:00"
    );
    assert_eq!(
        field(b, "/target_groups").unwrap(),
        serde_json::json!(["refugees", "seniors"])
    );
    assert_eq!(field(b, "/email").unwrap(), "a@example.org");
    has_problem(
        &imported,
        3,
        Some("E-Mail"),
        Severity::Warning,
        "a@example.org was taken, not b@example.org",
    );
    assert_eq!(field(b, "/phones"), None, "\"keine\" is no number");
    assert_eq!(field(b, "/minimum_age"), None);

    let c = "sprachkurs-c-beispiel-korbach";
    assert_eq!(
        field(c, "/schedule/opening_hours").unwrap(),
        "Mo-We,Fr 09:00-12:00; Th 09:00-12:00,14:00-17:00",
        "an officer's list adds Thursday afternoon to the morning"
    );
    assert_eq!(
        field(c, "/target_groups").unwrap(),
        serde_json::json!(["women"])
    );
    has_problem(
        &imported,
        4,
        Some("Zielgruppe"),
        Severity::Warning,
        "\"Frauen mit Kind\" was read as Frauen",
    );
    assert_eq!(
        field(c, "/course/levels").unwrap(),
        serde_json::json!(["A1", "A2", "B1"])
    );
    assert_eq!(field(c, "/email"), None);

    let d = "treff-d-beispiel-korbach";
    assert_eq!(
        field(d, "/schedule/opening_hours").unwrap(),
        "Mo-Fr 09:00-12:00; Th 14:00-17:00"
    );
    assert_eq!(field(d, "/target_groups"), None);
    has_problem(
        &imported,
        5,
        Some("Zielgruppe"),
        Severity::Note,
        "needs no target group",
    );

    let e = "treff-e-beispiel-korbach";
    assert_eq!(
        field(e, "/schedule/opening_hours").unwrap(),
        "Mo-Fr 09:00-12:00"
    );
    has_problem(
        &imported,
        6,
        Some("Zielgruppe"),
        Severity::Warning,
        "write 18 in the column \"Mindestalter\"",
    );

    let f = "treff-f-beispiel-korbach";
    assert_eq!(
        field(f, "/target_groups").unwrap(),
        serde_json::json!(["children"])
    );
    has_problem(
        &imported,
        7,
        Some("Zielgruppe"),
        Severity::Warning,
        "ages go in the columns",
    );
    assert_eq!(field(f, "/email").unwrap(), "e@example.org");

    // Days of the month: on those days only, and besides the weekly times.
    assert_eq!(
        field("elterncafe-g-beispiel-korbach", "/schedule/opening_hours").unwrap(),
        "Mo[1,3] 10:00-12:00"
    );
    has_problem(
        &imported,
        8,
        Some("Öffnungszeiten"),
        Severity::Warning,
        "was read as \"Mo[1,3] 10:00-12:00\"",
    );
    assert_eq!(
        field("sprechstunde-h-beispiel-korbach", "/schedule/opening_hours").unwrap(),
        "Mo-Fr 09:00-12:00, Th[-1] 14:00-18:00"
    );

    // Closed on public holidays: "PH off", so that "open now" knows it; the rest stays words.
    let i = "beratung-i-beispiel-korbach";
    assert_eq!(
        field(i, "/schedule/opening_hours").unwrap(),
        "Mo-Th 08:00-12:00; PH off"
    );
    assert_eq!(
        field(i, "/schedule/description").unwrap(),
        "sonst nach Vereinbarung"
    );
    assert_eq!(field(i, "/appointment_required"), None, "open without one");

    // Hours that say only "by appointment": a fact the appointment filter can use.
    let j = "beratung-j-beispiel-korbach";
    assert_eq!(field(j, "/appointment_required").unwrap(), true);
    assert_eq!(
        field(j, "/schedule/description").unwrap(),
        "Termine nach telefonischer Vereinbarung"
    );
    has_problem(
        &imported,
        11,
        Some("Öffnungszeiten"),
        Severity::Note,
        "by appointment only",
    );

    // A label before the days, days left out with "außer", and a hotline day and night.
    assert_eq!(
        field("beratung-k-beispiel-korbach", "/schedule/opening_hours").unwrap(),
        "Mo,Tu,Th-Su 10:00-12:00"
    );
    assert_eq!(
        field("notruf-l-beispiel-korbach", "/schedule/opening_hours").unwrap(),
        "24/7"
    );
}

/// More of an officer's own words: a list of languages that goes on ("u. a."), a language with
/// its dialect in brackets, a month for the date of the last check, "laufend" for a course's
/// start, an answer with a remark (the remark is pointed out, as it is not kept), the words of
/// an appointment column, and a count in words ("ca. 5"; "keine" free places is 0). Course
/// details make a row of no given kind a course, with a course type, so that the directory
/// passes the check.
#[test]
fn an_officers_words_for_answers_dates_counts_and_languages() {
    let imported = import(
        include_bytes!("../fixtures/import/schreibweisen-2.csv"),
        Format::Csv,
        None,
    );
    no_errors_and_each_in_german(&imported);
    let entries = loads(&imported);
    let field = |id: &str, path: &str| entry(&entries, id).pointer(path).cloned();
    let json = |text: &str| serde_json::from_str::<Value>(text).unwrap();

    let a = "kurs-a-beispiel-korbach";
    assert_eq!(field(a, "/languages").unwrap(), json(r#"["de", "ar"]"#));
    assert_eq!(field(a, "/assured_date").unwrap(), "2026-11-01");
    has_problem(
        &imported,
        2,
        Some("Geprüft am"),
        Severity::Warning,
        "\"11/2026\" was read as 2026-11-01",
    );
    assert_eq!(field(a, "/course/start_date"), None);
    has_problem(
        &imported,
        2,
        Some("Kursbeginn"),
        Severity::Note,
        "names no fixed date",
    );
    assert_eq!(field(a, "/location/wheelchair").unwrap(), "yes");
    has_problem(
        &imported,
        2,
        Some("Barrierefrei"),
        Severity::Warning,
        "\"mit Rampe\" is not kept",
    );
    assert_eq!(field(a, "/appointment_required").unwrap(), true);
    assert_eq!(field(a, "/free_of_charge").unwrap(), true);
    has_problem(
        &imported,
        2,
        Some("Kostenlos"),
        Severity::Warning,
        "\"außer Material\" is not kept",
    );
    assert_eq!(field(a, "/course/free_places").unwrap(), 5);
    assert_eq!(field(a, "/minimum_age").unwrap(), 16);
    assert_eq!(field(a, "/kind").unwrap(), "course");
    assert_eq!(field(a, "/course/course_type").unwrap(), "other");

    let b = "kurs-b-beispiel-korbach";
    assert_eq!(field(b, "/languages").unwrap(), json(r#"["de"]"#));
    assert_eq!(field(b, "/assured_date").unwrap(), "2026-11-01");
    assert_eq!(field(b, "/course/start_date").unwrap(), "2027-02-01");
    assert_eq!(field(b, "/location/wheelchair").unwrap(), "limited");
    assert_eq!(field(b, "/appointment_required").unwrap(), true);
    assert_eq!(
        field(b, "/course/free_places").unwrap(),
        0,
        "no free places"
    );
    assert_eq!(field(b, "/minimum_age"), None, "no minimum age");

    let c = "treff-c-beispiel-korbach";
    assert_eq!(field(c, "/languages").unwrap(), json(r#"["ku", "prs"]"#));
    assert_eq!(field(c, "/location/wheelchair").unwrap(), "limited");
    assert_eq!(field(c, "/appointment_required").unwrap(), false);
    assert_eq!(field(c, "/kind").unwrap(), "association");
}

#[test]
fn dates_without_their_year_or_as_a_word_are_read_against_the_day_of_the_import() {
    // Imported on IMPORT_DAY, 4 December 2026.
    let csv = "Name;Ort;PLZ;Geprüft am;Kursbeginn;Kursende\n\
               Kurs E (Beispiel);Korbach;34497;gestern;15.01.;30.6.\n\
               Kurs F (Beispiel);Korbach;34497;5.12.;1.9.;20.11.\n\
               Kurs G (Beispiel);Korbach;34497;heute;31.02.;\n";
    let imported = import(csv.as_bytes(), Format::Csv, None);
    let entries = loads(&imported);
    let field = |id: &str, path: &str| entry(&entries, id).pointer(path).cloned();

    // A check date cannot lie ahead; a course's start is the nearest such day, its end the
    // first from a month ago on.
    let e = "kurs-e-beispiel-korbach";
    assert_eq!(field(e, "/assured_date").unwrap(), "2026-12-03");
    assert_eq!(field(e, "/course/start_date").unwrap(), "2027-01-15");
    assert_eq!(field(e, "/course/end_date").unwrap(), "2027-06-30");
    let f = "kurs-f-beispiel-korbach";
    assert_eq!(field(f, "/assured_date").unwrap(), "2025-12-05");
    assert_eq!(field(f, "/course/start_date").unwrap(), "2026-09-01");
    assert_eq!(field(f, "/course/end_date").unwrap(), "2026-11-20");
    let g = "kurs-g-beispiel-korbach";
    assert_eq!(field(g, "/assured_date").unwrap(), "2026-12-04");
    // Each read with a warning that names the date, to be checked.
    for (row, column, written, read) in [
        (2, "Geprüft am", "gestern", "2026-12-03"),
        (2, "Kursbeginn", "15.01.", "2027-01-15"),
        (2, "Kursende", "30.6.", "2027-06-30"),
        (3, "Geprüft am", "5.12.", "2025-12-05"),
        (4, "Geprüft am", "heute", "2026-12-04"),
    ] {
        has_problem(
            &imported,
            row,
            Some(column),
            Severity::Warning,
            &format!("\"{written}\" was read as {read}; check it"),
        );
    }
    // No such day in any year is still an error, and the cell is left empty.
    assert_eq!(field(g, "/course/start_date"), None);
    has_problem(
        &imported,
        4,
        Some("Kursbeginn"),
        Severity::Error,
        "\"31.02.\" is not a date",
    );
    for problem in &imported.problems {
        assert!(
            service_finder_import::officer::german(&problem.message).is_some(),
            "no German for {:?}",
            problem.message
        );
    }
}

/// Asserts that an import read every cell without an error, and that each of its problems has
/// its German (import/src/officer.rs), as officers read them.
fn no_errors_and_each_in_german(imported: &Imported) {
    let errors: Vec<_> = imported
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for problem in &imported.problems {
        assert!(
            service_finder_import::officer::german(&problem.message).is_some(),
            "no German for {:?}",
            problem.message
        );
    }
}
