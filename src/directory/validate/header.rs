//! Checks of the directory's own fields: language, title, publisher, region, its categories
//! and search words.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::contact::{check_email, check_phone_number, check_url};
use super::place::coordinates_problem;
use super::text::{MAX_DESCRIPTION_CHARS, MAX_SHORT_TEXT_CHARS, check_optional_text, check_text};
use crate::directory::categories::{BUILTIN_CATEGORIES, builtin_category};
use crate::directory::language::{LanguageCheck, check_language_code};
use crate::directory::model::{Directory, LanguageCode, Publisher, Region, Text};
use crate::directory::problem::{Consequence, ProblemKind, Problems, Step};

/// Checks the directory's own fields (everything but the entries), repairing what it can.
pub fn check_header(directory: &mut Directory, problems: &mut Problems) {
    check_default_language(directory, problems);
    check_title_and_description(directory, problems);
    let example_data = directory.example_data;
    match &mut directory.publisher {
        Some(publisher) => check_publisher(publisher, example_data, problems),
        None => problems.warning(
            ProblemKind::MissingField,
            &[Step::Field("publisher")],
            "no publisher: users cannot tell whom to ask about the data",
        ),
    }
    if let Some(region) = &mut directory.region
        && !check_region(region, problems)
    {
        directory.region = None;
    }
    check_categories(directory, problems);
    check_synonyms(directory, problems);
}

fn check_default_language(directory: &mut Directory, problems: &mut Problems) {
    match check_language_code(directory.default_language.as_str()) {
        LanguageCheck::Valid => {}
        LanguageCheck::Normalized(code) => directory.default_language = code,
        LanguageCheck::Unknown => {
            problems.error(
                ProblemKind::UnknownLanguage,
                &[Step::Field("default_language")],
                format!(
                    "\"{}\" is not an ISO 639 language code; German (\"de\") is used",
                    directory.default_language
                ),
                Consequence::ValueIgnored,
            );
            directory.default_language = LanguageCode::new("de").expect("valid code");
        }
    }
}

