//! Plain objects for JavaScript: entries and directory details resolved into one language, with
//! camelCase field names, written as JSON (see `crate::json::WriteJson`). Their TypeScript
//! declarations in `api.rs` document each field for JavaScript; these structs are not Rust API.
#![allow(missing_docs)]

use crate::directory::{
    Accessibility, AreaScope, Directory, Entry, Kind, Phone, PhoneKind, Problem, Status, Text,
    Wheelchair,
};
use crate::distance::GeoPoint;
use crate::json::writer::{WriteJson, json_object};
use crate::search::Hit;
use crate::search::{FacetCount, Facets, SearchResults};

/// A text resolved into one language.
pub struct TextView {
    /// The text.
    pub text: String,
    /// The language it is actually in (the fallback when no translation exists).
    pub language: String,
}

/// The directory's own details.
pub struct DirectoryView {
    pub title: Option<TextView>,
    pub description: Option<TextView>,
    pub publisher_name: Option<TextView>,
    pub publisher_email: Option<String>,
    pub publisher_phone: Option<String>,
    pub publisher_url: Option<String>,
    pub region_name: Option<TextView>,
    pub region_centre: Option<GeoPoint>,
    pub region_ags: Option<String>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<String>,
    pub example_data: bool,
    pub default_language: String,
    pub entry_count: usize,
    /// Every category an entry uses or the directory defines, with its label.
    pub categories: Vec<CategoryView>,
}

/// A category id with its label.
pub struct CategoryView {
    pub id: String,
    pub label: String,
}

/// One entry, resolved into one language, ready to render as a card.
pub struct EntryView {
    pub id: String,
    pub kind: Kind,
    pub name: Option<TextView>,
    pub description: Option<TextView>,
    pub organization: Option<TextView>,
    pub organization_website: Option<String>,
    pub categories: Vec<CategoryView>,
    pub languages: Vec<String>,
    pub location_name: Option<TextView>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub point: Option<GeoPoint>,
    pub wheelchair: Option<Wheelchair>,
    pub transportation: Option<TextView>,
    pub service_area: Option<AreaScope>,
    pub service_area_description: Option<TextView>,
    pub phones: Vec<PhoneView>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub opening_hours: Option<String>,
    pub schedule_description: Option<TextView>,
    pub appointment_required: Option<bool>,
    pub free_of_charge: Option<bool>,
    pub fees_description: Option<TextView>,
    /// `YYYY-MM-DD`.
    pub assured_date: Option<String>,
    pub course: Option<CourseView>,
    pub alternate_name: Option<TextView>,
    pub status: Option<Status>,
    pub status_note: Option<TextView>,
    /// `YYYY-MM-DD`.
    pub status_until: Option<String>,
    pub target_groups: Vec<&'static str>,
    pub minimum_age: Option<u32>,
    pub maximum_age: Option<u32>,
    pub contacts: Vec<ContactView>,
    pub accessibility: Option<AccessibilityView>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<String>,
    pub source: Option<SourceView>,
}

/// The directory an entry was merged in from.
pub struct SourceView {
    pub name: TextView,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<String>,
}

/// A telephone number.
pub struct PhoneView {
    pub number: String,
    pub description: Option<TextView>,
    pub kind: PhoneKind,
    pub languages: Vec<String>,
}

/// One of an entry's contacts.
pub struct ContactView {
    pub title: Option<TextView>,
    pub phones: Vec<PhoneView>,
    pub email: Option<String>,
    pub languages: Vec<String>,
}

/// A place's accessibility details: `Some(false)` is a known "no", `None` not known.
pub struct AccessibilityView {
    pub step_free_entrance: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub elevator: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub sign_language: Option<bool>,
    pub accessible_parking: Option<bool>,
    pub description: Option<TextView>,
}

/// Course details.
pub struct CourseView {
    pub levels: Vec<String>,
    pub course_type: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub childcare: Option<bool>,
    pub free_places: Option<u32>,
}

/// A search hit with its entry.
pub struct HitView {
    pub id: String,
    pub score: f32,
    pub distance_metres: Option<f64>,
    pub entry: EntryView,
}

/// Search results for JavaScript.
pub struct ResultsView {
    pub total: usize,
    pub partial: bool,
    pub hits: Vec<HitView>,
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

impl Resolver<'_> {
    fn text(&self, text: &Text) -> Option<TextView> {
        let default = self.directory.default_language.as_str();
        text.best(self.language, default)
            .map(|(text, language)| TextView {
                text: text.to_owned(),
                language: language.to_owned(),
            })
    }

    fn optional(&self, text: &Option<Text>) -> Option<TextView> {
        text.as_ref().and_then(|text| self.text(text))
    }

    fn phone(&self, phone: &Phone) -> PhoneView {
        PhoneView {
            number: phone.number.clone(),
            description: self.optional(&phone.description),
            kind: phone.kind.unwrap_or(PhoneKind::Voice),
            languages: phone.languages.iter().map(ToString::to_string).collect(),
        }
    }

    fn accessibility(&self, details: &Accessibility) -> AccessibilityView {
        AccessibilityView {
            step_free_entrance: details.step_free_entrance,
            accessible_toilet: details.accessible_toilet,
            elevator: details.elevator,
            hearing_loop: details.hearing_loop,
            sign_language: details.sign_language,
            accessible_parking: details.accessible_parking,
            description: self.optional(&details.description),
        }
    }

