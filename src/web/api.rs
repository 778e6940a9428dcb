//! `ServiceFinder`, the JavaScript class: load a directory, read its problems, search it.

use wasm_bindgen::prelude::*;

use super::views::{ProblemView, Resolver};
use crate::directory::{LoadError, Problem, Severity, load_directory};
use crate::json::writer::{WriteJson, to_json};
use crate::{Index, Query};

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &'static str = r#"
/** A point in WGS84 degrees. */
export interface GeoPoint { latitude: number; longitude: number; }
/** A text in the language asked for, or in the fallback language it is actually in. */
export interface TextView { text: string; language: string; }
/** A search. Every field is optional. */
export interface Query {
  text?: string;
  kinds?: ("service" | "course" | "association")[];
  categories?: string[];
  /** Service languages (ISO 639 codes); any of them matches. */
  languages?: string[];
  freeOfCharge?: boolean;
  wheelchairAccessible?: boolean;
  near?: GeoPoint;
  radiusKm?: number;
  sort?: "relevance" | "distance" | "name";
  offset?: number;
  /** At most 1000; default 20. */
  limit?: number;
  /** The language for names and descriptions; default: the directory's. */
  language?: string;
}
export interface FacetCount { value: string; count: number; }
export interface Facets { kinds: FacetCount[]; categories: FacetCount[]; languages: FacetCount[]; }
export interface CategoryView { id: string; label: string; }
export interface PhoneView { number: string; description?: TextView; }
export interface CourseView {
  levels: string[]; courseType: string; startDate?: string; endDate?: string;
  childcare?: boolean; freePlaces?: number;
}
export interface EntryView {
  id: string; kind: "service" | "course" | "association";
  name?: TextView; description?: TextView; organization?: TextView; organizationWebsite?: string;
  categories: CategoryView[]; languages: string[];
  locationName?: TextView; address?: string; postalCode?: string; city?: string; point?: GeoPoint;
  wheelchair?: "yes" | "limited" | "no"; transportation?: TextView;
  serviceArea?: "region" | "remote"; serviceAreaDescription?: TextView;
  phones: PhoneView[]; email?: string; url?: string;
  openingHours?: string; scheduleDescription?: TextView;
  appointmentRequired?: boolean; freeOfCharge?: boolean; feesDescription?: TextView;
  assuredDate?: string; course?: CourseView;
}
export interface HitView { id: string; score: number; distanceMetres?: number; entry: EntryView; }
export interface SearchResults { total: number; hits: HitView[]; facets: Facets; }
export interface DirectoryView {
  title?: TextView; description?: TextView; publisherName?: TextView; publisherEmail?: string;
  publisherPhone?: string; publisherUrl?: string; regionName?: TextView; regionCentre?: GeoPoint; regionAgs?: string;
  lastModified?: string; exampleData: boolean; defaultLanguage: string; entryCount: number;
  categories: CategoryView[];
}
export interface PlaceView {
  name: string; matchedName?: string; point: GeoPoint; postcodes: string[]; district: string; state: string;
}
export interface ProblemView {
  severity: "error" | "warning"; kind: string; entryId?: string; entryIndex?: number; line?: number;
  field: string; message: string; text: string;
}
"#;

/// A loaded, indexed directory.
#[wasm_bindgen]
pub struct ServiceFinder {
    index: Index,
    problems: Vec<Problem>,
}

#[wasm_bindgen]
impl ServiceFinder {
    /// Loads a directory from its JSON text. Throws only when the text cannot be read as a
    /// directory at all; problems with single entries are in `problems()`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<ServiceFinder, JsError> {
        let loaded =
            load_directory(json).map_err(|error: LoadError| JsError::new(&error.to_string()))?;
        Ok(ServiceFinder {
            index: Index::new(loaded.directory),
            problems: loaded.problems,
        })
    }

    /// Everything that was wrong in the directory, for the webmaster's console.
    #[wasm_bindgen(unchecked_return_type = "ProblemView[]")]
    pub fn problems(&self) -> Result<JsValue, JsError> {
        to_js(
            &self
                .problems
                .iter()
                .map(ProblemView::from)
                .collect::<Vec<_>>(),
        )
    }

    /// How many problems are errors (as opposed to warnings).
    #[wasm_bindgen(js_name = errorCount)]
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::Error)
            .count()
    }

    /// The directory's title, publisher, date and categories, in `language`.
    #[wasm_bindgen(unchecked_return_type = "DirectoryView")]
    pub fn info(&self, language: &str) -> Result<JsValue, JsError> {
        to_js(
            &Resolver {
                directory: self.index.directory(),
                language,
            }
            .directory(),
        )
    }

    /// Runs a search; the hits come with their entries in the query's `language`.
    #[wasm_bindgen(unchecked_return_type = "SearchResults")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query")] query_value: JsValue,
    ) -> Result<JsValue, JsError> {
        let (query, language) = if query_value.is_undefined() || query_value.is_null() {
            (Query::default(), None)
        } else {
            if !query_value.is_object() {
                return Err(JsError::new(
                    "a query is an object such as { text: \"Beratung\" }",
                ));
            }
            let text: String = js_sys::JSON::stringify(&query_value)
                .map_err(|_| JsError::new("the query cannot be written as JSON"))?
                .into();
            let query = Query::from_json(&text)
                .map_err(|error| JsError::new(&format!("invalid query: {error}")))?;
            // `language` is not part of the core's query: it only picks the texts to return.
            let language = js_sys::Reflect::get(&query_value, &JsValue::from_str("language"))
                .ok()
                .and_then(|value| value.as_string());
            (query, language)
        };
        let results = self
            .index
            .search(&query)
            .map_err(|error| JsError::new(&error.to_string()))?;
        let directory = self.index.directory();
        let language = language
            .as_deref()
            .unwrap_or(directory.default_language.as_str());
        to_js(
            &Resolver {
                directory,
                language,
            }
            .results(results, &directory.entries),
        )
    }
}

/// Plain JavaScript objects, as a webmaster expects: written as JSON and parsed by the browser
/// (cheaper in code than building the objects from wasm).
pub(super) fn to_js(value: &impl WriteJson) -> Result<JsValue, JsError> {
    let text = to_json(value);
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the result cannot be parsed as JSON"))
}
