//! Loading a directory file: every valid entry, and a list of everything that was wrong.
//!
//! One pass reads the file (see [`super::read`]): the directory's own fields, and the entries
//! list, in parallel parts when it is large (see [`super::parts`]). Then the meaning of every
//! value is checked (see [`super::validate`]), in parallel chunks, once the directory's own
//! fields, which may follow the entries, are known.

use rustc_hash::FxHashSet;

use crate::json::{Read, Reader, SyntaxError};

use super::model::{Entry, FORMAT_VERSION};
use super::parts::{PartEnds, join_parts, nominal_part_starts, read_list_part};
use super::problem::{
    Consequence, EntryRef, LoadError, MAX_PROBLEMS, Problem, ProblemKind, Problems, Severity,
};
use super::read::{DirectoryRead, EntryRead, blank_entry, given_up, read_directory, shown_id};
use super::validate::{CheckContext, check_entry, check_header};

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
    pub directory: super::model::Directory,
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
    load(json, true)
}

/// Loads a directory from the bytes of a file, as the CLI reads it from disk and the widget
/// fetches it: one rule for both.
///
/// Bytes that are not UTF-8 (a file saved as Windows-1252, a damaged download) do not stop
/// loading: each run of them is read as U+FFFD, as browsers read text, and one error names the
/// first places by line and column; everything else loads as with [`load_directory`].
pub fn load_directory_bytes(bytes: &[u8]) -> Result<LoadedDirectory, LoadError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(bytes.len()));
    }
    let mut chunks = bytes.utf8_chunks();
    // The usual case, read in place: a chunk without invalid bytes is the last one, so when
    // the first has none, all the file is UTF-8.
    let first = chunks.next();
    match &first {
        None => return load("", true),
        Some(chunk) if chunk.invalid().is_empty() => return load(chunk.valid(), true),
        Some(_) => {}
    }
    let mut text = String::with_capacity(bytes.len());
    // (line, column) of the first few places, counting from 1, in the file's bytes.
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut count = 0;
    let (mut line, mut column) = (1, 1);
    for chunk in first.into_iter().chain(chunks) {
        let valid = chunk.valid();
        text.push_str(valid);
        match valid.rfind('\n') {
            Some(last) => {
                line += valid.matches('\n').count();
                column = valid.len() - last;
            }
            None => column += valid.len(),
        }
        if !chunk.invalid().is_empty() {
            count += 1;
            if places.len() < MAX_PLACES_NAMED {
                places.push((line, column));
            }
            column += chunk.invalid().len();
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    let mut loaded = load(&text, true)?;
    if count > 0 {
        // "… at 2 places: line 3, column 45; line 9, column 2. Save …"
        let mut message = format!(
            "the file is not all UTF-8 text: bytes were read as \u{FFFD} at {count} place(s):"
        );
        for (number, (line, column)) in places.iter().enumerate() {
            let separator = if number == 0 { " " } else { "; " };
            message.push_str(&format!("{separator}line {line}, column {column}"));
        }
        if count > places.len() {
            message.push_str("; …");
        }
        message.push_str(". Save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
        let problem = Problem::new(
            Severity::Error,
            ProblemKind::InvalidText,
            &[],
            message,
            Consequence::ValueCorrected,
        );
        put_first(&mut loaded, vec![problem]);
    }
    Ok(loaded)
}

/// Puts `problems`, which are about the whole file, before the others.
fn put_first(loaded: &mut LoadedDirectory, mut problems: Vec<Problem>) {
    problems.append(&mut loaded.problems);
    loaded.problems = problems;
}

/// How many places of bytes that are not UTF-8 the problem names.
const MAX_PLACES_NAMED: usize = 5;

pub(super) fn too_large(bytes: usize) -> LoadError {
    LoadError::new(format!(
        "the file is {} MB; directories of at most {} MB are accepted",
        bytes / 1_000_000,
        MAX_DOCUMENT_BYTES / 1_000_000
    ))
}

/// [`load_directory`], reading a large entries list in parallel parts only with `in_parts`.
fn load(json: &str, in_parts: bool) -> Result<LoadedDirectory, LoadError> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(json.len()));
    }
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON does not allow it.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let lines = LineIndex::new(json);

    let mut reader = Reader::new(json);
    let mut entries: Option<EntriesRead> = None;
    // Why the entries cannot be loaded (not a list, too many): reading stops there.
    let mut refused = None;
    // Where a second (third, …) `entries` list starts: JSON.parse would keep only the last
    // list and we only the first; instead the entries of all are read, and the repeat reported.
    let mut repeated_lists = Vec::new();
    let header = read_directory(&mut reader, &mut |reader| {
        let start = reader.position();
        match read_entries(reader, &lines, in_parts)? {
            Ok(more) => match &mut entries {
                None => entries = Some(more),
                Some(read) => {
                    repeated_lists.push(start);
                    read.append(more);
                }
            },
            Err(error) => {
                refused = Some(error);
                return Err(SyntaxError {
                    offset: reader.position(),
                    message: "reading stopped",
                });
            }
        }
        Ok(())
    })
    .and_then(|header| match header {
        Some(header) => reader.end().map(|()| Some(header)),
        None => Ok(None),
    });
    if let Some(error) = refused {
        return Err(error);
    }
    let header = header.map_err(|error| syntax_error(&lines, &error))?;
    let Some(header) = header else {
        return Err(LoadError::new(
            "this is not a directory: the file must be a JSON object { \"format_version\": 1, … }",
        ));
    };
    check_format_version(header.format_version)?;
    let Some(entries) = entries else {
        return Err(LoadError::new(
            "this is not a directory: it has no \"entries\" list",
        ));
    };
    let mut loaded = check(&lines, header, entries);
    let repeats = repeated_lists.iter().map(|&start| {
        let (line, column) = lines.position_of(start);
        Problem {
            severity: Severity::Error,
            kind: ProblemKind::InvalidValue,
            entry: None,
            field: "entries".to_owned(),
            message: format!(
                "\"entries\" appears again at line {line}, column {column}; the entries of every list were read, but other programs keep only one list: make it one"
            ),
            consequence: Consequence::None,
        }
    });
    put_first(&mut loaded, repeats.collect());
    Ok(loaded)
}

