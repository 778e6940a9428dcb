//! Loading a directory file: every valid entry, and a list of everything that was wrong.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::lenient::{FieldIssue, IssueKind, deserialize_lenient};
use super::model::{Directory, Entry, FORMAT_VERSION};
use super::problem::{Consequence, EntryRef, LoadError, Problem, ProblemKind, Severity};
use super::scan::{
    ScannedDocument, join_parts, nominal_part_starts, read_list_part, scan_document,
    scan_document_with,
};
use super::validate::{CheckContext, Findings, check_entry, check_header};

/// Largest directory file accepted, in bytes (a generated 100,000-entry directory is ~60 MB).
pub const MAX_DOCUMENT_BYTES: usize = 128 * 1024 * 1024;
/// Most entries accepted in one directory.
pub const MAX_ENTRIES: usize = 200_000;
/// Largest single entry accepted, in bytes of JSON.
pub const MAX_ENTRY_BYTES: usize = 64 * 1024;

/// A directory with its valid entries, and every problem found on the way.
#[derive(Debug, Clone)]
pub struct LoadedDirectory {
    /// The directory, holding only the entries that are usable.
    pub directory: Directory,
    /// Every problem, in file order: the directory's own first, then entry by entry.
    pub problems: Vec<Problem>,
    /// How many entries the file has, usable or not.
    pub entries_in_file: usize,
}

impl LoadedDirectory {
    /// How many problems are errors (as opposed to warnings).
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::Error)
            .count()
    }
}

/// Loads a directory from JSON text.
///
/// Fails only when the text is not JSON, not a directory, of an unsupported format version, or
/// beyond the size limits. Everything else is reported as a [`Problem`]: a bad value is left out,
/// an unusable entry is skipped, and all other entries are kept.
pub fn load_directory(json: &str) -> Result<LoadedDirectory, LoadError> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::new(format!(
            "the file is {} MB; directories of at most {} MB are accepted",
            json.len() / 1_000_000,
            MAX_DOCUMENT_BYTES / 1_000_000
        )));
    }
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON does not allow it.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);

    // Fast path: when the header and every entry have the right shape, entries are read
    // straight into the model (in parallel parts) and checked in place. Meaning is checked
    // the same way on both paths, so the result does not depend on the path taken.
    if let Some(loaded) = read_fast(json) {
        return Ok(loaded);
    }
    let parts = split_document(json)?;
    load_leniently(json, parts)
}

/// The top-level fields of a directory file, each as its JSON text, and the entries' texts.
type TopFields<'a> = (BTreeMap<String, &'a RawValue>, Vec<&'a str>);

/// Splits a directory file into its top-level fields and its entries' texts, and checks what
/// makes it a directory at all (format version, an entry list within the limit).
fn split_document(json: &str) -> Result<TopFields<'_>, LoadError> {
    type Entries<'a> = Option<Result<Vec<&'a str>, LoadError>>;
    // The quick scan finds the header's fields and each entry's JSON (see `scan`); serde_json's
    // one-pass reading does the same for whatever the scan gives up on. When that fails too
    // (not JSON, not an object, "entries" not a list), the plain reading says why and where.
    let parts = scan_document(json).or_else(|| {
        let document = serde_json::from_str::<DocumentParts>(json).ok()?;
        let entries = document
            .entries
            .map(|entries| entries.into_iter().map(RawValue::get).collect());
        Some(ScannedDocument {
            header: document.header,
            entries,
        })
    });
    let (top, entries): (BTreeMap<String, &RawValue>, Entries) = match parts {
        Some(document) => (header_map(&document.header), document.entries.map(Ok)),
        None => {
            let top: BTreeMap<String, &RawValue> =
                serde_json::from_str(json).map_err(|error| document_error(&error))?;
            let entries = top.get("entries").map(|raw| {
                let entries = serde_json::from_str::<Vec<&RawValue>>(raw.get());
                let entries = entries.map(|entries| entries.into_iter().map(RawValue::get));
                entries.map(Iterator::collect).map_err(|_| {
                    let (line, column) = LineIndex::new(json).position(raw.get());
                    LoadError::at("\"entries\" must be a list: [ {…}, {…} ]", line, column)
                })
            });
            (top, entries)
        }
    };
    check_format_version(&top)?;
    let Some(raw_entries) = entries else {
        return Err(LoadError::new(
            "this is not a directory: it has no \"entries\" list",
        ));
    };
    let raw_entries = raw_entries?;
    if raw_entries.len() > MAX_ENTRIES {
        return Err(LoadError::new(format!(
            "the directory has {} entries; at most {MAX_ENTRIES} are accepted",
            raw_entries.len()
        )));
    }
    Ok((top, raw_entries))
}

