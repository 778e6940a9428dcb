//! Exercises the whole core from a wasm export, for measuring code size per dependency.
//!
//! Built by `scripts/wasm-size`; the browser widget has its own bindings.

use service_finder::{DEMO_DIRECTORY_JSON, GeoPoint, Index, Query, load_directory};

/// Loads the bundled directory, indexes it and runs a search near Korbach with the first
/// `text_length` letters of "Beratung"; returns the number of results (0 on a load error).
#[unsafe(no_mangle)]
pub extern "C" fn demo_search(text_length: usize) -> usize {
    let Ok(loaded) = load_directory(DEMO_DIRECTORY_JSON) else {
        return 0;
    };
    let index = Index::new(loaded.directory);
    let text = "Beratung"
        .get(..text_length.min(8))
        .unwrap_or_default()
        .to_owned();
    let query = Query {
        text,
        near: Some(GeoPoint::new(51.2756, 8.873)),
        radius_km: Some(25.0),
        ..Query::default()
    };
    index
        .search(&query)
        .map(|results| results.total + results.hits.len())
        .unwrap_or(0)
}
