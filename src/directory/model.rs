//! The directory format, version 1: plain data types that mirror the JSON file.
//!
//! Field names follow Open Referral HSDS 3.0 where HSDS has the concept (`name`, `description`,
//! `url`, `email`, `phones`, `languages`, `assured_date`, `fees_description`, `address_1`,
//! `postal_code`, `latitude`, …), so that importing and exporting HSDS later is a mapping of
//! shapes, not a translation of words. `data/README.md` documents the format for the people who
//! edit it; `data/schema/directory-v1.schema.json` describes it for their editors.
//!
//! These types only describe shape. Whether a value makes sense (a language code exists, a link
//! is safe, coordinates lie in Germany) is checked by `validate`, which reports problems instead
//! of failing, so that one bad value never hides the rest of the directory.

use std::fmt;

use serde::Serialize;
use serde::ser::Serializer;

/// Gives a unit enum the list of its values and their names in the directory format (and in
/// queries and on the command line), reads it from that name and writes it as that name.
macro_rules! format_names {
    ($type:ident { $($value:ident = $name:literal),* $(,)? }) => {
        impl $type {
            /// Every value, in the format's order.
            pub const ALL: &'static [$type] = &[$($type::$value),*];

            /// The names of [`Self::ALL`] in the directory format, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The value's name in the directory format.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$value => $name),*
                }
            }

            /// The value with this name in the directory format, if there is one.
            pub fn parse(text: &str) -> Option<$type> {
                $type::ALL.iter().copied().find(|value| value.as_str() == text)
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use format_names;

/// The format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole directory: who publishes it, for which region, and its entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Directory {
    /// The JSON Schema the file declares for editors; ignored when loading.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always [`FORMAT_VERSION`]; a file with another version is refused as a whole.
    pub format_version: u32,
    /// True for demonstration data that must not be mistaken for a real county's directory.
    #[serde(skip_serializing_if = "is_false")]
    pub example_data: bool,
    /// The directory's title, shown above the results.
    pub title: Text,
    /// A short description of what the directory covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Who keeps the data and whom to tell about mistakes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// The region (usually one Landkreis) the directory covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// When the directory as a whole was last updated ("data as of").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<Date>,
    /// The language of every text given as a plain string.
    pub default_language: LanguageCode,
    /// Categories this directory adds to the built-in set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryDefinition>,
    /// More words that find a category (built-in or this directory's own), by category id: the
    /// county's own terms and the words its newcomers use, in any language. They add to the
    /// built-in search words in `data/synonyms/`.
    /// In JSON an object of category id to words; here a list, in file order.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "write_synonyms"
    )]
    pub synonyms: Vec<(String, Vec<String>)>,
    /// The services, courses and associations.
    pub entries: Vec<Entry>,
}

impl Default for Directory {
    fn default() -> Directory {
        Directory {
            schema: None,
            format_version: FORMAT_VERSION,
            example_data: false,
            title: Text::Empty,
            description: None,
            publisher: None,
            region: None,
            last_modified: None,
            default_language: default_language(),
            categories: Vec::new(),
            synonyms: Vec::new(),
            entries: Vec::new(),
        }
    }
}