/// The header's fields by name; of a repeated key, the last value.
fn header_map<'a>(header: &[(String, &'a RawValue)]) -> BTreeMap<String, &'a RawValue> {
    // Inserted one by one rather than collected: collecting sorts with the stable sort, whose
    // code would be in the wasm for this alone.
    let mut top = BTreeMap::new();
    for (key, raw) in header {
        top.insert(key.clone(), *raw);
    }
    top
}

/// The slow path: entry by entry, so that every problem is found and no entry hides another.
fn load_leniently(
    json: &str,
    (top, raw_entries): TopFields<'_>,
) -> Result<LoadedDirectory, LoadError> {
    let mut problems = Vec::new();
    let directory = load_header(&top, &mut problems);
    let pending = raw_entries.into_iter().map(parse_entry).collect();
    Ok(finish(json, directory, problems, pending))
}

/// An entry on its way through loading.
struct Pending<'a> {
    /// The entry, or `None` once it is known to be unusable.
    entry: Option<Entry>,
    /// Problems found so far.
    found: Vec<FindingOrIssue>,
    /// The entry's JSON in the document.
    raw: &'a str,
}

/// A directory file split in one pass: the header's fields (in file order, repeats kept) and
/// the JSON text of each entry.
struct DocumentParts<'a> {
    header: Vec<(String, &'a RawValue)>,
    entries: Option<Vec<&'a RawValue>>,
}

impl<'de> Deserialize<'de> for DocumentParts<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartsVisitor;
        impl<'de> serde::de::Visitor<'de> for PartsVisitor {
            type Value = DocumentParts<'de>;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a directory object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut parts = DocumentParts {
                    header: Vec::new(),
                    entries: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "entries" && parts.entries.is_none() {
                        parts.entries = Some(map.next_value()?);
                    } else {
                        parts.header.push((key, map.next_value()?));
                    }
                }
                Ok(parts)
            }
        }
        deserializer.deserialize_map(PartsVisitor)
    }
}

/// The entries read from a file, and the JSON text of each.
type EntriesRead<'a> = (Vec<Entry>, Vec<&'a str>);

/// Reads the entries list whose `[` is just before `list_start`, in parts on all cores: the
/// entries with their JSON texts, and the position just after the list's `]`. `None` when an
/// entry does not have the right shape (or the parts do not meet; see [`join_parts`]).
fn read_entries_in_parts(json: &str, list_start: usize) -> Option<(EntriesRead<'_>, usize)> {
    let parts = crate::parallel::part_count(json.len() - list_start);
    let starts = nominal_part_starts(list_start, json.len(), parts);
    let read = crate::parallel::map_parts(parts, |part| {
        let mut entries = Vec::new();
        let mut texts = Vec::new();
        let until = starts.get(part + 1).copied();
        let ends = read_list_part(json, starts[part], part == 0, until, |entry, text| {
            if text.len() > MAX_ENTRY_BYTES {
                return None;
            }
            entries.push(entry);
            texts.push(text);
            // The first part's list becomes the list of all entries. Once its first entries
            // tell how long an entry is, it makes room for all, so that the other parts are
            // moved to its end and the largest part is never copied.
            if part == 0 && entries.len() == ENTRIES_TO_ESTIMATE_FROM {
                let bytes_so_far =
                    text.as_ptr() as usize + text.len() - json.as_ptr() as usize - list_start;
                let estimate =
                    (json.len() - list_start) / bytes_so_far.max(1) * ENTRIES_TO_ESTIMATE_FROM;
                entries.reserve(estimate + estimate / 8);
            }
            Some(())
        })?;
        Some((ends, entries, texts))
    });
    let mut all_ends = Vec::with_capacity(parts);
    let mut all_entries = Vec::new();
    let mut all_texts = Vec::new();
    for part in read {
        let (ends, entries, texts) = part?;
        all_ends.push(ends);
        if all_entries.is_empty() {
            all_entries = entries;
        } else {
            all_entries.extend(entries);
        }
        all_texts.extend(texts);
    }
    let end = join_parts(&all_ends)?;
    Some(((all_entries, all_texts), end))
}

/// How many entries the first part reads before it estimates how many there are in all.
const ENTRIES_TO_ESTIMATE_FROM: usize = 64;

