//! Spreadsheets: CSV (as German Excel saves it), xlsx and ods, read into records by their
//! header.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::columns::{DIRECTORY_FIELDS, ENTRY_COLUMNS, sheets};
use crate::entry::{Cell, Day, DayPart, Field, Record};
use crate::{ImportError, MAX_RECORDS, Problem, Severity};

/// service-finder's own columns, for a spreadsheet an officer starts from scratch: the header
/// as written in the first row, and what goes there. Headers are matched without regard to
/// case, spaces, hyphens and umlauts (`E-Mail`, `email` and `EMail` are one column), and a few
/// other common names are understood too (`Adresse` for `Straße`, `Telefonnummer`, `Homepage`,
/// and the English field names of the directory format).
pub const COLUMNS: &[(&str, &str)] = &[
    ("ID", "a stable id (made from name and town when missing)"),
    ("Name", "the name (required)"),
    (
        "Art",
        "Dienst/Beratung, Kurs or Verein (service, course, association); guessed from the category or the name (…kurs, …verein, …café, …treff) when empty",
    ),
    (
        "Kategorie",
        "one or more categories, separated by commas; translated to category ids by the mapping file",
    ),
    ("Träger", "the organisation that runs it"),
    ("Straße", "street and house number"),
    ("PLZ", "postcode; a lost leading zero is put back"),
    ("Ort", "town"),
    ("Breitengrad", "latitude, with a decimal comma or point"),
    ("Längengrad", "longitude"),
    (
        "Telefon",
        "one or more numbers, separated by commas, semicolons, \"oder\" or line breaks",
    ),
    ("Fax", "fax numbers"),
    ("E-Mail", "e-mail address"),
    ("Website", "web address; https:// is added when missing"),
    (
        "Sprachen",
        "languages offered, as names (Deutsch, Arabisch) or codes (de, ar)",
    ),
    (
        "Öffnungszeiten",
        "in OpenStreetMap syntax (Mo-Fr 09:00-12:00); anything else becomes the schedule's description",
    ),
    ("Beschreibung", "description; HTML becomes text"),
    ("Barrierefrei", "ja, teilweise or nein"),
    ("Termin", "ja when a visit needs an appointment"),
    ("Kostenlos", "ja or nein"),
    (
        "Status",
        "aktiv, vorübergehend geschlossen, or inaktiv/archiviert (the row is skipped)",
    ),
    (
        "Geprüft am",
        "when the data was last checked, 31.12.2026 or 2026-12-31",
    ),
];

/// An officer's own sheet with a column for the offer ("Angebot") and one for the place that
/// runs it ("Einrichtung"): both would name the entry ("VHS; Integrationskurs"). The offer is
/// the name, and the place its organisation, unless the sheet has a column for that too.
fn place_named_and_its_organisation(
    columns: &mut [(String, Option<Column>)],
    header_row: usize,
    problems: &mut Vec<Problem>,
) {
    const PLACE: [&str; 4] = [
        "einrichtung",
        "einrichtungsname",
        "namedereinrichtung",
        "beratungsstelle",
    ];
    let is_name = |column: &Option<Column>| matches!(column, Some((Field::Name, None)));
    let names: Vec<usize> = (0..columns.len())
        .filter(|&index| is_name(&columns[index].1))
        .collect();
    let has_organisation = columns
        .iter()
        .any(|(_, column)| matches!(column, Some((Field::Organization, None))));
    let place = names
        .iter()
        .copied()
        .find(|&index| PLACE.contains(&fold_header(&columns[index].0).as_str()));
    let (Some(place), false, 2) = (place, has_organisation, names.len()) else {
        return;
    };
    let offer = names
        .iter()
        .copied()
        .find(|&index| index != place)
        .unwrap_or(place);
    columns[place].1 = Some((Field::Organization, None));
    problems.push(Problem {
        row: Some(header_row),
        column: Some(columns[place].0.clone()),
        entry: None,
        severity: Severity::Note,
        message: format!(
            "two columns name the entries: \"{}\" is read as their name, \"{}\" as the organisation that offers them",
            columns[offer].0, columns[place].0
        ),
    });
}

