//! `service-finder export`: a directory written as a spreadsheet an officer can keep working
//! in (xlsx or CSV, with the columns `import` reads back), or as Open Referral HSDS 3.0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use service_finder_import::export;

use super::Source;
use super::output::out;

#[derive(Args)]
pub struct ExportArgs {
    /// The directory file; the bundled demo directory when not given.
    file: Option<PathBuf>,
    /// What to write.
    #[arg(long, value_enum)]
    to: ExportFormat,
    /// Where to write; beside FILE with the format's extension when not given
    /// (`directory.xlsx`, `directory.csv`, `directory.hsds.json`).
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// The formats `export` writes.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// An Excel workbook: the entries, phone details, contacts, own categories and the
    /// directory's title and publisher, each on a sheet.
    Xlsx,
    /// The entries as CSV for German Excel (`;`, UTF-8 with a BOM, decimal commas).
    Csv,
    /// Open Referral HSDS 3.0 services as JSON, in the directory's default language.
    Hsds,
}

pub fn run(args: &ExportArgs) -> Result<ExitCode, String> {
    let source = Source::read(args.file.as_deref())?;
    // Loaded as the widget loads it, so that a file the widget cannot read is not exported
    // as if it were fine; the export itself works on the JSON as written.
    let loaded = source
        .load()
        .map_err(|error| format!("{}: {error}", source.name))?;
    if loaded.error_count() > 0 {
        out!(
            "{}: {} error(s); `service-finder check {}` lists them. Exporting anyway.",
            source.name,
            loaded.error_count(),
            source.name
        );
    }
    let directory: serde_json::Value = serde_json::from_slice(strip_bom(&source.bytes))
        .map_err(|error| format!("{}: {error}", source.name))?;
    let (bytes, losses, extension) = match args.to {
        ExportFormat::Xlsx => {
            let exported = export::to_sheets(&directory);
            (export::to_xlsx(&exported)?, exported.losses, "xlsx")
        }
        ExportFormat::Csv => {
            let (bytes, losses) = export::to_csv(&export::to_sheets(&directory));
            (bytes, losses, "csv")
        }
        ExportFormat::Hsds => {
            let (services, losses) = export::to_hsds(&directory);
            let text =
                serde_json::to_string_pretty(&services).map_err(|error| error.to_string())?;
            (text.into_bytes(), losses, "hsds.json")
        }
    };
    let output = args.output.clone().unwrap_or_else(|| {
        let base = args.file.as_deref().unwrap_or(Path::new("directory.json"));
        base.with_extension(extension)
    });
    std::fs::write(&output, &bytes)
        .map_err(|error| format!("cannot write {}: {error}", output.display()))?;
    for loss in &losses {
        out!("not exported: {loss}");
    }
    out!(
        "{}: {} entries written to {} ({} KB)",
        source.name,
        directory["entries"].as_array().map_or(0, Vec::len),
        output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}