/// Reads a directory whose header and entries all have the right shape, or `None` as soon as
/// one does not (the slow path then reports it). The entries list is read in parts on all
/// cores (see [`crate::parallel`] and [`super::scan`]), and the entries are checked in
/// parallel chunks once the header, which may follow them, is known.
fn read_fast(json: &str) -> Option<LoadedDirectory> {
    let document = scan_document_with(json, read_entries_in_parts)?;
    let top = header_map(&document.header);
    // A repeated key, a wrong format version or too many entries: the slow path says so.
    if top.len() != document.header.len() || check_format_version(&top).is_err() {
        return None;
    }
    let (mut entries, raw_entries) = document.entries?;
    if entries.len() > MAX_ENTRIES {
        return None;
    }
    let mut header_json = String::from("{");
    for (key, raw) in &top {
        header_json.push_str(&serde_json::to_string(key).ok()?);
        header_json.push(':');
        header_json.push_str(raw.get());
        header_json.push(',');
    }
    header_json.push_str("\"entries\":[]}");
    let mut directory: Directory = serde_json::from_str(&header_json).ok()?;
    let mut problems = header_problems(&mut directory);
    let context = CheckContext::for_directory(&directory);

    let chunks = crate::parallel::map_chunks_mut(&mut entries, |offset, chunk| {
        let mut keep = Vec::with_capacity(chunk.len());
        // Problems by entry index; few entries have any, so this stays short.
        let mut found: Vec<(usize, Vec<FindingOrIssue>)> = Vec::new();
        for (number, entry) in chunk.iter_mut().enumerate() {
            let mut findings = Findings::default();
            keep.push(check_entry(entry, &context, &mut findings));
            if !findings.list.is_empty() {
                let entry_found = findings.list.into_iter().map(FindingOrIssue::Finding);
                found.push((offset + number, entry_found.collect()));
            }
        }
        (keep, found)
    });
    let mut keep = Vec::with_capacity(entries.len());
    let mut found = Vec::new();
    for (chunk_keep, chunk_found) in chunks {
        keep.extend(chunk_keep);
        found.extend(chunk_found);
    }

    let ids = entries.iter().enumerate();
    let duplicates =
        later_duplicates(ids.map(|(index, entry)| keep[index].then_some(entry.id.as_str())));
    for index in duplicates {
        keep[index] = false;
        let duplicate = FindingOrIssue::duplicate_id(&entries[index].id);
        match found.binary_search_by_key(&index, |(known, _)| *known) {
            Ok(position) => found[position].1.push(duplicate),
            Err(position) => found.insert(position, (index, vec![duplicate])),
        }
    }
    let entries_in_file = entries.len();
    if !found.is_empty() {
        let lines = LineIndex::new(json);
        for (index, entry_found) in found {
            let entry_ref = EntryRef {
                index,
                id: Some(entries[index].id.clone()),
                line: lines.line_of(lines.offset_of(raw_entries[index])),
            };
            problems.extend(
                entry_found
                    .into_iter()
                    .map(|finding| finding.into_problem(&entry_ref, !keep[index])),
            );
        }
        let mut index = 0;
        entries.retain(|_| {
            index += 1;
            keep[index - 1]
        });
    }
    directory.entries = entries;
    Some(LoadedDirectory {
        directory,
        problems,
        entries_in_file,
    })
}

/// Checks the directory's own fields and returns their problems.
fn header_problems(directory: &mut Directory) -> Vec<Problem> {
    let mut findings = Findings::default();
    check_header(directory, &mut findings);
    findings
        .list
        .into_iter()
        .map(|finding| FindingOrIssue::Finding(finding).into_problem_without_entry())
        .collect()
}

/// Checks meaning (header and entries), removes duplicate ids, and ties problems to entries.
fn finish(
    json: &str,
    mut directory: Directory,
    mut problems: Vec<Problem>,
    mut pending: Vec<Pending>,
) -> LoadedDirectory {
    problems.extend(header_problems(&mut directory));

    let context = CheckContext::for_directory(&directory);
    for item in &mut pending {
        if let Some(entry) = &mut item.entry {
            let mut findings = Findings::default();
            if !check_entry(entry, &context, &mut findings) {
                item.entry = None;
            }
            item.found
                .extend(findings.list.into_iter().map(FindingOrIssue::Finding));
        }
    }

    let duplicates = later_duplicates(
        pending
            .iter()
            .map(|item| item.entry.as_ref().map(|entry| entry.id.as_str())),
    );
    for index in duplicates {
        let item = &mut pending[index];
        let id = item.entry.take().map(|entry| entry.id).unwrap_or_default();
        item.found.push(FindingOrIssue::duplicate_id(&id));
    }

    let entries_in_file = pending.len();
    let lines = LineIndex::new(json);
    let mut entries = Vec::with_capacity(pending.len());
    for (index, item) in pending.into_iter().enumerate() {
        if !item.found.is_empty() {
            let offset = lines.offset_of(item.raw);
            let entry_ref = EntryRef {
                index,
                id: item
                    .entry
                    .as_ref()
                    .map(|entry| entry.id.clone())
                    .or_else(|| probe_id(item.raw)),
                line: lines.line_of(offset),
            };
            let skipped = item.entry.is_none();
            problems.extend(
                item.found
                    .into_iter()
                    .map(|finding| finding.into_problem(&entry_ref, skipped)),
            );
        }
        entries.extend(item.entry);
    }
    directory.entries = entries;
    LoadedDirectory {
        directory,
        problems,
        entries_in_file,
    }
}

