//! Cross-language search: a newcomer types in their own language (or the German word they have
//! heard) and finds the German entries of the demo directory. Category labels in every UI
//! language and the search words in `data/synonyms/` lead to the categories; a directory can add
//! its own words.

use serde_json::json;
use service_finder::directory::load_directory;
use service_finder::directory::{BUILTIN_CATEGORIES, ProblemKind};
use service_finder::search::{Index, Query};

fn demo() -> Index {
    crate::common::demo_index()
}

/// Every entry (by index) whose categories include one of `categories`.
fn entries_in(index: &Index, categories: &[&str]) -> Vec<usize> {
    let entries = &index.directory().entries;
    let found: Vec<usize> = (0..entries.len())
        .filter(|&number| {
            entries[number]
                .categories
                .iter()
                .any(|category| categories.contains(&category.as_str()))
        })
        .collect();
    assert!(!found.is_empty(), "the demo has entries in {categories:?}");
    found
}

/// A query for `typed` alone, with every result.
fn text_query(typed: &str) -> Query {
    Query {
        text: typed.to_owned(),
        limit: service_finder::search::MAX_LIMIT,
        ..Query::default()
    }
}

/// The demo with the thesaurus of `language` from `data/thesaurus/`, as the widget sets it.
fn demo_with_thesaurus(language: &str) -> Index {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/thesaurus");
    let text = service_finder::search::thesaurus_text(&folder, language).unwrap();
    let mut index = demo();
    index.set_thesaurus(service_finder::search::Thesaurus::from_text(&text));
    index
}

/// The ids of the entries that typing `typed` finds, best first.
fn found(index: &Index, typed: &str) -> Vec<String> {
    let results = index.search(&text_query(typed)).unwrap();
    results.hits.into_iter().map(|hit| hit.id).collect()
}

/// Checks that typing `typed` finds every entry of `categories`.
fn finds_all_of(index: &Index, typed: &str, categories: &[&str]) {
    let results = index.search(&text_query(typed)).unwrap();
    let found: Vec<usize> = results.hits.iter().map(|hit| hit.entry_index).collect();
    for expected in entries_in(index, categories) {
        let name = &index.directory().entries[expected].id;
        assert!(
            found.contains(&expected),
            "{typed:?} does not find {name} ({categories:?})"
        );
    }
}

const COURSES: &[&str] = &["integration-courses", "language-courses"];

#[test]
fn language_courses_in_every_language() {
    let index = demo();
    for typed in [
        "Deutschkurs",
        "language course",
        "دورة لغة",
        "курси німецької",
        "Almanca kursu",
        "курсы немецкого",
        "کلاس زبان",
        "German course",
        "Sprachkurs",
    ] {
        finds_all_of(&index, typed, COURSES);
    }
}

#[test]
fn work_in_every_language() {
    let index = demo();
    for typed in [
        "Jobcenter",
        "عمل",
        "робота",
        "работа",
        "کار",
        "iş",
        "Arbeit",
        "work",
    ] {
        finds_all_of(&index, typed, &["work-jobcenter"]);
    }
}

#[test]
fn category_labels_in_every_ui_language_find_their_category() {
    let index = demo();
    let used: Vec<&str> = index
        .directory()
        .entries
        .iter()
        .flat_map(|entry| entry.categories.iter().map(String::as_str))
        .collect();
    for category in BUILTIN_CATEGORIES
        .iter()
        .filter(|category| used.contains(&category.id))
    {
        assert!(
            category.labels().count() >= 9,
            "{} has every label",
            category.id
        );
        for (language, label) in category.labels() {
            let results = index
                .search(&Query {
                    text: label.to_owned(),
                    limit: service_finder::search::MAX_LIMIT,
                    ..Query::default()
                })
                .unwrap();
            let found: Vec<usize> = results.hits.iter().map(|hit| hit.entry_index).collect();
            for expected in entries_in(&index, &[category.id]) {
                assert!(
                    found.contains(&expected),
                    "{language} label {label:?} misses an entry of {}",
                    category.id
                );
            }
        }
    }
}

#[test]
fn every_translation_in_the_entries_is_searched() {
    let index = demo();
    let entries = &index.directory().entries;
    // Some entry with an Arabic and a Ukrainian name: each finds it.
    let translated = entries
        .iter()
        .position(|entry| {
            let languages: Vec<_> = entry.name.iter().filter_map(|(l, _)| l).collect();
            languages.contains(&"ar") && languages.contains(&"uk")
        })
        .expect("a translated entry in the demo");
    for (language, name) in entries[translated].name.iter() {
        let results = index
            .search(&Query {
                text: name.to_owned(),
                ..Query::default()
            })
            .unwrap();
        assert_eq!(
            results.hits.first().map(|hit| hit.entry_index),
            Some(translated),
            "the {language:?} name {name:?} finds its entry first"
        );
    }
}

