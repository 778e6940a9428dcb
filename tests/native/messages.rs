//! The UI message catalogs in data/messages/: every language has every message, with the same
//! placeholders, and plural messages have the forms the widget asks for. The `intl.*` messages
//! are the exception: only a language that browsers have no Intl data for has them (Tigrinya).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

fn catalogs() -> Vec<(String, Map<String, Value>)> {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/data/messages");
    let mut catalogs: Vec<(String, Map<String, Value>)> = std::fs::read_dir(directory)
        .expect("data/messages exists")
        .map(|file| file.expect("readable directory").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable catalog");
            let Value::Object(mut messages) =
                serde_json::from_str(&text).expect("a catalog is valid JSON")
            else {
                panic!("{} is not a JSON object", path.display());
            };
            messages.remove("$comment");
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                messages,
            )
        })
        .collect();
    catalogs.sort_by(|a, b| a.0.cmp(&b.0));
    catalogs
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// The placeholders of a message, whichever forms it has.
fn message_placeholders(message: &Value) -> BTreeSet<String> {
    match message {
        Value::String(text) => placeholders(text),
        Value::Object(forms) => forms
            .values()
            .filter_map(Value::as_str)
            .flat_map(placeholders)
            .collect(),
        other => panic!("a message is a text or an object of plural forms, not {other}"),
    }
}

/// The cardinal plural categories of each UI language (CLDR), which `Intl.PluralRules` picks
/// from: a plural message needs a text for each.
fn plural_forms(language: &str) -> BTreeSet<&'static str> {
    let forms: &[&str] = match language.split('-').next().unwrap_or(language) {
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        "uk" | "ru" => &["one", "few", "many", "other"],
        "de" | "en" | "fa" | "tr" | "ti" => &["one", "other"],
        other => panic!("add the CLDR plural forms of {other} to this test"),
    };
    forms.iter().copied().collect()
}

#[test]
fn the_eight_languages_and_leichte_sprache_are_there() {
    let languages: Vec<String> = catalogs()
        .into_iter()
        .map(|(language, _)| language)
        .collect();
    for expected in ["de", "de-x-ls", "en", "ar", "fa", "uk", "ru", "tr", "ti"] {
        assert!(
            languages.iter().any(|language| language == expected),
            "no catalog for {expected}"
        );
    }
}

#[test]
fn every_ui_language_has_search_words_for_every_category() {
    use service_finder::directory::BUILTIN_CATEGORIES;
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/data/synonyms");
    for (language, _) in catalogs() {
        if language == "de-x-ls" {
            continue; // Leichte Sprache is German: German words find the same.
        }
        let path = format!("{folder}/{language}.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no {path}"));
        let lists: Map<String, Value> = serde_json::from_str(&text).expect("valid JSON");
        for category in BUILTIN_CATEGORIES {
            let words = lists.get(category.id).and_then(Value::as_array);
            assert!(
                words.is_some_and(|words| !words.is_empty()
                    && words
                        .iter()
                        .all(|word| word.as_str().is_some_and(|w| !w.trim().is_empty()))),
                "{language}: no search words for {}",
                category.id
            );
        }
    }
}

/// The messages that stand in for the browser's Intl data, with their placeholders: a catalog
/// has all of them or none (www/widget/format.js reads them).
const INTL_MESSAGES: [(&str, &[&str]); 5] = [
    ("intl.months", &[]),
    ("intl.date", &["day", "month", "year"]),
    ("intl.languages", &[]),
    ("intl.list", &["item", "list"]),
    ("intl.list.last", &["item", "list"]),
];

/// UI languages that Chromium has no Intl data for (a test in tests/e2e/languages.test.mjs
/// notices when that changes).
const WITHOUT_BROWSER_DATA: [&str; 1] = ["ti"];

fn is_intl_message(key: &str) -> bool {
    key.starts_with("intl.")
}

#[test]
fn every_language_has_every_message_with_the_same_placeholders() {
    let catalogs = catalogs();
    let (reference_language, reference) = catalogs
        .iter()
        .find(|(language, _)| language == "de")
        .expect("German is the fallback");
    assert!(catalogs.len() >= 2, "German and English at least");
    for (language, messages) in &catalogs {
        let keys: BTreeSet<&String> = messages
            .keys()
            .filter(|key| !is_intl_message(key))
            .collect();
        let reference_keys: BTreeSet<&String> = reference.keys().collect();
        assert_eq!(
            keys, reference_keys,
            "{language} and {reference_language} have different messages"
        );
        for (key, message) in messages {
            if is_intl_message(key) {
                continue; // Checked by the next test.
            }
            assert_eq!(
                message_placeholders(message),
                message_placeholders(&reference[key]),
                "{language}: {key} has other placeholders than in {reference_language}"
            );
            if let Value::Object(forms) = message {
                let have: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                assert_eq!(
                    have,
                    plural_forms(language),
                    "{language}: {key} needs exactly the plural forms of the language"
                );
            }
            if let Value::String(text) = message {
                assert!(!text.trim().is_empty(), "{language}: {key} is empty");
            }
        }
    }
}

