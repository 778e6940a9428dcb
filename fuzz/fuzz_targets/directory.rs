//! The directory loader (from a file's bytes, `load_directory_bytes`), then indexing and
//! searching what it loaded.
//! The body, shared with the replay test `tests/native/fuzz_corpus.rs`, is in `src/fuzzing.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| service_finder::fuzzing::directory(data));
