//! The officers' language: every problem that the importer and the core's loader report, in
//! German or English, for `service-finder check`, `import` and `merge` and the checker page.
//!
//! The importer and the core write their problems in English, each from one fixed sentence
//! with values put in (an id, a column's value, a number). That sentence is the message's
//! stable id, as gettext's `msgid` is: [`CATALOG`] pairs each with its German, where `{}` in the
//! English stands for a value and `{0}`, `{1}` … in the German say which value goes where.
//! [`explain`] finds the sentence a message was made from, takes the values out and puts them
//! into the German; a value that is itself one of the sentences (the `expected …` of a wrong
//! type) is translated too.
//!
//! Why here and not in the core: the German would be in the newcomers' widget's download
//! otherwise, which never shows it. This crate is its own wasm module, loaded only on the
//! checker page, and the CLI links it anyway. The native tests check that every message the
//! core and the importer make for the test files has its German, and that each sentence and
//! its German have the same values.

use std::borrow::Cow;

/// The languages the officers' messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English: the messages as the importer and the core write them.
    English,
    /// German (Sie-form), for the integration officers.
    German,
}

impl Language {
    /// The language of a tag such as `de`, `de-DE` or `en_GB.UTF-8`; `None` for others.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("de") {
            Some(Language::German)
        } else if tag.starts_with("en") {
            Some(Language::English)
        } else {
            None
        }
    }

    /// The language of the locale as POSIX programs read it: the first set of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` decides; German when it starts with `de`, else English.
    /// `variable` gives an environment variable's value (`std::env::var(name).ok()`).
    pub fn from_locale(variable: impl Fn(&str) -> Option<String>) -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| variable(name).filter(|value| !value.is_empty()))
            .map_or(Language::English, |value| {
                if value.starts_with("de") {
                    Language::German
                } else {
                    Language::English
                }
            })
    }

    /// `de` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }
}

/// A problem's message in `language`. In German, from [`CATALOG`]; a message the catalog does
/// not know stays in English (the tests see to it that none is missing).
pub fn explain(message: &str, language: Language) -> Cow<'_, str> {
    match language {
        Language::English => Cow::Borrowed(message),
        Language::German => german(message).map_or(Cow::Borrowed(message), Cow::Owned),
    }
}

/// The German of an English message, `None` when [`CATALOG`] has no sentence it was made from.
pub fn german(message: &str) -> Option<String> {
    CATALOG.iter().find_map(|(english, german)| {
        let values = values_in(english, message)?;
        Some(fill(german, &values))
    })
}

/// The values put into `template` (at each `{}`) to make `message`, or `None` when `message`
/// was not made from it. The text between two values is searched from the left, which is right
/// for every sentence of the catalog: values come from data and seldom contain the sentence's
/// own words.
pub fn values_in<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let mut pieces = template.split("{}");
    let first = pieces.next().unwrap_or("");
    let mut rest = message.strip_prefix(first)?;
    let pieces: Vec<&str> = pieces.collect();
    let mut values = Vec::with_capacity(pieces.len());
    for (number, piece) in pieces.iter().enumerate() {
        if number + 1 == pieces.len() {
            values.push(rest.strip_suffix(piece)?);
            rest = "";
        } else {
            let end = rest.find(piece).filter(|_| !piece.is_empty())?;
            values.push(&rest[..end]);
            rest = &rest[end + piece.len()..];
        }
    }
    rest.is_empty().then_some(values)
}

/// `template` with `{0}`, `{1}` … replaced by the values, each in German when it is one of the
/// catalog's sentences itself; `{1:hours}` is opening hours in the OSM syntax, read out with
/// German days ("Mo-Th 08:00-12:00" → "Mo–Do 08:00–12:00"), and `{1:date}` a value that may
/// be a date, written as Germans write one ("2026-12-03" → "03.12.2026").
fn fill(template: &str, values: &[&str]) -> String {
    let mut text = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let (before, after) = rest.split_at(start);
        text.push_str(before);
        let number = after[1..].find('}').and_then(|end| {
            let (index, format) = after[1..=end]
                .split_once(':')
                .unwrap_or((&after[1..=end], ""));
            Some((index.parse::<usize>().ok()?, format, end))
        });
        match number {
            Some((index, format, end)) => {
                let value = values.get(index).copied().unwrap_or("");
                match german(value) {
                    Some(translated) if !value.is_empty() => text.push_str(&translated),
                    _ if format == "hours" => text.push_str(&hours_in_german(value)),
                    _ if format == "date" => text.push_str(&date_in_german(value)),
                    _ => text.push_str(&positions_in_german(value)),
                }
                rest = &after[end + 2..];
            }
            None => {
                text.push('{');
                rest = &after[1..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// A date `YYYY-MM-DD` as Germans write it, `DD.MM.YYYY`; any other value (a number read from
/// "ca. 5") as it is.
fn date_in_german(value: &str) -> String {
    let parts: Vec<&str> = value.split('-').collect();
    match parts[..] {
        [year, month, day]
            if year.len() == 4
                && month.len() == 2
                && day.len() == 2
                && value
                    .bytes()
                    .all(|byte| byte.is_ascii_digit() || byte == b'-') =>
        {
            format!("{day}.{month}.{year}")
        }
        _ => value.to_owned(),
    }
}

/// Opening hours in the OSM syntax with German day names and dashes, for reading: "Tu,Th
/// 09:00-12:00; Sa off" → "Di,Do 09:00–12:00; Sa geschlossen", and days of the month in words:
/// "Mo[1,3]" → "1. und 3. Mo im Monat".
fn hours_in_german(hours: &str) -> String {
    let mut text = String::with_capacity(hours.len() + 8);
    let mut word = String::new();
    let flush = |word: &mut String, text: &mut String| {
        text.push_str(match word.as_str() {
            "Tu" => "Di",
            "We" => "Mi",
            "Th" => "Do",
            "Su" => "So",
            "PH" => "Feiertag",
            "off" | "closed" => "geschlossen",
            other => other,
        });
        word.clear();
    };
    let mut chars = hours.chars();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphabetic() {
            word.push(c);
            continue;
        }
        // "Mo[1,3]": "1. und 3. Mo im Monat", "Fr[-1]": "letzter Fr im Monat".
        if c == '[' && !word.is_empty() {
            let inside: String = chars.by_ref().take_while(|&c| c != ']').collect();
            let nths: Vec<String> = inside
                .split(',')
                .map(|nth| match nth.trim() {
                    "-1" => "letzter".to_owned(),
                    nth => format!("{nth}."),
                })
                .collect();
            let (last, first) = nths.split_last().unwrap_or((&inside, &[]));
            if !first.is_empty() {
                text.push_str(&first.join(", "));
                text.push_str(" und ");
            }
            text.push_str(last);
            text.push(' ');
            flush(&mut word, &mut text);
            text.push_str(" im Monat");
            continue;
        }
        flush(&mut word, &mut text);
        text.push(if c == '-' { '–' } else { c });
    }
    flush(&mut word, &mut text);
    text
}

/// A problem of the core's in `language`: as [`explain`]; when the catalog does not know the
/// message, the German name of its kind (`ProblemKind::code`) comes first, then the English.
pub fn explain_with_kind<'m>(code: &str, message: &'m str, language: Language) -> Cow<'m, str> {
    match (language, german(message), kind_in_german(code)) {
        (Language::English, _, _) => Cow::Borrowed(message),
        (Language::German, Some(text), _) => Cow::Owned(text),
        (Language::German, None, Some(kind)) => {
            Cow::Owned(format!("{kind} (auf Englisch: {message})"))
        }
        (Language::German, None, None) => Cow::Borrowed(message),
    }
}

/// A list of places in a file (`line 3, column 7; line 9, column 2; …`) in German; any other
/// value as it is.
fn positions_in_german(value: &str) -> Cow<'_, str> {
    let is_position = |part: &str| {
        part == "…"
            || values_in("line {}, column {}", part).is_some_and(|numbers| {
                numbers
                    .iter()
                    .all(|number| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
            })
    };
    if value.starts_with("line ") && value.split("; ").all(is_position) {
        Cow::Owned(
            value
                .replace("line ", "Zeile ")
                .replace("column ", "Spalte "),
        )
    } else {
        Cow::Borrowed(value)
    }
}

/// The German of a problem kind of the core (`ProblemKind::code`), as a short heading.
pub fn kind_in_german(code: &str) -> Option<&'static str> {
    Some(match code {
        "invalid_value" => "Ungültiger Wert",
        "missing_field" => "Pflichtangabe fehlt",
        "unknown_field" => "Unbekanntes Feld",
        "invalid_id" => "Ungültige Kennung",
        "duplicate_id" => "Kennung doppelt vergeben",
        "invalid_coordinates" => "Ungültige Koordinaten",
        "unknown_category" => "Unbekannte Kategorie",
        "unknown_language" => "Unbekannte Sprache",
        "invalid_url" => "Ungültige Webadresse",
        "invalid_email" => "Ungültige E-Mail-Adresse",
        "invalid_date" => "Ungültiges Datum",
        "text_too_long" => "Text zu lang",
        "entry_too_large" => "Eintrag zu groß",
        "suspicious" => "Bitte prüfen",
        "invalid_text" => "Unzulässige Zeichen im Text",
        _ => return None,
    })
}

