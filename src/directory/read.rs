//! Reading the directory format's records from JSON, leniently (see [`crate::json::fields`]):
//! a bad value is left out and noted with its path, and only a record that lacks what makes it
//! usable (an entry's id, kind and name) is given up.
//!
//! This module only checks shape: types, enum values, dates. Whether values make sense is for
//! `validate`.

use crate::json::fields::{
    Fields, Issue, IssueKind, Issues, MAX_ISSUES, optional, read_bool, read_choice,
    read_clean_string, read_f64, read_list, read_map, read_object, read_object_repeating,
    read_parsed, read_string, read_u32, shorten, wrong_type, wrong_type_at_key,
};
use crate::json::{Found, Read, Reader};

use super::model::{
    AreaScope, CategoryDefinition, Course, CourseLevel, CourseType, Date, Directory, Entry, Kind,
    LanguageCode, Location, Organization, Phone, Publisher, Region, Schedule, ServiceArea, Text,
    Wheelchair,
};

/// What reading one entry gave.
#[derive(Debug)]
pub struct EntryRead {
    /// The entry with its bad values left out; `None` when it is unusable.
    pub entry: Option<Entry>,
    /// Everything that did not fit, in file order.
    pub issues: Vec<Issue>,
    /// The entry's id as written, for naming an unusable entry in reports.
    pub written_id: Option<String>,
}

impl EntryRead {
    /// Whether the entry was read without any issue.
    pub fn is_clean(&self) -> bool {
        self.entry.is_some() && self.issues.is_empty()
    }
}

const ENTRY_FIELDS: &[&str] = &[
    "id",
    "kind",
    "name",
    "description",
    "organization",
    "categories",
    "languages",
    "location",
    "service_area",
    "phones",
    "email",
    "url",
    "schedule",
    "appointment_required",
    "free_of_charge",
    "fees_description",
    "assured_date",
    "course",
];

/// Reads one entry.
pub fn read_entry(reader: &mut Reader) -> Read<EntryRead> {
    let mut issues = Issues::new();
    let mut id = None;
    let mut written_number = None;
    let mut kind = None;
    let mut name = None;
    let mut entry = blank_entry();
    let fields = read_object(
        reader,
        &mut issues,
        "an entry object { \"id\": …, \"kind\": …, \"name\": … }",
        ENTRY_FIELDS,
        |field, reader, issues| {
            match field {
                0 => {
                    if reader.peek()? == Found::Number {
                        written_number = Some(reader.clone().number()?.to_owned());
                    }
                    id = read_string(reader, issues)?;
                }
                1 => kind = read_choice(reader, issues, &Kind::ALL, Kind::as_str)?,
                2 => name = read_text(reader, issues)?,
                3 => entry.description = optional(reader, issues, read_text)?,
                4 => entry.organization = optional(reader, issues, read_organization)?,
                5 => entry.categories = read_list(reader, issues, read_string)?.unwrap_or_default(),
                6 => entry.languages = read_list(reader, issues, read_code)?.unwrap_or_default(),
                7 => entry.location = optional(reader, issues, read_location)?,
                8 => entry.service_area = optional(reader, issues, read_service_area)?,
                9 => entry.phones = read_list(reader, issues, read_phone)?.unwrap_or_default(),
                10 => entry.email = optional(reader, issues, read_string)?,
                11 => entry.url = optional(reader, issues, read_string)?,
                12 => entry.schedule = optional(reader, issues, read_schedule)?,
                13 => entry.appointment_required = optional(reader, issues, read_bool)?,
                14 => entry.free_of_charge = optional(reader, issues, read_bool)?,
                15 => entry.fees_description = optional(reader, issues, read_text)?,
                16 => entry.assured_date = optional(reader, issues, read_date)?,
                _ => entry.course = optional(reader, issues, read_course)?,
            }
            Ok(())
        },
    )?;
    let (id, kind, name) = match fields {
        // Each required field is checked, so that every missing one is reported.
        Some(fields) => (
            issues.required(id, &fields, 0),
            issues.required(kind, &fields, 1),
            issues.required(name, &fields, 2),
        ),
        None => (None, None, None),
    };
    let mut written_id = None;
    let entry = match (id, kind, name) {
        (Some(id), Some(kind), Some(name)) if !issues.too_many() => {
            entry.id = id;
            entry.kind = kind;
            entry.name = name;
            Some(entry)
        }
        (id, ..) => {
            written_id = id.as_deref().and_then(shown_id).or(written_number);
            None
        }
    };
    Ok(EntryRead {
        entry,
        issues: finish(issues),
        written_id,
    })
}

/// An id as reports show it: at most 100 characters; `None` when empty.
pub fn shown_id(id: &str) -> Option<String> {
    (!id.is_empty()).then(|| id.chars().take(100).collect())
}

