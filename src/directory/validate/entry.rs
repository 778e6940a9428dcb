//! Checks of one entry as a whole: its id and name, categories, languages, course details and
//! the date it was last checked. Its place, texts and contacts have modules of their own.

use super::ADVICE;
use super::CheckContext;
use super::advice::check_date;
use super::contact::{check_email, check_phone_number, check_url};
use super::place::check_location;
use super::text::{
    MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS, check_optional_text, check_text,
};
use crate::directory::language::{LanguageCheck, check_language_code};
use crate::directory::model::{Entry, Kind, LanguageCode, Status};
use crate::directory::problem::{Consequence, ProblemKind, Problems, Step};

/// Checks one entry, repairing what it can. Returns false when the entry is unusable.
pub fn check_entry(entry: &mut Entry, context: &CheckContext, problems: &mut Problems) -> bool {
    if !check_id_and_name(entry, problems) {
        return false;
    }
    check_optional_text(
        &mut entry.description,
        &[Step::Field("description")],
        MAX_DESCRIPTION_CHARS,
        problems,
    );
    if let Some(organization) = &mut entry.organization {
        if !check_text(
            &mut organization.name,
            &[Step::Field("organization.name")],
            MAX_SHORT_TEXT_CHARS,
            problems,
        ) || organization.name.is_empty()
        {
            entry.organization = None;
        } else {
            check_url(
                &mut organization.website,
                &[Step::Field("organization.website")],
                context.example_data,
                problems,
            );
        }
    }
    check_categories(&mut entry.categories, context, problems);
    check_languages(&mut entry.languages, &[Step::Field("languages")], problems);
    check_place(entry, context, problems);
    check_contacts(entry, context.example_data, problems);
    check_schedule_and_fees(entry, problems);
    check_course(entry, problems);
    check_status_and_audience(entry, problems);
    if ADVICE && let Some(date) = entry.assured_date {
        check_date(date, context.last_modified, problems);
    }
    true
}

/// What makes an entry usable: an id and a name. False when it is not.
fn check_id_and_name(entry: &mut Entry, problems: &mut Problems) -> bool {
    if !is_valid_entry_id(&entry.id) {
        problems.error(
            ProblemKind::InvalidId,
            &[Step::Field("id")],
            format!(
                "\"{}\" is not a usable id: 1 to 100 letters, digits, '-', '_', '.' or ':', starting with a letter or digit",
                entry.id
            ),
            Consequence::EntrySkipped,
        );
        return false;
    }
    if !check_text(
        &mut entry.name,
        &[Step::Field("name")],
        MAX_NAME_CHARS,
        problems,
    ) {
        return false;
    }
    if entry.name.is_empty() {
        problems.error(
            ProblemKind::MissingField,
            &[Step::Field("name")],
            "the name is empty",
            Consequence::EntrySkipped,
        );
        return false;
    }
    true
}

/// The entry's place and service area, and whether a search near a place can find it.
fn check_place(entry: &mut Entry, context: &CheckContext, problems: &mut Problems) {
    let had_coordinates = entry
        .location
        .as_ref()
        .is_some_and(|location| location.latitude.is_some() || location.longitude.is_some());
    if let Some(location) = &mut entry.location {
        check_location(location, context, problems);
    }
    if let Some(area) = &mut entry.service_area {
        check_optional_text(
            &mut area.description,
            &[Step::Field("service_area.description")],
            MAX_SHORT_TEXT_CHARS,
            problems,
        );
    }
    // Coordinates that were dropped as wrong have been reported already.
    if !had_coordinates && entry.service_area.is_none() {
        problems.warning(
            ProblemKind::Suspicious,
            &[Step::Field("location")],
            "neither coordinates nor a service_area: a search near a place will not find this entry",
        );
    }
}

