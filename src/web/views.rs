//! Plain objects for JavaScript: entries and directory details resolved into one language, with
//! camelCase field names, written as JSON (see `crate::json::WriteJson`). Their TypeScript
//! declarations in `api.rs` document each field for JavaScript; these structs are not Rust API.
#![allow(missing_docs)]

use crate::directory::{
    Accessibility, AreaScope, Date, Directory, Entry, Kind, Phone, PhoneKind, Problem, Status,
    Text, Wheelchair,
};
use crate::distance::GeoPoint;
use crate::json::number::write_digits;
use crate::json::writer::{WriteJson, json_object};
use crate::search::Hit;
use crate::search::{FacetCount, Facets, SearchResults};

/// `"YYYY-MM-DD"`, written digit by digit: a page of results has dates on many cards, and the
/// standard library's formatting cost a few per cent of a search.
impl WriteJson for Date {
    fn write_json(&self, out: &mut String) {
        let date = self.0;
        out.push('"');
        match u64::try_from(date.year()) {
            Ok(year) if year <= 9999 => write_digits(year, 4, out),
            _ => out.push_str(&date.year().to_string()),
        }
        out.push('-');
        write_digits(u64::from(u8::from(date.month())), 2, out);
        out.push('-');
        write_digits(u64::from(date.day()), 2, out);
        out.push('"');
    }
}

/// A text resolved into one language, borrowed from the directory: a page of results is
/// written as JSON straight from the entries, without copying their texts first.
pub struct TextView<'a> {
    /// The text.
    pub text: &'a str,
    /// The language it is actually in (the fallback when no translation exists).
    pub language: &'a str,
}

/// The directory's own details.
pub struct DirectoryView<'a> {
    pub title: Option<TextView<'a>>,
    pub description: Option<TextView<'a>>,
    pub publisher_name: Option<TextView<'a>>,
    pub publisher_email: Option<&'a str>,
    pub publisher_phone: Option<&'a str>,
    pub publisher_url: Option<&'a str>,
    pub region_name: Option<TextView<'a>>,
    pub region_centre: Option<GeoPoint>,
    pub region_ags: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<Date>,
    pub example_data: bool,
    pub default_language: &'a str,
    pub entry_count: usize,
    /// Every category an entry uses or the directory defines, with its label.
    pub categories: Vec<CategoryView<'a>>,
}

/// A category id with its label.
pub struct CategoryView<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

/// One entry, resolved into one language, ready to render as a card.
pub struct EntryView<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub name: Option<TextView<'a>>,
    pub description: Option<TextView<'a>>,
    pub organization: Option<TextView<'a>>,
    pub organization_website: Option<&'a str>,
    pub categories: Vec<CategoryView<'a>>,
    pub languages: Vec<&'a str>,
    pub location_name: Option<TextView<'a>>,
    pub address: Option<&'a str>,
    pub postal_code: Option<&'a str>,
    pub city: Option<&'a str>,
    pub point: Option<GeoPoint>,
    pub wheelchair: Option<Wheelchair>,
    pub transportation: Option<TextView<'a>>,
    pub service_area: Option<AreaScope>,
    pub service_area_description: Option<TextView<'a>>,
    pub phones: Vec<PhoneView<'a>>,
    pub email: Option<&'a str>,
    pub url: Option<&'a str>,
    pub opening_hours: Option<&'a str>,
    pub schedule_description: Option<TextView<'a>>,
    pub appointment_required: Option<bool>,
    pub free_of_charge: Option<bool>,
    pub fees_description: Option<TextView<'a>>,
    /// `YYYY-MM-DD`.
    pub assured_date: Option<Date>,
    pub course: Option<CourseView>,
    pub alternate_name: Option<TextView<'a>>,
    pub status: Option<Status>,
    pub status_note: Option<TextView<'a>>,
    /// `YYYY-MM-DD`.
    pub status_until: Option<Date>,
    pub target_groups: Vec<&'static str>,
    pub minimum_age: Option<u32>,
    pub maximum_age: Option<u32>,
    pub contacts: Vec<ContactView<'a>>,
    pub accessibility: Option<AccessibilityView<'a>>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<Date>,
    pub source: Option<SourceView<'a>>,
}

/// The directory an entry was merged in from.
pub struct SourceView<'a> {
    pub name: TextView<'a>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<Date>,
}

/// A telephone number.
pub struct PhoneView<'a> {
    pub number: &'a str,
    pub description: Option<TextView<'a>>,
    pub kind: PhoneKind,
    pub languages: Vec<&'a str>,
}

