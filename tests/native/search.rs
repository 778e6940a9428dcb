//! The search engine on a small directory whose right answers are known.

use serde_json::json;
use service_finder::directory::{Kind, load_directory};
use service_finder::distance::GeoPoint;
use service_finder::search::FacetCount;
use service_finder::search::{Hit, Index, Query, SearchResults, Sort, Thesaurus};

const KORBACH: GeoPoint = GeoPoint {
    latitude: 51.2756,
    longitude: 8.873,
};

fn index() -> Index {
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "region": {"name": "Waldeck-Frankenberg", "latitude": 51.16, "longitude": 8.9},
        "categories": [{"id": "mobility", "name": {"de": "Fahrdienste", "en": "Transport"}}],
        "entries": [
            {"id": "counselling", "kind": "service", "name": "Migrationsberatung für Erwachsene",
             "organization": {"name": "Caritasverband (Beispiel)"},
             "description": "Hilfe bei Anträgen und Briefen.",
             "categories": ["migration-counselling"], "languages": ["de", "ar"], "free_of_charge": true,
             "location": {"city": "Korbach", "latitude": 51.2760, "longitude": 8.8700, "wheelchair": "yes"}},
            {"id": "translation", "kind": "service",
             "name": {"de": "Übersetzungsdienst", "en": "Translation service", "uk": "Служба перекладу"},
             "categories": ["interpreting"], "languages": ["de", "fa", "uk"], "free_of_charge": false,
             "location": {"city": "Bad Arolsen", "latitude": 51.3798, "longitude": 9.0145, "wheelchair": "no"}},
            {"id": "course", "kind": "course", "name": "Integrationskurs mit Kinderbetreuung",
             "categories": ["integration-courses", "children-family"], "languages": ["de"],
             "location": {"city": "Frankenberg (Eder)", "latitude": 51.0589, "longitude": 8.8008},
             "course": {"levels": ["A1"], "course_type": "parents"}},
            {"id": "club", "kind": "association",
             "name": {"de": "Deutsch-Arabischer Kulturverein", "ar": "الجمعية الثقافية الألمانية العربية"},
             "categories": ["associations-leisure"], "languages": ["de", "ar"], "free_of_charge": true,
             "location": {"city": "Bad Wildungen", "latitude": 51.1196, "longitude": 9.1247}},
            {"id": "phone", "kind": "service",
             "name": {"de": "Telefonberatung an der Straße der Einheit", "uk": "Консультація телефоном"},
             "categories": ["migration-counselling", "mobility"], "languages": ["ru", "uk"], "free_of_charge": true,
             "service_area": {"scope": "remote"}},
            {"id": "jobcenter", "kind": "service", "name": "Jobcenter Korbach",
             "categories": ["work-jobcenter"], "languages": ["de", "en"],
             "location": {"city": "Korbach", "latitude": 51.2700, "longitude": 8.8800, "wheelchair": "yes"}},
            {"id": "nowhere", "kind": "association", "name": "Verein ohne Ort",
             "categories": ["volunteering-mentoring"], "languages": ["de"]}
        ]
    });
    let loaded = load_directory(&directory.to_string()).unwrap();
    Index::new(loaded.directory)
}

