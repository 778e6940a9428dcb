//! The category mapping: the source's categories (its own words) to category ids.
//!
//! A mapping file is text, one line per source category, `source category = id, id`; lines
//! starting with `#` are comments. An empty right side drops the category. An id that is not
//! built in becomes a category of the directory's own, with the source's word as its German
//! name. The importer writes the file's first version with a guess for every category.

use crate::{Problem, Severity};

/// A category every directory knows (a built-in one), with the words that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCategory {
    /// The category id.
    pub id: String,
    /// Its labels (in any language) and search words, for guessing which source category
    /// means it.
    pub words: Vec<String>,
}

/// One line of the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    source: String,
    ids: Vec<String>,
    /// Whether the officer's file had it (else it was guessed now).
    given: bool,
    /// Whether its ids were guessed from the words of a category's name (not the name or id
    /// itself): worth a note on the row that first uses it.
    by_words: bool,
}

/// Source category → category ids.
#[derive(Debug, Clone, Default)]
pub struct CategoryMapping {
    lines: Vec<Line>,
    /// The folded source category → its line, so that a large source is not quadratic.
    index: std::collections::HashMap<String, usize>,
}

impl CategoryMapping {
    /// Reads a mapping file; lines that are not `source = ids` are reported and left out.
    pub fn parse(text: &str, problems: &mut Vec<Problem>) -> CategoryMapping {
        let mut mapping = CategoryMapping::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((source, ids)) = line.rsplit_once('=') else {
                problems.push(Problem {
                    row: Some(index + 1),
                    column: None,
                    entry: None,
                    severity: Severity::Error,
                    message: format!(
                        "the mapping file's line \"{line}\" has no \"=\"; write \"category of the source = category id\" (line ignored)"
                    ),
                });
                continue;
            };
            let ids = ids
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect();
            if mapping.find(source.trim()).is_none() {
                mapping.push(Line {
                    source: source.trim().to_owned(),
                    ids,
                    given: true,
                    by_words: false,
                });
            }
        }
        mapping
    }

    fn find(&self, source: &str) -> Option<&Line> {
        self.index
            .get(&fold(source))
            .map(|&index| &self.lines[index])
    }

    fn push(&mut self, line: Line) {
        self.index.insert(fold(&line.source), self.lines.len());
        self.lines.push(line);
    }

    /// Adds a guessed line for each source category the mapping does not list yet.
    pub fn add_guesses<'s>(
        &mut self,
        sources: impl IntoIterator<Item = &'s str>,
        known: &[KnownCategory],
    ) {
        // The known words folded once, not once for each category of the source.
        let known: Vec<(&str, Vec<String>)> = known
            .iter()
            .map(|category| {
                let words = std::iter::once(&category.id)
                    .chain(&category.words)
                    .map(|word| fold(word))
                    .collect();
                (category.id.as_str(), words)
            })
            .collect();
        for source in sources {
            if self.find(source).is_some() {
                continue;
            }
            // A built-in id (as `service-finder export` writes them) is itself, and a
            // category's own name (the template's drop-down list) is that category.
            let folded = fold(source);
            let exact = known.iter().find(|(id, words)| {
                *id == source || words.iter().take(3).any(|word| *word == folded)
            });
            self.push(Line {
                source: source.to_owned(),
                ids: match exact {
                    Some((id, _)) => vec![(*id).to_owned()],
                    None => guess(source, &known).into_iter().collect(),
                },
                given: false,
                by_words: exact.is_none(),
            });
        }
    }

    /// Maps an id to itself (a category of the directory's own that a workbook defines).
    pub fn add_identity(&mut self, id: &str) {
        if self.find(id).is_none() {
            self.push(Line {
                source: id.to_owned(),
                ids: vec![id.to_owned()],
                given: false,
                by_words: false,
            });
        }
    }

    /// The ids of a source category, and whether they were guessed now (not in the file).
    pub fn ids(&self, source: &str) -> Option<(&[String], bool)> {
        self.find(source)
            .map(|line| (line.ids.as_slice(), !line.given))
    }

    /// Whether the ids of a source category were guessed from the words of a built-in
    /// category ("Deutsch lernen" → integration-courses), not given or named exactly.
    pub fn guessed_by_words(&self, source: &str) -> bool {
        self.find(source).is_some_and(|line| line.by_words)
    }

    /// The mapping as a file: an explanation with the built-in ids, then one line per source
    /// category, the officer's lines first.
    pub fn to_text(&self, known: &[KnownCategory]) -> String {
        // In German for the officers who edit it, with the English beside it.
        let mut text = String::from(
            "# service-finder: Kategorien der Quelle → Kategorie-IDs (categories of the source → ids).\n\
             # Eine Zeile je Kategorie: „Kategorie der Quelle = ID“, mehrere IDs durch Kommas getrennt.\n\
             # Nichts nach „=“: die Kategorie entfällt. Eine ID, die nicht eingebaut ist, wird eine\n\
             # eigene Kategorie des Verzeichnisses, benannt mit dem Wort links. Die geänderte Datei\n\
             # wieder auf der Prüfseite ablegen (oder beim Import mit --mapping angeben).\n\
             # (One line per category: \"category of the source = id\", several ids separated by\n\
             # commas. Nothing after \"=\" drops the category. An id that is not built in becomes a\n\
             # category of the directory's own, named with the word on the left.)\n\
             # Eingebaute IDs (built-in ids):",
        );
        for category in known {
            text.push_str("\n#   ");
            text.push_str(&category.id);
            if let Some(label) = category.words.first() {
                text.push_str(" (");
                text.push_str(label);
                text.push(')');
            }
        }
        text.push('\n');
        let mut guessed_header = false;
        for line in self.lines.iter().filter(|line| line.given) {
            text.push_str(&mapping_line(line));
        }
        for line in self.lines.iter().filter(|line| !line.given) {
            if !guessed_header {
                text.push_str(
                    "# Vom Import geraten, bitte prüfen (guessed by the importer: check these):\n",
                );
                guessed_header = true;
            }
            text.push_str(&mapping_line(line));
        }
        text
    }
}