#[test]
fn a_county_adds_its_own_words() {
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "publisher": {"name": "Test"},
        "synonyms": {
            "housing": ["Wohnungsamt", "سكن اجتماعي"],
            "no-such-category": ["Wort"]
        },
        "entries": [
            {"id": "a", "kind": "service", "name": "Wohnberatung", "categories": ["housing"]},
            {"id": "b", "kind": "service", "name": "Schuldnerberatung", "categories": ["legal-advice"]}
        ]
    });
    let loaded = load_directory(&directory.to_string()).unwrap();
    let unknown = loaded
        .problems
        .iter()
        .find(|problem| problem.kind == ProblemKind::UnknownCategory)
        .expect("synonyms of an unknown category are reported");
    assert_eq!(unknown.field, "synonyms.no-such-category");
    let index = Index::new(loaded.directory);
    for typed in ["Wohnungsamt", "سكن اجتماعي"] {
        let results = index
            .search(&Query {
                text: typed.to_owned(),
                ..Query::default()
            })
            .unwrap();
        let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
        assert_eq!(ids, ["a"], "{typed}");
    }
}

#[test]
fn other_forms_of_a_word_are_found_with_a_stemmer() {
    let mut index = demo();
    let query = Query {
        text: "doktorlar".to_owned(),
        limit: service_finder::search::MAX_LIMIT,
        ..Query::default()
    };
    let ids = |results: service_finder::search::SearchResults| -> Vec<String> {
        results.hits.into_iter().map(|hit| hit.id).collect()
    };
    // Turkish "doctors": one entry has the word itself.
    let before = ids(index.search(&query).unwrap());
    assert_eq!(before, ["wf-svc-079"]);
    // With German's and Turkish's stemmers, as the widget has them once its stem module is
    // there: the entries that say "doktor" and "doktoru" too, the one with the word first.
    let stemmer = service_finder_stem::WordStemmer::for_languages("de,tr");
    let stems = |word: &str| stemmer.stems(word);
    assert!(index.set_stemmer(&stems) > 1000);
    let after = ids(index.search_stemmed(&query, &stems).unwrap());
    assert_eq!(after[0], "wf-svc-079");
    for id in ["wf-svc-008", "wf-svc-080", "wf-course-003"] {
        assert!(after.iter().any(|found| found == id), "{id} in {after:?}");
    }
    // A stemmer that knows no stems changes nothing.
    index.set_stemmer(&|_| String::new());
    assert_eq!(ids(index.search_stemmed(&query, &stems).unwrap()), before);
}

/// Having documents translated: the demo has no certified translator, so the request leads to
/// its broader topic, the interpreting services, said to be that. (The German thesaurus put the
/// plain "Übersetzung" under document translation, and a computer course taught "mit
/// Übersetzung ins Arabische" was all that "переклад документів" found.) The plain word
/// means interpreting as well, as "перекладач" and "translator" do.
#[test]
fn a_request_for_document_translation_finds_the_interpreters() {
    let interpreting = entries_in(&demo(), &["interpreting"]);
    for (language, typed) in [
        ("uk", "переклад документів"),
        ("ar", "ترجمة الوثائق"),
        ("de", "Dokumente übersetzen lassen"),
        ("en", "translation of documents"),
    ] {
        let results = demo_with_thesaurus(language)
            .search(&text_query(typed))
            .unwrap();
        let found: Vec<usize> = results.hits.iter().map(|hit| hit.entry_index).collect();
        assert_eq!(found.len(), interpreting.len(), "{typed:?}: {found:?}");
        assert!(
            found.iter().all(|entry| interpreting.contains(entry)),
            "{typed:?}: {found:?}"
        );
        assert_eq!(results.topic.as_deref(), Some("interpreting"), "{typed:?}");
    }
    // The plain German word: the interpreters first, the course that mentions it after.
    let query = Query {
        limit: 3,
        ..text_query("Übersetzer")
    };
    let results = demo_with_thesaurus("de").search(&query).unwrap();
    assert!(
        results
            .hits
            .iter()
            .all(|hit| interpreting.contains(&hit.entry_index)),
        "{:?}",
        results.hits.iter().map(|hit| &hit.id).collect::<Vec<_>>()
    );
}

/// A word of a thesaurus phrase finds entries only through the phrase's concept, also by its
/// other forms once the stemmers are there: "طبيب نفسي" (a psychiatrist) is the psychiatric
/// clinic, not the women's courses whose Arabic text has "الطبيب" (the doctor) in one sentence
/// and "نفسه" (the same building) in the next. With the stemmers those three courses came
/// after the clinic.
#[test]
fn stems_of_a_phrase_word_do_not_find_other_texts() {
    let mut index = demo_with_thesaurus("ar");
    let stemmer = service_finder_stem::WordStemmer::for_languages("de,ar");
    let stems = |word: &str| stemmer.stems(word);
    index.set_stemmer(&stems);
    let query = text_query("طبيب نفسي");
    let ids = |results: service_finder::search::SearchResults| -> Vec<String> {
        results.hits.into_iter().map(|hit| hit.id).collect()
    };
    assert_eq!(ids(index.search(&query).unwrap()), ["wf-svc-073"]);
    assert_eq!(
        ids(index.search_stemmed(&query, &stems).unwrap()),
        ["wf-svc-073"]
    );
}