/// The positions of entries whose id an earlier entry has already: the first entry with an id
/// keeps it, later ones are skipped. `None` stands for an entry that is skipped anyway.
fn later_duplicates<'a>(ids: impl ExactSizeIterator<Item = Option<&'a str>>) -> Vec<usize> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    seen.reserve(ids.len());
    ids.enumerate()
        .filter(|(_, id)| id.is_some_and(|id| !seen.insert(id)))
        .map(|(index, _)| index)
        .collect()
}

/// Parses one entry's shape; meaning is checked later.
fn parse_entry(json: &str) -> Pending<'_> {
    if json.len() > MAX_ENTRY_BYTES {
        let finding = FindingOrIssue::Finding(super::validate::Finding {
            kind: ProblemKind::EntryTooLarge,
            severity: Severity::Error,
            field: String::new(),
            message: format!(
                "the entry is {} KB of JSON; at most {} KB are allowed",
                json.len() / 1024,
                MAX_ENTRY_BYTES / 1024
            ),
            consequence: Consequence::EntrySkipped,
        });
        return Pending {
            entry: None,
            found: vec![finding],
            raw: json,
        };
    }
    let lenient = deserialize_lenient::<Entry>(json);
    Pending {
        entry: lenient.value,
        found: lenient
            .issues
            .into_iter()
            .map(FindingOrIssue::Issue)
            .collect(),
        raw: json,
    }
}

/// The directory's own fields, checked; problems with them never stop loading.
fn load_header(top: &BTreeMap<String, &RawValue>, problems: &mut Vec<Problem>) -> Directory {
    let mut header = Map::new();
    for (key, raw) in top {
        if key != "entries" {
            // Syntax was checked when the whole document was parsed.
            let value: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
            header.insert(key.clone(), value);
        }
    }
    // The entries are read one by one elsewhere; an empty list stands in for them here.
    header.insert("entries".to_owned(), Value::Array(Vec::new()));
    let header_json = Value::Object(header).to_string();
    let lenient = deserialize_lenient::<Directory>(&header_json);
    for issue in lenient.issues {
        problems.push(FindingOrIssue::Issue(issue).into_problem_without_entry());
    }
    lenient.value.unwrap_or_default()
}

fn check_format_version(top: &BTreeMap<String, &RawValue>) -> Result<(), LoadError> {
    let Some(raw) = top.get("format_version") else {
        return Err(LoadError::new(
            "this is not a service-finder directory: \"format_version\": 1 is missing at the top of the file",
        ));
    };
    match serde_json::from_str::<u32>(raw.get()) {
        Ok(FORMAT_VERSION) => Ok(()),
        _ => Err(LoadError::new(format!(
            "format_version {} is not supported; this version of service-finder reads format_version {FORMAT_VERSION}",
            raw.get()
        ))),
    }
}

/// Turns serde_json's error for the whole document into a plain-language one with its position.
fn document_error(error: &serde_json::Error) -> LoadError {
    use serde_json::error::Category;
    let message = match error.classify() {
        Category::Syntax | Category::Eof => {
            let detail = error.to_string();
            let detail = detail
                .split(" at line ")
                .next()
                .unwrap_or(&detail)
                .to_owned();
            format!("the file is not valid JSON: {detail}")
        }
        Category::Data => {
            "this is not a directory: the file must be a JSON object { \"format_version\": 1, … }"
                .to_owned()
        }
        Category::Io => error.to_string(),
    };
    LoadError::at(message, error.line(), error.column())
}

