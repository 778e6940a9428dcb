//! Opening hours: any text at any time, as the widget's hours module and `check` read it.
//! The body, shared with the replay test `tests/native/fuzz_corpus.rs`, is in `src/fuzzing.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| service_finder::fuzzing::hours(data));
