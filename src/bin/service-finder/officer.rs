//! What `check`, `import` and `merge` print for the officer, in German or English (`--lang`,
//! else the locale).
//!
//! The problems' own sentences are translated by the importer crate's catalog
//! (`service_finder_import::officer`), which the checker page uses too; this file has the
//! tool's words around them: severities, "entry", "field", summaries.

use clap::Args;
use service_finder::directory::{Consequence, LoadError, Problem};
use service_finder_import::officer::explain_with_kind;
use service_finder_import::{Language, explain};

/// `--lang` of `check`, `import` and `merge`.
#[derive(Args)]
pub struct LanguageArg {
    /// The language of what is printed for people: de (German) or en (English). Default: from
    /// the locale (LC_ALL, LC_MESSAGES, LANG), German when it starts with "de", else English.
    #[arg(long = "lang", value_parser = ["de", "en"])]
    lang: Option<String>,
}

impl LanguageArg {
    /// The language of `--lang`, or of the locale when it is not given.
    pub fn language(&self) -> Language {
        self.lang
            .as_deref()
            .and_then(Language::from_tag)
            .unwrap_or_else(|| Language::from_locale(|name| std::env::var(name).ok()))
    }
}

/// `english` or `german`, as `language` asks.
pub fn pick<T>(language: Language, english: T, german: T) -> T {
    match language {
        Language::English => english,
        Language::German => german,
    }
}

/// A severity's name (`error`, `warning`, `note`) as the line of a problem starts with it.
pub fn severity(language: Language, name: &str) -> &str {
    match (language, name) {
        (Language::German, "error") => "Fehler",
        (Language::German, "warning") => "Warnung",
        (Language::German, "note") => "Hinweis",
        _ => name,
    }
}

/// One problem of the core's, after `file:line: `. English as the core writes it (`error:
/// entry "x", field url: … (value ignored)`); German with the same parts in German words.
pub fn core_problem(problem: &Problem, language: Language) -> String {
    if language == Language::English {
        return problem.to_string();
    }
    let mut text = format!("{}: ", severity(language, problem.severity.as_str()));
    match &problem.entry {
        Some(entry) => match &entry.id {
            Some(id) => text.push_str(&format!("Eintrag „{id}“")),
            None => text.push_str(&format!("Eintrag Nr. {}", entry.index + 1)),
        },
        None => text.push_str("Verzeichnis"),
    }
    if !problem.field.is_empty() {
        text.push_str(&format!(", Feld „{}“", problem.field));
    }
    text.push_str(": ");
    text.push_str(&core_message(problem, language));
    match problem.consequence {
        Consequence::EntrySkipped => text.push_str(" Der Eintrag wurde ausgelassen."),
        Consequence::ValueIgnored => text.push_str(" Der Wert wurde nicht übernommen."),
        Consequence::ValueCorrected => text.push_str(" Der Wert wurde korrigiert."),
        Consequence::None => {}
    }
    text
}

/// A core problem's explanation alone, in `language`.
pub fn core_message(problem: &Problem, language: Language) -> String {
    explain_with_kind(problem.kind.code(), &problem.message, language).into_owned()
}

/// Why a file is not a directory at all, with the line and column where there are.
pub fn load_error(error: &LoadError, language: Language) -> String {
    if language == Language::English {
        return error.to_string();
    }
    let message = explain(&error.message, language);
    match (error.line, error.column) {
        (Some(line), Some(column)) => format!("Zeile {line}, Spalte {column}: {message}"),
        _ => message.into_owned(),
    }
}

/// The last line of a checked file: `ok` or `has errors`, with the counts.
pub fn check_summary(
    language: Language,
    entries: usize,
    valid: usize,
    errors: usize,
    warnings: usize,
) -> String {
    match language {
        Language::English => format!(
            "{}: {entries} entries, {valid} valid, {} problems ({errors} errors, {warnings} warnings)",
            if errors == 0 { "ok" } else { "has errors" },
            errors + warnings,
        ),
        Language::German => {
            let verdict = if errors == 0 {
                "in Ordnung"
            } else {
                "enthält Fehler"
            };
            let hint = if errors > 0 {
                " Bitte beheben Sie die Fehler und prüfen Sie die Datei noch einmal."
            } else {
                ""
            };
            format!(
                "{verdict}: {entries} {}, davon {valid} gültig, {} ({errors} {}, {warnings} {}).{hint}",
                plural(entries, "Eintrag", "Einträge"),
                count(errors + warnings, "Problem", "Probleme"),
                "Fehler",
                plural(warnings, "Warnung", "Warnungen"),
            )
        }
    }
}

/// `1 Eintrag`, `3 Einträge`.
pub fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", plural(number, one, many))
}

/// `one` for 1, else `many`.
pub fn plural<'a>(number: usize, one: &'a str, many: &'a str) -> &'a str {
    if number == 1 { one } else { many }
}
