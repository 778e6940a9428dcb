//! Opening hours for service-finder: OpenStreetMap `opening_hours` values, read and evaluated
//! by the [opening-hours](https://docs.rs/opening-hours) crate, in German time (Europe/Berlin,
//! whatever the device's zone) and with the public holidays of the county's state for `PH`.
//!
//! It is a crate and a wasm module of its own because only the result cards and the "open now"
//! filter need it: the widget loads it after the first results (www/widget/hours.js), so it
//! costs nothing in the download before them.
//!
//! The browser gets JSON text, to keep the JavaScript side to a `JSON.parse`:
//!
//! - [`Hours::describe`]`(text, now_ms)`:
//!   `{"ok":true,"status":"open"|"closed"|"unknown","comment":string|null,`
//!   `"next":{"date":"YYYY-MM-DD","weekday":0..6,"time":"HH:MM","status":…}|null,`
//!   `"week":[{"date":…,"weekday":0..6,"holiday":bool,"intervals":[{"from":"HH:MM",`
//!   `"to":"HH:MM","status":"open"|"unknown","comment":string|null}]} × 7]}`;
//!   weekday 0 is Monday, `next` is the next change of status within five weeks, `week` starts
//!   with today (Berlin's date), an interval that lasts to midnight ends at "24:00".
//!   A value that cannot be read gives `{"ok":false,"error":string,"suggestion":string|null}`.
//! - [`Hours::open_sets`]`(texts_json, now_ms)`: `{"now":[indices],"days":[[indices] × 7],`
//!   `"times":{"morning":[indices],"afternoon":…,"evening":…,"weekend":…}}`, Monday first.
//!
//! [`check`] serves `service-finder check`: the parser's message and a suggestion for informal
//! spellings ("Mo.–Fr. 9–12 Uhr" → "Mo-Fr 09:00-12:00").
//!
//! Nothing here panics on input: any string and any `f64` (NaN, infinities) end in a result or
//! in an error in the JSON.

#![deny(missing_docs)]

pub mod berlin;
mod evaluate;
pub mod holidays;
mod json;
mod suggest;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use evaluate::Hours;
pub use suggest::{HoursProblem, check, parse, suggest};
