//! The spreadsheet template an officer starts a directory from (`data/templates/`): the
//! columns the import reads, with German headers, one example row, explanations, the
//! category ids with their German names, the language codes, and drop-down lists.

/// The template's columns, in order: header, example value, explanation for the officer.
pub const TEMPLATE_COLUMNS: &[(&str, &str, &str)] = &[
    (
        "ID",
        "migrationsberatung-korbach",
        "Eine feste Kennung (Buchstaben, Ziffern, -). Leer lassen: sie wird aus Name und Ort gebildet. Einmal vergeben, nicht mehr ändern – geteilte Links hängen daran.",
    ),
    (
        "Name",
        "Migrationsberatung für Erwachsene (Beispiel)",
        "Der Name des Angebots. Pflichtfeld.",
    ),
    (
        "Name (en)",
        "Migration counselling for adults (example)",
        "Der Name auf Englisch. Für weitere Sprachen eine Spalte mit dem Sprachcode in Klammern anlegen, z. B. „Name (uk)“ oder „Beschreibung (ar)“ (Codes: Blatt „Sprachen“).",
    ),
    (
        "Art",
        "Dienst",
        "Dienst (Beratung, Amt), Kurs oder Verein. Leer: wird aus der Kategorie oder dem Namen erraten (…kurs, …verein, …café, …treff).",
    ),
    (
        "Kategorie",
        "Migrationsberatung",
        "Eine oder mehrere Kategorien, durch Kommas getrennt (Liste: Blatt „Kategorien“). Eigene Wörter gehen auch; sie werden beim Import über die Zuordnungsdatei übersetzt.",
    ),
    (
        "Träger",
        "Beispiel-Wohlfahrtsverband Korbach",
        "Die Organisation, die das Angebot macht.",
    ),
    (
        "Beschreibung",
        "Beratung zu Aufenthalt, Sprachkursen, Arbeit und Wohnen. Fiktives Beispiel.",
        "Was das Angebot leistet, in einfachen Sätzen. Bis zu 2000 Zeichen.",
    ),
    (
        "Beschreibung (en)",
        "Advice on residence, language courses, work and housing. Fictitious example.",
        "Die Beschreibung auf Englisch (weitere Sprachen wie bei „Name (en)“).",
    ),
    ("Straße", "Musterstraße 1", "Straße und Hausnummer."),
    (
        "PLZ",
        "34497",
        "Fünfstellige Postleitzahl. Eine verlorene führende Null wird ergänzt.",
    ),
    ("Ort", "Korbach", "Der Ort."),
    (
        "Breitengrad",
        "51,2754",
        "Breitengrad, z. B. 51,2754. Leer: die Mitte von PLZ oder Ort wird genommen (ungefähr; der Import sagt es).",
    ),
    ("Längengrad", "8,8727", "Längengrad, z. B. 8,8727."),
    (
        "Barrierefrei",
        "ja",
        "ja, teilweise oder nein (rollstuhlgerecht).",
    ),
    (
        "Telefon",
        "05631 000 000 (Zentrale)",
        "Eine oder mehrere Nummern, je Zeile oder durch Komma getrennt; ein Hinweis in Klammern dahinter. „Fax:“ oder „Mobil:“ davor für Fax und Handy.",
    ),
    ("E-Mail", "beratung@example.org", "Die E-Mail-Adresse."),
    (
        "Website",
        "https://example.org/beratung",
        "Die Webseite des Angebots; https:// wird ergänzt, wenn es fehlt.",
    ),
    (
        "Sprachen",
        "Deutsch, Englisch, Arabisch",
        "Sprachen, in denen beraten oder unterrichtet wird: Namen oder Codes, durch Kommas getrennt (Blatt „Sprachen“).",
    ),
    (
        "Öffnungszeiten",
        "Mo-Fr 09:00-12:00; Th 14:00-17:00",
        "Im OpenStreetMap-Format: Mo, Tu, We, Th, Fr, Sa, Su; z. B. „Mo-Fr 09:00-12:00; Th 14:00-17:00“. Dann zeigt die Suche „jetzt geöffnet“. Anderes wird als Hinweis übernommen.",
    ),
    (
        "Öffnungszeiten Hinweis",
        "Termine auch nach Vereinbarung",
        "Was die Zeiten nicht sagen, z. B. „in den Schulferien geschlossen“.",
    ),
    ("Termin", "nein", "ja, wenn nur mit Termin."),
    ("Kostenlos", "ja", "ja oder nein."),
    (
        "Kosten",
        "",
        "Wenn nicht kostenlos: was es kostet, z. B. „5 € pro Monat“.",
    ),
    (
        "Zielgruppen",
        "Familien",
        "Für wen, durch Kommas getrennt: Kinder, Jugendliche, junge Erwachsene, Frauen, Männer, Familien, Senioren, Geflüchtete, Menschen mit Behinderung, LSBTIQ*. Leer: für alle.",
    ),
    (
        "Kursart",
        "",
        "Nur für Kurse: Integrationskurs, Frauenkurs, Elternkurs, Jugendkurs, Alphabetisierungskurs, Intensivkurs, Berufssprachkurs oder Sonstiger Kurs.",
    ),
    (
        "Kursniveau",
        "",
        "Nur für Kurse: Alphabetisierung, A1, A2, B1, B2, C1, C2 (mehrere durch Kommas).",
    ),
    ("Kursbeginn", "", "Nur für Kurse: z. B. 12.01.2027."),
    ("Kursende", "", "Nur für Kurse: z. B. 30.06.2027."),
    (
        "Status",
        "aktiv",
        "aktiv, vorübergehend geschlossen oder archiviert (archivierte Zeilen werden nicht übernommen).",
    ),
    (
        "Geprüft am",
        "30.11.2026",
        "Wann die Angaben zuletzt geprüft wurden, z. B. 30.11.2026.",
    ),
];

