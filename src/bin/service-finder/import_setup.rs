//! What the importer needs from the core, for the CLI's `import` and for its tests (which
//! include this file): the built-in categories to guess with and for the template, and the
//! gazetteer's exact match.

use service_finder::directory::BUILTIN_CATEGORIES;
use service_finder::places::{Gazetteer, LookupOptions, MatchKind};
use service_finder_import::{KnownCategory, Point};

/// The built-in categories with their German and English labels and search words, for
/// guessing the mapping.
pub fn known_categories() -> Vec<KnownCategory> {
    BUILTIN_CATEGORIES
        .iter()
        .map(|category| KnownCategory {
            id: category.id.to_owned(),
            words: [category.label("de"), category.label("en")]
                .into_iter()
                .chain(category.synonyms())
                .map(str::to_owned)
                .collect(),
        })
        .collect()
}

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

/// The centre of the place with this postcode, or of the town with exactly this name.
pub fn locate(germany: &Gazetteer, query: &str) -> Option<Point> {
    let found = germany
        .lookup(
            query,
            &LookupOptions {
                limit: 1,
                home: None,
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
