//! `Places`, the JavaScript class for the place and postcode field.
//!
//! The widget fetches the places around its directory's region (`places-region.tsv`, a few KB)
//! and all of Germany (`places-de.tsv`), both beside the wasm, the first time someone uses the
//! place field: neither is on the way to the first results.

use wasm_bindgen::prelude::*;

use super::api::to_js;
use crate::distance::GeoPoint;
use crate::json::writer::json_object;
use crate::places::{ATTRIBUTION, Gazetteer, Home, LookupOptions, MatchKind};

/// An offline gazetteer: German towns, villages and postcodes.
#[wasm_bindgen]
pub struct Places {
    gazetteer: Gazetteer,
}

/// A candidate for what someone typed, with what tells it apart from namesakes.
struct PlaceView {
    name: String,
    /// Another name that matched ("Lubin" for Lübben (Spreewald)).
    matched_name: Option<String>,
    /// Whether a name of the place is the query, or the query one of its postcodes
    /// ([`MatchKind::Exact`]): not only its beginning, a later word of it or a typo. For a name
    /// typed in another script, compared by its sound, that is all that tells "Alfeld" written
    /// in Arabic from a word that only starts like a town.
    exact: bool,
    point: GeoPoint,
    postcodes: Vec<String>,
    district: String,
    state: String,
}

#[wasm_bindgen]
impl Places {
    /// A gazetteer from the text of a places file: `places-region.tsv` (the places around the
    /// bundled directory's region) or `places-de.tsv` (all of Germany).
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str) -> Result<Places, JsError> {
        let gazetteer = Gazetteer::parse(text).map_err(|error| JsError::new(&error.to_string()))?;
        Ok(Places { gazetteer })
    }

    /// The places that match `query` (a name, its beginning with up to one typo, or a
    /// postcode), best first; places near the home point and district rank first.
    #[wasm_bindgen(unchecked_return_type = "PlaceView[]")]
    pub fn lookup(
        &self,
        query: &str,
        limit: usize,
        home_latitude: Option<f64>,
        home_longitude: Option<f64>,
        home_district: Option<String>,
    ) -> Result<JsValue, JsError> {
        let home = match (home_latitude, home_longitude) {
            (Some(latitude), Some(longitude)) => {
                Some(Home::new(GeoPoint::new(latitude, longitude), home_district))
            }
            _ => None,
        };
        let matches = self.gazetteer.lookup(query, &LookupOptions { limit, home });
        let views: Vec<PlaceView> = matches
            .into_iter()
            .map(|place| PlaceView {
                name: place.name,
                matched_name: place.matched_name,
                exact: place.kind == MatchKind::Exact,
                point: place.point,
                postcodes: place.postcodes,
                district: place.district,
                state: place.state,
            })
            .collect();
        to_js(&views)
    }

    /// The attribution the place data's licence (CC BY 4.0) requires.
    pub fn attribution() -> String {
        ATTRIBUTION.to_owned()
    }
}

json_object!(PlaceView {
    name: "name",
    matched_name: "matchedName",
    exact: "exact",
    point: "point",
    postcodes: "postcodes",
    district: "district",
    state: "state",
});