/// Each English sentence of the importer and the core with its German. `{}` in the English is
/// a value; `{0}`, `{1}` … in the German name them in the English order. More particular
/// sentences come before more general ones that would match the same message.
pub const CATALOG: &[(&str, &str)] = &[
    // The importer: the columns of an export (entry.rs, columns.rs), German opening hours
    // (german_hours.rs), a workbook's other sheets (table.rs) and HSDS packages
    // (hsds_tabular.rs).
    (
        "\"{}\" was read as \"{}\" (Mo Tu We Th Fr Sa Su), and \"{}\" is kept as the schedule's description; check it (value converted)",
        "„{0}“ wurde als „{1:hours}“ gelesen; „{2}“ steht als Hinweis zu den Öffnungszeiten dabei. Bitte prüfen Sie, ob das stimmt (Wert umgewandelt).",
    ),
    (
        "\"{}\" was read as \"{}\" (Mo Tu We Th Fr Sa Su); check it, or write it so yourself (value converted)",
        "„{0}“ wurde als „{1:hours}“ gelesen. Bitte prüfen Sie, ob das stimmt (Wert umgewandelt).",
    ),
    (
        "\"{}\" is not one of: {} (value ignored)",
        "„{0}“ ist keiner der möglichen Werte: {1} (Wert nicht übernommen).",
    ),
    (
        "\"{}\": an offer for everyone needs no target group (cell left empty)",
        "„{0}“: Ein Angebot für alle braucht keine Zielgruppe (Zelle leer gelassen).",
    ),
    (
        "\"{}\" is not a target group: an offer for all adults needs none; for adults only, write 18 in the column \"Mindestalter\" (value ignored)",
        "„{0}“ ist keine Zielgruppe: Ein Angebot für alle Erwachsenen braucht keine; ist es nur für Erwachsene, schreiben Sie 18 in die Spalte „Mindestalter“ (Wert nicht übernommen).",
    ),
    (
        "\"{}\" was read as {}; ages go in the columns \"Mindestalter\" and \"Höchstalter\" (value converted)",
        "„{0}“ wurde als {1} gelesen; Altersangaben gehören in die Spalten „Mindestalter“ und „Höchstalter“ (Wert umgewandelt).",
    ),
    (
        "\"{}\" was read as {}; check it (value converted)",
        "„{0}“ wurde als {1:date} gelesen. Bitte prüfen Sie das (Wert umgewandelt).",
    ),
    (
        "\"{}\" was read as {}; \"{}\" is not kept: write it in the description (value shortened)",
        "„{0}“ wurde als „{1}“ gelesen; „{2}“ wird nicht übernommen: Schreiben Sie es in die Beschreibung (Wert gekürzt).",
    ),
    (
        "\"{}\" names no fixed date (cell left empty)",
        "„{0}“ nennt kein festes Datum (Zelle leer gelassen).",
    ),
    (
        "\"{}\" was read as the address {} (value corrected)",
        "„{0}“ wurde als Adresse {1} gelesen (Wert korrigiert).",
    ),
    (
        "\"{}\" holds more than one address: {} was taken, not {}; give each other address a row of its own on the sheet \"{}\" (value shortened)",
        "„{0}“ enthält mehr als eine Adresse: {1} wurde übernommen, {2} nicht. Tragen Sie jede weitere Adresse in eine eigene Zeile im Blatt „{3}“ ein (Wert gekürzt).",
    ),
    (
        "\"{}\" is not a whole number such as 12 (value ignored)",
        "„{0}“ ist keine ganze Zahl wie 12 (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a number such as 51,2741 (value ignored)",
        "„{0}“ ist keine Zahl wie 51,2741 (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a kind of number; write one of: {} (value ignored)",
        "„{0}“ ist keine Art von Telefonnummer; schreiben Sie eines von: {1} (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a field of the directory; it is not imported",
        "„{0}“ ist kein Feld des Verzeichnisses; es wird nicht übernommen.",
    ),
    (
        "the package has no services.csv; an HSDS tabular package has one CSV file a table, services.csv among them",
        "Das Paket hat keine services.csv. Ein HSDS-Tabellenpaket hat eine CSV-Datei je Tabelle, darunter services.csv.",
    ),
    (
        "the zip file cannot be read: {}",
        "Die ZIP-Datei kann nicht gelesen werden ({0}).",
    ),
    (
        "{} in the zip file cannot be read: {}",
        "{0} in der ZIP-Datei kann nicht gelesen werden ({1}).",
    ),
    (
        "the zip file unpacks to more than {} MB, more than a directory holds",
        "Die ZIP-Datei ist entpackt größer als {0} MB, mehr als ein Verzeichnis fasst.",
    ),
    (
        "{}: the header cannot be read: {}",
        "{0}: Die Kopfzeile kann nicht gelesen werden ({1}).",
    ),
    (
        "{}, line {}: the CSV cannot be read: {}",
        "{0}, Zeile {1}: Die CSV-Datei kann nicht gelesen werden ({2}).",
    ),
    (
        "{} has more rows than a directory can hold",
        "{0} hat mehr Zeilen, als ein Verzeichnis fassen kann.",
    ),
    // The CLI's `import --region` (src/bin/service-finder/import_setup.rs).
    (
        "--region {}: no district has this key or name; give its five-digit key (AGS), such as 06635",
        "--region {0}: Kein Landkreis hat diesen Schlüssel oder Namen. Geben Sie den fünfstelligen Kreisschlüssel an, zum Beispiel 06635.",
    ),
    (
        "--region {}: several districts match: {}; give the key",
        "--region {0}: Mehrere Kreise passen: {1}. Geben Sie den Kreisschlüssel an.",
    ),
    // The importer: the file as a whole (table.rs, text.rs, integreat.rs, geojson.rs, hsds.rs).
    (
        "the file is not UTF-8; it was read as Windows-1252 (\"ANSI\"), as German Excel saves CSV",
        "Die Datei ist nicht in UTF-8 gespeichert; sie wurde als Windows-1252 („ANSI“) gelesen, wie das deutsche Excel CSV-Dateien speichert. Prüfen Sie die Umlaute.",
    ),
    (
        "row {}: the CSV cannot be read: {}",
        "Zeile {0}: Die CSV-Datei kann nicht gelesen werden ({1}).",
    ),
    (
        "the workbook cannot be read: {}",
        "Die Arbeitsmappe kann nicht gelesen werden ({0}).",
    ),
    ("the file has no rows", "Die Datei hat keine Zeilen."),
    (
        "the workbook has no sheet with data",
        "Die Arbeitsmappe hat kein Tabellenblatt mit Daten.",
    ),
    (
        "row {}: the header has no column for the names (\"Name\", \"Bezeichnung\", \"Angebot\" or \"Einrichtung\"); one of the first five rows with text must name the columns",
        "Zeile {0}: Es fehlt die Kopfzeile mit der Spalte für die Namen der Angebote. Nennen Sie diese Spalte „Name“, „Bezeichnung“, „Angebot“ oder „Einrichtung“; die Kopfzeile muss unter den ersten fünf beschriebenen Zeilen stehen. Am einfachsten ist die Vorlage (vorlage-angebote.xlsx).",
    ),
    (
        "\"{}\" stands above the header row; it is not an entry (row skipped)",
        "„{0}“ steht über der Kopfzeile und ist kein Eintrag (Zeile übersprungen).",
    ),
    (
        "\"{}\" stands below the table, after an empty row; it is not an entry (row skipped)",
        "„{0}“ steht unter der Tabelle, nach einer leeren Zeile, und ist kein Eintrag (Zeile übersprungen). Soll es ein Angebot sein, füllen Sie auch seine anderen Spalten aus oder entfernen Sie die leere Zeile darüber.",
    ),
    (
        "the column \"{}\" names people without their numbers; its values are not imported (a contact person, desk or team with its own number or e-mail goes on the sheet \"{}\")",
        "Die Spalte „{0}“ nennt Personen ohne ihre Telefonnummern; ihre Werte werden nicht übernommen. Eine Ansprechperson, Stelle oder ein Team mit eigener Telefonnummer oder E-Mail-Adresse gehört auf das Blatt „{1}“ der Vorlage.",
    ),
    (
        "the column \"{}\" holds the office's own notes; its values are not imported, so none of them is published",
        "Die Spalte „{0}“ enthält eigene Notizen; ihre Werte werden nicht übernommen, es wird also nichts davon veröffentlicht.",
    ),
    (
        "the column \"{}\" is not known; its values are not imported",
        "Die Spalte „{0}“ ist unbekannt; ihre Werte werden nicht übernommen. Prüfen Sie die Überschrift auf Tippfehler, oder nehmen Sie eine Überschrift aus der Vorlage (vorlage-angebote.xlsx).",
    ),
    (
        "column {} has no heading; its values were added to those of \"{}\" beside it, as under one heading over both (rows: {})",
        "Spalte {0} hat keine Überschrift; ihre Werte wurden zu denen von „{1}“ daneben genommen, wie unter einer Überschrift über beiden Spalten (Zeilen: {2}). Bitte prüfen Sie das.",
    ),
    (
        "column {} has no heading; its values are not imported (rows: {})",
        "Spalte {0} hat keine Überschrift; ihre Werte werden nicht übernommen (Zeilen: {1}). Geben Sie der Spalte eine Überschrift aus der Vorlage, oder verschieben Sie die Werte in die passende Spalte.",
    ),
    (
        "the file has more than {} rows, the most a directory holds",
        "Die Datei hat mehr als {0} Zeilen; mehr Einträge kann ein Verzeichnis nicht aufnehmen.",
    ),
    (
        "the file has more than {} features",
        "Die Datei hat mehr als {0} Objekte; mehr Einträge kann ein Verzeichnis nicht aufnehmen.",
    ),
    (
        "the file has more than {} locations",
        "Die Datei hat mehr als {0} Orte; mehr Einträge kann ein Verzeichnis nicht aufnehmen.",
    ),
    (
        "the file has more than {} services",
        "Die Datei hat mehr als {0} Angebote; mehr Einträge kann ein Verzeichnis nicht aufnehmen.",
    ),
    (
        "line {}, column {}: the file is not JSON: {}",
        "Zeile {0}, Spalte {1}: Die Datei ist kein gültiges JSON ({2}).",
    ),
    (
        "the JSON is not a list of Integreat locations",
        "Das JSON ist keine Liste von Integreat-Orten.",
    ),
    (
        "the JSON is not a GeoJSON FeatureCollection (no \"features\" list)",
        "Das JSON ist keine GeoJSON-FeatureCollection (es fehlt die Liste „features“).",
    ),
    (
        "the JSON is not HSDS services: neither a service, nor a list of them, nor a page with \"contents\"",
        "Das JSON enthält keine HSDS-Angebote: weder ein Angebot noch eine Liste davon noch eine Seite mit „contents“.",
    ),
    (
        "the record is not a JSON object (record skipped)",
        "Der Datensatz ist kein JSON-Objekt (Datensatz ausgelassen).",
    ),
    (
        "the record has no name (record skipped)",
        "Der Datensatz hat keinen Namen (Datensatz ausgelassen). Tragen Sie einen Namen ein.",
    ),
    (
        "the location is archived (record skipped)",
        "Der Ort ist archiviert (Datensatz ausgelassen).",
    ),
    (
        "the feature has no properties (record skipped)",
        "Das Objekt hat keine Eigenschaften (Datensatz ausgelassen).",
    ),
    (
        "the feature has no name of its own; it is named \"{}\" after its kind, operator and town: give it a better one",
        "Das Objekt hat keinen eigenen Namen; es heißt jetzt „{0}“ nach Art, Träger und Ort. Geben Sie ihm einen besseren Namen.",
    ),
    (
        "the property \"{}\" is not known; its value is not imported",
        "Die Eigenschaft „{0}“ ist unbekannt; ihr Wert wird nicht übernommen.",
    ),
    (
        "the point has no numbers [longitude, latitude] (value ignored)",
        "Der Punkt hat keine Koordinaten [Längengrad, Breitengrad] (Wert nicht übernommen).",
    ),
    (
        "the geometry is not a point; the middle of its points was taken",
        "Die Geometrie ist kein Punkt; die Mitte ihrer Punkte wurde genommen.",
    ),
    (
        "the time slot has no readable start and end such as \"09:00\" (value ignored)",
        "Der Zeitraum hat keinen lesbaren Beginn und kein lesbares Ende wie „09:00“ (Wert nicht übernommen).",
    ),
    (
        "opens_at and closes_at are not times such as 09:00 (value ignored)",
        "opens_at und closes_at sind keine Uhrzeiten wie 09:00 (Wert nicht übernommen).",
    ),
    (
        "only weekly and monthly schedules become opening_hours; this one is left to its description",
        "Nur wöchentliche und monatliche Zeiten werden zu Öffnungszeiten; diese bleiben als Beschreibung stehen.",
    ),
    (
        "the country \"{}\" is not Germany; the directory is for places in Germany",
        "Das Land „{0}“ ist nicht Deutschland; das Verzeichnis ist für Orte in Deutschland.",
    ),
    // The importer: the category mapping (categories.rs).
    (
        "the mapping file's line \"{}\" has no \"=\"; write \"category of the source = category id\" (line ignored)",
        "In der Zuordnungsdatei fehlt in der Zeile „{0}“ das „=“. Schreiben Sie „Kategorie der Quelle = Kategorie-Kennung“ (Zeile nicht beachtet).",
    ),
    (
        "the category \"{}\" has no category id; give it one in the mapping file (category left out)",
        "Die Kategorie „{0}“ hat keine Kategorie-Kennung. Tragen Sie eine in der Zuordnungsdatei ein (Kategorie nicht übernommen).",
    ),
    (
        "the mapping gives \"{}\" for \"{}\", which is not a category id: lowercase letters, digits and \"-\" (category left out)",
        "Die Zuordnung nennt „{0}“ für „{1}“; das ist keine Kategorie-Kennung: nur Kleinbuchstaben, Ziffern und „-“ (Kategorie nicht übernommen).",
    ),
    // The importer: one record's values (entry.rs, hours.rs).
    (
        "the record is \"{}\" (record skipped)",
        "Der Datensatz ist als „{0}“ markiert (Datensatz ausgelassen).",
    ),
    (
        "the status \"{}\" is not known; write aktiv, vorübergehend geschlossen or archiviert (the record is imported as active)",
        "Den Status „{0}“ gibt es nicht. Schreiben Sie „aktiv“, „vorübergehend geschlossen“ oder „archiviert“ (der Eintrag wird als aktiv übernommen).",
    ),
    (
        "the id \"{}\" has characters an id cannot have; \"{}\" is used",
        "Die Kennung „{0}“ enthält Zeichen, die eine Kennung nicht haben darf; „{1}“ wird verwendet.",
    ),
    (
        "the id \"{}\" is used by an earlier row; \"{}\" is used",
        "Die Kennung „{0}“ hat schon eine frühere Zeile; „{1}“ wird verwendet.",
    ),
    (
        "the kind \"{}\" is not known; write Dienst, Kurs or Verein (\"{}\" was taken)",
        "Die Art „{0}“ gibt es nicht. Schreiben Sie „Dienst“, „Kurs“ oder „Verein“ („{1}“ wurde genommen).",
    ),
    (
        "\"{}\" is not an e-mail address (value ignored)",
        "„{0}“ ist keine E-Mail-Adresse; schreiben Sie sie wie name@beispiel.de (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a date; write 31.12.2026 or 2026-12-31 (value ignored)",
        "„{0}“ ist kein Datum. Schreiben Sie es als 31.12.2026 oder 2026-12-31 (Wert nicht übernommen).",
    ),
    (
        "\"{}\" has no https://; it was added: check that the address opens (value corrected)",
        "Bei „{0}“ fehlte https://; es wurde ergänzt. Prüfen Sie, ob sich die Adresse öffnet (Wert korrigiert).",
    ),
    (
        "\"{}\" is not a web address; write https://… (value ignored)",
        "„{0}“ ist keine Webadresse. Schreiben Sie https://… (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a web address (value ignored)",
        "„{0}“ ist keine Webadresse (Wert nicht übernommen).",
    ),
    (
        "the postcode {} has four digits; its leading zero was put back (value corrected)",
        "Die Postleitzahl {0} hat nur vier Ziffern; die führende Null wurde ergänzt (Wert korrigiert).",
    ),
    (
        "the postcode {} has four digits, and {} is not a German postcode either: a digit is missing (value ignored)",
        "Die Postleitzahl {0} hat nur vier Ziffern, und {1} gibt es auch nicht: Es fehlt eine Ziffer. Bitte prüfen Sie sie (Wert nicht übernommen; der Ort allein bestimmt die Lage).",
    ),
    (
        "the row has no name and one value only, \"{}\": read as a note (row skipped)",
        "Die Zeile hat keinen Namen und nur einen Wert („{0}“); sie wird als Notiz gelesen und nicht übernommen.",
    ),
    (
        "the region has no position: the middle of its entries ({}, {}) is used; give \"Region Breitengrad\" and \"Region Längengrad\" to set another",
        "Für die Region ist keine Lage angegeben: Die Mitte ihrer Angebote ({0}, {1}) wird genommen. Für eine andere tragen Sie „Region Breitengrad“ und „Region Längengrad“ ein.",
    ),
    (
        "the category \"{}\" was guessed to be \"{}\", for every row with it; check it, and change it in the category mapping if it is wrong",
        "Die Kategorie „{0}“ wurde als „{1}“ geraten, für alle Zeilen mit ihr. Prüfen Sie das; ist es falsch, ändern Sie es in der Kategorien-Zuordnung.",
    ),
    (
        "two columns name the entries: \"{}\" is read as their name, \"{}\" as the organisation that offers them",
        "Zwei Spalten benennen die Angebote: „{0}“ wird als ihr Name gelesen, „{1}“ als der Träger, der sie anbietet.",
    ),
    (
        "the row is the template's example (row skipped); delete it",
        "Die Zeile ist das Beispiel der Vorlage und wird nicht übernommen. Löschen Sie sie.",
    ),
    (
        "the cell still holds the template's example \"{}\"; replace or delete it",
        "In der Zelle steht noch das Beispiel der Vorlage („{0}“). Ersetzen oder löschen Sie es, sonst lesen es die Zugewanderten.",
    ),
    (
        "the record is the same as row {}, a duplicate (record skipped)",
        "Der Datensatz ist derselbe wie in Zeile {0}, also doppelt (Datensatz nicht übernommen).",
    ),
    (
        "\"{}\" is not a German postcode of five digits (value ignored)",
        "„{0}“ ist keine deutsche Postleitzahl mit fünf Ziffern (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not a number in degrees such as 51,2741 (value ignored)",
        "„{0}“ ist keine Gradzahl wie 51,2741 (Wert nicht übernommen).",
    ),
    (
        "only one of latitude and longitude is given (value ignored)",
        "Es ist nur Breitengrad oder nur Längengrad angegeben; es braucht beide (Wert nicht übernommen).",
    ),
    (
        "latitude {} and longitude {} were swapped; they were put right (value corrected)",
        "Breitengrad {0} und Längengrad {1} waren vertauscht; sie wurden richtig gestellt (Wert korrigiert).",
    ),
    (
        "{}, {} is not in Germany: the latitude is about 47 to 55, the longitude 6 to 15 (value ignored)",
        "{0}, {1} liegt nicht in Deutschland: Der Breitengrad liegt etwa zwischen 47 und 55, der Längengrad zwischen 6 und 15 (Wert nicht übernommen).",
    ),
    (
        "no coordinates: the centre of {} was taken, which is approximate; set the coordinates for an exact distance",
        "Keine Koordinaten: Die Mitte {0} wurde genommen; das ist nur ungefähr. Tragen Sie Breitengrad und Längengrad ein, damit Entfernungen genau sind.",
    ),
    ("postcode {}", "der Postleitzahl {0}"),
    ("the town {}", "des Ortes {0}"),
    (
        "no coordinates, and neither postcode nor town is in the gazetteer: the entry cannot be found near a place; set the coordinates",
        "Keine Koordinaten, und weder Postleitzahl noch Ort sind bekannt: Der Eintrag wird bei einer Suche in der Nähe nicht gefunden. Tragen Sie die Koordinaten ein.",
    ),
    (
        "\"{}\" is not a telephone number (value ignored)",
        "„{0}“ ist keine Telefonnummer (Wert nicht übernommen).",
    ),
    (
        "the number {} was stored as a number and lost its leading zero; it was put back (value corrected)",
        "Die Nummer {0} war als Zahl gespeichert und hat ihre führende Null verloren; sie wurde ergänzt (Wert korrigiert).",
    ),
    (
        "\"{}\" is not a language this importer knows; write its name (Arabisch) or its ISO 639 code (ar) (value ignored)",
        "„{0}“ ist keine bekannte Sprache. Schreiben Sie den Namen (Arabisch) oder den ISO-639-Code (ar) (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is not in the opening_hours syntax (Mo-Fr 09:00-12:00); it is kept as the schedule's description, so \"open now\" cannot use it",
        "„{0}“ ist nicht in der Schreibweise für Öffnungszeiten (Mo-Fr 09:00-12:00). Der Text wird als Beschreibung übernommen, aber der Filter „jetzt geöffnet“ kann ihn nicht nutzen.",
    ),
    (
        "\"{}\" was read as: free of charge (free_of_charge); the text is kept",
        "„{0}“ wurde als „kostenlos“ gelesen (Spalte „Kostenlos“: ja); der Text bleibt als Angabe zu den Kosten stehen.",
    ),
    (
        "\"{}\" was read as: free of charge (free_of_charge)",
        "„{0}“ wurde als „kostenlos“ gelesen (Spalte „Kostenlos“: ja); die Karte zeigt es in der Sprache der Nutzerinnen und Nutzer.",
    ),
    (
        "\"{}\" was read as: by appointment only (appointment_required); the text is kept as the schedule's description",
        "„{0}“ wurde als „nur mit Termin“ gelesen (Spalte „Termin“: ja); der Text bleibt als Hinweis zu den Öffnungszeiten stehen.",
    ),
    (
        "\"{}\" is not ja, teilweise or nein (value ignored)",
        "„{0}“ ist nicht „ja“, „teilweise“ oder „nein“ (Wert nicht übernommen).",
    ),
    (
        "\"{}\" is neither ja nor nein (value ignored)",
        "„{0}“ ist weder „ja“ noch „nein“ (Wert nicht übernommen).",
    ),
    (
        "the text has {} characters, more than the {} the format allows (value shortened)",
        "Der Text hat {0} Zeichen, mehr als die erlaubten {1} (Text gekürzt).",
    ),
    (
        "{} has an opening or a closing time but not both (day left out)",
        "{0} hat eine Öffnungs- oder eine Schließzeit, aber nicht beide (Tag nicht übernommen).",
    ),
    (
        "\"{}\" is not a weekday MO…SU; that day is left out",
        "„{0}“ ist kein Wochentag MO…SU; der Tag wird nicht übernommen.",
    ),
    (
        "\"{}\" is not a weekday of the month such as 1MO or -1FR; that day is left out",
        "„{0}“ ist kein Wochentag des Monats wie 1MO oder -1FR; der Tag wird nicht übernommen.",
    ),
    (
        "\"{}\" is not a time such as 09:00 (value ignored)",
        "„{0}“ ist keine Uhrzeit wie 09:00 (Wert nicht übernommen).",
    ),
    // The core: the file as a whole (load.rs, read.rs, header.rs).
    (
        "this is not a directory: the file must be a JSON object { \"format_version\": 1, … }",
        "Das ist kein Verzeichnis: Die Datei muss ein JSON-Objekt sein: { \"format_version\": 1, … }.",
    ),
    (
        "this is not a directory: it has no \"entries\" list",
        "Das ist kein Verzeichnis: Es fehlt die Liste „entries“.",
    ),
    (
        "this is not a service-finder directory: \"format_version\": 1 is missing at the top of the file",
        "Das ist kein service-finder-Verzeichnis: Am Anfang der Datei fehlt \"format_version\": 1.",
    ),
    (
        "format_version {} is not supported; this version of service-finder reads format_version {}",
        "format_version {0} wird nicht unterstützt; diese Version von service-finder liest format_version {1}.",
    ),
    (
        "the file is not all UTF-8 text: bytes were read as \u{FFFD} at {} place(s): {}. Save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        "Die Datei ist nicht durchgehend UTF-8-Text: An {0} Stellen wurden Zeichen als \u{FFFD} gelesen: {1}. Speichern Sie die Datei als UTF-8 (in Excel: „CSV UTF-8“).",
    ),
    (
        "the file is not valid JSON: {}",
        "Die Datei ist kein gültiges JSON: {0}. Prüfen Sie die Stelle, zum Beispiel auf ein fehlendes Komma oder Anführungszeichen.",
    ),
    (
        "the file is {} MB; directories of at most {} MB are accepted",
        "Die Datei ist {0} MB groß; Verzeichnisse dürfen höchstens {1} MB groß sein.",
    ),
    (
        "the directory has more than {} entries; at most {} are accepted",
        "Das Verzeichnis hat mehr als {0} Einträge; höchstens {1} sind erlaubt.",
    ),
    (
        "\"entries\" must be a list: [ {…}, {…} ]",
        "„entries“ muss eine Liste sein: [ {…}, {…} ].",
    ),
    (
        "\"entries\" appears again at line {}, column {}; the entries of every list were read, but other programs keep only one list: make it one",
        "„entries“ kommt in Zeile {0}, Spalte {1} ein zweites Mal vor. Alle Einträge wurden gelesen, aber andere Programme behalten nur eine Liste: Fassen Sie die Listen zu einer zusammen.",
    ),
    (
        "the directory needs a title",
        "Das Verzeichnis braucht einen Titel.",
    ),
    (
        "no id for {} of the {} entries: their ids are made from name and town (\"{}\"), so renaming an entry or moving it to another town changes its id, and links to it that newcomers have shared stop working; to keep them, write the ids into the column \"ID\" (service-finder export writes a table with them)",
        "Keine ID bei {0} von {1} Einträgen: Ihre IDs werden aus Name und Ort gebildet (z. B. „{2}“). Wird ein Eintrag umbenannt oder zieht er in einen anderen Ort, ändert sich seine ID, und Links darauf, die Neuzugewanderte geteilt haben, funktionieren nicht mehr. Damit die IDs bleiben, tragen Sie sie in die Spalte „ID“ ein (service-finder export schreibt eine Tabelle mit ihnen).",
    ),
    (
        "no title: the directory is called \"{}\" after its file, and newcomers see that as the finder's heading",
        "Kein Titel angegeben: Das Verzeichnis heißt nach der Datei „{0}“, und so steht es als Überschrift über der Suche. In der Vorlage gehört der Titel ins Blatt „Verzeichnis“ (Zeile „Titel“).",
    ),
    (
        "no publisher: users cannot tell whom to ask about the data",
        "Kein Herausgeber angegeben: Niemand kann erkennen, wen man zu den Daten fragen kann. In der Vorlage gehört er ins Blatt „Verzeichnis“ (Zeilen „Herausgeber“, „Herausgeber E-Mail“, „Herausgeber Telefon“).",
    ),
    (
        "{} problems or more in one entry: it cannot be trusted and was skipped; only its first {} problems are listed",
        "{0} oder mehr Probleme in einem Eintrag: Er ist nicht verlässlich und wurde ausgelassen. Nur seine ersten {1} Probleme werden aufgeführt.",
    ),
    (
        "the entry is {} KB of JSON; at most {} KB are allowed",
        "Der Eintrag ist {0} KB groß; höchstens {1} KB sind erlaubt.",
    ),
    (
        "the id \"{}\" is used by an earlier entry already",
        "Die Kennung „{0}“ hat schon ein früherer Eintrag. Jede Kennung darf nur einmal vorkommen.",
    ),
    // The core: reading values (json/fields.rs, read.rs).
    (
        "the required field \"{}\" is missing",
        "Die Pflichtangabe „{0}“ fehlt.",
    ),
    (
        "the field \"{}\" appears twice; the second value was ignored",
        "Das Feld „{0}“ kommt zweimal vor; der zweite Wert wurde nicht beachtet.",
    ),
    (
        "\"{}\" appears twice; the second list was ignored",
        "„{0}“ kommt zweimal vor; die zweite Liste wurde nicht beachtet.",
    ),
    (
        "unknown field \"{}\" (a typo?); it was ignored",
        "Unbekanntes Feld „{0}“ (ein Tippfehler?); es wurde nicht beachtet.",
    ),
    (
        "expected {}, found {}",
        "Erwartet wird {0}, gefunden wurde {1}.",
    ),
    ("the number {} is too large", "Die Zahl {0} ist zu groß."),
    (
        "\"{}\" is not one of: {}",
        "„{0}“ ist keiner dieser Werte: {1}.",
    ),
    (
        "\"{}\" is not a date; write it as YYYY-MM-DD, for example 2026-03-31",
        "„{0}“ ist kein Datum. Schreiben Sie es als JJJJ-MM-TT, zum Beispiel 2026-03-31.",
    ),
    (
        "\"{}\" is not a language code; use ISO 639-1 (\"de\", \"ar\") or ISO 639-3 (\"prs\")",
        "„{0}“ ist kein Sprachcode. Verwenden Sie ISO 639-1 („de“, „ar“) oder ISO 639-3 („prs“).",
    ),
    (
        "contains control characters that do not belong in a text; they were removed",
        "Enthält Steuerzeichen, die nicht in einen Text gehören; sie wurden entfernt.",
    ),
    (
        "contains control characters (U+{}) that do not belong in a text; they were removed",
        "Enthält Steuerzeichen (U+{0}), die nicht in einen Text gehören; sie wurden entfernt.",
    ),
    (
        "contains direction overrides (U+{}), which can make a text read backwards; they were removed",
        "Enthält Zeichen zur Schreibrichtung (U+{0}), die einen Text rückwärts erscheinen lassen können; sie wurden entfernt.",
    ),
    (
        "contains half of a character (a \\u escape of a lone surrogate); it was replaced by \u{FFFD}",
        "Enthält ein halbes Zeichen (ein \\u-Escape eines einzelnen Surrogats); es wurde durch \u{FFFD} ersetzt.",
    ),
    (
        "contains invisible characters (U+{}); they were removed",
        "Enthält unsichtbare Zeichen (U+{0}); sie wurden entfernt.",
    ),
    // Phrases that the sentences above put in (what was expected, what was found).
    ("a date written as YYYY-MM-DD", "ein Datum als JJJJ-MM-TT"),
    (
        "a language code such as \"de\", \"ar\" or \"prs\"",
        "ein Sprachcode wie „de“, „ar“ oder „prs“",
    ),
    ("a directory object", "ein Verzeichnis-Objekt"),
    (
        "an entry object { \"id\": …, \"kind\": …, \"name\": … }",
        "ein Eintrag als Objekt { \"id\": …, \"kind\": …, \"name\": … }",
    ),
    (
        "a text, or an object of language code to text",
        "ein Text oder ein Objekt aus Sprachcode und Text",
    ),
    (
        "a whole number from 0 to 4294967295",
        "eine ganze Zahl von 0 bis 4294967295",
    ),
    (
        "an object of category id to a list of words",
        "ein Objekt aus Kategorie-Kennung und Wortliste",
    ),
    ("an object {}", "ein Objekt {0}"),
    ("a place object {}", "ein Ort als Objekt {0}"),
    ("a list [ … ]", "eine Liste [ … ]"),
    ("a text ({})", "ein Text ({0})"),
    ("a number ({})", "eine Zahl ({0})"),
    ("true or false ({})", "true oder false ({0})"),
    ("null ({})", "null ({0})"),
    ("a text", "ein Text"),
    ("a number", "eine Zahl"),
    ("true or false", "true oder false"),
    // What the JSON reader says where a file stops being JSON (json/reader.rs).
    ("a value is expected here", "hier fehlt ein Wert"),
    ("{ is expected here", "hier wird { erwartet"),
    ("[ is expected here", "hier wird [ erwartet"),
    (
        "a comma or } is expected here",
        "hier wird ein Komma oder } erwartet",
    ),
    (
        "a comma or ] is expected here",
        "hier wird ein Komma oder ] erwartet",
    ),
    (
        "a field name in double quotes is expected here",
        "hier wird ein Feldname in doppelten Anführungszeichen erwartet",
    ),
    (
        "a colon is expected here",
        "hier wird ein Doppelpunkt erwartet",
    ),
    (
        "a text in double quotes is expected here",
        "hier wird ein Text in doppelten Anführungszeichen erwartet",
    ),
    (
        "the text ends inside a string",
        "die Datei endet mitten in einem Text",
    ),
    ("the text ends too early", "die Datei endet zu früh"),
    (
        "a line break or control character must be escaped in a string",
        "ein Zeilenumbruch oder Steuerzeichen in einem Text muss als \\n oder \\u… geschrieben werden",
    ),
    (
        "unknown escape after a backslash",
        "unbekanntes Zeichen nach einem Backslash (\\)",
    ),
    (
        "\\u must be followed by four hex digits",
        "nach \\u müssen vier Hexadezimalziffern folgen",
    ),
    (
        "a number is malformed here",
        "hier steht eine fehlerhafte Zahl",
    ),
    (
        "a digit must follow the decimal point",
        "nach dem Dezimalpunkt muss eine Ziffer folgen",
    ),
    (
        "a digit must follow the exponent",
        "nach dem Exponenten muss eine Ziffer folgen",
    ),
    (
        "nothing may follow the end of the JSON value",
        "nach dem Ende des JSON darf nichts mehr folgen",
    ),
    // The core: checking values (validate/*.rs).
    (
        "the name is empty",
        "Der Name ist leer. Tragen Sie einen Namen ein.",
    ),
    (
        "\"{}\" is not a usable id: 1 to 100 letters, digits, '-', '_', '.' or ':', starting with a letter or digit",
        "„{0}“ ist keine gültige Kennung: 1 bis 100 Buchstaben, Ziffern, „-“, „_“, „.“ oder „:“, am Anfang ein Buchstabe oder eine Ziffer.",
    ),
    (
        "unknown category \"{}\": use a built-in id or define it in the directory's categories",
        "Unbekannte Kategorie „{0}“: Verwenden Sie eine vorhandene Kategorie oder legen Sie sie im Verzeichnis unter „categories“ an.",
    ),
    (
        "\"{}\" is not a category of this directory; its words are not used",
        "„{0}“ ist keine Kategorie dieses Verzeichnisses; ihre Suchwörter werden nicht verwendet.",
    ),
    (
        "\"{}\" is a built-in category already; choose another id",
        "„{0}“ ist schon eine vorhandene Kategorie; wählen Sie eine andere Kennung.",
    ),
    (
        "\"{}\" is not a category id: use lowercase letters, digits and -",
        "„{0}“ ist keine Kategorie-Kennung: Verwenden Sie Kleinbuchstaben, Ziffern und „-“.",
    ),
    (
        "category \"{}\" is defined twice",
        "Die Kategorie „{0}“ ist zweimal angelegt.",
    ),
    (
        "{} empty word(s) or word(s) longer than {} characters",
        "{0} leere oder zu lange Wörter (mehr als {1} Zeichen).",
    ),
    (
        "{} words; the first {} are used",
        "{0} Wörter; nur die ersten {1} werden verwendet.",
    ),
    (
        "\"{}\" is not an ISO 639-1 or ISO 639-3 language code",
        "„{0}“ ist kein Sprachcode nach ISO 639-1 oder ISO 639-3.",
    ),
    (
        "\"{}\" is not an ISO 639 language code; German (\"de\") is used",
        "„{0}“ ist kein Sprachcode nach ISO 639; Deutsch („de“) wird verwendet.",
    ),
    (
        "\"{}\" is not an ISO 639 language code",
        "„{0}“ ist kein Sprachcode nach ISO 639.",
    ),
    (
        "\"{}\" has the shorter ISO 639-1 code \"{}\"; that one is used",
        "„{0}“ hat den kürzeren Code „{1}“ nach ISO 639-1; dieser wird verwendet.",
    ),
    (
        "\"{}\" is written \"{}\", in lower case; that is used",
        "„{0}“ wird klein geschrieben: „{1}“; so wird es verwendet.",
    ),
    (
        "repeated language codes were removed ({}); each language is listed once",
        "Doppelte Sprachcodes wurden entfernt ({0}); jede Sprache steht nur einmal in der Liste.",
    ),
    (
        "{} characters; at most {} are allowed",
        "{0} Zeichen; höchstens {1} sind erlaubt. Kürzen Sie den Text.",
    ),
    (
        "contains HTML ({}); it is shown as typed, tags included: write plain text (line breaks are kept)",
        "Enthält HTML ({0}); es wird mit allen Tags so angezeigt, wie es geschrieben ist. Schreiben Sie einfachen Text (Zeilenumbrüche bleiben erhalten).",
    ),
    (
        "\"{}\" is not a German postcode (five digits)",
        "„{0}“ ist keine deutsche Postleitzahl (fünf Ziffern).",
    ),
    (
        "\"{}\" is not an official municipality key (AGS): 2, 5 or 8 digits",
        "„{0}“ ist kein amtlicher Gemeindeschlüssel (AGS): 2, 5 oder 8 Ziffern.",
    ),
    (
        "latitude and longitude must be given together",
        "Breitengrad und Längengrad müssen zusammen angegeben werden.",
    ),
    (
        "{} is out of range: latitude must lie between -90 and 90, longitude between -180 and 180",
        "{0} ist außerhalb des möglichen Bereichs: Der Breitengrad liegt zwischen -90 und 90, der Längengrad zwischen -180 und 180.",
    ),
    (
        "latitude {} and longitude {} look swapped: in Germany the latitude is about 47 to 55, the longitude 6 to 15",
        "Breitengrad {0} und Längengrad {1} scheinen vertauscht: In Deutschland liegt der Breitengrad etwa zwischen 47 und 55, der Längengrad zwischen 6 und 15.",
    ),
    ("{} is outside Germany", "{0} liegt außerhalb Deutschlands."),
    (
        "{} is {} km from the region's centre; is it right?",
        "{0} ist {1} km von der Mitte der Region entfernt. Stimmt das?",
    ),
    (
        "neither coordinates nor a service_area: a search near a place will not find this entry",
        "Weder Koordinaten noch ein Einzugsgebiet: Eine Suche in der Nähe eines Ortes findet diesen Eintrag nicht.",
    ),
    (
        "\"{}\" is not an e-mail address like name@example.org",
        "„{0}“ ist keine E-Mail-Adresse wie name@beispiel.de.",
    ),
    (
        "\"{}\" is on a domain reserved for examples, which reaches nobody; the directory is not marked as example data",
        "„{0}“ gehört zu einer Domain für Beispiele und erreicht niemanden; das Verzeichnis ist aber nicht als Beispieldaten gekennzeichnet.",
    ),
    (
        "\"{}\" looks like a placeholder, not a real number; the directory is not marked as example data",
        "„{0}“ sieht wie ein Platzhalter aus, nicht wie eine echte Nummer; das Verzeichnis ist aber nicht als Beispieldaten gekennzeichnet.",
    ),
    (
        "\"{}:\" links are not allowed; a website must start with https:// or http://",
        "Links mit „{0}:“ sind nicht erlaubt; eine Webadresse muss mit https:// oder http:// beginnen.",
    ),
    (
        "\"{}\" contains spaces or characters that do not belong in a web address",
        "„{0}“ enthält Leerzeichen oder Zeichen, die nicht in eine Webadresse gehören.",
    ),
    (
        "\"{}\" has no valid host name after the https://",
        "„{0}“ hat nach https:// keinen gültigen Servernamen.",
    ),
    (
        "\"{}\" is not a web address; it must start with https:// or http://",
        "„{0}“ ist keine Webadresse; sie muss mit https:// oder http:// beginnen.",
    ),
    (
        "a contact without a usable telephone number or e-mail address reaches nobody",
        "Ein Kontakt ohne brauchbare Telefonnummer oder E-Mail-Adresse erreicht niemanden.",
    ),
    (
        "a course without course details (levels, type, dates)",
        "Ein Kurs ohne Kursangaben (Niveaus, Art, Termine).",
    ),
    (
        "only entries of kind \"course\" have course details, this one is \"{}\"",
        "Nur Einträge der Art „course“ (Kurs) haben Kursangaben; dieser ist „{0}“.",
    ),
    (
        "the course ends ({}) before it starts ({})",
        "Der Kurs endet ({0}), bevor er beginnt ({1}).",
    ),
    (
        "the maximum age ({}) is below the minimum age ({})",
        "Das Höchstalter ({0}) ist kleiner als das Mindestalter ({1}).",
    ),
    (
        "{} is not an age in years (at most {})",
        "{0} ist kein Alter in Jahren (höchstens {1}).",
    ),
    (
        "status_until is only used with \"status\": \"temporarily closed\"",
        "status_until wird nur mit \"status\": \"temporarily closed\" (vorübergehend geschlossen) verwendet.",
    ),
    (
        "\"{}\" is not in opening_hours syntax ({}); it is shown as written, and the widget cannot tell whether it is open; write it as \"{}\"",
        "„{0}“ ist nicht in der Schreibweise für Öffnungszeiten (technisch: {1}); der Text wird so angezeigt, wie er ist, aber die Suche kann nicht erkennen, ob gerade geöffnet ist. Schreiben Sie „{2}“.",
    ),
    (
        "\"{}\" is not in opening_hours syntax ({}); it is shown as written, and the widget cannot tell whether it is open",
        "„{0}“ ist nicht in der Schreibweise für Öffnungszeiten (technisch: {1}); der Text wird so angezeigt, wie er ist, aber die Suche kann nicht erkennen, ob gerade geöffnet ist.",
    ),
    (
        "\"{}\" is not a telephone number: only digits, spaces, + at the start, and - / ( ) . are allowed",
        "„{0}“ ist keine Telefonnummer: Erlaubt sind nur Ziffern, Leerzeichen, + am Anfang sowie - / ( ) .",
    ),
    (
        "\"{}\" is too short for a telephone number: at least 4 digits, except the short numbers 110, 112 and 115",
        "„{0}“ ist zu kurz für eine Telefonnummer: mindestens 4 Ziffern, außer den Kurznummern 110, 112 und 115.",
    ),
    (
        "\"{}\" is too long for a telephone number: at most 20 digits",
        "„{0}“ ist zu lang für eine Telefonnummer: höchstens 20 Ziffern.",
    ),
    (
        "{} is before {}: is it really the date the entry was last checked?",
        "{0} liegt vor dem Jahr {1}: Wurde der Eintrag wirklich damals zuletzt geprüft?",
    ),
    (
        "{} is after the directory's last_modified ({}): an entry cannot have been checked in the future",
        "{0} liegt nach dem Stand des Verzeichnisses ({1}): Ein Eintrag kann nicht in der Zukunft geprüft worden sein.",
    ),
    (
        "{} is far in the future: an entry cannot have been checked then",
        "{0} liegt weit in der Zukunft: Ein Eintrag kann nicht dann geprüft worden sein.",
    ),
];