/// The entries as read, before their meaning is checked.
#[derive(Default)]
pub(super) struct EntriesRead {
    /// Every entry in the file; an unusable one is a blank stand-in.
    pub(super) entries: Vec<Entry>,
    /// Whether each entry is usable so far.
    usable: Vec<bool>,
    /// Where each entry starts in the file (a byte offset).
    starts: Vec<usize>,
    /// The problems found while reading, by entry index, in order; few entries have any.
    found: Vec<(usize, Vec<Problem>)>,
    /// The ids of unusable entries as written, by entry index, for the reports.
    written_ids: Vec<(usize, String)>,
    /// The line of each entry's start, by entry index, when the file was read in pieces (see
    /// [`super::pieces`]); empty when the lines are worked out from the whole text.
    pub(super) lines: Vec<usize>,
}

impl EntriesRead {
    /// Adds the entry whose JSON is `json[start..end]`.
    pub(super) fn push(&mut self, start: usize, end: usize, read: EntryRead) {
        let index = self.entries.len();
        self.starts.push(start);
        let EntryRead {
            mut entry,
            problems: mut found,
            mut written_id,
        } = read;
        if end - start > MAX_ENTRY_BYTES {
            found = vec![Problem::new(
                Severity::Error,
                ProblemKind::EntryTooLarge,
                &[],
                format!(
                    "the entry is {} KB of JSON; at most {} KB are allowed",
                    (end - start) / 1024,
                    MAX_ENTRY_BYTES / 1024
                ),
                Consequence::EntrySkipped,
            )];
            if let Some(too_large) = entry.take() {
                written_id = shown_id(&too_large.id);
            }
        }
        if let Some(id) = written_id {
            self.written_ids.push((index, id));
        }
        self.usable.push(entry.is_some());
        self.entries.push(entry.unwrap_or_else(blank_entry));
        if !found.is_empty() {
            self.found.push((index, found));
        }
    }

    /// Once the list's first [`ENTRIES_TO_ESTIMATE_FROM`] entries tell how long an entry is
    /// (they took `read_bytes` of the list's `list_bytes`), makes room for all the entries the
    /// list likely holds, and an eighth more. Growing by doubling instead copies the list each
    /// time, and old and new copy are held at once: in the browser, whose wasm memory never
    /// shrinks, that peak stays for the page's life.
    pub(super) fn make_room_for_all(&mut self, list_bytes: usize, read_bytes: usize) {
        if self.entries.len() == ENTRIES_TO_ESTIMATE_FROM {
            let estimate =
                (list_bytes / read_bytes.max(1) * ENTRIES_TO_ESTIMATE_FROM).min(MAX_ENTRIES);
            self.entries.reserve(estimate + estimate / 8);
        }
    }

