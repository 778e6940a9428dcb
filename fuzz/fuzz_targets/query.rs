//! A query as the JavaScript API takes it (JSON), searched in the demo directory.
//! The body, shared with the replay test `tests/native/fuzz_corpus.rs`, is in `src/fuzzing.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| service_finder::fuzzing::query(data));
