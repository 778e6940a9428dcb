//! `service-finder merge`: a county's directory with its neighbours', as one file, and the
//! entries that two of them share listed for review.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder::directory::merge::{DuplicateReason, merge};

use service_finder_import::Language;

use super::Source;
use super::officer::{self, pick};
use super::output::out;

#[derive(Args)]
pub struct MergeArgs {
    /// The own directory first, then the neighbours' (at least two files).
    #[arg(required = true, num_args = 2..)]
    files: Vec<PathBuf>,
    /// Where to write the merged directory (JSON).
    #[arg(long, short)]
    output: PathBuf,
    #[command(flatten)]
    pub lang: officer::LanguageArg,
}

pub fn run(args: &MergeArgs, language: Language) -> Result<ExitCode, String> {
    let mut names = Vec::new();
    let mut directories = Vec::new();
    let mut errors = 0;
    for path in &args.files {
        let source = Source::read_in(Some(path), language)?;
        let loaded = source.load().map_err(|error| {
            format!("{}: {}", source.name, officer::load_error(&error, language))
        })?;
        errors += loaded.error_count();
        if !loaded.problems.is_empty() {
            let (name, problems) = (&source.name, loaded.problems.len());
            match language {
                Language::English => {
                    out!("{name}: {problems} problem(s); `service-finder check {name}` lists them")
                }
                Language::German => out!(
                    "{name}: {}; `service-finder check {name}` zeigt sie alle",
                    officer::count(problems, "Problem", "Probleme")
                ),
            }
        }
        names.push(source.name);
        directories.push(loaded.directory);
    }
    let mut directories = directories.into_iter();
    let own = directories.next().ok_or(pick(
        language,
        "no directory given",
        "Kein Verzeichnis angegeben",
    ))?;
    let merged = merge(own, directories.collect());
    for duplicate in &merged.duplicates {
        let why = match (&duplicate.reason, language) {
            (DuplicateReason::SameIdAndPublisher, Language::English) => {
                "the same id from the same publisher".to_owned()
            }
            (DuplicateReason::SameIdAndPublisher, Language::German) => {
                "dieselbe Kennung vom selben Herausgeber".to_owned()
            }
            (DuplicateReason::SameNameNearby(metres), Language::English) => {
                format!("the same name, {metres:.0} m apart")
            }
            (DuplicateReason::SameNameNearby(metres), Language::German) => {
                format!("derselbe Name, {metres:.0} m voneinander entfernt")
            }
        };
        let (file, id, kept, kept_file) = (
            &names[duplicate.directory],
            &duplicate.id,
            &duplicate.kept_id,
            &names[duplicate.kept_directory],
        );
        match language {
            Language::English => {
                out!("{file}: entry {id} left out, the same as {kept} in {kept_file} ({why})")
            }
            Language::German => out!(
                "{file}: Eintrag „{id}“ weggelassen, er ist derselbe wie „{kept}“ in {kept_file} ({why})"
            ),
        }
    }
    for renamed in &merged.renamed {
        let (file, id, merged_id) = (&names[renamed.directory], &renamed.id, &renamed.merged_id);
        match language {
            Language::English => {
                out!("{file}: entry {id} is {merged_id} in the merged directory: its id is taken")
            }
            Language::German => out!(
                "{file}: Eintrag „{id}“ heißt im zusammengeführten Verzeichnis „{merged_id}“, weil seine Kennung schon vergeben ist"
            ),
        }
    }
    let json =
        serde_json::to_string_pretty(&merged.directory).map_err(|error| error.to_string())?;
    std::fs::write(&args.output, format!("{json}\n")).map_err(|error| {
        pick(
            language,
            format!("cannot write {}: {error}", args.output.display()),
            format!(
                "{} kann nicht gespeichert werden: {error}",
                args.output.display()
            ),
        )
    })?;
    let (output, entries, directories, duplicates, renamed) = (
        args.output.display(),
        merged.directory.entries.len(),
        names.len(),
        merged.duplicates.len(),
        merged.renamed.len(),
    );
    match language {
        Language::English => out!(
            "{output}: {entries} entries from {directories} directories ({duplicates} shown once for two, {renamed} renamed)"
        ),
        Language::German => out!(
            "{output}: {} aus {directories} Verzeichnissen ({duplicates} doppelte nur einmal übernommen, {renamed} umbenannt)",
            officer::count(entries, "Eintrag", "Einträge"),
        ),
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
