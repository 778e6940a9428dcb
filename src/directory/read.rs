//! Reading the directory format's records from JSON, leniently (see [`crate::json::fields`]):
//! a bad value is left out and noted with its path, and only a record that lacks what makes it
//! usable (an entry's id, kind and name) is given up.
//!
//! This module only checks shape: types, enum values, dates. Whether values make sense is for
//! `validate`.

use std::borrow::Cow;

use crate::json::fields::{
    RecordFields, optional, read_bool, read_choice, read_clean_string, read_f64, read_list,
    read_map, read_object_repeating, read_parsed, read_record, read_string, read_u32,
    record_fields, required, shorten, wrong_type, wrong_type_at_key,
};
use crate::json::{Found, Read, Reader};

use super::model::{
    Accessibility, AreaScope, CategoryDefinition, Contact, Course, CourseLevel, CourseType, Date,
    Directory, Entry, Kind, LanguageCode, Location, Organization, Phone, PhoneKind, Publisher,
    Region, Schedule, ServiceArea, Source, Status, TargetGroup, Text, Wheelchair,
};
use super::problem::{Consequence, MAX_PROBLEMS, Problem, ProblemKind, Problems, Step};

/// Every record type of the directory format with the field names its reader knows, named as
/// the JSON Schema's `$defs` name them (`directory` is the top level). The schema, the format
/// documentation and the browser API's types must list exactly these; `tests/schema.rs` and
/// `tests/web.rs` check that they do.
pub const FORMAT_RECORDS: &[(&str, &[&str])] = &[
    ("directory", DirectoryField::NAMES),
    ("publisher", PublisherField::NAMES),
    ("region", RegionField::NAMES),
    ("category_definition", CategoryField::NAMES),
    ("entry", EntryField::NAMES),
    ("organization", OrganizationField::NAMES),
    ("location", LocationField::NAMES),
    ("accessibility", AccessibilityField::NAMES),
    ("contact", ContactField::NAMES),
    ("service_area", ServiceAreaField::NAMES),
    ("phone", PhoneField::NAMES),
    ("schedule", ScheduleField::NAMES),
    ("course", CourseField::NAMES),
    ("source", SourceField::NAMES),
];

/// What reading one entry gave.
#[derive(Debug)]
pub struct EntryRead {
    /// The entry with its bad values left out; `None` when it is unusable.
    pub entry: Option<Entry>,
    /// Everything that did not fit, in file order.
    pub problems: Vec<Problem>,
    /// The entry's id as written, for naming an unusable entry in reports.
    pub written_id: Option<String>,
}

impl EntryRead {
    /// Whether the entry was read without any problem.
    pub fn is_clean(&self) -> bool {
        self.entry.is_some() && self.problems.is_empty()
    }
}

record_fields! {
    /// The fields of an entry.
    pub enum EntryField {
        Id = "id",
        Kind = "kind",
        Name = "name",
        Description = "description",
        Organization = "organization",
        Categories = "categories",
        Languages = "languages",
        Location = "location",
        ServiceArea = "service_area",
        Phones = "phones",
        Email = "email",
        Url = "url",
        Schedule = "schedule",
        AppointmentRequired = "appointment_required",
        FreeOfCharge = "free_of_charge",
        FeesDescription = "fees_description",
        AssuredDate = "assured_date",
        Course = "course",
        AlternateName = "alternate_name",
        Status = "status",
        StatusNote = "status_note",
        StatusUntil = "status_until",
        TargetGroups = "target_groups",
        MinimumAge = "minimum_age",
        MaximumAge = "maximum_age",
        Contacts = "contacts",
        LastModified = "last_modified",
        Source = "source",
    }
}

record_fields! {
    /// The fields of an entry's source (a directory merged in).
    pub enum SourceField {
        Name = "name",
        LastModified = "last_modified",
    }
}

