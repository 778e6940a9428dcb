//! Replays the fuzzers' saved inputs with stable Rust: every file in `fuzz/corpus/<target>/`
//! (what the fuzzers found that reaches new code, minimised), `fuzz/seeds/<target>/` (the
//! hand-written starting points) and `fuzz/regressions/<target>/` (inputs that once crashed),
//! through the same bodies the fuzz targets run (`service_finder::fuzzing`).
//!
//! So every test run checks that no input that ever crashed crashes again, and that the code
//! the fuzzers reached still behaves, without nightly Rust or libFuzzer. Run the fuzzers
//! themselves with `scripts/fuzz TARGET SECONDS`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use service_finder::fuzzing;

/// The body of a fuzz target: it panics on a crash.
type Body = fn(&[u8]);

/// The fuzz targets and their bodies.
const TARGETS: [(&str, Body); 6] = [
    ("directory", fuzzing::directory),
    ("json", fuzzing::json),
    ("query", fuzzing::query),
    ("places", fuzzing::places),
    ("hours", fuzzing::hours),
    ("import", fuzzing::import),
];

/// How the replaying process says that it has replayed every input.
const DONE: &str = "replayed every saved input: ";

/// Set in the environment of the process that replays the inputs (see below).
const REPLAYING: &str = "SERVICE_FINDER_REPLAYING_FUZZ_INPUTS";

/// The inputs are replayed in a process of their own, this test run again: a stack overflow
/// or an abort ends a process instead of panicking, and then only the parent is left to say
/// which file was being replayed.
#[test]
fn saved_fuzz_inputs_do_not_crash() {
    if std::env::var_os(REPLAYING).is_some() {
        replay_every_input();
        return;
    }
    // This test's name in its test crate: the module path without the crate's name.
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, module)| module);
    let name = format!("{module}::saved_fuzz_inputs_do_not_crash");
    let output = Command::new(std::env::current_exe().expect("the test's own path"))
        .args([&name, "--exact", "--nocapture", "--test-threads=1"])
        .env(REPLAYING, "1")
        .output()
        .expect("the test runs itself");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        // A filter that matched nothing would succeed too: the replay says that it ran.
        assert!(
            stderr.lines().any(|line| line.starts_with(DONE)),
            "the replay did not run ({name})"
        );
        return;
    }
    let last = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("replaying "))
        .next_back()
        .unwrap_or("(none)");
    let report: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.starts_with("replaying "))
        .collect();
    match output.status.code() {
        // Panics were caught and are listed in the report, file by file.
        Some(_) => panic!(
            "replaying the saved fuzz inputs failed:\n{}",
            report.join("\n")
        ),
        None => panic!(
            "the replay died ({}) while replaying {last}\n{}",
            output.status,
            report.join("\n")
        ),
    }
}

fn replay_every_input() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, body) in TARGETS {
        // The corpus and the seeds must be there: an empty folder means they were lost.
        for kind in ["corpus", "seeds"] {
            let folder = fuzz.join(kind).join(target);
            if files_in(&folder).is_empty() {
                failures.push(format!("{} is empty or missing", folder.display()));
            }
        }
        for kind in ["corpus", "seeds", "regressions"] {
            for file in files_in(&fuzz.join(kind).join(target)) {
                let data = std::fs::read(&file).expect("a readable file");
                // For the parent, in case the process dies on this one.
                eprintln!("replaying {}", file.display());
                replayed += 1;
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                    let message = panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("(no message)");
                    failures.push(format!("{target}: {}: {message}", file.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} saved inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{DONE}{replayed}");
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = listing
        .map(|item| item.expect("a readable folder").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}