/// Finds an entry's id for reporting when the entry itself could not be read.
fn probe_id(json: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<Value>,
    }
    let probe: IdOnly = serde_json::from_str(json).ok()?;
    match probe.id? {
        Value::String(id) if !id.is_empty() => Some(id.chars().take(100).collect()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A problem from either stage: deserialization (shape) or validation (meaning).
enum FindingOrIssue {
    Issue(FieldIssue),
    Finding(super::validate::Finding),
}

impl FindingOrIssue {
    fn duplicate_id(id: &str) -> FindingOrIssue {
        FindingOrIssue::Finding(super::validate::Finding {
            kind: ProblemKind::DuplicateId,
            severity: Severity::Error,
            field: "id".to_owned(),
            message: format!("the id \"{id}\" is used by an earlier entry already"),
            consequence: Consequence::EntrySkipped,
        })
    }

    fn into_problem(self, entry: &EntryRef, entry_skipped: bool) -> Problem {
        let mut problem = self.into_problem_without_entry();
        problem.entry = Some(entry.clone());
        // A removed value in an entry that was skipped anyway is just part of the reason.
        if entry_skipped && problem.consequence == Consequence::ValueIgnored {
            problem.consequence = Consequence::EntrySkipped;
        }
        problem
    }

    fn into_problem_without_entry(self) -> Problem {
        match self {
            FindingOrIssue::Finding(finding) => Problem {
                severity: finding.severity,
                kind: finding.kind,
                entry: None,
                field: finding.field,
                message: finding.message,
                consequence: finding.consequence,
            },
            FindingOrIssue::Issue(issue) => {
                let (severity, kind, consequence) = match issue.kind {
                    IssueKind::UnknownField => (
                        Severity::Warning,
                        ProblemKind::UnknownField,
                        Consequence::None,
                    ),
                    IssueKind::MissingField => (
                        Severity::Error,
                        ProblemKind::MissingField,
                        Consequence::ValueIgnored,
                    ),
                    IssueKind::InvalidValue if is_date_field(&issue.path) => (
                        Severity::Error,
                        ProblemKind::InvalidDate,
                        Consequence::ValueIgnored,
                    ),
                    IssueKind::InvalidValue => (
                        Severity::Error,
                        ProblemKind::InvalidValue,
                        Consequence::ValueIgnored,
                    ),
                    IssueKind::TooManyIssues => (
                        Severity::Error,
                        ProblemKind::EntryTooLarge,
                        Consequence::EntrySkipped,
                    ),
                };
                let consequence = if (issue.path.is_empty()
                    || issue.kind == IssueKind::TooManyIssues)
                    && kind != ProblemKind::UnknownField
                {
                    Consequence::EntrySkipped
                } else {
                    consequence
                };
                Problem {
                    severity,
                    kind,
                    entry: None,
                    field: issue.path,
                    message: issue.message,
                    consequence,
                }
            }
        }
    }
}

fn is_date_field(path: &str) -> bool {
    let field = path.rsplit('.').next().unwrap_or(path);
    field.ends_with("_date") || field == "last_modified"
}

/// Byte offset → line number, for pointing at entries in the file.
struct LineIndex<'a> {
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// The byte offset of `part`, a slice of the indexed text.
    fn offset_of(&self, part: &str) -> usize {
        (part.as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len())
    }

    /// The line (from 1) of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.position_of(offset).0
    }

    /// Line and column (from 1) where `part`, a slice of the indexed text, starts.
    fn position(&self, part: &str) -> (usize, usize) {
        self.position_of(self.offset_of(part))
    }

    fn position_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(index, _)| index + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        (line, offset - starts[line - 1] + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate_directory;

    /// Large enough to be read in several parts where there are several cores.
    const ENTRIES: usize = 12_000;

    #[test]
    fn the_fast_path_reads_what_the_slow_path_reads() {
        let mut directory = generate_directory(ENTRIES, 3);
        directory.entries[2].email = Some("not-an-email".to_owned());
        directory.entries[9_000].email = Some("also not an e-mail".to_owned());
        directory.entries[11_000].id = directory.entries[10].id.clone();
        let compact = serde_json::to_string(&directory).unwrap();
        let pretty = serde_json::to_string_pretty(&directory).unwrap();
        for json in [compact, pretty] {
            let fast =
                read_fast(&json).expect("a directory of the right shape takes the fast path");
            let parts = split_document(&json).unwrap();
            let slow = load_leniently(&json, parts).unwrap();
            assert_eq!(fast.directory, slow.directory);
            assert_eq!(fast.problems, slow.problems);
            assert_eq!(fast.problems.len(), 3);
            assert_eq!(fast.entries_in_file, ENTRIES);
        }
    }
}
