//! `service-finder import`: a spreadsheet or another system's export made into a directory,
//! with every problem by row and column, then checked as `check` does.
//!
//! The work is done by the `service-finder-import` crate (import/); this file reads and writes
//! the files and plugs in the core's gazetteer and built-in categories.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use service_finder::directory::load_directory_bytes;
use service_finder::places::{self, Gazetteer};
use service_finder_import::{Format, Language, Options, Problem, Severity, default_title, explain};

use super::import_setup::{Region, known_categories, locate};
use super::officer::{self, pick};
use super::output::out;

#[derive(Args)]
pub struct ImportArgs {
    /// The file to import: CSV, xlsx, ods, the JSON of the Integreat CMS's locations API, or
    /// GeoJSON points, or Open Referral HSDS 3.0 services as JSON or as a tabular data
    /// package (a zip, or its folder).
    file: PathBuf,
    /// The kind of file: csv, xlsx, ods, integreat, geojson or hsds; guessed from the name and the content
    /// when not given.
    #[arg(long)]
    from: Option<String>,
    /// The category mapping ("category of the source = category id", one a line). Read when
    /// it exists; written with a guess for every category when it does not, and new
    /// categories are added at its end. Default: beside FILE, named FILE.categories.txt.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Where to write the directory.
    #[arg(long, short, default_value = "directory.json")]
    output: PathBuf,
    /// The county the directory is for, by its key (AGS, such as 06635) or name: becomes the
    /// directory's region, and a town without coordinates is looked up there first.
    #[arg(long)]
    region: Option<String>,
    /// The directory's title; "Verzeichnis (importiert aus FILE)" when not given.
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    pub lang: officer::LanguageArg,
}

