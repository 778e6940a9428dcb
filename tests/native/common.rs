//! Setup that several test modules share.

use std::process::{Command, Output};

use service_finder::directory::{Directory, load_directory};
use service_finder::search::Index;

/// The bundled demo directory, loaded; it has no problems (checked here, once for all).
pub fn demo_directory() -> Directory {
    let loaded = load_directory(service_finder::DEMO_DIRECTORY_JSON).expect("the demo loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.directory
}

/// The bundled demo directory, indexed.
pub fn demo_index() -> Index {
    Index::new(demo_directory())
}

/// Runs the command-line tool with `args`, as a user would, in an English locale (the
/// officers' German is chosen by `--lang de` or a German locale).
pub fn service_finder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_service-finder"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What the tool printed to standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
