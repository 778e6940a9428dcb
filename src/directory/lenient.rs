//! Typed deserialization that reports every bad value instead of stopping at the first.
//!
//! serde stops at the first error. For a directory that is the wrong behaviour: one misspelt
//! category must not hide an entry, and the person who keeps the data wants every problem in one
//! run. So a record is first deserialized directly (the fast path, taken by every clean record),
//! and only when that fails is it parsed into a `serde_json::Value` and deserialized again and
//! again, each time removing the value the error is about and noting the problem, until it
//! succeeds or the record as a whole is unusable.
//!
//! Which value? Each round writes the pruned `Value` back to compact JSON while noting where
//! every value and key starts and ends, and deserializes that text with the same
//! `serde_json::from_str` as the fast path. serde_json reports the column where it failed; the
//! innermost value around that column is the culprit. (A path-tracking deserializer would do the
//! same, but a second deserializer stack for every type costs the widget about 35 KB gzipped.)
//!
//! The model's structs deny unknown fields, so a misspelt field name also leaves the fast path;
//! here it becomes a warning and the field is dropped, as serde would have ignored it anyway.
//!
//! Each round removes one value, and the number of rounds is capped, so a hostile record costs
//! at most `MAX_ISSUES` times its (also capped) size.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Most problems reported for one record before it is given up as untrustworthy.
pub const MAX_ISSUES: usize = 20;

/// One value that did not fit the format.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIssue {
    /// Where, as a JSON path relative to the record (`location.latitude`, `languages[2]`).
    pub path: String,
    /// serde's explanation, which names the expected type or values.
    pub message: String,
    /// What went wrong.
    pub kind: IssueKind,
}

/// The sorts of issue the lenient deserializer finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// A field that the format does not know (the record is kept as it is).
    UnknownField,
    /// A required field is missing (the value containing it was removed).
    MissingField,
    /// A value of the wrong type or with an impossible value (it was removed).
    InvalidValue,
    /// More than [`MAX_ISSUES`] problems: the record was given up.
    TooManyIssues,
}

/// What came out of a lenient deserialization.
#[derive(Debug)]
pub struct Lenient<T> {
    /// The record with the bad values left out, or `None` when it is unusable as a whole (it is
    /// not an object, a required field is missing or bad, or it has too many problems).
    pub value: Option<T>,
    /// Every issue found, in the order found.
    pub issues: Vec<FieldIssue>,
}

/// Deserializes `json`, which must already be known to be syntactically valid JSON.
pub fn deserialize_lenient<T: DeserializeOwned>(json: &str) -> Lenient<T> {
    // serde would also read a struct from an array of its fields in order; a record in a
    // directory file is always an object.
    if !json.trim_start().starts_with('{') {
        let found = json
            .trim_start()
            .chars()
            .next()
            .map_or("nothing", |first| match first {
                '[' => "a list",
                '"' => "a text",
                't' | 'f' => "true or false",
                'n' => "null",
                _ => "a number",
            });
        return Lenient {
            value: None,
            issues: vec![FieldIssue {
                path: String::new(),
                message: format!("expected an object {{ … }}, found {found}"),
                kind: IssueKind::InvalidValue,
            }],
        };
    }
    if let Ok(value) = serde_json::from_str::<T>(json) {
        return Lenient {
            value: Some(value),
            issues: Vec::new(),
        };
    }
    match serde_json::from_str::<Value>(json) {
        Ok(value) => deserialize_value_lenient(value),
        Err(error) => Lenient {
            value: None,
            issues: vec![FieldIssue {
                path: String::new(),
                message: error.to_string(),
                kind: IssueKind::InvalidValue,
            }],
        },
    }
}

