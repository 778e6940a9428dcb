//! `service-finder merge`: a county's directory with its neighbours', as one file, and the
//! entries that two of them share listed for review.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder::directory::merge::{DuplicateReason, merge};

use super::Source;
use super::output::out;

#[derive(Args)]
pub struct MergeArgs {
    /// The own directory first, then the neighbours' (at least two files).
    #[arg(required = true, num_args = 2..)]
    files: Vec<PathBuf>,
    /// Where to write the merged directory (JSON).
    #[arg(long, short)]
    output: PathBuf,
}

pub fn run(args: &MergeArgs) -> Result<ExitCode, String> {
    let mut names = Vec::new();
    let mut directories = Vec::new();
    let mut errors = 0;
    for path in &args.files {
        let source = Source::read(Some(path))?;
        let loaded = source
            .load()
            .map_err(|error| format!("{}: {error}", source.name))?;
        errors += loaded.error_count();
        if !loaded.problems.is_empty() {
            out!(
                "{}: {} problem(s); `service-finder check {}` lists them",
                source.name,
                loaded.problems.len(),
                source.name
            );
        }
        names.push(source.name);
        directories.push(loaded.directory);
    }
    let mut directories = directories.into_iter();
    let own = directories.next().ok_or("no directory given")?;
    let merged = merge(own, directories.collect());
    for duplicate in &merged.duplicates {
        let why = match duplicate.reason {
            DuplicateReason::SameIdAndPublisher => "the same id from the same publisher".to_owned(),
            DuplicateReason::SameNameNearby(metres) => {
                format!("the same name, {metres:.0} m apart")
            }
        };
        out!(
            "{}: entry {} left out, the same as {} in {} ({why})",
            names[duplicate.directory],
            duplicate.id,
            duplicate.kept_id,
            names[duplicate.kept_directory]
        );
    }
    for renamed in &merged.renamed {
        out!(
            "{}: entry {} is {} in the merged directory: its id is taken",
            names[renamed.directory],
            renamed.id,
            renamed.merged_id
        );
    }
    let json =
        serde_json::to_string_pretty(&merged.directory).map_err(|error| error.to_string())?;
    std::fs::write(&args.output, format!("{json}\n"))
        .map_err(|error| format!("cannot write {}: {error}", args.output.display()))?;
    out!(
        "{}: {} entries from {} directories ({} shown once for two, {} renamed)",
        args.output.display(),
        merged.directory.entries.len(),
        names.len(),
        merged.duplicates.len(),
        merged.renamed.len()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