fn search(index: &Index, query: Query) -> SearchResults {
    index.search(&query).unwrap()
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

fn sorted_ids(results: &SearchResults) -> Vec<&str> {
    let mut ids = ids(results);
    ids.sort_unstable();
    ids
}

fn text(words: &str) -> Query {
    Query {
        text: words.to_owned(),
        ..Query::default()
    }
}

/// Data-driven: the text typed and the entries it must find (in any order).
fn check_text(index: &Index, typed: &str, expected: &[&str]) {
    let results = search(index, text(typed));
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(sorted_ids(&results), expected, "typed {typed:?}");
    assert_eq!(results.total, expected.len());
}

#[test]
fn folding_matches_however_it_is_written() {
    let index = index();
    for typed in ["Beratung", "beratung", "BERATUNG"] {
        check_text(&index, typed, &["counselling", "phone"]);
    }
    for typed in [
        "Übersetzung",
        "Ubersetzung",
        "Uebersetzung",
        "ubersetzungsdienst",
    ] {
        check_text(&index, typed, &["translation"]);
    }
    for typed in ["Straße", "Strasse", "strasse"] {
        check_text(&index, typed, &["phone"]);
    }
}

#[test]
fn arabic_and_cyrillic_are_searchable_as_typed() {
    let index = index();
    check_text(&index, "الثقافية", &["club"]);
    check_text(&index, "الثقافيه", &["club"]);
    // "Консультація" is also in the Ukrainian label of migration counselling ("Міграційна
    // консультація"), so the counselling entry is found by its topic.
    check_text(&index, "Консультація", &["counselling", "phone"]);
    check_text(&index, "консульт", &["counselling", "phone"]);
    check_text(&index, "перекладу", &["translation"]);
}

#[test]
fn prefix_of_the_word_being_typed() {
    let index = index();
    // "integr" is also one edit away from the start of "interpreting": a weaker match, ranked lower.
    let results = search(&index, text("Integr"));
    assert_eq!(ids(&results), ["course", "translation"]);
    assert!(results.hits[0].score > results.hits[1].score);
    check_text(&index, "migrationsb", &["counselling", "phone"]);
    check_text(&index, "jobc", &["jobcenter"]);
}

#[test]
fn a_single_letter_is_the_start_of_a_name() {
    let index = index();
    // "h" starts "Hilfe" in a description only, and topic words ("Hobby"): no match. "j"
    // starts "Jobcenter", a name.
    check_text(&index, "h", &[]);
    check_text(&index, "j", &["jobcenter"]);
    // Two letters match descriptions again ("Hilfe"); the start of a topic's words needs three
    // ("hiz", from the Turkish "sosyal hizmet" of migration counselling, both entries' topic).
    check_text(&index, "hi", &["counselling"]);
    check_text(&index, "hiz", &["counselling", "phone"]);
}

#[test]
fn words_inside_german_compounds() {
    let index = index();
    check_text(&index, "kurs", &["course"]);
    check_text(&index, "betreuung", &["course"]);
}

/// A town's name says where an entry is, not what it offers: "Kirche" listed two entries in
/// Bromskirchen first, "Berg" every entry in Frankenberg.
#[test]
fn words_inside_a_towns_name_do_not_match() {
    let mut index = index();
    check_text(&index, "berg", &[]);
    check_text(&index, "wildungen", &["club"]);
    // A typo in the town's name still finds it.
    check_text(&index, "Frankenbreg", &["course"]);
    // Nor does a thesaurus word find a town's name as the last part of a compound.
    index.set_thesaurus(Thesaurus::from_text("Kenberg\tfmkzwq"));
    check_text(&index, "fmkzwq", &[]);
}

/// Arabic writers hear a German compound as two words and write "كيندر آرتس" for Kinderarzt:
/// one of the words alone sounds like nothing, together they are the compound. Words of the
/// newcomer's own language (the directory's texts, the thesaurus) are never joined.
#[test]
fn a_german_compound_heard_as_two_words_is_one_word() {
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "region": {"name": "Vogelsberg", "latitude": 50.6, "longitude": 9.2},
        "entries": [
            {"id": "paediatrician", "kind": "service", "name": "Kinderarztpraxis Mücke (Beispiel)",
             "categories": ["health"], "languages": ["de"]},
            {"id": "club", "kind": "association",
             "name": {"de": "Kulturverein (Beispiel)", "ar": "الجمعية الثقافية"},
             "categories": ["associations-leisure"], "languages": ["de", "ar"]},
            {"id": "course", "kind": "course", "name": {"de": "Deutschkurs", "en": "German course"},
             "categories": ["language-courses"], "languages": ["de"]},
            {"id": "bank", "kind": "service", "name": "Girokonto für alle (Beispiel)",
             "categories": ["welcome-first-steps"], "languages": ["de"]},
            // "حسابنكي" would sound like "Sitzbank".
            {"id": "bench", "kind": "association", "name": "Sitzbank-Treff (Beispiel)",
             "categories": ["associations-leisure"], "languages": ["de"]}
        ]
    });
    let mut index = Index::new(load_directory(&directory.to_string()).unwrap().directory);
    // "kntrs", the start of "Kinderarztpraxis", also where the first word starts a topic's
    // search word ("كيندرغارتن").
    check_text(&index, "كيندر آرتس", &["paediatrician"]);
    check_text(&index, "كولتور فراين", &["club"]);
    // Three consonants are not enough: "هاوس آرتس" (Hausarzt) would be "srs", the English
    // "course" (the thesaurus knows it).
    check_text(&index, "هاوس آرتس", &[]);
    // Words of the directory's Arabic text stay two words.
    check_text(&index, "الجمعية الثقافية", &["club"]);
    // So do the words of a thesaurus phrase, even where no text has them.
    index.set_thesaurus(Thesaurus::from_text("Girokonto\tحساب بنكي"));
    check_text(&index, "حساب بنكي", &["bank"]);
}

#[test]
fn one_typo_in_words_of_five_letters_or_more() {
    let index = index();
    // The typo matches the name of one entry and the category label of both.
    check_text(&index, "Migrationsberatnug", &["counselling", "phone"]);
    check_text(&index, "Jobcentr", &["jobcenter"]);
    check_text(&index, "Jpbcenter", &["jobcenter"]);
    check_text(&index, "Kulturvrein", &["club"]);
    // Two typos, or one in a short word, find nothing rather than noise…
    check_text(&index, "Jxbcentqr", &[]);
    check_text(&index, "Jbo", &[]);
    // … unless the word still sounds the same (see `search::sound`): p and b are one class.
    check_text(&index, "Jpbcentr", &["jobcenter"]);
}

