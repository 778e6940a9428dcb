//! Finding the parts of a directory file fast: the header's fields and each entry's JSON text.
//!
//! Loading 100,000 entries parses them in parallel chunks, so the file must first be cut into
//! entries, and that cut runs on one core before anything else can start. serde_json can only
//! cut by parsing (it validates every byte, at about 1 GB/s); this scanner only looks for the
//! quotes, backslashes and brackets that delimit values, skipping the inside of strings with
//! `memchr`, which is several times faster.
//!
//! It validates nothing inside a value: every piece it returns is parsed by serde_json
//! afterwards (header values here, entries by the loader), and the glue between the pieces
//! (braces, brackets, colons, commas, whitespace) is checked here. So a file it accepts is valid
//! JSON exactly when every piece parses. On anything unexpected it returns `None`, and the
//! loader falls back to serde_json's own reading, which also explains what is wrong and where.

use serde::Deserialize;
use serde_json::value::RawValue;

/// A directory file cut into its parts.
pub(super) struct ScannedDocument<'a, List> {
    /// The header's fields in file order, repeats kept, each value checked to be JSON. A second
    /// `"entries"` key is kept here as a header field.
    pub header: Vec<(String, &'a RawValue)>,
    /// The entries, as `read_list` returned them; `None` when there is no `"entries"` key.
    pub entries: Option<List>,
}

/// Cuts `json` into its header fields and entry texts (not yet checked), or `None` when it is
/// not an object with a list under `"entries"` (or anything else looks wrong).
pub(super) fn scan_document(json: &str) -> Option<ScannedDocument<'_, Vec<&str>>> {
    scan_document_with(json, entry_texts)
}

/// Like [`scan_document`], with the entries list read by `read_list`: it gets the position
/// just after the list's `[` and returns what it read and the position just after its `]`.
pub(super) fn scan_document_with<'a, List>(
    json: &'a str,
    read_list: impl FnOnce(&'a str, usize) -> Option<(List, usize)>,
) -> Option<ScannedDocument<'a, List>> {
    let mut scanner = Scanner::new(json, 0);
    let mut document = ScannedDocument {
        header: Vec::new(),
        entries: None,
    };
    let mut read_list = Some(read_list);
    scanner.expect(b'{')?;
    if scanner.peek() == Some(b'}') {
        scanner.position += 1;
    } else {
        loop {
            let key_start = scanner.position;
            scanner.skip_value()?;
            let key: String = serde_json::from_str(&json[key_start..scanner.position]).ok()?;
            scanner.expect(b':')?;
            if key == "entries"
                && let Some(read_list) = read_list.take()
            {
                scanner.expect(b'[')?;
                let (list, end) = read_list(json, scanner.position)?;
                document.entries = Some(list);
                scanner.position = end;
            } else {
                let value_start = scanner.skip_whitespace();
                scanner.skip_value()?;
                let raw = serde_json::from_str(&json[value_start..scanner.position]).ok()?;
                document.header.push((key, raw));
            }
            match scanner.next_byte()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    // Nothing but whitespace may follow the object.
    (scanner.skip_whitespace() == json.len()).then_some(document)
}

/// The text of each value in the list whose `[` is just before `start`, and the position just
/// after its `]`.
fn entry_texts(json: &str, start: usize) -> Option<(Vec<&str>, usize)> {
    let mut scanner = Scanner::new(json, start);
    let mut entries = Vec::new();
    if scanner.peek() == Some(b']') {
        return Some((entries, scanner.position + 1));
    }
    loop {
        let start = scanner.skip_whitespace();
        scanner.skip_value()?;
        entries.push(&json[start..scanner.position]);
        match scanner.next_byte()? {
            b',' => {}
            b']' => return Some((entries, scanner.position)),
            _ => return None,
        }
    }
}

/// Where one part of a list began and ended, as read by [`read_list_part`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PartEnds {
    /// Where the part's first value starts; `None` when the part found none.
    pub first: Option<usize>,
    /// Where reading stopped: at the start of the first value at or after the next part's
    /// nominal start, or just after the list's `]`.
    pub stop: usize,
    /// Whether the part ended with the list's `]`.
    pub closed: bool,
}

