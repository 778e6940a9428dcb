//! Loads and indexes one directory file once; for profiling with callgrind.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let path = std::env::args().nth(1).expect("a directory file");
    let json = std::fs::read_to_string(path).expect("readable");
    let loaded = service_finder::load_directory(&json).expect("loads");
    let index = service_finder::Index::new(loaded.directory);
    std::hint::black_box(&index);
    std::mem::forget(index);
}