#[test]
fn searches_every_field_in_every_language() {
    let index = index();
    check_text(&index, "Caritasverband", &["counselling"]);
    check_text(&index, "Korbach", &["counselling", "jobcenter"]);
    check_text(&index, "Anträgen", &["counselling"]);
    // Category labels, German and English, built-in and the directory's own.
    check_text(&index, "Migrationsberatung", &["counselling", "phone"]);
    check_text(&index, "migration counselling", &["counselling", "phone"]);
    check_text(&index, "Transport", &["phone"]);
    check_text(&index, "translation", &["translation"]);
}

#[test]
fn every_word_must_match_when_some_entry_has_them_all() {
    let index = index();
    check_text(&index, "jobcenter korbach", &["jobcenter"]);
    check_text(&index, "beratung korbach", &["counselling"]);
    assert!(!search(&index, text("jobcenter korbach")).partial);
}

#[test]
fn without_an_entry_that_has_every_word_those_with_some_are_listed() {
    let index = index();
    let results = search(&index, text("jobcenter arolsen"));
    assert!(results.partial);
    assert_eq!(sorted_ids(&results), ["jobcenter", "translation"]);
    // With a filter that the entries with every word miss, those with some words inside it.
    let query = Query {
        kinds: vec![Kind::Course],
        ..text("kurs korbach")
    };
    let results = search(&index, query);
    assert_eq!((ids(&results), results.partial), (vec!["course"], true));
    // Nothing matches any word: no results, and nothing partial about it.
    let results = search(&index, text("zzzz qqqq"));
    assert_eq!((results.total, results.partial), (0, false));
}

#[test]
fn words_without_a_topic_do_not_count() {
    let index = index();
    for typed in [
        "where is the jobcenter",
        "Wo ist das Jobcenter?",
        "де jobcenter",
    ] {
        let results = search(&index, text(typed));
        assert_eq!(
            (ids(&results), results.partial),
            (vec!["jobcenter"], false),
            "{typed}"
        );
    }
}

/// The test directory with a small thesaurus: one concept per line, its words tab-separated.
fn index_with_thesaurus() -> Index {
    let mut index = index();
    let concepts = [
        "Fahrdienst\tride service\tFahrkarte\tbus ticket",
        "Übersetzung\tÜbersetzungsdienst\tHilfe bei Übersetzungen\ttranslating documents",
        "Kinderbetreuung\tchildcare\tchild minding",
        "Jobcenter\tjob centre\tcitizens income",
    ];
    let count = index.set_thesaurus(Thesaurus::from_text(&concepts.join("\n")));
    assert_eq!(count, concepts.len());
    index
}

#[test]
fn thesaurus_words_find_the_entries_of_their_concept() {
    let index = index_with_thesaurus();
    // Another language's word of the concept.
    check_text(&index, "childcare", &["course"]);
    // A phrase of the concept typed with its stop words.
    check_text(&index, "Hilfe bei Übersetzungen", &["translation"]);
    // A concept's words are looked for in the entries' texts, not in category labels:
    // "Fahrdienste" is only the label of "mobility".
    check_text(&index, "bus ticket", &[]);
}

/// A word one typing error from a thesaurus word names its concept, but the entries that
/// have the word itself come first: "Sprachkafe" listed conversation groups before the
/// Sprachcafés, which were the same concept and earlier in name order.
#[test]
fn a_typo_of_a_concept_word_finds_that_word_first() {
    let mut index = index();
    index.set_thesaurus(Thesaurus::from_text("Migrationsberatung\tTelefonberatung"));
    for typed in ["Telefonberatung", "Telefonberatunk"] {
        let results = search(&index, text(typed));
        assert_eq!(ids(&results), ["phone", "counselling"], "typed {typed:?}");
        assert!(
            results.hits[0].score > results.hits[1].score,
            "typed {typed:?}"
        );
    }
}