/// Nominal start positions for reading the list from `list_start` (just after its `[`) in
/// `parts` parts of about equal length; the list is assumed to take the rest of the document.
pub(super) fn nominal_part_starts(list_start: usize, json_len: usize, parts: usize) -> Vec<usize> {
    let length = json_len.saturating_sub(list_start);
    (0..parts)
        .map(|part| list_start + length * part / parts)
        .collect()
}

/// Reads one part of a list of JSON objects as `T`s, handing each with its JSON text to
/// `each`. The first part (`exact`) starts just after the list's `[`; any other part starts at
/// the first object at or after `from` that follows a comma and reads as a `T` (none: the part
/// is empty), and a part stops at the first value at or after `until`, the next part's nominal
/// start. [`join_parts`] then checks that the parts
/// meet. `None` when a value does not read as a `T`, `each` says stop, or the list is broken.
pub(super) fn read_list_part<'a, T: Deserialize<'a>>(
    json: &'a str,
    from: usize,
    exact: bool,
    until: Option<usize>,
    mut each: impl FnMut(T, &'a str) -> Option<()>,
) -> Option<PartEnds> {
    let mut scanner = Scanner::new(json, from);
    let (mut value, mut length) = if exact {
        if scanner.peek()? == b']' {
            return Some(PartEnds {
                first: None,
                stop: scanner.position + 1,
                closed: true,
            });
        }
        read_value_at(json, scanner.position)?
    } else {
        match scanner.find_object_start(until) {
            Some(read) => read,
            None => {
                return Some(PartEnds {
                    first: None,
                    stop: from,
                    closed: false,
                });
            }
        }
    };
    let first = Some(scanner.position);
    loop {
        let start = scanner.position;
        each(value, &json[start..start + length])?;
        scanner.position = start + length;
        match scanner.next_byte()? {
            b',' => {
                let next = scanner.skip_whitespace();
                if until.is_some_and(|until| next >= until) {
                    return Some(PartEnds {
                        first,
                        stop: next,
                        closed: false,
                    });
                }
                (value, length) = read_value_at(json, next)?;
            }
            b']' => {
                return Some(PartEnds {
                    first,
                    stop: scanner.position,
                    closed: true,
                });
            }
            _ => return None,
        }
    }
}

/// Checks that the parts meet exactly — each part that found values stopped where the next
/// such part began, and the last one closed the list — and returns the position just after the
/// list's `]`. The first part always starts right, so then every part did. `None` when they do
/// not meet; the caller then reads the file another way.
pub(super) fn join_parts(parts: &[PartEnds]) -> Option<usize> {
    let mut reading = parts
        .iter()
        .filter(|part| part.first.is_some() || part.closed);
    let mut current = reading.next()?;
    for next in reading {
        if current.closed || next.first != Some(current.stop) {
            return None;
        }
        current = next;
    }
    current.closed.then_some(current.stop)
}

/// Reads the value at `position` as a `T`; returns it and the length of its text.
fn read_value_at<'a, T: Deserialize<'a>>(json: &'a str, position: usize) -> Option<(T, usize)> {
    let mut values = serde_json::Deserializer::from_str(&json[position..]).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, values.byte_offset()))
}