/// One of an entry's contacts.
pub struct ContactView<'a> {
    pub title: Option<TextView<'a>>,
    pub phones: Vec<PhoneView<'a>>,
    pub email: Option<&'a str>,
    pub languages: Vec<&'a str>,
}

/// A place's accessibility details: `Some(false)` is a known "no", `None` not known.
pub struct AccessibilityView<'a> {
    pub step_free_entrance: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub elevator: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub sign_language: Option<bool>,
    pub accessible_parking: Option<bool>,
    pub description: Option<TextView<'a>>,
}

/// Course details.
pub struct CourseView {
    pub levels: Vec<&'static str>,
    pub course_type: &'static str,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub childcare: Option<bool>,
    pub free_places: Option<u32>,
}

/// A search hit with its entry (unless the query asked for hits without).
pub struct HitView<'a> {
    pub id: String,
    pub score: f32,
    pub distance_metres: Option<f64>,
    pub entry: Option<EntryView<'a>>,
}

/// Search results for JavaScript.
pub struct ResultsView<'a> {
    pub total: usize,
    pub partial: bool,
    /// The category whose entries stand in for a concept no entry has (see
    /// [`SearchResults::topic`](crate::search::SearchResults::topic)).
    pub topic: Option<String>,
    /// The words found their entries only by how they sound (see
    /// [`SearchResults::heard`](crate::search::SearchResults::heard)).
    pub heard: bool,
    /// The text's one word found its entries only with a typing error or by how it sounds
    /// (see [`SearchResults::loose`](crate::search::SearchResults::loose)).
    pub loose: bool,
    pub hits: Vec<HitView<'a>>,
    pub facets: Facets,
}

/// A loading problem for the webmaster's console.
pub struct ProblemView {
    pub severity: String,
    pub kind: &'static str,
    pub entry_id: Option<String>,
    pub entry_index: Option<usize>,
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
    /// The whole problem as one line of text.
    pub text: String,
    /// Which of several directories merged (`fromJsonList`) it is in; None for the own.
    pub directory: Option<usize>,
}

impl From<&Problem> for ProblemView {
    fn from(problem: &Problem) -> ProblemView {
        ProblemView {
            severity: problem.severity.as_str().to_owned(),
            kind: problem.kind.code(),
            entry_id: problem.entry.as_ref().and_then(|entry| entry.id.clone()),
            entry_index: problem.entry.as_ref().map(|entry| entry.index),
            line: problem.entry.as_ref().map(|entry| entry.line),
            field: problem.field.clone(),
            message: problem.message.clone(),
            text: match &problem.entry {
                Some(entry) => format!("line {}: {problem}", entry.line),
                None => problem.to_string(),
            },
            directory: None,
        }
    }
}

/// Resolves texts into one language, with the directory's default as fallback.
pub struct Resolver<'a> {
    pub directory: &'a Directory,
    pub language: &'a str,
}

