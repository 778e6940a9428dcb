//! Reading a large entries list in parallel parts.
//!
//! 100,000 entries are read on all cores: the list is cut at nominal positions into parts of
//! about equal length. The first part starts just after the list's `[`. Every other part
//! starts at the first entry it can find after its nominal start: a `{` after a comma that
//! reads as an entry without any issue. That is a guess (text can look like an entry), so the
//! parts must meet exactly: each part stops at the first entry at or after the next part's
//! nominal start, and that must be where the next part began. When they do not meet, the
//! caller reads the list in one piece. A wrong guess costs time, never a wrong result.

use crate::json::{Read, Reader};

use super::read::{EntryRead, read_entry};

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

/// Reads entries from `reader`, handing each to `each` with the byte range of its JSON.
///
/// With `exact`, the reader is just after the list's `[`; otherwise reading starts at the first
/// entry found from the reader's position on (see the module's description; none found: the
/// part is empty). Reading stops at the first entry at or after `until`, or after the list's
/// `]`. `Ok(None)` when `each` said stop (by returning `None`); a syntax error when the JSON is
/// broken (or, for a part that had to guess its start, when the guess was wrong).
pub(super) fn read_list_part(
    reader: &mut Reader,
    exact: bool,
    until: Option<usize>,
    mut each: impl FnMut(usize, usize, EntryRead) -> Option<()>,
) -> Read<Option<PartEnds>> {
    let (mut start, mut read) = if exact {
        if !reader.next_item(&mut true)? {
            let stop = reader.position();
            return Ok(Some(PartEnds {
                first: None,
                stop,
                closed: true,
            }));
        }
        reader.peek()?;
        (reader.position(), read_entry(reader)?)
    } else {
        match find_entry(reader, until) {
            Some(found) => found,
            None => {
                let stop = reader.position();
                return Ok(Some(PartEnds {
                    first: None,
                    stop,
                    closed: false,
                }));
            }
        }
    };
    let first = Some(start);
    loop {
        if each(start, reader.position(), read).is_none() {
            return Ok(None);
        }
        if !reader.next_item(&mut false)? {
            return Ok(Some(PartEnds {
                first,
                stop: reader.position(),
                closed: true,
            }));
        }
        reader.peek()?;
        start = reader.position();
        if until.is_some_and(|until| start >= until) {
            return Ok(Some(PartEnds {
                first,
                stop: start,
                closed: false,
            }));
        }
        read = read_entry(reader)?;
    }
}

/// Finds the first `{` before `until` that follows a comma and reads as an entry without any
/// issue, and leaves the reader after it. Tries a few candidates only: the usual miss is an
/// object inside an entry (`"phones": [{…}, {…}]`), and the next candidate is the next entry.
fn find_entry(reader: &mut Reader, until: Option<usize>) -> Option<(usize, EntryRead)> {
    const MOST_TRIES: usize = 16;
    let text = reader.text();
    let bytes = text.as_bytes();
    let limit = until.unwrap_or(bytes.len());
    let mut position = reader.position();
    for _ in 0..MOST_TRIES {
        position += memchr::memchr(b'{', bytes.get(position..limit)?)?;
        let before = bytes[..position]
            .iter()
            .rev()
            .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'));
        if before == Some(&b',') {
            let mut candidate = Reader::at(text, position);
            if let Ok(read) = read_entry(&mut candidate)
                && read.is_clean()
            {
                *reader = candidate;
                return Some((position, read));
            }
        }
        position += 1;
    }
    None
}

/// Checks that the parts meet exactly — each part that found values stopped where the next
/// such part began, and the last one closed the list — and returns the position just after the
/// list's `]`. The first part always starts right, so then every part did. `None` when they do
/// not meet; the caller then reads the list another way.
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

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    /// A list of 60 entries; each has phones, whose numbers hold text that looks like the
    /// start of an entry.
    fn list_json(pretty: bool) -> String {
        let entries: Vec<serde_json::Value> = (0..60)
            .map(|id| {
                let phones: Vec<serde_json::Value> = (0..id % 4)
                    .map(|n| serde_json::json!({"number": format!("0{n}, {{\"id\": \"x\", \"kind\": \"service\", \"name\": \"x\"}}")}))
                    .collect();
                serde_json::json!({"id": id.to_string(), "kind": "service", "name": "n", "phones": phones})
            })
            .collect();
        let document = serde_json::json!({"entries": entries});
        if pretty {
            serde_json::to_string_pretty(&document).unwrap()
        } else {
            document.to_string()
        }
    }

    /// The ids read in parts starting at `starts` (the first must be just after the `[`).
    fn read_in_parts(json: &str, starts: &[usize]) -> Option<Vec<String>> {
        let mut ids = Vec::new();
        let mut ends = Vec::new();
        for (part, &start) in starts.iter().enumerate() {
            let until = starts.get(part + 1).copied();
            let each = |start: usize, end: usize, read: EntryRead| {
                let entry = read.entry.expect("a usable entry");
                assert!(read.problems.is_empty());
                let id: usize = entry.id.parse().unwrap();
                assert_eq!(entry.phones.len(), id % 4);
                assert!(json[start..end].starts_with('{') && json[start..end].ends_with('}'));
                ids.push(entry.id);
                Some(())
            };
            let mut reader = Reader::at(json, start);
            ends.push(read_list_part(&mut reader, part == 0, until, each).ok()??);
        }
        let end = join_parts(&ends)?;
        assert_eq!(&json[end..].trim(), &"}");
        Some(ids)
    }

    #[test]
    fn parts_meet_wherever_they_are_cut() {
        let all: Vec<String> = (0..60).map(|id: usize| id.to_string()).collect();
        for pretty in [false, true] {
            let json = list_json(pretty);
            let list_start = json.find('[').unwrap() + 1;
            for parts in 1..=12 {
                let starts = nominal_part_starts(list_start, json.len(), parts);
                let ids = read_in_parts(&json, &starts).expect("parts meet");
                assert_eq!(ids, all, "{parts} parts");
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

    #[test]
    fn parts_that_do_not_meet_are_refused() {
        let part = |first, stop, closed| PartEnds {
            first,
            stop,
            closed,
        };
        assert_eq!(
            join_parts(&[part(Some(1), 10, false), part(Some(10), 20, true)]),
            Some(20)
        );
        // A part that started in the middle of the previous part's last entry.
        assert_eq!(
            join_parts(&[part(Some(1), 10, false), part(Some(8), 20, true)]),
            None
        );
        // A part that found nothing is left out; the list must still be closed.
        assert_eq!(
            join_parts(&[
                part(Some(1), 10, false),
                part(None, 15, false),
                part(Some(10), 20, true)
            ]),
            Some(20)
        );
        assert_eq!(join_parts(&[part(Some(1), 10, false)]), None);
        assert_eq!(
            join_parts(&[part(Some(1), 10, true), part(Some(10), 20, true)]),
            None
        );
    }
}
