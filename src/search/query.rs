//! What a search asks for and what it returns: plain data, shared by the CLI and the browser.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::directory::Kind;
use crate::distance::GeoPoint;

/// Most hits returned in one page.
pub const MAX_LIMIT: usize = 1000;

/// A search: free text plus filters, a sort order and a page.
///
/// In JSON (and from JavaScript) the fields are camelCase and all optional:
/// `{"text": "Beratung", "radiusKm": 10, "near": {"latitude": 51.27, "longitude": 8.87}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    /// Parses `relevance`, `distance` or `name`.
    pub fn parse(text: &str) -> Option<Sort> {
        match text {
            "relevance" => Some(Sort::Relevance),
            "distance" => Some(Sort::Distance),
            "name" => Some(Sort::Name),
            _ => None,
        }
    }
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many entries match in all (not only on this page).
    pub total: usize,
    /// The requested page of hits, in order.
    pub hits: Vec<Hit>,
    /// How many entries each filter value would give, over the whole result set.
    pub facets: Facets,
}

/// One matching entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Per kind, in the order service, course, association.
    pub kinds: Vec<FacetCount>,
    /// Per category, built-in ones first in their standard order, then the directory's own.
    pub categories: Vec<FacetCount>,
    /// Per service language, the languages most offered in the directory first.
    pub languages: Vec<FacetCount>,
}

/// One filter value and how many results it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