/// Telephone numbers, e-mail address and website, and the same for each of `contacts`.
fn check_contacts(entry: &mut Entry, example_data: bool, problems: &mut Problems) {
    check_phones(&mut entry.phones, &[], example_data, problems);
    check_email(
        &mut entry.email,
        &[Step::Field("email")],
        example_data,
        problems,
    );
    check_url(
        &mut entry.url,
        &[Step::Field("url")],
        example_data,
        problems,
    );
    let mut index = 0;
    entry.contacts.retain_mut(|contact| {
        let at = [Step::Field("contacts"), Step::Index(index)];
        index += 1;
        let with = |field| [at[0].clone(), at[1].clone(), Step::Field(field)];
        check_optional_text(
            &mut contact.title,
            &with("title"),
            MAX_SHORT_TEXT_CHARS,
            problems,
        );
        check_phones(&mut contact.phones, &at, example_data, problems);
        check_email(&mut contact.email, &with("email"), example_data, problems);
        check_languages(&mut contact.languages, &with("languages"), problems);
        let reachable = !contact.phones.is_empty() || contact.email.is_some();
        if !reachable {
            problems.error(
                ProblemKind::MissingField,
                &at,
                "a contact without a usable telephone number or e-mail address reaches nobody",
                Consequence::ValueIgnored,
            );
        }
        reachable
    });
}

/// A list of telephone numbers at `at` (empty for the entry's own `phones`).
fn check_phones(
    phones: &mut Vec<crate::directory::Phone>,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    let mut index = 0;
    phones.retain_mut(|phone| {
        let path = |field| {
            let mut path = at.to_vec();
            path.extend([
                Step::Field("phones"),
                Step::Index(index),
                Step::Field(field),
            ]);
            path
        };
        check_optional_text(
            &mut phone.description,
            &path("description"),
            MAX_SHORT_TEXT_CHARS,
            problems,
        );
        check_languages(&mut phone.languages, &path("languages"), problems);
        let mut number = Some(std::mem::take(&mut phone.number));
        check_phone_number(&mut number, &path("number"), example_data, problems);
        index += 1;
        match number {
            Some(number) => {
                phone.number = number;
                true
            }
            None => false,
        }
    });
}