impl<'a> Resolver<'a> {
    fn text(&self, text: &'a Text) -> Option<TextView<'a>> {
        let default = self.directory.default_language.as_str();
        text.best(self.language, default)
            .map(|(text, language)| TextView { text, language })
    }

    fn optional(&self, text: Option<&'a Text>) -> Option<TextView<'a>> {
        text.and_then(|text| self.text(text))
    }

    fn phone(&self, phone: &'a Phone) -> PhoneView<'a> {
        PhoneView {
            number: &phone.number,
            description: self.optional(phone.description.as_ref()),
            kind: phone.kind.unwrap_or(PhoneKind::Voice),
            languages: phone.languages.iter().map(|code| code.as_str()).collect(),
        }
    }

    fn accessibility(&self, details: &'a Accessibility) -> AccessibilityView<'a> {
        AccessibilityView {
            step_free_entrance: details.step_free_entrance,
            accessible_toilet: details.accessible_toilet,
            elevator: details.elevator,
            hearing_loop: details.hearing_loop,
            sign_language: details.sign_language,
            accessible_parking: details.accessible_parking,
            description: self.optional(details.description.as_ref()),
        }
    }

    fn category(&self, id: &'a str) -> CategoryView<'a> {
        CategoryView {
            id,
            label: self
                .directory
                .category_label(id, self.language)
                .unwrap_or(id),
        }
    }

    /// The directory's details.
    pub fn directory(&self) -> DirectoryView<'a> {
        let directory = self.directory;
        let publisher = directory.publisher.as_ref();
        let region = directory.region.as_ref();
        let mut used: Vec<&str> = directory
            .entries
            .iter()
            .flat_map(|entry| entry.categories.iter().map(String::as_str))
            .collect();
        crate::order::sort(&mut used);
        used.dedup();
        let categories = directory
            .category_ids()
            .filter(|id| used.binary_search(id).is_ok())
            .map(|id| self.category(id))
            .collect();
        DirectoryView {
            title: self.text(&directory.title),
            description: self.optional(directory.description.as_ref()),
            publisher_name: publisher.and_then(|publisher| self.text(&publisher.name)),
            publisher_email: publisher.and_then(|publisher| publisher.email.as_deref()),
            publisher_phone: publisher.and_then(|publisher| publisher.phone.as_deref()),
            publisher_url: publisher.and_then(|publisher| publisher.url.as_deref()),
            region_name: region.and_then(|region| self.text(&region.name)),
            region_centre: region.map(|region| GeoPoint::new(region.latitude, region.longitude)),
            region_ags: region.and_then(|region| region.ags.as_deref()),
            last_modified: directory.last_modified,
            example_data: directory.example_data,
            default_language: directory.default_language.as_str(),
            entry_count: directory.entries.len(),
            categories,
        }
    }

    /// One entry.
    pub fn entry(&self, entry: &'a Entry) -> EntryView<'a> {
        let location = entry.location.as_ref();
        let point = location
            .and_then(|location| Some(GeoPoint::new(location.latitude?, location.longitude?)));
        EntryView {
            id: &entry.id,
            kind: entry.kind,
            name: self.text(&entry.name),
            description: self.optional(entry.description.as_ref()),
            organization: entry
                .organization
                .as_ref()
                .and_then(|organization| self.text(&organization.name)),
            organization_website: entry
                .organization
                .as_ref()
                .and_then(|organization| organization.website.as_deref()),
            categories: entry
                .categories
                .iter()
                .map(|id| self.category(id))
                .collect(),
            languages: entry.languages.iter().map(|code| code.as_str()).collect(),
            location_name: location.and_then(|location| self.optional(location.name.as_deref())),
            address: location.and_then(|location| location.address_1.as_deref()),
            postal_code: location.and_then(|location| location.postal_code.as_deref()),
            city: location.and_then(|location| location.city.as_deref()),
            point,
            wheelchair: location.and_then(|location| location.wheelchair),
            transportation: location
                .and_then(|location| self.optional(location.transportation.as_deref())),
            service_area: entry.service_area.as_ref().map(|area| area.scope),
            service_area_description: entry
                .service_area
                .as_ref()
                .and_then(|area| self.optional(area.description.as_ref())),
            phones: entry.phones.iter().map(|phone| self.phone(phone)).collect(),
            email: entry.email.as_deref(),
            url: entry.url.as_deref(),
            opening_hours: entry
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.opening_hours.as_deref()),
            schedule_description: entry
                .schedule
                .as_ref()
                .and_then(|schedule| self.optional(schedule.description.as_deref())),
            appointment_required: entry.appointment_required,
            free_of_charge: entry.free_of_charge,
            fees_description: self.optional(entry.fees_description.as_deref()),
            assured_date: entry.assured_date,
            course: entry.course.as_ref().map(|course| CourseView {
                levels: course.levels.iter().map(|level| level.as_str()).collect(),
                course_type: course.course_type.as_str(),
                start_date: course.start_date,
                end_date: course.end_date,
                childcare: course.childcare,
                free_places: course.free_places,
            }),
            alternate_name: self.optional(entry.alternate_name.as_deref()),
            status: entry.status,
            status_note: self.optional(entry.status_note.as_deref()),
            status_until: entry.status_until,
            target_groups: entry
                .target_groups
                .iter()
                .map(|group| group.as_str())
                .collect(),
            minimum_age: entry.minimum_age,
            maximum_age: entry.maximum_age,
            contacts: entry
                .contacts
                .iter()
                .map(|contact| ContactView {
                    title: self.optional(contact.title.as_ref()),
                    phones: contact
                        .phones
                        .iter()
                        .map(|phone| self.phone(phone))
                        .collect(),
                    email: contact.email.as_deref(),
                    languages: contact.languages.iter().map(|code| code.as_str()).collect(),
                })
                .collect(),
            accessibility: location
                .and_then(|location| location.accessibility.as_ref())
                .map(|details| self.accessibility(details)),
            last_modified: entry.last_modified,
            source: entry.source.as_ref().and_then(|source| {
                Some(SourceView {
                    name: self.text(&source.name)?,
                    last_modified: source.last_modified,
                })
            }),
        }
    }

    /// Search results, with their entries when `with_entries`.
    pub fn results(
        &self,
        results: SearchResults,
        entries: &'a [Entry],
        with_entries: bool,
    ) -> ResultsView<'a> {
        let hits = results
            .hits
            .into_iter()
            .map(
                |Hit {
                     id,
                     entry_index,
                     score,
                     distance_metres,
                 }| HitView {
                    id,
                    score,
                    distance_metres,
                    entry: with_entries.then(|| self.entry(&entries[entry_index])),
                },
            )
            .collect();
        ResultsView {
            total: results.total,
            partial: results.partial,
            topic: results.topic,
            heard: results.heard,
            loose: results.loose,
            hits,
            facets: results.facets,
        }
    }
}

json_object!(TextView<'_> {
    text: "text",
    language: "language",
});

json_object!(DirectoryView<'_> {
    title: "title",
    description: "description",
    publisher_name: "publisherName",
    publisher_email: "publisherEmail",
    publisher_phone: "publisherPhone",
    publisher_url: "publisherUrl",
    region_name: "regionName",
    region_centre: "regionCentre",
    region_ags: "regionAgs",
    last_modified: "lastModified",
    example_data: "exampleData",
    default_language: "defaultLanguage",
    entry_count: "entryCount",
    categories: "categories",
});

json_object!(CategoryView<'_> {
    id: "id",
    label: "label",
});

