//! What the officers read, in German and English: `check`, `import` and `merge` with `--lang`
//! and from the locale, and the catalog (import/src/officer.rs) that translates the problems of
//! the core and the importer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use service_finder::directory::{ProblemKind, load_directory_bytes};
use service_finder_import::officer::{CATALOG, german, kind_in_german};
use service_finder_import::{Format, Options, Point, import};

use crate::common::{service_finder, stdout};
use crate::import::IMPORT_DAY;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(path: &str) -> String {
    format!("{ROOT}/tests/fixtures/{path}")
}

/// Runs the tool with only the given locale variables set.
fn with_locale(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_service-finder"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in locale {
        command.env(name, value);
    }
    command.args(args).output().expect("the binary runs")
}

fn temporary(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!(
        "service-finder-officer-language-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&directory).unwrap();
    directory.join(name)
}

#[test]
fn check_in_german_names_entry_field_reason_and_consequence() {
    let broken = fixture("broken-directory.json");
    let output = service_finder(&["check", "--lang", "de", &broken]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for expected in [
        "Fehler: Eintrag „bad-email“, Feld „email“: „frauentreff(at)example.org“ ist keine E-Mail-Adresse wie name@beispiel.de. Der Wert wurde nicht übernommen.",
        "Fehler: Eintrag „no-name“, Feld „name“: Die Pflichtangabe „name“ fehlt. Der Eintrag wurde ausgelassen.",
        "Fehler: Eintrag „bad-language“, Feld „course.start_date“: „11.01.2027“ ist kein Datum. Schreiben Sie es als JJJJ-MM-TT",
        "Eintrag „ok-1“, Feld „id“: Die Kennung „ok-1“ hat schon ein früherer Eintrag.",
        "enthält Fehler: 9 Einträge, davon 7 gültig, 8 Probleme (8 Fehler, 0 Warnungen). Bitte beheben Sie die Fehler",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // No English sentence is left: every line is German from the severity on.
    for line in text.lines() {
        let after_file = line.strip_prefix(&broken).unwrap_or(line);
        assert!(
            !after_file.contains("error") && !after_file.contains(" is "),
            "English in {line:?}"
        );
    }
}

#[test]
fn check_json_in_german_adds_the_german_and_keeps_every_field() {
    let broken = fixture("broken-directory.json");
    let english: serde_json::Value =
        serde_json::from_slice(&service_finder(&["check", "--json", &broken]).stdout).unwrap();
    let german: serde_json::Value = serde_json::from_slice(
        &service_finder(&["check", "--json", "--lang", "de", &broken]).stdout,
    )
    .unwrap();
    let problem = &german[0]["problems"][7];
    assert_eq!(problem["kind"], "invalid_email");
    assert_eq!(
        problem["message"], english[0]["problems"][7]["message"],
        "the English message stays"
    );
    assert!(
        problem["localized_message"]
            .as_str()
            .unwrap()
            .contains("ist keine E-Mail-Adresse"),
        "{problem}"
    );
    assert!(english[0]["problems"][7].get("localized_message").is_none());
    // The German report has the English one's fields, and only `localized_message` more.
    let mut without = german.clone();
    for problem in without[0]["problems"].as_array_mut().unwrap() {
        problem.as_object_mut().unwrap().remove("localized_message");
    }
    assert_eq!(without, english);

    // A file that is not a directory: the fatal error in German beside the English.
    let not_a_directory = temporary("list.json");
    std::fs::write(&not_a_directory, "[1, 2]").unwrap();
    let report: serde_json::Value = serde_json::from_slice(
        &service_finder(&[
            "check",
            "--json",
            "--lang",
            "de",
            not_a_directory.to_str().unwrap(),
        ])
        .stdout,
    )
    .unwrap();
    let fatal = &report[0]["fatal"];
    assert!(
        fatal["message"]
            .as_str()
            .unwrap()
            .starts_with("this is not a directory")
    );
    assert!(
        fatal["localized_message"]
            .as_str()
            .unwrap()
            .starts_with("Das ist kein Verzeichnis"),
        "{fatal}"
    );
}

#[test]
fn import_in_german_lists_each_mistake_by_row_and_column() {
    let output_path = temporary("fuenf-fehler.json");
    let mapping_path = temporary("fuenf-fehler.categories.txt");
    let output = service_finder(&[
        "import",
        "--lang",
        "de",
        &fixture("import/fuenf-fehler.csv"),
        "--output",
        output_path.to_str().unwrap(),
        "--mapping",
        mapping_path.to_str().unwrap(),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for expected in [
        "Fehler – Zeile 3, Spalte „E-Mail“, Eintrag „frauentreff-bad-wildungen-beispiel“: „frauentreff.example.org“ ist keine E-Mail-Adresse",
        "Fehler – Zeile 4: Der Datensatz hat keinen Namen (Datensatz ausgelassen).",
        "Warnung – Zeile 5, Spalte „Website“, Eintrag „sprachcafe-volkmarsen-beispiel“: Bei „www.example.org/cafe“ fehlte https://",
        "Warnung – Zeile 6, Spalte „PLZ“, Eintrag „beratung-fuer-gefluechtete-willingen-beispiel“: Keine Koordinaten: Die Mitte der Postleitzahl 34508 wurde genommen",
        "Fehler – Zeile 7, Spalte „Sprachen“, Eintrag „nachbarschaftshilfe-diemelsee-beispiel“: „Klingonisch“ ist keine bekannte Sprache.",
        "5 von 6 Datensätzen übernommen und in ",
        "Warnung – die ganze Datei: Kein Titel angegeben: Das Verzeichnis heißt nach der Datei „Verzeichnis (importiert aus fuenf-fehler.csv)“",
        "Hinweis – Zeile 5, Spalte „Kategorie“, Eintrag „sprachcafe-volkmarsen-beispiel“: Die Kategorie „Deutschkurs“ wurde als „Integrationskurse (integration-courses)“ geraten, für alle Zeilen mit ihr.",
        "Hinweis – die ganze Datei: Keine ID bei 5 von 5 Einträgen: Ihre IDs werden aus Name und Ort gebildet (z. B. „integrationslotsen-korbach-beispiel“).",
        "(3 Fehler, 3 Warnungen, 5 Hinweise)",
        "in Ordnung: 5 Einträge, davon 5 gültig",
        "Tipp: Korrigieren Sie die Fehler",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains("(value ignored)"), "{text}");
}

#[test]
fn merge_in_german_says_what_was_left_out() {
    let output_path = temporary("merged.json");
    let output = service_finder(&[
        "merge",
        "--lang",
        "de",
        &fixture("neighbour-kassel.json"),
        &fixture("neighbour-kassel.json"),
        "--output",
        output_path.to_str().unwrap(),
    ]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("weggelassen, er ist derselbe wie"), "{text}");
    assert!(text.contains("aus 2 Verzeichnissen"), "{text}");
}

#[test]
fn the_locale_decides_when_no_lang_is_given_and_english_is_the_default() {
    let broken = fixture("broken-directory.json");
    let summary_de = "enthält Fehler: 9 Einträge";
    let summary_en = "has errors: 9 entries";
    for (locale, expected) in [
        (&[("LANG", "de_DE.UTF-8")][..], summary_de),
        (
            &[("LC_MESSAGES", "de_AT.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            summary_de,
        ),
        (
            &[("LC_ALL", "C.UTF-8"), ("LANG", "de_DE.UTF-8")][..],
            summary_en,
        ),
        (&[("LANG", "en_GB.UTF-8")][..], summary_en),
        (&[("LANG", "fr_FR.UTF-8")][..], summary_en),
        (&[][..], summary_en),
    ] {
        let text = stdout(&with_locale(locale, &["check", &broken]));
        assert!(text.contains(expected), "{locale:?}: {text}");
    }
    // --lang wins over the locale.
    let text = stdout(&with_locale(
        &[("LANG", "de_DE.UTF-8")],
        &["check", "--lang", "en", &broken],
    ));
    assert!(text.contains(summary_en), "{text}");
}

/// Every kind of problem of the core has a German name (the fallback heading for a message
/// the catalog would not know). The match makes a new kind a compile error here until it is
/// listed.
#[test]
fn every_problem_kind_has_a_german_name() {
    use ProblemKind::*;
    let kinds = [
        InvalidValue,
        MissingField,
        UnknownField,
        InvalidId,
        DuplicateId,
        InvalidCoordinates,
        UnknownCategory,
        UnknownLanguage,
        InvalidUrl,
        InvalidEmail,
        InvalidDate,
        TextTooLong,
        EntryTooLarge,
        Suspicious,
        InvalidText,
    ];
    for kind in kinds {
        match kind {
            InvalidValue | MissingField | UnknownField | InvalidId | DuplicateId
            | InvalidCoordinates | UnknownCategory | UnknownLanguage | InvalidUrl
            | InvalidEmail | InvalidDate | TextTooLong | EntryTooLarge | Suspicious
            | InvalidText => {}
        }
        assert!(kind_in_german(kind.code()).is_some(), "{}", kind.code());
    }
}

/// Each English sentence of the catalog once, and its German uses every value `{0}` … (or
/// `{0:hours}`, `{0:date}`, see `officer::fill`) once or more and no other.
#[test]
fn the_catalog_has_each_sentence_once_with_the_same_values_in_german() {
    let mut seen = BTreeSet::new();
    for (english, german) in CATALOG {
        assert!(seen.insert(*english), "twice: {english}");
        let values = english.matches("{}").count();
        for number in 0..values {
            assert!(
                ["}", ":hours}", ":date}"]
                    .iter()
                    .any(|end| german.contains(&format!("{{{number}{end}"))),
                "{german:?} lacks {{{number}}} of {english:?}"
            );
        }
        assert!(
            !german.contains(&format!("{{{values}}}")),
            "{german:?} has more values than {english:?}"
        );
        assert!(!german.contains("{}"), "{german:?}");
    }
}

/// The directory files of the tests and the fuzzer's corpus: between them they make almost
/// every problem the loader can report.
fn directory_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in [
        "tests/fixtures",
        "fuzz/seeds/directory",
        "fuzz/regressions/directory",
        "fuzz/corpus/directory",
    ] {
        let Ok(listing) = std::fs::read_dir(Path::new(ROOT).join(folder)) else {
            continue;
        };
        for file in listing.flatten() {
            let path = file.path();
            let is_directory_file = path.is_file()
                && (folder.starts_with("fuzz")
                    || path
                        .extension()
                        .is_some_and(|extension| extension == "json"));
            if is_directory_file {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Messages that the corpus makes and that hand-made inputs add: a wrong type, a number too
/// large, text characters, dates, ages, telephone numbers.
const MORE_DIRECTORIES: &[&str] = &[
    r#"{"format_version": 1, "title": "T", "entries": [{"id": "a", "kind": "service", "name": "A", "location": {"latitude": "north"}, "languages": [5], "assured_date": "2026-13-01"}]}"#,
    r#"{"format_version": 1, "title": "T", "entries": [{"id": "b", "kind": "course", "name": "B\u0007\u202e\u200b", "course": {"minimum_age": 30, "maximum_age": 20, "start_date": "2026-05-01", "end_date": "2026-01-01"}, "phones": [{"number": "12"}, {"number": "abc"}]}]}"#,
    r#"{"format_version": 1, "title": "T", "publisher": {"name": "P"}, "entries": [{"id": "c", "kind": "service", "name": "C", "description": "<b>fett</b>", "email": "x@", "url": "ftp://example.org", "location": {"latitude": 9.0, "longitude": 51.0}}, {"id": "c", "kind": "service", "name": "D", "name": "E", "colour": "red"}]}"#,
    r#"{"format_version": 2, "title": "T", "entries": []}"#,
    r#"{"format_version": 1, "title": "T", "entries": [}"#,
    r#"[1, 2]"#,
    // Where a file stops being JSON.
    r#"{"a": "x\q"}"#,
    r#"{"a" 1}"#,
    r#"{"a": 1 "b": 2}"#,
    r#"{"a": [1 2]}"#,
    r#"{1: 2}"#,
    r#"{"a": 1} x"#,
    r#"{"a": 01}"#,
    r#"{"a": 1.}"#,
    r#"{"a": 1e}"#,
    r#"{"a": "\u12"}"#,
    "{\"a\": \"line\nbreak\"}",
    r#"{"a": "open"#,
    r#"{"a": "#,
];

#[test]
fn every_problem_the_loader_makes_of_the_test_files_has_its_german() {
    let mut messages = BTreeSet::new();
    let files = directory_files();
    assert!(files.len() > 100, "{} files", files.len());
    let inputs = files
        .iter()
        .map(|path| std::fs::read(path).unwrap())
        .chain(MORE_DIRECTORIES.iter().map(|text| text.as_bytes().to_vec()));
    for bytes in inputs {
        match load_directory_bytes(&bytes) {
            Ok(loaded) => messages.extend(loaded.problems.into_iter().map(|p| p.message)),
            Err(error) => {
                messages.insert(error.message);
            }
        }
    }
    assert!(messages.len() > 40, "{} messages", messages.len());
    let missing: Vec<&String> = messages.iter().filter(|m| german(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "{} of {} messages have no German in import/src/officer.rs:\n{missing:#?}",
        missing.len(),
        messages.len()
    );
    // The phrases put into a sentence (what was expected, what was found, where the JSON
    // stops) are German too. The opening-hours parser's own words are left as they are.
    let half_english: Vec<String> = messages
        .iter()
        .filter(|message| !message.contains("opening_hours syntax"))
        .filter_map(|message| german(message))
        .filter(|text| {
            [
                " is expected",
                " must ",
                "an object",
                "a list",
                "a text",
                "a number",
                "a date",
            ]
            .iter()
            .any(|english| text.contains(english))
        })
        .collect();
    assert!(half_english.is_empty(), "{half_english:#?}");
}

#[test]
fn every_problem_the_importer_makes_of_the_test_files_has_its_german() {
    let places = |query: &str| {
        (query == "34497" || query == "Korbach").then_some(Point {
            latitude: 51.27,
            longitude: 8.87,
        })
    };
    let mut messages = BTreeSet::new();
    let folder = Path::new(ROOT).join("tests/fixtures/import");
    let mut sources: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|file| file.path())
        .filter(|path| path.is_file())
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    // The columns that export writes, with values they do not take, and German hours.
    sources.push((
        "columns.csv".into(),
        "Name;Zielgruppen;Kursart;Kursniveau;Mindestalter;Kursbeginn;Aufzug;Einzugsgebiet;Öffnungszeiten\n\
         C;Riesen;Zauberkurs;Z9;alt;bald;vielleicht;Mond;Di 15-17 Uhr\n"
            .into(),
    ));
    // A title above the header, a column without a heading, and hours partly in words.
    sources.push((
        "title.csv".into(),
        "Angebote im Landkreis (Stand November 2026);;;;;\nName;Ort;Öffnungszeiten;;Beschreibung;\nA;Korbach;\"Mo 9-12 Uhr; sonst nach Vereinbarung\";Fr 9-12 Uhr;Text;x\n"
            .into(),
    ));
    // An HSDS package without its services table, and a broken zip.
    sources.push(("package.zip".into(), b"PK\x03\x04broken".to_vec()));
    // Hand-made rows for the messages the fixtures do not make.
    sources.push((
        "more.csv".into(),
        "Name;Art;Kategorie;PLZ;Ort;Breitengrad;Längengrad;Telefon;Website;Sprachen;Öffnungszeiten;Status;Termin;Stand;Unbekannt\n\
         A;Zauberei;Beratung;3454;Korbach;9,1;51,2;12 ab;kein web;Deutsch;jederzeit;geheim;vielleicht;morgen;x\n\
         B;Dienst;Beratung;abc;Nirgendwo;91;;+49 5631 1;https://example.org;de;Mo-Fr 09:00-12:00;archiviert;ja;31.12.2026;\n\
         B;Dienst;Beratung;34497;;;;;;;;;;;\n"
            .into(),
    ));
    sources.push(("empty.csv".into(), Vec::new()));
    sources.push(("broken.json".into(), b"{\"a\": ".to_vec()));
    sources.push(("not-geo.geojson".into(), b"{\"type\": \"x\"}".to_vec()));
    for (name, bytes) in &sources {
        let format = Format::guess(name, bytes).unwrap_or(Format::Csv);
        let options = Options {
            format,
            mapping: Some("Zauber\nBeratung = Not An Id\n"),
            known_categories: &[],
            places: &places,
            title: "T",
            title_from_file_name: true,
            today: Some(IMPORT_DAY),
        };
        match import(bytes, &options) {
            Ok(imported) => {
                messages.extend(imported.problems.into_iter().map(|p| p.message));
            }
            Err(error) => {
                messages.insert(error.message);
            }
        }
    }
    let tables = [("addresses.csv".to_owned(), b"id\n".to_vec())];
    let options = Options {
        format: Format::Hsds,
        mapping: None,
        known_categories: &[],
        places: &places,
        title: "T",
        title_from_file_name: false,
        today: Some(IMPORT_DAY),
    };
    if let Err(error) = service_finder_import::import_hsds_tables(&tables, &options) {
        messages.insert(error.message);
    }
    assert!(messages.len() > 20, "{} messages", messages.len());
    let missing: Vec<&String> = messages.iter().filter(|m| german(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "{} of {} messages have no German in import/src/officer.rs:\n{missing:#?}",
        missing.len(),
        messages.len()
    );
}
