//! Checks that values make sense, after their shape has been checked while reading (`read.rs`).
//!
//! Each check either accepts a value, repairs something harmless (an upper-case language code),
//! or removes the value and records a [`Finding`]. Only a missing or bad id, kind or name, or an
//! id used twice, makes an entry unusable; every other problem costs just the bad value.

use rustc_hash::FxHashSet;
use std::fmt::{self, Display};

use crate::json::format_number;

use super::categories::{BUILTIN_CATEGORIES, builtin_category};
use super::language::{LanguageCheck, check_language_code};
use super::model::{Date, Directory, Entry, Kind, LanguageCode, Location, Text};
use super::problem::{Consequence, ProblemKind, Severity};

/// Longest entry name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// Longest of any other text (addresses, notes, labels, opening hours), in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 500;

/// Germany's bounding box with a margin, in degrees: (south, west, north, east).
const GERMANY: (f64, f64, f64, f64) = (47.0, 5.5, 55.3, 15.5);
/// A place farther than this from the region's centre is probably a typo.
const FAR_FROM_REGION_KM: f64 = 150.0;

/// A problem found by a check, before it is tied to an entry and a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What sort of problem.
    pub kind: ProblemKind,
    /// Error or warning.
    pub severity: Severity,
    /// JSON path inside the entry or directory.
    pub field: String,
    /// Plain-language explanation.
    pub message: String,
    /// What was done about it.
    pub consequence: Consequence,
}

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

/// Collects findings for one record.
#[derive(Default)]
pub struct Findings {
    /// Everything found so far.
    pub list: Vec<Finding>,
}

impl Findings {
    fn error(
        &mut self,
        kind: ProblemKind,
        field: impl Display,
        message: impl Into<String>,
        consequence: Consequence,
    ) {
        self.push(kind, Severity::Error, field, message, consequence);
    }

    fn warning(&mut self, kind: ProblemKind, field: impl Display, message: impl Into<String>) {
        self.push(kind, Severity::Warning, field, message, Consequence::None);
    }

    fn push(
        &mut self,
        kind: ProblemKind,
        severity: Severity,
        field: impl Display,
        message: impl Into<String>,
        consequence: Consequence,
    ) {
        self.list.push(Finding {
            kind,
            severity,
            field: field.to_string(),
            message: message.into(),
            consequence,
        });
    }
}

/// Where a value is, spelt out only when a problem is reported: building path strings for every
/// value of a large directory would cost more than checking the values.
#[derive(Clone, Copy)]
struct FieldPath<'a> {
    list: &'a str,
    index: Option<usize>,
    name: &'a str,
}

impl<'a> FieldPath<'a> {
    /// A field of element `index` of the list `list` (an empty name for the element itself).
    fn item(list: &'a str, index: usize, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            list,
            index: Some(index),
            name,
        }
    }
}

impl Display for FieldPath<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        if let Some(index) = self.index {
            write!(formatter, "{}[{index}]", self.list)?;
            if !self.name.is_empty() {
                formatter.write_str(".")?;
            }
        }
        formatter.write_str(self.name)
    }
}