    /// Gives back the room an estimate made for entries that were not there (the first
    /// entries were shorter than the rest), when it is more than a quarter of the list.
    pub(super) fn give_back_unused_room(&mut self) {
        if self.entries.capacity() > self.entries.len() + self.entries.len() / 4 {
            self.entries.shrink_to_fit();
        }
    }

    /// Adds the entries of the next part of the list.
    fn append(&mut self, mut part: EntriesRead) {
        let offset = self.entries.len();
        if offset == 0 {
            *self = part;
            return;
        }
        self.entries.append(&mut part.entries);
        self.usable.append(&mut part.usable);
        self.starts.append(&mut part.starts);
        let found = part.found.into_iter();
        self.found
            .extend(found.map(|(index, found)| (index + offset, found)));
        let written_ids = part.written_ids.into_iter();
        self.written_ids
            .extend(written_ids.map(|(index, id)| (index + offset, id)));
    }
}

/// Reads the entries list at the reader; a [`LoadError`] when it is not a list or too long.
fn read_entries(
    reader: &mut Reader,
    lines: &LineIndex,
    in_parts: bool,
) -> Read<Result<EntriesRead, LoadError>> {
    if reader.peek()? != crate::json::Found::List {
        let (line, column) = lines.position_of(reader.position());
        reader.skip()?;
        return Ok(Err(LoadError::at(
            "\"entries\" must be a list: [ {…}, {…} ]",
            line,
            column,
        )));
    }
    let list_start = reader.position() + 1;
    if in_parts && let Some((read, end)) = read_entries_in_parts(reader.text(), list_start) {
        *reader = Reader::at(reader.text(), end);
        return Ok(Ok(read));
    }
    // In one piece: for small lists, and where the parts do not meet (or the list is broken,
    // which this reading reports with its position).
    reader.begin_list()?;
    let mut read = EntriesRead::default();
    let list_bytes = reader.text().len() - list_start;
    let each = |start, end, entry| {
        read.push(start, end, entry);
        read.make_room_for_all(list_bytes, end - list_start);
        (read.entries.len() <= MAX_ENTRIES).then_some(())
    };
    if read_list_part(reader, true, None, each)?.is_none() {
        // Refused at once: reading on, only to count, would take as long as loading them.
        return Ok(Err(too_many_entries()));
    }
    read.give_back_unused_room();
    Ok(Ok(read))
}

pub(super) fn too_many_entries() -> LoadError {
    LoadError::new(format!(
        "the directory has more than {MAX_ENTRIES} entries; at most {MAX_ENTRIES} are accepted"
    ))
}

/// Reads the entries list whose `[` is just before `list_start` in parts on all cores, and
/// returns them with the position just after the list's `]`. `None` when there is only one
/// part, the parts do not meet (see [`join_parts`]), a part is broken, or the parts have read
/// more than [`MAX_ENTRIES`] together: the list is then read in one piece, which tells exactly.
fn read_entries_in_parts(json: &str, list_start: usize) -> Option<(EntriesRead, usize)> {
    let parts = crate::parallel::part_count(json.len() - list_start);
    if parts < 2 {
        return None;
    }
    // All parts count together, so that a list that is too long stops them once they have read
    // the most that is accepted, not after reading all of it.
    let read_in_all = std::sync::atomic::AtomicUsize::new(0);
    let starts = nominal_part_starts(list_start, json.len(), parts);
    let read = crate::parallel::map_parts(parts, |part| {
        let mut read = EntriesRead::default();
        let mut reader = Reader::at(json, starts[part]);
        let until = starts.get(part + 1).copied();
        let each = |start: usize, end: usize, entry| {
            read.push(start, end, entry);
            // The first part's list becomes the list of all entries: it makes room for all,
            // so that the other parts are moved to its end and the largest part is never
            // copied.
            if part == 0 {
                read.make_room_for_all(json.len() - list_start, end - list_start);
            }
            let in_all = read_in_all.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            (in_all <= MAX_ENTRIES).then_some(())
        };
        read_list_part(&mut reader, part == 0, until, each)
            .ok()
            .map(|ends| ends.map(|ends: PartEnds| (ends, read)))
    });
    let mut all_ends = Vec::with_capacity(parts);
    let mut all = EntriesRead::default();
    for part in read {
        let (ends, read) = part??;
        all_ends.push(ends);
        all.append(read);
    }
    let end = join_parts(&all_ends)?;
    all.give_back_unused_room();
    Some((all, end))
}

