//! Reading a directory file that is handed over in pieces, so that it is never whole in
//! memory.
//!
//! In the browser, the file's bytes are in JavaScript; copied whole into the core's memory,
//! they took as much room as the entries made from them, and the core's memory never shrinks
//! (issue 16: at 100,000 entries 115 MB of the 248 MB kept). Here the entries list is read
//! through a window of about a megabyte that moves along the file: the reader reads entry after
//! entry, and an entry cut by the window's end is read again once the window has moved on.
//!
//! Only what reading in one piece would read alike is read this way: a file that starts as a
//! directory object whose `"entries"` list starts within its first megabyte, with UTF-8 text and
//! correct JSON. Anything else (bytes that are not UTF-8, a syntax error, a second list) is
//! read in one piece by [`load_directory_bytes`], whose messages say exactly where the problem
//! is; the tests check that both ways load the same.

use crate::json::{Found, Reader};

use super::load::{
    EntriesRead, LineIndex, LoadedDirectory, MAX_DOCUMENT_BYTES, MAX_ENTRIES, check,
    check_format_version, load_directory_bytes, too_large, too_many_entries,
};
use super::problem::LoadError;
use super::read::{read_directory, read_entry};

/// How much of the file is read at a time: large enough that the work of moving the window is
/// lost in the reading, small against a large directory.
const WINDOW_BYTES: usize = 1 << 20;

/// How close to the window's end an error must be to count as an entry cut by it: a cut in a
/// number, a literal or an escape is noticed a few bytes before the end at most.
const CUT_MARGIN: usize = 16;

/// Loads a directory of `len` bytes that `fill(offset, buffer)` hands over in pieces (it fills
/// `buffer` with the file's bytes from `offset` on), as [`load_directory_bytes`] would load the
/// whole file. See the module's description.
pub fn load_directory_in_pieces(
    len: usize,
    fill: impl FnMut(usize, &mut [u8]),
) -> Result<LoadedDirectory, LoadError> {
    load_with_window(len, WINDOW_BYTES, fill)
}

/// [`load_directory_in_pieces`] with a window of `window_bytes` (small in tests and fuzzing,
/// so that the window moves often). The entries list must start within the first window.
pub(crate) fn load_with_window(
    len: usize,
    window_bytes: usize,
    mut fill: impl FnMut(usize, &mut [u8]),
) -> Result<LoadedDirectory, LoadError> {
    if len > MAX_DOCUMENT_BYTES {
        return Err(too_large(len));
    }
    let mut file = PiecesOf {
        len,
        fill: &mut fill,
    };
    match read_in_pieces(&mut file, window_bytes) {
        Some(loaded) => loaded,
        None => {
            let mut whole = vec![0; len];
            fill(0, &mut whole);
            load_directory_bytes(&whole)
        }
    }
}

/// The file being read: its length, and how to get its bytes.
struct PiecesOf<'f, F: FnMut(usize, &mut [u8])> {
    len: usize,
    fill: &'f mut F,
}

impl<F: FnMut(usize, &mut [u8])> PiecesOf<'_, F> {
    /// The bytes from `start` to `end` (at most the file's end).
    fn bytes(&mut self, start: usize, end: usize) -> Vec<u8> {
        let mut bytes = vec![0; end.min(self.len).saturating_sub(start)];
        (self.fill)(start, &mut bytes);
        bytes
    }
}