/// Reads where an entry was merged in from. Not inlined: inlined into the entry's reader, it
/// made that 16 KB larger in the wasm.
#[inline(never)]
fn read_source(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Source>> {
    let mut name = None;
    let mut last_modified = None;
    let fields = read_record(
        reader,
        problems,
        "an object { \"name\": … }",
        |field, reader, problems| {
            match field {
                SourceField::Name => name = read_text(reader, problems)?,
                SourceField::LastModified => last_modified = optional(reader, problems, read_date)?,
            }
            Ok(())
        },
    )?;
    let name = required(problems, fields, name, SourceField::Name, IGNORED);
    Ok(name.map(|name| Source {
        name,
        last_modified,
    }))
}

/// Reads one entry.
pub fn read_entry(reader: &mut Reader) -> Read<EntryRead> {
    let mut problems = Problems::default();
    let mut id = None;
    let mut written_number = None;
    let mut kind = None;
    let mut name = None;
    let mut entry = blank_entry();
    let fields = read_record(
        reader,
        &mut problems,
        "an entry object { \"id\": …, \"kind\": …, \"name\": … }",
        |field, reader, problems| {
            match field {
                EntryField::Id => {
                    if reader.peek()? == Found::Number {
                        written_number = Some(reader.clone().number()?.to_owned());
                    }
                    id = read_string(reader, problems)?;
                }
                EntryField::Kind => kind = read_choice(reader, problems, Kind::ALL, Kind::NAMES)?,
                EntryField::Name => name = read_text(reader, problems)?,
                EntryField::Description => {
                    entry.description = optional(reader, problems, read_text)?
                }
                EntryField::Organization => {
                    entry.organization = optional(reader, problems, read_organization)?
                }
                EntryField::Categories => {
                    entry.categories = read_list(reader, problems, read_string)?.unwrap_or_default()
                }
                EntryField::Languages => {
                    entry.languages = read_list(reader, problems, read_code)?.unwrap_or_default()
                }
                EntryField::Location => entry.location = optional(reader, problems, read_location)?,
                EntryField::ServiceArea => {
                    entry.service_area =
                        optional(reader, problems, read_service_area)?.map(Box::new)
                }
                EntryField::Phones => {
                    entry.phones = read_list(reader, problems, read_phone)?.unwrap_or_default()
                }
                EntryField::Email => entry.email = optional(reader, problems, read_string)?,
                EntryField::Url => entry.url = optional(reader, problems, read_string)?,
                EntryField::Schedule => entry.schedule = optional(reader, problems, read_schedule)?,
                EntryField::AppointmentRequired => {
                    entry.appointment_required = optional(reader, problems, read_bool)?
                }
                EntryField::FreeOfCharge => {
                    entry.free_of_charge = optional(reader, problems, read_bool)?
                }
                EntryField::FeesDescription => {
                    entry.fees_description = optional(reader, problems, read_text)?.map(Box::new)
                }
                EntryField::AssuredDate => {
                    entry.assured_date = optional(reader, problems, read_date)?
                }
                EntryField::Course => {
                    entry.course = optional(reader, problems, read_course)?.map(Box::new)
                }
                EntryField::AlternateName => {
                    entry.alternate_name = optional(reader, problems, read_text)?.map(Box::new)
                }
                EntryField::Status => {
                    entry.status = optional(reader, problems, |reader, problems| {
                        read_choice(reader, problems, Status::ALL, Status::NAMES)
                    })?
                }
                EntryField::StatusNote => {
                    entry.status_note = optional(reader, problems, read_text)?.map(Box::new)
                }
                EntryField::StatusUntil => {
                    entry.status_until = optional(reader, problems, read_date)?
                }
                EntryField::TargetGroups => {
                    let groups = read_list(reader, problems, |reader, problems| {
                        read_choice(reader, problems, TargetGroup::ALL, TargetGroup::NAMES)
                    })?;
                    entry.target_groups = groups.unwrap_or_default();
                }
                EntryField::MinimumAge => entry.minimum_age = optional(reader, problems, read_u32)?,
                EntryField::MaximumAge => entry.maximum_age = optional(reader, problems, read_u32)?,
                EntryField::Contacts => {
                    entry.contacts = read_list(reader, problems, read_contact)?.unwrap_or_default()
                }
                EntryField::LastModified => {
                    entry.last_modified = optional(reader, problems, read_date)?
                }
                EntryField::Source => {
                    entry.source = optional(reader, problems, read_source)?.map(Box::new)
                }
            }
            Ok(())
        },
    )?;
    // Each required field is checked, so that every missing one is reported.
    let skipped = Consequence::EntrySkipped;
    let id = required(&mut problems, fields, id, EntryField::Id, skipped);
    let kind = required(&mut problems, fields, kind, EntryField::Kind, skipped);
    let name = required(&mut problems, fields, name, EntryField::Name, skipped);
    let mut written_id = None;
    let entry = match (id, kind, name) {
        (Some(id), Some(kind), Some(name)) if !problems.too_many() => {
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
        problems: finish(problems),
        written_id,
    })
}

/// An id as reports show it: at most 100 characters; `None` when empty.
pub fn shown_id(id: &str) -> Option<String> {
    (!id.is_empty()).then(|| id.chars().take(100).collect())
}

/// An entry with nothing in it: where reading starts, and what stands in for an unusable entry.
pub fn blank_entry() -> Entry {
    Entry::new(String::new(), Kind::Service, Text::Empty)
}

/// The problems of a record; when there are too many, with a last one saying it was given up.
fn finish(problems: Problems) -> Vec<Problem> {
    let too_many = problems.too_many();
    let mut list = problems.into_list();
    if too_many {
        list.push(given_up());
    }
    list
}

/// Why a record with [`MAX_PROBLEMS`] problems or more was given up.
pub fn given_up() -> Problem {
    Problem::new(
        crate::directory::Severity::Error,
        ProblemKind::EntryTooLarge,
        &[],
        format!(
            "{MAX_PROBLEMS} problems or more in one entry: it cannot be trusted and was skipped; only its first {MAX_PROBLEMS} problems are listed"
        ),
        Consequence::EntrySkipped,
    )
}

/// The directory's own fields, as [`read_directory`] found them.
#[derive(Debug)]
pub struct DirectoryRead<'a> {
    /// The directory without entries; fields with bad values have their defaults.
    pub directory: Directory,
    /// `format_version` as written, if it is there.
    pub format_version: Option<&'a str>,
    /// Everything that did not fit, in file order.
    pub problems: Vec<Problem>,
}

