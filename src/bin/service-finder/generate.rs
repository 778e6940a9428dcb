//! `service-finder generate`: a deterministic synthetic directory.

use super::output;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder::generate::generate_directory;

#[derive(Args)]
pub struct GenerateArgs {
    /// How many entries to generate.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(0..=200_000))]
    entries: u32,
    /// The random seed: the same seed and count always give the same directory.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub fn run(args: &GenerateArgs) -> Result<ExitCode, String> {
    let directory = generate_directory(args.entries as usize, args.seed);
    let json = serde_json::to_string_pretty(&directory).map_err(|error| error.to_string())?;
    match &args.output {
        Some(path) => std::fs::write(path, json)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        None => output::json(&json),
    }
    Ok(ExitCode::SUCCESS)
}