/// Other names, status, the people served and their ages, and where a merged entry is from.
fn check_status_and_audience(entry: &mut Entry, problems: &mut Problems) {
    check_optional_text(
        &mut entry.alternate_name,
        &[Step::Field("alternate_name")],
        MAX_NAME_CHARS,
        problems,
    );
    if let Some(source) = &mut entry.source
        && (!check_text(
            &mut source.name,
            &[Step::Field("source"), Step::Field("name")],
            MAX_NAME_CHARS,
            problems,
        ) || source.name.is_empty())
    {
        entry.source = None;
    }
    check_optional_text(
        &mut entry.status_note,
        &[Step::Field("status_note")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    );
    if entry.status_until.is_some() && entry.status != Some(Status::TemporarilyClosed) {
        problems.warning(
            ProblemKind::Suspicious,
            &[Step::Field("status_until")],
            "status_until is only used with \"status\": \"temporarily closed\"",
        );
    }
    remove_repeats(&mut entry.target_groups);
    for (field, age) in [
        ("minimum_age", &mut entry.minimum_age),
        ("maximum_age", &mut entry.maximum_age),
    ] {
        if let Some(years) = *age
            && years > MAX_AGE
        {
            problems.error(
                ProblemKind::InvalidValue,
                &[Step::Field(field)],
                format!("{years} is not an age in years (at most {MAX_AGE})"),
                Consequence::ValueIgnored,
            );
            *age = None;
        }
    }
    if let (Some(minimum), Some(maximum)) = (entry.minimum_age, entry.maximum_age)
        && maximum < minimum
    {
        problems.error(
            ProblemKind::InvalidValue,
            &[Step::Field("maximum_age")],
            format!("the maximum age ({maximum}) is below the minimum age ({minimum})"),
            Consequence::ValueIgnored,
        );
        entry.maximum_age = None;
    }
}

/// The highest age in years that `minimum_age` and `maximum_age` accept.
const MAX_AGE: u32 = 120;

/// Opening hours (their length, and with the `advice` feature their syntax) and the texts
/// about times and costs.
fn check_schedule_and_fees(entry: &mut Entry, problems: &mut Problems) {
    if let Some(schedule) = &mut entry.schedule {
        if let Some(hours) = &schedule.opening_hours
            && hours.chars().count() > MAX_SHORT_TEXT_CHARS
        {
            problems.error(
                ProblemKind::TextTooLong,
                &[Step::Field("schedule.opening_hours")],
                format!(
                    "{} characters; at most {MAX_SHORT_TEXT_CHARS} are allowed",
                    hours.chars().count()
                ),
                Consequence::ValueIgnored,
            );
            schedule.opening_hours = None;
        }
        if let Some(hours) = &schedule.opening_hours {
            super::advice::check_opening_hours(hours, problems);
        }
        check_optional_text(
            &mut schedule.description,
            &[Step::Field("schedule.description")],
            MAX_SHORT_TEXT_CHARS,
            problems,
        );
    }
    check_optional_text(
        &mut entry.fees_description,
        &[Step::Field("fees_description")],
        MAX_SHORT_TEXT_CHARS,
        problems,
    );
}

fn check_course(entry: &mut Entry, problems: &mut Problems) {
    match (&mut entry.course, entry.kind) {
        (Some(_), Kind::Service | Kind::Association) => {
            problems.error(
                ProblemKind::InvalidValue,
                &[Step::Field("course")],
                format!(
                    "only entries of kind \"course\" have course details, this one is \"{}\"",
                    entry.kind.as_str()
                ),
                Consequence::ValueIgnored,
            );
            entry.course = None;
        }
        (None, Kind::Course) => {
            problems.warning(
                ProblemKind::MissingField,
                &[Step::Field("course")],
                "a course without course details (levels, type, dates)",
            );
        }
        (Some(course), Kind::Course) => {
            crate::order::sort(&mut course.levels);
            course.levels.dedup();
            if let (Some(start), Some(end)) = (course.start_date, course.end_date)
                && end < start
            {
                problems.error(
                    ProblemKind::InvalidDate,
                    &[Step::Field("course.end_date")],
                    format!("the course ends ({end}) before it starts ({start})"),
                    Consequence::ValueIgnored,
                );
                course.end_date = None;
            }
        }
        (None, _) => {}
    }
}

fn check_categories(categories: &mut Vec<String>, context: &CheckContext, problems: &mut Problems) {
    let mut index = 0;
    categories.retain(|category| {
        let field = [Step::Field("categories"), Step::Index(index)];
        index += 1;
        let known = context.known_categories.contains(category);
        if !known {
            problems.error(
                ProblemKind::UnknownCategory,
                &field,
                format!("unknown category \"{category}\": use a built-in id or define it in the directory's categories"),
                Consequence::ValueIgnored,
            );
        }
        known
    });
    remove_repeats(categories);
}

/// A list of language codes at `at`.
fn check_languages(languages: &mut Vec<LanguageCode>, at: &[Step], problems: &mut Problems) {
    let mut index = 0;
    languages.retain_mut(|code| {
        let mut field = at.to_vec();
        field.push(Step::Index(index));
        index += 1;
        match check_language_code(code.as_str()) {
            LanguageCheck::Valid => true,
            LanguageCheck::Normalized(preferred) => {
                if preferred.as_str().len() < code.as_str().len() {
                    let message = format!(
                        "\"{code}\" has the shorter ISO 639-1 code \"{preferred}\"; that one is used"
                    );
                    problems.warning(ProblemKind::UnknownLanguage, &field, message);
                } else if ADVICE {
                    let message =
                        format!("\"{code}\" is written \"{preferred}\", in lower case; that is used");
                    problems.warning(ProblemKind::UnknownLanguage, &field, message);
                }
                *code = preferred;
                true
            }
            LanguageCheck::Unknown => {
                problems.error(
                    ProblemKind::UnknownLanguage,
                    &field,
                    format!("\"{code}\" is not an ISO 639-1 or ISO 639-3 language code"),
                    Consequence::ValueIgnored,
                );
                false
            }
        }
    });
    let listed = languages.len();
    remove_repeats(languages);
    if ADVICE && languages.len() < listed {
        problems.warning(
            ProblemKind::UnknownLanguage,
            at,
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

fn is_valid_entry_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_alphanumeric())
        && id.len() <= 100
        && chars.all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c))
}