/// The Arabic article is written joined to its word, and people type a word with it or
/// without: "إدمان" (addiction) found 56 entries, language courses first, while "الإدمان" found
/// the addiction counselling; "المحامي" (the lawyer) found 2 entries, "محامي" 12. A German name
/// written as heard keeps its "Al": "ألندورف" is Allendorf, not "ندورف".
#[test]
fn an_arabic_word_is_found_with_its_article_or_without() {
    let index = demo_with_thesaurus("ar");
    assert_eq!(found(&index, "إدمان"), ["wf-svc-026", "wf-svc-049"]);
    assert_eq!(found(&index, "إدمان"), found(&index, "الإدمان"));
    assert_eq!(found(&index, "المحامي"), found(&index, "محامي"));
    assert!(found(&index, "محامي").len() > 5);
    // "for the children" is "children".
    assert_eq!(found(&index, "للأطفال"), found(&index, "الأطفال"));
    // Sounded out with the article's letters: the entries in Allendorf (Eder).
    let in_allendorf = found(&index, "ألندورف");
    assert!(!in_allendorf.is_empty());
    for id in &in_allendorf {
        let entry = index
            .directory()
            .entries
            .iter()
            .find(|entry| &entry.id == id)
            .unwrap();
        assert!(format!("{entry:?}").contains("Allendorf"), "{id}");
    }
}

/// Typed letter by letter, an Arabic word with its article never runs out of results: "المح"
/// keeps its article (too few letters follow it to drop it), and also finds what "مح" finds.
#[test]
fn an_arabic_word_typed_with_its_article_has_results_at_every_letter() {
    let index = demo_with_thesaurus("ar");
    let lawyer: Vec<char> = "المحامي".chars().collect();
    for typed in 3..=lawyer.len() {
        let start: String = lawyer[..typed].iter().collect();
        assert!(
            !found(&index, &start).is_empty(),
            "no results for \"{start}\""
        );
    }
    let with_article = found(&index, "المح");
    let without = found(&index, "مح");
    assert!(!without.is_empty());
    for id in &without {
        assert!(with_article.contains(id), "\"المح\" lacks {id}");
    }
    // "الطب" (medicine) is also the start of "الطبيب" (the doctor): the health office.
    assert!(found(&index, "الطب").iter().any(|id| id == "wf-svc-008"));
}

/// A search whose words found entries only by how they sound says so (`heard`), so that the
/// widget can offer the town they may name: "Кассель" (Kassel in Ukrainian) and "كاسل" sound
/// like the Turkish "kişisel" of some counselling entries, while the demo names no Kassel. A
/// word found as written, or that finds nothing, does not.
#[test]
fn results_found_only_by_how_the_words_sound_say_so() {
    let index = demo();
    for typed in ["Кассель", "كاسل", "Корбах"] {
        let results = index.search(&text_query(typed)).unwrap();
        assert!(
            results.total > 0 && results.heard,
            "{typed:?}: {}",
            results.total
        );
    }
    for typed in ["Korbach", "Beratung", "Kassel", "Jobcenter Кассель"] {
        let results = index.search(&text_query(typed)).unwrap();
        assert!(
            !results.heard,
            "{typed:?} was found as written or not at all"
        );
    }
}

#[test]
fn a_word_found_only_loosely_says_so_and_gets_the_words_it_may_have_meant() {
    let index = demo_with_thesaurus("ar");
    // "ادمن", a misspelt "إدمان" (addiction), is one swap from the Persian "آمدند" (came) of the
    // language cafés; the addiction counselling has no Arabic text, only the thesaurus's concept.
    let results = index.search(&text_query("ادمن")).unwrap();
    assert!(results.total > 0 && results.loose, "{}", results.total);
    assert!(!found(&index, "ادمن").contains(&"wf-svc-026".to_owned()));
    let suggestions = index.suggest("ادمن");
    // The thesaurus's word as it writes it, before the directory's word as near ("آمن", safe).
    assert_eq!(
        suggestions.first().map(String::as_str),
        Some("الإدمان"),
        "{suggestions:?}"
    );
    assert_eq!(
        found(&index, "الإدمان").first().map(String::as_str),
        Some("wf-svc-026")
    );
    assert!(!index.search(&text_query("الإدمان")).unwrap().loose);

    let index = demo_with_thesaurus("de");
    let results = index.search(&text_query("Artz")).unwrap();
    assert!(results.total > 0 && results.loose);
    assert_eq!(index.suggest("Artz"), ["Arzt"]);
    // Found as typed, or one word of several, it is not: corrected together, a right word that
    // the directory lacks became another one. Stop words do not count.
    for (typed, loose) in [
        ("Arzt", false),
        ("Beratung", false),
        ("Artz Korbach", false),
        ("wo ist der Artz", true),
    ] {
        assert_eq!(
            index.search(&text_query(typed)).unwrap().loose,
            loose,
            "{typed:?}"
        );
    }
    // Found only by how it sounds (Kassel, which no entry names, sounds like "kişisel").
    let results = index.search(&text_query("Кассель")).unwrap();
    assert!(results.heard && results.loose);
}