/// One service, course or association.
///
/// Fields that few entries fill are boxed (`Option<Box<…>>`, also in [`Location`] and
/// [`Schedule`]): empty, such a field takes one pointer instead of its whole value. A
/// nationwide directory holds 100,000 entries in the browser's memory, which never shrinks;
/// boxing them took an entry from 464 to 320 bytes in the wasm (issue 16).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// A stable identifier, unique in the directory (letters, digits, `-`, `_`, `.`, `:`).
    pub id: String,
    /// What sort of entry this is.
    pub kind: Kind,
    /// The entry's name.
    pub name: Text,
    /// What the service offers, in a few sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The organisation that runs it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// Category ids: built-in ones or those the directory defines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Languages in which the service is offered (not the languages of this text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageCode>,
    /// Where the service takes place, if it has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The area served when the service has no single place (county-wide, online, by phone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_area: Option<Box<ServiceArea>>,
    /// Telephone numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// Contact e-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website (`https:` or `http:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Opening hours or course times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// Whether a visit needs an appointment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_required: Option<bool>,
    /// Whether the service costs nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_of_charge: Option<bool>,
    /// What it costs, when it is not free.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees_description: Option<Box<Text>>,
    /// When somebody last checked that this entry is correct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<Date>,
    /// Details that only courses have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub course: Option<Box<Course>>,
    /// Other names the entry is known by (HSDS `alternate_name`): an abbreviation, the old
    /// name, the name people use. Searchable like the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<Box<Text>>,
    /// Whether the entry is running (HSDS `status`); absent means active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Why the status is what it is, for example "Umbau bis Januar".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_note: Option<Box<Text>>,
    /// Until when a temporary status holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_until: Option<Date>,
    /// The people the entry is for; empty means everybody.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<TargetGroup>,
    /// The youngest age served (HSDS `minimum_age`), in years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u32>,
    /// The oldest age served (HSDS `maximum_age`), in years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u32>,
    /// More ways to get in touch beyond `phones` and `email`, each with what it is for and the
    /// languages spoken there (HSDS `contact`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// When the entry's data was last changed (HSDS `last_modified`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<Date>,
    /// Where the entry comes from when it is not the directory's own: a neighbouring county's
    /// directory merged in (see [`crate::directory::merge`]). Such entries come after the own
    /// ones at equal relevance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<Source>>,
}

/// The directory an entry was merged in from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// What the card names as the source: the other directory's region or publisher, for
    /// example "Landkreis Kassel".
    pub name: Text,
    /// That directory's "data as of" date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<Date>,
}

impl Entry {
    /// An entry with its required fields and nothing else; fill in the rest with
    /// `Entry { …, ..Entry::new(…) }`.
    pub fn new(id: impl Into<String>, kind: Kind, name: Text) -> Entry {
        Entry {
            id: id.into(),
            kind,
            name,
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
            alternate_name: None,
            status: None,
            status_note: None,
            status_until: None,
            target_groups: Vec::new(),
            minimum_age: None,
            maximum_age: None,
            contacts: Vec::new(),
            last_modified: None,
            source: None,
        }
    }
}

/// Whether an entry is running, with HSDS 3.0's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Running as usual.
    Active,
    /// Closed for a while (see `status_note` and `status_until`): shown with a notice.
    TemporarilyClosed,
    /// No longer offered: kept in the file for the record, never shown in results.
    Defunct,
}

/// Groups of people an entry is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetGroup {
    /// Children up to about 13.
    Children,
    /// Young people, about 14 to 17.
    Youth,
    /// Young adults, about 18 to 26.
    YoungAdults,
    /// Women (and girls).
    Women,
    /// Men.
    Men,
    /// Families and parents.
    Families,
    /// Older people.
    Seniors,
    /// Refugees and asylum seekers.
    Refugees,
    /// People with disabilities.
    PeopleWithDisabilities,
    /// Lesbian, gay, bisexual, trans, inter and queer people.
    Lgbtiq,
}

/// A way to get in touch with a part of a service: a team, a desk, a hotline.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Contact {
    /// What the contact is for or who answers, for example "Beratung auf Arabisch".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Telephone and fax numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Languages spoken at this contact.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageCode>,
}

/// The three sorts of entry. Their order in [`Kind::ALL`] is their declaration order, so
/// `kind as usize` numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An office or counselling service (migration counselling, Jobcenter, Ausländerbehörde…).
    Service,
    /// A language or integration course.
    Course,
    /// An association, migrant organisation, mentoring or leisure group.
    Association,
}

format_names!(Kind {
    Service = "service",
    Course = "course",
    Association = "association",
});

/// The organisation behind an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    /// The organisation's name.
    pub name: Text,
    /// The organisation's own website.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// Who publishes the directory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publisher {
    /// The publishing body, for example the county's integration office.
    pub name: Text,
    /// Where to report mistakes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Website.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The region a directory covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// The region's name, for example "Landkreis Waldeck-Frankenberg".
    pub name: Text,
    /// The official municipality key (Amtlicher Gemeindeschlüssel) of the district, 5 digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ags: Option<String>,
    /// Latitude of the region's centre (WGS84 degrees).
    pub latitude: f64,
    /// Longitude of the region's centre (WGS84 degrees).
    pub longitude: f64,
}