pub fn run(args: &ImportArgs, language: Language) -> Result<ExitCode, String> {
    let cannot_read = |path: &Path, error: std::io::Error| {
        pick(
            language,
            format!("cannot read {}: {error}", path.display()),
            format!("{} kann nicht gelesen werden: {error}", path.display()),
        )
    };
    // A folder is an HSDS tabular data package unpacked: its CSV files are the tables.
    let tables = if args.file.is_dir() {
        Some(folder_files(&args.file).map_err(|(path, error)| cannot_read(&path, error))?)
    } else {
        None
    };
    let bytes = match tables {
        Some(_) => Vec::new(),
        None => std::fs::read(&args.file).map_err(|error| cannot_read(&args.file, error))?,
    };
    let file_name = args.file.display().to_string();
    let format = match &args.from {
        _ if tables.is_some() => Format::Hsds,
        Some(name) => Format::from_name(name).ok_or_else(|| {
            pick(
                language,
                format!("--from {name}: not a format the importer reads; use csv, xlsx, ods, integreat, geojson or hsds"),
                format!("--from {name}: Diese Art von Datei kann nicht importiert werden. Verwenden Sie csv, xlsx, ods, integreat, geojson oder hsds."),
            )
        })?,
        None => Format::guess(&file_name, &bytes).ok_or_else(|| {
            pick(
                language,
                format!("{file_name}: the file is empty, or its kind cannot be told; give it with --from"),
                format!("{file_name}: Die Datei ist leer, oder ihre Art ist nicht zu erkennen. Geben Sie sie mit --from an (zum Beispiel --from csv)."),
            )
        })?,
    };
    if same_file(&args.file, &args.output) {
        return Err(pick(
            language,
            format!(
                "--output {} is the file being imported; give another name",
                args.output.display()
            ),
            format!(
                "--output {} ist die Datei, die importiert wird. Geben Sie einen anderen Namen an.",
                args.output.display()
            ),
        ));
    }
    let mapping_path = args
        .mapping
        .clone()
        .unwrap_or_else(|| args.file.with_extension("categories.txt"));
    let mapping_text = match std::fs::read(&mapping_path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(cannot_read(&mapping_path, error)),
    };
    let germany = Gazetteer::parse(places::GERMANY).map_err(|error| error.to_string())?;
    let region = args
        .region
        .as_deref()
        .map(|wanted| Region::find(&germany, wanted))
        .transpose()
        .map_err(|error| explain(&error, language).to_string())?;
    let locate = |query: &str| locate(&germany, query, region.as_ref());
    let known = known_categories();
    let default_title = default_title(&args.file.file_name().map_or(file_name.clone(), |name| {
        name.to_string_lossy().into_owned()
    }));
    let today = today();
    let options = Options {
        format,
        mapping: mapping_text.as_deref(),
        known_categories: &known,
        places: &locate,
        title: args.title.as_deref().unwrap_or(&default_title),
        title_from_file_name: args.title.is_none(),
        today: today.as_deref(),
    };
    let imported = match &tables {
        Some(files) => service_finder_import::import_hsds_tables(files, &options),
        None => service_finder_import::import(&bytes, &options),
    }
    .map_err(|error| format!("{file_name}: {}", explain(&error.message, language)))?;

    // Spreadsheet rows are lines of the file as its program shows them; JSON records are not.
    let is_table = matches!(format, Format::Csv | Format::Xlsx | Format::Ods);
    for problem in &imported.problems {
        out!("{}", describe(&file_name, problem, is_table, language));
    }

    let mut directory = imported.directory.clone();
    if let (Some(region), Some(fields)) = (&region, directory.as_object_mut()) {
        // A workbook's own "Verzeichnis" sheet wins.
        fields.entry("region").or_insert_with(|| region.to_json());
    }
    let json = service_finder_import::to_text(&directory);
    std::fs::write(&args.output, &json)
        .map_err(|error| cannot_write(&args.output, error, language))?;
    write_mapping(
        &mapping_path,
        mapping_text.as_deref(),
        &imported.mapping,
        language,
    )?;

    let count = |severity| {
        imported
            .problems
            .iter()
            .filter(|problem| problem.severity == severity)
            .count()
    };
    let entries = imported.directory["entries"].as_array().map_or(0, Vec::len);
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let (records, output, mapping) = (
        imported.records,
        args.output.display(),
        mapping_path.display(),
    );
    match language {
        Language::English => out!(
            "{file_name}: imported {entries} of {records} records into {output} ({errors} errors, {warnings} warnings, {notes} notes); categories: {mapping}"
        ),
        Language::German => out!(
            "{file_name}: {entries} von {records} {} übernommen und in {output} gespeichert ({errors} Fehler, {}, {}); Zuordnung der Kategorien: {mapping}",
            officer::plural(records, "Datensatz", "Datensätzen"),
            officer::count(warnings, "Warnung", "Warnungen"),
            officer::count(notes, "Hinweis", "Hinweise"),
        ),
    }

    // The directory is checked as the widget will load it, so that the officer sees at once
    // whether it can be published.
    let output_name = args.output.display().to_string();
    let loaded = load_directory_bytes(json.as_bytes())
        .map_err(|error| format!("{output_name}: {}", officer::load_error(&error, language)))?;
    for problem in &loaded.problems {
        let line = problem
            .entry
            .as_ref()
            .map(|entry| format!(":{}", entry.line))
            .unwrap_or_default();
        out!(
            "{output_name}{line}: {}",
            officer::core_problem(problem, language)
        );
    }
    let check_errors = loaded.error_count();
    out!(
        "{output_name}: {}",
        officer::check_summary(
            language,
            loaded.entries_in_file,
            loaded.directory.entries.len(),
            check_errors,
            loaded.problems.len() - check_errors
        )
    );
    if errors > 0 && language == Language::German {
        out!(
            "Tipp: Korrigieren Sie die Fehler in {file_name} und importieren Sie die Datei noch einmal; die übrigen Zeilen sind schon übernommen."
        );
    }
    Ok(if count(Severity::Error) + check_errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The day of the import, for dates written without their year ("30.11.", "gestern"): the day
/// in UTC, which between midnight and 1 or 2 a.m. in Germany is still the day before (such
/// dates are read with a warning to check them). `None` if the clock is before 1970.
fn today() -> Option<String> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(service_finder_import::date_of_day(
        i64::try_from(seconds / 86_400).ok()?,
    ))
}

/// One problem in `check`'s form: `file:row: severity: entry "id", column C: reason` for a
/// spreadsheet; JSON records have no line of their own, so they are named by number. In German:
/// `file: Fehler – Zeile 3, Spalte „E-Mail“, Eintrag „id“: reason`.
fn describe(file_name: &str, problem: &Problem, is_table: bool, language: Language) -> String {
    if language == Language::German {
        return describe_in_german(file_name, problem, is_table);
    }
    let mut text = String::from(file_name);
    let mut subject = Vec::new();
    match (problem.row, is_table) {
        (Some(row), true) => text.push_str(&format!(":{row}")),
        (Some(row), false) => subject.push(format!("record {row}")),
        (None, _) => {}
    }
    text.push_str(&format!(": {}: ", problem.severity.as_str()));
    if let Some(entry) = &problem.entry {
        subject.push(format!("entry \"{entry}\""));
    }
    if subject.is_empty() {
        subject.push(if problem.row.is_some() { "row" } else { "file" }.to_owned());
    }
    text.push_str(&subject.join(", "));
    if let Some(column) = &problem.column {
        let label = if is_table { "column" } else { "field" };
        text.push_str(&format!(", {label} {column}"));
    }
    text.push_str(&format!(": {}", problem.message));
    text
}

fn describe_in_german(file_name: &str, problem: &Problem, is_table: bool) -> String {
    let mut parts = Vec::new();
    match (problem.row, is_table) {
        (Some(row), true) => parts.push(format!("Zeile {row}")),
        (Some(row), false) => parts.push(format!("Datensatz {row}")),
        (None, _) => {}
    }
    if let Some(column) = &problem.column {
        let label = if is_table { "Spalte" } else { "Feld" };
        parts.push(format!("{label} „{column}“"));
    }
    if let Some(entry) = &problem.entry {
        parts.push(format!("Eintrag „{entry}“"));
    }
    if parts.is_empty() {
        parts.push("die ganze Datei".to_owned());
    }
    format!(
        "{file_name}: {} – {}: {}",
        officer::severity(Language::German, problem.severity.as_str()),
        parts.join(", "),
        explain(&problem.message, Language::German)
    )
}

fn cannot_write(path: &Path, error: std::io::Error, language: Language) -> String {
    pick(
        language,
        format!("cannot write {}: {error}", path.display()),
        format!("{} kann nicht gespeichert werden: {error}", path.display()),
    )
}

/// Writes the mapping file when there is none; adds the categories guessed now to the end of
/// an existing one, so that the officer's comments and order stay.
fn write_mapping(
    path: &Path,
    existing: Option<&str>,
    full: &str,
    language: Language,
) -> Result<(), String> {
    let write = |text: &str| {
        std::fs::write(path, text).map_err(|error| cannot_write(path, error, language))
    };
    let Some(existing) = existing else {
        return write(full);
    };
    let Some((_, guessed)) = full.split_once("# Guessed by the importer: check these.\n") else {
        return Ok(());
    };
    let mut text = existing.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# Guessed by the importer: check these.\n");
    text.push_str(guessed);
    write(&text)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A file's name and bytes.
type NamedFile = (String, Vec<u8>);

/// The CSV and JSON files of a folder; or the path that cannot be read.
fn folder_files(folder: &Path) -> Result<Vec<NamedFile>, (PathBuf, std::io::Error)> {
    let in_folder = |error| (folder.to_path_buf(), error);
    let mut files = Vec::new();
    for item in std::fs::read_dir(folder).map_err(in_folder)? {
        let path = item.map_err(in_folder)?.path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_file() && (name.ends_with(".csv") || name.ends_with(".json")) {
            let bytes = std::fs::read(&path).map_err(|error| (path.clone(), error))?;
            files.push((name, bytes));
        }
    }
    Ok(files)
}