/// How many entries the first part reads before it estimates how many there are in all.
pub(super) const ENTRIES_TO_ESTIMATE_FROM: usize = 64;

/// Checks the meaning of the directory's own fields and of every usable entry (in parallel
/// chunks), removes entries whose id an earlier entry has or that have too many problems, and
/// ties every problem to its entry.
pub(super) fn check(
    lines: &LineIndex,
    header: DirectoryRead,
    read: EntriesRead,
) -> LoadedDirectory {
    let DirectoryRead {
        mut directory,
        problems: read_problems,
        ..
    } = header;
    let EntriesRead {
        mut entries,
        usable,
        starts,
        found: read_found,
        written_ids,
        lines: entry_lines,
    } = read;
    let mut problems: Vec<Problem> = read_problems;
    let mut checked = Problems::default();
    check_header(&mut directory, &mut checked);
    problems.extend(checked.into_list());
    let context = CheckContext::for_directory(&directory);

    let chunks = crate::parallel::map_chunks_mut(&mut entries, |offset, chunk| {
        let mut keep = Vec::with_capacity(chunk.len());
        // Problems by entry index; few entries have any, so this stays short.
        let mut found: Vec<(usize, Vec<Problem>)> = Vec::new();
        for (number, entry) in chunk.iter_mut().enumerate() {
            if !usable[offset + number] {
                keep.push(false);
                continue;
            }
            let mut checked = Problems::default();
            keep.push(check_entry(entry, &context, &mut checked));
            if !checked.list().is_empty() {
                found.push((offset + number, checked.into_list()));
            }
        }
        (keep, found)
    });
    let mut keep = Vec::with_capacity(entries.len());
    let mut checked_found = Vec::new();
    for (chunk_keep, chunk_found) in chunks {
        keep.extend(chunk_keep);
        checked_found.extend(chunk_found);
    }
    // Per entry: what reading found, then what checking found.
    let mut found = merge_found(read_found, checked_found);
    give_up_on_too_many(&mut found, &mut keep);

    let ids = entries.iter().enumerate();
    let duplicates =
        later_duplicates(ids.map(|(index, entry)| keep[index].then_some(entry.id.as_str())));
    let duplicate_found: Vec<_> = duplicates
        .into_iter()
        .map(|index| {
            keep[index] = false;
            (index, vec![duplicate_id(&entries[index].id)])
        })
        .collect();
    // Then a repeated id.
    let found = merge_found(found, duplicate_found);

    let entries_in_file = entries.len();
    for (index, entry_found) in found {
        let id = if usable[index] {
            Some(entries[index].id.clone())
        } else {
            written_ids
                .binary_search_by_key(&index, |(known, _)| *known)
                .ok()
                .map(|position| written_ids[position].1.clone())
        };
        let entry_ref = EntryRef {
            index,
            id,
            line: match entry_lines.get(index) {
                Some(&line) => line,
                None => lines.line_of(starts[index]),
            },
        };
        problems.extend(entry_found.into_iter().map(|mut problem| {
            problem.entry = Some(entry_ref.clone());
            problem
        }));
    }
    if keep.iter().any(|keep| !keep) {
        let mut index = 0;
        entries.retain(|_| {
            index += 1;
            keep[index - 1]
        });
    }
    directory.entries = entries;
    LoadedDirectory {
        directory,
        problems,
        entries_in_file,
    }
}

/// The one rule for an entry with many problems: one with [`MAX_PROBLEMS`] or more, of any kind
/// and from either stage, cannot be trusted and is skipped. Its first `MAX_PROBLEMS` problems are
/// listed, then why it was skipped. (Reading gives up on such an entry as soon as it has that
/// many, so its list ends the same way.)
fn give_up_on_too_many(found: &mut [(usize, Vec<Problem>)], keep: &mut [bool]) {
    for (index, entry_found) in found {
        if entry_found.len() < MAX_PROBLEMS || !keep[*index] {
            continue;
        }
        keep[*index] = false;
        entry_found.truncate(MAX_PROBLEMS);
        entry_found.push(given_up());
    }
}

