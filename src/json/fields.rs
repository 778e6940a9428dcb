//! Reading typed records leniently: a value of the wrong type is skipped and reported as a
//! [`Problem`] with its path in the record (`location.latitude`, `languages[2]`), and reading
//! goes on with the next value, so that one run finds every problem.
//!
//! Only a syntax error stops reading; the caller decides what a record with problems is worth.
//! The problems are the directory's (see `crate::directory::problem`): reading reports in the
//! same vocabulary as checking, with the kind, severity and consequence set here.

use std::borrow::Cow;

use super::reader::{Found, Read, Reader};
use crate::directory::problem::{Consequence, ProblemKind, Problems, Severity, Step};

/// The fields of a record type: one enum for the code to match on exhaustively and the names
/// as JSON writes them, declared together so that the two cannot disagree.
///
/// ```text
/// record_fields! {
///     /// The fields of an organisation.
///     enum OrganizationField { Name = "name", Website = "website" }
/// }
/// ```
macro_rules! record_fields {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $json:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $(
                #[doc = concat!("`", $json, "`")]
                $variant
            ),+
        }

        impl $crate::json::fields::RecordFields for $name {
            const NAMES: &'static [&'static str] = &[$($json),+];
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}
pub(crate) use record_fields;

/// A record type's fields, declared with [`record_fields!`].
pub trait RecordFields: Copy + 'static {
    /// The fields' names as JSON writes them, in declaration order.
    const NAMES: &'static [&'static str];
    /// Every field, in the order of [`RecordFields::NAMES`].
    const ALL: &'static [Self];

    /// The field's position in [`RecordFields::NAMES`].
    fn index(self) -> usize;
}

/// Returns `value`; reports a missing required field when it is `None`. `consequence` says what
/// the record's reader does without it: an entry without a name is skipped, an organisation
/// without one is ignored. A bad value was reported (as ignored) when it was read; its problem
/// now says what its loss costs.
pub fn required<T, F: RecordFields>(
    problems: &mut Problems,
    fields: Option<Fields>,
    value: Option<T>,
    field: F,
    consequence: Consequence,
) -> Option<T> {
    let fields = fields?;
    if value.is_some() {
        return value;
    }
    let name = F::NAMES[field.index()];
    if !fields.seen(field.index()) {
        problems.error(
            ProblemKind::MissingField,
            &[Step::Field(name)],
            format!("the required field \"{name}\" is missing"),
            consequence,
        );
    } else {
        // The bad value was reported as ignored when it was read; without it the record is
        // lost, and that is what its problem says.
        problems.escalate(name, consequence);
    }
    None
}

/// What a value of the wrong type costs: the record itself when it is the record that has the
/// wrong type, else only the value.
fn wrong_type_consequence(problems: &Problems, key: Option<&str>) -> Consequence {
    if problems.at_record() && key.is_none() {
        Consequence::EntrySkipped
    } else {
        Consequence::ValueIgnored
    }
}

/// The steps for a value under `key`, or for the value itself.
fn at_key(key: Option<&str>) -> Vec<Step<'_>> {
    key.map(|key| Step::Key(Cow::Borrowed(key)))
        .into_iter()
        .collect()
}

/// The fields of an object type, and which of them an object had.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    seen: u64,
}

impl Fields {
    /// Whether the object had field number `field` (of the names given to
    /// [`read_object_repeating`]).
    pub fn seen(&self, field: usize) -> bool {
        self.seen & (1 << field) != 0
    }
}

/// Reads an object of the record type `F` (see [`read_object_repeating`]): `read_field` gets each known
/// field as `F`, so that callers match on names, not positions.
pub fn read_record<'a, F: RecordFields>(
    reader: &mut Reader<'a>,
    problems: &mut Problems,
    expected: &str,
    mut read_field: impl FnMut(F, &mut Reader<'a>, &mut Problems) -> Read<()>,
) -> Read<Option<Fields>> {
    read_object_repeating(
        reader,
        problems,
        expected,
        F::NAMES,
        None,
        |index, reader, problems| read_field(F::ALL[index], reader, problems),
    )
}

/// Skips the value whose type was found wrong and reports that `expected` was expected.
pub fn wrong_type(
    reader: &mut Reader,
    problems: &mut Problems,
    found: Found,
    expected: &str,
) -> Read<()> {
    wrong_type_at(reader, problems, None, found, expected)
}