/// A word of a concept that no entry has finds the entries of its broader topic, and the
/// results say which topic: "Frauenarzt" lists the health services of a county without a
/// gynaecologist, rather than nothing.
#[test]
fn a_concept_no_entry_has_finds_its_broader_topic() {
    let mut index = index();
    index.set_thesaurus(Thesaurus::from_text(
        "@topic:migration-counselling\tSchuldnerberatung\tdebt advice\n\
         @topic:interpreting\tÜbersetzungsdienst\tÜbersetzerin\n\
         Kleingartenverein\tallotment",
    ));
    let results = search(&index, text("Schuldnerberatung"));
    assert_eq!(sorted_ids(&results), ["counselling", "phone"]);
    assert_eq!(results.topic.as_deref(), Some("migration-counselling"));
    // In a phrase and with another word: the topic's entries in Korbach.
    let results = search(&index, text("debt advice Korbach"));
    assert_eq!(ids(&results), ["counselling"]);
    assert_eq!(results.topic.as_deref(), Some("migration-counselling"));
    // A concept that an entry has finds that entry alone, and no topic.
    let results = search(&index, text("Übersetzerin"));
    assert_eq!(ids(&results), ["translation"]);
    assert_eq!(results.topic, None);
    // Without a topic, or only as the start of a word being typed, nothing is found.
    check_text(&index, "allotment", &[]);
    let results = search(&index, text("Schuldner"));
    assert_eq!((results.total, results.topic), (0, None));
    // A phrase means its concept alone, not also those of its words: "translation agency"
    // is the topic, although "translation" alone names the translation service.
    index.set_thesaurus(Thesaurus::from_text(
        "Übersetzungsdienst\ttranslation\n@topic:migration-counselling\ttranslation agency",
    ));
    check_text(&index, "translation", &["translation"]);
    let results = search(&index, text("translation agency"));
    assert_eq!(sorted_ids(&results), ["counselling", "phone"]);
    assert_eq!(results.topic.as_deref(), Some("migration-counselling"));
}

/// Of two entries that mention a concept in their descriptions, the one in the concept's
/// broader topic comes first: for "Kinderarzt" the health counselling that helps find one
/// came after a German course for mothers with the word among its lesson topics.
#[test]
fn an_entry_in_the_concepts_topic_comes_first() {
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "entries": [
            {"id": "course", "kind": "course", "name": "Deutschkurs für Mütter",
             "description": "Themen: Kinderarzt, Kita, Schule.", "categories": ["language-courses"]},
            {"id": "health", "kind": "service", "name": "Gesundheitsberatung",
             "description": "Hilfe bei der Suche nach einem Kinderarzt.",
             "categories": ["children-family", "health"]}
        ]
    });
    let mut index = Index::new(load_directory(&directory.to_string()).unwrap().directory);
    index.set_thesaurus(Thesaurus::from_text(
        "@topic:health\tKinderarzt\tpaediatrician",
    ));
    for typed in ["Kinderarzt", "paediatrician"] {
        let results = search(&index, text(typed));
        assert_eq!(ids(&results), ["health", "course"], "typed {typed:?}");
        assert!(
            results.hits[0].score > results.hits[1].score,
            "typed {typed:?}"
        );
        assert_eq!(results.topic, None, "typed {typed:?}");
    }
}

#[test]
fn compounds_are_known_by_their_last_part() {
    let mut index = index_with_thesaurus();
    index.set_thesaurus(Thesaurus::from_text("Beratung\tcounselling"));
    // In the entries: "Migrationsberatung" and "Telefonberatung" end in "Beratung".
    check_text(&index, "counselling", &["counselling", "phone"]);
    // In the query: "Sozialberatung" is in no entry, but it is a "Beratung".
    check_text(&index, "Sozialberatung", &["counselling", "phone"]);
    // Only an inflected ending may follow the last part: "Übersetzungsdienst" is a "Dienst",
    // not a "Setzung".
    index.set_thesaurus(Thesaurus::from_text("Setzung\tfmkzwq"));
    check_text(&index, "fmkzwq", &[]);
    index.set_thesaurus(Thesaurus::from_text("Dienst\tfmkzwq"));
    check_text(&index, "fmkzwq", &["translation"]);
}

#[test]
fn a_language_or_free_of_charge_named_in_the_query_finds_the_entries_with_it() {
    let mut index = index();
    index.set_thesaurus(Thesaurus::from_text(
        "@language:uk\tукраїнською\tUkrainisch\n@language:ar\tبالعربية\tArabisch\n@language:xx\tKlingonisch\nBeratung\tconsultation\n@flag:free-of-charge\tkostenlos\tбесплатно",
    ));
    // No entry's text says so: the entries' `languages` do.
    check_text(&index, "українською", &["translation", "phone"]);
    check_text(&index, "بالعربية", &["counselling", "club"]);
    // Typed as far as the start of the word.
    check_text(&index, "ukrain", &["translation", "phone"]);
    // With another word, the entries that match both: counselling offered in Ukrainian.
    check_text(&index, "consultation українською", &["phone"]);
    // The entry whose own text also matches comes first (its name says "Arabisch").
    assert_eq!(ids(&search(&index, text("Arabisch")))[0], "club");
    // A language no entry offers finds nothing through it; the marker is no word to find.
    check_text(&index, "Klingonisch", &[]);
    check_text(&index, "xx", &[]);
    // "Free" finds the entries marked free of charge, whose texts do not say so.
    check_text(&index, "бесплатно", &["counselling", "club", "phone"]);
    check_text(&index, "consultation бесплатно", &["counselling", "phone"]);
    // An inflected adjective or a compound names what a thing is about, not its language:
    // one letter more, or "Arabisch" as a compound's last part, is only text.
    check_text(&index, "Ukrainische", &[]);
    check_text(&index, "Deutscharabisch", &[]);
}

