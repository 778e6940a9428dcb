//! Reading typed records leniently: a value of the wrong type is skipped and noted as an
//! [`Issue`] with its path in the record (`location.latitude`, `languages[2]`), and reading goes
//! on with the next value, so that one run finds every problem.
//!
//! Only a syntax error stops reading; the caller decides what a record with issues is worth.

use std::borrow::Cow;

use super::reader::{Found, Read, Reader};

/// Most issues noted for one record; a record with this many is given up as untrustworthy.
pub const MAX_ISSUES: usize = 20;

/// One value that did not fit the expected shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where, as a path relative to the record (`location.latitude`, `languages[2]`); empty for
    /// the record itself.
    pub path: String,
    /// A plain-language explanation that names the expected type or values.
    pub message: String,
    /// What went wrong.
    pub kind: IssueKind,
}

/// The sorts of issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// A field the record type does not have (it was skipped).
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A value of the wrong type or with an impossible value (it was skipped).
    InvalidValue,
    /// The record had [`MAX_ISSUES`] issues or more and was given up.
    GivenUp,
    /// A text had characters that are not text or that can disguise it: control characters,
    /// direction overrides, halves of a character. They were taken out (or replaced by
    /// U+FFFD) and the rest of the text kept; see [`clean_text`].
    BadCharacters,
    /// A text had invisible characters that only get in the way (a zero-width space); they
    /// were taken out and the rest of the text kept.
    InvisibleCharacters,
}

impl IssueKind {
    /// Whether the value was corrected and kept, rather than left out.
    pub fn is_correction(self) -> bool {
        matches!(
            self,
            IssueKind::BadCharacters | IssueKind::InvisibleCharacters
        )
    }
}

/// One step on the path from a record to one of its values.
#[derive(Debug)]
enum Step {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// The issues of one record, and the path to the value being read.
#[derive(Debug, Default)]
pub struct Issues {
    list: Vec<Issue>,
    path: Vec<Step>,
}

impl Issues {
    /// No issues yet, at the record itself.
    pub fn new() -> Issues {
        Issues::default()
    }

    /// The issues noted, at most [`MAX_ISSUES`].
    pub fn into_list(self) -> Vec<Issue> {
        self.list
    }

    /// The issues noted so far.
    pub fn list(&self) -> &[Issue] {
        &self.list
    }

    /// Whether the record has so many issues that it should be given up.
    pub fn too_many(&self) -> bool {
        self.list.len() >= MAX_ISSUES
    }

    /// Notes an issue at the current path.
    pub fn add(&mut self, kind: IssueKind, message: String) {
        self.add_at(None, kind, message);
    }

    /// Notes an issue at `key` under the current path (for objects with any keys).
    pub fn add_at_key(&mut self, key: &str, kind: IssueKind, message: String) {
        self.add_at(Some(key), kind, message);
    }