/// A category that a directory defines in addition to the built-in ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryDefinition {
    /// A stable identifier (lowercase letters, digits and `-`).
    pub id: String,
    /// The label shown to users.
    pub name: Text,
}

/// Where a service takes place (HSDS `location` with its `address` folded in).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Location {
    /// The building or room, when the address alone does not say it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Box<Text>>,
    /// Street and house number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_1: Option<String>,
    /// Five-digit German postcode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Town or village.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// WGS84 latitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// WGS84 longitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Step-free access, as in OpenStreetMap's `wheelchair` tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wheelchair: Option<Wheelchair>,
    /// How to get there by bus or train.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transportation: Option<Box<Text>>,
    /// Accessibility beyond `wheelchair`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<Box<Accessibility>>,
}

/// Accessibility details of a place (HSDS `accessibility`, with fields a newcomer can filter
/// on). Each answer is yes (`true`), no (`false`) or not known (absent): "no" and "not known"
/// are different things to somebody who needs it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Accessibility {
    /// The entrance has no steps, or a ramp or lift.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_free_entrance: Option<bool>,
    /// There is a toilet for wheelchair users.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessible_toilet: Option<bool>,
    /// Upper floors are reached by a lift.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevator: Option<bool>,
    /// An induction loop for hearing aids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hearing_loop: Option<bool>,
    /// Counselling in sign language, or an interpreter on request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_language: Option<bool>,
    /// Parking for disabled people near the entrance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessible_parking: Option<bool>,
    /// Anything else, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Wheelchair accessibility, with OpenStreetMap's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wheelchair {
    /// Fully step-free.
    Yes,
    /// Partly accessible (for example entrance yes, toilet no).
    Limited,
    /// Not accessible.
    No,
}

/// The area served by an entry that has no single place, or serves more than its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceArea {
    /// How far the service reaches.
    pub scope: AreaScope,
    /// The area in words, for example "all towns of the county".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// How far a service reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaScope {
    /// The whole region of the directory (for example county-wide outreach).
    Region,
    /// Anywhere: online, by phone or by video.
    Remote,
}

/// A telephone number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phone {
    /// The number as it should be dialled, preferably with `+49`.
    pub number: String,
    /// What the number is for, for example "Hotline in Arabic".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// What sort of line it is (HSDS `type`); absent means a voice line.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PhoneKind>,
    /// Languages spoken on this line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageCode>,
}

/// Sorts of telephone line, with HSDS 3.0's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A line to call.
    Voice,
    /// A mobile number (calls and text messages).
    Cell,
    /// Fax: shown as text, never as a link to call.
    Fax,
    /// Text messages only.
    Text,
    /// Video calls.
    Video,
    /// A text telephone for deaf people.
    Textphone,
}

/// When a service is open or a course meets.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Schedule {
    /// An OpenStreetMap `opening_hours` value, for example `Mo-Fr 09:00-12:00; Th 14:00-18:00`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
    /// The same in words, or what the `opening_hours` value cannot say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Box<Text>>,
}

/// What only courses carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    /// The levels the course teaches (CEFR levels or literacy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<CourseLevel>,
    /// What sort of course it is.
    pub course_type: CourseType,
    /// First day of the course.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    /// Last day of the course.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// Whether childcare is offered during lessons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub childcare: Option<bool>,
    /// Places still free.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_places: Option<u32>,
}

/// A course level: the CEFR levels and literacy (Alphabetisierung).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CourseLevel {
    /// Literacy course (Alphabetisierung), before A1.
    Literacy,
    /// CEFR A1.
    A1,
    /// CEFR A2.
    A2,
    /// CEFR B1.
    B1,
    /// CEFR B2.
    B2,
    /// CEFR C1.
    C1,
    /// CEFR C2.
    C2,
}

