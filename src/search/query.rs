//! What a search asks for and what it returns: plain data, shared by the CLI and the browser.

use std::fmt;

use serde::Serialize;

use crate::directory::Kind;
use crate::distance::GeoPoint;

/// Most hits returned in one page.
pub const MAX_LIMIT: usize = 1000;

/// A search: free text plus filters, a sort order and a page.
///
/// In JSON (and from JavaScript) the fields are camelCase and all optional:
/// `{"text": "Beratung", "radiusKm": 10, "near": {"latitude": 51.27, "longitude": 8.87}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    /// Words to look for; the last one may be incomplete (it matches as a prefix).
    pub text: String,
    /// Only these kinds (any of them); empty means all.
    pub kinds: Vec<Kind>,
    /// Only entries in at least one of these categories; empty means all.
    pub categories: Vec<String>,
    /// Only entries offered in at least one of these languages; empty means all.
    pub languages: Vec<String>,
    /// Only entries that are free of charge.
    pub free_of_charge: bool,
    /// Only entries at a wheelchair-accessible place.
    pub wheelchair_accessible: bool,
    /// Only courses teaching at least one of these levels (`A1` … `C2`, `literacy`).
    pub levels: Vec<String>,
    /// Only courses of one of these types (`integration`, `women`, …).
    pub course_types: Vec<String>,
    /// Only entries with every one of these flags ("childcare", "open-now", …; see
    /// [`crate::search::DATA_FLAGS`]). An unknown flag matches nothing.
    pub flags: Vec<String>,
    /// The day the newcomer searches on, for the flags that depend on it ("running",
    /// "starts-soon", "starts-later"): the core has no clock.
    pub today: Option<crate::directory::Date>,
    /// The user's point, for distances and for the radius.
    pub near: Option<GeoPoint>,
    /// Only entries within this many kilometres of `near` (plus region-wide and remote ones).
    pub radius_km: Option<f64>,
    /// The order of the hits.
    pub sort: Sort,
    /// How many hits to skip (for paging).
    pub offset: usize,
    /// How many hits to return, at most [`MAX_LIMIT`].
    pub limit: usize,
    /// The newcomer's language (`ar`, `de-x-ls`: its base language counts): in the order by
    /// name that a search without text and without a point gets, the entries offered in it
    /// come first. Set from the JSON's `language`, the language the texts are shown in.
    #[serde(skip)]
    pub first_offered_in: Option<String>,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            kinds: Vec::new(),
            categories: Vec::new(),
            languages: Vec::new(),
            free_of_charge: false,
            wheelchair_accessible: false,
            levels: Vec::new(),
            course_types: Vec::new(),
            flags: Vec::new(),
            today: None,
            near: None,
            radius_km: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            first_offered_in: None,
        }
    }
}

/// The order of search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best text match first; without text, nearest first (with a point) or by name.
    #[default]
    Relevance,
    /// Nearest first; entries without a place (region-wide, remote) after all others.
    Distance,
    /// Alphabetical by name, ignoring case and accents.
    Name,
}

crate::directory::format_names!(Sort {
    Relevance = "relevance",
    Distance = "distance",
    Name = "name",
});

crate::json::fields::record_fields! {
    /// The fields of a query in JSON, as JavaScript writes them.
    pub enum QueryField {
        Text = "text",
        Kinds = "kinds",
        Categories = "categories",
        Languages = "languages",
        FreeOfCharge = "freeOfCharge",
        WheelchairAccessible = "wheelchairAccessible",
        Levels = "levels",
        CourseTypes = "courseTypes",
        Flags = "flags",
        Today = "today",
        Near = "near",
        RadiusKm = "radiusKm",
        Sort = "sort",
        Offset = "offset",
        Limit = "limit",
        Language = "language",
        Entries = "entries",
    }
}

/// What the browser API returns for a query, beside the query itself: the `language` and
/// `entries` fields, which do not change what is found.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsShape {
    /// The language to pick the entries' texts in; `None`: the directory's.
    pub language: Option<String>,
    /// Whether each hit comes with its entry (default); without, a hit is its id, score and
    /// distance, a tenth of the JSON, for a page that keeps its own copy of the entries.
    pub entries: bool,
}

impl Default for ResultsShape {
    fn default() -> Self {
        ResultsShape {
            language: None,
            entries: true,
        }
    }
}