/// The slow path: remove one bad value at a time until the record deserializes.
fn deserialize_value_lenient<T: DeserializeOwned>(mut value: Value) -> Lenient<T> {
    let mut issues = Vec::new();
    let mut removed = RemovedIndices::default();
    let mut removed_paths: Vec<String> = Vec::new();
    loop {
        let located = Located::new(&value);
        let error = match serde_json::from_str::<T>(&located.json) {
            Ok(record) => {
                return Lenient {
                    value: Some(record),
                    issues,
                };
            }
            Err(error) => error,
        };
        let mut segments = located.path_at(error.column());
        let message = error_message(&error);
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            // The position may be at the key or at its object; make sure the path ends at the key.
            if !matches!(segments.last(), Some(Segment::Key(key)) if key == field) {
                segments.push(Segment::Key(field.to_owned()));
            }
            issues.push(unknown_field_issue(removed.original_path(&segments)));
            if issues.len() >= MAX_ISSUES {
                return give_up(issues);
            }
            if !removed.remove(&mut value, &segments) {
                return Lenient {
                    value: None,
                    issues,
                };
            }
            continue;
        }
        let kind = if message.starts_with("missing field") {
            IssueKind::MissingField
        } else {
            IssueKind::InvalidValue
        };
        let path = removed.original_path(&segments);
        if kind == IssueKind::MissingField
            && removed_paths
                .iter()
                .any(|gone| is_missing_field(&path, gone, &message))
        {
            // The field is missing because a bad value was removed from it a round ago; that
            // was reported already, and the value that needs it is unusable.
            return Lenient {
                value: None,
                issues,
            };
        }
        if kind == IssueKind::InvalidValue {
            removed_paths.push(path.clone());
        }
        // serde reports a missing field at the object that lacks it; name the field itself.
        let reported_path = match (kind, message.split('`').nth(1)) {
            (IssueKind::MissingField, Some(field)) if path.is_empty() => field.to_owned(),
            (IssueKind::MissingField, Some(field)) => format!("{path}.{field}"),
            _ => path,
        };
        let message = match (kind, message.split('`').nth(1)) {
            (IssueKind::MissingField, Some(field)) => {
                format!("the required field \"{field}\" is missing")
            }
            _ => message,
        };
        issues.push(FieldIssue {
            path: reported_path,
            message,
            kind,
        });
        if issues.len() >= MAX_ISSUES {
            return give_up(issues);
        }
        if segments.is_empty() || !removed.remove(&mut value, &segments) {
            return Lenient {
                value: None,
                issues,
            };
        }
    }
}

/// serde_json's message without its " at line 1 column 57": the position is in our own
/// re-written text, meaningless to the reader.
fn error_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(position) => message[..position].to_owned(),
        None => message,
    }
}

/// One step on the way from a record to one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// A field of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A value written as compact JSON, with the place of every value and key in that text.
struct Located {
    json: String,
    /// Byte ranges (start, end exclusive) and the path of what is there.
    spans: Vec<(usize, usize, Vec<Segment>)>,
}

impl Located {
    fn new(value: &Value) -> Located {
        let mut located = Located {
            json: String::new(),
            spans: Vec::new(),
        };
        located.write(value, &mut Vec::new());
        located
    }

    fn write(&mut self, value: &Value, path: &mut Vec<Segment>) {
        let start = self.json.len();
        match value {
            Value::Object(map) => {
                self.json.push('{');
                for (number, (key, member)) in map.iter().enumerate() {
                    if number > 0 {
                        self.json.push(',');
                    }
                    path.push(Segment::Key(key.clone()));
                    let key_start = self.json.len();
                    self.json.push_str(&Value::String(key.clone()).to_string());
                    self.spans.push((key_start, self.json.len(), path.clone()));
                    self.json.push(':');
                    self.write(member, path);
                    path.pop();
                }
                self.json.push('}');
            }
            Value::Array(items) => {
                self.json.push('[');
                for (number, item) in items.iter().enumerate() {
                    if number > 0 {
                        self.json.push(',');
                    }
                    path.push(Segment::Index(number));
                    self.write(item, path);
                    path.pop();
                }
                self.json.push(']');
            }
            scalar => self.json.push_str(&scalar.to_string()),
        }
        self.spans.push((start, self.json.len(), path.clone()));
    }

    /// The path of the innermost value or key that the 1-based `column` (serde_json's error
    /// position: just after what it read last) falls in or right after.
    fn path_at(&self, column: usize) -> Vec<Segment> {
        self.spans
            .iter()
            .filter(|(start, end, _)| *start < column && column <= *end)
            .min_by_key(|(start, end, _)| end - start)
            .map(|(_, _, path)| path.clone())
            .unwrap_or_default()
    }
}

/// Ends a record that has too many problems to be trusted.
fn give_up<T>(mut issues: Vec<FieldIssue>) -> Lenient<T> {
    issues.push(FieldIssue {
        path: String::new(),
        message: format!("more than {MAX_ISSUES} problems in one record"),
        kind: IssueKind::TooManyIssues,
    });
    Lenient {
        value: None,
        issues,
    }
}

