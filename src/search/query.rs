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
            near: None,
            radius_km: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

/// The order of search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best text match first; without text, nearest first (with a point) or by name.
    #[default]
    Relevance,
    /// Nearest first; entries without a place (region-wide, remote) after all others.
    Distance,
    /// Alphabetical by name, ignoring case and accents.
    Name,
}

impl Sort {
    /// Every order, as named in queries.
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Distance, Sort::Name];

    /// The order's name in queries: `relevance`, `distance` or `name`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Distance => "distance",
            Sort::Name => "name",
        }
    }

    /// Parses `relevance`, `distance` or `name`.
    pub fn parse(text: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_str() == text)
    }
}

/// The fields of a query in JSON, as JavaScript writes them.
pub const QUERY_FIELDS: &[&str] = &[
    "text",
    "kinds",
    "categories",
    "languages",
    "freeOfCharge",
    "wheelchairAccessible",
    "near",
    "radiusKm",
    "sort",
    "offset",
    "limit",
    "language",
];

impl Query {
    /// Reads a query from JSON (all fields optional, camelCase, as in the type's description).
    /// `language` is accepted and ignored: it picks the texts the browser API returns. Fails
    /// on anything else, with a message that names the field.
    pub fn from_json(json: &str) -> Result<Query, String> {
        use crate::json::Reader;
        use crate::json::fields::{
            IssueKind, Issues, optional, read_bool, read_choice, read_f64, read_list, read_object,
            read_string, read_u32,
        };

        let mut query = Query::default();
        let mut issues = Issues::new();
        let mut reader = Reader::new(json);
        let read = read_object(
            &mut reader,
            &mut issues,
            "a query object such as { \"text\": \"Beratung\" }",
            QUERY_FIELDS,
            |field, reader, issues| {
                let count = |reader: &mut Reader, issues: &mut Issues| {
                    Ok(read_u32(reader, issues)?.map(|count| count as usize))
                };
                match field {
                    0 => query.text = read_string(reader, issues)?.unwrap_or_default(),
                    1 => {
                        let kinds = read_list(reader, issues, |reader, issues| {
                            read_choice(reader, issues, &Kind::ALL, Kind::as_str)
                        })?;
                        query.kinds = kinds.unwrap_or_default();
                    }
                    2 => {
                        query.categories =
                            read_list(reader, issues, read_string)?.unwrap_or_default()
                    }
                    3 => {
                        query.languages =
                            read_list(reader, issues, read_string)?.unwrap_or_default()
                    }
                    4 => query.free_of_charge = read_bool(reader, issues)?.unwrap_or(false),
                    5 => query.wheelchair_accessible = read_bool(reader, issues)?.unwrap_or(false),
                    6 => query.near = optional(reader, issues, read_point)?,
                    7 => query.radius_km = optional(reader, issues, read_f64)?,
                    8 => {
                        let sort = read_choice(reader, issues, &Sort::ALL, Sort::as_str)?;
                        query.sort = sort.unwrap_or_default();
                    }
                    9 => query.offset = count(reader, issues)?.unwrap_or(0),
                    10 => query.limit = count(reader, issues)?.unwrap_or(query.limit),
                    _ => drop(optional(reader, issues, read_string)?),
                }
                Ok(())
            },
        )
        .and_then(|read| reader.end().map(|()| read));
        // Characters taken out of a text (see `fields::clean_text`) do not make a query wrong:
        // the text is searched without them.
        let first_issue = issues
            .list()
            .iter()
            .find(|issue| !issue.kind.is_correction());
        match (read, first_issue) {
            (Err(error), _) => Err(format!(
                "not JSON: {} (at byte {})",
                error.message, error.offset
            )),
            (Ok(_), Some(issue)) if issue.kind == IssueKind::UnknownField => Err(format!(
                "unknown query field \"{}\"; the fields are {}",
                issue.path,
                QUERY_FIELDS.join(", ")
            )),
            (Ok(_), Some(issue)) if issue.path.is_empty() => Err(issue.message.clone()),
            (Ok(_), Some(issue)) => Err(format!("{}: {}", issue.path, issue.message)),
            (Ok(_), None) => Ok(query),
        }
    }
}

/// Reads `{ "latitude": …, "longitude": … }`.
fn read_point(
    reader: &mut crate::json::Reader,
    issues: &mut crate::json::fields::Issues,
) -> crate::json::Read<Option<GeoPoint>> {
    use crate::json::fields::{read_f64, read_object};
    let mut latitude = None;
    let mut longitude = None;
    let fields = read_object(
        reader,
        issues,
        "a point { \"latitude\": …, \"longitude\": … }",
        &["latitude", "longitude"],
        |field, reader, issues| {
            match field {
                0 => latitude = read_f64(reader, issues)?,
                _ => longitude = read_f64(reader, issues)?,
            }
            Ok(())
        },
    )?;
    let Some(fields) = fields else {
        return Ok(None);
    };
    let latitude = issues.required(latitude, &fields, 0);
    let longitude = issues.required(longitude, &fields, 1);
    Ok(latitude
        .zip(longitude)
        .map(|(latitude, longitude)| GeoPoint::new(latitude, longitude)))
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many entries match in all (not only on this page).
    pub total: usize,
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