record_fields! {
    /// The directory object's own fields, and its entries.
    pub enum DirectoryField {
        Schema = "$schema",
        ExampleData = "example_data",
        Title = "title",
        Description = "description",
        Publisher = "publisher",
        Region = "region",
        LastModified = "last_modified",
        DefaultLanguage = "default_language",
        Categories = "categories",
        Synonyms = "synonyms",
        FormatVersion = "format_version",
        Entries = "entries",
    }
}

/// Reads the directory object: its own fields here, the `entries` list by `read_entries`
/// (which gets the reader at the list, and again at a second `entries` list if there is one). `None` when the value is not an object.
pub fn read_directory<'a>(
    reader: &mut Reader<'a>,
    // `dyn`: one copy of this reader in the wasm for its two callers (see load and pieces).
    read_entries: &mut dyn FnMut(&mut Reader<'a>) -> Read<()>,
) -> Read<Option<DirectoryRead<'a>>> {
    if reader.peek()? != Found::Object {
        return Ok(None);
    }
    let mut problems = Problems::default();
    let mut directory = Directory::default();
    let mut format_version = None;
    read_object_repeating(
        reader,
        &mut problems,
        "a directory object",
        DirectoryField::NAMES,
        // A second entries list is read too (`read_entries` notes it), so no entry is lost.
        Some(DirectoryField::Entries.index()),
        |index, reader, problems| {
            match DirectoryField::ALL[index] {
                DirectoryField::Schema => drop(optional(reader, problems, read_string)?),
                DirectoryField::ExampleData => {
                    directory.example_data = read_bool(reader, problems)?.unwrap_or(false)
                }
                DirectoryField::Title => {
                    directory.title = read_text(reader, problems)?.unwrap_or_default()
                }
                DirectoryField::Description => {
                    directory.description = optional(reader, problems, read_text)?
                }
                DirectoryField::Publisher => {
                    directory.publisher = optional(reader, problems, read_publisher)?
                }
                DirectoryField::Region => {
                    directory.region = optional(reader, problems, read_region)?
                }
                DirectoryField::LastModified => {
                    directory.last_modified = optional(reader, problems, read_date)?
                }
                DirectoryField::DefaultLanguage => {
                    if let Some(code) = read_code(reader, problems)? {
                        directory.default_language = code;
                    }
                }
                DirectoryField::Categories => {
                    let categories = read_list(reader, problems, read_category)?;
                    directory.categories = categories.unwrap_or_default();
                }
                DirectoryField::Synonyms => directory.synonyms = read_synonyms(reader, problems)?,
                DirectoryField::FormatVersion => {
                    let start = reader.position();
                    reader.skip()?;
                    format_version = Some(reader.text()[start..reader.position()].trim_start());
                }
                DirectoryField::Entries => read_entries(reader)?,
            }
            Ok(())
        },
    )?;
    Ok(Some(DirectoryRead {
        directory,
        format_version,
        problems: problems.into_list(),
    }))
}