/// An entry with nothing in it: where reading starts, and what stands in for an unusable entry.
pub fn blank_entry() -> Entry {
    Entry {
        id: String::new(),
        kind: Kind::Service,
        name: Text::Empty,
        description: None,
        organization: None,
        categories: Vec::new(),
        languages: Vec::new(),
        location: None,
        service_area: None,
        phones: Vec::new(),
        email: None,
        url: None,
        schedule: None,
        appointment_required: None,
        free_of_charge: None,
        fees_description: None,
        assured_date: None,
        course: None,
    }
}

/// The issues of a record; when there are too many, with a last one saying it was given up.
fn finish(issues: Issues) -> Vec<Issue> {
    let too_many = issues.too_many();
    let mut list = issues.into_list();
    if too_many {
        list.push(given_up());
    }
    list
}

/// Why a record with [`MAX_ISSUES`] problems or more was given up.
pub fn given_up() -> Issue {
    Issue {
        path: String::new(),
        message: format!(
            "{MAX_ISSUES} problems or more in one entry: it cannot be trusted and was skipped; only its first {MAX_ISSUES} problems are listed"
        ),
        kind: IssueKind::GivenUp,
    }
}

/// The directory's own fields, as [`read_directory`] found them.
#[derive(Debug)]
pub struct DirectoryRead<'a> {
    /// The directory without entries; fields with bad values have their defaults.
    pub directory: Directory,
    /// `format_version` as written, if it is there.
    pub format_version: Option<&'a str>,
    /// Everything that did not fit, in file order.
    pub issues: Vec<Issue>,
}

/// The directory object's fields; `read_directory` relies on the positions of the last two.
const DIRECTORY_FIELDS: &[&str] = &[
    "$schema",
    "example_data",
    "title",
    "description",
    "publisher",
    "region",
    "last_modified",
    "default_language",
    "categories",
    "synonyms",
    "format_version",
    "entries",
];

/// Reads the directory object: its own fields here, the `entries` list by `read_entries`
/// (which gets the reader at the list, and again at a second `entries` list if there is one). `None` when the value is not an object.
pub fn read_directory<'a>(
    reader: &mut Reader<'a>,
    mut read_entries: impl FnMut(&mut Reader<'a>) -> Read<()>,
) -> Read<Option<DirectoryRead<'a>>> {
    if reader.peek()? != Found::Object {
        return Ok(None);
    }
    let mut issues = Issues::new();
    let mut directory = Directory::default();
    let mut format_version = None;
    read_object_repeating(
        reader,
        &mut issues,
        "a directory object",
        DIRECTORY_FIELDS,
        // A second entries list is read too (`read_entries` notes it), so no entry is lost.
        Some(DIRECTORY_FIELDS.len() - 1),
        |field, reader, issues| {
            match field {
                0 => drop(optional(reader, issues, read_string)?),
                1 => directory.example_data = read_bool(reader, issues)?.unwrap_or(false),
                2 => directory.title = read_text(reader, issues)?.unwrap_or_default(),
                3 => directory.description = optional(reader, issues, read_text)?,
                4 => directory.publisher = optional(reader, issues, read_publisher)?,
                5 => directory.region = optional(reader, issues, read_region)?,
                6 => directory.last_modified = optional(reader, issues, read_date)?,
                7 => {
                    if let Some(code) = read_code(reader, issues)? {
                        directory.default_language = code;
                    }
                }
                8 => {
                    let categories = read_list(reader, issues, read_category)?;
                    directory.categories = categories.unwrap_or_default();
                }
                9 => directory.synonyms = read_synonyms(reader, issues)?,
                10 => {
                    let start = reader.position();
                    reader.skip()?;
                    format_version = Some(reader.text()[start..reader.position()].trim_start());
                }
                _ => read_entries(reader)?,
            }
            Ok(())
        },
    )?;
    Ok(Some(DirectoryRead {
        directory,
        format_version,
        issues: issues.into_list(),
    }))
}