/// Checks the directory's own fields (everything but the entries), repairing what it can.
pub fn check_header(directory: &mut Directory, findings: &mut Findings) {
    let example_data = directory.example_data;
    match check_language_code(directory.default_language.as_str()) {
        LanguageCheck::Valid => {}
        LanguageCheck::Normalized(code) => directory.default_language = code,
        LanguageCheck::Unknown => {
            findings.error(
                ProblemKind::UnknownLanguage,
                "default_language",
                format!(
                    "\"{}\" is not an ISO 639 language code; German (\"de\") is used",
                    directory.default_language
                ),
                Consequence::ValueIgnored,
            );
            directory.default_language = LanguageCode::new("de").expect("valid code");
        }
    }
    if !check_text(
        &mut directory.title,
        "title",
        MAX_SHORT_TEXT_CHARS,
        findings,
    ) || directory.title.is_empty()
    {
        directory.title = Text::Empty;
        findings.error(
            ProblemKind::MissingField,
            "title",
            "the directory needs a title",
            Consequence::None,
        );
    }
    check_optional_text(
        &mut directory.description,
        "description",
        MAX_DESCRIPTION_CHARS,
        findings,
    );
    if let Some(publisher) = &mut directory.publisher {
        if !check_text(
            &mut publisher.name,
            "publisher.name",
            MAX_SHORT_TEXT_CHARS,
            findings,
        ) {
            publisher.name = Text::Empty;
        }
        check_email(
            &mut publisher.email,
            "publisher.email",
            example_data,
            findings,
        );
        check_url(&mut publisher.url, "publisher.url", example_data, findings);
        check_phone_number(
            &mut publisher.phone,
            "publisher.phone",
            example_data,
            findings,
        );
    } else {
        findings.warning(
            ProblemKind::MissingField,
            "publisher",
            "no publisher: users cannot tell whom to ask about the data",
        );
    }
    if let Some(region) = &mut directory.region {
        check_text(
            &mut region.name,
            "region.name",
            MAX_SHORT_TEXT_CHARS,
            findings,
        );
        if let Some(ags) = &region.ags
            && !([2, 5, 8].contains(&ags.len()) && ags.bytes().all(|byte| byte.is_ascii_digit()))
        {
            findings.error(
                ProblemKind::InvalidValue,
                "region.ags",
                format!("\"{ags}\" is not an official municipality key (AGS): 2, 5 or 8 digits"),
                Consequence::ValueIgnored,
            );
            region.ags = None;
        }
        if let Some(message) = coordinates_problem(region.latitude, region.longitude) {
            findings.error(
                ProblemKind::InvalidCoordinates,
                "region",
                message,
                Consequence::ValueIgnored,
            );
            directory.region = None;
        }
    }
    // The same set type as `known_categories`: one copy of its code in the wasm.
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut categories = std::mem::take(&mut directory.categories);
    let mut index = 0;
    categories.retain_mut(|category| {
        let id_field = FieldPath::item("categories", index, "id");
        let name_field = FieldPath::item("categories", index, "name");
        index += 1;
        let valid_id = is_valid_category_id(&category.id);
        if !valid_id {
            findings.error(
                ProblemKind::InvalidId,
                id_field,
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
            findings.error(
                ProblemKind::DuplicateId,
                id_field,
                format!(
                    "\"{}\" is a built-in category already; choose another id",
                    category.id
                ),
                Consequence::ValueIgnored,
            );
            return false;
        } else if !seen.insert(category.id.clone()) {
            findings.error(
                ProblemKind::DuplicateId,
                id_field,
                format!("category \"{}\" is defined twice", category.id),
                Consequence::ValueIgnored,
            );
            return false;
        }
        let name_ok = check_text(
            &mut category.name,
            name_field,
            MAX_SHORT_TEXT_CHARS,
            findings,
        );
        valid_id && name_ok && !category.name.is_empty()
    });
    directory.categories = categories;
    check_synonyms(directory, findings);
}

/// Most search words one category can have in a directory.
pub const MAX_SYNONYMS_PER_CATEGORY: usize = 200;

/// Synonyms must belong to a category the directory knows; empty or overlong words are dropped.
fn check_synonyms(directory: &mut Directory, findings: &mut Findings) {
    let mut synonyms = std::mem::take(&mut directory.synonyms);
    synonyms.retain_mut(|(id, words)| {
        let known = builtin_category(id).is_some()
            || directory
                .categories
                .iter()
                .any(|category| &category.id == id);
        if !known {
            findings.warning(
                ProblemKind::UnknownCategory,
                format!("synonyms.{id}"),
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
            findings.error(
                ProblemKind::InvalidValue,
                format!("synonyms.{id}"),
                format!(
                    "{} empty word(s) or word(s) longer than {MAX_SHORT_TEXT_CHARS} characters",
                    before - words.len()
                ),
                Consequence::ValueIgnored,
            );
        }
        if words.len() > MAX_SYNONYMS_PER_CATEGORY {
            findings.error(
                ProblemKind::TextTooLong,
                format!("synonyms.{id}"),
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

/// Checks one entry, repairing what it can. Returns false when the entry is unusable.
pub fn check_entry(entry: &mut Entry, context: &CheckContext, findings: &mut Findings) -> bool {
    if !is_valid_entry_id(&entry.id) {
        findings.error(
            ProblemKind::InvalidId,
            "id",
            format!(
                "\"{}\" is not a usable id: 1 to 100 letters, digits, '-', '_', '.' or ':', starting with a letter or digit",
                entry.id
            ),
            Consequence::EntrySkipped,
        );
        return false;
    }
    if !check_text(&mut entry.name, "name", MAX_NAME_CHARS, findings) {
        return false;
    }
    if entry.name.is_empty() {
        findings.error(
            ProblemKind::MissingField,
            "name",
            "the name is empty",
            Consequence::EntrySkipped,
        );
        return false;
    }
    check_optional_text(
        &mut entry.description,
        "description",
        MAX_DESCRIPTION_CHARS,
        findings,
    );
    if let Some(organization) = &mut entry.organization {
        if !check_text(
            &mut organization.name,
            "organization.name",
            MAX_SHORT_TEXT_CHARS,
            findings,
        ) || organization.name.is_empty()
        {
            entry.organization = None;
        } else {
            check_url(
                &mut organization.website,
                "organization.website",
                context.example_data,
                findings,
            );
        }
    }
    check_categories(&mut entry.categories, context, findings);
    check_languages(&mut entry.languages, findings);
    let had_coordinates = entry
        .location
        .as_ref()
        .is_some_and(|location| location.latitude.is_some() || location.longitude.is_some());
    if let Some(location) = &mut entry.location {
        check_location(location, context, findings);
    }
    if let Some(area) = &mut entry.service_area {
        check_optional_text(
            &mut area.description,
            "service_area.description",
            MAX_SHORT_TEXT_CHARS,
            findings,
        );
    }
    // Coordinates that were dropped as wrong have been reported already.
    if !had_coordinates && entry.service_area.is_none() {
        findings.warning(
            ProblemKind::Suspicious,
            "location",
            "neither coordinates nor a service_area: a search near a place will not find this entry",
        );
    }
    let mut index = 0;
    entry.phones.retain_mut(|phone| {
        let description_field = FieldPath::item("phones", index, "description");
        let number_field = FieldPath::item("phones", index, "number");
        index += 1;
        check_optional_text(
            &mut phone.description,
            description_field,
            MAX_SHORT_TEXT_CHARS,
            findings,
        );
        let mut number = Some(std::mem::take(&mut phone.number));
        check_phone_number(&mut number, number_field, context.example_data, findings);
        match number {
            Some(number) => {
                phone.number = number;
                true
            }
            None => false,
        }
    });
    check_email(&mut entry.email, "email", context.example_data, findings);
    check_url(&mut entry.url, "url", context.example_data, findings);
    if let Some(schedule) = &mut entry.schedule {
        if let Some(hours) = &schedule.opening_hours
            && hours.chars().count() > MAX_SHORT_TEXT_CHARS
        {
            findings.error(
                ProblemKind::TextTooLong,
                "schedule.opening_hours",
                format!(
                    "{} characters; at most {MAX_SHORT_TEXT_CHARS} are allowed",
                    hours.chars().count()
                ),
                Consequence::ValueIgnored,
            );
            schedule.opening_hours = None;
        }
        check_optional_text(
            &mut schedule.description,
            "schedule.description",
            MAX_SHORT_TEXT_CHARS,
            findings,
        );
    }
    check_optional_text(
        &mut entry.fees_description,
        "fees_description",
        MAX_SHORT_TEXT_CHARS,
        findings,
    );
    check_course(entry, findings);
    if let Some(date) = entry.assured_date
        && let Some(problem) = check_date_problem(date, context.last_modified)
    {
        findings.warning(
            ProblemKind::Suspicious,
            "assured_date",
            format!("{date} {problem}"),
        );
    }
    true
}

/// The earliest plausible date for an entry's check: the format is from 2026, but entries
/// move over from older lists.
const EARLIEST_CHECK_YEAR: i32 = 2000;

/// What is odd about the date an entry was last checked, said after the date; `None` when it
/// is plausible. Without a clock (the core has none, so that it gives the same result
/// everywhere) "later than today" is judged against the directory's own date.
fn check_date_problem(date: Date, last_modified: Option<Date>) -> Option<String> {
    if date.0.year() < EARLIEST_CHECK_YEAR {
        return Some(format!(
            "is before {EARLIEST_CHECK_YEAR}: is it really the date the entry was last checked?"
        ));
    }
    match last_modified {
        Some(last_modified) if date > last_modified => Some(format!(
            "is after the directory's last_modified ({last_modified}): an entry cannot have been checked in the future"
        )),
        None if date.0.year() >= 2100 => {
            Some("is far in the future: an entry cannot have been checked then".to_owned())
        }
        _ => None,
    }
}

/// The first HTML tag in a text (`<b>`, `</p>`, `<br/>`, `<!-- `), if it has one.
fn html_tag(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let tag = &rest[open..];
        let name = tag[1..].trim_start_matches('/');
        let starts_like_tag = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!');
        if starts_like_tag && let Some(close) = tag.find('>') {
            let shown = tag[..=close]
                .char_indices()
                .nth(30)
                .map_or(&tag[..=close], |(end, _)| &tag[..end]);
            return Some(shown);
        }
        rest = &tag[1..];
    }
    None
}

fn check_course(entry: &mut Entry, findings: &mut Findings) {
    match (&mut entry.course, entry.kind) {
        (Some(_), Kind::Service | Kind::Association) => {
            findings.error(
                ProblemKind::InvalidValue,
                "course",
                format!(
                    "only entries of kind \"course\" have course details, this one is \"{}\"",
                    entry.kind.as_str()
                ),
                Consequence::ValueIgnored,
            );
            entry.course = None;
        }
        (None, Kind::Course) => {
            findings.warning(
                ProblemKind::MissingField,
                "course",
                "a course without course details (levels, type, dates)",
            );
        }
        (Some(course), Kind::Course) => {
            crate::order::sort(&mut course.levels);
            course.levels.dedup();
            if let (Some(start), Some(end)) = (course.start_date, course.end_date)
                && end < start
            {
                findings.error(
                    ProblemKind::InvalidDate,
                    "course.end_date",
                    format!("the course ends ({end}) before it starts ({start})"),
                    Consequence::ValueIgnored,
                );
                course.end_date = None;
            }
        }
        (None, _) => {}
    }
}

fn check_categories(categories: &mut Vec<String>, context: &CheckContext, findings: &mut Findings) {
    let mut index = 0;
    categories.retain(|category| {
        let field = FieldPath::item("categories", index, "");
        index += 1;
        let known = context.known_categories.contains(category);
        if !known {
            findings.error(
                ProblemKind::UnknownCategory,
                field,
                format!("unknown category \"{category}\": use a built-in id or define it in the directory's categories"),
                Consequence::ValueIgnored,
            );
        }
        known
    });
    remove_repeats(categories);
}

fn check_languages(languages: &mut Vec<LanguageCode>, findings: &mut Findings) {
    let mut index = 0;
    languages.retain_mut(|code| {
        let field = FieldPath::item("languages", index, "");
        index += 1;
        match check_language_code(code.as_str()) {
            LanguageCheck::Valid => true,
            LanguageCheck::Normalized(preferred) => {
                let message = if preferred.as_str().len() < code.as_str().len() {
                    format!("\"{code}\" has the shorter ISO 639-1 code \"{preferred}\"; that one is used")
                } else {
                    format!("\"{code}\" is written \"{preferred}\", in lower case; that is used")
                };
                findings.warning(ProblemKind::UnknownLanguage, field, message);
                *code = preferred;
                true
            }
            LanguageCheck::Unknown => {
                findings.error(
                    ProblemKind::UnknownLanguage,
                    field,
                    format!("\"{code}\" is not an ISO 639-1 or ISO 639-3 language code"),
                    Consequence::ValueIgnored,
                );
                false
            }
        }
    });
    let listed = languages.len();
    remove_repeats(languages);
    if languages.len() < listed {
        findings.warning(
            ProblemKind::UnknownLanguage,
            "languages",
            format!(
                "repeated language codes were removed ({}); each language is listed once",
                listed - languages.len()
            ),
        );
    }
}

/// Removes later repeats of a value, keeping the order the officer wrote.
fn remove_repeats<T: Ord>(values: &mut Vec<T>) {
    // Lists are short; sorting is only worth it for a long (probably hostile) one.
    if values.len() <= 16 {
        let mut index = 0;
        while index < values.len() {
            if values[..index].contains(&values[index]) {
                values.remove(index);
            } else {
                index += 1;
            }
        }
        return;
    }
    // Positions sorted by value, then position: of equal values, all but the first are repeats.
    let mut order: Vec<usize> = (0..values.len()).collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        values[a].cmp(&values[b]).then(a.cmp(&b))
    });
    let mut repeat = vec![false; values.len()];
    for pair in order.windows(2) {
        if values[pair[0]] == values[pair[1]] {
            repeat[pair[1]] = true;
        }
    }
    let mut index = 0;
    values.retain(|_| {
        index += 1;
        !repeat[index - 1]
    });
}

fn check_location(location: &mut Location, context: &CheckContext, findings: &mut Findings) {
    check_optional_text(
        &mut location.name,
        "location.name",
        MAX_SHORT_TEXT_CHARS,
        findings,
    );
    check_optional_text(
        &mut location.transportation,
        "location.transportation",
        MAX_SHORT_TEXT_CHARS,
        findings,
    );
    for (field, value) in [
        ("location.address_1", &mut location.address_1),
        ("location.city", &mut location.city),
    ] {
        if let Some(text) = value
            && text.chars().count() > MAX_SHORT_TEXT_CHARS
        {
            findings.error(
                ProblemKind::TextTooLong,
                field,
                format!(
                    "{} characters; at most {MAX_SHORT_TEXT_CHARS} are allowed",
                    text.chars().count()
                ),
                Consequence::ValueIgnored,
            );
            *value = None;
        }
    }
    if let Some(code) = &location.postal_code
        && !(code.len() == 5 && code.bytes().all(|byte| byte.is_ascii_digit()))
    {
        findings.error(
            ProblemKind::InvalidValue,
            "location.postal_code",
            format!("\"{code}\" is not a German postcode (five digits)"),
            Consequence::ValueIgnored,
        );
        location.postal_code = None;
    }
    match (location.latitude, location.longitude) {
        (None, None) => {}
        (Some(latitude), Some(longitude)) => {
            if let Some(message) = coordinates_problem(latitude, longitude) {
                findings.error(
                    ProblemKind::InvalidCoordinates,
                    "location",
                    message,
                    Consequence::ValueIgnored,
                );
                location.latitude = None;
                location.longitude = None;
            } else if let Some((centre_latitude, centre_longitude)) = context.region_centre {
                let kilometres = crate::distance::haversine_metres(
                    crate::distance::GeoPoint {
                        latitude,
                        longitude,
                    },
                    crate::distance::GeoPoint {
                        latitude: centre_latitude,
                        longitude: centre_longitude,
                    },
                ) / 1000.0;
                if kilometres > FAR_FROM_REGION_KM {
                    findings.warning(
                        ProblemKind::InvalidCoordinates,
                        "location",
                        format!(
                            "{} is {} km from the region's centre; is it right?",
                            coordinates(latitude, longitude),
                            format_number(kilometres, 0)
                        ),
                    );
                }
            }
        }
        _ => {
            findings.error(
                ProblemKind::InvalidCoordinates,
                "location",
                "latitude and longitude must be given together",
                Consequence::ValueIgnored,
            );
            location.latitude = None;
            location.longitude = None;
        }
    }
}

/// What is wrong with a pair of coordinates for a German directory, if anything.
fn coordinates_problem(latitude: f64, longitude: f64) -> Option<String> {
    let in_germany = |lat: f64, lon: f64| {
        let (south, west, north, east) = GERMANY;
        (south..=north).contains(&lat) && (west..=east).contains(&lon)
    };
    if !latitude.is_finite()
        || !longitude.is_finite()
        || latitude.abs() > 90.0
        || longitude.abs() > 180.0
    {
        return Some(format!(
            "{} is out of range: latitude must lie between -90 and 90, longitude between -180 and 180",
            coordinates(latitude, longitude)
        ));
    }
    if in_germany(latitude, longitude) {
        return None;
    }
    if in_germany(longitude, latitude) {
        return Some(format!(
            "latitude {} and longitude {} look swapped: in Germany the latitude is about 47 to 55, the longitude 6 to 15",
            format_number(latitude, 6),
            format_number(longitude, 6)
        ));
    }
    Some(format!(
        "{} is outside Germany",
        coordinates(latitude, longitude)
    ))
}

/// Coordinates for a message, as a person would write them (`51.2756, 8.873`).
fn coordinates(latitude: f64, longitude: f64) -> String {
    format!(
        "{}, {}",
        format_number(latitude, 6),
        format_number(longitude, 6)
    )
}

/// Checks a text's translations and length. Returns false when the text must be dropped.
fn check_text(
    text: &mut Text,
    field: impl Display + Copy,
    max_chars: usize,
    findings: &mut Findings,
) -> bool {
    if let Text::Translated(texts) = text {
        let mut seen = Vec::with_capacity(texts.len());
        texts.retain_mut(|(code, _)| {
            match check_language_code(code.as_str()) {
                LanguageCheck::Valid => {}
                LanguageCheck::Normalized(preferred) => *code = preferred,
                LanguageCheck::Unknown => {
                    findings.error(
                        ProblemKind::UnknownLanguage,
                        format_args!("{field}.{code}"),
                        format!("\"{code}\" is not an ISO 639 language code"),
                        Consequence::ValueIgnored,
                    );
                    return false;
                }
            }
            // After normalising, "ara" and "ar" are the same language: keep the first.
            let first = !seen.contains(code);
            seen.push(*code);
            first
        });
    }
    // Texts are shown as text, never as HTML (it could carry scripts): markup copied from a
    // website shows up as tags on the card.
    if let Some(tag) = text.iter().find_map(|(_, value)| html_tag(value)) {
        findings.warning(
            ProblemKind::Suspicious,
            field,
            format!("contains HTML ({tag}); it is shown as typed, tags included: write plain text (line breaks are kept)"),
        );
    }
    let longest = text
        .iter()
        .map(|(_, value)| value.chars().count())
        .max()
        .unwrap_or(0);
    if longest > max_chars {
        let consequence = if field.to_string() == "name" {
            Consequence::EntrySkipped
        } else {
            Consequence::ValueIgnored
        };
        findings.error(
            ProblemKind::TextTooLong,
            field,
            format!("{longest} characters; at most {max_chars} are allowed"),
            consequence,
        );
        return false;
    }
    true
}

fn check_optional_text(
    text: &mut Option<Text>,
    field: impl Display + Copy,
    max_chars: usize,
    findings: &mut Findings,
) {
    if let Some(value) = text
        && (!check_text(value, field, max_chars, findings) || value.is_empty())
    {
        *text = None;
    }
}

fn check_url(
    url: &mut Option<String>,
    field: impl Display + Copy,
    example_data: bool,
    findings: &mut Findings,
) {
    let Some(value) = url else {
        return;
    };
    if let Some(message) = web_address_problem(value) {
        findings.error(
            ProblemKind::InvalidUrl,
            field,
            message,
            Consequence::ValueIgnored,
        );
        *url = None;
    } else {
        // Checked above: the address starts with http:// or https://.
        let rest = value.split_once("//").map_or("", |(_, rest)| rest);
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        check_placeholder_domain(value, host, field, example_data, findings);
    }
}

fn check_email(
    email: &mut Option<String>,
    field: impl Display + Copy,
    example_data: bool,
    findings: &mut Findings,
) {
    let Some(value) = email else {
        return;
    };
    if !is_valid_email(value) {
        findings.error(
            ProblemKind::InvalidEmail,
            field,
            format!("\"{value}\" is not an e-mail address like name@example.org"),
            Consequence::ValueIgnored,
        );
        *email = None;
    } else {
        let domain = value.rsplit('@').next().unwrap_or("");
        check_placeholder_domain(value, domain, field, example_data, findings);
    }
}

fn check_phone_number(
    phone: &mut Option<String>,
    field: impl Display + Copy,
    example_data: bool,
    findings: &mut Findings,
) {
    let Some(value) = phone else {
        return;
    };
    if let Some(problem) = phone_number_problem(value) {
        findings.error(
            ProblemKind::InvalidValue,
            field,
            format!("\"{value}\" {problem}"),
            Consequence::ValueIgnored,
        );
        *phone = None;
    } else if !example_data && is_placeholder_number(value) {
        findings.warning(
            ProblemKind::Suspicious,
            field,
            format!("\"{value}\" looks like a placeholder, not a real number; the directory is not marked as example data"),
        );
    }
}

/// The official short numbers that have fewer digits than any other: police, fire and
/// ambulance, and the authorities' number.
const SHORT_NUMBERS: [&str; 3] = ["110", "112", "115"];

/// What is wrong with a telephone number, said after the number; `None` when it is fine.
fn phone_number_problem(number: &str) -> Option<&'static str> {
    let allowed = number
        .char_indices()
        .all(|(index, c)| c.is_ascii_digit() || " -/().".contains(c) || (c == '+' && index == 0));
    if !allowed {
        return Some(
            "is not a telephone number: only digits, spaces, + at the start, and - / ( ) . are allowed",
        );
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 && !SHORT_NUMBERS.contains(&digits.as_str()) {
        return Some(
            "is too short for a telephone number: at least 4 digits, except the short numbers 110, 112 and 115",
        );
    }
    if digits.len() > 20 || number.len() > 40 {
        return Some("is too long for a telephone number: at most 20 digits");
    }
    None
}

/// Whether a number looks invented: its digits after the country or trunk prefix are one digit
/// repeated (`0000000`) or counting up (`123456789`).
fn is_placeholder_number(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = if number.starts_with('+') {
        digits.strip_prefix("49").unwrap_or(&digits)
    } else {
        digits.strip_prefix('0').unwrap_or(&digits)
    };
    let national = national.trim_start_matches('0');
    if national.is_empty() {
        return digits.len() >= 6;
    }
    let bytes = national.as_bytes();
    bytes.len() >= 6
        && (bytes.iter().all(|&digit| digit == bytes[0])
            || bytes
                .windows(2)
                .all(|pair| pair[1] == pair[0] + 1 || (pair[0] == b'9' && pair[1] == b'0')))
}

/// Whether an e-mail address or web host is on a domain reserved for examples and tests
/// (RFC 2606, RFC 6761): it can never reach anyone.
fn is_reserved_domain(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let top = domain.rsplit('.').next().unwrap_or("");
    matches!(top, "test" | "invalid" | "example" | "localhost")
        || ["example.com", "example.net", "example.org"]
            .iter()
            .any(|reserved| domain == *reserved || domain.ends_with(&format!(".{reserved}")))
}

/// A warning for a reserved domain in a directory that is not example data.
fn check_placeholder_domain(
    value: &str,
    domain: &str,
    field: impl Display,
    example_data: bool,
    findings: &mut Findings,
) {
    if !example_data && is_reserved_domain(domain) {
        findings.warning(
            ProblemKind::Suspicious,
            field,
            format!("\"{value}\" is on a domain reserved for examples, which reaches nobody; the directory is not marked as example data"),
        );
    }
}

/// Why `url` is not a safe web address, if it is not.
///
/// Only `https:` and `http:` are accepted for websites: the widget turns them into links, and
/// `javascript:` or `data:` links in untrusted data would run code in the county's page.
/// Phone and e-mail links are built by the widget from the checked fields, never taken as given.
pub fn web_address_problem(url: &str) -> Option<String> {
    let bad_byte = |byte: u8| {
        byte <= b' ' || byte == 0x7f || matches!(byte, b'<' | b'>' | b'"' | b'\\' | b'`')
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control();
    if url.bytes().any(bad_byte) || (!url.is_ascii() && url.chars().any(bad_char)) {
        return Some(format!(
            "\"{url}\" contains spaces or characters that do not belong in a web address"
        ));
    }
    let strip_scheme = |scheme: &str| {
        let start = url.get(..scheme.len())?;
        start
            .eq_ignore_ascii_case(scheme)
            .then(|| &url[scheme.len()..])
    };
    let Some(rest) = strip_scheme("https://").or_else(|| strip_scheme("http://")) else {
        let lower = url.to_ascii_lowercase();
        return Some(match lower.split_once(':') {
            Some((scheme, _))
                if !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
            {
                format!(
                    "\"{scheme}:\" links are not allowed; a website must start with https:// or http://"
                )
            }
            _ => format!("\"{url}\" is not a web address; it must start with https:// or http://"),
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_without_port = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|byte| byte.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    let valid_host = host_without_port.contains('.')
        && !host_without_port.starts_with('.')
        && !host_without_port.ends_with('.')
        && host_without_port.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !valid_host {
        return Some(format!(
            "\"{url}\" has no valid host name after the https://"
        ));
    }
    None
}

/// A deliberately simple check: one `@`, a plausible local part, and a domain with a dot.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

fn is_valid_entry_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_alphanumeric())
        && id.len() <= 100
        && chars.all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c))
}

fn is_valid_category_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_lowercase() || first.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for good in [
            "https://example.org",
            "http://example.org/a?b=c#d",
            "https://www.example.org:8443/x",
            "https://bücher.example/",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://example.org",
            "example.org",
            "https://",
            "https://exa mple.org",
            "https://user@evil.example",
            "https://localhost",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for good in [
            "a@example.org",
            "migration.korbach+info@example.org",
            "x@sub.example.de",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@example.org",
            "a@example",
            "a b@example.org",
            "a@@example.org",
            "a@-x.org",
            ".a@example.org",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for good in [
            "+49 30 23125 417",
            "05631 954-0",
            "(0 56 31) 95 40",
            "110",
            "112",
            "115",
            "116 117",
            "116117",
            "0800 111 0 111",
        ] {
            assert_eq!(phone_number_problem(good), None, "{good}");
        }
        for (bad, reason) in [
            ("", "too short"),
            ("12", "too short"),
            ("113", "too short"),
            ("call us", "not a telephone number"),
            ("+49 30 +1", "not a telephone number"),
            ("0800 CALL NOW", "not a telephone number"),
            ("1234567890 1234567890 1", "too long"),
        ] {
            let problem = phone_number_problem(bad).unwrap_or_default();
            assert!(problem.contains(reason), "{bad}: {problem}");
        }
    }

    #[test]
    fn placeholder_numbers_and_domains() {
        for placeholder in [
            "+123456789",
            "0123 456789",
            "+49 123 456789",
            "0000 000000",
            "555555",
        ] {
            assert!(is_placeholder_number(placeholder), "{placeholder}");
        }
        for real in [
            "+49 5631 954-0",
            "110",
            "116 117",
            "05631 123",
            "+49 69 90009 100",
        ] {
            assert!(!is_placeholder_number(real), "{real}");
        }
        for reserved in [
            "example.org",
            "mail.example.com",
            "amt.test",
            "x.invalid",
            "localhost",
            "a.example",
            "EXAMPLE.NET.",
        ] {
            assert!(is_reserved_domain(reserved), "{reserved}");
        }
        for real in [
            "landkreis-waldeck-frankenberg.de",
            "example-verein.de",
            "testverein.de",
        ] {
            assert!(!is_reserved_domain(real), "{real}");
        }
    }

    #[test]
    fn coordinates() {
        assert_eq!(coordinates_problem(51.27, 8.87), None);
        assert!(
            coordinates_problem(8.87, 51.27)
                .unwrap()
                .contains("swapped")
        );
        assert!(
            coordinates_problem(100.0, 8.0)
                .unwrap()
                .contains("out of range")
        );
        assert!(
            coordinates_problem(48.85, 2.35)
                .unwrap()
                .contains("outside Germany")
        );
    }
}
