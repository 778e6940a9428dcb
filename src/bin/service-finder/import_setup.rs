//! What the importer needs from the core, for the CLI's `import` and for its tests (which
//! include this file): the built-in categories to guess with and for the template, and the
//! gazetteer's exact match.

use service_finder::directory::BUILTIN_CATEGORIES;
use service_finder::distance::GeoPoint;
use service_finder::places::{Gazetteer, Home, LookupOptions, MatchKind};
use service_finder_import::Point;

/// The built-in categories with their German and English labels and search words, for
/// guessing the mapping (the library's, which the importer's fuzz target uses too).
pub use service_finder::directory::known_categories;

/// The built-in categories as the spreadsheet template lists them: id, German and English
/// name.
pub fn template_categories() -> Vec<(String, String, String)> {
    BUILTIN_CATEGORIES
        .iter()
        .map(|category| {
            (
                category.id.to_owned(),
                category.label("de").to_owned(),
                category.label("en").to_owned(),
            )
        })
        .collect()
}

/// The directory's home district, for `import --region`: its key (AGS), name and centre.
pub struct Region {
    /// The district key, 5 digits.
    pub ags: String,
    /// The district's name as the gazetteer has it ("Landkreis Waldeck-Frankenberg").
    pub name: String,
    /// The mean of its places' centres.
    pub centre: GeoPoint,
}

impl Region {
    /// The district with this key (`06635`) or whose name holds these words
    /// (`Waldeck-Frankenberg`); an error lists the candidates when the name is not clear.
    pub fn find(germany: &Gazetteer, wanted: &str) -> Result<Region, String> {
        let folded = |text: &str| text.to_lowercase().replace(['-', ' '], "");
        let wanted_folded = folded(wanted);
        let candidates: Vec<_> = germany
            .districts()
            .iter()
            .enumerate()
            .filter(|(_, district)| {
                district.ags == wanted.trim() || folded(&district.name).contains(&wanted_folded)
            })
            .collect();
        let exact = candidates
            .iter()
            .find(|(_, district)| folded(&district.name) == wanted_folded);
        let (index, district) = match (exact, candidates.as_slice()) {
            (Some(found), _) | (None, [found]) => *found,
            (None, []) => {
                return Err(format!(
                    "--region {wanted}: no district has this key or name; give its five-digit key (AGS), such as 06635"
                ));
            }
            (None, several) => {
                let names: Vec<String> = several
                    .iter()
                    .take(8)
                    .map(|(_, district)| format!("{} ({})", district.name, district.ags))
                    .collect();
                return Err(format!(
                    "--region {wanted}: several districts match: {}; give the key",
                    names.join(", ")
                ));
            }
        };
        let places: Vec<GeoPoint> = germany
            .places()
            .iter()
            .filter(|place| place.district == index)
            .map(|place| place.point)
            .collect();
        let count = places.len().max(1) as f64;
        let centre = GeoPoint {
            latitude: places.iter().map(|point| point.latitude).sum::<f64>() / count,
            longitude: places.iter().map(|point| point.longitude).sum::<f64>() / count,
        };
        Ok(Region {
            ags: district.ags.clone(),
            name: district.name.clone(),
            centre,
        })
    }

    /// The region as the directory format's `region`.
    pub fn to_json(&self) -> serde_json::Value {
        let round = |degrees: f64| (degrees * 10_000.0).round() / 10_000.0;
        serde_json::json!({
            "name": self.name,
            "ags": self.ags,
            "latitude": round(self.centre.latitude),
            "longitude": round(self.centre.longitude),
        })
    }
}

/// The centre of the place with this postcode, or of the town with exactly this name; with a
/// region, a town of that name in or near it before one elsewhere (Frankenberg (Eder) in
/// Hesse, not Frankenberg in Saxony).
pub fn locate(germany: &Gazetteer, query: &str, region: Option<&Region>) -> Option<Point> {
    let found = germany
        .lookup(
            query,
            &LookupOptions {
                limit: 1,
                home: region.map(|region| Home::new(region.centre, Some(region.ags.clone()))),
            },
        )
        .into_iter()
        .next()?;
    let is_postcode = query.bytes().all(|byte| byte.is_ascii_digit());
    let exact = found.kind == MatchKind::Exact
        && (!is_postcode || found.postcodes.iter().any(|postcode| postcode == query));
    exact.then_some(Point {
        latitude: found.point.latitude,
        longitude: found.point.longitude,
    })
}
