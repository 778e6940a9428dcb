//! Checks that values make sense, after their shape has been checked while reading (`read.rs`).
//!
//! Each check either accepts a value, repairs something harmless (an upper-case language code),
//! or removes the value and reports a [`Problem`](super::Problem). Only a missing or bad id, kind or name, or an
//! id used twice, makes an entry unusable; every other problem costs just the bad value.
//!
//! By concern: the directory's own fields (`header`), an entry (`entry`), its place (`place`),
//! texts (`text`) and contact details (`contact`).

mod advice;
mod contact;
mod entry;
mod header;
mod place;
mod text;

use rustc_hash::FxHashSet;

use super::categories::BUILTIN_CATEGORIES;
use super::model::{Date, Directory};

pub use contact::{is_valid_email, web_address_problem};

/// Whether checks give advice to the person who keeps the data: warnings about values that are
/// kept as they are but probably not meant (see `advice.rs`). On in the CLI and natively; off in
/// the newcomers' widget (`scripts/build-web` builds without the `advice` feature), where such
/// a warning would change nothing on screen and only cost download.
const ADVICE: bool = cfg!(feature = "advice");
pub use entry::check_entry;
pub use header::check_header;
pub use text::{MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS};

/// What entry checks need to know about the directory.
pub struct CheckContext {
    /// Built-in and directory-defined category ids.
    pub known_categories: FxHashSet<String>,
    /// The region's centre, to catch coordinates that are far off.
    pub region_centre: Option<(f64, f64)>,
    /// The directory's own date, to catch check dates after it.
    pub last_modified: Option<Date>,
    /// Whether the directory says it is example data, where placeholder contacts belong.
    pub example_data: bool,
}

impl CheckContext {
    /// The context for the entries of `directory` (whose header has been checked already).
    pub fn for_directory(directory: &Directory) -> CheckContext {
        let mut known_categories: FxHashSet<String> = BUILTIN_CATEGORIES
            .iter()
            .map(|category| category.id.to_owned())
            .collect();
        known_categories.extend(
            directory
                .categories
                .iter()
                .map(|category| category.id.clone()),
        );
        let region_centre = directory
            .region
            .as_ref()
            .map(|region| (region.latitude, region.longitude));
        CheckContext {
            known_categories,
            region_centre,
            last_modified: directory.last_modified,
            example_data: directory.example_data,
        }
    }
}