/// True when serde's "missing field `name`" at `parent` is about the value at `removed_path`.
fn is_missing_field(parent: &str, removed_path: &str, message: &str) -> bool {
    let Some(field) = message.split('`').nth(1) else {
        return false;
    };
    let expected = if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    };
    expected == removed_path
}

fn unknown_field_issue(path: String) -> FieldIssue {
    let field = path.rsplit('.').next().unwrap_or(&path).to_owned();
    FieldIssue {
        message: format!("unknown field \"{field}\" (a typo?); it was ignored"),
        path,
        kind: IssueKind::UnknownField,
    }
}

/// Remembers which array elements were removed, so that later problems are still reported
/// with the index the person sees in the file.
#[derive(Default)]
struct RemovedIndices {
    /// Original path of an array → original indices removed from it, sorted.
    by_array: HashMap<String, Vec<usize>>,
}

impl RemovedIndices {
    /// Translates a path in the current (already pruned) value to the path in the file.
    fn original_path(&self, segments: &[Segment]) -> String {
        let mut path = String::new();
        for segment in segments {
            match segment {
                Segment::Index(index) => {
                    let original = self.original_index(&path, *index);
                    path.push_str(&format!("[{original}]"));
                }
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
            }
        }
        path
    }

    fn original_index(&self, array_path: &str, current: usize) -> usize {
        let mut index = current;
        if let Some(removed) = self.by_array.get(array_path) {
            for &gone in removed {
                if gone <= index {
                    index += 1;
                } else {
                    break;
                }
            }
        }
        index
    }

    /// Removes the value at `segments`; false when there is nothing there to remove.
    fn remove(&mut self, root: &mut Value, segments: &[Segment]) -> bool {
        let Some((last, parents)) = segments.split_last() else {
            return false;
        };
        let mut current = root;
        for segment in parents {
            let next = match (segment, current) {
                (Segment::Key(key), Value::Object(map)) => map.get_mut(key),
                (Segment::Index(index), Value::Array(items)) => items.get_mut(*index),
                _ => None,
            };
            match next {
                Some(value) => current = value,
                None => return false,
            }
        }
        match (last, current) {
            (Segment::Key(key), Value::Object(map)) => map.remove(key).is_some(),
            (Segment::Index(index), Value::Array(items)) if *index < items.len() => {
                let array_path = self.original_path(parents);
                let original = self.original_index(&array_path, *index);
                items.remove(*index);
                let removed = self.by_array.entry(array_path).or_default();
                let position = removed.partition_point(|&gone| gone < original);
                removed.insert(position, original);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Record {
        name: String,
        #[serde(default)]
        tags: Vec<u8>,
        #[serde(default)]
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        required: bool,
    }

    fn check(json: &str, expected_value: Option<Record>, expected_paths: &[&str]) {
        let result = deserialize_lenient::<Record>(json);
        assert_eq!(result.value, expected_value, "{json}");
        let paths: Vec<&str> = result
            .issues
            .iter()
            .map(|issue| issue.path.as_str())
            .collect();
        assert_eq!(paths, expected_paths, "{json}: {:?}", result.issues);
    }

    #[test]
    fn keeps_what_is_good_and_reports_every_bad_value() {
        check(
            r#"{"name": "a"}"#,
            Some(Record {
                name: "a".into(),
                tags: vec![],
                inner: None,
            }),
            &[],
        );
        check(
            r#"{"name": "a", "tags": [1, "x", 3, "y"]}"#,
            Some(Record {
                name: "a".into(),
                tags: vec![1, 3],
                inner: None,
            }),
            &["tags[1]", "tags[3]"],
        );
        check(
            r#"{"name": "a", "inner": {}, "colour": 1}"#,
            Some(Record {
                name: "a".into(),
                tags: vec![],
                inner: None,
            }),
            &["colour", "inner.required"],
        );
        check(r#"{"tags": [1]}"#, None, &["name"]);
        check(r#"{"name": 5}"#, None, &["name"]);
        check(r#"[1, 2]"#, None, &[""]);
    }

    #[test]
    fn gives_up_after_too_many_problems() {
        let tags: Vec<String> = (0..100).map(|_| "\"x\"".to_owned()).collect();
        let json = format!(r#"{{"name": "a", "tags": [{}]}}"#, tags.join(","));
        let result = deserialize_lenient::<Record>(&json);
        assert!(result.value.is_none());
        assert_eq!(
            result.issues.last().map(|issue| issue.kind),
            Some(IssueKind::TooManyIssues)
        );
    }
}
