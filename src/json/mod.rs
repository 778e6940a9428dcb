//! Reading JSON without serde's derives: a pull [`Reader`] that checks the grammar, and
//! [`fields`], which reads typed records from it leniently.
//!
//! Why not serde_json? A directory must be read leniently: every bad value reported with its
//! path, everything else kept, which serde's derives (they stop at the first error) cannot do
//! in one pass. And serde's generic reading code, instantiated for each of the format's record
//! types, was the largest part of the widget's download. This reader is not generic: one copy
//! serves every record type, and the record readers are plain functions over it.

pub mod fields;
pub(crate) mod number;
mod reader;

pub use number::{format_number, parse_number};
pub use reader::{Found, Read, Reader, SyntaxError};