#[test]
fn a_phrase_that_names_a_concept_is_not_matched_word_by_word() {
    let index = index_with_thesaurus();
    // "job centre" names the job centre; "centre" alone would not narrow anything, and "job"
    // does not find every work-related text.
    check_text(&index, "job centre", &["jobcenter"]);
    // The words of a phrase count one by one when its concept is in no entry.
    let results = search(&index, text("citizens income"));
    assert_eq!(results.total, 1, "the concept's Jobcenter entry");
}

/// "Erste Hilfe" is first aid, though "Hilfe" is a stop word ("where can I find help"): a
/// query that holds a thesaurus phrase whole keeps its stop words, and an entry has the
/// phrase only where its words stand together in one text.
#[test]
fn a_phrase_with_a_stop_word_is_found_where_its_words_stand_together() {
    let directory = json!({
        "format_version": 1,
        "title": "Test",
        "region": {"name": "Waldeck-Frankenberg", "latitude": 51.2, "longitude": 8.9},
        "entries": [
            {"id": "fire-brigade", "kind": "association", "name": "Jugendfeuerwehr (Beispiel)",
             "description": "Technik, Erste Hilfe, Zeltlager.",
             "categories": ["associations-leisure"], "languages": ["de"]},
            // "erste" and "Hilfe", but not together.
            {"id": "welcome", "kind": "service", "name": "Willkommenszentrum (Beispiel)",
             "description": "Erste Anlaufstelle für Neuzugewanderte. Hilfe bei Anträgen.",
             "categories": ["welcome-first-steps"], "languages": ["de"]},
            // "first" in one language and "aid…" in another.
            {"id": "club", "kind": "association", "name": "Sportverein (Beispiel)",
             "description": {"en": "The first year is free.", "tr": "İlk yıl aidat yoktur."},
             "categories": ["associations-leisure"], "languages": ["de"]}
        ]
    });
    let mut index = Index::new(load_directory(&directory.to_string()).unwrap().directory);
    index.set_thesaurus(Thesaurus::from_text(
        "Erste-Hilfe-Kurs\tErste Hilfe\tfirst aid\tперша допомога",
    ));
    check_text(&index, "Erste Hilfe", &["fire-brigade"]);
    check_text(&index, "first aid", &["fire-brigade"]);
    check_text(&index, "перша допомога", &["fire-brigade"]);
    // Without its phrase, "Hilfe" is still a stop word: "Hilfe bei Anträgen" is about
    // "Anträgen", and "erste" alone is not first aid.
    check_text(&index, "Hilfe Anträgen", &["welcome"]);
    check_text(&index, "erste", &["fire-brigade", "welcome"]);
}

