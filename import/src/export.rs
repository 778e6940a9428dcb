//! A directory back out as a spreadsheet an officer can keep, and as Open Referral HSDS.
//!
//! The spreadsheet has the columns the import reads (German headers; translations in columns
//! such as `Name (en)`), so that importing an export gives the same directory. A workbook has
//! the sheets of [`sheets`]: the entries, phone details, contacts, the directory's own
//! categories and the directory's title, publisher and region. A CSV holds the entries only;
//! what it cannot hold is listed in [`Exported::losses`].

use serde_json::Value;

mod hsds;
pub use hsds::to_hsds;

use crate::columns::{
    DIRECTORY_FIELDS, ENTRY_COLUMNS, KINDS, PHONE_TYPES, PathColumn, ValueKind, WHEELCHAIR,
    choice_word, sheets,
};

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Text, written as text (a postcode keeps its leading zero).
    Text(String),
    /// A number (coordinates, ages), written as a number.
    Number(f64),
}

/// One sheet: a header row and the rows under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (a workbook's tab).
    pub name: String,
    /// The first row.
    pub header: Vec<String>,
    /// The rows, each as long as the header; an empty text is an empty cell.
    pub rows: Vec<Vec<CellValue>>,
}

/// A directory as sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The entries first, then the other sheets that have rows.
    pub sheets: Vec<Sheet>,
    /// What the spreadsheet cannot hold, as "entry id: what" (fields it does not know).
    pub losses: Vec<String>,
}

/// The directory as sheets.
pub fn to_sheets(directory: &Value) -> Exported {
    let default_language = directory["default_language"].as_str().unwrap_or("de");
    let texts = Texts { default_language };
    let mut losses = Vec::new();
    let empty = Vec::new();
    let entries = directory["entries"].as_array().unwrap_or(&empty);

    let mut entry_sheet = SheetBuilder::new(sheets::ENTRIES, entry_headers());
    let mut phone_sheet = SheetBuilder::new(sheets::PHONES, PHONE_HEADERS.to_vec());
    let mut contact_sheet = SheetBuilder::new(sheets::CONTACTS, CONTACT_HEADERS.to_vec());
    for entry in entries {
        let id = entry["id"].as_str().unwrap_or_default();
        note_unknown_fields(entry, &mut losses);
        let mut row = Vec::new();
        let mut put = |header: &'static str, cells: Vec<(Option<String>, CellValue)>| {
            for (language, cell) in cells {
                row.push((header, language, cell));
            }
        };
        put("ID", text(id));
        put("Name", texts.cells(&entry["name"], id, &mut losses));
        put("Art", choice(KINDS, &entry["kind"]));
        put("Kategorie", list(&entry["categories"]));
        let organization = &entry["organization"];
        put(
            "Träger",
            texts.cells(&organization["name"], id, &mut losses),
        );
        put("Träger Website", plain(&organization["website"]));
        put(
            "Beschreibung",
            texts.cells(&entry["description"], id, &mut losses),
        );
        let location = &entry["location"];
        put("Straße", plain(&location["address_1"]));
        put("PLZ", plain(&location["postal_code"]));
        put("Ort", plain(&location["city"]));
        put("Breitengrad", number(&location["latitude"]));
        put("Längengrad", number(&location["longitude"]));
        put("Barrierefrei", choice(WHEELCHAIR, &location["wheelchair"]));
        let phones = entry["phones"].as_array().unwrap_or(&empty);
        let (phone_cell, details) = phone_lines(phones);
        put("Telefon", text(&phone_cell));
        for phone in details {
            phone_sheet.push(phone_row(id, phone, &texts, &mut losses));
        }
        put("E-Mail", plain(&entry["email"]));
        put("Website", plain(&entry["url"]));
        put("Sprachen", list(&entry["languages"]));
        let schedule = &entry["schedule"];
        put("Öffnungszeiten", plain(&schedule["opening_hours"]));
        put(
            "Öffnungszeiten Hinweis",
            texts.cells(&schedule["description"], id, &mut losses),
        );
        put("Termin", yes_no(&entry["appointment_required"]));
        put("Kostenlos", yes_no(&entry["free_of_charge"]));
        put("Status", status(&entry["status"]));
        put("Geprüft am", date(&entry["assured_date"]));
        put("Geändert am", date(&entry["last_modified"]));
        for column in ENTRY_COLUMNS {
            let value = value_at(entry, column.path);
            put(
                column.header,
                texts.plain_column(column, value, id, &mut losses),
            );
        }
        entry_sheet.push(row);
        for contact in entry["contacts"].as_array().unwrap_or(&empty) {
            contact_sheet.push(contact_row(id, contact, &texts, &mut losses));
        }
    }

    let mut category_sheet = SheetBuilder::new(sheets::CATEGORIES, vec!["ID", "Bezeichnung"]);
    for category in directory["categories"].as_array().unwrap_or(&empty) {
        let id = category["id"].as_str().unwrap_or_default();
        let mut row = vec![("ID", None, CellValue::Text(id.to_owned()))];
        for (language, cell) in texts.cells(&category["name"], id, &mut losses) {
            row.push(("Bezeichnung", language, cell));
        }
        category_sheet.push(row);
    }

    let mut sheets = vec![entry_sheet.build()];
    for builder in [phone_sheet, contact_sheet, category_sheet] {
        if !builder.rows.is_empty() {
            sheets.push(builder.build());
        }
    }
    sheets.push(directory_sheet(directory, &texts, &mut losses));
    Exported { sheets, losses }
}