json_object!(EntryView<'_> {
    id: "id",
    kind: "kind",
    name: "name",
    description: "description",
    organization: "organization",
    organization_website: "organizationWebsite",
    categories: "categories",
    languages: "languages",
    location_name: "locationName",
    address: "address",
    postal_code: "postalCode",
    city: "city",
    point: "point",
    wheelchair: "wheelchair",
    transportation: "transportation",
    service_area: "serviceArea",
    service_area_description: "serviceAreaDescription",
    phones: "phones",
    email: "email",
    url: "url",
    opening_hours: "openingHours",
    schedule_description: "scheduleDescription",
    appointment_required: "appointmentRequired",
    free_of_charge: "freeOfCharge",
    fees_description: "feesDescription",
    assured_date: "assuredDate",
    course: "course",
    alternate_name: "alternateName",
    status: "status",
    status_note: "statusNote",
    status_until: "statusUntil",
    target_groups: "targetGroups",
    minimum_age: "minimumAge",
    maximum_age: "maximumAge",
    contacts: "contacts",
    accessibility: "accessibility",
    last_modified: "lastModified",
    source: "source",
});

json_object!(SourceView<'_> {
    name: "name",
    last_modified: "lastModified",
});

json_object!(PhoneView<'_> {
    number: "number",
    description: "description",
    kind: "type",
    languages: "languages",
});

json_object!(ContactView<'_> {
    title: "title",
    phones: "phones",
    email: "email",
    languages: "languages",
});

json_object!(AccessibilityView<'_> {
    step_free_entrance: "stepFreeEntrance",
    accessible_toilet: "accessibleToilet",
    elevator: "elevator",
    hearing_loop: "hearingLoop",
    sign_language: "signLanguage",
    accessible_parking: "accessibleParking",
    description: "description",
});

json_object!(CourseView {
    levels: "levels",
    course_type: "courseType",
    start_date: "startDate",
    end_date: "endDate",
    childcare: "childcare",
    free_places: "freePlaces",
});

json_object!(HitView<'_> {
    id: "id",
    score: "score",
    distance_metres: "distanceMetres",
    entry: "entry",
});

json_object!(ResultsView<'_> {
    total: "total",
    partial: "partial",
    topic: "topic",
    heard: "heard",
    loose: "loose",
    hits: "hits",
    facets: "facets",
});

json_object!(ProblemView {
    severity: "severity",
    kind: "kind",
    entry_id: "entryId",
    entry_index: "entryIndex",
    line: "line",
    field: "field",
    message: "message",
    text: "text",
    directory: "directory",
});

json_object!(GeoPoint {
    latitude: "latitude",
    longitude: "longitude",
});

json_object!(Facets {
    kinds: "kinds",
    categories: "categories",
    languages: "languages",
    levels: "levels",
    course_types: "courseTypes",
    flags: "flags",
});

json_object!(FacetCount {
    value: "value",
    count: "count",
});

/// Writes a value by its name in the directory format.
macro_rules! json_by_name {
    ($($type:ty),*) => {
        $(impl WriteJson for $type {
            fn write_json(&self, out: &mut String) {
                self.as_str().write_json(out);
            }
        })*
    };
}

json_by_name!(Kind, Wheelchair, AreaScope, Status, PhoneKind);
