//! Words that carry no topic in a search phrase ("where can I find help with work"), in every
//! UI language. Edited in `data/stop-words.json`.

use std::sync::OnceLock;

use super::fold::for_each_token;

include!(concat!(env!("OUT_DIR"), "/stop_words.rs"));

/// The stop words folded like query words, sorted: folded once, when a search first asks.
fn folded() -> &'static [Box<str>] {
    static FOLDED: OnceLock<Vec<Box<str>>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        let mut words: Vec<Box<str>> = Vec::new();
        for line in STOP_WORDS.lines() {
            for_each_token(line, |token| words.push(Box::from(token)));
        }
        crate::order::sort(&mut words);
        words.dedup();
        words
    })
}

/// Whether a folded query word is a stop word in some UI language.
pub fn is_stop_word(word: &str) -> bool {
    folded()
        .binary_search_by(|known| (**known).cmp(word))
        .is_ok()
}

/// Drops the stop words from folded query words, unless nothing else would be left: a search
/// for "wo" alone is someone typing "Wohnung".
pub fn drop_stop_words(words: &mut Vec<String>) {
    if words.iter().any(|word| !is_stop_word(word)) {
        words.retain(|word| !is_stop_word(word));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut words = super::super::fold::tokens(text);
        drop_stop_words(&mut words);
        words
    }

    #[test]
    fn phrases_keep_only_their_topic() {
        assert_eq!(words("where can I find help with work"), ["work"]);
        assert_eq!(words("Wo ist das Jobcenter?"), ["jobcenter"]);
        // Expected words are folded too (й → и, أ → ا).
        let folded = super::super::fold::tokens;
        assert_eq!(
            words("я шукаю центр зайнятості"),
            folded("центр зайнятості")
        );
        assert_eq!(words("Ich brauche Hilfe für meine Wohnung"), ["wohnung"]);
        // "Have it done": the task is in the other words.
        assert_eq!(
            words("Zeugnisse anerkennen lassen"),
            folded("Zeugnisse anerkennen")
        );
        assert_eq!(words("أين أجد مساعدة في السكن"), folded("أجد السكن"));
    }

    #[test]
    fn a_query_of_stop_words_alone_is_kept() {
        assert_eq!(words("wo"), ["wo"]);
        assert_eq!(words("help"), ["help"]);
    }

    #[test]
    fn every_listed_word_is_found_after_folding() {
        for line in STOP_WORDS.lines() {
            for_each_token(line, |token| {
                assert!(is_stop_word(token), "{line} → {token}")
            });
        }
        assert!(is_stop_word("fur"), "für folded");
        assert!(!is_stop_word("wohnung"));
    }
}
