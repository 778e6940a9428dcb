//! Reading a directory file that is handed over in pieces, so that it is never whole in
//! memory.
//!
//! In the browser, the file's bytes are in JavaScript; copied whole into the core's memory,
//! they took as much room as the entries made from them, and the core's memory never shrinks
//! (issue 16: at 100,000 entries 115 MB of the 248 MB kept). Here the pieces are read as they
//! come, the way they come from the network (`fetchDirectory` in the JS API) or from bytes
//! that JavaScript holds (`ServiceFinder.fromJson`): the reader reads entry after entry, and an
//! entry cut by a piece's end is read again once the next piece has come. Only that entry's
//! bytes are kept from piece to piece.
//!
//! Only what reading in one piece would read alike is read this way: a file that starts as a
//! directory object whose `"entries"` list starts within its first megabyte, with UTF-8 text and
//! correct JSON. Anything else (bytes that are not UTF-8, a syntax error, a second list) is
//! read in one piece by [`load_directory_bytes`], whose messages say exactly where the problem
//! is; the tests check that both ways load the same.

use crate::json::{Found, Reader};

use super::load::{
    EntriesRead, LineIndex, LoadedDirectory, MAX_DOCUMENT_BYTES, MAX_ENTRIES, check,
    check_format_version, too_large, too_many_entries,
};
// The module's description links it; only `load_with_window` (not in the wasm) calls it.
#[allow(unused_imports)]
use super::load::load_directory_bytes;
use super::problem::LoadError;
use super::read::{read_directory, read_entry};

/// How far into the file the entries list must start to be read in pieces (the directory's own
/// fields before it are kept until it is found).
const HEAD_BYTES: usize = 1 << 20;

/// How close to the end of what has come an error must be to count as an entry cut by it: a
/// cut in a number, a literal or an escape is noticed a few bytes before the end at most.
const CUT_MARGIN: usize = 16;

/// Loads a directory of `len` bytes that `fill(offset, buffer)` hands over in pieces of
/// `window_bytes` (it fills `buffer` with the file's bytes from `offset` on), as
/// [`load_directory_bytes`] would load the whole file: for fuzzing and the tests, with pieces
/// small enough that entries are cut often. (The browser's callers are in src/web/api.rs.)
#[cfg(any(test, not(target_arch = "wasm32")))]
pub(crate) fn load_with_window(
    len: usize,
    window_bytes: usize,
    mut fill: impl FnMut(usize, &mut [u8]),
) -> Result<LoadedDirectory, LoadError> {
    if len > MAX_DOCUMENT_BYTES {
        return Err(too_large(len));
    }
    let mut pieces = DirectoryInPieces::new(len);
    let mut offset = 0;
    while offset < len && pieces.reading() {
        let size = window_bytes.max(1).min(len - offset);
        pieces.push(size, |piece| fill(offset, piece));
        offset += size;
    }
    pieces.finish().unwrap_or_else(|| {
        let mut whole = vec![0; len];
        fill(0, &mut whole);
        load_directory_bytes(&whole)
    })
}

/// A directory file read piece by piece as it comes: [`push`](Self::push) each piece in
/// order, then [`finish`](Self::finish). See the module's description.
pub struct DirectoryInPieces {
    /// How many bytes have come so far.
    received: usize,
    /// The file's length when it is known beforehand, else 0: the room for the entries is made
    /// from it at once (growing it as they come would copy it, and the core's memory would
    /// keep the larger room for good).
    expected: usize,
    /// What has come and is not read yet.
    pending: Pending,
    /// Reading is tried again once `pending` holds this many bytes: an entry cut by many
    /// small pieces is not read again for each (what is kept at least doubles between tries).
    try_at: usize,
    stage: Stage,
}

/// The bytes that have come and are not read yet: `bytes[..len]`, the text from `start` on
/// (after a byte-order mark). The buffer is kept and only grows, so that taking a piece
/// allocates nothing (a fresh megabyte per piece, zeroed first, was 4 % of loading in
/// Chromium).
#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    len: usize,
    start: usize,
}

