//! `service-finder template`: the spreadsheet template for officers, as xlsx (with drop-down
//! lists and the category and language sheets) and as CSV. The files in `data/templates/` are
//! written by this command, and a test keeps them up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder_import::template;

use super::import_setup::template_categories;
use super::output::out;

#[derive(Args)]
pub struct TemplateArgs {
    /// The folder to write `vorlage-angebote.xlsx` and `vorlage-angebote.csv` into.
    #[arg(long, short, default_value = ".")]
    output: PathBuf,
}

pub fn run(args: &TemplateArgs) -> Result<ExitCode, String> {
    std::fs::create_dir_all(&args.output)
        .map_err(|error| format!("cannot create {}: {error}", args.output.display()))?;
    let files = [
        (
            "vorlage-angebote.xlsx",
            template::xlsx(&template_categories())?,
        ),
        ("vorlage-angebote.csv", template::csv()),
    ];
    for (name, bytes) in files {
        let path = args.output.join(name);
        std::fs::write(&path, bytes)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        out!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
