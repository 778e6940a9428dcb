//! Reading and writing JSON without serde: a pull [`Reader`] that checks the grammar,
//! [`fields`], which reads typed records from it leniently, and [`WriteJson`] for the results
//! the browser API returns.
//!
//! Why not serde_json? A directory must be read leniently: every bad value reported with its
//! path, everything else kept, which serde's derives (they stop at the first error) cannot do
//! in one pass. And serde's generic reading code, instantiated for each of the format's record
//! types, was the largest part of the widget's download. This reader is not generic: one copy
//! serves every record type, and the record readers are plain functions over it.

pub mod fields;
pub(crate) mod number;
mod reader;
// Only the browser API writes JSON this way (the CLI writes with serde_json).
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod writer;

pub use number::{format_number, parse_number};
pub use reader::{Found, Read, Reader, SyntaxError};