#[test]
fn the_best_match_comes_first() {
    let index = index();
    // "Beratung" in the name beats "Beratung" in a category label only.
    let results = search(&index, text("migrationsberatung"));
    assert_eq!(ids(&results)[0], "counselling");
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn filters() {
    let index = index();
    let check = |query: Query, expected: &[&str]| {
        let results = search(&index, query.clone());
        assert_eq!(sorted_ids(&results), expected, "{query:?}");
    };
    check(
        Query {
            kinds: vec![Kind::Course],
            ..Query::default()
        },
        &["course"],
    );
    check(
        Query {
            kinds: vec![Kind::Course, Kind::Association],
            ..Query::default()
        },
        &["club", "course", "nowhere"],
    );
    check(
        Query {
            categories: vec!["migration-counselling".into()],
            ..Query::default()
        },
        &["counselling", "phone"],
    );
    check(
        Query {
            categories: vec!["interpreting".into(), "work-jobcenter".into()],
            ..Query::default()
        },
        &["jobcenter", "translation"],
    );
    check(
        Query {
            languages: vec!["uk".into()],
            ..Query::default()
        },
        &["phone", "translation"],
    );
    check(
        Query {
            languages: vec!["ar".into(), "en".into()],
            ..Query::default()
        },
        &["club", "counselling", "jobcenter"],
    );
    check(
        Query {
            free_of_charge: true,
            ..Query::default()
        },
        &["club", "counselling", "phone"],
    );
    check(
        Query {
            wheelchair_accessible: true,
            ..Query::default()
        },
        &["counselling", "jobcenter"],
    );
    check(
        Query {
            categories: vec!["no-such-category".into()],
            ..Query::default()
        },
        &[],
    );
    check(
        Query {
            text: "beratung".into(),
            languages: vec!["ar".into()],
            free_of_charge: true,
            ..Query::default()
        },
        &["counselling"],
    );
}

fn count(counts: &[FacetCount], value: &str) -> Option<usize> {
    counts
        .iter()
        .find(|count| count.value == value)
        .map(|count| count.count)
}

#[test]
fn facets_count_what_each_filter_would_give() {
    let index = index();
    let all = search(&index, Query::default());
    assert_eq!(all.total, 7);
    assert_eq!(count(&all.facets.kinds, "service"), Some(4));
    assert_eq!(count(&all.facets.kinds, "course"), Some(1));
    assert_eq!(count(&all.facets.kinds, "association"), Some(2));
    assert_eq!(
        count(&all.facets.categories, "migration-counselling"),
        Some(2)
    );
    assert_eq!(count(&all.facets.categories, "mobility"), Some(1));
    assert_eq!(
        count(&all.facets.categories, "health"),
        None,
        "unused categories get no chip"
    );
    assert_eq!(count(&all.facets.languages, "de"), Some(6));
    assert_eq!(
        all.facets.languages[0].value, "de",
        "the most offered language first"
    );

    // With a category chosen, the other category chips count as if added to it ("any of"),
    // while kinds and languages count within the chosen category.
    let chosen = search(
        &index,
        Query {
            categories: vec!["migration-counselling".into()],
            ..Query::default()
        },
    );
    assert_eq!(chosen.total, 2);
    assert_eq!(count(&chosen.facets.categories, "interpreting"), Some(1));
    assert_eq!(
        count(&chosen.facets.categories, "migration-counselling"),
        Some(2)
    );
    assert_eq!(count(&chosen.facets.kinds, "service"), Some(2));
    assert_eq!(count(&chosen.facets.kinds, "course"), Some(0));
    assert_eq!(count(&chosen.facets.languages, "uk"), Some(1));
    assert_eq!(count(&chosen.facets.languages, "fa"), Some(0));

    // Hard filters (text, free of charge, radius) narrow every facet.
    let free = search(
        &index,
        Query {
            free_of_charge: true,
            ..Query::default()
        },
    );
    assert_eq!(count(&free.facets.kinds, "service"), Some(2));
    assert_eq!(count(&free.facets.kinds, "course"), Some(0));
}

#[test]
fn radius_search_keeps_remote_entries_after_the_located_ones() {
    let index = index();
    let results = search(
        &index,
        Query {
            near: Some(KORBACH),
            radius_km: Some(5.0),
            ..Query::default()
        },
    );
    assert_eq!(ids(&results), ["counselling", "jobcenter", "phone"]);
    let distances: Vec<Option<f64>> = results.hits.iter().map(|hit| hit.distance_metres).collect();
    assert!(distances[0].unwrap() < distances[1].unwrap());
    assert_eq!(distances[2], None, "a remote service has no distance");
    // Without a radius, everything is sorted by distance; entries without any place come last.
    let all = search(
        &index,
        Query {
            near: Some(KORBACH),
            limit: 10,
            ..Query::default()
        },
    );
    assert_eq!(
        ids(&all),
        [
            "counselling",
            "jobcenter",
            "translation",
            "course",
            "club",
            "phone",
            "nowhere"
        ]
    );
}

#[test]
fn sort_orders() {
    let index = index();
    let by_name = search(
        &index,
        Query {
            sort: Sort::Name,
            ..Query::default()
        },
    );
    assert_eq!(
        ids(&by_name),
        [
            "club",
            "course",
            "jobcenter",
            "counselling",
            "phone",
            "translation",
            "nowhere"
        ],
        "Ü sorts as U, between T and V"
    );
    let by_distance = search(
        &index,
        Query {
            text: "beratung".into(),
            near: Some(KORBACH),
            sort: Sort::Distance,
            ..Query::default()
        },
    );
    assert_eq!(ids(&by_distance), ["counselling", "phone"]);
}

#[test]
fn paging() {
    let index = index();
    let page = |offset, limit| {
        search(
            &index,
            Query {
                sort: Sort::Name,
                offset,
                limit,
                ..Query::default()
            },
        )
    };
    assert_eq!(ids(&page(0, 3)), ["club", "course", "jobcenter"]);
    assert_eq!(ids(&page(3, 3)), ["counselling", "phone", "translation"]);
    assert_eq!(ids(&page(6, 3)), ["nowhere"]);
    assert_eq!(ids(&page(9, 3)), Vec::<&str>::new());
    assert_eq!(page(3, 3).total, 7);
    assert_eq!(page(0, 0).hits.len(), 0);
}

#[test]
fn queries_that_make_no_sense_are_refused() {
    let index = index();
    let radius_alone = index.search(&Query {
        radius_km: Some(5.0),
        ..Query::default()
    });
    assert_eq!(radius_alone.unwrap_err().field, "radius_km");
    let bad_point = index.search(&Query {
        near: Some(GeoPoint::new(f64::NAN, 8.0)),
        ..Query::default()
    });
    assert_eq!(bad_point.unwrap_err().field, "near");
    let negative = index.search(&Query {
        near: Some(KORBACH),
        radius_km: Some(-1.0),
        ..Query::default()
    });
    assert_eq!(negative.unwrap_err().field, "radius_km");
}

#[test]
fn odd_text_is_harmless() {
    let index = index();
    for typed in [
        "",
        "   ",
        "!!!",
        "\u{200C}",
        &"a".repeat(10_000),
        "a b c d e f g h i j k l m n o p",
    ] {
        assert!(index.search(&text(typed)).is_ok(), "{typed:?}");
    }
    assert_eq!(
        search(&index, text("   ")).total,
        7,
        "blank text means no text filter"
    );
}

/// Queries as the JS API sends them: careless casing and broken text still search.
#[test]
fn queries_from_javascript_tolerate_case_and_broken_text() {
    let index = index();
    let run = |json: &str| -> Vec<String> {
        let query = Query::from_json(json).unwrap_or_else(|error| panic!("{json}: {error}"));
        let results = index.search(&query).unwrap();
        let mut ids: Vec<String> = results
            .hits
            .iter()
            .map(|hit| index.entry(hit.entry_index).unwrap().id.clone())
            .collect();
        ids.sort();
        ids
    };
    let lower = run(r#"{"languages": ["ar"]}"#);
    assert!(!lower.is_empty());
    for written in ["AR", "Ar", "aR"] {
        assert_eq!(
            run(&format!(r#"{{"languages": ["{written}"]}}"#)),
            lower,
            "{written}"
        );
    }
    // A lone surrogate (as JSON.stringify writes half of an emoji) is read as U+FFFD.
    assert_eq!(
        run(r#"{"text": "Beratung\ud83d"}"#),
        run(r#"{"text": "Beratung"}"#)
    );
    let lone = Query::from_json(r#"{"text": "\udc00"}"#).expect("not an error");
    assert_eq!(lone.text, "\u{fffd}");
}

/// `language` and `entries` shape the browser API's answer, not what is found (`language` only
/// which entries come first where they are listed by name, see below).
#[test]
fn the_shape_of_the_answer_is_read_beside_the_query() {
    use service_finder::search::ResultsShape;
    let (plain, shape) = Query::from_json_with_shape(r#"{"text": "kurs"}"#).unwrap();
    assert_eq!(shape, ResultsShape::default());
    assert!(shape.entries, "entries by default");
    let (shaped, shape) =
        Query::from_json_with_shape(r#"{"text": "kurs", "language": "ar", "entries": false}"#)
            .unwrap();
    assert_eq!(
        shaped,
        Query {
            first_offered_in: Some("ar".into()),
            ..plain
        }
    );
    assert_eq!(shape.language.as_deref(), Some("ar"));
    assert!(!shape.entries);
    let error = Query::from_json_with_shape(r#"{"entries": 0}"#).unwrap_err();
    assert!(error.starts_with("entries:"), "{error}");
}

/// Without text and a point the entries are listed by name, and those offered in the
/// newcomer's language come first ("their own language first"): in Arabic the first cards are
/// services where Arabic is spoken, by name, then the others by name. Not where the caller asks
/// for the name order, nor with text or a point.
#[test]
fn listed_by_name_the_services_in_the_newcomers_language_come_first() {
    let index = crate::common::demo_index();
    let offered_in = |hit: &Hit, language: &str| {
        let entry = index
            .directory()
            .entries
            .iter()
            .find(|entry| entry.id == hit.id)
            .unwrap();
        entry.languages.iter().any(|code| code.as_str() == language)
    };
    for language in ["ar", "uk", "fa"] {
        let query = Query {
            first_offered_in: Some(language.into()),
            limit: 200,
            ..Query::default()
        };
        let results = search(&index, query.clone());
        let offered = results
            .hits
            .iter()
            .take_while(|hit| offered_in(hit, language))
            .count();
        assert!(offered > 10, "{language}: {offered}");
        assert!(offered < results.hits.len(), "{language}");
        assert!(
            results.hits[offered..]
                .iter()
                .all(|hit| !offered_in(hit, language)),
            "{language}: the others after them"
        );
        let plain = search(
            &index,
            Query {
                first_offered_in: None,
                ..query.clone()
            },
        );
        assert_eq!(results.total, plain.total);
        // Each part by name, as the plain order has them.
        let position = |id: &str| plain.hits.iter().position(|hit| hit.id == id).unwrap();
        for part in [&results.hits[..offered], &results.hits[offered..]] {
            assert!(
                part.windows(2)
                    .all(|pair| position(&pair[0].id) < position(&pair[1].id))
            );
        }
        // The name order asked for, text, or a point: as before.
        let as_before = |query: Query| {
            let ids = |results: SearchResults| {
                results
                    .hits
                    .into_iter()
                    .map(|hit| hit.id)
                    .collect::<Vec<_>>()
            };
            ids(search(&index, query.clone()))
                == ids(search(
                    &index,
                    Query {
                        first_offered_in: None,
                        ..query
                    },
                ))
        };
        assert!(as_before(Query {
            sort: Sort::Name,
            ..query.clone()
        }));
        assert!(as_before(Query {
            text: "Beratung".into(),
            ..query.clone()
        }));
        assert!(as_before(Query {
            near: Some(GeoPoint {
                latitude: 51.2756,
                longitude: 8.873
            }),
            ..query.clone()
        }));
    }
    // "de-x-ls" (Leichte Sprache) counts as German, which nearly every entry offers.
    let german = search(
        &index,
        Query {
            first_offered_in: Some("de-x-ls".into()),
            limit: 5,
            ..Query::default()
        },
    );
    assert!(german.hits.iter().all(|hit| offered_in(hit, "de")));
}

/// Near a place, with words typed: the entries that are what was typed come first, nearest
/// first, then the nearer ones that only mention it (in their description or topic).
#[test]
fn near_a_place_what_was_typed_comes_before_what_mentions_it() {
    let index = crate::common::demo_index();
    let korbach = GeoPoint {
        latitude: 51.2756,
        longitude: 8.873,
    };
    let query = |text: &str| Query {
        text: text.into(),
        near: Some(korbach),
        radius_km: Some(10.0),
        sort: Sort::Distance,
        limit: 50,
        ..Query::default()
    };
    let results = search(&index, query("Jobcenter"));
    let first = &results.hits[0];
    assert_eq!(
        first.id,
        "wf-svc-004",
        "the job centre in Korbach: {:?}",
        ids(&results)
    );
    // Others are nearer: they only say to register at the job centre.
    let nearer = results.hits[1..]
        .iter()
        .filter(|hit| hit.distance_metres < first.distance_metres)
        .count();
    assert!(nearer >= 2, "{:?}", ids(&results));
    // Without words, nearest first throughout.
    let all = search(&index, query(""));
    let distances: Vec<f64> = all
        .hits
        .iter()
        .filter_map(|hit| hit.distance_metres)
        .collect();
    assert!(
        distances.windows(2).all(|pair| pair[0] <= pair[1]),
        "{distances:?}"
    );
}

/// A word the thesaurus knows is spelled right: a directory without such an entry finds
/// nothing for it, rather than a word one letter away of another meaning ("мечеть", a mosque,
/// found "месту"), and offers no "did you mean" ("mosque" got "koşu").
#[test]
fn a_word_the_thesaurus_knows_is_not_corrected_into_another() {
    let mut index = index();
    // Without the thesaurus, "vereid" is a typing error for the directory's "Verein".
    check_text(&index, "vereid", &["club", "nowhere"]);
    assert!(index.suggest("vereid").contains(&"Verein".to_owned()));
    index.set_thesaurus(Thesaurus::from_text("Vereid\toath"));
    check_text(&index, "vereid", &[]);
    assert_eq!(index.suggest("vereid"), Vec::<String>::new());
    // A word it does not know is still corrected.
    check_text(&index, "vereim", &["club", "nowhere"]);
}

/// A topic's word finds every entry in that topic, and first those whose main (first)
/// category it is: "Zahnarzt" listed the German course for nurses and the recognition of
/// nursing degrees before the health office, as health is one of their categories too.
#[test]
fn a_topic_word_finds_the_entries_mainly_in_that_topic_first() {
    let index = crate::common::demo_index();
    let results = search(
        &index,
        Query {
            text: "Zahnarzt".into(),
            limit: 50,
            ..Query::default()
        },
    );
    let main_topic: Vec<bool> = results
        .hits
        .iter()
        .map(|hit| {
            let entry = index.entry(hit.entry_index).unwrap();
            entry.categories.first().map(String::as_str) == Some("health")
        })
        .collect();
    assert!(main_topic.iter().filter(|&&main| main).count() >= 3);
    assert!(main_topic.iter().any(|&main| !main));
    // Every entry mainly about health comes before every entry that only touches it.
    let first_other = main_topic.iter().position(|&main| !main).unwrap();
    assert!(
        main_topic[first_other..].iter().all(|&main| !main),
        "{:?}",
        ids(&results)
    );
}