/// The entries as CSV for German Excel: `;`-separated, UTF-8 with a BOM (so that Excel reads
/// umlauts and Arabic right), decimal commas. The other sheets do not fit in a CSV; what
/// they hold is added to the losses.
pub fn to_csv(exported: &Exported) -> (Vec<u8>, Vec<String>) {
    let mut losses = exported.losses.clone();
    for sheet in &exported.sheets[1..] {
        losses.push(format!(
            "the {} rows of the sheet \"{}\" do not fit in a CSV file; export as xlsx to keep them",
            sheet.rows.len(),
            sheet.name
        ));
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let sheet = &exported.sheets[0];
    // Writing to memory cannot fail.
    let _ = writer.write_record(&sheet.header);
    for row in &sheet.rows {
        let cells = row.iter().map(|cell| match cell {
            CellValue::Text(text) => text.clone(),
            CellValue::Number(number) => number.to_string().replace('.', ","),
        });
        let _ = writer.write_record(cells);
    }
    (writer.into_inner().unwrap_or_default(), losses)
}

/// The columns of the entries' sheet without translations, in their order; a text column
/// is followed by its translations (`Name (en)`, …).
fn entry_headers() -> Vec<&'static str> {
    let own = [
        "ID",
        "Name",
        "Art",
        "Kategorie",
        "Träger",
        "Träger Website",
        "Beschreibung",
        "Straße",
        "PLZ",
        "Ort",
        "Breitengrad",
        "Längengrad",
        "Barrierefrei",
        "Telefon",
        "E-Mail",
        "Website",
        "Sprachen",
        "Öffnungszeiten",
        "Öffnungszeiten Hinweis",
        "Termin",
        "Kostenlos",
        "Status",
        "Geprüft am",
        "Geändert am",
    ];
    own.into_iter()
        .chain(ENTRY_COLUMNS.iter().map(|column| column.header))
        .collect()
}

const PHONE_HEADERS: [&str; 5] = ["ID", "Nummer", "Art", "Hinweis", "Sprachen"];
const CONTACT_HEADERS: [&str; 5] = ["ID", "Bezeichnung", "Telefon", "E-Mail", "Sprachen"];

/// Rows whose cells are (column, language of a translation, value); [`SheetBuilder::build`]
/// makes the header from the translations that occur.
struct SheetBuilder {
    name: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<Vec<(usize, Option<String>, CellValue)>>,
}

impl SheetBuilder {
    fn new(name: &'static str, headers: Vec<&'static str>) -> SheetBuilder {
        SheetBuilder {
            name,
            headers,
            rows: Vec::new(),
        }
    }

    /// Adds a row of (header, language of a translation, value).
    fn push(&mut self, cells: Vec<(&str, Option<String>, CellValue)>) {
        let row = cells
            .into_iter()
            .filter_map(|(header, language, cell)| {
                let index = self.headers.iter().position(|known| *known == header)?;
                Some((index, language, cell))
            })
            .collect();
        self.rows.push(row);
    }

