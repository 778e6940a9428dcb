//! The domain thesaurus in data/thesaurus/: one file per language, every concept in every file in
//! the same order, and lists a search can use (no empty, duplicate or overlong words).

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::Value;

/// The languages that have a thesaurus file, German first: the German words are the ones the
/// entries use, so German is the reference the other files are compared with.
const LANGUAGES: [&str; 8] = ["de", "en", "ar", "fa", "ru", "uk", "tr", "ti"];

/// Fewer concepts than this means a file was cut short.
const MINIMUM_CONCEPTS: usize = 250;

/// Longer entries are sentences, not words people type.
const MAXIMUM_CHARACTERS: usize = 40;

/// A JSON object with its keys in the order of the file (serde_json's `Map` may sort them).
struct OrderedObject(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;

        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = OrderedObject;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedObject, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(OrderedObject(members))
            }
        }

        deserializer.deserialize_map(OrderedVisitor)
    }
}

/// One language's file: its concepts, in file order, each with its words.
struct Thesaurus {
    language: &'static str,
    concepts: Vec<(String, Vec<Value>)>,
}

fn thesaurus(language: &'static str) -> Thesaurus {
    let path = format!(
        "{}/data/thesaurus/{language}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let OrderedObject(members) = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{path} is not a JSON object: {error}"));
    let mut members = members.into_iter();
    match members.next() {
        Some((key, Value::String(comment))) if key == "$comment" && !comment.trim().is_empty() => {}
        _ => panic!("{path}: the first key must be \"$comment\" with a text"),
    }
    let concepts = members
        .map(|(concept, words)| match words {
            Value::Array(words) => (concept, words),
            other => panic!("{language}.json: concept {concept:?} is not a list but {other}"),
        })
        .collect();
    Thesaurus { language, concepts }
}

fn all_thesauri() -> Vec<Thesaurus> {
    LANGUAGES.into_iter().map(thesaurus).collect()
}

#[test]
fn thesaurus_files_have_the_same_concepts_in_the_same_order() {
    let thesauri = all_thesauri();
    let reference = &thesauri[0];
    assert!(
        reference.concepts.len() >= MINIMUM_CONCEPTS,
        "{}.json has {} concepts, fewer than {MINIMUM_CONCEPTS}",
        reference.language,
        reference.concepts.len()
    );
    let mut seen = BTreeSet::new();
    for (concept, _) in &reference.concepts {
        assert!(
            seen.insert(concept.as_str()),
            "{}.json: concept {concept:?} is there twice",
            reference.language
        );
        // A concept for a field: `language:` and a code (checked below), or `flag:` and a
        // flag the core knows.
        let id = concept
            .strip_prefix("language:")
            .or_else(|| (concept == "flag:free-of-charge").then_some("free-of-charge"))
            .unwrap_or(concept);
        let kebab_case = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        assert!(
            kebab_case,
            "{}.json: concept id {concept:?} is not kebab-case (or `language:` and a code)",
            reference.language
        );
    }
    for other in &thesauri[1..] {
        for (position, (expected, _)) in reference.concepts.iter().enumerate() {
            let found = other.concepts.get(position).map(|(concept, _)| concept);
            assert_eq!(
                found,
                Some(expected),
                "{}.json: concept number {} should be {expected:?} as in {}.json",
                other.language,
                position + 1,
                reference.language
            );
        }
        assert_eq!(
            other.concepts.len(),
            reference.concepts.len(),
            "{}.json has concepts after the last one of {}.json: {:?}",
            other.language,
            reference.language,
            other
                .concepts
                .get(reference.concepts.len())
                .map(|(concept, _)| concept)
        );
    }
}

#[test]
fn thesaurus_lists_are_usable_words() {
    for thesaurus in all_thesauri() {
        let language = thesaurus.language;
        for (concept, words) in &thesaurus.concepts {
            assert!(
                !words.is_empty(),
                "{language}.json: concept {concept:?} has no words"
            );
            let mut seen = BTreeSet::new();
            for word in words {
                let Value::String(word) = word else {
                    panic!("{language}.json: concept {concept:?} has {word}, which is not a text");
                };
                let trimmed = word.trim();
                assert!(
                    !trimmed.is_empty(),
                    "{language}.json: concept {concept:?} has an empty word"
                );
                assert!(
                    trimmed.chars().count() <= MAXIMUM_CHARACTERS,
                    "{language}.json: concept {concept:?}: {word:?} is longer than {MAXIMUM_CHARACTERS} characters"
                );
                // `@` starts the mark of a language's concept in the text the core reads.
                assert!(
                    !trimmed.starts_with('@'),
                    "{language}.json: concept {concept:?}: {word:?} starts with @"
                );
                assert!(
                    seen.insert(trimmed.to_lowercase()),
                    "{language}.json: concept {concept:?} has {word:?} twice (ignoring case)"
                );
            }
        }
    }
}

#[test]
fn language_concepts_name_a_language_code() {
    for thesaurus in all_thesauri() {
        for (concept, _) in &thesaurus.concepts {
            if let Some(code) = concept.strip_prefix("language:") {
                assert_eq!(
                    service_finder::directory::check_language_code(code),
                    service_finder::directory::LanguageCheck::Valid,
                    "{}.json: concept {concept:?}: {code:?} is not a language code as entries write it",
                    thesaurus.language
                );
            }
        }
    }
}

/// `topics.json` gives concepts their broader topic: a built-in category, and concepts that
/// are in the thesaurus, each in one topic at most.
#[test]
fn topics_are_built_in_categories_of_known_concepts() {
    let path = format!("{}/data/thesaurus/topics.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("topics.json is there");
    let topics: serde_json::Map<String, Value> =
        serde_json::from_str(&text).expect("a JSON object");
    let known: BTreeSet<String> = thesaurus("de")
        .concepts
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut seen = BTreeSet::new();
    for (category, concepts) in topics.iter().filter(|(key, _)| !key.starts_with('$')) {
        assert!(
            service_finder::directory::builtin_category(category).is_some(),
            "topics.json: {category:?} is not a built-in category"
        );
        let concepts = concepts.as_array().expect("a list of concept ids");
        for concept in concepts {
            let concept = concept.as_str().expect("a concept id").to_owned();
            assert!(
                known.contains(&concept),
                "topics.json: {category}: no concept {concept:?}"
            );
            assert!(
                !concept.contains(':'),
                "topics.json: {concept:?} stands for a field"
            );
            assert!(
                seen.insert(concept.clone()),
                "topics.json: {concept:?} is in two topics"
            );
        }
    }
    assert!(
        seen.len() >= 200,
        "only {} concepts have a topic",
        seen.len()
    );
}
