//! service-finder: a directory of local integration services, language courses and
//! associations that newcomers can search by text, category, language and distance, entirely
//! on their device.
//!
//! This crate is the pure-Rust core: it never touches JavaScript or the DOM, so all of it is
//! tested natively; only [`web`] (wasm32 only) is the browser's API around it. Every item has
//! one path, by its module: [`directory`] (the format, loading, checking), [`search`] (index
//! and queries), [`places`] (the gazetteer), [`distance`] and [`generate`]. The data flows one
//! way:
//!
//! ```text
//! directory JSON ──load_directory──▶ Directory ──Index::new──▶ Index ──search(Query)──▶ SearchResults
//! ```
//!
//! ```
//! use service_finder::DEMO_DIRECTORY_JSON;
//! use service_finder::directory::load_directory;
//! use service_finder::search::{Index, Query};
//!
//! let loaded = load_directory(DEMO_DIRECTORY_JSON).expect("the demo directory loads");
//! let index = Index::new(loaded.directory);
//! let results = index.search(&Query { text: "Beratung".into(), ..Query::default() }).unwrap();
//! assert!(results.total > 0);
//! ```
#![deny(missing_docs)]

pub mod directory;
pub mod distance;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
mod json;
#[cfg(not(target_arch = "wasm32"))]
pub mod nationwide;
mod order;
mod parallel;
pub mod places;
pub mod search;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// The bundled demo directory (fictitious example data for Landkreis Waldeck-Frankenberg),
/// used by the CLI and the tests. Minified from `data/demo/waldeck-frankenberg.json` at build
/// time (see `build.rs`). Not in the wasm build: the widget fetches the directory as a file of
/// its own (`directory.json`), so that the code stays the same size for every county.
#[cfg(not(target_arch = "wasm32"))]
pub const DEMO_DIRECTORY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/demo-directory.min.json"));
