//! `service-finder`: the command-line tool for the people who keep a directory.
//!
//! `check` validates files, `search` runs the same engine as the browser widget, `places`
//! looks towns and postcodes up, `import` makes a directory of a spreadsheet or another
//! system's export, `export` writes a directory as a spreadsheet or HSDS, `merge` makes one directory of a county's and its neighbours', and
//! `generate` writes synthetic directories for benchmarks and tests.
//!
//! The tool is native only; for wasm32 (checked by clippy) this file compiles to an empty `main`.
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = ""]
mod native {
    mod check;
    mod export;
    mod generate;
    mod import;
    mod import_setup;
    mod merge;
    mod nationwide;
    mod officer;
    mod output;
    mod places;
    mod search;
    mod template;

    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use service_finder::directory::load_directory_bytes;
    use service_finder::directory::{LoadError, LoadedDirectory};

    /// mimalloc instead of the system allocator: loading a large directory makes millions of small
    /// allocations, and glibc's allocator spends a third of the load time consolidating them.
    #[global_allocator]
    static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

    #[derive(Parser)]
    #[command(
        name = "service-finder",
        version,
        about = "Check, search, import and generate service-finder directories, and look places up"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check directory files and list every problem; exits 1 when any file has errors.
        Check(check::CheckArgs),
        /// Search a directory from the terminal, with the same engine as the widget.
        Search(Box<search::SearchArgs>),
        /// Look a town or postcode up in the offline gazetteer of Germany.
        Places(places::PlacesArgs),
        /// Make a directory of a spreadsheet (CSV, xlsx, ods) or an Integreat export, with every
        /// problem by row and column; exits 1 when there are errors.
        Import(import::ImportArgs),
        /// Write a directory as a spreadsheet (xlsx or CSV, the columns `import` reads back) or
        /// as Open Referral HSDS 3.0 JSON; lists what the format cannot hold.
        Export(export::ExportArgs),
        /// Write the spreadsheet template for officers (xlsx with drop-down lists, and CSV).
        Template(template::TemplateArgs),
        /// Write a synthetic directory (deterministic for a seed) for benchmarks and tests.
        Generate(generate::GenerateArgs),
        /// Make one directory of a county's own and its neighbours' (the own first), listing
        /// the entries left out as the same as another and those renamed.
        Merge(merge::MergeArgs),
        /// Publish districts' directories (files, or generated test data) as static files for a
        /// search over all of Germany: an entry file, the districts, their entries in parts and
        /// a term index split by prefix.
        Nationwide(nationwide::NationwideArgs),
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let result = match cli.command {
            Command::Check(args) => check::run(&args, args.lang.language()),
            Command::Search(args) => search::run(&args),
            Command::Places(args) => places::run(&args),
            Command::Import(args) => import::run(&args, args.lang.language()),
            Command::Export(args) => export::run(&args),
            Command::Template(args) => template::run(&args),
            Command::Generate(args) => generate::run(&args),
            Command::Merge(args) => merge::run(&args, args.lang.language()),
            Command::Nationwide(args) => nationwide::run(&args),
        };
        match result {
            Ok(code) => code,
            Err(message) => {
                eprintln!("service-finder: {message}");
                ExitCode::FAILURE
            }
        }
    }

    /// A directory file's bytes and the name to show for it: a file, or the bundled demo.
    struct Source {
        name: String,
        bytes: Vec<u8>,
    }

    impl Source {
        fn read(path: Option<&Path>) -> Result<Source, String> {
            Source::read_in(path, service_finder_import::Language::English)
        }

        /// [`Source::read`], with the name of the demo and the error in `language`.
        fn read_in(
            path: Option<&Path>,
            language: service_finder_import::Language,
        ) -> Result<Source, String> {
            match path {
                None => Ok(Source {
                    name: officer::pick(
                        language,
                        "(bundled demo directory)",
                        "(mitgeliefertes Beispielverzeichnis)",
                    )
                    .to_owned(),
                    bytes: service_finder::DEMO_DIRECTORY_JSON.as_bytes().to_vec(),
                }),
                Some(path) => {
                    // Bytes, not text: the loader reports bytes that are not UTF-8 with their
                    // line and column, as it does for the widget.
                    let bytes = std::fs::read(path).map_err(|error| {
                        officer::pick(
                            language,
                            format!("cannot read {}: {error}", path.display()),
                            format!("{} kann nicht gelesen werden: {error}", path.display()),
                        )
                    })?;
                    Ok(Source {
                        name: path.display().to_string(),
                        bytes,
                    })
                }
            }
        }

        /// Loads the directory, as the widget does.
        fn load(&self) -> Result<LoadedDirectory, LoadError> {
            load_directory_bytes(&self.bytes)
        }
    }

    /// The paths given, or one `None` for the bundled demo.
    fn paths_or_demo(paths: &[PathBuf]) -> Vec<Option<&Path>> {
        if paths.is_empty() {
            vec![None]
        } else {
            paths.iter().map(|path| Some(path.as_path())).collect()
        }
    }
}