impl Pending {
    /// Adds `size` bytes that `fill` writes.
    fn take(&mut self, size: usize, fill: impl FnOnce(&mut [u8])) {
        let end = self.len + size;
        if self.bytes.len() < end {
            self.bytes.resize(end.max(self.bytes.len() * 2), 0);
        }
        fill(&mut self.bytes[self.len..end]);
        self.len = end;
    }

    /// What has come, as far as it is whole characters (all of it at the file's end): a
    /// character cut by a piece's end comes whole with the next.
    fn text(&self, at_end: bool) -> Option<&str> {
        let bytes = &self.bytes[..self.len];
        let mut len = bytes.len();
        if !at_end && let Some(lead) = bytes.iter().rposition(|byte| byte & 0xC0 != 0x80) {
            let width = match bytes[lead] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if lead + width > len {
                len = lead;
            }
        }
        std::str::from_utf8(&bytes[..len]).ok()
    }

    /// Lets go of the first `count` bytes, which have been read.
    fn consume(&mut self, count: usize) {
        self.bytes.copy_within(count..self.len, 0);
        self.len -= count;
        self.start += count;
    }
}

/// Where reading is.
enum Stage {
    /// Nothing read yet: whether the file starts with a byte-order mark is not known.
    Start,
    /// Looking for the start of the entries list among the directory's own fields.
    Head,
    /// Reading the entries.
    Entries(ListRead),
    /// After the list's `]`: the rest of the file is kept, to read the directory's own fields.
    Tail(ListRead),
    /// Refused already (too many entries); what comes is not read.
    Refused(LoadError),
    /// To be read in one piece; what comes is not kept.
    Whole,
}

/// The entries list, as far as it is read.
struct ListRead {
    /// The directory's own fields before the list, up to its `[`.
    head: Vec<u8>,
    /// Where the list's items start in the text.
    list_start: usize,
    /// Whether the next item is the list's first (no comma before it).
    first: bool,
    /// The line of the text at the start of what is pending.
    line: usize,
    read: EntriesRead,
}

/// How reading what is pending ended.
enum ReadEnd {
    /// More must come: an entry (or the directory's fields before the list) is cut.
    NeedMore,
    /// The list's `]` was read: where the list ends in what is pending (after the mark).
    ListEnd(usize),
    /// Nothing more is read: the file is to be read in one piece (`None`), or is refused.
    Stop(Option<LoadError>),
}

impl DirectoryInPieces {
    /// Starts reading a file of `expected` bytes (0 when its length is not known).
    pub fn new(expected: usize) -> DirectoryInPieces {
        DirectoryInPieces {
            received: 0,
            expected,
            pending: Pending::default(),
            try_at: 0,
            stage: Stage::Start,
        }
    }

    /// Whether the pieces are still read: false once the file is to be read in one piece or is
    /// refused, when the rest need not be handed over.
    pub fn reading(&self) -> bool {
        self.size() <= MAX_DOCUMENT_BYTES && !matches!(self.stage, Stage::Whole | Stage::Refused(_))
    }

    /// The file's size as far as it is known: what has come, or the length expected if more.
    fn size(&self) -> usize {
        self.received.max(self.expected)
    }

    /// Takes the next `size` bytes of the file, which `fill` writes into the buffer it is given.
    pub fn push(&mut self, size: usize, fill: impl FnOnce(&mut [u8])) {
        self.received = self.received.saturating_add(size);
        if !self.reading() {
            // Nothing more is read; what is kept is given back.
            self.pending = Pending::default();
            return;
        }
        self.pending.take(size, fill);
        // (After the list, read_pending returns at once: the rest is only kept.)
        if self.pending.len >= self.try_at {
            self.read_pending(false);
        }
    }

