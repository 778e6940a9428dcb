//! Typed deserialization that reports every bad value instead of stopping at the first.
//!
//! serde stops at the first error. For a directory that is the wrong behaviour: one misspelt
//! category must not hide an entry, and the person who keeps the data wants every problem in one
//! run. So a record is first deserialized directly (the fast path, taken by every clean record),
//! and only when that fails is it parsed into a `serde_json::Value` and deserialized again and
//! again, each time removing the value at the error's path (found by `serde_path_to_error`) and
//! noting the problem, until it succeeds or the record as a whole is unusable.
//!
//! The model's structs deny unknown fields, so a misspelt field name also leaves the fast path;
//! here it becomes a warning and the field is dropped, as serde would have ignored it anyway.
//!
//! Each round removes one value, and the number of rounds is capped, so a hostile record costs
//! at most `MAX_ISSUES` times its (also capped) size.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

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
        let attempt: Result<T, _> = serde_path_to_error::deserialize(&value);
        let error = match attempt {
            Ok(record) => {
                return Lenient {
                    value: Some(record),
                    issues,
                };
            }
            Err(error) => error,
        };
        let mut segments: Vec<Segment> = error.path().iter().cloned().collect();
        let message = error.into_inner().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            // The path may or may not already end at the unknown key; make sure it does.
            if !matches!(segments.last(), Some(Segment::Map { key }) if key == field) {
                segments.push(Segment::Map {
                    key: field.to_owned(),
                });
            }
            let path = removed.original_path(&segments);
            issues.push(unknown_field_issue(path));
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
                Segment::Seq { index } => {
                    let original = self.original_index(&path, *index);
                    path.push_str(&format!("[{original}]"));
                }
                Segment::Map { key } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Enum { variant } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(variant);
                }
                Segment::Unknown => path.push_str(".?"),
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
                (Segment::Map { key }, Value::Object(map)) => map.get_mut(key),
                (Segment::Seq { index }, Value::Array(items)) => items.get_mut(*index),
                _ => None,
            };
            match next {
                Some(value) => current = value,
                None => return false,
            }
        }
        match (last, current) {
            (Segment::Map { key }, Value::Object(map)) => map.remove(key).is_some(),
            (Segment::Seq { index }, Value::Array(items)) if *index < items.len() => {
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
