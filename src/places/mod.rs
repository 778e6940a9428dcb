//! Places: an offline gazetteer that turns a typed town name or postcode into coordinates.
//!
//! The data is GeoNames' German places (≥ 500 inhabitants) merged with its postal codes
//! (`data/places/`, built by `examples/build_gazetteer.rs`, format in `data/places/README.md`).
//! Two sizes exist, because a county's widget should not pay for all of Germany up front:
//! - [`GERMANY`]: every place in Germany, for the CLI and for a widget to fetch on demand;
//! - a region subset ([`Gazetteer::region`]): the places within about 60 km of a directory's
//!   region centre and in its district and the neighbouring ones, small enough to compile in.
//!
//! [`Gazetteer::lookup`] folds names exactly like the search (case, umlauts, ß), accepts a
//! prefix while typing, tolerates one typo in words of five letters or more, finds postcodes
//! and their prefixes, and ranks places near the directory's home region first.
//!
//! ```
//! use service_finder::places::{Gazetteer, LookupOptions};
//!
//! let germany = Gazetteer::parse(service_finder::places::GERMANY).unwrap();
//! let matches = germany.lookup("34497", &LookupOptions::default());
//! assert_eq!(matches[0].name, "Korbach");
//! ```

mod format;
mod lookup;
mod region;

use serde::Serialize;

use crate::distance::GeoPoint;

pub use format::ParseError;
pub use lookup::{Home, LookupOptions, MatchKind, PlaceMatch};
pub use region::{DEFAULT_REGION_RADIUS_KM, RegionArea};

/// The gazetteer of all of Germany, in the text format of `data/places/README.md`.
///
/// Only code that uses it (the CLI, tests, benchmarks) carries its 920 KB; the widget is meant
/// to fetch the same file on demand (see `data/places/README.md`).
pub const GERMANY: &str = include_str!("../../data/places/de.tsv");

/// The region subset for the bundled demo directory (Landkreis Waldeck-Frankenberg): what
/// `service-finder places --region-subset` prints for it. The widget fetches it as
/// `places-region.tsv` when the place field is first used.
pub const DEMO_REGION: &str = include_str!("../../data/places/region-waldeck-frankenberg.tsv");

/// The attribution that the GeoNames licence (CC BY 4.0) requires wherever place data is shown.
pub const ATTRIBUTION: &str = "Place data © GeoNames, CC BY 4.0, https://www.geonames.org/";

/// A populated place: a town, a village, or a municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// The German name, with its official qualifier where it has one ("Frankenberg (Eder)").
    pub name: String,
    /// The place's centre.
    pub point: GeoPoint,
    /// Inhabitants; 0 when unknown (municipalities that only the postcode file lists).
    pub population: u32,
    /// The postcodes of the place, ascending.
    pub postcodes: Vec<String>,
    /// Other names people type: other official names (Sorbian "Lubin" for Lübben), spellings
    /// without umlauts, names in other languages written in Latin script.
    pub alternate_names: Vec<String>,
    /// Position of the place's district in [`Gazetteer::districts`].
    pub district: usize,
}

/// A district (Landkreis, Kreis or kreisfreie Stadt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct District {
    /// The official district key (Amtlicher Gemeindeschlüssel), 5 digits.
    pub ags: String,
    /// The name, for example "Landkreis Waldeck-Frankenberg" or "Kassel".
    pub name: String,
}

impl District {
    /// The German state (Land) the district lies in, from the first two digits of its key.
    pub fn state(&self) -> &'static str {
        state_name(&self.ags)
    }
}

/// Places with their districts, and an index for [`Gazetteer::lookup`].
#[derive(Debug, Clone)]
pub struct Gazetteer {
    districts: Vec<District>,
    places: Vec<Place>,
    index: lookup::LookupIndex,
}

impl Gazetteer {
    /// Builds a gazetteer (and its lookup index) from districts and places.
    ///
    /// Places whose `district` is out of range are dropped.
    pub fn new(districts: Vec<District>, mut places: Vec<Place>) -> Gazetteer {
        places.retain(|place| place.district < districts.len());
        let index = lookup::LookupIndex::new(&places);
        Gazetteer {
            districts,
            places,
            index,
        }
    }

    /// The places, in the order of the data.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The districts the places lie in.
    pub fn districts(&self) -> &[District] {
        &self.districts
    }

    /// The district of `place`.
    pub fn district_of(&self, place: &Place) -> &District {
        &self.districts[place.district]
    }
}

/// The German state for the first two digits of a district key, or "" when unknown.
pub fn state_name(ags: &str) -> &'static str {
    match ags.get(..2).unwrap_or("") {
        "01" => "Schleswig-Holstein",
        "02" => "Hamburg",
        "03" => "Niedersachsen",
        "04" => "Bremen",
        "05" => "Nordrhein-Westfalen",
        "06" => "Hessen",
        "07" => "Rheinland-Pfalz",
        "08" => "Baden-Württemberg",
        "09" => "Bayern",
        "10" => "Saarland",
        "11" => "Berlin",
        "12" => "Brandenburg",
        "13" => "Mecklenburg-Vorpommern",
        "14" => "Sachsen",
        "15" => "Sachsen-Anhalt",
        "16" => "Thüringen",
        _ => "",
    }
}