    fn build(self) -> Sheet {
        let all_headers = &self.headers;
        // Each column, and after it its translations in the order of the widget's languages.
        let mut columns: Vec<(usize, Option<String>)> = Vec::new();
        for (index, _) in all_headers.iter().enumerate() {
            columns.push((index, None));
            let mut languages: Vec<&String> = self
                .rows
                .iter()
                .flatten()
                .filter(|(column, _, _)| *column == index)
                .filter_map(|(_, language, _)| language.as_ref())
                .collect();
            languages.sort_by_key(|language| (language_rank(language), language.as_str()));
            languages.dedup();
            columns.extend(
                languages
                    .into_iter()
                    .map(|language| (index, Some(language.clone()))),
            );
        }
        let header = columns
            .iter()
            .map(|(index, language)| match language {
                Some(language) => format!("{} ({language})", all_headers[*index]),
                None => all_headers[*index].to_owned(),
            })
            .collect();
        let rows = self
            .rows
            .into_iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|wanted| {
                        row.iter()
                            .find(|(index, language, _)| {
                                (*index, language) == (wanted.0, &wanted.1)
                            })
                            .map_or(CellValue::Text(String::new()), |(_, _, cell)| cell.clone())
                    })
                    .collect()
            })
            .collect();
        Sheet {
            name: self.name.to_owned(),
            header,
            rows,
        }
    }
}

/// The widget's languages first, in its order; others after, alphabetically.
fn language_rank(language: &str) -> usize {
    const ORDER: [&str; 9] = ["de", "en", "ar", "fa", "uk", "ru", "tr", "ps", "ti"];
    ORDER
        .iter()
        .position(|known| *known == language)
        .unwrap_or(ORDER.len())
}

/// Texts of the directory, by its default language.
struct Texts<'d> {
    default_language: &'d str,
}

impl Texts<'_> {
    /// A text field's cells: the default language's text without a language, the others
    /// as translations.
    fn cells(
        &self,
        value: &Value,
        id: &str,
        losses: &mut Vec<String>,
    ) -> Vec<(Option<String>, CellValue)> {
        match value {
            Value::String(text) => vec![(None, CellValue::Text(text.clone()))],
            Value::Object(by_language) => {
                let mut cells = Vec::new();
                match by_language.get(self.default_language) {
                    Some(Value::String(text)) => cells.push((None, CellValue::Text(text.clone()))),
                    _ => losses.push(format!(
                        "{id}: a text has no version in {}; its column stays empty and the import leaves the text out",
                        self.default_language
                    )),
                }
                for (language, text) in by_language {
                    if language != self.default_language
                        && let Value::String(text) = text
                    {
                        cells.push((Some(language.clone()), CellValue::Text(text.clone())));
                    }
                }
                cells
            }
            _ => Vec::new(),
        }
    }

    /// A plain column's cells.
    fn plain_column(
        &self,
        column: &PathColumn,
        value: &Value,
        id: &str,
        losses: &mut Vec<String>,
    ) -> Vec<(Option<String>, CellValue)> {
        match column.kind {
            ValueKind::Text => self.cells(value, id, losses),
            ValueKind::Date => date(value),
            ValueKind::YesNo => yes_no(value),
            ValueKind::Integer | ValueKind::Decimal => number(value),
            ValueKind::Choice(choices) => choice(choices, value),
            ValueKind::ChoiceList(choices) => {
                let words: Vec<&str> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|value| choice_word(choices, value).unwrap_or(value))
                    .collect();
                if words.is_empty() {
                    Vec::new()
                } else {
                    text(&words.join(", "))
                }
            }
        }
    }
}

fn text(text: &str) -> Vec<(Option<String>, CellValue)> {
    vec![(None, CellValue::Text(text.to_owned()))]
}

fn plain(value: &Value) -> Vec<(Option<String>, CellValue)> {
    value.as_str().map(text).unwrap_or_default()
}

fn number(value: &Value) -> Vec<(Option<String>, CellValue)> {
    value
        .as_f64()
        .map(|number| vec![(None, CellValue::Number(number))])
        .unwrap_or_default()
}

