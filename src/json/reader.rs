//! The pull reader: the caller asks for the value it expects next, field by field, and decides
//! itself what to do with a value of another type.
//!
//! It checks the whole JSON grammar (RFC 8259) as it goes, so that a text it reads to the end
//! is valid JSON, and every error names the byte offset where it was found. Values nest without
//! recursion, so no input can overflow the stack.

use std::borrow::Cow;

/// Where and why the text is not valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the offending character (the text's length when it ended too early).
    pub offset: usize,
    /// What was expected, in plain words.
    pub message: &'static str,
}

/// The type of the next value, as far as its first character tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// `{ … }`
    Object,
    /// `[ … ]`
    List,
    /// `"…"`
    Text,
    /// `-1.5e3`
    Number,
    /// `true` or `false`
    Bool,
    /// `null`
    Null,
}

impl Found {
    /// How the value's type is named in messages to the people who edit the data.
    pub fn describe(self) -> &'static str {
        match self {
            Found::Object => "an object { … }",
            Found::List => "a list [ … ]",
            Found::Text => "a text",
            Found::Number => "a number",
            Found::Bool => "true or false",
            Found::Null => "null",
        }
    }
}

/// The index of the first byte in `bytes` that ends a run of plain string content: a quote, a
/// backslash or a control character; `bytes.len()` when there is none. Eight bytes at a time.
/// Also sets `wide` when a byte of 0x7F or above may be among those before it (possibly also
/// after it): only such a byte can start a character that text cleaning takes out.
pub(super) fn special_byte(bytes: &[u8], wide: &mut bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // High bit of a byte set for 0x80 and above, and for 0x7F by the carry of adding one.
    let wide_bytes = |word: u64| (word | word.wrapping_add(ONES)) & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    let mut seen = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        seen |= wide_bytes(word);
        let special = special_bytes(word);
        if special != 0 {
            *wide |= seen != 0;
            return offset + (special.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    // The last few bytes, padded with plain ones.
    let rest = chunks.remainder();
    let mut last = [b'a'; 8];
    last[..rest.len()].copy_from_slice(rest);
    let word = u64::from_le_bytes(last);
    *wide |= (seen | wide_bytes(word)) != 0;
    match special_bytes(word) {
        0 => bytes.len(),
        special => offset + (special.trailing_zeros() / 8) as usize,
    }
}

/// The high bit of each byte of the result is set where the byte of `word` at that place is a
/// quote, a backslash or a control character. Bytes above such a byte may be flagged wrongly
/// (a borrow carries upwards), but the lowest flagged byte is always right.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, limit: u64| word.wrapping_sub(ONES * limit) & !word & HIGHS;
    below(word ^ (ONES * u64::from(b'"')), 1)
        | below(word ^ (ONES * u64::from(b'\\')), 1)
        | below(word, 0x20)
}

/// Result of a reading step.
pub type Read<T> = Result<T, SyntaxError>;

/// Reads JSON text from a position onwards.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    text: &'a str,
    position: usize,
    /// Whether a string had an escaped lone surrogate, since [`Reader::take_lone_surrogates`].
    lone_surrogates: bool,
    /// Whether a string may have a character that text cleaning takes out, since
    /// [`Reader::take_wide`]: a byte of 0x7F or above, or an escaped control character.
    wide: bool,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader::at(text, 0)
    }

    /// A reader at byte `position` of `text`, which must be at a character boundary.
    pub fn at(text: &'a str, position: usize) -> Reader<'a> {
        Reader {
            text,
            position,
            lone_surrogates: false,
            wide: false,
        }
    }

    /// The byte offset of the next character to read.
    pub fn position(&self) -> usize {
        self.position
    }

    /// The whole text being read.
    pub fn text(&self) -> &'a str {
        self.text
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn error<T>(&self, message: &'static str) -> Read<T> {
        Err(SyntaxError {
            offset: self.position,
            message,
        })
    }

    /// Skips whitespace; the next byte, or an error when the text ends.
    fn next_byte(&mut self) -> Read<u8> {
        let bytes = self.bytes();
        while let Some(&byte) = bytes.get(self.position) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Ok(byte);
            }
            self.position += 1;
        }
        self.error("the text ends too early")
    }

    /// The type of the next value, which is not consumed.
    pub fn peek(&mut self) -> Read<Found> {
        match self.next_byte()? {
            b'{' => Ok(Found::Object),
            b'[' => Ok(Found::List),
            b'"' => Ok(Found::Text),
            b'-' | b'0'..=b'9' => Ok(Found::Number),
            b't' | b'f' => Ok(Found::Bool),
            b'n' => Ok(Found::Null),
            _ => self.error("a value is expected here"),
        }
    }

    /// Consumes `{`; then call [`Reader::next_key`] until it returns `None`.
    pub fn begin_object(&mut self) -> Read<()> {
        self.consume(b'{', "{ is expected here")
    }

    /// Consumes `[`; then call [`Reader::next_item`] until it returns false.
    pub fn begin_list(&mut self) -> Read<()> {
        self.consume(b'[', "[ is expected here")
    }

    fn consume(&mut self, wanted: u8, message: &'static str) -> Read<()> {
        if self.next_byte()? != wanted {
            return self.error(message);
        }
        self.position += 1;
        Ok(())
    }

    /// The next field's name in an object, with its `:` consumed, so that its value comes
    /// next; `None` after the closing `}`. `first` must be true for the first call of each
    /// object; the reader clears it.
    pub fn next_key(&mut self, first: &mut bool) -> Read<Option<Cow<'a, str>>> {
        let mut byte = self.next_byte()?;
        if byte == b'}' {
            self.position += 1;
            return Ok(None);
        }
        if !*first {
            if byte != b',' {
                return self.error("a comma or } is expected here");
            }
            self.position += 1;
            byte = self.next_byte()?;
        }
        *first = false;
        if byte != b'"' {
            return self.error("a field name in double quotes is expected here");
        }
        let key = self.string()?;
        self.consume(b':', "a colon is expected here")?;
        Ok(Some(key))
    }

    /// Whether another item follows in a list (then read it); false after the closing `]`.
    /// `first` works as in [`Reader::next_key`].
    pub fn next_item(&mut self, first: &mut bool) -> Read<bool> {
        let byte = self.next_byte()?;
        if byte == b']' {
            self.position += 1;
            return Ok(false);
        }
        if !*first {
            if byte != b',' {
                return self.error("a comma or ] is expected here");
            }
            self.position += 1;
        }
        *first = false;
        Ok(true)
    }

    /// Reads a string value: borrowed from the text unless it has escapes. An escaped lone
    /// surrogate becomes U+FFFD (see [`Reader::take_lone_surrogates`]).
    pub fn string(&mut self) -> Read<Cow<'a, str>> {
        if self.next_byte()? != b'"' {
            return self.error("a text in double quotes is expected here");
        }
        self.position += 1;
        let bytes = self.bytes();
        let start = self.position;
        let mut owned: Option<String> = None;
        let mut run_start = start;
        loop {
            let run_end = run_start + special_byte(&bytes[run_start..], &mut self.wide);
            let Some(&byte) = bytes.get(run_end) else {
                self.position = bytes.len();
                return self.error("the text ends inside a string");
            };
            if byte < 0x20 {
                self.position = run_end;
                return self.error("a line break or control character must be escaped in a string");
            }
            // SAFETY: runs start and end next to ASCII bytes (quotes and backslashes), which
            // are character boundaries in UTF-8. Checking again showed up in profiles.
            let run = unsafe { self.text.get_unchecked(run_start..run_end) };
            self.position = run_end + 1;
            if byte == b'"' {
                return Ok(match owned {
                    None => Cow::Borrowed(run),
                    Some(mut text) => {
                        text.push_str(run);
                        Cow::Owned(text)
                    }
                });
            }
            let text = owned.get_or_insert_with(String::new);
            text.push_str(run);
            self.escape(text)?;
            run_start = self.position;
        }
    }

    /// Decodes the escape whose backslash was just consumed.
    fn escape(&mut self, text: &mut String) -> Read<()> {
        let Some(&byte) = self.bytes().get(self.position) else {
            return self.error("the text ends inside a string");
        };
        self.position += 1;
        let decoded = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex_unit()?;
                match unit {
                    0xD800..=0xDBFF if self.bytes()[self.position..].starts_with(b"\\u") => {
                        // A pair of UTF-16 surrogates: `\ud83d\ude00`.
                        self.position += 2;
                        let low = self.hex_unit()?;
                        if (0xDC00..=0xDFFF).contains(&low) {
                            let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                        } else {
                            // Not a pair: the second escape is read again on its own.
                            self.position -= 6;
                            self.lone_surrogate()
                        }
                    }
                    0xD800..=0xDFFF => self.lone_surrogate(),
                    _ => char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER),
                }
            }
            _ => {
                self.position -= 1;
                return self.error("unknown escape after a backslash");
            }
        };
        if !matches!(decoded, ' '..='\u{7e}' | '\t' | '\n' | '\r') {
            self.wide = true;
        }
        text.push(decoded);
        Ok(())
    }

    /// Half of a UTF-16 pair, escaped on its own (`"\ud800"`). The grammar allows it, but it is
    /// not text: it is read as U+FFFD and noted, so that the caller can report that one value
    /// instead of refusing the whole document.
    fn lone_surrogate(&mut self) -> char {
        self.lone_surrogates = true;
        char::REPLACEMENT_CHARACTER
    }

    /// Whether a string read since the last call had a lone surrogate (see
    /// [`Reader::string`]); resets the note.
    pub fn take_lone_surrogates(&mut self) -> bool {
        std::mem::take(&mut self.lone_surrogates)
    }

    /// Whether a string read since the last call may hold a character that text cleaning takes
    /// out (see [`Reader::wide`]); resets the note. False means it certainly holds none.
    pub fn take_wide(&mut self) -> bool {
        std::mem::take(&mut self.wide)
    }

    /// Four hex digits of a `\u` escape.
    fn hex_unit(&mut self) -> Read<u32> {
        let digits = self.bytes().get(self.position..self.position + 4);
        let unit = digits.and_then(|digits| {
            digits.iter().try_fold(0u32, |unit, &digit| {
                Some(unit * 16 + char::from(digit).to_digit(16)?)
            })
        });
        match unit {
            Some(unit) => {
                self.position += 4;
                Ok(unit)
            }
            None => self.error("\\u must be followed by four hex digits"),
        }
    }

    /// Reads a number and returns it as written (`-12.5e3`), checked against JSON's grammar.
    pub fn number(&mut self) -> Read<&'a str> {
        self.next_byte()?;
        let bytes = self.bytes();
        let start = self.position;
        let digits = |position: usize| {
            bytes[position..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count()
        };
        let mut end = start + usize::from(bytes.get(start) == Some(&b'-'));
        let integer = digits(end);
        if integer == 0 || (integer > 1 && bytes[end] == b'0') {
            self.position = end;
            return self.error("a number is malformed here");
        }
        end += integer;
        if bytes.get(end) == Some(&b'.') {
            let fraction = digits(end + 1);
            if fraction == 0 {
                self.position = end + 1;
                return self.error("a digit must follow the decimal point");
            }
            end += 1 + fraction;
        }
        if let Some(b'e' | b'E') = bytes.get(end) {
            end += 1;
            if let Some(b'+' | b'-') = bytes.get(end) {
                end += 1;
            }
            let exponent = digits(end);
            if exponent == 0 {
                self.position = end;
                return self.error("a digit must follow the exponent");
            }
            end += exponent;
        }
        self.position = end;
        Ok(&self.text[start..end])
    }

    /// Reads `true` or `false`.
    pub fn boolean(&mut self) -> Read<bool> {
        self.next_byte()?;
        if self.bytes()[self.position..].starts_with(b"true") {
            self.position += 4;
            Ok(true)
        } else if self.bytes()[self.position..].starts_with(b"false") {
            self.position += 5;
            Ok(false)
        } else {
            self.error("a value is expected here")
        }
    }

    /// Reads `null`.
    pub fn null(&mut self) -> Read<()> {
        self.next_byte()?;
        if self.bytes()[self.position..].starts_with(b"null") {
            self.position += 4;
            Ok(())
        } else {
            self.error("a value is expected here")
        }
    }

    /// Reads past the next value of any type, checking it.
    pub fn skip(&mut self) -> Read<()> {
        // The objects (true) and lists (false) the reader is inside of.
        let mut open: Vec<bool> = Vec::new();
        loop {
            match self.peek()? {
                Found::Object => {
                    self.begin_object()?;
                    if self.skip_key(&mut true)? {
                        open.push(true);
                        continue;
                    }
                }
                Found::List => {
                    self.begin_list()?;
                    if self.next_item(&mut true)? {
                        open.push(false);
                        continue;
                    }
                }
                Found::Text => {
                    self.string()?;
                }
                Found::Number => {
                    self.number()?;
                }
                Found::Bool => {
                    self.boolean()?;
                }
                Found::Null => self.null()?,
            }
            // A value ended: go on in the innermost open object or list, closing those that end.
            loop {
                let more = match open.last() {
                    None => return Ok(()),
                    Some(true) => self.skip_key(&mut false)?,
                    Some(false) => self.next_item(&mut false)?,
                };
                if more {
                    break;
                }
                open.pop();
            }
        }
    }

    fn skip_key(&mut self, first: &mut bool) -> Read<bool> {
        Ok(self.next_key(first)?.is_some())
    }

    /// Checks that nothing but whitespace follows.
    pub fn end(&mut self) -> Read<()> {
        match self.next_byte() {
            Err(_) => Ok(()),
            Ok(_) => self.error("nothing may follow the end of the JSON value"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    /// Skips one whole document, as a validity check.
    fn check(text: &str) -> Read<()> {
        let mut reader = Reader::new(text);
        reader.skip()?;
        reader.end()
    }

    #[test]
    fn accepts_valid_json() {
        for text in [
            "0",
            "-0.5e+10",
            "1E3",
            " true ",
            "null",
            r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#,
            "[]",
            "{}",
            r#"{"a": [1, {"b": null}, []], "c": {"d": "e"}}"#,
            "[[[[[[]]]]]]",
        ] {
            assert_eq!(check(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn refuses_invalid_json_with_the_offset() {
        for (text, offset) in [
            ("", 0),
            ("[1,]", 3),
            ("[,]", 1),
            ("{\"a\" 1}", 5),
            ("{\"a\": 1,}", 8),
            ("{a: 1}", 1),
            ("[1 2]", 3),
            ("01", 0),
            ("1.", 2),
            ("1e", 2),
            ("-", 1),
            ("\"a\nb\"", 2),
            (r#""\x""#, 2),
            (r#""\u12""#, 3),
            ("tru", 0),
            ("[1] 2", 4),
            ("\"open", 5),
            ("[[[", 3),
            ("<html>", 0),
        ] {
            let error = check(text).expect_err(text);
            assert_eq!(error.offset, offset, "{text}: {error:?}");
        }
    }

    #[test]
    fn reads_fields_and_items() {
        let mut reader = Reader::new(r#"{"name": "K\u00f6ln", "list": [1, -2.5], "ok": true}"#);
        reader.begin_object().unwrap();
        let mut first = true;
        assert_eq!(
            reader.next_key(&mut first).unwrap().as_deref(),
            Some("name")
        );
        assert_eq!(reader.string().unwrap(), "Köln");
        assert_eq!(
            reader.next_key(&mut first).unwrap().as_deref(),
            Some("list")
        );
        reader.begin_list().unwrap();
        let mut numbers = Vec::new();
        let mut first_item = true;
        while reader.next_item(&mut first_item).unwrap() {
            numbers.push(reader.number().unwrap());
        }
        assert_eq!(numbers, ["1", "-2.5"]);
        assert_eq!(reader.next_key(&mut first).unwrap().as_deref(), Some("ok"));
        assert_eq!(reader.peek(), Ok(Found::Bool));
        assert!(reader.boolean().unwrap());
        assert_eq!(reader.next_key(&mut first).unwrap(), None);
        assert_eq!(reader.end(), Ok(()));
    }

    #[test]
    fn finds_the_first_special_byte() {
        for length in 0..40 {
            for special in [b'"', b'\\', b'\n', 0, 0x1f] {
                for at in 0..=length {
                    let mut bytes = vec![b'x'; length];
                    // Bytes that are near the special ones, and UTF-8.
                    for (index, byte) in bytes.iter_mut().enumerate() {
                        *byte = [b'x', b'!', b'#', b' ', 0xc3, 0xa9, b']', 0x7f][index % 8];
                    }
                    if at < length {
                        bytes[at] = special;
                        if at + 1 < length {
                            bytes[at + 1] = b'"';
                        }
                    }
                    assert_eq!(special_byte(&bytes, &mut false), at, "{bytes:?}");
                }
            }
        }
    }

    /// Random edits of valid JSON: the reader accepts exactly what serde_json accepts, and
    /// never panics.
    #[test]
    fn agrees_with_serde_json_on_edited_documents() {
        let valid = r#"{"a": [1, -2.5e3, true, false, null, "x\"y\u00e9"], "b": {"c": {}, "d": []}, "e": "ü 😀"}"#;
        let pieces: [&str; 14] = [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "1", "-", "e", ".", " ", "nul",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        let (mut accepted, mut refused) = (0, 0);
        for _ in 0..20_000 {
            let mut text = valid.to_owned();
            for _ in 0..rng.usize(1..4) {
                let boundaries: Vec<usize> = (0..=text.len())
                    .filter(|&at| text.is_char_boundary(at))
                    .collect();
                let at = boundaries[rng.usize(..boundaries.len())];
                match rng.u8(..3) {
                    0 => text.insert_str(at, pieces[rng.usize(..pieces.len())]),
                    1 => {
                        if let Some(next) = boundaries.iter().find(|&&next| next > at) {
                            text.replace_range(at..*next, "");
                        }
                    }
                    _ => {
                        if let Some(next) = boundaries.iter().find(|&&next| next > at) {
                            text.replace_range(at..*next, pieces[rng.usize(..pieces.len())]);
                        }
                    }
                }
            }
            let ours = check(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            if let Err(error) = &theirs
                && (error.to_string().starts_with("number out of range")
                    || error.to_string().contains("surrogate"))
            {
                // Grammatically a number, or a string: the reader leaves a number's size to
                // whoever reads it, and reads a lone surrogate as U+FFFD (see below).
                continue;
            }
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{text}: {ours:?} / {theirs:?}"
            );
            if ours.is_ok() {
                accepted += 1;
            } else {
                refused += 1;
            }
        }
        // Both outcomes are well represented, so the comparison means something.
        assert!(
            accepted > 1_000 && refused > 1_000,
            "{accepted} accepted, {refused} refused"
        );
    }

    #[test]
    fn lone_surrogates_are_read_as_replacement_characters_and_noted() {
        for (text, expected, lone) in [
            (r#""\ud83d\ude00""#, "\u{1f600}", false),
            (r#""a\ud800b""#, "a\u{fffd}b", true),
            (r#""\udc00""#, "\u{fffd}", true),
            (r#""\ud800\u0041""#, "\u{fffd}A", true),
            // A high surrogate followed by a whole pair: the pair is still read as one.
            (r#""\ud800\ud83d\ude00""#, "\u{fffd}\u{1f600}", true),
            (r#""\ud800\ud800""#, "\u{fffd}\u{fffd}", true),
        ] {
            let mut reader = Reader::new(text);
            assert_eq!(reader.string().unwrap(), expected, "{text}");
            assert_eq!(reader.take_lone_surrogates(), lone, "{text}");
            assert!(!reader.take_lone_surrogates(), "{text}: the note is reset");
            reader.end().unwrap();
        }
    }

    #[test]
    fn unescaped_strings_are_borrowed() {
        let mut reader = Reader::new(r#""plain""#);
        assert!(matches!(reader.string().unwrap(), Cow::Borrowed("plain")));
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 1_000_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(check(&text), Ok(()));
        let unclosed = "[".repeat(depth);
        assert_eq!(check(&unclosed).unwrap_err().offset, depth);
    }
}