/// Two lists of problems by entry index, each in index order, merged into one in index order;
/// for an entry in both, `first`'s problems come first. One pass, however many entries have
/// problems.
fn merge_found(
    first: Vec<(usize, Vec<Problem>)>,
    second: Vec<(usize, Vec<Problem>)>,
) -> Vec<(usize, Vec<Problem>)> {
    let mut merged = Vec::with_capacity(first.len() + second.len());
    let mut second = second.into_iter().peekable();
    for (index, mut found) in first {
        while let Some(earlier) = second.next_if(|(other, _)| *other < index) {
            merged.push(earlier);
        }
        if let Some((_, more)) = second.next_if(|(other, _)| *other == index) {
            found.extend(more);
        }
        merged.push((index, found));
    }
    merged.extend(second);
    merged
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

pub(super) fn check_format_version(written: Option<&str>) -> Result<(), LoadError> {
    let Some(written) = written else {
        return Err(LoadError::new(
            "this is not a service-finder directory: \"format_version\": 1 is missing at the top of the file",
        ));
    };
    #[allow(clippy::disallowed_methods)] // A whole number: integer parsing is small.
    match written.parse::<u32>() {
        Ok(FORMAT_VERSION) => Ok(()),
        _ => Err(LoadError::new(format!(
            "format_version {} is not supported; this version of service-finder reads format_version {FORMAT_VERSION}",
            crate::json::fields::shorten(written)
        ))),
    }
}

/// The error for a file that is not valid JSON, with its position.
fn syntax_error(lines: &LineIndex, error: &SyntaxError) -> LoadError {
    let (line, column) = lines.position_of(error.offset);
    LoadError::at(
        format!("the file is not valid JSON: {}", error.message),
        line,
        column,
    )
}

/// The problem of an entry whose id an earlier entry has.
fn duplicate_id(id: &str) -> Problem {
    Problem::new(
        Severity::Error,
        ProblemKind::DuplicateId,
        &[super::problem::Step::Field("id")],
        format!("the id \"{id}\" is used by an earlier entry already"),
        Consequence::EntrySkipped,
    )
}

/// Byte offset → line number, for pointing at entries in the file.
pub(super) struct LineIndex<'a> {
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// The line (from 1) of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.position_of(offset).0
    }

    /// Line and column (from 1) of a byte offset. At the end of the text, the column of the
    /// last character (0 on an empty line), as editors show where a file ends too early.
    fn position_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(index, _)| index + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= offset);
        let column = offset - starts[line - 1] + usize::from(offset < self.text.len());
        (line, column)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;
    use crate::directory::Text;
    use crate::generate::generate_directory;

    /// Large enough to be read in several parts where there are several cores.
    const ENTRIES: usize = 12_000;

    #[test]
    fn problems_are_merged_in_entry_order_first_list_first() {
        let found = |pairs: &[(usize, &str)]| -> Vec<(usize, Vec<Problem>)> {
            pairs
                .iter()
                .map(|&(index, id)| (index, vec![duplicate_id(id)]))
                .collect()
        };
        let merged = merge_found(
            found(&[(1, "a"), (4, "b"), (9, "c")]),
            found(&[(0, "d"), (4, "e"), (5, "f"), (12, "g")]),
        );
        let shown: Vec<(usize, Vec<String>)> = merged
            .into_iter()
            .map(|(index, found)| {
                let messages = found.into_iter().map(|problem| problem.message).collect();
                (index, messages)
            })
            .collect();
        let expected_ids = [
            (0, vec!["d"]),
            (1, vec!["a"]),
            (4, vec!["b", "e"]),
            (5, vec!["f"]),
            (9, vec!["c"]),
            (12, vec!["g"]),
        ];
        assert_eq!(shown.len(), expected_ids.len());
        for ((index, messages), (expected_index, ids)) in shown.iter().zip(expected_ids) {
            assert_eq!(*index, expected_index);
            assert_eq!(messages.len(), ids.len());
            for (message, id) in messages.iter().zip(ids) {
                assert!(message.contains(&format!("\"{id}\"")), "{message}");
            }
        }
    }

    /// The entries list is sized from its first entries, not grown by doubling (whose copies
    /// would stay as peak memory in the browser), and an estimate that was too high is given
    /// back: short first entries and long later ones, then the other way round.
    #[test]
    fn the_entries_list_is_sized_from_the_first_entries() {
        let mut directory = generate_directory(2_000, 5);
        let long = "Beratung und Begleitung für Familien, ".repeat(20);
        for (number, entry) in directory.entries.iter_mut().enumerate() {
            entry.description =
                (number >= ENTRIES_TO_ESTIMATE_FROM).then(|| Text::Plain(long.clone()));
        }
        let longer_later = serde_json::to_string(&directory).unwrap();
        directory.entries.reverse();
        let shorter_later = serde_json::to_string(&directory).unwrap();
        for json in [longer_later, shorter_later] {
            for in_parts in [true, false] {
                let entries = load(&json, in_parts).unwrap().directory.entries;
                assert_eq!(entries.len(), 2_000);
                assert!(
                    entries.capacity() <= 2_000 + 2_000 / 4,
                    "{}",
                    entries.capacity()
                );
            }
        }
        // Read in one piece, a list of entries alike is made room for once, with an eighth
        // to spare: it never doubled.
        let alike = serde_json::to_string(&generate_directory(2_000, 5)).unwrap();
        let mut read = EntriesRead::default();
        let list_start = alike.find('[').unwrap() + 1;
        let mut reader = Reader::at(&alike, list_start - 1);
        reader.begin_list().unwrap();
        let mut capacities = Vec::new();
        read_list_part(&mut reader, true, None, |start, end, entry| {
            read.push(start, end, entry);
            read.make_room_for_all(alike.len() - list_start, end - list_start);
            capacities.push(read.entries.capacity());
            Some(())
        })
        .unwrap();
        capacities.dedup();
        let grown_after_estimate: Vec<_> = capacities
            .iter()
            .filter(|&&capacity| capacity > ENTRIES_TO_ESTIMATE_FROM)
            .collect();
        assert_eq!(grown_after_estimate.len(), 1, "{capacities:?}");
        assert!(
            (2_000..=2_000 * 5 / 4).contains(grown_after_estimate[0]),
            "{capacities:?}"
        );
    }

    #[test]
    fn reading_in_parts_gives_what_reading_in_one_piece_gives() {
        let mut directory = generate_directory(ENTRIES, 3);
        directory.entries[2].email = Some("not-an-email".to_owned());
        directory.entries[9_000].email = Some("also not an e-mail".to_owned());
        directory.entries[11_000].id = directory.entries[10].id.clone();
        directory.entries[6_000].name = Text::Empty;
        let compact = serde_json::to_string(&directory).unwrap();
        let pretty = serde_json::to_string_pretty(&directory).unwrap();
        for json in [compact, pretty] {
            // Problems that only reading finds, in two parts where there are several cores.
            let json = json
                .replacen(r#""kind":"service""#, r#""kind":"servise""#, 1)
                .replacen(r#""kind": "service""#, r#""kind": "servise""#, 1);
            let json = json.replace(&format!("\"{}\"", directory.entries[7_000].id), "7000");
            let list_start = json.find('[').unwrap() + 1;
            assert!(
                read_entries_in_parts(&json, list_start).is_some()
                    || crate::parallel::part_count(json.len()) < 2
            );
            let in_parts = load(&json, true).unwrap();
            let in_one_piece = load(&json, false).unwrap();
            assert_eq!(in_parts.directory, in_one_piece.directory);
            assert_eq!(in_parts.problems, in_one_piece.problems);
            assert_eq!(in_parts.entries_in_file, ENTRIES);
            let fields: Vec<(usize, &str)> = in_parts
                .problems
                .iter()
                .map(|problem| {
                    (
                        problem.entry.as_ref().unwrap().index,
                        problem.field.as_str(),
                    )
                })
                .collect();
            // The entry with the misspelt kind is unusable, so its other values are not checked.
            let first_service = directory
                .entries
                .iter()
                .position(|entry| entry.kind == crate::directory::Kind::Service)
                .unwrap();
            let mut expected = vec![(first_service, "kind"), (2, "email")];
            expected.dedup_by_key(|(index, _)| *index);
            expected.sort();
            expected.extend([
                (6_000, "name"),
                (7_000, "id"),
                (9_000, "email"),
                (11_000, "id"),
            ]);
            assert_eq!(fields, expected);
            let unusable = &in_parts.problems[expected.len() - 3];
            assert_eq!(unusable.entry.as_ref().unwrap().id.as_deref(), Some("7000"));
        }
    }
}