/// The field a header names, or `None` for a column that is not known.
pub(crate) fn field_of(header: &str) -> Option<Field> {
    let folded = fold_header(header);
    let field = match folded.as_str() {
        "id" | "kennung" => Field::Id,
        // The officers' own words for it too: "Name der Einrichtung", "Angebotsname", …
        "name" | "bezeichnung" | "titel" | "title" | "angebot" | "angebotsname"
        | "namedesangebots" | "einrichtung" | "einrichtungsname" | "namedereinrichtung"
        | "beratungsstelle" => Field::Name,
        "art" | "typ" | "kind" => Field::Kind,
        "kategorie" | "kategorien" | "category" | "categories" | "thema" | "themen" => {
            Field::Category
        }
        "traeger" | "organisation" | "organization" | "betreiber" | "operator" => {
            Field::Organization
        }
        "strasse"
        | "strasseundhausnummer"
        | "adresse"
        | "anschrift"
        | "streetaddress"
        | "address"
        | "address1"
        | "street" => Field::Address,
        "plz" | "postleitzahl" | "postalcode" | "postcode" => Field::Postcode,
        "plzort" | "plzundort" | "postleitzahlort" | "postleitzahlundort" | "plzstadt"
        | "plzgemeinde" | "ortplz" => Field::PostcodeAndCity,
        "ort" | "stadt" | "gemeinde" | "city" | "town" => Field::City,
        "country" | "land" => Field::Country,
        "breitengrad" | "breite" | "lat" | "latitude" => Field::Latitude,
        "laengengrad" | "laenge" | "lon" | "lng" | "longitude" => Field::Longitude,
        "telefon" | "tel" | "telefonnummer" | "telefonnummern" | "phone" | "phonenumber"
        | "phones" | "nummer" => Field::Phone,
        "fax" | "telefax" => Field::Fax,
        "email" | "mail" | "emailadresse" => Field::Email,
        "website" | "webseite" | "internet" | "internetseite" | "homepage" | "url" => {
            Field::Website
        }
        "sprachen" | "sprache" | "beratungssprachen" | "languages" => Field::Languages,
        "oeffnungszeiten" | "sprechzeiten" | "openinghours" => Field::Hours,
        "beschreibung" | "description" | "text" | "content" | "hinweis" => Field::Description,
        "barrierefrei" | "rollstuhlgerecht" | "barrierfree" | "wheelchair" => Field::Wheelchair,
        "termin" | "terminnoetig" | "terminerforderlich" | "appointmentrequired" => {
            Field::Appointment
        }
        "appointmenturl" | "terminbuchung" | "onlinetermin" => Field::AppointmentUrl,
        "kostenlos" | "kostenfrei" | "freeofcharge" => Field::Free,
        "status" => Field::Status,
        "temporarilyclosed" | "voruebergehendgeschlossen" => Field::TemporarilyClosed,
        "geprueftam" | "stand" | "assureddate" | "zuletztgeprueft" => Field::AssuredDate,
        "geaendertam" | "zuletztgeaendert" | "lastmodified" | "lastupdated" => Field::LastModified,
        "traegerwebsite" | "organisationwebsite" | "organizationwebsite" => {
            Field::OrganizationWebsite
        }
        "oeffnungszeitenhinweis" | "sprechzeitenhinweis" | "scheduledescription" => {
            Field::ScheduleDescription
        }
        _ => return path_field(&folded).or_else(|| day_field(&folded)),
    };
    Some(field)
}

/// One of the plain columns of [`ENTRY_COLUMNS`], by its header or an alias.
fn path_field(folded: &str) -> Option<Field> {
    ENTRY_COLUMNS
        .iter()
        .position(|column| column.is_named(folded))
        .and_then(|index| u8::try_from(index).ok())
        .map(Field::Path)
}

/// A column's field, and the language when the header names one: `Name (en)` is the English
/// name, `Kosten (ar)` the fees in Arabic. A header without a language is the directory's
/// default language.
pub(crate) fn column_of(header: &str) -> Option<Column> {
    let (base, language) = split_language(header);
    field_of(base).map(|field| (field, language.map(str::to_owned)))
}

/// `Name (en)` → (`Name`, `en`); a header without a language code in brackets as it is.
fn split_language(header: &str) -> (&str, Option<&str>) {
    header
        .trim()
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .filter(|(base, code)| {
            !base.trim().is_empty()
                && (2..=3).contains(&code.len())
                && code.bytes().all(|byte| byte.is_ascii_lowercase())
        })
        .map_or((header, None), |(base, code)| (base.trim(), Some(code)))
}

