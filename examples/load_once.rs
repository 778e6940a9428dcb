//! Loads and indexes one directory file, for profiling load speed:
//! `valgrind --tool=callgrind target/release/examples/load_once directory.json` counts the
//! instructions of one load; `load_once directory.json 10` loads it ten times in one process
//! (as the benchmark does) and prints each time and the median, for `perf record`.
//! Make a file with `service-finder generate`. Native only.
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: load_once DIRECTORY.json [TIMES]");
        return;
    };
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let json = std::fs::read_to_string(path).expect("a readable file");
    let mut milliseconds = Vec::with_capacity(times);
    for _ in 0..times {
        let start = std::time::Instant::now();
        let loaded = service_finder::directory::load_directory(&json).expect("a directory");
        let index = service_finder::search::Index::new(loaded.directory);
        milliseconds.push(start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&index);
        if times == 1 {
            // Not dropped: freeing 100,000 entries would show up in the profile for nothing.
            std::mem::forget(index);
        }
    }
    if times > 1 {
        let runs: Vec<String> = milliseconds.iter().map(|ms| format!("{ms:.0}")).collect();
        milliseconds.sort_by(f64::total_cmp);
        println!(
            "runs (ms): {}; median {:.1} ms",
            runs.join(" "),
            milliseconds[times / 2]
        );
    }
}
