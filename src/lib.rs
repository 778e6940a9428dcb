//! service-finder: a directory of local integration services, language courses and
//! associations that newcomers can search by text, category, language and distance, entirely
//! on their device.
//!
//! This crate is the pure-Rust core: it never touches JavaScript or the DOM, so all of it is
//! tested natively. The data flows one way:
//!
//! ```text
//! directory JSON ──load_directory──▶ Directory ──Index::new──▶ Index ──search(Query)──▶ SearchResults
//! ```
//!
//! ```
//! use service_finder::{Index, Query, load_directory, DEMO_DIRECTORY_JSON};
//!
//! let loaded = load_directory(DEMO_DIRECTORY_JSON).expect("the demo directory loads");
//! let index = Index::new(loaded.directory);
//! let results = index.search(&Query { text: "Beratung".into(), ..Query::default() }).unwrap();
//! assert!(results.total > 0);
//! ```
#![deny(missing_docs)]

pub mod directory;
pub mod distance;
pub mod generate;
mod json;
mod order;
mod parallel;
pub mod places;
pub mod search;
#[cfg(target_arch = "wasm32")]
mod web;

pub use directory::{
    Directory, Entry, Kind, LoadError, LoadedDirectory, Problem, Severity, load_directory,
    load_directory_bytes,
};
pub use distance::GeoPoint;
pub use places::{Gazetteer, Home, LookupOptions, PlaceMatch, RegionArea};
pub use search::{Facets, Hit, Index, Query, SearchResults, Sort};
#[cfg(target_arch = "wasm32")]
pub use web::{Places, ServiceFinder};

/// The bundled demo directory (fictitious example data for Landkreis Waldeck-Frankenberg),
/// used by the CLI and the tests. Minified from `data/demo/waldeck-frankenberg.json` at build
/// time (see `build.rs`). Not in the wasm build: the widget fetches the directory as a file of
/// its own (`directory.json`), so that the code stays the same size for every county.
#[cfg(not(target_arch = "wasm32"))]
pub const DEMO_DIRECTORY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/demo-directory.min.json"));