fn mapping_line(line: &Line) -> String {
    format!("{} = {}", line.source, line.ids.join(", "))
        .trim_end()
        .to_owned()
        + "\n"
}

/// The known category whose words fit the source's best: one of its words is the source's
/// word, or a word of four letters or more stands in the other.
fn guess(source: &str, known: &[(&str, Vec<String>)]) -> Option<String> {
    let wanted = fold(source);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(u32, &str)> = None;
    for (id, words) in known {
        for word in words {
            let score = if *word == wanted {
                3
            } else if word.len() >= 4 && contains_word(&wanted, word) {
                2
            } else if wanted.len() >= 4 && contains_word(word, &wanted) {
                1
            } else {
                0
            };
            if score > best.map_or(0, |(best, _)| best) {
                best = Some((score, id));
            }
        }
    }
    best.map(|(_, id)| id.to_owned())
}

/// Whether `needle` starts a word of `haystack` (so "beratung" is in "migrationsberatung"
/// only as a word of its own: "frauen beratung", not as an ending).
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack
        .match_indices(needle)
        .any(|(index, _)| index == 0 || haystack.as_bytes()[index - 1] == b' ')
}

/// Lower case, umlauts spelt out, words of letters and digits separated by one space.
fn fold(text: &str) -> String {
    let mut folded = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => folded.push_str("ae"),
            'ö' => folded.push_str("oe"),
            'ü' => folded.push_str("ue"),
            'ß' => folded.push_str("ss"),
            c if c.is_alphanumeric() => folded.push(c),
            _ if !folded.is_empty() && !folded.ends_with(' ') => folded.push(' '),
            _ => {}
        }
    }
    folded.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<KnownCategory> {
        vec![
            KnownCategory {
                id: "migration-counselling".into(),
                words: vec!["Migrationsberatung".into(), "Migration counselling".into()],
            },
            KnownCategory {
                id: "language-courses".into(),
                words: vec!["Weitere Sprachkurse".into(), "Sprachkurs".into()],
            },
            KnownCategory {
                id: "women".into(),
                words: vec!["Frauen".into()],
            },
        ]
    }

    fn guess(source: &str, known: &[KnownCategory]) -> Option<String> {
        let mut mapping = CategoryMapping::default();
        mapping.add_guesses([source], known);
        mapping
            .ids(source)
            .and_then(|(ids, _)| ids.first().cloned())
    }

    #[test]
    fn guesses_use_labels_and_words() {
        let known = known();
        assert_eq!(
            guess("Migrationsberatung", &known).as_deref(),
            Some("migration-counselling")
        );
        assert_eq!(
            guess("Sprachkurs Deutsch", &known).as_deref(),
            Some("language-courses")
        );
        assert_eq!(
            guess("Frauen und Mädchen", &known).as_deref(),
            Some("women")
        );
        assert_eq!(guess("Fahrdienst", &known), None);
    }

    #[test]
    fn the_file_round_trips_and_keeps_the_officers_lines_first() {
        let mut problems = Vec::new();
        let mut mapping = CategoryMapping::parse(
            "# comment\nFahrdienst = mobility\nUnsinn\nFrauen = women, legal-advice\n",
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, Some(3));
        mapping.add_guesses(["Sprachkurs", "fahrdienst"], &known());
        assert_eq!(
            mapping.ids("FRAUEN"),
            Some((&["women".to_owned(), "legal-advice".to_owned()][..], false))
        );
        assert_eq!(
            mapping.ids("Sprachkurs"),
            Some((&["language-courses".to_owned()][..], true))
        );
        let text = mapping.to_text(&known());
        assert!(
            text.contains(
                "Fahrdienst = mobility\nFrauen = women, legal-advice\n# Vom Import geraten"
            )
        );
        assert!(text.ends_with("Sprachkurs = language-courses\n"));
        let again = CategoryMapping::parse(&text, &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(again.lines.len(), 3);
    }
}