#[test]
fn a_language_without_browser_data_has_its_own_months_language_names_and_lists() {
    let demo_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/demo/waldeck-frankenberg.json"
    ))
    .expect("the demo directory");
    let demo: Value = serde_json::from_str(&demo_text).expect("valid JSON");
    let demo_languages: BTreeSet<&str> = demo["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|entry| entry["languages"].as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(demo_languages.len() > 10, "{demo_languages:?}");

    for (language, messages) in catalogs() {
        let has: Vec<&str> = INTL_MESSAGES
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| messages.contains_key(*key))
            .collect();
        let unknown: Vec<&String> = messages
            .keys()
            .filter(|key| is_intl_message(key) && !INTL_MESSAGES.iter().any(|(k, _)| k == key))
            .collect();
        assert!(
            unknown.is_empty(),
            "{language}: unknown messages {unknown:?}"
        );
        if WITHOUT_BROWSER_DATA.contains(&language.as_str()) {
            assert_eq!(
                has.len(),
                INTL_MESSAGES.len(),
                "{language} has only {has:?}"
            );
        } else {
            // The browser's data is better than a copy: it is not sent with the catalog.
            assert!(
                has.is_empty(),
                "{language} has {has:?}, which its browser data gives"
            );
            continue;
        }
        let text = |key: &str| {
            messages[key]
                .as_str()
                .unwrap_or_else(|| panic!("{language}: {key} is a text"))
        };
        for (key, wanted) in INTL_MESSAGES {
            let wanted: BTreeSet<String> = wanted.iter().map(|name| (*name).to_owned()).collect();
            assert_eq!(placeholders(text(key)), wanted, "{language}: {key}");
        }
        let months: Vec<&str> = text("intl.months").split(',').collect();
        assert_eq!(months.len(), 12, "{language}: intl.months");
        assert!(months.iter().all(|month| !month.trim().is_empty()));

        // "code:name" pairs, each code once, naming every language the demo's services speak.
        let mut named = BTreeSet::new();
        for pair in text("intl.languages").split(',') {
            let (code, name) = pair
                .split_once(':')
                .unwrap_or_else(|| panic!("{language}: intl.languages: {pair:?} is not code:name"));
            let code = code.trim();
            assert!(
                (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()),
                "{language}: intl.languages: {code:?} is no ISO 639 code"
            );
            assert!(
                !name.trim().is_empty(),
                "{language}: intl.languages: {code} has no name"
            );
            assert!(
                named.insert(code),
                "{language}: intl.languages names {code} twice"
            );
        }
        let missing: Vec<&&str> = demo_languages
            .iter()
            .filter(|code| !named.contains(**code))
            .collect();
        assert!(
            missing.is_empty(),
            "{language}: intl.languages lacks {missing:?}"
        );
    }
}

#[test]
fn the_widget_uses_only_messages_that_exist() {
    let catalogs = catalogs();
    let german = &catalogs
        .iter()
        .find(|(language, _)| language == "de")
        .unwrap()
        .1;
    // The widget, the modules it loads later (www/widget/map/) and the app page (www/app/);
    // not the officers' checker page (www/check/), whose words are its own (de and en, in
    // www/check/messages.js).
    let mut folders = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www"
    ))];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for file in std::fs::read_dir(folder).unwrap() {
            let path = file.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("check") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|extension| extension == "js") {
                files.push(path);
            }
        }
    }
    let mut calls = 0;
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        // Every literal key passed to the message function `t('…')` (a method or not).
        for (at, _) in source.match_indices("t('") {
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let key = source[at + 3..].split('\'').next().unwrap();
            calls += 1;
            assert!(
                german.contains_key(key)
                    || (is_intl_message(key) && INTL_MESSAGES.iter().any(|(k, _)| *k == key)),
                "{}: the widget asks for a message that no catalog has: {key}",
                path.display()
            );
        }
    }
    assert!(
        calls > 50,
        "the widget's messages were found ({calls} calls)"
    );
}