impl Query {
    /// Reads a query from JSON (all fields optional, camelCase, as in the type's description).
    /// `language` and `entries` are accepted and ignored: they shape what the browser API
    /// returns. Fails on anything else, with a message that names the field.
    pub fn from_json(json: &str) -> Result<Query, String> {
        Query::from_json_with_shape(json).map(|(query, _)| query)
    }

    /// [`Query::from_json`], also giving the `language` and `entries` fields, which are not
    /// part of the core's query: the browser API reads them to shape what it returns.
    pub fn from_json_with_shape(json: &str) -> Result<(Query, ResultsShape), String> {
        use crate::directory::ProblemKind;
        use crate::directory::problem::{Consequence, Problems};
        use crate::json::Reader;
        use crate::json::fields::{
            RecordFields, optional, read_bool, read_choice, read_f64, read_list, read_parsed,
            read_record, read_string, read_u32,
        };

        let mut query = Query::default();
        let mut shape = ResultsShape::default();
        let mut problems = Problems::default();
        let mut reader = Reader::new(json);
        let read = read_record(
            &mut reader,
            &mut problems,
            "a query object such as { \"text\": \"Beratung\" }",
            |field, reader, problems| {
                let count = |reader: &mut Reader, problems: &mut Problems| {
                    Ok(read_u32(reader, problems)?.map(|count| count as usize))
                };
                match field {
                    QueryField::Text => {
                        query.text = read_string(reader, problems)?.unwrap_or_default()
                    }
                    QueryField::Kinds => {
                        let kinds = read_list(reader, problems, |reader, problems| {
                            read_choice(reader, problems, Kind::ALL, Kind::NAMES)
                        })?;
                        query.kinds = kinds.unwrap_or_default();
                    }
                    QueryField::Categories => {
                        query.categories =
                            read_list(reader, problems, read_string)?.unwrap_or_default()
                    }
                    QueryField::Languages => {
                        query.languages =
                            read_list(reader, problems, read_string)?.unwrap_or_default()
                    }
                    QueryField::FreeOfCharge => {
                        query.free_of_charge = read_bool(reader, problems)?.unwrap_or(false)
                    }
                    QueryField::WheelchairAccessible => {
                        query.wheelchair_accessible = read_bool(reader, problems)?.unwrap_or(false)
                    }
                    QueryField::Levels => {
                        query.levels = read_list(reader, problems, read_string)?.unwrap_or_default()
                    }
                    QueryField::CourseTypes => {
                        query.course_types =
                            read_list(reader, problems, read_string)?.unwrap_or_default()
                    }
                    QueryField::Flags => {
                        query.flags = read_list(reader, problems, read_string)?.unwrap_or_default()
                    }
                    QueryField::Today => {
                        query.today = optional(reader, problems, |reader, problems| {
                            read_parsed(
                                reader,
                                problems,
                                ProblemKind::InvalidDate,
                                "a date written as YYYY-MM-DD",
                                crate::directory::Date::parse,
                                |text| format!("\"{text}\" is not a date written as YYYY-MM-DD"),
                            )
                        })?
                    }
                    QueryField::Near => query.near = optional(reader, problems, read_point)?,
                    QueryField::RadiusKm => query.radius_km = optional(reader, problems, read_f64)?,
                    QueryField::Sort => {
                        let sort = read_choice(reader, problems, Sort::ALL, Sort::NAMES)?;
                        query.sort = sort.unwrap_or_default();
                    }
                    QueryField::Offset => query.offset = count(reader, problems)?.unwrap_or(0),
                    QueryField::Limit => {
                        query.limit = count(reader, problems)?.unwrap_or(query.limit)
                    }
                    QueryField::Language => {
                        shape.language = optional(reader, problems, read_string)?;
                        query.first_offered_in = shape.language.clone();
                    }
                    QueryField::Entries => {
                        shape.entries = read_bool(reader, problems)?.unwrap_or(true)
                    }
                }
                Ok(())
            },
        )
        .and_then(|read| reader.end().map(|()| read));
        // Characters taken out of a text (see `fields::clean_text`) do not make a query wrong:
        // the text is searched without them.
        let first_problem = problems
            .list()
            .iter()
            .find(|problem| problem.consequence != Consequence::ValueCorrected);
        match (read, first_problem) {
            (Err(error), _) => Err(format!(
                "not JSON: {} (at byte {})",
                error.message, error.offset
            )),
            (Ok(_), Some(problem)) if problem.kind == ProblemKind::UnknownField => Err(format!(
                "unknown query field \"{}\"; the fields are {}",
                problem.field,
                QueryField::NAMES.join(", ")
            )),
            (Ok(_), Some(problem)) if problem.field.is_empty() => Err(problem.message.clone()),
            (Ok(_), Some(problem)) => Err(format!("{}: {}", problem.field, problem.message)),
            (Ok(_), None) => Ok((query, shape)),
        }
    }
}

