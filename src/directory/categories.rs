//! The built-in categories: stable ids that every directory can use without defining them.
//!
//! Their labels live in the UI message catalogs (`data/messages/<language>.json`, keys
//! `category.<id>`) and the words people search them by in `data/synonyms/<language>.json`;
//! build.rs compiles both into [`BUILTIN_CATEGORIES`].

/// A built-in category with its labels and search words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinCategory {
    /// The stable id used in directory files and queries.
    pub id: &'static str,
    /// The label in each UI language: one `tag<TAB>label` line each, sorted by tag (see
    /// [`BuiltinCategory::labels`]).
    labels: &'static str,
    /// One word or phrase per line (see [`BuiltinCategory::synonyms`]).
    search_words: &'static str,
}

impl BuiltinCategory {
    /// The label in each UI language, as (language tag, label), sorted by tag.
    pub fn labels(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.labels.lines().filter_map(|line| line.split_once('\t'))
    }

    /// Words and phrases in any language that find this category (synonyms, everyday words).
    pub fn synonyms(&self) -> impl Iterator<Item = &'static str> {
        self.search_words.lines()
    }

    /// The label in `language`: its own, else that of its base language (`de` for `de-x-ls`),
    /// else German.
    pub fn label(&self, language: &str) -> &'static str {
        let base = language.split('-').next().unwrap_or(language);
        [language, base, "de"]
            .into_iter()
            .find_map(|wanted| {
                self.labels()
                    .find(|(tag, _)| *tag == wanted)
                    .map(|(_, label)| label)
            })
            .unwrap_or(self.id)
    }
}

/// Looks a built-in category up by id.
pub fn builtin_category(id: &str) -> Option<&'static BuiltinCategory> {
    BUILTIN_CATEGORIES.iter().find(|category| category.id == id)
}

/// The built-in categories as the importer guesses a source's categories from them: each with
/// its German and English labels and search words. Native only: the importer is not in the
/// widget's wasm. Shared by the CLI's `import` and the importer's fuzz target.
#[cfg(not(target_arch = "wasm32"))]
pub fn known_categories() -> Vec<service_finder_import::KnownCategory> {
    BUILTIN_CATEGORIES
        .iter()
        .map(|category| service_finder_import::KnownCategory {
            id: category.id.to_owned(),
            words: [category.label("de"), category.label("en")]
                .into_iter()
                .chain(category.synonyms())
                .map(str::to_owned)
                .collect(),
        })
        .collect()
}

include!(concat!(env!("OUT_DIR"), "/builtin_categories.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_to_the_base_language_then_german() {
        let health = builtin_category("health").unwrap();
        assert_eq!(health.label("de"), "Gesundheit");
        assert_eq!(health.label("en"), "Health");
        assert_eq!(health.label("en-GB"), "Health");
        assert_eq!(health.label("xx"), "Gesundheit");
        assert!(health.synonyms().any(|word| word == "Arzt"));
        assert_eq!(health.labels().count(), 9);
    }
}
