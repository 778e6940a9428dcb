//! Loads and indexes one directory file once, for profiling load speed with callgrind:
//! `valgrind --tool=callgrind target/release/examples/load_once directory.json`
//! (make one with `service-finder generate`). Native only.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_once DIRECTORY.json");
        return;
    };
    let json = std::fs::read_to_string(path).expect("a readable file");
    let loaded = service_finder::load_directory(&json).expect("a directory");
    let index = service_finder::Index::new(loaded.directory);
    std::hint::black_box(&index);
    // Not dropped: freeing 100,000 entries would show up in the profile for nothing.
    std::mem::forget(index);
}