/// [`wrong_type`] for the value under `key`, in an object with any keys.
pub fn wrong_type_at_key(
    reader: &mut Reader,
    problems: &mut Problems,
    key: &str,
    found: Found,
    expected: &str,
) -> Read<()> {
    wrong_type_at(reader, problems, Some(key), found, expected)
}

fn wrong_type_at(
    reader: &mut Reader,
    problems: &mut Problems,
    key: Option<&str>,
    found: Found,
    expected: &str,
) -> Read<()> {
    let start = reader.position();
    reader.skip()?;
    let written = &reader.text()[start..reader.position()];
    // A scalar is quoted (`a number (5)`); an object or list only named.
    let described = match found {
        Found::Object | Found::List => found.describe().to_owned(),
        _ => format!("{} ({})", found.describe(), shorten(written)),
    };
    let consequence = wrong_type_consequence(problems, key);
    problems.error(
        ProblemKind::InvalidValue,
        &at_key(key),
        format!("expected {expected}, found {described}"),
        consequence,
    );
    Ok(())
}

/// At most 40 characters of `text`, for quoting in a message.
pub fn shorten(text: &str) -> String {
    const MOST: usize = 40;
    match text.char_indices().nth(MOST) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Reads an object whose field names are `names`: `read_field` gets each known field's number
/// and reads its value. Unknown fields and repeated fields are skipped and reported, except
/// that field number `repeatable`, when it appears again, is given to `read_field` again: for a
/// field whose values must all be kept (a second `entries` list holds entries too), and whose
/// reader reports the repeat itself. `None` (and a problem) when the value is not an object;
/// `expected` describes the object for that message.
///
/// This is the one reading loop for every record type, and not generic over the type: one copy
/// of it in the wasm. [`read_record`] gives callers the fields by name.
pub fn read_object_repeating<'a>(
    reader: &mut Reader<'a>,
    problems: &mut Problems,
    expected: &str,
    names: &'static [&'static str],
    repeatable: Option<usize>,
    mut read_field: impl FnMut(usize, &mut Reader<'a>, &mut Problems) -> Read<()>,
) -> Read<Option<Fields>> {
    debug_assert!(names.len() <= 64);
    let found = reader.peek()?;
    if found != Found::Object {
        wrong_type(reader, problems, found, expected)?;
        return Ok(None);
    }
    reader.begin_object()?;
    let mut fields = Fields { seen: 0 };
    let mut first = true;
    // Files usually list fields in the format's order, so the field after the last one is
    // tried first: one comparison per key instead of a search.
    let mut next_guess = 0;
    while let Some(key) = reader.next_key(&mut first)? {
        let field = match names.get(next_guess) {
            Some(name) if same_name(name, &key) => Some(next_guess),
            _ => names.iter().position(|name| same_name(name, &key)),
        };
        if let Some(field) = field {
            next_guess = field + 1;
        }
        match field {
            Some(field) if !fields.seen(field) || repeatable == Some(field) => {
                fields.seen |= 1 << field;
                problems.enter(Step::Field(names[field]));
                read_field(field, reader, problems)?;
                problems.leave();
            }
            Some(_) => {
                reader.skip()?;
                problems.error(
                    ProblemKind::InvalidValue,
                    &[Step::Key(Cow::Borrowed(&key))],
                    format!("the field \"{key}\" appears twice; the second value was ignored"),
                    Consequence::ValueIgnored,
                );
            }
            None => {
                reader.skip()?;
                problems.warning(
                    ProblemKind::UnknownField,
                    &[Step::Key(Cow::Borrowed(&key))],
                    format!("unknown field \"{key}\" (a typo?); it was ignored"),
                );
            }
        }
    }
    Ok(Some(fields))
}

/// Whether two field names are equal. Field names are short, and comparing them byte by byte
/// here is faster than the library call that `==` makes for each.
#[inline]
fn same_name(name: &str, key: &str) -> bool {
    let (name, key) = (name.as_bytes(), key.as_bytes());
    if name.len() != key.len() {
        return false;
    }
    let mut different = 0;
    for index in 0..name.len() {
        different |= name[index] ^ key[index];
    }
    different == 0
}

/// Reads an object with any field names: `read_member` gets each name and reads its value.
/// `None` (and an issue) when the value is not an object.
pub fn read_map<'a>(
    reader: &mut Reader<'a>,
    problems: &mut Problems,
    expected: &str,
    mut read_member: impl FnMut(&str, &mut Reader<'a>, &mut Problems) -> Read<()>,
) -> Read<Option<()>> {
    let found = reader.peek()?;
    if found != Found::Object {
        wrong_type(reader, problems, found, expected)?;
        return Ok(None);
    }
    reader.begin_object()?;
    let mut first = true;
    while let Some(key) = reader.next_key(&mut first)? {
        problems.enter(Step::Key(Cow::Owned(key.to_string())));
        read_member(&key, reader, problems)?;
        problems.leave();
    }
    Ok(Some(()))
}

