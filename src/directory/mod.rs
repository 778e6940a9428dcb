//! The directory: its data model, loading that survives bad data, and validation.
//!
//! Loading works in two stages. Reading checks the shape of each value (types, enum values,
//! dates) and leaves out what does not fit; validation then checks meaning (codes, links,
//! coordinates) and removes what does not make sense. Both stages report [`Problem`]s, so an
//! officer sees every mistake in one run and a newcomer still sees every usable entry.

mod categories;
mod language;
mod load;
pub mod merge;
mod model;
pub(crate) use model::format_names;
mod parts;
mod pieces;
pub(crate) mod problem;
mod read;
mod validate;

#[cfg(not(target_arch = "wasm32"))]
pub use categories::known_categories;
pub use categories::{BUILTIN_CATEGORIES, BuiltinCategory, builtin_category};
pub use language::{LanguageCheck, check_language_code};
pub use load::{
    LoadedDirectory, MAX_DOCUMENT_BYTES, MAX_ENTRIES, MAX_ENTRY_BYTES, load_directory,
    load_directory_bytes,
};
pub use model::{
    Accessibility, AreaScope, CategoryDefinition, Contact, Course, CourseLevel, CourseType, Date,
    Directory, Entry, FORMAT_VERSION, Kind, LanguageCode, Location, Organization, Phone, PhoneKind,
    Publisher, Region, Schedule, ServiceArea, Source, Status, TargetGroup, Text, Wheelchair,
};
pub use pieces::DirectoryInPieces;
#[cfg(not(target_arch = "wasm32"))] // For the fuzzing bodies.
pub(crate) use pieces::load_with_window;
pub use problem::{Consequence, EntryRef, LoadError, Problem, ProblemKind, Severity};
pub use read::FORMAT_RECORDS;
pub use validate::{
    MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS, is_valid_email,
    web_address_problem,
};

impl Directory {
    /// The label of a category, built-in or defined by this directory, in `language`.
    pub fn category_label(&self, id: &str, language: &str) -> Option<&str> {
        if let Some(builtin) = builtin_category(id) {
            return Some(builtin.label(language));
        }
        let defined = self.categories.iter().find(|category| category.id == id)?;
        defined
            .name
            .best(language, self.default_language.as_str())
            .map(|(text, _)| text)
    }

    /// Every category id this directory can use: the built-in ones, then its own.
    pub fn category_ids(&self) -> impl Iterator<Item = &str> {
        BUILTIN_CATEGORIES
            .iter()
            .map(|category| category.id)
            .chain(self.categories.iter().map(|category| category.id.as_str()))
    }
}