/// The Integreat CSV's weekday columns: `monday_start`, `monday_end`, `monday_all_day`,
/// `monday_closed`, `monday_appointment_only`, … (folded: `mondaystart`).
fn day_field(folded: &str) -> Option<Field> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let (day, rest) = DAYS
        .iter()
        .enumerate()
        .find_map(|(index, day)| folded.strip_prefix(day).map(|rest| (index, rest)))?;
    let part = match rest {
        "start" => DayPart::Start,
        "end" => DayPart::End,
        "allday" => DayPart::AllDay,
        "closed" => DayPart::Closed,
        "appointmentonly" => DayPart::AppointmentOnly,
        _ => return None,
    };
    Some(Field::Day(Day(day as u8), part))
}

/// Lower case, umlauts spelt out, only letters and digits: `Straße` → `strasse`,
/// `E-Mail` → `email`, `monday_all_day` → `mondayallday`.
pub(crate) fn fold_header(header: &str) -> String {
    let mut folded = String::new();
    for c in header.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => folded.push_str("ae"),
            'ö' => folded.push_str("oe"),
            'ü' => folded.push_str("ue"),
            'ß' => folded.push_str("ss"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => {}
        }
    }
    folded
}

/// A column's field and the language of a translation column.
type Column = (Field, Option<String>);

/// One row as cells: (value, whether the spreadsheet stored it as a number).
type Row = Vec<(String, bool)>;

/// Reads a CSV file in any of the encodings Excel saves (UTF-8 with or without a BOM,
/// Windows-1252, UTF-16 with a BOM) and with the separator its first line uses.
pub fn read_csv(bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Vec<Record>, ImportError> {
    let text = crate::text::decode(bytes, problems);
    let first_line = text.lines().next().unwrap_or("");
    let separator = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|separator| first_line.bytes().filter(|byte| byte == separator).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|error| ImportError {
            message: match error.position() {
                Some(position) => {
                    format!("row {}: the CSV cannot be read: {error}", position.line())
                }
                None => format!("the CSV cannot be read: {error}"),
            },
        })?;
        // The row as a spreadsheet program counts it: a cell with a line break is still one
        // row, so records are counted, not lines.
        rows.push((
            rows.len() + 1,
            record
                .iter()
                .map(|cell| (cell.to_owned(), false))
                .collect::<Row>(),
        ));
        if rows.len() > MAX_RECORDS + 1 {
            return Err(too_many());
        }
    }
    records_from_rows(rows, None, problems, true)
}

/// Reads the first sheet that has data of an xlsx, xls or ods workbook.
pub fn read_workbook(
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> Result<Vec<Record>, ImportError> {
    let mut workbook = open_workbook(bytes)?;
    let sheets = workbook.worksheets();
    let Some((name, range)) = sheets.into_iter().find(|(_, range)| !range.is_empty()) else {
        return Err(ImportError {
            message: "the workbook has no sheet with data".into(),
        });
    };
    let merged = merged_cells(&mut workbook, &name);
    records_from_rows(sheet_rows(&range)?, merged.as_deref(), problems, true)
}

/// The merged cells of a sheet as (first row, last row, first column, last column), rows
/// counted from 1 and columns from 0 as in [`sheet_rows`]; `None` where they are not known (an
/// ods sheet's are not read).
fn merged_cells(
    workbook: &mut calamine::Sheets<Cursor<Vec<u8>>>,
    sheet: &str,
) -> Option<Vec<Merged>> {
    let dimensions = match workbook {
        calamine::Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(sheet).ok()?,
        calamine::Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(sheet).ok()?,
        _ => return None,
    };
    let merged = dimensions
        .into_iter()
        .map(|merged| {
            let (first_row, first_column) = merged.start;
            let (last_row, last_column) = merged.end;
            (
                first_row as usize + 1,
                last_row as usize + 1,
                first_column as usize,
                last_column as usize,
            )
        })
        .collect();
    Some(merged)
}

/// A merged range of cells: first row, last row, first column, last column.
type Merged = (usize, usize, usize, usize);

/// A heading merged over several columns ("Öffnungszeiten" over G and H) names each of them,
/// so that the values under the second are not lost: the row reader adds them to the
/// first's. Only the header row is changed: a merged cell in the data is one value.
fn spread_merged_headings(row_number: usize, header: &mut Row, merged: &[Merged]) {
    for &(first_row, last_row, first_column, last_column) in merged {
        if !(first_row..=last_row).contains(&row_number) || first_column == last_column {
            continue;
        }
        let Some((heading, _)) = header.get(first_column).cloned() else {
            continue;
        };
        for column in first_column + 1..=last_column.min(header.len().saturating_sub(1)) {
            if header[column].0.trim().is_empty() {
                header[column].0.clone_from(&heading);
            }
        }
    }
}

/// How many rows with text at the top of a sheet may hold its header: a title and a note or
/// two may stand above it.
const HEADER_ROWS: usize = 5;

/// Rows for a message: "3, 5, 8", the first five and "…" after them.
fn row_list(rows: &[usize]) -> String {
    let list: Vec<String> = rows.iter().take(5).map(usize::to_string).collect();
    let more = if rows.len() > 5 { ", …" } else { "" };
    format!("{}{more}", list.join(", "))
}

/// A column's letter as a spreadsheet program shows it: 0 → A, 25 → Z, 26 → AA.
fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn open_workbook(bytes: &[u8]) -> Result<calamine::Sheets<Cursor<Vec<u8>>>, ImportError> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|error| ImportError {
        message: format!("the workbook cannot be read: {error}"),
    })
}

