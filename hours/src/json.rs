//! The little JSON this module reads and writes, without serde: serde's generic code would be
//! the largest part of a small wasm module (see the core's src/json/ for the same choice).

use std::fmt::Write;

/// Appends `text` to `out` as a JSON string literal.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters, and the two line separators that older JavaScript parsers
            // did not accept inside strings.
            '\u{0}'..='\u{1f}' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(character));
            }
            _ => out.push(character),
        }
    }
    out.push('"');
}

/// Appends a JSON string, or `null` for an empty or missing text.
pub(crate) fn push_optional_string(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) if !text.is_empty() => push_string(out, text),
        _ => out.push_str("null"),
    }
}

/// Appends `[a,b,c]`.
pub(crate) fn push_numbers(out: &mut String, numbers: &[usize]) {
    out.push('[');
    for (position, number) in numbers.iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        let _ = write!(out, "{number}");
    }
    out.push(']');
}

/// Reads a JSON array whose elements are strings or `null`. Other JSON values (numbers,
/// objects…) count as `null`, so that one odd element costs only itself. The error says what
/// is wrong where, for the whole text.
pub(crate) fn read_string_array(text: &str) -> Result<Vec<Option<String>>, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        position: 0,
    };
    reader.skip_space();
    reader.expect(b'[')?;
    let mut values = Vec::new();
    reader.skip_space();
    if reader.peek() == Some(b']') {
        reader.position += 1;
    } else {
        loop {
            reader.skip_space();
            values.push(reader.element()?);
            reader.skip_space();
            match reader.next_byte() {
                Some(b',') => {}
                Some(b']') => break,
                _ => return Err(reader.error("expected ',' or ']'")),
            }
        }
    }
    reader.skip_space();
    if reader.position < reader.bytes.len() {
        return Err(reader.error("unexpected text after the array"));
    }
    Ok(values)
}

struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        format!(
            "the list of opening hours is not a JSON array of strings: {what} at byte {}",
            self.position
        )
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn next_byte(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.position += 1;
        Some(byte)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.next_byte() == Some(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", char::from(byte))))
        }
    }

    /// One element: a string, or `None` for `null` and any other scalar. Arrays and objects
    /// are skipped without recursion (by counting brackets outside strings).
    fn element(&mut self) -> Result<Option<String>, String> {
        match self.peek() {
            Some(b'"') => self.string().map(Some),
            Some(b'[' | b'{') => {
                let mut depth = 0usize;
                loop {
                    match self.peek() {
                        Some(b'"') => {
                            self.string()?;
                            continue;
                        }
                        Some(b'[' | b'{') => depth += 1,
                        Some(b']' | b'}') => {
                            depth -= 1;
                            if depth == 0 {
                                self.position += 1;
                                return Ok(None);
                            }
                        }
                        Some(_) => {}
                        None => return Err(self.error("unclosed array or object")),
                    }
                    self.position += 1;
                }
            }
            Some(b']' | b',') | None => Err(self.error("expected a value")),
            Some(_) => {
                // null, true, false or a number: read up to the next separator.
                let start = self.position;
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.position += 1;
                }
                let word = &self.bytes[start..self.position];
                let number = word
                    .iter()
                    .all(|byte| matches!(byte, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'));
                if matches!(word, b"null" | b"true" | b"false") || number {
                    Ok(None)
                } else {
                    self.position = start;
                    Err(self.error("expected a string or null"))
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut value = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            let start = self.position;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.position += 1;
            }
            // The run ends before an ASCII byte or at the end, so it is whole UTF-8 characters
            // of the (valid UTF-8) input.
            value.push_str(std::str::from_utf8(&self.bytes[start..self.position]).unwrap_or(""));
            match self.next_byte() {
                Some(b'"') => return Ok(value),
                Some(b'\\') => {
                    let escaped = match self.next_byte() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.error("invalid escape")),
                    };
                    value.push(escaped);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unclosed string")),
            }
        }
    }

    /// The character of `\uXXXX` (after the `u`), joining a surrogate pair; a lone surrogate
    /// becomes U+FFFD, as JavaScript's `TextEncoder` would write it.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        if (0xd800..0xdc00).contains(&first)
            && self.bytes.get(self.position..self.position + 2) == Some(b"\\u")
        {
            let saved = self.position;
            self.position += 2;
            let second = self.hex4()?;
            if (0xdc00..0xe000).contains(&second) {
                let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.position = saved;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.next_byte() {
                Some(byte @ b'0'..=b'9') => byte - b'0',
                Some(byte @ b'a'..=b'f') => byte - b'a' + 10,
                Some(byte @ b'A'..=b'F') => byte - b'A' + 10,
                _ => return Err(self.error("invalid \\u escape")),
            };
            code = code * 16 + u32::from(digit);
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_nulls_and_escapes() {
        let values = read_string_array(
            r#" [ "Mo-Fr 09:00-12:00", null, 3, {"a":[1]}, "a\"\u00e9\ud83d\ude00\ud800" ] "#,
        );
        assert_eq!(
            values,
            Ok(vec![
                Some("Mo-Fr 09:00-12:00".to_owned()),
                None,
                None,
                None,
                Some("a\"é😀\u{fffd}".to_owned())
            ])
        );
        assert_eq!(read_string_array("[]"), Ok(Vec::new()));
    }

    #[test]
    fn refuses_what_is_not_an_array() {
        for text in [
            "",
            "{}",
            "[",
            "[\"a\"",
            "[\"a\",]",
            "[x]",
            "[] x",
            "[\"\\x\"]",
            "[\"\\u12\"]",
            "[[]",
        ] {
            assert!(read_string_array(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\n\u{1}\u{2028}é");
        assert_eq!(out, r#""a\"b\\c\n\u0001\u2028é""#);
    }
}