/// The course types of the German integration course system and others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CourseType {
    /// General integration course (allgemeiner Integrationskurs).
    Integration,
    /// Integration course for women (Frauenintegrationskurs).
    Women,
    /// Integration course for parents (Elternintegrationskurs).
    Parents,
    /// Integration course for young adults (Jugendintegrationskurs).
    Youth,
    /// Literacy course (Alphabetisierungskurs).
    Literacy,
    /// Intensive course (Intensivkurs).
    Intensive,
    /// Job-related German (Berufssprachkurs, DeuFöV).
    JobRelated,
    /// Any other course.
    Other,
}

/// A text in one or several languages.
///
/// In JSON it is either a plain string, meaning the directory's default language, or an object
/// mapping language codes to texts: `{"de": "Beratung", "en": "Counselling"}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Text {
    /// No text at all (only where a directory leaves out its title).
    #[default]
    Empty,
    /// A text in the directory's default language.
    Plain(String),
    /// Texts by language code, in the order written. A short list rather than a map: it holds
    /// one to eight translations, and a directory holds hundreds of thousands of texts.
    Translated(Vec<(LanguageCode, String)>),
}

/// The language a UI language's readers read best after their own, where it is not the
/// directory's: Tigrinya's read English (Eritrea's middle and secondary schools teach in it),
/// so an entry's English text comes before its German one. Dates and language names in the
/// Tigrinya UI are English too, for the same reason (see the widget's format.js).
fn second_language(language: &str) -> Option<&'static str> {
    (language == "ti").then_some("en")
}

impl Text {
    /// Creates a text in the default language.
    pub fn plain(text: impl Into<String>) -> Text {
        Text::Plain(text.into())
    }

    /// The text in `language`, falling back to the second language of its readers (English for
    /// Tigrinya, see `second_language`), then to `default_language`, then to the first
    /// translation.
    ///
    /// Returns the text and the language it is actually in.
    pub fn best<'a>(
        &'a self,
        language: &str,
        default_language: &'a str,
    ) -> Option<(&'a str, &'a str)> {
        match self {
            Text::Empty => None,
            Text::Plain(text) => Some((text.as_str(), default_language)),
            Text::Translated(texts) => {
                let find = |wanted: &str| texts.iter().find(|(code, _)| code.as_str() == wanted);
                find(language)
                    .or_else(|| second_language(language).and_then(find))
                    .or_else(|| find(default_language))
                    .or_else(|| texts.first())
                    .map(|(code, text)| (text.as_str(), code.as_str()))
            }
        }
    }

    /// Every text present, with its language code (`None` for the default language).
    pub fn iter(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        let (plain, texts) = match self {
            Text::Empty => (None, None),
            Text::Plain(text) => (Some(text.as_str()), None),
            Text::Translated(texts) => (None, Some(texts)),
        };
        plain.map(|text| (None, text)).into_iter().chain(
            texts
                .into_iter()
                .flatten()
                .map(|(code, text)| (Some(code.as_str()), text.as_str())),
        )
    }

    /// True when no text is present in any language.
    pub fn is_empty(&self) -> bool {
        self.iter().all(|(_, text)| text.trim().is_empty())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Text::Empty => serializer.serialize_str(""),
            Text::Plain(text) => serializer.serialize_str(text),
            Text::Translated(texts) => {
                let mut map = serializer.serialize_map(Some(texts.len()))?;
                for (code, text) in texts {
                    map.serialize_entry(code, text)?;
                }
                map.end()
            }
        }
    }
}

/// A language code: ISO 639-1 (two letters), or ISO 639-3 where there is no 639-1 code
/// (for example `prs` for Dari). Whether the code exists is checked when the directory is
/// loaded; the type itself only holds up to eight ASCII letters, digits or hyphens, inline, so
/// that the hundreds of thousands of codes in a large directory cost no allocations.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LanguageCode {
    bytes: [u8; LanguageCode::MAX_LEN],
    len: u8,
}

impl LanguageCode {
    /// The longest code held.
    pub const MAX_LEN: usize = 8;

