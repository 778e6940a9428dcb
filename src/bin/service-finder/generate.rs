//! `service-finder generate`: a deterministic synthetic directory.

use super::output;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder::generate::{generate_directory, generate_district_directory};
use service_finder::places::{GERMANY, Gazetteer};

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
    /// Place the entries around the places of this district (its AGS, such as 06635), named
    /// for it, instead of around 400 towns all over Germany.
    #[arg(long)]
    district: Option<String>,
}

pub fn run(args: &GenerateArgs) -> Result<ExitCode, String> {
    let directory = match &args.district {
        None => generate_directory(args.entries as usize, args.seed),
        Some(ags) => {
            let gazetteer = Gazetteer::parse(GERMANY).map_err(|error| error.to_string())?;
            let number = gazetteer
                .districts()
                .iter()
                .position(|district| &district.ags == ags)
                .ok_or_else(|| format!("--district: no district has the AGS {ags}"))?;
            generate_district_directory(&gazetteer, number, args.entries as usize, args.seed)
                .ok_or_else(|| format!("--district: the district {ags} has no places"))?
        }
    };
    let json = serde_json::to_string_pretty(&directory).map_err(|error| error.to_string())?;
    match &args.output {
        Some(path) => std::fs::write(path, json)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        None => output::json(&json),
    }
    Ok(ExitCode::SUCCESS)
}