/// A sheet's rows with their numbers as the spreadsheet program shows them.
fn sheet_rows(range: &calamine::Range<Data>) -> Result<Vec<(usize, Row)>, ImportError> {
    if range.height() > MAX_RECORDS + 1 {
        return Err(too_many());
    }
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let mut rows = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        // Cells left of the used range are empty; keep them so that columns line up with the
        // header whatever the range.
        let mut row: Row = vec![(String::new(), false); first_column];
        for cell in cells {
            row.push(cell_text(cell));
        }
        rows.push((first_row + index + 1, row));
    }
    Ok(rows)
}

/// The sheets of a workbook besides the entries, as `service-finder export` writes them
/// (see [`sheets`]); each is empty when the workbook does not have it.
#[derive(Debug, Default)]
pub struct Extras {
    /// Telephone numbers' details, by entry id (`Id`) and number (`Phone`).
    pub phones: Vec<Record>,
    /// Contacts, by entry id.
    pub contacts: Vec<Record>,
    /// The directory's own categories: id and name.
    pub categories: Vec<Record>,
    /// The directory's fields.
    pub directory: Vec<DirectoryField>,
}

/// A row of the sheet "Verzeichnis".
#[derive(Debug)]
pub struct DirectoryField {
    /// Which field: an index in [`DIRECTORY_FIELDS`].
    pub index: usize,
    /// The language of a translation (`Titel (en)`).
    pub language: Option<String>,
    /// The row, for problems.
    pub row: usize,
    /// The value.
    pub cell: Cell,
}

/// Reads the sheets [`sheets::PHONES`], [`sheets::CONTACTS`], [`sheets::CATEGORIES`] and
/// [`sheets::DIRECTORY`] of a workbook. Their problems name the sheet with the column.
pub fn read_extras(bytes: &[u8], problems: &mut Vec<Problem>) -> Result<Extras, ImportError> {
    let mut workbook = open_workbook(bytes)?;
    let mut extras = Extras::default();
    for (name, range) in workbook.worksheets() {
        let rows = sheet_rows(&range)?;
        let mut sheet_problems = Vec::new();
        let records = |problems: &mut Vec<Problem>| -> Result<Vec<Record>, ImportError> {
            let mut records = records_from_rows(rows.clone(), Some(&[]), problems, false)?;
            for record in &mut records {
                record.prefix_columns(&name);
            }
            Ok(records)
        };
        match name.as_str() {
            sheets::PHONES => extras.phones = records(&mut sheet_problems)?,
            sheets::CONTACTS => extras.contacts = records(&mut sheet_problems)?,
            sheets::CATEGORIES => extras.categories = records(&mut sheet_problems)?,
            sheets::DIRECTORY => extras.directory = directory_fields(rows, &mut sheet_problems),
            _ => continue,
        }
        for mut problem in sheet_problems {
            problem.column = Some(match problem.column {
                Some(column) => format!("{name}: {column}"),
                None => name.clone(),
            });
            problems.push(problem);
        }
    }
    Ok(extras)
}

