//! Writing JSON: the search results and directory details the browser API hands to
//! JavaScript. A trait with one small implementation per type, instead of serde's `Serialize`,
//! whose generic machinery was a tenth of the widget's code.

use super::format_number;

/// A value that can be written as JSON.
pub trait WriteJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut String);
}

/// The value as JSON text.
pub fn to_json(value: &impl WriteJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Writes an object's fields: `"key":value` pairs separated by commas. The `json_object!`
/// macro is the usual way to use it.
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

    /// Writes one field.
    pub fn field(&mut self, key: &str, value: &(impl WriteJson + ?Sized)) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        key.write_json(self.out);
        self.out.push(':');
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
                    $(.field($key, &self.$field))*
                    .end();
            }
        }
    };
}
pub(crate) use json_object;

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        // Byte by byte: the characters to escape are ASCII, and no byte of a longer UTF-8
        // character is ASCII, so runs between them are copied whole (issue 16: a page of
        // results is mostly text, and decoding every character cost a third of a search).
        let mut run_start = 0;
        for (index, &byte) in self.as_bytes().iter().enumerate() {
            let escaped = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                control if control < 0x20 => "\\u00",
                _ => continue,
            };
            out.push_str(&self[run_start..index]);
            out.push_str(escaped);
            if escaped == "\\u00" {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
            run_start = index + 1;
        }
        out.push_str(&self[run_start..]);
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
        out.push_str(&self.to_string());
    }
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl WriteJson for f64 {
    /// With up to seven decimals (a centimetre in degrees, far finer for metres); `null` for
    /// what JSON cannot hold (not a number, infinity).
    fn write_json(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(&format_number(*self, 7));
        } else {
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
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
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
                "missing": null,
            })
        );
        assert_eq!(
            to_json(&vec![f64::NAN, -0.5, 51.2756]),
            "[null,-0.5,51.2756]"
        );
        assert_eq!(to_json(&Vec::<u32>::new()), "[]");
    }
}