fn check_title_and_description(directory: &mut Directory, problems: &mut Problems) {
    if !check_text(
        &mut directory.title,
        &[Step::Field("title")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    ) || directory.title.is_empty()
    {
        directory.title = Text::Empty;
        problems.error(
            ProblemKind::MissingField,
            &[Step::Field("title")],
            "the directory needs a title",
            Consequence::None,
        );
    }
    check_optional_text(
        &mut directory.description,
        &[Step::Field("description")],
        MAX_DESCRIPTION_CHARS,
        problems,
    );
}

fn check_publisher(publisher: &mut Publisher, example_data: bool, problems: &mut Problems) {
    if !check_text(
        &mut publisher.name,
        &[Step::Field("publisher.name")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    ) {
        publisher.name = Text::Empty;
    }
    check_email(
        &mut publisher.email,
        &[Step::Field("publisher.email")],
        example_data,
        problems,
    );
    check_url(
        &mut publisher.url,
        &[Step::Field("publisher.url")],
        example_data,
        problems,
    );
    check_phone_number(
        &mut publisher.phone,
        &[Step::Field("publisher.phone")],
        example_data,
        problems,
    );
}

/// Checks the region; false when it must be dropped (its centre is unusable).
fn check_region(region: &mut Region, problems: &mut Problems) -> bool {
    check_text(
        &mut region.name,
        &[Step::Field("region.name")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    );
    if let Some(ags) = &region.ags
        && !([2, 5, 8].contains(&ags.len()) && ags.bytes().all(|byte| byte.is_ascii_digit()))
    {
        problems.error(
            ProblemKind::InvalidValue,
            &[Step::Field("region.ags")],
            format!("\"{ags}\" is not an official municipality key (AGS): 2, 5 or 8 digits"),
            Consequence::ValueIgnored,
        );
        region.ags = None;
    }
    if let Some(message) = coordinates_problem(region.latitude, region.longitude) {
        problems.error(
            ProblemKind::InvalidCoordinates,
            &[Step::Field("region")],
            message,
            Consequence::ValueIgnored,
        );
        return false;
    }
    true
}

/// The directory's own categories: valid, new and unique ids, and a name.
fn check_categories(directory: &mut Directory, problems: &mut Problems) {
    // The same set type as `known_categories`: one copy of its code in the wasm.
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut categories = std::mem::take(&mut directory.categories);
    let mut index = 0;
    categories.retain_mut(|category| {
        let id_field = [
            Step::Field("categories"),
            Step::Index(index),
            Step::Field("id"),
        ];
        let name_field = [
            Step::Field("categories"),
            Step::Index(index),
            Step::Field("name"),
        ];
        index += 1;
        let valid_id = is_valid_category_id(&category.id);
        if !valid_id {
            problems.error(
                ProblemKind::InvalidId,
                &id_field,
                format!(
                    "\"{}\" is not a category id: use lowercase letters, digits and -",
                    category.id
                ),
                Consequence::ValueIgnored,
            );
        } else if BUILTIN_CATEGORIES
            .iter()
            .any(|builtin| builtin.id == category.id)
        {
            problems.error(
                ProblemKind::DuplicateId,
                &id_field,
                format!(
                    "\"{}\" is a built-in category already; choose another id",
                    category.id
                ),
                Consequence::ValueIgnored,
            );
            return false;
        } else if !seen.insert(category.id.clone()) {
            problems.error(
                ProblemKind::DuplicateId,
                &id_field,
                format!("category \"{}\" is defined twice", category.id),
                Consequence::ValueIgnored,
            );
            return false;
        }
        let name_ok = check_text(
            &mut category.name,
            &name_field,
            MAX_SHORT_TEXT_CHARS,
            problems,
        );
        valid_id && name_ok && !category.name.is_empty()
    });
    directory.categories = categories;
}

/// Most search words one category can have in a directory.
pub const MAX_SYNONYMS_PER_CATEGORY: usize = 200;

/// Synonyms must belong to a category the directory knows; empty or overlong words are dropped.
fn check_synonyms(directory: &mut Directory, problems: &mut Problems) {
    let mut synonyms = std::mem::take(&mut directory.synonyms);
    synonyms.retain_mut(|(id, words)| {
        let known = builtin_category(id).is_some()
            || directory
                .categories
                .iter()
                .any(|category| &category.id == id);
        if !known {
            problems.warning(
                ProblemKind::UnknownCategory,
                &[Step::Field("synonyms"), Step::Key(Cow::Borrowed(id))],
                format!("\"{id}\" is not a category of this directory; its words are not used"),
            );
            return false;
        }
        let before = words.len();
        words.retain(|word| {
            let length = word.trim().chars().count();
            length > 0 && length <= MAX_SHORT_TEXT_CHARS
        });
        if words.len() < before {
            problems.error(
                ProblemKind::InvalidValue,
                &[Step::Field("synonyms"), Step::Key(Cow::Borrowed(id))],
                format!(
                    "{} empty word(s) or word(s) longer than {MAX_SHORT_TEXT_CHARS} characters",
                    before - words.len()
                ),
                Consequence::ValueIgnored,
            );
        }
        if words.len() > MAX_SYNONYMS_PER_CATEGORY {
            problems.error(
                ProblemKind::TextTooLong,
                &[Step::Field("synonyms"), Step::Key(Cow::Borrowed(id))],
                format!(
                    "{} words; the first {MAX_SYNONYMS_PER_CATEGORY} are used",
                    words.len()
                ),
                Consequence::ValueIgnored,
            );
            words.truncate(MAX_SYNONYMS_PER_CATEGORY);
        }
        !words.is_empty()
    });
    directory.synonyms = synonyms;
}

fn is_valid_category_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_lowercase() || first.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
