//! The JSON reader against serde_json: the same texts accepted, the same values read.
//! The body, shared with the replay test `tests/native/fuzz_corpus.rs`, is in `src/fuzzing.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| service_finder::fuzzing::json(data));
