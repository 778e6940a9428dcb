//! `service-finder check`: every problem in one run, one per line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use service_finder::directory::{LoadError, Problem};
use service_finder_import::Language;

use super::officer;
use super::output::{self, out};
use super::{Source, paths_or_demo};

#[derive(Args)]
pub struct CheckArgs {
    /// Directory files to check; the bundled demo directory when none is given.
    files: Vec<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    pub lang: officer::LanguageArg,
}

/// The outcome for one file, as printed with `--json`.
#[derive(Serialize)]
struct FileReport {
    file: String,
    /// Set when the file could not be read as a directory at all.
    fatal: Option<LoadError>,
    entries_in_file: usize,
    valid_entries: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<Problem>,
}

/// A [`FileReport`] as `--json` prints it: the report's fields as they are, and with a
/// language other than English each problem's (and the fatal error's) explanation in that
/// language as `localized_message` beside the English `message`.
#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    fatal: Option<Localized<'a, LoadError>>,
    entries_in_file: usize,
    valid_entries: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<Localized<'a, Problem>>,
}

/// A problem or an error with its explanation in the officer's language, when that is not
/// English.
#[derive(Serialize)]
struct Localized<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    #[serde(skip_serializing_if = "Option::is_none")]
    localized_message: Option<String>,
}

impl<'a> JsonReport<'a> {
    fn new(report: &'a FileReport, language: Language) -> JsonReport<'a> {
        let german = language == Language::German;
        JsonReport {
            file: &report.file,
            fatal: report.fatal.as_ref().map(|error| Localized {
                item: error,
                localized_message: german
                    .then(|| service_finder_import::explain(&error.message, language).into_owned()),
            }),
            entries_in_file: report.entries_in_file,
            valid_entries: report.valid_entries,
            errors: report.errors,
            warnings: report.warnings,
            problems: report
                .problems
                .iter()
                .map(|problem| Localized {
                    item: problem,
                    localized_message: german.then(|| officer::core_message(problem, language)),
                })
                .collect(),
        }
    }
}

pub fn run(args: &CheckArgs, language: Language) -> Result<ExitCode, String> {
    let mut reports = Vec::new();
    for path in paths_or_demo(&args.files) {
        let source = Source::read_in(path, language)?;
        reports.push(check_source(&source));
    }
    if args.json {
        let json_reports: Vec<JsonReport> = reports
            .iter()
            .map(|report| JsonReport::new(report, language))
            .collect();
        let json =
            serde_json::to_string_pretty(&json_reports).map_err(|error| error.to_string())?;
        output::json(&json);
    } else {
        for report in &reports {
            print_report(report, language);
        }
    }
    let failed = reports
        .iter()
        .any(|report| report.fatal.is_some() || report.errors > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check_source(source: &Source) -> FileReport {
    match source.load() {
        Ok(loaded) => {
            let errors = loaded.error_count();
            FileReport {
                file: source.name.clone(),
                fatal: None,
                entries_in_file: loaded.entries_in_file,
                valid_entries: loaded.directory.entries.len(),
                errors,
                warnings: loaded.problems.len() - errors,
                problems: loaded.problems,
            }
        }
        Err(error) => FileReport {
            file: source.name.clone(),
            fatal: Some(error),
            entries_in_file: 0,
            valid_entries: 0,
            errors: 1,
            warnings: 0,
            problems: Vec::new(),
        },
    }
}

fn print_report(report: &FileReport, language: Language) {
    if let Some(error) = &report.fatal {
        out!(
            "{}: {}: {}",
            report.file,
            officer::severity(language, "error"),
            officer::load_error(error, language)
        );
        return;
    }
    for problem in &report.problems {
        let line = problem
            .entry
            .as_ref()
            .map(|entry| format!(":{}", entry.line))
            .unwrap_or_default();
        out!(
            "{}{line}: {}",
            report.file,
            officer::core_problem(problem, language)
        );
    }
    out!(
        "{}: {}",
        report.file,
        officer::check_summary(
            language,
            report.entries_in_file,
            report.valid_entries,
            report.errors,
            report.warnings
        )
    );
}