#[cfg(test)]
mod tests {
    use super::{Language, date_in_german, german, hours_in_german, values_in};

    #[test]
    fn converted_hours_are_read_out_with_german_days() {
        assert_eq!(hours_in_german("Mo-Th 08:00-12:00"), "Mo–Do 08:00–12:00");
        assert_eq!(
            hours_in_german("Tu,Th 09:00-12:00; Sa off; PH off"),
            "Di,Do 09:00–12:00; Sa geschlossen; Feiertag geschlossen"
        );
        assert_eq!(
            german("\"Di 15-17 Uhr\" was read as \"Tu 15:00-17:00\" (Mo Tu We Th Fr Sa Su); check it, or write it so yourself (value converted)").as_deref(),
            Some("„Di 15-17 Uhr“ wurde als „Di 15:00–17:00“ gelesen. Bitte prüfen Sie, ob das stimmt (Wert umgewandelt).")
        );
        assert_eq!(
            german("\"1. und 3. Montag 10-12\" was read as \"Mo-Fr 09:00-12:00, Mo[1,3] 10:00-12:00, Fr[-1] 14:00-16:00\" (Mo Tu We Th Fr Sa Su); check it, or write it so yourself (value converted)").as_deref(),
            Some("„1. und 3. Montag 10-12“ wurde als „Mo–Fr 09:00–12:00, 1. und 3. Mo im Monat 10:00–12:00, letzter Fr im Monat 14:00–16:00“ gelesen. Bitte prüfen Sie, ob das stimmt (Wert umgewandelt).")
        );
    }