    /// The directory, once every piece has come: as [`load_directory_bytes`] loads the whole
    /// file, or `None` when it must be read in one piece.
    pub fn finish(mut self) -> Option<Result<LoadedDirectory, LoadError>> {
        if self.size() > MAX_DOCUMENT_BYTES {
            return Some(Err(too_large(self.size())));
        }
        self.read_pending(true);
        let list = match self.stage {
            Stage::Tail(list) => list,
            Stage::Refused(error) => return Some(Err(error)),
            _ => return None,
        };
        // The directory's own fields: the file with the entries list left empty.
        let mut own = list.head;
        own.push(b']');
        own.extend_from_slice(&self.pending.bytes[..self.pending.len]);
        drop(self.pending);
        let own = String::from_utf8(own).ok()?;
        let mut reader = Reader::new(&own);
        // The list left empty, and no other: anything else is read in one piece.
        let mut lists = 0;
        let mut only_the_empty_list = true;
        let header = read_directory(&mut reader, &mut |reader| {
            lists += 1;
            reader.begin_list()?;
            only_the_empty_list &= lists == 1 && !reader.next_item(&mut true)?;
            Ok(())
        })
        .and_then(|header| reader.end().map(|()| header));
        let header = match header {
            Ok(Some(header)) if lists == 1 && only_the_empty_list => header,
            _ => return None,
        };
        if let Err(error) = check_format_version(header.format_version) {
            return Some(Err(error));
        }
        let mut read = list.read;
        read.give_back_unused_room();
        // Every entry's line was noted while reading: the checks need no text to count lines in.
        Some(Ok(check(&LineIndex::new(""), header, read)))
    }

    /// Reads what is pending, as far as it goes; `at_end` when the whole file has come.
    fn read_pending(&mut self, at_end: bool) {
        loop {
            let end = match &mut self.stage {
                Stage::Start if self.pending.len < 3 && !at_end => ReadEnd::NeedMore,
                Stage::Start => {
                    // Offsets count from after a byte-order mark, as when reading in one piece.
                    if self.pending.bytes[..self.pending.len].starts_with(b"\xEF\xBB\xBF") {
                        self.pending.consume(3);
                        self.pending.start = 0;
                    }
                    self.stage = Stage::Head;
                    continue;
                }
                Stage::Head => match self.find_list(at_end) {
                    Ok(list) => {
                        self.stage = Stage::Entries(list);
                        continue;
                    }
                    Err(end) => end,
                },
                Stage::Entries(list) => list.read_from(&mut self.pending, self.expected, at_end),
                Stage::Tail(_) | Stage::Refused(_) | Stage::Whole => return,
            };
            match end {
                ReadEnd::NeedMore => self.try_at = self.pending.len.saturating_mul(2),
                ReadEnd::ListEnd(end) => {
                    self.pending.consume(end);
                    if let Stage::Entries(list) = std::mem::replace(&mut self.stage, Stage::Whole) {
                        self.stage = Stage::Tail(list);
                    }
                }
                ReadEnd::Stop(refused) => {
                    self.stage = refused.map_or(Stage::Whole, Stage::Refused);
                    self.pending = Pending::default();
                }
            }
            return;
        }
    }

    /// Looks for the start of the entries list in what is pending, and lets go of what comes
    /// before it (kept in the list's `head`).
    fn find_list(&mut self, at_end: bool) -> Result<ListRead, ReadEnd> {
        let Some(text) = self.pending.text(at_end) else {
            return Err(ReadEnd::Stop(None));
        };
        match entries_list_start(text) {
            Some(list_start) => {
                let head = self.pending.bytes[..list_start].to_vec();
                self.pending.consume(list_start);
                Ok(ListRead {
                    line: 1 + newlines(&head),
                    head,
                    list_start,
                    first: true,
                    read: EntriesRead::default(),
                })
            }
            None if at_end || self.pending.len >= HEAD_BYTES => Err(ReadEnd::Stop(None)),
            None => Err(ReadEnd::NeedMore),
        }
    }
}