    /// Notes an issue at `key` under the current path, or at the path itself.
    pub fn add_at(&mut self, key: Option<&str>, kind: IssueKind, message: String) {
        if self.too_many() {
            return;
        }
        let mut path = String::new();
        let keys = self.path.iter().map(|step| match step {
            Step::Field(field) => Err(*field),
            Step::Key(key) => Err(key.as_str()),
            Step::Index(index) => Ok(*index),
        });
        for step in keys.chain(key.map(Err)) {
            match step {
                Err(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Ok(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        self.list.push(Issue {
            path,
            message,
            kind,
        });
    }

    fn enter(&mut self, step: Step) {
        self.path.push(step);
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    /// Returns `value`; notes a missing required field when it is `None` and the field was not
    /// in the object at all (a bad value was noted when it was read).
    pub fn required<T>(&mut self, value: Option<T>, fields: &Fields, field: usize) -> Option<T> {
        if value.is_none() && !fields.seen(field) {
            let name = fields.names[field];
            self.add_at(
                Some(name),
                IssueKind::MissingField,
                format!("the required field \"{name}\" is missing"),
            );
        }
        value
    }
}

/// The fields of an object type, and which of them an object had.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    names: &'static [&'static str],
    seen: u64,
}

impl Fields {
    /// Whether the object had field number `field` (of the names given to [`read_object`]).
    pub fn seen(&self, field: usize) -> bool {
        self.seen & (1 << field) != 0
    }
}

/// Skips the value whose type was found wrong and notes that `expected` was expected.
pub fn wrong_type(
    reader: &mut Reader,
    issues: &mut Issues,
    found: Found,
    expected: &str,
) -> Read<()> {
    wrong_type_at(reader, issues, None, found, expected)
}

/// [`wrong_type`] for the value under `key`, in an object with any keys (see
/// [`Issues::add_at_key`]).
pub fn wrong_type_at_key(
    reader: &mut Reader,
    issues: &mut Issues,
    key: &str,
    found: Found,
    expected: &str,
) -> Read<()> {
    wrong_type_at(reader, issues, Some(key), found, expected)
}

fn wrong_type_at(
    reader: &mut Reader,
    issues: &mut Issues,
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
    let message = format!("expected {expected}, found {described}");
    issues.add_at(key, IssueKind::InvalidValue, message);
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
/// and reads its value. Unknown fields and repeated fields are skipped and noted. `None` (and
/// an issue) when the value is not an object; `expected` describes the object for that message.
pub fn read_object<'a>(
    reader: &mut Reader<'a>,
    issues: &mut Issues,
    expected: &str,
    names: &'static [&'static str],
    read_field: impl FnMut(usize, &mut Reader<'a>, &mut Issues) -> Read<()>,
) -> Read<Option<Fields>> {
    read_object_repeating(reader, issues, expected, names, None, read_field)
}

/// [`read_object`], except that field number `repeatable`, when it appears again, is given to
/// `read_field` again instead of being skipped: for a field whose values must all be kept (a
/// second `entries` list holds entries too), and whose reader notes the repeat itself.
pub fn read_object_repeating<'a>(
    reader: &mut Reader<'a>,
    issues: &mut Issues,
    expected: &str,
    names: &'static [&'static str],
    repeatable: Option<usize>,
    mut read_field: impl FnMut(usize, &mut Reader<'a>, &mut Issues) -> Read<()>,
) -> Read<Option<Fields>> {
    debug_assert!(names.len() <= 64);
    let found = reader.peek()?;
    if found != Found::Object {
        wrong_type(reader, issues, found, expected)?;
        return Ok(None);
    }
    reader.begin_object()?;
    let mut fields = Fields { names, seen: 0 };
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
                issues.enter(Step::Field(names[field]));
                read_field(field, reader, issues)?;
                issues.leave();
            }
            Some(_) => {
                reader.skip()?;
                issues.add_at(
                    Some(&key),
                    IssueKind::InvalidValue,
                    format!("the field \"{key}\" appears twice; the second value was ignored"),
                );
            }
            None => {
                reader.skip()?;
                issues.add_at(
                    Some(&key),
                    IssueKind::UnknownField,
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
    issues: &mut Issues,
    expected: &str,
    mut read_member: impl FnMut(&str, &mut Reader<'a>, &mut Issues) -> Read<()>,
) -> Read<Option<()>> {
    let found = reader.peek()?;
    if found != Found::Object {
        wrong_type(reader, issues, found, expected)?;
        return Ok(None);
    }
    reader.begin_object()?;
    let mut first = true;
    while let Some(key) = reader.next_key(&mut first)? {
        issues.enter(Step::Key(key.to_string()));
        read_member(&key, reader, issues)?;
        issues.leave();
    }
    Ok(Some(()))
}

/// Reads a list whose items `read_item` reads; items it returns `None` for are left out.
/// `None` (and an issue) when the value is not a list.
pub fn read_list<'a, T>(
    reader: &mut Reader<'a>,
    issues: &mut Issues,
    mut read_item: impl FnMut(&mut Reader<'a>, &mut Issues) -> Read<Option<T>>,
) -> Read<Option<Vec<T>>> {
    let found = reader.peek()?;
    if found != Found::List {
        wrong_type(reader, issues, found, "a list [ … ]")?;
        return Ok(None);
    }
    reader.begin_list()?;
    let mut items = Vec::new();
    let mut first = true;
    let mut index = 0;
    while reader.next_item(&mut first)? {
        issues.enter(Step::Index(index));
        items.extend(read_item(reader, issues)?);
        issues.leave();
        index += 1;
    }
    Ok(Some(items))
}

/// Reads a value that may also be `null`, which stands for no value.
pub fn optional<'a, T>(
    reader: &mut Reader<'a>,
    issues: &mut Issues,
    read: impl FnOnce(&mut Reader<'a>, &mut Issues) -> Read<Option<T>>,
) -> Read<Option<T>> {
    if reader.peek()? == Found::Null {
        reader.null()?;
        return Ok(None);
    }
    read(reader, issues)
}

/// Reads a text, cleaned (see [`read_clean_string`]).
pub fn read_string(reader: &mut Reader, issues: &mut Issues) -> Read<Option<String>> {
    match reader.peek()? {
        Found::Text => read_clean_string(reader, issues, None).map(Some),
        found => wrong_type(reader, issues, found, "a text").map(|()| None),
    }
}

/// Reads the string at the reader and cleans it with [`clean_text`]; issues are noted at `key`
/// under the current path (for objects with any keys), or at the path itself.
pub fn read_clean_string(
    reader: &mut Reader,
    issues: &mut Issues,
    key: Option<&str>,
) -> Read<String> {
    let text = reader.string()?;
    let lone_surrogates = reader.take_lone_surrogates();
    let (text, found) = clean_text(text, lone_surrogates);
    for (kind, message) in found.messages() {
        issues.add_at(key, kind, message);
    }
    Ok(text)
}

/// What [`clean_text`] took out of a text, by class.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Control characters (C0 but tab, line feed and carriage return; DEL; C1), as found.
    pub controls: Vec<char>,
    /// Direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    pub direction: Vec<char>,
    /// Invisible characters that only get in the way (zero-width space, word joiner, …).
    pub invisible: Vec<char>,
    /// Whether halves of a character (escaped lone surrogates) were replaced by U+FFFD.
    pub lone_surrogates: bool,
}

impl Cleaned {
    /// One issue per class found, as (kind, message).
    pub fn messages(&self) -> Vec<(IssueKind, String)> {
        let mut messages = Vec::new();
        if !self.controls.is_empty() {
            messages.push((
                IssueKind::BadCharacters,
                format!(
                    "contains control characters ({}) that do not belong in a text; they were removed",
                    code_points(&self.controls)
                ),
            ));
        }
        if !self.direction.is_empty() {
            messages.push((
                IssueKind::BadCharacters,
                format!(
                    "contains direction overrides ({}), which can make a text read backwards; they were removed",
                    code_points(&self.direction)
                ),
            ));
        }
        if self.lone_surrogates {
            messages.push((
                IssueKind::BadCharacters,
                "contains half of a character (a \\u escape of a lone surrogate); it was replaced by \u{FFFD}"
                    .to_owned(),
            ));
        }
        if !self.invisible.is_empty() {
            messages.push((
                IssueKind::InvisibleCharacters,
                format!(
                    "contains invisible characters ({}); they were removed",
                    code_points(&self.invisible)
                ),
            ));
        }
        messages
    }
}

/// `U+001B, U+0007`: the first five different characters, for a message.
fn code_points(chars: &[char]) -> String {
    let mut codes: Vec<String> = Vec::new();
    for &c in chars {
        let code = format!("U+{:04X}", u32::from(c));
        if !codes.contains(&code) && codes.len() < 5 {
            codes.push(code);
        }
    }
    codes.join(", ")
}

/// Where [`clean_text`] files a character it takes out; `None` for one it keeps.
type Class = fn(&mut Cleaned) -> &mut Vec<char>;

/// The class of a character that [`clean_text`] takes out, if it is one.
fn unwanted(c: char) -> Option<Class> {
    match c {
        // Tab, line feed and carriage return are plain white space in a text.
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(|cleaned| &mut cleaned.controls),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(|cleaned| &mut cleaned.direction),
        // Zero-width space, word joiner, invisible operators, deprecated format characters and
        // a byte-order mark inside a text. Not U+200C/U+200D (zero-width (non-)joiner), which
        // Persian words and emoji need, nor U+200E/U+200F/U+061C (direction marks), which only
        // place neutral characters such as brackets and cannot reverse a word.
        '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' => {
            Some(|cleaned| &mut cleaned.invisible)
        }
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
    let mut cleaned = Cleaned {
        lone_surrogates,
        ..Cleaned::default()
    };
    // Most texts have none of these: only bytes that start such a character (C0 controls and
    // DEL, C2 for C1 controls, E2 for U+2000–U+2FFF, EF for U+FEFF) make it worth a closer look.
    let maybe = text
        .bytes()
        .any(|byte| byte < 0x20 || matches!(byte, 0x7f | 0xc2 | 0xe2 | 0xef));
    if !maybe || !text.chars().any(|c| unwanted(c).is_some()) {
        return (text.into_owned(), cleaned);
    }
    let mut kept = String::with_capacity(text.len());
    for c in text.chars() {
        match unwanted(c) {
            Some(class) => class(&mut cleaned).push(c),
            None => kept.push(c),
        }
    }
    (kept, cleaned)
}

/// Reads `true` or `false`.
pub fn read_bool(reader: &mut Reader, issues: &mut Issues) -> Read<Option<bool>> {
    match reader.peek()? {
        Found::Bool => reader.boolean().map(Some),
        found => wrong_type(reader, issues, found, "true or false").map(|()| None),
    }
}

/// Reads a number.
pub fn read_f64(reader: &mut Reader, issues: &mut Issues) -> Read<Option<f64>> {
    match reader.peek()? {
        Found::Number => {
            let written = reader.number()?;
            match super::number::number_value(written) {
                Some(number) => Ok(Some(number)),
                None => {
                    issues.add(
                        IssueKind::InvalidValue,
                        format!("the number {} is too large", shorten(written)),
                    );
                    Ok(None)
                }
            }
        }
        found => wrong_type(reader, issues, found, "a number").map(|()| None),
    }
}

/// Reads a whole number from 0 to `u32::MAX`.
pub fn read_u32(reader: &mut Reader, issues: &mut Issues) -> Read<Option<u32>> {
    const EXPECTED: &str = "a whole number from 0 to 4294967295";
    match reader.peek()? {
        Found::Number => {
            let written = reader.number()?;
            match written.parse::<u32>() {
                Ok(number) => Ok(Some(number)),
                Err(_) => {
                    issues.add(
                        IssueKind::InvalidValue,
                        format!("expected {EXPECTED}, found {}", shorten(written)),
                    );
                    Ok(None)
                }
            }
        }
        found => wrong_type(reader, issues, found, EXPECTED).map(|()| None),
    }
}

/// Reads a text that must be one of `choices` (as `name` writes them).
pub fn read_choice<T: Copy>(
    reader: &mut Reader,
    issues: &mut Issues,
    choices: &[T],
    name: fn(T) -> &'static str,
) -> Read<Option<T>> {
    let names = || {
        let names: Vec<&str> = choices.iter().map(|&choice| name(choice)).collect();
        names.join(", ")
    };
    match reader.peek()? {
        Found::Text => {
            let text = reader.string()?;
            let chosen = choices.iter().copied().find(|&choice| name(choice) == text);
            if chosen.is_none() {
                issues.add(
                    IssueKind::InvalidValue,
                    format!("\"{}\" is not one of: {}", shorten(&text), names()),
                );
            }
            Ok(chosen)
        }
        found => wrong_type(reader, issues, found, &format!("one of: {}", names())).map(|()| None),
    }
}

/// Reads a text and converts it with `parse`; when that fails, notes `explain(text)`.
pub fn read_parsed<T>(
    reader: &mut Reader,
    issues: &mut Issues,
    expected: &str,
    parse: impl FnOnce(&str) -> Option<T>,
    explain: impl FnOnce(&str) -> String,
) -> Read<Option<T>> {
    match reader.peek()? {
        Found::Text => {
            let text = reader.string()?;
            let parsed = parse(&text);
            if parsed.is_none() {
                issues.add(IssueKind::InvalidValue, explain(&shorten(&text)));
            }
            Ok(parsed)
        }
        found => wrong_type(reader, issues, found, expected).map(|()| None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Record {
        name: String,
        tags: Vec<u32>,
        inner: Option<bool>,
    }

    const FIELDS: &[&str] = &["name", "tags", "inner"];

    /// Reads a `Record`: `name` is required, `inner` is an object `{ "required": bool }`.
    fn read_record(json: &str) -> (Option<Record>, Vec<Issue>) {
        let mut reader = Reader::new(json);
        let mut issues = Issues::new();
        let mut record = Record::default();
        let mut name = None;
        let fields = read_object(
            &mut reader,
            &mut issues,
            "a record",
            FIELDS,
            |field, reader, issues| {
                match field {
                    0 => name = read_string(reader, issues)?,
                    1 => record.tags = read_list(reader, issues, read_u32)?.unwrap_or_default(),
                    _ => {
                        record.inner = optional(reader, issues, |reader, issues| {
                            let mut required = None;
                            let fields = read_object(
                                reader,
                                issues,
                                "an object",
                                &["required"],
                                |_, reader, issues| {
                                    required = read_bool(reader, issues)?;
                                    Ok(())
                                },
                            )?;
                            Ok(fields.and_then(|fields| issues.required(required, &fields, 0)))
                        })?
                    }
                }
                Ok(())
            },
        )
        .unwrap();
        let name = fields.and_then(|fields| issues.required(name, &fields, 0));
        (
            name.map(|name| Record { name, ..record }),
            issues.into_list(),
        )
    }

    /// The record read from `json`, and the paths of its issues.
    fn paths(json: &str) -> (Option<Record>, Vec<String>) {
        let (record, issues) = read_record(json);
        (record, issues.into_iter().map(|issue| issue.path).collect())
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

    #[test]
    fn messages_name_the_expected_and_the_found() {
        let (record, issues) =
            read_record(r#"{"name": ["x"], "tags": "many", "inner": {"required": "yes"}}"#);
        assert_eq!(record, None);
        let messages: Vec<String> = issues.into_iter().map(|issue| issue.message).collect();
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
        let (record, issues) = read_record(&format!(r#"{{"name": "a", "tags": [{tags}]}}"#));
        assert!(
            record.is_some(),
            "the reader only counts; giving up is the caller's decision"
        );
        assert_eq!(issues.len(), MAX_ISSUES);
    }
}
