//! Problems found while loading a directory, and the one error that stops loading altogether.

use std::fmt;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look, but the data is usable as it is (for example an unknown field).
    Warning,
    /// The data is wrong and must be fixed; `service-finder check` exits non-zero.
    Error,
}

/// What the loader did about a problem, so that nobody has to guess what users will see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// The whole entry was left out (it has no usable id, kind or name, or its id is taken).
    EntrySkipped,
    /// Only the bad value was left out; the rest of the entry is shown.
    ValueIgnored,
    /// The value was corrected (for example, control characters taken out of a text) and is
    /// shown corrected.
    ValueCorrected,
    /// Nothing was left out.
    None,
}

/// A stable, machine-readable name for each sort of problem.
///
/// The CLI's `--json` output and, later, translated messages in the widget key on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A value has the wrong JSON type or an impossible value (`"latitude": "north"`).
    InvalidValue,
    /// A required field is missing or empty.
    MissingField,
    /// A field that the format does not know; often a typo.
    UnknownField,
    /// The entry's id is missing, malformed or used before.
    InvalidId,
    /// Two entries use the same id.
    DuplicateId,
    /// Latitude or longitude out of range, swapped, or far outside the region.
    InvalidCoordinates,
    /// A category id that is neither built in nor defined by the directory.
    UnknownCategory,
    /// A language code that is not ISO 639-1 or ISO 639-3.
    UnknownLanguage,
    /// A link that is malformed or uses a scheme that is not allowed (`javascript:`, `data:`…).
    InvalidUrl,
    /// An e-mail address that is malformed.
    InvalidEmail,
    /// A date that is not `YYYY-MM-DD`, or dates in the wrong order.
    InvalidDate,
    /// A text longer than the format allows.
    TextTooLong,
    /// An entry larger than the format allows, or with too many problems to be trusted.
    EntryTooLarge,
    /// A value that is allowed but probably not meant (old check date, no place at all).
    Suspicious,
    /// A text with characters that are not text or that disguise it (control characters,
    /// direction overrides, invalid UTF-8, halves of a character, invisible characters).
    InvalidText,
}

impl ProblemKind {
    /// The stable name, as used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::InvalidValue => "invalid_value",
            ProblemKind::MissingField => "missing_field",
            ProblemKind::UnknownField => "unknown_field",
            ProblemKind::InvalidId => "invalid_id",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::InvalidCoordinates => "invalid_coordinates",
            ProblemKind::UnknownCategory => "unknown_category",
            ProblemKind::UnknownLanguage => "unknown_language",
            ProblemKind::InvalidUrl => "invalid_url",
            ProblemKind::InvalidEmail => "invalid_email",
            ProblemKind::InvalidDate => "invalid_date",
            ProblemKind::TextTooLong => "text_too_long",
            ProblemKind::EntryTooLarge => "entry_too_large",
            ProblemKind::Suspicious => "suspicious",
            ProblemKind::InvalidText => "invalid_text",
        }
    }
}

/// Which entry a problem belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRef {
    /// Position in the `entries` array, counting from 0.
    pub index: usize,
    /// The entry's id, when it has a readable one.
    pub id: Option<String>,
    /// The line in the file where the entry starts (counting from 1).
    pub line: usize,
}

/// One problem in a directory file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What sort of problem.
    pub kind: ProblemKind,
    /// The entry, or `None` for the directory's own fields.
    pub entry: Option<EntryRef>,
    /// The field inside the entry (or the directory), as a JSON path: `location.latitude`,
    /// `languages[2]`. Empty for the entry as a whole.
    pub field: String,
    /// A plain-language explanation for the person who keeps the data.
    pub message: String,
    /// What the loader did about it.
    pub consequence: Consequence,
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(formatter, "{severity}: ")?;
        match &self.entry {
            // The line is left to the caller, who knows the file name: `file:line: error: …`.
            Some(entry) => match &entry.id {
                Some(id) => write!(formatter, "entry \"{id}\"")?,
                None => write!(formatter, "entry #{}", entry.index)?,
            },
            None => write!(formatter, "directory")?,
        }
        if !self.field.is_empty() {
            write!(formatter, ", field {}", self.field)?;
        }
        write!(formatter, ": {}", self.message)?;
        match self.consequence {
            Consequence::EntrySkipped => write!(formatter, " (entry skipped)"),
            Consequence::ValueIgnored => write!(formatter, " (value ignored)"),
            Consequence::ValueCorrected => write!(formatter, " (value corrected)"),
            Consequence::None => Ok(()),
        }
    }
}

/// Why a file could not be read as a directory at all.
///
/// Everything less severe is a [`Problem`] and loading goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    /// A plain-language explanation.
    pub message: String,
    /// The line of the fault, counting from 1, when there is one.
    pub line: Option<usize>,
    /// The column of the fault, counting from 1, when there is one.
    pub column: Option<usize>,
}

impl LoadError {
    pub(crate) fn new(message: impl Into<String>) -> LoadError {
        LoadError {
            message: message.into(),
            line: None,
            column: None,
        }
    }

    pub(crate) fn at(message: impl Into<String>, line: usize, column: usize) -> LoadError {
        LoadError {
            message: message.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(formatter, "line {line}, column {column}: {}", self.message)
            }
            _ => formatter.write_str(&self.message),
        }
    }
}

impl std::error::Error for LoadError {}