/// Reads a text: a string, or an object of language code to string. A member with a bad code
/// or value is left out.
pub fn read_text(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Text>> {
    match reader.peek()? {
        Found::Text => Ok(Some(Text::Plain(read_clean_string(
            reader, problems, None,
        )?))),
        Found::Object => {
            // Most texts have a translation or two; growing from two wastes least memory.
            let mut texts: Vec<(LanguageCode, String)> = Vec::with_capacity(2);
            reader.begin_object()?;
            let mut first = true;
            while let Some(key) = reader.next_key(&mut first)? {
                let Some(code) = LanguageCode::new(&key) else {
                    reader.skip()?;
                    problems.error(
                        ProblemKind::InvalidValue,
                        &[Step::Key(Cow::Borrowed(&key))],
                        not_a_language_code(&key),
                        Consequence::ValueIgnored,
                    );
                    continue;
                };
                match reader.peek()? {
                    Found::Text => {
                        let text = read_clean_string(reader, problems, Some(&key))?;
                        if !texts.iter().any(|(known, _)| *known == code) {
                            texts.push((code, text));
                        }
                    }
                    found => wrong_type_at_key(reader, problems, &key, found, "a text")?,
                }
            }
            Ok(Some(Text::Translated(texts)))
        }
        found => {
            let expected = "a text, or an object of language code to text";
            wrong_type(reader, problems, found, expected).map(|()| None)
        }
    }
}

fn not_a_language_code(code: &str) -> String {
    format!(
        "\"{}\" is not a language code; use ISO 639-1 (\"de\", \"ar\") or ISO 639-3 (\"prs\")",
        shorten(code)
    )
}

fn read_code(reader: &mut Reader, problems: &mut Problems) -> Read<Option<LanguageCode>> {
    read_parsed(
        reader,
        problems,
        ProblemKind::InvalidValue,
        "a language code such as \"de\", \"ar\" or \"prs\"",
        LanguageCode::new,
        not_a_language_code,
    )
}

fn read_date(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Date>> {
    read_parsed(
        reader,
        problems,
        ProblemKind::InvalidDate,
        "a date written as YYYY-MM-DD",
        Date::parse,
        |text| format!("\"{text}\" is not a date; write it as YYYY-MM-DD, for example 2026-03-31"),
    )
}

record_fields! {
    /// The fields of an organisation.
    pub enum OrganizationField { Name = "name", Website = "website" }
}

fn read_organization(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Organization>> {
    let mut name = None;
    let mut website = None;
    let fields = read_record(
        reader,
        problems,
        "an object { \"name\": … }",
        |field, reader, problems| {
            match field {
                OrganizationField::Name => name = read_text(reader, problems)?,
                OrganizationField::Website => website = optional(reader, problems, read_string)?,
            }
            Ok(())
        },
    )?;
    let name = required(problems, fields, name, OrganizationField::Name, IGNORED);
    Ok(name.map(|name| Organization { name, website }))
}

/// What a nested record without a required field costs: the record, not the entry.
const IGNORED: Consequence = Consequence::ValueIgnored;

record_fields! {
    /// The fields of the directory's publisher.
    pub enum PublisherField { Name = "name", Email = "email", Phone = "phone", Url = "url" }
}

fn read_publisher(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Publisher>> {
    let mut name = None;
    let mut publisher = Publisher {
        name: Text::Empty,
        email: None,
        phone: None,
        url: None,
    };
    let fields = read_record(
        reader,
        problems,
        "an object { \"name\": … }",
        |field, reader, problems| {
            match field {
                PublisherField::Name => name = read_text(reader, problems)?,
                PublisherField::Email => publisher.email = optional(reader, problems, read_string)?,
                PublisherField::Phone => publisher.phone = optional(reader, problems, read_string)?,
                PublisherField::Url => publisher.url = optional(reader, problems, read_string)?,
            }
            Ok(())
        },
    )?;
    let name = required(problems, fields, name, PublisherField::Name, IGNORED);
    Ok(name.map(|name| Publisher { name, ..publisher }))
}

record_fields! {
    /// The fields of the directory's region.
    pub enum RegionField { Name = "name", Ags = "ags", Latitude = "latitude", Longitude = "longitude" }
}

fn read_region(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Region>> {
    let mut name = None;
    let mut ags = None;
    let mut latitude = None;
    let mut longitude = None;
    let fields = read_record(
        reader,
        problems,
        "an object { \"name\": …, \"latitude\": …, \"longitude\": … }",
        |field, reader, problems| {
            match field {
                RegionField::Name => name = read_text(reader, problems)?,
                RegionField::Ags => ags = optional(reader, problems, read_string)?,
                RegionField::Latitude => latitude = read_f64(reader, problems)?,
                RegionField::Longitude => longitude = read_f64(reader, problems)?,
            }
            Ok(())
        },
    )?;
    let name = required(problems, fields, name, RegionField::Name, IGNORED);
    let latitude = required(problems, fields, latitude, RegionField::Latitude, IGNORED);
    let longitude = required(problems, fields, longitude, RegionField::Longitude, IGNORED);
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

record_fields! {
    /// The fields of a category that the directory defines.
    pub enum CategoryField { Id = "id", Name = "name" }
}

fn read_category(reader: &mut Reader, problems: &mut Problems) -> Read<Option<CategoryDefinition>> {
    let mut id = None;
    let mut name = None;
    let fields = read_record(
        reader,
        problems,
        "an object { \"id\": …, \"name\": … }",
        |field, reader, problems| {
            match field {
                CategoryField::Id => id = read_string(reader, problems)?,
                CategoryField::Name => name = read_text(reader, problems)?,
            }
            Ok(())
        },
    )?;
    let id = required(problems, fields, id, CategoryField::Id, IGNORED);
    let name = required(problems, fields, name, CategoryField::Name, IGNORED);
    let (Some(id), Some(name)) = (id, name) else {
        return Ok(None);
    };
    Ok(Some(CategoryDefinition { id, name }))
}

fn read_synonyms(reader: &mut Reader, problems: &mut Problems) -> Read<Vec<(String, Vec<String>)>> {
    let mut synonyms: Vec<(String, Vec<String>)> = Vec::new();
    read_map(
        reader,
        problems,
        "an object of category id to a list of words",
        |key, reader, problems| {
            // Like a repeated field: the first list counts.
            if synonyms.iter().any(|(id, _)| id == key) {
                reader.skip()?;
                problems.error(
                    ProblemKind::InvalidValue,
                    &[],
                    format!("\"{key}\" appears twice; the second list was ignored"),
                    Consequence::ValueIgnored,
                );
            } else if let Some(words) = read_list(reader, problems, read_string)? {
                synonyms.push((key.to_owned(), words));
            }
            Ok(())
        },
    )?;
    Ok(synonyms)
}

record_fields! {
    /// The fields of an entry's place.
    pub enum LocationField {
        Name = "name",
        Address1 = "address_1",
        PostalCode = "postal_code",
        City = "city",
        Latitude = "latitude",
        Longitude = "longitude",
        Wheelchair = "wheelchair",
        Transportation = "transportation",
        Accessibility = "accessibility",
    }
}

fn read_location(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Location>> {
    let mut location = Location::default();
    let fields = read_record(
        reader,
        problems,
        "a place object { \"address_1\": …, \"latitude\": …, … }",
        |field, reader, problems| {
            match field {
                LocationField::Name => {
                    location.name = optional(reader, problems, read_text)?.map(Box::new)
                }
                LocationField::Address1 => {
                    location.address_1 = optional(reader, problems, read_string)?
                }
                LocationField::PostalCode => {
                    location.postal_code = optional(reader, problems, read_string)?
                }
                LocationField::City => location.city = optional(reader, problems, read_string)?,
                LocationField::Latitude => {
                    location.latitude = optional(reader, problems, read_f64)?
                }
                LocationField::Longitude => {
                    location.longitude = optional(reader, problems, read_f64)?
                }
                LocationField::Wheelchair => {
                    location.wheelchair = optional(reader, problems, |reader, problems| {
                        read_choice(reader, problems, Wheelchair::ALL, Wheelchair::NAMES)
                    })?
                }
                LocationField::Transportation => {
                    location.transportation = optional(reader, problems, read_text)?.map(Box::new)
                }
                LocationField::Accessibility => {
                    location.accessibility =
                        optional(reader, problems, read_accessibility)?.map(Box::new)
                }
            }
            Ok(())
        },
    )?;
    Ok(fields.map(|_| location))
}

record_fields! {
    /// The fields of a place's accessibility details.
    pub enum AccessibilityField {
        StepFreeEntrance = "step_free_entrance",
        AccessibleToilet = "accessible_toilet",
        Elevator = "elevator",
        HearingLoop = "hearing_loop",
        SignLanguage = "sign_language",
        AccessibleParking = "accessible_parking",
        Description = "description",
    }
}

fn read_accessibility(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Accessibility>> {
    let mut details = Accessibility::default();
    let fields = read_record(
        reader,
        problems,
        "an object { \"step_free_entrance\": true, … }",
        |field, reader, problems| {
            let answer = match field {
                AccessibilityField::StepFreeEntrance => &mut details.step_free_entrance,
                AccessibilityField::AccessibleToilet => &mut details.accessible_toilet,
                AccessibilityField::Elevator => &mut details.elevator,
                AccessibilityField::HearingLoop => &mut details.hearing_loop,
                AccessibilityField::SignLanguage => &mut details.sign_language,
                AccessibilityField::AccessibleParking => &mut details.accessible_parking,
                AccessibilityField::Description => {
                    details.description = optional(reader, problems, read_text)?;
                    return Ok(());
                }
            };
            *answer = optional(reader, problems, read_bool)?;
            Ok(())
        },
    )?;
    Ok(fields.map(|_| details))
}

record_fields! {
    /// The fields of one of an entry's contacts.
    pub enum ContactField {
        Title = "title",
        Phones = "phones",
        Email = "email",
        Languages = "languages",
    }
}

fn read_contact(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Contact>> {
    let mut contact = Contact::default();
    let fields = read_record(
        reader,
        problems,
        "an object { \"title\": …, \"phones\": […], \"email\": … }",
        |field, reader, problems| {
            match field {
                ContactField::Title => contact.title = optional(reader, problems, read_text)?,
                ContactField::Phones => {
                    contact.phones = read_list(reader, problems, read_phone)?.unwrap_or_default()
                }
                ContactField::Email => contact.email = optional(reader, problems, read_string)?,
                ContactField::Languages => {
                    contact.languages = read_list(reader, problems, read_code)?.unwrap_or_default()
                }
            }
            Ok(())
        },
    )?;
    Ok(fields.map(|_| contact))
}

record_fields! {
    /// The fields of an entry's service area.
    pub enum ServiceAreaField { Scope = "scope", Description = "description" }
}

fn read_service_area(reader: &mut Reader, problems: &mut Problems) -> Read<Option<ServiceArea>> {
    let mut scope = None;
    let mut description = None;
    let fields = read_record(
        reader,
        problems,
        "an object { \"scope\": \"region\" or \"remote\" }",
        |field, reader, problems| {
            match field {
                ServiceAreaField::Scope => {
                    scope = read_choice(reader, problems, AreaScope::ALL, AreaScope::NAMES)?
                }
                ServiceAreaField::Description => {
                    description = optional(reader, problems, read_text)?
                }
            }
            Ok(())
        },
    )?;
    let scope = required(problems, fields, scope, ServiceAreaField::Scope, IGNORED);
    Ok(scope.map(|scope| ServiceArea { scope, description }))
}

record_fields! {
    /// The fields of a telephone number.
    pub enum PhoneField {
        Number = "number",
        Description = "description",
        Type = "type",
        Languages = "languages",
    }
}

fn read_phone(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Phone>> {
    let mut number = None;
    let mut phone = Phone {
        number: String::new(),
        description: None,
        kind: None,
        languages: Vec::new(),
    };
    let fields = read_record(
        reader,
        problems,
        "an object { \"number\": … }",
        |field, reader, problems| {
            match field {
                PhoneField::Number => number = read_string(reader, problems)?,
                PhoneField::Description => {
                    phone.description = optional(reader, problems, read_text)?
                }
                PhoneField::Type => {
                    phone.kind = optional(reader, problems, |reader, problems| {
                        read_choice(reader, problems, PhoneKind::ALL, PhoneKind::NAMES)
                    })?
                }
                PhoneField::Languages => {
                    phone.languages = read_list(reader, problems, read_code)?.unwrap_or_default()
                }
            }
            Ok(())
        },
    )?;
    let number = required(problems, fields, number, PhoneField::Number, IGNORED);
    Ok(number.map(|number| Phone { number, ..phone }))
}

record_fields! {
    /// The fields of an entry's schedule.
    pub enum ScheduleField { OpeningHours = "opening_hours", Description = "description" }
}

fn read_schedule(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Schedule>> {
    let mut schedule = Schedule::default();
    let fields = read_record(
        reader,
        problems,
        "an object { \"opening_hours\": …, \"description\": … }",
        |field, reader, problems| {
            match field {
                ScheduleField::OpeningHours => {
                    schedule.opening_hours = optional(reader, problems, read_string)?
                }
                ScheduleField::Description => {
                    schedule.description = optional(reader, problems, read_text)?.map(Box::new)
                }
            }
            Ok(())
        },
    )?;
    Ok(fields.map(|_| schedule))
}

record_fields! {
    /// The fields of a course's details.
    pub enum CourseField {
        Levels = "levels",
        CourseType = "course_type",
        StartDate = "start_date",
        EndDate = "end_date",
        Childcare = "childcare",
        FreePlaces = "free_places",
    }
}

fn read_course(reader: &mut Reader, problems: &mut Problems) -> Read<Option<Course>> {
    let mut course_type = None;
    let mut course = Course {
        levels: Vec::new(),
        course_type: CourseType::Other,
        start_date: None,
        end_date: None,
        childcare: None,
        free_places: None,
    };
    let fields = read_record(
        reader,
        problems,
        "an object { \"course_type\": … }",
        |field, reader, problems| {
            match field {
                CourseField::Levels => {
                    let levels = read_list(reader, problems, |reader, problems| {
                        read_choice(reader, problems, CourseLevel::ALL, CourseLevel::NAMES)
                    })?;
                    course.levels = levels.unwrap_or_default();
                }
                CourseField::CourseType => {
                    course_type = read_choice(reader, problems, CourseType::ALL, CourseType::NAMES)?
                }
                CourseField::StartDate => {
                    course.start_date = optional(reader, problems, read_date)?
                }
                CourseField::EndDate => course.end_date = optional(reader, problems, read_date)?,
                CourseField::Childcare => course.childcare = optional(reader, problems, read_bool)?,
                CourseField::FreePlaces => {
                    course.free_places = optional(reader, problems, read_u32)?
                }
            }
            Ok(())
        },
    )?;
    let course_type = required(
        problems,
        fields,
        course_type,
        CourseField::CourseType,
        IGNORED,
    );
    Ok(course_type.map(|course_type| Course {
        course_type,
        ..course
    }))
}