fn list(value: &Value) -> Vec<(Option<String>, CellValue)> {
    let items: Vec<&str> = value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if items.is_empty() {
        Vec::new()
    } else {
        text(&items.join(", "))
    }
}

fn choice(choices: &[(&'static str, &str)], value: &Value) -> Vec<(Option<String>, CellValue)> {
    value
        .as_str()
        .map(|value| text(choice_word(choices, value).unwrap_or(value)))
        .unwrap_or_default()
}

fn yes_no(value: &Value) -> Vec<(Option<String>, CellValue)> {
    value
        .as_bool()
        .map(|yes| text(if yes { "ja" } else { "nein" }))
        .unwrap_or_default()
}

/// A date as Germans write it: 2026-12-31 → 31.12.2026.
fn date(value: &Value) -> Vec<(Option<String>, CellValue)> {
    let Some(date) = value.as_str() else {
        return Vec::new();
    };
    match date.split('-').collect::<Vec<_>>()[..] {
        [year, month, day] => text(&format!("{day}.{month}.{year}")),
        _ => text(date),
    }
}

fn status(value: &Value) -> Vec<(Option<String>, CellValue)> {
    match value.as_str() {
        Some("temporarily closed") => text("vorübergehend geschlossen"),
        Some("defunct") => text("aufgelöst"),
        Some("active") => text("aktiv"),
        _ => Vec::new(),
    }
}

fn value_at<'v>(value: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(value, |value, key| &value[key])
}

/// The "Telefon" cell (one number a line, a German note in brackets) and the numbers whose
/// details need the phone sheet (a type, languages, a note in several languages or with
/// characters that separate numbers in a cell).
fn phone_lines(phones: &[Value]) -> (String, Vec<&Value>) {
    let mut lines = Vec::new();
    let mut details = Vec::new();
    for phone in phones {
        let number = phone["number"].as_str().unwrap_or_default();
        let label = match phone["type"].as_str() {
            Some("fax") => "Fax: ",
            Some("cell") => "Mobil: ",
            _ => "",
        };
        let description = phone["description"].as_str();
        let fits_in_cell = phone.get("languages").is_none()
            && matches!(phone["type"].as_str(), None | Some("fax" | "cell"))
            && description.is_none_or(is_safe_in_phone_cell)
            && !phone["description"].is_object();
        match (fits_in_cell, description) {
            (true, Some(description)) => lines.push(format!("{label}{number} ({description})")),
            (true, None) => lines.push(format!("{label}{number}")),
            (false, _) => {
                lines.push(format!("{label}{number}"));
                details.push(phone);
            }
        }
    }
    (lines.join("\n"), details)
}

/// Whether a note can stand in brackets after a number without being read as another number.
fn is_safe_in_phone_cell(description: &str) -> bool {
    !description.contains([',', ';', '|', '\n', '(', ')', '/'])
        && !description.contains(|c: char| c.is_ascii_digit())
        && ![" und ", " oder ", " or "]
            .iter()
            .any(|word| description.contains(word))
}

fn phone_row(
    id: &str,
    phone: &Value,
    texts: &Texts,
    losses: &mut Vec<String>,
) -> Vec<(&'static str, Option<String>, CellValue)> {
    let mut row = vec![
        ("ID", None, CellValue::Text(id.to_owned())),
        (
            "Nummer",
            None,
            CellValue::Text(phone["number"].as_str().unwrap_or_default().to_owned()),
        ),
    ];
    for (_, cell) in choice(PHONE_TYPES, &phone["type"]) {
        row.push(("Art", None, cell));
    }
    for (language, cell) in texts.cells(&phone["description"], id, losses) {
        row.push(("Hinweis", language, cell));
    }
    for (_, cell) in list(&phone["languages"]) {
        row.push(("Sprachen", None, cell));
    }
    row
}

fn contact_row(
    id: &str,
    contact: &Value,
    texts: &Texts,
    losses: &mut Vec<String>,
) -> Vec<(&'static str, Option<String>, CellValue)> {
    let mut row = vec![("ID", None, CellValue::Text(id.to_owned()))];
    for (language, cell) in texts.cells(&contact["title"], id, losses) {
        row.push(("Bezeichnung", language, cell));
    }
    let phones = contact["phones"].as_array().map_or(&[][..], Vec::as_slice);
    let (phone_cell, details) = phone_lines(phones);
    if !details.is_empty() {
        losses.push(format!(
            "{id}: a contact's phone numbers have types, languages or translated notes, which the sheet \"{}\" does not hold",
            sheets::CONTACTS
        ));
    }
    if !phone_cell.is_empty() {
        row.push(("Telefon", None, CellValue::Text(phone_cell)));
    }
    for (_, cell) in plain(&contact["email"]) {
        row.push(("E-Mail", None, cell));
    }
    for (_, cell) in list(&contact["languages"]) {
        row.push(("Sprachen", None, cell));
    }
    row
}

/// The sheet "Verzeichnis": one field a row.
fn directory_sheet(directory: &Value, texts: &Texts, losses: &mut Vec<String>) -> Sheet {
    let mut rows = Vec::new();
    for field in DIRECTORY_FIELDS {
        let value = value_at(directory, field.path);
        for (language, cell) in texts.plain_column(field, value, "directory", losses) {
            let name = match language {
                Some(language) => format!("{} ({language})", field.header),
                None => field.header.to_owned(),
            };
            rows.push(vec![CellValue::Text(name), cell]);
        }
    }
    if directory.get("synonyms").is_some() {
        losses.push(
            "directory: the search words of \"synonyms\" are not in the spreadsheet".to_owned(),
        );
    }
    Sheet {
        name: sheets::DIRECTORY.to_owned(),
        header: vec!["Feld".to_owned(), "Wert".to_owned()],
        rows,
    }
}

/// Lists the fields of an entry the spreadsheet has no column for.
fn note_unknown_fields(entry: &Value, losses: &mut Vec<String>) {
    const KNOWN: &[&str] = &[
        "id",
        "kind",
        "name",
        "description",
        "organization",
        "categories",
        "languages",
        "location",
        "service_area",
        "phones",
        "email",
        "url",
        "schedule",
        "appointment_required",
        "free_of_charge",
        "fees_description",
        "assured_date",
        "course",
        "alternate_name",
        "status",
        "status_note",
        "status_until",
        "target_groups",
        "minimum_age",
        "maximum_age",
        "contacts",
        "last_modified",
        "source",
    ];
    let id = entry["id"].as_str().unwrap_or_default();
    if let Value::Object(fields) = entry {
        for key in fields.keys() {
            if !KNOWN.contains(&key.as_str()) {
                losses.push(format!("{id}: the field \"{key}\" has no column"));
            }
        }
    }
}

/// Writes sheets as an Excel workbook: a bold, frozen header row, columns wide enough to
/// read, texts as text (postcodes and phone numbers keep their leading zeros).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_xlsx(exported: &Exported) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_text_wrap();
    for sheet in &exported.sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name).map_err(error_text)?;
        for (column, header) in sheet.header.iter().enumerate() {
            let column = u16::try_from(column).map_err(error_text)?;
            worksheet
                .write_string_with_format(0, column, header, &bold)
                .map_err(error_text)?;
            let width = if header.starts_with("Beschreibung") {
                60.0
            } else {
                (header.chars().count() as f64 + 4.0).max(14.0)
            };
            worksheet
                .set_column_width(column, width)
                .map_err(error_text)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(error_text)?;
        for (index, row) in sheet.rows.iter().enumerate() {
            let row_number = u32::try_from(index + 1).map_err(error_text)?;
            for (column, cell) in row.iter().enumerate() {
                let column = u16::try_from(column).map_err(error_text)?;
                match cell {
                    CellValue::Text(text) if text.is_empty() => {}
                    CellValue::Text(text) if text.contains('\n') => {
                        worksheet
                            .write_string_with_format(row_number, column, text, &wrapped)
                            .map_err(error_text)?;
                    }
                    CellValue::Text(text) => {
                        worksheet
                            .write_string(row_number, column, text)
                            .map_err(error_text)?;
                    }
                    CellValue::Number(number) => {
                        worksheet
                            .write_number(row_number, column, *number)
                            .map_err(error_text)?;
                    }
                }
            }
        }
    }
    workbook.save_to_buffer().map_err(error_text)
}

#[cfg(not(target_arch = "wasm32"))]
fn error_text(error: impl std::fmt::Display) -> String {
    error.to_string()
}