    /// A code from text; `None` for text that cannot be a code (too long, or not ASCII letters,
    /// digits and hyphens).
    pub fn new(code: &str) -> Option<LanguageCode> {
        if code.is_empty()
            || code.len() > Self::MAX_LEN
            || !code
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        {
            return None;
        }
        let mut bytes = [0; Self::MAX_LEN];
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        Some(LanguageCode {
            bytes,
            len: code.len() as u8,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        let bytes = &self.bytes[..usize::from(self.len)];
        debug_assert!(bytes.is_ascii());
        // SAFETY: `new` is the only constructor and stores ASCII bytes only, which are UTF-8.
        // Checking again here showed up in profiles: codes are compared for every text.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl fmt::Debug for LanguageCode {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "LanguageCode({:?})", self.as_str())
    }
}

impl Serialize for LanguageCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A calendar date, written `YYYY-MM-DD` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else, including impossible days.
    pub fn parse(text: &str) -> Option<Date> {
        // Split by hand: `time`'s format-description parser would add 7 KB (gzipped) to the
        // widget for one fixed format. `time` still checks that the day exists.
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        #[allow(clippy::disallowed_methods)] // Whole numbers: integer parsing is small.
        let number = |range: std::ops::Range<usize>| {
            let part = &text[range];
            part.bytes()
                .all(|byte| byte.is_ascii_digit())
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        Date::from_ymd(
            i32::from(number(0..4)?),
            u8::try_from(number(5..7)?).ok()?,
            u8::try_from(number(8..10)?).ok()?,
        )
    }

    /// Creates a date from its parts; `None` for an impossible day.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    #[test]
    fn a_tigrinya_reader_gets_english_before_german() {
        let code = |code: &str| LanguageCode::new(code).unwrap();
        let text = Text::Translated(vec![
            (code("de"), "Rechtsberatung".into()),
            (code("en"), "Legal advice".into()),
        ]);
        assert_eq!(text.best("ti", "de"), Some(("Legal advice", "en")));
        assert_eq!(text.best("ar", "de"), Some(("Rechtsberatung", "de")));
        let own = Text::Translated(vec![
            (code("de"), "Rechtsberatung".into()),
            (code("ti"), "ሕጋዊ ምኽሪ".into()),
        ]);
        assert_eq!(own.best("ti", "de"), Some(("ሕጋዊ ምኽሪ", "ti")));
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2026-03-31"), Date::from_ymd(2026, 3, 31));
        assert_eq!(
            Date::parse("2024-02-29")
                .map(|date| date.to_string())
                .as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "31.03.2026",
            "2026-3-31",
            "2026-13-01",
            "+026-03-31",
            "2026-03-3x",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let date = self.0;
        write!(
            formatter,
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

format_names!(Wheelchair { Yes = "yes", Limited = "limited", No = "no" });
format_names!(AreaScope { Region = "region", Remote = "remote" });
format_names!(Status {
    Active = "active",
    TemporarilyClosed = "temporarily closed",
    Defunct = "defunct",
});
format_names!(TargetGroup {
    Children = "children",
    Youth = "youth",
    YoungAdults = "young_adults",
    Women = "women",
    Men = "men",
    Families = "families",
    Seniors = "seniors",
    Refugees = "refugees",
    PeopleWithDisabilities = "people_with_disabilities",
    Lgbtiq = "lgbtiq",
});
format_names!(PhoneKind {
    Voice = "voice",
    Cell = "cell",
    Fax = "fax",
    Text = "text",
    Video = "video",
    Textphone = "textphone",
});
format_names!(CourseLevel {
    Literacy = "literacy",
    A1 = "A1",
    A2 = "A2",
    B1 = "B1",
    B2 = "B2",
    C1 = "C1",
    C2 = "C2",
});
format_names!(CourseType {
    Integration = "integration",
    Women = "women",
    Parents = "parents",
    Youth = "youth",
    Literacy = "literacy",
    Intensive = "intensive",
    JobRelated = "job_related",
    Other = "other",
});

/// Writes the synonyms as the JSON object they are read from.
fn write_synonyms<S: Serializer>(
    synonyms: &[(String, Vec<String>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(synonyms.iter().map(|(id, words)| (id, words)))
}

fn default_language() -> LanguageCode {
    LanguageCode::new("de").expect("\"de\" is a valid code")
}

fn is_false(value: &bool) -> bool {
    !*value
}