crate::json::fields::record_fields! {
    /// The fields of a point.
    pub enum PointField { Latitude = "latitude", Longitude = "longitude" }
}

/// Reads `{ "latitude": …, "longitude": … }`.
fn read_point(
    reader: &mut crate::json::Reader,
    problems: &mut crate::directory::problem::Problems,
) -> crate::json::Read<Option<GeoPoint>> {
    use crate::directory::Consequence;
    use crate::json::fields::{read_f64, read_record, required};
    let mut latitude = None;
    let mut longitude = None;
    let fields = read_record(
        reader,
        problems,
        "a point { \"latitude\": …, \"longitude\": … }",
        |field, reader, problems| {
            match field {
                PointField::Latitude => latitude = read_f64(reader, problems)?,
                PointField::Longitude => longitude = read_f64(reader, problems)?,
            }
            Ok(())
        },
    )?;
    let ignored = Consequence::ValueIgnored;
    let latitude = required(problems, fields, latitude, PointField::Latitude, ignored);
    let longitude = required(problems, fields, longitude, PointField::Longitude, ignored);
    Ok(latitude
        .zip(longitude)
        .map(|(latitude, longitude)| GeoPoint::new(latitude, longitude)))
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many entries match in all (not only on this page).
    pub total: usize,
    /// True when no entry has every word of the text and the results are the entries with
    /// some of them, ranked by how many and how rare those words are.
    pub partial: bool,
    /// A category id when a word of the text names something no entry has, such as a
    /// gynaecologist, and found the entries of its broader topic (here `health`) instead.
    pub topic: Option<String>,
    /// True when every word of the text found its entries only by how it sounds (a German
    /// word spelt by ear, or a word in another script): they may not be what was meant, as
    /// "Кассель" (Kassel, which no entry names) sounds like the Turkish "kişisel".
    pub heard: bool,
    /// True when the text is one word (without its stop words) and it found its entries only
    /// with a typing error or by how it sounds: they may be another word's ("ادمن", a misspelt
    /// "إدمان", addiction, matched the Persian "آمدند", came), and the directory's and the
    /// thesaurus's nearest words ([`Index::suggest`]) are worth offering beside them. Not for
    /// several words: corrected together, a right word of one absent from the directory
    /// became another's ("pharmacy open at night" → "… nicht").
    ///
    /// [`Index::suggest`]: super::Index::suggest
    pub loose: bool,
    /// The requested page of hits, in order.
    pub hits: Vec<Hit>,
    /// How many entries each filter value would give, over the whole result set.
    pub facets: Facets,
}

/// One matching entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The entry's id.
    pub id: String,
    /// Position of the entry in the directory's `entries`.
    pub entry_index: usize,
    /// Text relevance; 0 when the query has no text.
    pub score: f32,
    /// Exact geodesic distance from the query's point, in metres, for entries with a place.
    pub distance_metres: Option<f64>,
}

/// Counts per filter value.
///
/// Each dimension is counted with every filter applied except its own, so a category chip
/// shows how many results there would be with that category added to the ones chosen (the
/// usual "disjunctive facets" of shop filters). Values present in the directory are listed
/// even when their count is 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    /// Per kind, in the order service, course, association.
    pub kinds: Vec<FacetCount>,
    /// Per category, built-in ones first in their standard order, then the directory's own.
    pub categories: Vec<FacetCount>,
    /// Per service language, the languages most offered in the directory first.
    pub languages: Vec<FacetCount>,
    /// Per course level that some course teaches, in the order literacy, A1 … C2.
    pub levels: Vec<FacetCount>,
    /// Per course type that some course has, in the format's order.
    pub course_types: Vec<FacetCount>,
    /// Per flag that some entry has: the data's, the day's (with `today`) and those set from
    /// outside. Flags narrow together ("all of"), so each count is of the results with that
    /// flag added.
    pub flags: Vec<FacetCount>,
}

/// One filter value and how many results it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (kind, category id or language code).
    pub value: String,
    /// How many results.
    pub count: usize,
}

/// A query that cannot be run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryError {
    /// The query field at fault.
    pub field: &'static str,
    /// A plain-language explanation.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for QueryError {}