struct Scanner<'a> {
    json: &'a str,
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Scanner<'a> {
    fn new(json: &'a str, position: usize) -> Scanner<'a> {
        Scanner {
            json,
            bytes: json.as_bytes(),
            position,
        }
    }

    /// Finds the first object before `until` that follows a `,` and reads as a `T` — in a
    /// list of objects, the start of one — and moves there. Tries a few candidates only: an
    /// object nested in a list inside an entry (`"phones": [{…}, {…}]`) does not read as an
    /// entry, and the next candidate usually is one.
    fn find_object_start<T: Deserialize<'a>>(
        &mut self,
        until: Option<usize>,
    ) -> Option<(T, usize)> {
        const MOST_TRIES: usize = 16;
        let limit = until.unwrap_or(self.bytes.len());
        for _ in 0..MOST_TRIES {
            let brace = memchr::memchr(b'{', self.bytes.get(self.position..limit)?)?;
            self.position += brace;
            let before = self.bytes[..self.position]
                .iter()
                .rev()
                .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'));
            if before == Some(&b',')
                && let Some(read) = read_value_at(self.json, self.position)
            {
                return Some(read);
            }
            self.position += 1;
        }
        None
    }

    /// Skips whitespace and returns the position of the next byte.
    fn skip_whitespace(&mut self) -> usize {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.position) {
            self.position += 1;
        }
        self.position
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let position = self.skip_whitespace();
        self.bytes.get(position).copied()
    }

    /// The next byte after whitespace, consumed.
    fn next_byte(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.position += 1;
        Some(byte)
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.next_byte()? == wanted).then_some(())
    }

    /// Moves past the value that starts at the next non-whitespace byte: a string, an object
    /// or list (to its matching closing bracket), or a number or literal (to the next
    /// delimiter). Whether the value is well-formed is for serde_json to check.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.bytes.get(self.position)? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.position += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.position += 1;
                }
            }
            _ => {
                let rest = &self.bytes[self.position..];
                let length = rest
                    .iter()
                    .position(|byte| {
                        matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    })
                    .unwrap_or(rest.len());
                (length > 0).then(|| self.position += length)
            }
        }
    }

    /// Moves past the string whose opening quote is at the current position.
    fn skip_string(&mut self) -> Option<()> {
        self.position += 1;
        loop {
            let found = memchr::memchr2(b'"', b'\\', &self.bytes[self.position..])?;
            self.position += found + 1;
            if self.bytes[self.position - 1] == b'"' {
                return Some(());
            }
            // A backslash escapes the next byte (for `\u1234`, the rest is plain hex digits).
            self.position += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(json: &str) -> Option<Vec<&str>> {
        scan_document(json)?.entries
    }

    #[test]
    fn cuts_header_and_entries() {
        let json = r#" { "format_version" : 1, "title": {"de": "a \"b\" [c]"},
            "entries": [ {"id": "x", "name": "}{]["}, {"id":"y\\","n":[1,{"a":2}]} ] ,
            "last_modified": "2026-01-01" } "#;
        let document = scan_document(json).expect("scans");
        let keys: Vec<&str> = document.header.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["format_version", "title", "last_modified"]);
        assert_eq!(document.header[1].1.get(), r#"{"de": "a \"b\" [c]"}"#);
        assert_eq!(
            document.entries.expect("entries"),
            [
                r#"{"id": "x", "name": "}{]["}"#,
                r#"{"id":"y\\","n":[1,{"a":2}]}"#
            ]
        );
    }

    #[test]
    fn empty_object_and_list() {
        assert!(scan_document("{}").expect("scans").entries.is_none());
        assert_eq!(entries(r#"{"entries": [ ]}"#), Some(vec![]));
        assert_eq!(
            entries(r#"{"entries": [1, true, null]}"#),
            Some(vec!["1", "true", "null"])
        );
    }

    #[test]
    fn a_second_entries_key_stays_in_the_header() {
        let document = scan_document(r#"{"entries": [], "entries": 5}"#).expect("scans");
        assert_eq!(document.entries, Some(vec![]));
        assert_eq!(document.header[0].0, "entries");
    }

    #[test]
    fn gives_up_on_anything_that_is_not_a_directory_shape() {
        for json in [
            "",
            "[]",
            "{",
            r#"{"entries": [{"id": "x"}]"#,
            r#"{"entries": [{"id": "x"} {"id": "y"}]}"#,
            r#"{"entries": [{"id": "x"},]}"#,
            r#"{"entries": {"id": "x"}}"#,
            r#"{"entries": []} trailing"#,
            r#"{"title": tru e, "entries": []}"#,
            r#"{"title" "x", "entries": []}"#,
            r#"{"title": "unterminated, "entries": []}"#,
            r#"{"entries": [], }"#,
            r#"{"a": 1 "entries": []}"#,
            r#"{"entries": ["\"]}"#,
        ] {
            let scanned = scan_document(json);
            assert!(
                scanned.is_none()
                    || scanned.is_some_and(|document| {
                        // Pieces that are not JSON are caught by their parse, as in the loader.
                        document
                            .entries
                            .unwrap_or_default()
                            .iter()
                            .any(|text| serde_json::from_str::<serde_json::Value>(text).is_err())
                    }),
                "{json:?}"
            );
        }
    }
}

#[cfg(test)]
mod part_tests {
    use super::*;

    /// An entry as far as these tests care; `children` may hold objects that look like entries.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: u32,
        #[serde(default)]
        phones: Vec<Phone>,
        #[serde(default)]
        children: Vec<Item>,
    }

    #[derive(Deserialize)]
    struct Phone {
        number: String,
    }

    fn list_json(pretty: bool, with_children: bool) -> String {
        let items: Vec<serde_json::Value> = (0..60)
            .map(|id| {
                let phones: Vec<serde_json::Value> = (0..id % 4)
                    .map(|n| serde_json::json!({"number": format!("0{n}, {{\"id\": 1}}")}))
                    .collect();
                let mut item = serde_json::json!({"id": id, "phones": phones});
                if with_children && id % 7 == 3 {
                    item["children"] = serde_json::json!([{"id": 900}, {"id": 901}]);
                }
                item
            })
            .collect();
        let document = serde_json::json!({"entries": items});
        if pretty {
            serde_json::to_string_pretty(&document).unwrap()
        } else {
            document.to_string()
        }
    }

    /// The ids read in parts starting at `starts` (the first must be just after the `[`).
    fn read_in_parts(json: &str, starts: &[usize]) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut ends = Vec::new();
        for (part, &start) in starts.iter().enumerate() {
            let until = starts.get(part + 1).copied();
            let read = |item: Item, text: &str| {
                // Each entry is read whole, with its text (a nested child, read by a part
                // that starts in the wrong place, has no phones).
                let phones = if item.id < 900 {
                    item.id as usize % 4
                } else {
                    0
                };
                assert_eq!(item.phones.len(), phones, "{text}");
                assert!(
                    item.phones
                        .iter()
                        .all(|phone| phone.number.starts_with('0'))
                );
                assert!(item.children.iter().all(|child| child.id >= 900));
                assert!(text.starts_with('{') && text.ends_with('}'));
                ids.push(item.id);
                Some(())
            };
            ends.push(read_list_part(json, start, part == 0, until, read)?);
        }
        let end = join_parts(&ends)?;
        assert_eq!(&json[end..].trim(), &"}");
        Some(ids)
    }

    #[test]
    fn parts_meet_wherever_they_are_cut() {
        for pretty in [false, true] {
            let json = list_json(pretty, false);
            let list_start = json.find('[').unwrap() + 1;
            for parts in 1..=9 {
                let starts = nominal_part_starts(list_start, json.len(), parts);
                let ids = read_in_parts(&json, &starts).expect("parts meet");
                assert_eq!(ids, (0..60).collect::<Vec<u32>>(), "{parts} parts");
            }
        }
    }

    #[test]
    fn parts_that_do_not_meet_are_refused_never_misread() {
        let json = list_json(false, true);
        let list_start = json.find('[').unwrap() + 1;
        // A part starting at a nested object that reads as an entry does not meet the part
        // before it, which reads that object's entry whole.
        let nested = json.find(r#"{"id":901}"#).unwrap();
        assert_eq!(read_in_parts(&json, &[list_start, nested]), None);
        // Wherever the cuts fall, the result is right or refused.
        for parts in 2..=12 {
            let starts = nominal_part_starts(list_start, json.len(), parts);
            if let Some(ids) = read_in_parts(&json, &starts) {
                assert_eq!(ids, (0..60).collect::<Vec<u32>>(), "{parts} parts");
            }
        }
    }

    #[test]
    fn an_empty_list_and_empty_parts() {
        let json = r#"{"entries": [ ]}"#;
        let list_start = json.find('[').unwrap() + 1;
        for parts in 1..=3 {
            let starts = nominal_part_starts(list_start, json.len(), parts);
            assert_eq!(read_in_parts(json, &starts), Some(vec![]));
        }
    }
}