    fn category(&self, id: &str) -> CategoryView {
        CategoryView {
            id: id.to_owned(),
            label: self
                .directory
                .category_label(id, self.language)
                .unwrap_or_else(|| id.to_owned()),
        }
    }

    /// The directory's details.
    pub fn directory(&self) -> DirectoryView {
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
            description: self.optional(&directory.description),
            publisher_name: publisher.and_then(|publisher| self.text(&publisher.name)),
            publisher_email: publisher.and_then(|publisher| publisher.email.clone()),
            publisher_phone: publisher.and_then(|publisher| publisher.phone.clone()),
            publisher_url: publisher.and_then(|publisher| publisher.url.clone()),
            region_name: region.and_then(|region| self.text(&region.name)),
            region_centre: region.map(|region| GeoPoint::new(region.latitude, region.longitude)),
            region_ags: region.and_then(|region| region.ags.clone()),
            last_modified: directory.last_modified.map(|date| date.to_string()),
            example_data: directory.example_data,
            default_language: directory.default_language.to_string(),
            entry_count: directory.entries.len(),
            categories,
        }
    }

    /// One entry.
    pub fn entry(&self, entry: &Entry) -> EntryView {
        let location = entry.location.as_ref();
        let point = location
            .and_then(|location| Some(GeoPoint::new(location.latitude?, location.longitude?)));
        EntryView {
            id: entry.id.clone(),
            kind: entry.kind,
            name: self.text(&entry.name),
            description: self.optional(&entry.description),
            organization: entry
                .organization
                .as_ref()
                .and_then(|organization| self.text(&organization.name)),
            organization_website: entry
                .organization
                .as_ref()
                .and_then(|organization| organization.website.clone()),
            categories: entry
                .categories
                .iter()
                .map(|id| self.category(id))
                .collect(),
            languages: entry.languages.iter().map(ToString::to_string).collect(),
            location_name: location.and_then(|location| self.optional(&location.name)),
            address: location.and_then(|location| location.address_1.clone()),
            postal_code: location.and_then(|location| location.postal_code.clone()),
            city: location.and_then(|location| location.city.clone()),
            point,
            wheelchair: location.and_then(|location| location.wheelchair),
            transportation: location.and_then(|location| self.optional(&location.transportation)),
            service_area: entry.service_area.as_ref().map(|area| area.scope),
            service_area_description: entry
                .service_area
                .as_ref()
                .and_then(|area| self.optional(&area.description)),
            phones: entry.phones.iter().map(|phone| self.phone(phone)).collect(),
            email: entry.email.clone(),
            url: entry.url.clone(),
            opening_hours: entry
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.opening_hours.clone()),
            schedule_description: entry
                .schedule
                .as_ref()
                .and_then(|schedule| self.optional(&schedule.description)),
            appointment_required: entry.appointment_required,
            free_of_charge: entry.free_of_charge,
            fees_description: self.optional(&entry.fees_description),
            assured_date: entry.assured_date.map(|date| date.to_string()),
            course: entry.course.as_ref().map(|course| CourseView {
                levels: course
                    .levels
                    .iter()
                    .map(|level| level.as_str().to_owned())
                    .collect(),
                course_type: course.course_type.as_str().to_owned(),
                start_date: course.start_date.map(|date| date.to_string()),
                end_date: course.end_date.map(|date| date.to_string()),
                childcare: course.childcare,
                free_places: course.free_places,
            }),
            alternate_name: self.optional(&entry.alternate_name),
            status: entry.status,
            status_note: self.optional(&entry.status_note),
            status_until: entry.status_until.map(|date| date.to_string()),
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
                    title: self.optional(&contact.title),
                    phones: contact
                        .phones
                        .iter()
                        .map(|phone| self.phone(phone))
                        .collect(),
                    email: contact.email.clone(),
                    languages: contact.languages.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            accessibility: location
                .and_then(|location| location.accessibility.as_ref())
                .map(|details| self.accessibility(details)),
            last_modified: entry.last_modified.map(|date| date.to_string()),
            source: entry.source.as_ref().and_then(|source| {
                Some(SourceView {
                    name: self.text(&source.name)?,
                    last_modified: source.last_modified.map(|date| date.to_string()),
                })
            }),
        }
    }

    /// Search results with their entries.
    pub fn results(&self, results: SearchResults, entries: &[Entry]) -> ResultsView {
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
                    entry: self.entry(&entries[entry_index]),
                },
            )
            .collect();
        ResultsView {
            total: results.total,
            partial: results.partial,
            hits,
            facets: results.facets,
        }
    }
}

json_object!(TextView {
    text: "text",
    language: "language",
});

json_object!(DirectoryView {
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

json_object!(CategoryView {
    id: "id",
    label: "label",
});

json_object!(EntryView {
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

json_object!(SourceView {
    name: "name",
    last_modified: "lastModified",
});

json_object!(PhoneView {
    number: "number",
    description: "description",
    kind: "type",
    languages: "languages",
});

json_object!(ContactView {
    title: "title",
    phones: "phones",
    email: "email",
    languages: "languages",
});

json_object!(AccessibilityView {
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

json_object!(HitView {
    id: "id",
    score: "score",
    distance_metres: "distanceMetres",
    entry: "entry",
});

json_object!(ResultsView {
    total: "total",
    partial: "partial",
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
