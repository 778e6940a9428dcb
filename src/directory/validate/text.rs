//! Checks of texts: their translations' language codes, HTML copied in by mistake, and length.

use std::borrow::Cow;

use super::ADVICE;
use super::advice::html_in_text;
use crate::directory::language::{LanguageCheck, check_language_code};
use crate::directory::model::Text;
use crate::directory::problem::{Consequence, ProblemKind, Problems, Step};

/// Longest entry name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// Longest of any other text (addresses, notes, labels, opening hours), in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 500;

/// Checks a text's translations and length. Returns false when the text must be dropped.
pub(super) fn check_text(
    text: &mut Text,
    at: &[Step],
    max_chars: usize,
    problems: &mut Problems,
) -> bool {
    if let Text::Translated(texts) = text {
        let mut seen = Vec::with_capacity(texts.len());
        texts.retain_mut(|(code, _)| {
            match check_language_code(code.as_str()) {
                LanguageCheck::Valid => {}
                LanguageCheck::Normalized(preferred) => *code = preferred,
                LanguageCheck::Unknown => {
                    problems.error(
                        ProblemKind::UnknownLanguage,
                        &with_key(at, code.as_str()),
                        format!("\"{code}\" is not an ISO 639 language code"),
                        Consequence::ValueIgnored,
                    );
                    return false;
                }
            }
            // After normalising, "ara" and "ar" are the same language: keep the first.
            let first = !seen.contains(code);
            seen.push(*code);
            first
        });
    }
    // Texts are shown as text, never as HTML (it could carry scripts): markup copied from a
    // website shows up as tags on the card.
    if ADVICE {
        html_in_text(text, at, problems);
    }
    let longest = text
        .iter()
        .map(|(_, value)| value.chars().count())
        .max()
        .unwrap_or(0);
    if longest > max_chars {
        let consequence = if matches!(at, [Step::Field("name")]) {
            Consequence::EntrySkipped
        } else {
            Consequence::ValueIgnored
        };
        problems.error(
            ProblemKind::TextTooLong,
            at,
            format!("{longest} characters; at most {max_chars} are allowed"),
            consequence,
        );
        return false;
    }
    true
}

/// Checks an optional text (kept in a box where it is rarely filled, see `Entry`), and leaves it
/// out when it is unusable or empty.
pub(super) fn check_optional_text<T: std::borrow::BorrowMut<Text>>(
    text: &mut Option<T>,
    at: &[Step],
    max_chars: usize,
    problems: &mut Problems,
) {
    if let Some(value) = text.as_mut().map(|value| value.borrow_mut())
        && (!check_text(value, at, max_chars, problems) || value.is_empty())
    {
        *text = None;
    }
}

/// The path `at` and then `key`: the translation of a text.
fn with_key<'a>(at: &[Step<'a>], key: &'a str) -> Vec<Step<'a>> {
    let mut path = at.to_vec();
    path.push(Step::Key(Cow::Borrowed(key)));
    path
}
