//! The importer: a spreadsheet or another system's export, its format picked by the first byte.
//! The body, shared with the replay test `tests/native/fuzz_corpus.rs`, is in `src/fuzzing.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| service_finder::fuzzing::import(data));