/// Reads a list whose items `read_item` reads; items it returns `None` for are left out.
/// `None` (and an issue) when the value is not a list.
pub fn read_list<'a, T>(
    reader: &mut Reader<'a>,
    problems: &mut Problems,
    mut read_item: impl FnMut(&mut Reader<'a>, &mut Problems) -> Read<Option<T>>,
) -> Read<Option<Vec<T>>> {
    let found = reader.peek()?;
    if found != Found::List {
        wrong_type(reader, problems, found, "a list [ … ]")?;
        return Ok(None);
    }
    reader.begin_list()?;
    let mut items = Vec::new();
    let mut first = true;
    let mut index = 0;
    while reader.next_item(&mut first)? {
        problems.enter(Step::Index(index));
        items.extend(read_item(reader, problems)?);
        problems.leave();
        index += 1;
    }
    // A list grows to room for four at its first item: most lists here have one or two (an
    // entry's phones, its categories), and 100,000 entries stay in the browser's memory, which
    // never shrinks. Giving the rest back shrinks the block where it is.
    items.shrink_to_fit();
    Ok(Some(items))
}

/// Reads a value that may also be `null`, which stands for no value.
pub fn optional<'a, T>(
    reader: &mut Reader<'a>,
    problems: &mut Problems,
    read: impl FnOnce(&mut Reader<'a>, &mut Problems) -> Read<Option<T>>,
) -> Read<Option<T>> {
    if reader.peek()? == Found::Null {
        reader.null()?;
        return Ok(None);
    }
    read(reader, problems)
}

/// Reads a text, cleaned (see [`read_clean_string`]).
pub fn read_string(reader: &mut Reader, problems: &mut Problems) -> Read<Option<String>> {
    match reader.peek()? {
        Found::Text => read_clean_string(reader, problems, None).map(Some),
        found => wrong_type(reader, problems, found, "a text").map(|()| None),
    }
}

/// Reads the string at the reader and cleans it with [`clean_text`]; problems are noted at `key`
/// under the current path (for objects with any keys), or at the path itself.
pub fn read_clean_string(
    reader: &mut Reader,
    problems: &mut Problems,
    key: Option<&str>,
) -> Read<String> {
    let text = reader.string()?;
    let lone_surrogates = reader.take_lone_surrogates();
    if !reader.take_wide() {
        // Plain ASCII without escaped controls, as most texts, ids and codes are: nothing to
        // take out, and nothing to look at again.
        return Ok(text.into_owned());
    }
    let (text, found) = clean_text(text, lone_surrogates);
    for (class, first) in CLASSES.iter().zip(found.first) {
        let Some(first) = first else {
            continue;
        };
        // Written piece by piece: `format!` at each of these call sites costs the widget more.
        let mut message = String::from(class.before);
        if first != char::REPLACEMENT_CHARACTER {
            message.push_str(" (U+");
            let code = u32::from(first);
            for shift in (0..if code > 0xFFFF { 6 } else { 4 }).rev() {
                let digit = char::from_digit((code >> (shift * 4)) & 0xF, 16).unwrap_or('0');
                message.push(digit.to_ascii_uppercase());
            }
            message.push(')');
        }
        message.push_str(class.after);
        problems.report(
            class.severity,
            ProblemKind::InvalidText,
            &at_key(key),
            message,
            Consequence::ValueCorrected,
        );
    }
    Ok(text)
}

/// A class of characters that [`clean_text`] takes out, and how its problem is reported.
struct CharacterClass {
    severity: Severity,
    before: &'static str,
    after: &'static str,
}

/// The classes, in the order of [`Cleaned::first`].
const CLASSES: [CharacterClass; 4] = [
    CharacterClass {
        severity: Severity::Error,
        before: "contains control characters",
        after: " that do not belong in a text; they were removed",
    },
    CharacterClass {
        severity: Severity::Error,
        before: "contains direction overrides",
        after: ", which can make a text read backwards; they were removed",
    },
    CharacterClass {
        severity: Severity::Error,
        before: "contains half of a character (a \\u escape of a lone surrogate)",
        after: "; it was replaced by \u{FFFD}",
    },
    CharacterClass {
        severity: Severity::Warning,
        before: "contains invisible characters",
        after: "; they were removed",
    },
];

