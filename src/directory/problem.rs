//! Problems found while loading a directory, and the one error that stops loading altogether.
//!
//! There is one problem type, [`Problem`], for every stage: reading a value's shape (the JSON
//! field reader), checking its meaning (validation) and tying it to its entry (loading). Each
//! check sets the kind, severity and consequence where it runs; loading only adds the entry.
//! There is one path type too: a list of [`Step`]s, spelt out only when a problem is reported.

use std::borrow::Cow;
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

impl Severity {
    /// `error` or `warning`, as reports and the browser API write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
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

impl Problem {
    /// A problem of the value at `at` (relative to the record being read or checked), not yet
    /// tied to an entry.
    pub(crate) fn new(
        severity: Severity,
        kind: ProblemKind,
        at: &[Step],
        message: impl Into<String>,
        consequence: Consequence,
    ) -> Problem {
        Problem {
            severity,
            kind,
            entry: None,
            field: path_text(&[], at),
            message: message.into(),
            consequence,
        }
    }
}

/// Most problems listed for one record. A record with this many is given up as untrustworthy:
/// the one rule for every stage (see `load::give_up_on_too_many`).
pub const MAX_PROBLEMS: usize = 20;

/// One step on the path from a record to one of its values: a field (`location`, or a dotted
/// path written out such as `location.latitude`), a list position (`[2]`), or a key of an
/// object with any keys (a translation's language, a category id under `synonyms`).
#[derive(Debug, Clone)]
pub(crate) enum Step<'a> {
    /// A field name.
    Field(&'static str),
    /// A position in a list.
    Index(usize),
    /// A key of an object with any keys.
    Key(Cow<'a, str>),
}

/// The path `first` then `then` as problems name it: `phones[2].number`.
fn path_text(first: &[Step], then: &[Step]) -> String {
    let mut path = String::new();
    for step in first.iter().chain(then) {
        match step {
            Step::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            Step::Field(name) => push_name(&mut path, name),
            Step::Key(key) => push_name(&mut path, key),
        }
    }
    path
}

fn push_name(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// The problems of one record (an entry, the directory's own fields, a query) as its reading
/// and checking find them, and the path to the value being read. At most [`MAX_PROBLEMS`] are
/// kept.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    path: Vec<Step<'static>>,
}

impl Problems {
    /// The problems found, at most [`MAX_PROBLEMS`].
    pub(crate) fn into_list(self) -> Vec<Problem> {
        self.list
    }

    /// The problems found so far.
    pub(crate) fn list(&self) -> &[Problem] {
        &self.list
    }

    /// Whether the record has so many problems that it should be given up.
    pub(crate) fn too_many(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS
    }

    /// Whether the value being read is the record itself (no field entered yet).
    pub(crate) fn at_record(&self) -> bool {
        self.path.is_empty()
    }

    /// Notes a problem of the value at `at`, under the value being read.
    pub(crate) fn report(
        &mut self,
        severity: Severity,
        kind: ProblemKind,
        at: &[Step],
        message: impl Into<String>,
        consequence: Consequence,
    ) {
        if self.too_many() {
            return;
        }
        self.list.push(Problem {
            severity,
            kind,
            entry: None,
            field: path_text(&self.path, at),
            message: message.into(),
            consequence,
        });
    }

    /// An error of the value at `at`.
    pub(crate) fn error(
        &mut self,
        kind: ProblemKind,
        at: &[Step],
        message: impl Into<String>,
        consequence: Consequence,
    ) {
        self.report(Severity::Error, kind, at, message, consequence);
    }

    /// A warning about the value at `at`, which is kept as it is.
    pub(crate) fn warning(&mut self, kind: ProblemKind, at: &[Step], message: impl Into<String>) {
        self.report(Severity::Warning, kind, at, message, Consequence::None);
    }

    /// Says that the value ignored at `field` (under the current path) costs more:
    /// `consequence`. For a required field whose bad value was reported when it was read.
    pub(crate) fn escalate(&mut self, field: &'static str, consequence: Consequence) {
        let path = path_text(&self.path, &[Step::Field(field)]);
        for problem in &mut self.list {
            if problem.field == path && problem.consequence == Consequence::ValueIgnored {
                problem.consequence = consequence;
            }
        }
    }

    /// Goes one step down, to read a value inside the current one.
    pub(crate) fn enter(&mut self, step: Step<'static>) {
        self.path.push(step);
    }

    /// Goes back up after [`Problems::enter`].
    pub(crate) fn leave(&mut self) {
        self.path.pop();
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "{}: ", self.severity.as_str())?;
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