/// Reads a text: a string, or an object of language code to string. A member with a bad code
/// or value is left out.
pub fn read_text(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Text>> {
    match reader.peek()? {
        Found::Text => Ok(Some(Text::Plain(read_clean_string(reader, issues, None)?))),
        Found::Object => {
            // Most texts have a translation or two; growing from two wastes least memory.
            let mut texts: Vec<(LanguageCode, String)> = Vec::with_capacity(2);
            reader.begin_object()?;
            let mut first = true;
            while let Some(key) = reader.next_key(&mut first)? {
                let Some(code) = LanguageCode::new(&key) else {
                    reader.skip()?;
                    issues.add_at_key(&key, IssueKind::InvalidValue, not_a_language_code(&key));
                    continue;
                };
                match reader.peek()? {
                    Found::Text => {
                        let text = read_clean_string(reader, issues, Some(&key))?;
                        if !texts.iter().any(|(known, _)| *known == code) {
                            texts.push((code, text));
                        }
                    }
                    found => wrong_type_at_key(reader, issues, &key, found, "a text")?,
                }
            }
            Ok(Some(Text::Translated(texts)))
        }
        found => {
            let expected = "a text, or an object of language code to text";
            wrong_type(reader, issues, found, expected).map(|()| None)
        }
    }
}

fn not_a_language_code(code: &str) -> String {
    format!(
        "\"{}\" is not a language code; use ISO 639-1 (\"de\", \"ar\") or ISO 639-3 (\"prs\")",
        shorten(code)
    )
}

fn read_code(reader: &mut Reader, issues: &mut Issues) -> Read<Option<LanguageCode>> {
    read_parsed(
        reader,
        issues,
        "a language code such as \"de\", \"ar\" or \"prs\"",
        LanguageCode::new,
        not_a_language_code,
    )
}

fn read_date(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Date>> {
    read_parsed(
        reader,
        issues,
        "a date written as YYYY-MM-DD",
        Date::parse,
        |text| format!("\"{text}\" is not a date; write it as YYYY-MM-DD, for example 2026-03-31"),
    )
}

fn read_organization(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Organization>> {
    let mut name = None;
    let mut website = None;
    let fields = read_object(
        reader,
        issues,
        "an object { \"name\": … }",
        &["name", "website"],
        |field, reader, issues| {
            match field {
                0 => name = read_text(reader, issues)?,
                _ => website = optional(reader, issues, read_string)?,
            }
            Ok(())
        },
    )?;
    Ok(required(issues, fields, name, 0).map(|name| Organization { name, website }))
}

/// The value of the required field number `field`, or `None` (with an issue when it is
/// missing) when the object or the value is unusable.
fn required<T>(
    issues: &mut Issues,
    fields: Option<Fields>,
    value: Option<T>,
    field: usize,
) -> Option<T> {
    issues.required(value, &fields?, field)
}

fn read_publisher(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Publisher>> {
    let mut name = None;
    let mut publisher = Publisher {
        name: Text::Empty,
        email: None,
        phone: None,
        url: None,
    };
    let fields = read_object(
        reader,
        issues,
        "an object { \"name\": … }",
        &["name", "email", "phone", "url"],
        |field, reader, issues| {
            match field {
                0 => name = read_text(reader, issues)?,
                1 => publisher.email = optional(reader, issues, read_string)?,
                2 => publisher.phone = optional(reader, issues, read_string)?,
                _ => publisher.url = optional(reader, issues, read_string)?,
            }
            Ok(())
        },
    )?;
    Ok(required(issues, fields, name, 0).map(|name| Publisher { name, ..publisher }))
}

fn read_region(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Region>> {
    let mut name = None;
    let mut ags = None;
    let mut latitude = None;
    let mut longitude = None;
    let fields = read_object(
        reader,
        issues,
        "an object { \"name\": …, \"latitude\": …, \"longitude\": … }",
        &["name", "ags", "latitude", "longitude"],
        |field, reader, issues| {
            match field {
                0 => name = read_text(reader, issues)?,
                1 => ags = optional(reader, issues, read_string)?,
                2 => latitude = read_f64(reader, issues)?,
                _ => longitude = read_f64(reader, issues)?,
            }
            Ok(())
        },
    )?;
    let name = required(issues, fields, name, 0);
    let latitude = required(issues, fields, latitude, 2);
    let longitude = required(issues, fields, longitude, 3);
    let (Some(name), Some(latitude), Some(longitude)) = (name, latitude, longitude) else {
        return Ok(None);
    };
    Ok(Some(Region {
        name,
        ags,
        latitude,
        longitude,
    }))
}

fn read_category(reader: &mut Reader, issues: &mut Issues) -> Read<Option<CategoryDefinition>> {
    let mut id = None;
    let mut name = None;
    let fields = read_object(
        reader,
        issues,
        "an object { \"id\": …, \"name\": … }",
        &["id", "name"],
        |field, reader, issues| {
            match field {
                0 => id = read_string(reader, issues)?,
                _ => name = read_text(reader, issues)?,
            }
            Ok(())
        },
    )?;
    let id = required(issues, fields, id, 0);
    let name = required(issues, fields, name, 1);
    let (Some(id), Some(name)) = (id, name) else {
        return Ok(None);
    };
    Ok(Some(CategoryDefinition { id, name }))
}

fn read_synonyms(reader: &mut Reader, issues: &mut Issues) -> Read<Vec<(String, Vec<String>)>> {
    let mut synonyms: Vec<(String, Vec<String>)> = Vec::new();
    read_map(
        reader,
        issues,
        "an object of category id to a list of words",
        |key, reader, issues| {
            // Like a repeated field: the first list counts.
            if synonyms.iter().any(|(id, _)| id == key) {
                reader.skip()?;
                let message = format!("\"{key}\" appears twice; the second list was ignored");
                issues.add(IssueKind::InvalidValue, message);
            } else if let Some(words) = read_list(reader, issues, read_string)? {
                synonyms.push((key.to_owned(), words));
            }
            Ok(())
        },
    )?;
    Ok(synonyms)
}

fn read_location(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Location>> {
    let mut location = Location::default();
    let fields = read_object(
        reader,
        issues,
        "a place object { \"address_1\": …, \"latitude\": …, … }",
        &[
            "name",
            "address_1",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "wheelchair",
            "transportation",
        ],
        |field, reader, issues| {
            match field {
                0 => location.name = optional(reader, issues, read_text)?,
                1 => location.address_1 = optional(reader, issues, read_string)?,
                2 => location.postal_code = optional(reader, issues, read_string)?,
                3 => location.city = optional(reader, issues, read_string)?,
                4 => location.latitude = optional(reader, issues, read_f64)?,
                5 => location.longitude = optional(reader, issues, read_f64)?,
                6 => {
                    location.wheelchair = optional(reader, issues, |reader, issues| {
                        read_choice(reader, issues, Wheelchair::ALL, Wheelchair::as_str)
                    })?
                }
                _ => location.transportation = optional(reader, issues, read_text)?,
            }
            Ok(())
        },
    )?;
    Ok(fields.map(|_| location))
}

fn read_service_area(reader: &mut Reader, issues: &mut Issues) -> Read<Option<ServiceArea>> {
    let mut scope = None;
    let mut description = None;
    let fields = read_object(
        reader,
        issues,
        "an object { \"scope\": \"region\" or \"remote\" }",
        &["scope", "description"],
        |field, reader, issues| {
            match field {
                0 => scope = read_choice(reader, issues, AreaScope::ALL, AreaScope::as_str)?,
                _ => description = optional(reader, issues, read_text)?,
            }
            Ok(())
        },
    )?;
    let scope = required(issues, fields, scope, 0);
    Ok(scope.map(|scope| ServiceArea { scope, description }))
}

fn read_phone(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Phone>> {
    let mut number = None;
    let mut description = None;
    let fields = read_object(
        reader,
        issues,
        "an object { \"number\": … }",
        &["number", "description"],
        |field, reader, issues| {
            match field {
                0 => number = read_string(reader, issues)?,
                _ => description = optional(reader, issues, read_text)?,
            }
            Ok(())
        },
    )?;
    let number = required(issues, fields, number, 0);
    Ok(number.map(|number| Phone {
        number,
        description,
    }))
}

fn read_schedule(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Schedule>> {
    let mut schedule = Schedule::default();
    let fields = read_object(
        reader,
        issues,
        "an object { \"opening_hours\": …, \"description\": … }",
        &["opening_hours", "description"],
        |field, reader, issues| {
            match field {
                0 => schedule.opening_hours = optional(reader, issues, read_string)?,
                _ => schedule.description = optional(reader, issues, read_text)?,
            }
            Ok(())
        },
    )?;
    Ok(fields.map(|_| schedule))
}

fn read_course(reader: &mut Reader, issues: &mut Issues) -> Read<Option<Course>> {
    let mut course_type = None;
    let mut course = Course {
        levels: Vec::new(),
        course_type: CourseType::Other,
        start_date: None,
        end_date: None,
        childcare: None,
        free_places: None,
    };
    let fields = read_object(
        reader,
        issues,
        "an object { \"course_type\": … }",
        &[
            "levels",
            "course_type",
            "start_date",
            "end_date",
            "childcare",
            "free_places",
        ],
        |field, reader, issues| {
            match field {
                0 => {
                    let levels = read_list(reader, issues, |reader, issues| {
                        read_choice(reader, issues, CourseLevel::ALL, CourseLevel::as_str)
                    })?;
                    course.levels = levels.unwrap_or_default();
                }
                1 => {
                    course_type = read_choice(reader, issues, CourseType::ALL, CourseType::as_str)?
                }
                2 => course.start_date = optional(reader, issues, read_date)?,
                3 => course.end_date = optional(reader, issues, read_date)?,
                4 => course.childcare = optional(reader, issues, read_bool)?,
                _ => course.free_places = optional(reader, issues, read_u32)?,
            }
            Ok(())
        },
    )?;
    let course_type = required(issues, fields, course_type, 1);
    Ok(course_type.map(|course_type| Course {
        course_type,
        ..course
    }))
}