impl ListRead {
    /// Reads the entries that are whole in `pending`, and lets go of their bytes. `expected`:
    /// the file's length, if known.
    fn read_from(&mut self, pending: &mut Pending, expected: usize, at_end: bool) -> ReadEnd {
        let Some(text) = pending.text(at_end) else {
            return ReadEnd::Stop(None);
        };
        let start_in_file = pending.start;
        // `done`: the position after the last whole entry; `counted`: the position whose line
        // is `self.line`.
        let mut done = 0;
        let mut counted = 0;
        let end = loop {
            let mut reader = Reader::at(text, done);
            // `first` changes only with an entry read whole: a cut entry is read again from
            // the same place, as the same item.
            let mut first_try = self.first;
            let step = reader.next_item(&mut first_try).and_then(|more| {
                if !more {
                    return Ok(None);
                }
                reader.peek()?;
                let start = reader.position();
                let entry = read_entry(&mut reader)?;
                Ok(Some((start, reader.position(), entry)))
            });
            match step {
                Ok(Some((start, end, entry))) => {
                    self.line += newlines(&text[counted..start]);
                    counted = start;
                    self.read.lines.push(self.line);
                    self.read
                        .push(start_in_file + start, start_in_file + end, entry);
                    self.first = false;
                    if expected > 0 {
                        let list_bytes = expected.saturating_sub(self.list_start);
                        let read_bytes = start_in_file + end - self.list_start;
                        self.read.make_room_for_all(list_bytes, read_bytes);
                    }
                    if self.read.entries.len() > MAX_ENTRIES {
                        break ReadEnd::Stop(Some(too_many_entries()));
                    }
                    done = end;
                }
                Ok(None) => break ReadEnd::ListEnd(reader.position()),
                Err(error) if !at_end && error.offset + CUT_MARGIN >= text.len() => {
                    break ReadEnd::NeedMore;
                }
                Err(_) => break ReadEnd::Stop(None),
            }
        };
        if let ReadEnd::NeedMore = end {
            self.line += newlines(&text[counted..done]);
            pending.consume(done);
        }
        end
    }
}

fn newlines(text: impl AsRef<[u8]>) -> usize {
    memchr::memchr_iter(b'\n', text.as_ref()).count()
}

