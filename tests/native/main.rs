//! The native integration tests: one crate, so that they are built and linked once, with the
//! setup they share in `common`. Each module tests one concern of the public API (its name says
//! which), as a user of the crate, the command-line tool or the data would use it. The browser
//! API is tested in `tests/web.rs` (wasm, in Chromium) and the widget in `tests/e2e/`.
//!
//! Native only: the CLI, the bundled demo and the schema validator do not exist in wasm.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // Native tools and tests: the size rules are for the wasm.

mod common;
/// What the CLI's `import` and `template` take from the core, shared with their tests.
#[path = "../../src/bin/service-finder/import_setup.rs"]
mod import_setup;

mod cli;
mod course_filters;
mod cross_language;
mod demo_data;
mod distance;
mod export;
mod fuzz_corpus;
mod import;
mod large_directories;
mod load_problems;
mod merge;
mod messages;
mod nationwide;
mod officer_language;
mod places;
mod schema;
mod search;
mod search_quality;
mod sourcegen;
mod thesaurus_data;
