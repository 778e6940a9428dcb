//! Writing JSON: the search results and directory details the browser API hands to
//! JavaScript. A trait with one small implementation per type, instead of serde's `Serialize`,
//! whose generic machinery was a tenth of the widget's code.

use super::number::{write_digits, write_number};
use super::reader::special_byte;

/// A value that can be written as JSON.
pub trait WriteJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut String);

    /// Whether an object leaves this field out: a `None` is absent, not `null`. (The
    /// TypeScript declarations say `field?: T`, and a page of results is half as long.)
    fn is_absent(&self) -> bool {
        false
    }
}

/// The value as JSON text.
pub fn to_json(value: &impl WriteJson) -> String {
    // Room for a page of results at once, not grown from nothing by doubling.
    let mut out = String::with_capacity(16 * 1024);
    value.write_json(&mut out);
    out
}

/// Writes an object's fields: `"key":value` pairs separated by commas, leaving out absent
/// values (`None`). The `json_object!` macro is the usual way to use it.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object in `out`; [`ObjectWriter::end`] closes it.
    pub fn begin(out: &'a mut String) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes one field, unless its value is absent. `quoted_key` is the key as JSON with its
    /// colon (`"name":`), made at compile time by `json_object!`: keys need no escaping.
    pub fn field(&mut self, quoted_key: &str, value: &(impl WriteJson + ?Sized)) -> &mut Self {
        if value.is_absent() {
            return self;
        }
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push_str(quoted_key);
        value.write_json(self.out);
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// Implements [`WriteJson`] for a struct as an object of the given fields, each under its key.
macro_rules! json_object {
    ($type:ty { $($field:ident: $key:literal),* $(,)? }) => {
        impl $crate::json::writer::WriteJson for $type {
            fn write_json(&self, out: &mut String) {
                $crate::json::writer::ObjectWriter::begin(out)
                    $(.field(concat!("\"", $key, "\":"), &self.$field))*
                    .end();
            }
        }
    };
}
pub(crate) use json_object;

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        // Eight bytes at a time to the next byte to escape (a quote, a backslash or a control
        // character, found as the reader finds the end of a string's plain run); the runs
        // between are copied whole. Those bytes are ASCII, and no byte of a longer UTF-8
        // character is, so each run ends at a character (issue 16: a page of results is
        // mostly text).
        let bytes = self.as_bytes();
        let mut run_start = 0;
        let mut wide = false; // (Whether a run has non-ASCII bytes: not needed here.)
        loop {
            let run_end = run_start + special_byte(&bytes[run_start..], &mut wide);
            out.push_str(&self[run_start..run_end]);
            let Some(&byte) = bytes.get(run_end) else {
                break;
            };
            match byte {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                control => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(control >> 4)]));
                    out.push(char::from(HEX[usize::from(control & 15)]));
                }
            }
            run_start = run_end + 1;
        }
        out.push('"');
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl WriteJson for &str {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl WriteJson for usize {
    fn write_json(&self, out: &mut String) {
        write_digits(*self as u64, 1, out);
    }
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        write_digits(u64::from(*self), 1, out);
    }
}

impl WriteJson for f64 {
    /// With up to seven decimals (a centimetre in degrees, far finer for metres); whole from
    /// 10^11 on, where seven decimals no longer fit; `null` for what JSON cannot hold (not a
    /// number, infinity) and from 10^18 on (no result has such numbers, and writing them would
    /// take the standard library's float formatting, kilobytes in the wasm).
    fn write_json(&self, out: &mut String) {
        if !write_number(*self, 7, out) && !write_number(*self, 0, out) {
            out.push_str("null");
        }
    }
}

impl WriteJson for f32 {
    fn write_json(&self, out: &mut String) {
        f64::from(*self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    /// `null` where it is not an object's field (in an array).
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (number, item) in self.iter().enumerate() {
            if number > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    struct Example {
        name: String,
        count: Option<u32>,
        distance: f64,
        tags: Vec<&'static str>,
        missing: Option<bool>,
    }

    crate::json::writer::json_object!(Example {
        name: "name",
        count: "count",
        distance: "distanceMetres",
        tags: "tags",
        missing: "missing",
    });

    #[test]
    fn writes_what_serde_json_reads_back() {
        let example = Example {
            name: "Beratung \"Nord\"\n\\ é \u{1} 😀".to_owned(),
            count: Some(3),
            distance: 1234.56789012,
            tags: vec!["a", "b"],
            missing: None,
        };
        let written = to_json(&example);
        let read: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
        assert_eq!(
            read,
            serde_json::json!({
                "name": example.name,
                "count": 3,
                "distanceMetres": 1234.5678901,
                "tags": ["a", "b"],
            })
        );
        assert!(
            !written.contains("missing"),
            "an absent field is left out: {written}"
        );
        assert_eq!(to_json(&vec![Some(1_u32), None]), "[1,null]");
        assert_eq!(
            to_json(&vec![f64::NAN, -0.5, 51.2756]),
            "[null,-0.5,51.2756]"
        );
        assert_eq!(to_json(&Vec::<u32>::new()), "[]");
    }

    #[test]
    fn every_character_is_written_as_serde_json_reads_it_back() {
        // Each ASCII byte, alone, at every place of an eight-byte word, and among long texts.
        let mut texts: Vec<String> = (0u8..128)
            .flat_map(|byte| {
                (0..9).map(move |place| format!("{}{}ä", "x".repeat(place), char::from(byte)))
            })
            .collect();
        texts.push("\"\\\n\r\t\u{0}\u{1f}\u{7f}".repeat(5));
        texts.push("Beratung für Geflüchtete – ☕ 🙂 ".repeat(20));
        for text in texts {
            let written = to_json(&text);
            let read: String = serde_json::from_str(&written).expect("valid JSON");
            assert_eq!(read, text, "{written}");
        }
    }

    #[test]
    fn numbers_too_large_for_seven_decimals_are_still_json() {
        for value in [1e11_f64, -3.5e15, 123_456_789_012_345.6] {
            let written = to_json(&value);
            let read: f64 = serde_json::from_str(&written).expect("valid JSON");
            assert_eq!(read, value.round(), "{written}");
        }
        assert_eq!(to_json(&vec![1e18, -1e300, f64::MAX]), "[null,null,null]");
        assert_eq!(to_json(&vec![0, 7, u32::MAX]), "[0,7,4294967295]");
        assert_eq!(to_json(&vec![usize::MAX]), format!("[{}]", usize::MAX));
    }
}