/// Where the entries list's items start in `head` (just after its `[`), when `head` is the
/// start of a directory object whose field `"entries"` is a list that starts within it; `None`
/// otherwise.
fn entries_list_start(head: &str) -> Option<usize> {
    let mut reader = Reader::new(head);
    reader.begin_object().ok()?;
    let mut first = true;
    while let Some(name) = reader.next_key(&mut first).ok()? {
        if name == "entries" {
            return (reader.peek().ok()? == Found::List).then(|| reader.position() + 1);
        }
        reader.skip().ok()?;
    }
    None
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;
    use crate::directory::Text;
    use crate::generate::generate_directory;

    /// Loads `bytes` in pieces of `window` bytes, and says whether it was read in pieces (not
    /// handed to reading in one piece).
    fn in_pieces(bytes: &[u8], window: usize) -> (Result<LoadedDirectory, LoadError>, bool) {
        let fill = |offset: usize, buffer: &mut [u8]| {
            buffer.copy_from_slice(&bytes[offset..offset + buffer.len()]);
        };
        let mut pieces = DirectoryInPieces::new(bytes.len());
        for piece in bytes.chunks(window) {
            pieces.push(piece.len(), |buffer| buffer.copy_from_slice(piece));
        }
        let read_in_pieces = pieces.finish().is_some();
        (load_with_window(bytes.len(), window, fill), read_in_pieces)
    }

    /// Loads `bytes` as they come from the network: in pieces of varying sizes, the file's
    /// length not known beforehand. `None` where it must be read in one piece.
    fn as_streamed(bytes: &[u8], seed: u64) -> Option<Result<LoadedDirectory, LoadError>> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut pieces = DirectoryInPieces::new(0);
        let mut rest = bytes;
        while !rest.is_empty() {
            let size = rng.usize(1..=rest.len().min(70_000));
            let (piece, after) = rest.split_at(size);
            pieces.push(size, |buffer| buffer.copy_from_slice(piece));
            rest = after;
        }
        pieces.finish()
    }

    /// Asserts that loading in pieces gives what loading in one piece gives, through pieces of
    /// many sizes, and as streamed, and returns whether the text was read in pieces (alike
    /// for every size of piece).
    fn assert_loads_alike(bytes: &[u8]) -> bool {
        let whole = load_directory_bytes(bytes);
        let mut pieces = Vec::new();
        for window in [1, 7, 100, 1024, 4096, 70_000, HEAD_BYTES] {
            let (loaded, read_in_pieces) = in_pieces(bytes, window);
            match (&loaded, &whole) {
                (Ok(loaded), Ok(whole)) => {
                    assert_eq!(loaded.directory, whole.directory, "window {window}");
                    assert_eq!(loaded.problems, whole.problems, "window {window}");
                    assert_eq!(loaded.entries_in_file, whole.entries_in_file);
                }
                (loaded, whole) => assert_eq!(loaded.as_ref().err(), whole.as_ref().err()),
            }
            pieces.push(read_in_pieces);
        }
        for seed in 0..3 {
            let streamed = as_streamed(bytes, seed);
            assert_eq!(streamed.is_some(), pieces[0], "seed {seed}");
            match (streamed, &whole) {
                (Some(Ok(streamed)), Ok(whole)) => {
                    assert_eq!(streamed.directory, whole.directory, "seed {seed}");
                    assert_eq!(streamed.problems, whole.problems, "seed {seed}");
                }
                (Some(streamed), whole) => {
                    assert_eq!(streamed.err(), whole.as_ref().err().cloned())
                }
                (None, _) => {}
            }
        }
        assert!(pieces.iter().all(|&read| read == pieces[0]), "{pieces:?}");
        pieces[0]
    }

    /// A generated directory of `count` entries with problems of every stage: a misspelt kind
    /// (reading), a bad e-mail (checking), a repeated id, an entry without a name, and texts
    /// with characters of two, three and four bytes.
    fn directory_with_problems(count: usize) -> crate::directory::Directory {
        let mut directory = generate_directory(count, 7);
        directory.entries[2].email = Some("not-an-email".to_owned());
        directory.entries[count - 3].id = directory.entries[1].id.clone();
        directory.entries[count / 2].name = Text::Empty;
        for entry in directory.entries.iter_mut().step_by(5) {
            entry.description = Some(Text::Plain("Beratung für Geflüchtete – ☕ 🙂 ".repeat(9)));
        }
        directory
    }

    #[test]
    fn a_large_file_loads_in_pieces_as_in_one_piece() {
        let directory = directory_with_problems(1_500);
        let compact = serde_json::to_string(&directory).unwrap();
        let pretty = serde_json::to_string_pretty(&directory).unwrap();
        for json in [compact, pretty] {
            let json = json.replacen(r#""kind":"service""#, r#""kind":"servise""#, 1);
            let json = json.replacen(r#""kind": "service""#, r#""kind": "servise""#, 1);
            assert!(json.len() > 3 * 70_000, "the window moves: {}", json.len());
            assert!(assert_loads_alike(json.as_bytes()));
            // Windows line ends and a byte-order mark.
            let windows = format!("\u{feff}{}", json.replace('\n', "\r\n"));
            assert!(assert_loads_alike(windows.as_bytes()));
        }
    }

    #[test]
    fn entries_anywhere_in_the_object_and_entries_larger_than_the_window() {
        let mut directory = directory_with_problems(40);
        // Larger than the first window: it grows to hold it (and the entry is refused as too
        // large, as when reading in one piece).
        directory.entries[20].description = Some(Text::Plain("Sprachkurs ".repeat(20_000)));
        let json = serde_json::to_string_pretty(&directory).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let entries = serde_json::to_string_pretty(&value["entries"]).unwrap();
        let mut own = value.clone();
        own.as_object_mut().unwrap().remove("entries");
        let own = serde_json::to_string_pretty(&own).unwrap();
        let fields = own
            .trim()
            .trim_start_matches('{')
            .trim_end_matches('}')
            .trim();
        for text in [
            format!("{{\"entries\": {entries}, {fields}}}"),
            format!("{{{fields}, \"entries\": {entries}}}"),
            format!(
                "{{ {fields} ,\n \"entries\" : {entries} , \"notes\": [{{\"a\": \"]}}\\\"\"}}]}}"
            ),
            format!("{{\"entries\":[],{fields}}}"),
            // Problems with the directory's own fields, after the list.
            format!("{{{fields}, \"entries\": {entries}, \"title\": 5, \"licence\": \"x\"}}"),
            // Entries that are not objects.
            r#"{"format_version": 1, "entries": [1, "x", null, {"id": "a"}, []]}"#.to_owned(),
            // The field's name written with an escape.
            json.replacen("\"entries\"", "\"entri\\u0065s\"", 1),
        ] {
            assert!(assert_loads_alike(text.as_bytes()), "{text:.200}");
        }
    }

    #[test]
    fn what_reading_in_one_piece_reads_better_is_read_so() {
        let json = serde_json::to_string(&directory_with_problems(300)).unwrap();
        // Between two entries near the end, and inside a text.
        let late = json.rfind("},{").unwrap() + 2;
        let cut = json.len() - 2_000;
        let cases: Vec<Vec<u8>> = vec![
            // Syntax errors, early and late: the messages name their line and column.
            json.replacen("\"id\":", "\"id\" ", 1).into_bytes(),
            [&json[..late], "tru,", &json[late..]].concat().into_bytes(),
            json.as_bytes()[..json.len() - 5].to_vec(),
            json.replacen("}]", "},]", 1).into_bytes(),
            // Bytes that are not UTF-8.
            [
                &json.as_bytes()[..cut],
                &[0xFF, 0xFE],
                &json.as_bytes()[cut..],
            ]
            .concat(),
            // A second list, and no list.
            json.replacen('{', "{\"entries\":[],", 1).into_bytes(),
            json.replacen("\"entries\"", "\"entry\"", 1).into_bytes(),
            // Not a directory, or not a list.
            b"[1, 2]".to_vec(),
            br#"{"entries": 5, "format_version": 1}"#.to_vec(),
            b"".to_vec(),
        ];
        for (number, bytes) in cases.iter().enumerate() {
            assert!(!assert_loads_alike(bytes), "case {number}");
        }
    }

    #[test]
    fn a_file_too_large_is_refused_as_in_one_piece_without_being_kept() {
        let len = MAX_DOCUMENT_BYTES + 1;
        let mut pieces = DirectoryInPieces::new(0);
        pieces.push(11, |buffer| buffer.copy_from_slice(br#"{"notes": ""#));
        let mut received = 11;
        while received < len {
            let size = (len - received).min(HEAD_BYTES);
            pieces.push(size, |buffer| buffer.fill(b'x'));
            received += size;
            // No entries list in the first megabyte: the rest is not kept.
            assert!(pieces.pending.bytes.len() <= 2 * HEAD_BYTES + 22);
        }
        assert!(!pieces.reading());
        let error = pieces.finish().map(|loaded| loaded.err());
        assert_eq!(error, Some(Some(too_large(len))));
        // Known beforehand, the length refuses the file at once, by its whole size.
        let mut pieces = DirectoryInPieces::new(3 * MAX_DOCUMENT_BYTES);
        assert!(!pieces.reading());
        pieces.push(11, |_| unreachable!("nothing is read"));
        let error = pieces.finish().map(|loaded| loaded.err());
        assert_eq!(error, Some(Some(too_large(3 * MAX_DOCUMENT_BYTES))));
    }

    #[test]
    fn a_list_too_long_is_refused_as_in_one_piece() {
        let entry = r#"{"id":"e","kind":"service","name":"N"}"#;
        let json = format!(
            "{{\"format_version\":1,\"entries\":[{}]}}",
            vec![entry; MAX_ENTRIES + 1].join(",")
        );
        let (loaded, pieces) = in_pieces(json.as_bytes(), HEAD_BYTES);
        assert!(pieces);
        assert_eq!(loaded.err(), load_directory_bytes(json.as_bytes()).err());
    }
}