/// The template as CSV for German Excel: the header and the example row (`;`, UTF-8 with a
/// BOM).
pub fn csv() -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to memory cannot fail.
    let _ = writer.write_record(TEMPLATE_COLUMNS.iter().map(|(header, _, _)| header));
    let _ = writer.write_record(TEMPLATE_COLUMNS.iter().map(|(_, example, _)| example));
    writer.into_inner().unwrap_or_default()
}

/// The template as an Excel workbook. `categories` are the built-in ones: (id, German name,
/// English name). The same input gives the same bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn xlsx(categories: &[(String, String, String)]) -> Result<Vec<u8>, String> {
    use crate::columns::{COURSE_LEVELS, COURSE_TYPES, KINDS, TARGET_GROUPS, WHEELCHAIR};
    use crate::text::LANGUAGES;
    use rust_xlsxwriter::{
        DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
        Workbook, XlsxError,
    };
    let text = |error: XlsxError| error.to_string();
    /// Rows the drop-down lists cover.
    const LAST_ROW: u32 = 2000;
    let mut workbook = Workbook::new();
    // A fixed date, so that the file only changes when its content does.
    let created = ExcelDateTime::from_ymd(2026, 11, 30).map_err(text)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("service-finder: Vorlage für Angebote")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_text_wrap();
    let example = Format::new().set_italic();

    let sheet = workbook.add_worksheet();
    sheet
        .set_name(crate::columns::sheets::ENTRIES)
        .map_err(text)?;
    for (column, (header, value, _)) in TEMPLATE_COLUMNS.iter().enumerate() {
        let column = u16::try_from(column).map_err(|error| error.to_string())?;
        sheet
            .write_string_with_format(0, column, *header, &bold)
            .map_err(text)?;
        if !value.is_empty() {
            sheet
                .write_string_with_format(1, column, *value, &example)
                .map_err(text)?;
        }
        let width = if header.starts_with("Beschreibung") {
            50.0
        } else {
            18.0
        };
        sheet.set_column_width(column, width).map_err(text)?;
    }
    sheet.set_freeze_panes(1, 1).map_err(text)?;
    let column_of = |header: &str| {
        TEMPLATE_COLUMNS
            .iter()
            .position(|(known, _, _)| *known == header)
            .and_then(|index| u16::try_from(index).ok())
            .unwrap_or(0)
    };
    let words = |choices: &[(&str, &str)]| -> Vec<String> {
        choices.iter().map(|(word, _)| (*word).to_owned()).collect()
    };
    let yes_no = ["ja".to_owned(), "nein".to_owned()];
    let status = [
        "aktiv".to_owned(),
        "vorübergehend geschlossen".to_owned(),
        "archiviert".to_owned(),
    ];
    // (column, choices, whether several may be written with commas: then a choice outside
    // the list only warns).
    let lists: [(&str, Vec<String>, bool); 9] = [
        ("Art", words(KINDS), false),
        ("Barrierefrei", words(WHEELCHAIR), false),
        ("Termin", yes_no.to_vec(), false),
        ("Kostenlos", yes_no.to_vec(), false),
        ("Zielgruppen", words(TARGET_GROUPS), true),
        ("Kursart", words(COURSE_TYPES), false),
        ("Kursniveau", words(COURSE_LEVELS), true),
        ("Status", status.to_vec(), false),
        ("Kategorie", Vec::new(), true),
    ];
    for (header, choices, several) in lists {
        let column = column_of(header);
        let validation = if header == "Kategorie" {
            let last = categories.len() + 1;
            DataValidation::new()
                .allow_list_formula(Formula::new(format!("=Kategorien!$B$2:$B${last}")))
        } else {
            DataValidation::new()
                .allow_list_strings(&choices)
                .map_err(text)?
        };
        let validation = if several {
            validation
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_message(
                    "Mehrere Werte durch Kommas trennen; jeder muss aus der Liste sein.",
                )
                .map_err(text)?
        } else {
            validation
        };
        sheet
            .add_data_validation(1, column, LAST_ROW, column, &validation)
            .map_err(text)?;
    }

    // The directory's own fields, for the whole list: who publishes it (newcomers who find
    // nothing are offered to ask them), its title and region. Empty to fill in.
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(crate::columns::sheets::DIRECTORY)
        .map_err(text)?;
    for (column, header) in ["Feld", "Wert", "Erläuterung"].iter().enumerate() {
        let column = u16::try_from(column).map_err(|error| error.to_string())?;
        sheet
            .write_string_with_format(0, column, *header, &bold)
            .map_err(text)?;
    }
    sheet.set_column_width(0, 24.0).map_err(text)?;
    sheet.set_column_width(1, 40.0).map_err(text)?;
    sheet.set_column_width(2, 80.0).map_err(text)?;
    for (row, (field, help)) in DIRECTORY_ROWS.iter().enumerate() {
        let row = u32::try_from(row + 1).map_err(|error| error.to_string())?;
        sheet.write_string(row, 0, *field).map_err(text)?;
        sheet
            .write_string_with_format(row, 2, *help, &wrapped)
            .map_err(text)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("Kategorien").map_err(text)?;
    for (column, header) in ["ID", "Bezeichnung", "Englisch"].iter().enumerate() {
        let column = u16::try_from(column).map_err(|error| error.to_string())?;
        sheet
            .write_string_with_format(0, column, *header, &bold)
            .map_err(text)?;
        sheet.set_column_width(column, 40.0).map_err(text)?;
    }
    for (row, (id, german, english)) in categories.iter().enumerate() {
        let row = u32::try_from(row + 1).map_err(|error| error.to_string())?;
        sheet.write_string(row, 0, id).map_err(text)?;
        sheet.write_string(row, 1, german).map_err(text)?;
        sheet.write_string(row, 2, english).map_err(text)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("Sprachen").map_err(text)?;
    sheet
        .write_string_with_format(0, 0, "Code", &bold)
        .map_err(text)?;
    sheet
        .write_string_with_format(0, 1, "Sprache", &bold)
        .map_err(text)?;
    sheet.set_column_width(1, 30.0).map_err(text)?;
    for (row, (code, names)) in LANGUAGES.iter().enumerate() {
        let row = u32::try_from(row + 1).map_err(|error| error.to_string())?;
        sheet.write_string(row, 0, *code).map_err(text)?;
        sheet
            .write_string(row, 1, capitalised(names.first().copied().unwrap_or(code)))
            .map_err(text)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("Erläuterungen").map_err(text)?;
    sheet
        .write_string_with_format(0, 0, "Spalte", &bold)
        .map_err(text)?;
    sheet
        .write_string_with_format(0, 1, "Was hineingehört", &bold)
        .map_err(text)?;
    sheet.set_column_width(0, 24.0).map_err(text)?;
    sheet.set_column_width(1, 100.0).map_err(text)?;
    let general = [
        (
            "Allgemein",
            "Eine Zeile je Angebot; die zweite Zeile ist ein Beispiel und kann überschrieben werden. Speichern als Excel-Arbeitsmappe (.xlsx) oder „CSV UTF-8“. Prüfen: Datei auf der Prüfseite (check.html) ablegen – sie bleibt auf Ihrem Rechner.",
        ),
        (
            "Weitere Spalten",
            "Alle Spalten eines Exports können auch hier stehen (z. B. Anfahrt, Mindestalter, Kinderbetreuung, Freie Plätze). Unbekannte Spalten meldet der Import und übernimmt sie nicht.",
        ),
    ];
    let rows = general.iter().copied().chain(
        TEMPLATE_COLUMNS
            .iter()
            .map(|(header, _, help)| (*header, *help)),
    );
    for (row, (header, help)) in rows.enumerate() {
        let row = u32::try_from(row + 1).map_err(|error| error.to_string())?;
        sheet.write_string(row, 0, header).map_err(text)?;
        sheet
            .write_string_with_format(row, 1, help, &wrapped)
            .map_err(text)?;
    }
    workbook.save_to_buffer().map_err(text)
}

/// The rows of the template's sheet "Verzeichnis" (fields of `columns::DIRECTORY_FIELDS`):
/// field, explanation for the officer.
#[cfg(not(target_arch = "wasm32"))]
const DIRECTORY_ROWS: &[(&str, &str)] = &[
    (
        "Titel",
        "Die Überschrift des Verzeichnisses, z. B. „Integrationswegweiser Landkreis …“.",
    ),
    (
        "Herausgeber",
        "Wer das Verzeichnis pflegt, z. B. „Fachdienst Integration“. Wer nichts Passendes findet, bekommt angeboten, hier nachzufragen.",
    ),
    ("Herausgeber E-Mail", "Die E-Mail-Adresse dafür."),
    ("Herausgeber Telefon", "Die Telefonnummer dafür."),
    ("Herausgeber Website", "Die Internetseite des Herausgebers."),
    (
        "Region",
        "Der Landkreis oder die Stadt, z. B. „Landkreis Waldeck-Frankenberg“.",
    ),
    (
        "Region AGS",
        "Der amtliche Kreisschlüssel, fünf Ziffern (z. B. 06635).",
    ),
];

/// "deutsch" → "Deutsch".
#[cfg(not(target_arch = "wasm32"))]
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