/// What [`clean_text`] took out of a text: per class (see [`CLASSES`]), the first character of
/// that class, or U+FFFD for the halves of a character that reading replaced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    /// Control characters (C0 but tab, line feed and carriage return; DEL; C1), direction
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), halves of a
    /// character, invisible characters.
    pub first: [Option<char>; 4],
}

/// The class of a character that [`clean_text`] takes out (an index into [`CLASSES`]), if it
/// is one.
fn unwanted(c: char) -> Option<usize> {
    match c {
        // Tab, line feed and carriage return are plain white space in a text.
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(0),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(1),
        // Zero-width space, word joiner, invisible operators, deprecated format characters and
        // a byte-order mark inside a text. Not U+200C/U+200D (zero-width (non-)joiner), which
        // Persian words and emoji need, nor U+200E/U+200F/U+061C (direction marks), which only
        // place neutral characters such as brackets and cannot reverse a word.
        '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' => Some(3),
        _ => None,
    }
}

/// A text without the characters that would hide, reorder or garble it on a screen or in a
/// terminal, and what was taken out. `lone_surrogates` says whether reading replaced halves of
/// a character by U+FFFD (see [`Reader::take_lone_surrogates`]).
///
/// Why take them out rather than refuse the value: the rest of the text is good, and a newcomer
/// should see it. Why not show them: U+202E turns "evil" into "live" on screen, and an escape
/// character rewrites the officer's terminal.
pub fn clean_text(text: Cow<str>, lone_surrogates: bool) -> (String, Cleaned) {
    let mut cleaned = Cleaned::default();
    if lone_surrogates {
        cleaned.first[2] = Some(char::REPLACEMENT_CHARACTER);
    }
    // Most texts have none of these: only bytes that start such a character (DEL, C2 for C1
    // controls, E2 for U+2000–U+2FFF, EF for U+FEFF) make it worth a closer look, and control
    // characters, which only an escape can write (raw ones are a syntax error). This runs for
    // every text of every entry: memchr looks at many bytes at once.
    let bytes = text.as_bytes();
    let escaped_control = matches!(text, Cow::Owned(_))
        && bytes
            .iter()
            .any(|&byte| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'));
    let lead = |byte: &u8| matches!(byte, 0x7f | 0xc2 | 0xe2 | 0xef);
    let maybe = escaped_control
        || if bytes.len() < 32 {
            // Short texts (names, towns, codes): calling memchr costs more than looking.
            bytes.iter().any(lead)
        } else {
            memchr::memchr3(0xc2, 0xe2, 0xef, bytes).is_some()
                || memchr::memchr(0x7f, bytes).is_some()
        };
    if !maybe || !text.chars().any(|c| unwanted(c).is_some()) {
        return (text.into_owned(), cleaned);
    }
    let mut kept = String::with_capacity(text.len());
    for c in text.chars() {
        match unwanted(c) {
            Some(class) => {
                cleaned.first[class].get_or_insert(c);
            }
            None => kept.push(c),
        }
    }
    (kept, cleaned)
}

/// Reads `true` or `false`.
pub fn read_bool(reader: &mut Reader, problems: &mut Problems) -> Read<Option<bool>> {
    match reader.peek()? {
        Found::Bool => reader.boolean().map(Some),
        found => wrong_type(reader, problems, found, "true or false").map(|()| None),
    }
}

/// Reads a number.
pub fn read_f64(reader: &mut Reader, problems: &mut Problems) -> Read<Option<f64>> {
    match reader.peek()? {
        Found::Number => {
            let written = reader.number()?;
            match super::number::number_value(written) {
                Some(number) => Ok(Some(number)),
                None => {
                    problems.error(
                        ProblemKind::InvalidValue,
                        &[],
                        format!("the number {} is too large", shorten(written)),
                        Consequence::ValueIgnored,
                    );
                    Ok(None)
                }
            }
        }
        found => wrong_type(reader, problems, found, "a number").map(|()| None),
    }
}

/// Reads a whole number from 0 to `u32::MAX`.
pub fn read_u32(reader: &mut Reader, problems: &mut Problems) -> Read<Option<u32>> {
    const EXPECTED: &str = "a whole number from 0 to 4294967295";
    match reader.peek()? {
        Found::Number => {
            let written = reader.number()?;
            #[allow(clippy::disallowed_methods)] // A whole number: integer parsing is small.
            match written.parse::<u32>() {
                Ok(number) => Ok(Some(number)),
                Err(_) => {
                    problems.error(
                        ProblemKind::InvalidValue,
                        &[],
                        format!("expected {EXPECTED}, found {}", shorten(written)),
                        Consequence::ValueIgnored,
                    );
                    Ok(None)
                }
            }
        }
        found => wrong_type(reader, problems, found, EXPECTED).map(|()| None),
    }
}

/// Reads a text that must be one of `names`, and gives the value of `choices` at its position
/// (the two lists that `format_names!` makes: `ALL` and `NAMES`).
pub fn read_choice<T: Copy>(
    reader: &mut Reader,
    problems: &mut Problems,
    choices: &[T],
    names: &[&str],
) -> Read<Option<T>> {
    Ok(read_choice_index(reader, problems, names)?.and_then(|index| choices.get(index).copied()))
}

/// The position in `names` of the text read. One copy for every enum of the format: a
/// generic reader per enum cost a kilobyte each in the widget's download.
fn read_choice_index(
    reader: &mut Reader,
    problems: &mut Problems,
    names: &[&str],
) -> Read<Option<usize>> {
    match reader.peek()? {
        Found::Text => {
            let text = reader.string()?;
            let chosen = names.iter().position(|name| *name == text);
            if chosen.is_none() {
                problems.error(
                    ProblemKind::InvalidValue,
                    &[],
                    format!("\"{}\" is not one of: {}", shorten(&text), names.join(", ")),
                    Consequence::ValueIgnored,
                );
            }
            Ok(chosen)
        }
        found => {
            let expected = format!("one of: {}", names.join(", "));
            wrong_type(reader, problems, found, &expected).map(|()| None)
        }
    }
}

/// Reads a text and converts it with `parse`; when that fails, reports `explain(text)` as a
/// problem of `kind`.
pub fn read_parsed<T>(
    reader: &mut Reader,
    problems: &mut Problems,
    kind: ProblemKind,
    expected: &str,
    parse: impl FnOnce(&str) -> Option<T>,
    explain: impl FnOnce(&str) -> String,
) -> Read<Option<T>> {
    match reader.peek()? {
        Found::Text => {
            let text = reader.string()?;
            let parsed = parse(&text);
            if parsed.is_none() {
                problems.error(
                    kind,
                    &[],
                    explain(&shorten(&text)),
                    Consequence::ValueIgnored,
                );
            }
            Ok(parsed)
        }
        found => wrong_type(reader, problems, found, expected).map(|()| None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::problem::{MAX_PROBLEMS, Problem};

    #[derive(Debug, Default, PartialEq)]
    struct Record {
        name: String,
        tags: Vec<u32>,
        inner: Option<bool>,
    }

    record_fields! {
        /// The test record's fields.
        enum RecordField { Name = "name", Tags = "tags", Inner = "inner" }
    }

    record_fields! {
        /// The inner object's one field.
        enum InnerField { Required = "required" }
    }

    /// Reads a `Record`: `name` is required, `inner` is an object `{ "required": bool }`.
    fn read_test_record(json: &str) -> (Option<Record>, Vec<Problem>) {
        let mut reader = Reader::new(json);
        let mut problems = Problems::default();
        let mut record = Record::default();
        let mut name = None;
        let fields = read_record(
            &mut reader,
            &mut problems,
            "a record",
            |field, reader, problems| {
                match field {
                    RecordField::Name => name = read_string(reader, problems)?,
                    RecordField::Tags => {
                        record.tags = read_list(reader, problems, read_u32)?.unwrap_or_default()
                    }
                    RecordField::Inner => {
                        record.inner = optional(reader, problems, |reader, problems| {
                            let mut value = None;
                            let fields = read_record(
                                reader,
                                problems,
                                "an object",
                                |InnerField::Required, reader, problems| {
                                    value = read_bool(reader, problems)?;
                                    Ok(())
                                },
                            )?;
                            Ok(required(
                                problems,
                                fields,
                                value,
                                InnerField::Required,
                                Consequence::ValueIgnored,
                            ))
                        })?
                    }
                }
                Ok(())
            },
        )
        .unwrap();
        let name = required(
            &mut problems,
            fields,
            name,
            RecordField::Name,
            Consequence::EntrySkipped,
        );
        (
            name.map(|name| Record { name, ..record }),
            problems.into_list(),
        )
    }

    /// The record read from `json`, and the paths of its problems.
    fn paths(json: &str) -> (Option<Record>, Vec<String>) {
        let (record, problems) = read_test_record(json);
        (
            record,
            problems.into_iter().map(|problem| problem.field).collect(),
        )
    }

    #[test]
    fn keeps_what_is_good_and_reports_every_bad_value() {
        let record = |name: &str, tags: Vec<u32>, inner| {
            Some(Record {
                name: name.into(),
                tags,
                inner,
            })
        };
        assert_eq!(
            paths(r#"{"name": "a"}"#),
            (record("a", vec![], None), vec![])
        );
        assert_eq!(
            paths(r#"{"name": "a", "tags": [1, "x", 3, -1]}"#),
            (
                record("a", vec![1, 3], None),
                vec!["tags[1]".into(), "tags[3]".into()]
            )
        );
        assert_eq!(
            paths(r#"{"name": "a", "inner": {}, "colour": 1, "inner": null}"#),
            (
                record("a", vec![], None),
                vec!["inner.required".into(), "colour".into(), "inner".into()]
            )
        );
        assert_eq!(
            paths(r#"{"inner": {"required": true}}"#),
            (None, vec!["name".into()])
        );
        assert_eq!(paths(r#"{"name": 5}"#), (None, vec!["name".into()]));
        assert_eq!(paths(r#"[1, 2]"#), (None, vec!["".into()]));
    }

    /// A list read keeps no room beyond its items (most lists have one or two; a vector
    /// makes room for four at its first).
    #[test]
    fn a_list_read_keeps_no_spare_room() {
        for (json, length) in [("[7]", 1), ("[1, 2, 3, 4, 5]", 5), ("[1, \"x\", 3]", 2)] {
            let mut reader = Reader::new(json);
            let mut problems = Problems::default();
            let list = read_list(&mut reader, &mut problems, read_u32)
                .unwrap()
                .unwrap();
            assert_eq!((list.len(), list.capacity()), (length, length), "{json}");
        }
    }

    /// Each check sets what is done about its value where it runs.
    #[test]
    fn every_problem_says_what_was_done() {
        let (_, problems) = read_test_record(
            r#"{"name": 5, "tags": [1, "x"], "inner": {}, "colour": 1, "tags": []}"#,
        );
        let done: Vec<(&str, Severity, Consequence)> = problems
            .iter()
            .map(|problem| {
                (
                    problem.field.as_str(),
                    problem.severity,
                    problem.consequence,
                )
            })
            .collect();
        assert_eq!(
            done,
            [
                ("name", Severity::Error, Consequence::EntrySkipped),
                ("tags[1]", Severity::Error, Consequence::ValueIgnored),
                ("inner.required", Severity::Error, Consequence::ValueIgnored),
                ("colour", Severity::Warning, Consequence::None),
                ("tags", Severity::Error, Consequence::ValueIgnored),
            ]
        );
        let (_, problems) = read_test_record("[1]");
        assert_eq!(problems[0].consequence, Consequence::EntrySkipped);
        let (_, problems) = read_test_record("{}");
        assert_eq!(
            (problems[0].kind, problems[0].consequence),
            (ProblemKind::MissingField, Consequence::EntrySkipped)
        );
    }

    #[test]
    fn messages_name_the_expected_and_the_found() {
        let (record, problems) =
            read_test_record(r#"{"name": ["x"], "tags": "many", "inner": {"required": "yes"}}"#);
        assert_eq!(record, None);
        let messages: Vec<String> = problems
            .into_iter()
            .map(|problem| problem.message)
            .collect();
        assert_eq!(
            messages,
            [
                "expected a text, found a list [ … ]",
                "expected a list [ … ], found a text (\"many\")",
                "expected true or false, found a text (\"yes\")",
            ]
        );
    }

    #[test]
    fn notes_at_most_the_limit() {
        let tags = vec!["\"x\""; 100].join(",");
        let (record, problems) = read_test_record(&format!(r#"{{"name": "a", "tags": [{tags}]}}"#));
        assert!(
            record.is_some(),
            "the reader only counts; giving up is the caller's decision"
        );
        assert_eq!(problems.len(), MAX_PROBLEMS);
    }

    #[test]
    fn record_fields_agree_with_their_names() {
        assert_eq!(RecordField::NAMES, ["name", "tags", "inner"]);
        for (index, field) in RecordField::ALL.iter().enumerate() {
            assert_eq!(field.index(), index);
        }
    }
}
