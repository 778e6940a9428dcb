//! Exercises the whole core from a wasm export, for measuring code size per dependency.
//!
//! Built by `scripts/wasm-size`; the browser widget has its own bindings.

use service_finder::directory::load_directory;
use service_finder::distance::GeoPoint;
use service_finder::search::{Index, Query};

/// Loads the directory JSON at `json`..`json + length` in the module's memory, indexes it and
/// runs a search near Korbach with the first `text_length` letters of "Beratung"; returns the
/// number of results (0 on a load error).
///
/// # Safety
/// `json` must point to `length` initialised bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn demo_search(json: *const u8, length: usize, text_length: usize) -> usize {
    // SAFETY: the caller passes a valid region of its memory.
    let bytes = unsafe { std::slice::from_raw_parts(json, length) };
    let Ok(json) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let Ok(loaded) = load_directory(json) else {
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