/// The sheet "Verzeichnis": a field's name in the first column, its value in the second.
fn directory_fields(rows: Vec<(usize, Row)>, problems: &mut Vec<Problem>) -> Vec<DirectoryField> {
    let mut fields = Vec::new();
    for (row_number, row) in rows {
        let mut cells = row.into_iter();
        let (Some((name, _)), value) = (cells.next(), cells.next()) else {
            continue;
        };
        let (value, number) = value.unwrap_or_default();
        let (base, language) = split_language(&name);
        let folded = fold_header(base);
        let Some(index) = DIRECTORY_FIELDS
            .iter()
            .position(|field| field.is_named(&folded))
        else {
            // The sheet's own header row ("Feld", "Wert") and notes are not fields.
            if !matches!(folded.as_str(), "feld" | "field" | "") {
                problems.push(Problem {
                    row: Some(row_number),
                    column: None,
                    entry: None,
                    severity: Severity::Warning,
                    message: format!(
                        "\"{name}\" is not a field of the directory; it is not imported"
                    ),
                });
            }
            continue;
        };
        let value = value.trim();
        if !value.is_empty() {
            fields.push(DirectoryField {
                index,
                language: language.map(str::to_owned),
                row: row_number,
                cell: Cell {
                    column: format!("{}: {name}", sheets::DIRECTORY),
                    value: value.to_owned(),
                    number,
                },
            });
        }
    }
    fields
}

/// Whether a cell of `field` that says there is nothing to say is read as empty rather than
/// refused: a mark such as "–" or "k. A." ([`crate::text::is_blank_mark`]) in the columns of
/// numbers, addresses, dates and choices, and "keine" ([`crate::text::is_none_word`]) there too,
/// except in a count ("Freie Plätze: keine" is 0, read where the number is). A text keeps both
/// ("Kosten: keine" says something), and so does a yes/no column, where "-" is "nein".
fn says_nothing(field: Field, value: &str) -> bool {
    use crate::columns::ValueKind;
    let column = match field {
        Field::Path(index) => ENTRY_COLUMNS.get(usize::from(index)),
        _ => None,
    };
    let takes_a_mark = match field {
        Field::Phone
        | Field::Fax
        | Field::Email
        | Field::Website
        | Field::OrganizationWebsite
        | Field::AppointmentUrl
        | Field::Languages
        | Field::Hours
        | Field::Postcode
        | Field::Latitude
        | Field::Longitude
        | Field::AssuredDate
        | Field::LastModified => true,
        Field::Path(_) => {
            column.is_some_and(|column| !matches!(column.kind, ValueKind::Text | ValueKind::YesNo))
        }
        _ => false,
    };
    let counts = column.is_some_and(|column| column.path == "course.free_places");
    takes_a_mark
        && (crate::text::is_blank_mark(value) || !counts && crate::text::is_none_word(value))
}

fn too_many() -> ImportError {
    ImportError {
        message: format!("the file has more than {MAX_RECORDS} rows, the most a directory holds"),
    }
}

/// A workbook cell as text: numbers without a needless `.0`, dates as `YYYY-MM-DD`, times of
/// day as `HH:MM`.
fn cell_text(cell: &Data) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            (text.clone(), false)
        }
        Data::Int(number) => (number.to_string(), true),
        Data::Float(number) => (crate::text::number_text(*number), true),
        Data::Bool(value) => (if *value { "ja" } else { "nein" }.to_owned(), false),
        Data::DateTime(date) => (crate::text::excel_serial_text(date.as_f64()), false),
        Data::Error(_) => (String::new(), false),
    }
}

/// Headings (folded, see [`fold_header`]) of columns that name contact persons
/// ("Ansprechpartner/in", "Kontaktperson", "Zuständig"): not imported, as a contact needs its
/// own number or e-mail address to be of use (the sheet of contacts has them).
const PEOPLE_HEADINGS: [&str; 4] = [
    "ansprechpartner",
    "ansprechperson",
    "kontaktperson",
    "zustaendig",
];

/// Headings of columns with an office's own notes ("Bemerkungen", "Interne Notiz"): not
/// imported, and the officer is told that nothing of them is published.
const NOTES_HEADINGS: [&str; 5] = ["bemerkung", "anmerkung", "notiz", "intern", "kommentar"];