    #[test]
    fn a_date_read_is_written_as_germans_write_one() {
        assert_eq!(
            german("\"gestern\" was read as 2026-12-03; check it (value converted)").as_deref(),
            Some(
                "„gestern“ wurde als 03.12.2026 gelesen. Bitte prüfen Sie das (Wert umgewandelt)."
            )
        );
        // A number read from words stays a number.
        assert_eq!(
            german("\"ca. 5\" was read as 5; check it (value converted)").as_deref(),
            Some("„ca. 5“ wurde als 5 gelesen. Bitte prüfen Sie das (Wert umgewandelt).")
        );
        assert_eq!(date_in_german("2026-1-03"), "2026-1-03");
    }

    #[test]
    fn values_are_taken_out_of_a_message() {
        assert_eq!(
            values_in(
                "the id \"{}\" is used by \"{}\"",
                "the id \"a\" is used by \"b c\""
            ),
            Some(vec!["a", "b c"])
        );
        assert_eq!(values_in("no {} here", "no values there"), None);
        assert_eq!(values_in("plain", "plain"), Some(vec![]));
        assert_eq!(values_in("plain", "plain and more"), None);
    }

    #[test]
    fn values_go_where_the_german_puts_them_and_phrases_are_translated_too() {
        assert_eq!(
            german("the course ends (2026-01-01) before it starts (2026-02-01)").as_deref(),
            Some("Der Kurs endet (2026-01-01), bevor er beginnt (2026-02-01).")
        );
        assert_eq!(
            german("the file is not all UTF-8 text: bytes were read as \u{FFFD} at 2 place(s): line 3, column 7; line 9, column 2. Save the file as UTF-8 (in Excel: \"CSV UTF-8\")").as_deref(),
            Some("Die Datei ist nicht durchgehend UTF-8-Text: An 2 Stellen wurden Zeichen als \u{FFFD} gelesen: Zeile 3, Spalte 7; Zeile 9, Spalte 2. Speichern Sie die Datei als UTF-8 (in Excel: „CSV UTF-8“).")
        );
        assert_eq!(
            german("expected a date written as YYYY-MM-DD, found a number (5)").as_deref(),
            Some("Erwartet wird ein Datum als JJJJ-MM-TT, gefunden wurde eine Zahl (5).")
        );
    }

    #[test]
    fn the_locale_decides_in_posix_order() {
        let locale = |pairs: &'static [(&'static str, &'static str)]| {
            Language::from_locale(|name| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            })
        };
        assert_eq!(locale(&[("LANG", "de_DE.UTF-8")]), Language::German);
        assert_eq!(locale(&[("LANG", "en_US.UTF-8")]), Language::English);
        assert_eq!(locale(&[]), Language::English);
        assert_eq!(
            locale(&[("LC_ALL", "C"), ("LANG", "de_DE.UTF-8")]),
            Language::English
        );
        assert_eq!(
            locale(&[("LC_MESSAGES", "de_AT"), ("LANG", "en_US")]),
            Language::German
        );
        assert_eq!(
            locale(&[("LC_ALL", ""), ("LANG", "de_CH")]),
            Language::German
        );
    }
}
