//! `service-finder check`: every problem in one run, one per line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use service_finder::directory::{LoadError, Problem};

use super::output::{self, out};
use super::{Source, paths_or_demo};

#[derive(Args)]
pub struct CheckArgs {
    /// Directory files to check; the bundled demo directory when none is given.
    files: Vec<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    json: bool,
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

pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let mut reports = Vec::new();
    for path in paths_or_demo(&args.files) {
        let source = Source::read(path)?;
        reports.push(check_source(&source));
    }
    if args.json {
        let json = serde_json::to_string_pretty(&reports).map_err(|error| error.to_string())?;
        output::json(&json);
    } else {
        for report in &reports {
            print_report(report);
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

fn print_report(report: &FileReport) {
    if let Some(error) = &report.fatal {
        out!("{}: error: {error}", report.file);
        return;
    }
    for problem in &report.problems {
        let line = problem
            .entry
            .as_ref()
            .map(|entry| format!(":{}", entry.line))
            .unwrap_or_default();
        out!("{}{line}: {problem}", report.file);
    }
    let verdict = if report.errors == 0 {
        "ok"
    } else {
        "has errors"
    };
    out!(
        "{}: {verdict}: {} entries, {} valid, {} problems ({} errors, {} warnings)",
        report.file,
        report.entries_in_file,
        report.valid_entries,
        report.errors + report.warnings,
        report.errors,
        report.warnings
    );
}
