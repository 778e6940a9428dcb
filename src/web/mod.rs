//! The browser layer (wasm32 only): the JavaScript API that the `<service-finder>` widget and
//! webmasters with their own UI call.
//!
//! It only converts between JavaScript values and core types; every decision is the core's.
//! The widget itself (DOM, events, formatting with the browser's `Intl`) is JavaScript in
//! `www/widget/`, because the browser does that best and it keeps the wasm small.

mod api;
mod places;
mod views;

pub use api::{DirectoryReader, ServiceFinder, WordStemmer};
pub use places::Places;