/// Where the notes below a table start ("Quelle: Landkreis", "* Angaben ohne Gewähr"), in the
/// rows under its header (empty ones left out, numbered as in the file): the rows at the end
/// with one cell each, from the first of them that follows an empty row; `rows.len()` when
/// there are none. Such a row would otherwise be an entry with that text as its name.
fn notes_below_the_table(rows: &[(usize, Row)]) -> usize {
    let one_cell = |row: &Row| {
        row.iter()
            .filter(|(text, _)| !text.trim().is_empty())
            .count()
            == 1
    };
    let trailing = rows
        .iter()
        .rev()
        .take_while(|(_, row)| one_cell(row))
        .count();
    (rows.len() - trailing..rows.len())
        .find(|&index| index > 0 && rows[index].0 > rows[index - 1].0 + 1)
        .unwrap_or(rows.len())
}

/// Rows (row number, cells) to records. The header is the first row with text, or, where a
/// title or a note stands above it, the first of the top [`HEADER_ROWS`] rows with text that
/// names the entries' names; empty rows are left out.
fn records_from_rows(
    rows: Vec<(usize, Row)>,
    merged: Option<&[Merged]>,
    problems: &mut Vec<Problem>,
    needs_name: bool,
) -> Result<Vec<Record>, ImportError> {
    let is_empty = |row: &Row| row.iter().all(|(cell, _)| cell.trim().is_empty());
    let rows: Vec<(usize, Row)> = rows.into_iter().filter(|(_, row)| !is_empty(row)).collect();
    let Some((first_row, _)) = rows.first() else {
        return Err(ImportError {
            message: "the file has no rows".into(),
        });
    };
    let names_entries = |row: &Row| {
        row.iter()
            .any(|(text, _)| matches!(column_of(text), Some((Field::Name, None))))
    };
    let header_index = if needs_name {
        let Some(index) = rows
            .iter()
            .take(HEADER_ROWS)
            .position(|(_, row)| names_entries(row))
        else {
            return Err(ImportError {
                message: format!(
                    "row {first_row}: the header has no column for the names (\"Name\", \"Bezeichnung\", \"Angebot\" or \"Einrichtung\"); one of the first five rows with text must name the columns"
                ),
            });
        };
        index
    } else {
        0
    };
    let mut rows = rows.into_iter();
    for (row_number, row) in rows.by_ref().take(header_index) {
        let text: Vec<&str> = row
            .iter()
            .map(|(text, _)| text.trim())
            .filter(|text| !text.is_empty())
            .collect();
        problems.push(Problem {
            row: Some(row_number),
            column: None,
            entry: None,
            severity: Severity::Note,
            message: format!(
                "\"{}\" stands above the header row; it is not an entry (row skipped)",
                text.join(" ")
            ),
        });
    }
    let Some((header_row, mut header)) = rows.next() else {
        return Err(ImportError {
            message: "the file has no rows".into(),
        });
    };
    if let Some(merged) = merged {
        spread_merged_headings(header_row, &mut header, merged);
    }
    let mut columns: Vec<(String, Option<Column>)> = header
        .iter()
        .map(|(text, _)| (text.trim().to_owned(), column_of(text)))
        .collect();
    // A CSV saved from a sheet with a heading over two columns ("Telefon" over F and G) has an
    // empty heading in the second: for a field that often takes two columns, its values join
    // the first's, with a warning; a text or a name is never added to from a column without a
    // heading (it may hold the officer's own notes). Where the merged cells are known (xlsx,
    // xls), they say it instead.
    let mut continued: Vec<(usize, String, Vec<usize>)> = Vec::new();
    let guessed_columns = if merged.is_none() {
        1..columns.len()
    } else {
        0..0
    };
    for index in guessed_columns {
        let (heading, field) = &columns[index - 1];
        let continues = matches!(
            field,
            Some((
                Field::Phone
                    | Field::Fax
                    | Field::Hours
                    | Field::Languages
                    | Field::Category
                    | Field::Address,
                None
            ))
        );
        if columns[index].0.is_empty() && continues {
            let (heading, field) = (heading.clone(), field.clone());
            continued.push((index, heading.clone(), Vec::new()));
            columns[index] = (heading, field);
        }
    }
    place_named_and_its_organisation(&mut columns, header_row, problems);
    for (column, field) in &columns {
        if field.is_none() && !column.is_empty() {
            let folded = fold_header(column);
            let (severity, message) = if PEOPLE_HEADINGS
                .iter()
                .any(|start| folded.starts_with(start))
            {
                (
                    Severity::Note,
                    format!(
                        "the column \"{column}\" names people without their numbers; its values are not imported (a contact person, desk or team with its own number or e-mail goes on the sheet \"{}\")",
                        crate::columns::sheets::CONTACTS
                    ),
                )
            } else if NOTES_HEADINGS.iter().any(|start| folded.starts_with(start)) {
                (
                    Severity::Note,
                    format!(
                        "the column \"{column}\" holds the office's own notes; its values are not imported, so none of them is published"
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!("the column \"{column}\" is not known; its values are not imported"),
                )
            };
            problems.push(Problem {
                row: Some(header_row),
                column: Some(column.clone()),
                entry: None,
                severity,
                message,
            });
        }
    }
    let mut rows: Vec<(usize, Row)> = rows.collect();
    let notes = match columns.len() {
        1 => rows.len(),
        _ => notes_below_the_table(&rows),
    };
    for (row_number, row) in &rows[notes..] {
        let text = row
            .iter()
            .map(|(text, _)| text.trim())
            .find(|text| !text.is_empty());
        problems.push(Problem {
            row: Some(*row_number),
            column: None,
            entry: None,
            severity: Severity::Note,
            message: format!(
                "\"{}\" stands below the table, after an empty row; it is not an entry (row skipped)",
                text.unwrap_or_default()
            ),
        });
    }
    rows.truncate(notes);
    let mut records = Vec::new();
    // The rows of each column without a heading that has values, which are not imported.
    let mut unnamed: Vec<(usize, Vec<usize>)> = Vec::new();
    for (row_number, row) in rows {
        let mut record = Record::new(row_number);
        for (index, (value, number)) in row.into_iter().enumerate() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if let Some((_, _, rows)) = continued.iter_mut().find(|(column, ..)| *column == index) {
                rows.push(row_number);
            }
            match columns.get(index) {
                Some((_, Some((field, None)))) if says_nothing(*field, value) => {}
                Some((column, Some((field, language)))) => {
                    let cell = Cell {
                        column: column.clone(),
                        value: value.to_owned(),
                        number,
                    };
                    match language {
                        Some(language) => record.set_translation(*field, language, cell),
                        None => record.join(*field, cell),
                    }
                }
                // An unknown heading was reported once, above.
                Some((column, None)) if !column.is_empty() => {}
                _ => match unnamed.iter_mut().find(|(column, _)| *column == index) {
                    Some((_, rows)) => rows.push(row_number),
                    None => unnamed.push((index, vec![row_number])),
                },
            }
        }
        record.split_address();
        records.push(record);
    }
    // Each column without a heading once, at its first row with a value.
    let mut warn = |index: usize, rows: &[usize], message: String| {
        problems.push(Problem {
            row: rows.first().copied(),
            column: Some(column_letter(index)),
            entry: None,
            severity: Severity::Warning,
            message,
        });
    };
    for (index, heading, rows) in continued.into_iter().filter(|(.., rows)| !rows.is_empty()) {
        let (letter, list) = (column_letter(index), row_list(&rows));
        warn(
            index,
            &rows,
            format!(
                "column {letter} has no heading; its values were added to those of \"{heading}\" beside it, as under one heading over both (rows: {list})"
            ),
        );
    }
    for (index, rows) in unnamed {
        let (letter, list) = (column_letter(index), row_list(&rows));
        warn(
            index,
            &rows,
            format!("column {letter} has no heading; its values are not imported (rows: {list})"),
        );
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_without_case_spaces_and_umlauts() {
        assert_eq!(field_of("Straße"), Some(Field::Address));
        assert_eq!(field_of(" E-Mail "), Some(Field::Email));
        assert_eq!(field_of("Längengrad"), Some(Field::Longitude));
        assert_eq!(field_of("LAENGENGRAD"), Some(Field::Longitude));
        assert_eq!(
            field_of("tuesday_appointment_only"),
            Some(Field::Day(Day(1), DayPart::AppointmentOnly))
        );
        assert_eq!(field_of("Lieblingsfarbe"), None);
        assert_eq!(field_of("PLZ / Ort"), Some(Field::PostcodeAndCity));
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_show_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(7), "H");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
