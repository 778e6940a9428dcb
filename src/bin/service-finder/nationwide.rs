//! `service-finder nationwide`: districts' directories published as static files for a search
//! over all of Germany (the library's `nationwide` module), from files or generated test data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use service_finder::generate::generate_district_directory;
use service_finder::nationwide::{StaticFile, publish};
use service_finder::places::{GERMANY, Gazetteer};

use super::Source;
use super::officer;
use super::output::out;

#[derive(Args)]
pub struct NationwideArgs {
    /// The districts' directory files, one per district (each with `region.ags`). Without
    /// files, test data is generated for the districts of the gazetteer.
    files: Vec<PathBuf>,
    /// The folder to write; files already in it are kept (new names do not clash with old).
    #[arg(long, short)]
    output: PathBuf,
    /// Generated test data: entries per district.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=5_000))]
    entries_per_district: u32,
    /// Generated test data: only these districts (AGS, comma-separated), else all 400.
    #[arg(long, value_delimiter = ',')]
    districts: Vec<String>,
    /// Generated test data: the random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: &NationwideArgs) -> Result<ExitCode, String> {
    let directories = if args.files.is_empty() {
        generated(args)?
    } else {
        let mut directories = Vec::new();
        for path in &args.files {
            let source = Source::read_in(Some(path), service_finder_import::Language::English)?;
            let loaded = source.load().map_err(|error| {
                let reason = officer::load_error(&error, service_finder_import::Language::English);
                format!("{}: {reason}", source.name)
            })?;
            if loaded.error_count() > 0 {
                return Err(format!(
                    "{}: {} error(s); `service-finder check {}` lists them",
                    source.name,
                    loaded.error_count(),
                    source.name
                ));
            }
            directories.push(loaded.directory);
        }
        directories
    };
    let files = publish(&directories)?;
    let bytes = files.iter().map(|file| file.bytes.len()).sum::<usize>();
    write_all(&args.output, &files)?;
    let entries: usize = directories
        .iter()
        .map(|directory| directory.entries.len())
        .sum();
    out!(
        "{}: {} districts, {entries} entries, {} files, {:.1} MB, each also as .br and .gz (index.json is the entry file)",
        args.output.display(),
        directories.len(),
        files.len(),
        bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

/// Test data for the districts asked for, or all of the gazetteer's.
fn generated(args: &NationwideArgs) -> Result<Vec<service_finder::directory::Directory>, String> {
    let gazetteer = Gazetteer::parse(GERMANY).map_err(|error| error.to_string())?;
    let districts = gazetteer.districts();
    for wanted in &args.districts {
        if !districts.iter().any(|district| &district.ags == wanted) {
            return Err(format!("--districts: no district has the AGS {wanted}"));
        }
    }
    Ok((0..districts.len())
        .filter(|&number| {
            args.districts.is_empty() || args.districts.contains(&districts[number].ags)
        })
        .filter_map(|number| {
            generate_district_directory(
                &gazetteer,
                number,
                args.entries_per_district as usize,
                args.seed,
            )
        })
        .collect())
}

/// Writes every file with its compressed copies beside it (`<file>.br`, brotli at its best,
/// and `<file>.gz`, gzip -9), as scripts/build-web does for dist/: a server that sends such
/// copies as they are (nginx `brotli_static`, `gzip_static`) needs no compression of its own,
/// and brotli makes a district's directory 37 % smaller than gzip -6 on the fly. Compressing
/// all of Germany takes minutes, so the files are shared out over the cores.
fn write_all(folder: &Path, files: &[StaticFile]) -> Result<(), String> {
    let workers = std::thread::available_parallelism().map_or(1, |count| count.get());
    std::thread::scope(|scope| {
        // Every n-th file to each: the large district files come first in `files`.
        let running: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    files
                        .iter()
                        .skip(worker)
                        .step_by(workers)
                        .try_for_each(|file| {
                            let path = folder.join(&file.path);
                            write(&path, &file.bytes)?;
                            write(&with_suffix(&path, "br"), &brotli_of(&file.bytes)?)?;
                            write(&with_suffix(&path, "gz"), &gzip_of(&file.bytes)?)
                        })
                })
            })
            .collect();
        running.into_iter().try_for_each(|worker| {
            worker
                .join()
                .map_err(|_| "a writer thread failed".to_owned())?
        })
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli_of(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|error| error.to_string())?;
    Ok(out)
}

fn gzip_of(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .map_err(|error| error.to_string())?;
    encoder.finish().map_err(|error| error.to_string())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    }
    std::fs::write(path, bytes).map_err(|error| format!("cannot write {}: {error}", path.display()))
}