/// Fills `buffer` with about `size` bytes of the file from `start` on, cut at a character, and
/// returns how many: the window is `buffer[..len]`. The buffer is kept from window to window,
/// so that moving the window allocates nothing (a fresh megabyte per move, zeroed first, was
/// 4 % of loading in Chromium); it grows only for a larger window.
fn fill_window<F: FnMut(usize, &mut [u8])>(
    file: &mut PiecesOf<F>,
    start: usize,
    size: usize,
    buffer: &mut Vec<u8>,
) -> usize {
    let mut len = size.min(file.len.saturating_sub(start));
    if buffer.len() < len {
        buffer.resize(len, 0);
    }
    let bytes = &mut buffer[..len];
    (file.fill)(start, bytes);
    // A character cut by the end comes with the next piece: the piece ends before its first
    // byte (the last byte that is not a continuation byte, 10xxxxxx).
    if start + len < file.len
        && let Some(lead) = bytes.iter().rposition(|byte| byte & 0xC0 != 0x80)
    {
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
    len
}

/// How reading the entries in one window ended.
enum WindowEnd {
    /// The list's `]` was read: where the list ends in the text (after the mark).
    ListEnd(usize),
    /// An entry was cut by the window's end.
    Cut,
}

/// Reads the file as the module's description says; `None` where it must be read in one piece.
fn read_in_pieces<F: FnMut(usize, &mut [u8])>(
    file: &mut PiecesOf<F>,
    window_bytes: usize,
) -> Option<Result<LoadedDirectory, LoadError>> {
    // Offsets count from after a byte-order mark, as when reading in one piece.
    let bom = file.bytes(0, 3);
    let base = if bom == [0xEF, 0xBB, 0xBF] { 3 } else { 0 };
    let mut buffer = Vec::new();
    let mut window_len = fill_window(file, base, window_bytes, &mut buffer);
    let list_start = entries_list_start(std::str::from_utf8(&buffer[..window_len]).ok()?)?;

    // The entries, window by window. `window_start` is where the window starts in the text
    // (after the mark); `done` is the window's position after the last whole entry.
    let mut read = EntriesRead::default();
    let list_bytes = file.len - base - list_start;
    let mut window_start = 0;
    let mut done = list_start;
    let mut first = true;
    // Lines: the line of the window's position `counted`.
    let mut line = 1;
    let mut counted = 0;
    let list_end = loop {
        // Checked once per window; the entries are read from it as text.
        let window = std::str::from_utf8(&buffer[..window_len]).ok()?;
        let last_window = window_start + window_len + base >= file.len;
        let end = loop {
            let mut reader = Reader::at(window, done);
            // `first` changes only with an entry read whole: a cut entry is read again from
            // the same place, as the same item.
            let mut first_try = first;
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
                    line += newlines(&window[counted..start]);
                    counted = start;
                    read.lines.push(line);
                    read.push(window_start + start, window_start + end, entry);
                    first = false;
                    read.make_room_for_all(list_bytes, window_start + end - list_start);
                    if read.entries.len() > MAX_ENTRIES {
                        return Some(Err(too_many_entries()));
                    }
                    done = end;
                }
                Ok(None) => break WindowEnd::ListEnd(window_start + reader.position()),
                Err(error) if !last_window && error.offset + CUT_MARGIN >= window.len() => {
                    line += newlines(&window[counted..done]);
                    break WindowEnd::Cut;
                }
                Err(_) => return None,
            }
        };
        match end {
            WindowEnd::ListEnd(list_end) => break list_end,
            // Cut by the window's end: the window moves on to start after the last whole
            // entry, or grows when that entry alone does not fit. (An entry cut at the
            // window's start makes the window larger, however small it was: each move makes
            // progress.)
            WindowEnd::Cut => {
                let size = if done == 0 {
                    (window_len + 4).saturating_mul(2)
                } else {
                    window_len.max(window_bytes)
                };
                window_start += done;
                window_len = fill_window(file, base + window_start, size, &mut buffer);
                done = 0;
                counted = 0;
            }
        }
    };
    drop(buffer);
    read.give_back_unused_room();

    // The directory's own fields: the file with the entries list left empty.
    let mut own = file.bytes(base, base + list_start);
    own.push(b']');
    own.extend(file.bytes(base + list_end, file.len));
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
    // Every entry's line was noted while reading: the checks need no text to count lines in.
    Some(Ok(check(&LineIndex::new(""), header, read)))
}

fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
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

    /// Loads `bytes` in pieces through a window of `window` bytes, and says whether it was read
    /// in pieces (not handed to reading in one piece).
    fn in_pieces(bytes: &[u8], window: usize) -> (Result<LoadedDirectory, LoadError>, bool) {
        let fill = |offset: usize, buffer: &mut [u8]| {
            buffer.copy_from_slice(&bytes[offset..offset + buffer.len()]);
        };
        let mut file = PiecesOf {
            len: bytes.len(),
            fill: &mut { fill },
        };
        let pieces = read_in_pieces(&mut file, window).is_some();
        (load_with_window(bytes.len(), window, fill), pieces)
    }

    /// Asserts that loading in pieces gives what loading in one piece gives, through windows
    /// of many sizes, and returns whether the text was read in pieces through the windows
    /// large enough to hold the directory's fields before its entries list (1 KB and more).
    fn assert_loads_alike(bytes: &[u8]) -> bool {
        let whole = load_directory_bytes(bytes);
        let mut pieces = Vec::new();
        for window in [1, 7, 100, 1024, 4096, 70_000, WINDOW_BYTES] {
            let (loaded, read_in_pieces) = in_pieces(bytes, window);
            match (&loaded, &whole) {
                (Ok(loaded), Ok(whole)) => {
                    assert_eq!(loaded.directory, whole.directory, "window {window}");
                    assert_eq!(loaded.problems, whole.problems, "window {window}");
                    assert_eq!(loaded.entries_in_file, whole.entries_in_file);
                }
                (loaded, whole) => assert_eq!(loaded.as_ref().err(), whole.as_ref().err()),
            }
            if window >= 1024 {
                pieces.push(read_in_pieces);
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
    fn a_list_too_long_is_refused_as_in_one_piece() {
        let entry = r#"{"id":"e","kind":"service","name":"N"}"#;
        let json = format!(
            "{{\"format_version\":1,\"entries\":[{}]}}",
            vec![entry; MAX_ENTRIES + 1].join(",")
        );
        let (loaded, pieces) = in_pieces(json.as_bytes(), WINDOW_BYTES);
        assert!(pieces);
        assert_eq!(loaded.err(), load_directory_bytes(json.as_bytes()).err());
    }
}
