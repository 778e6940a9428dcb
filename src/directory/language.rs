//! Checking language codes against ISO 639.
//!
//! The tables are generated at build time from the `isolang` crate (see `build.rs`).

use super::model::LanguageCode;

/// The outcome of checking a language code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageCheck {
    /// A valid code, already in its preferred form.
    Valid,
    /// A valid code with a preferred form: upper case, or a 639-3 code that has a 639-1 twin
    /// (`ara` → `ar`). The directory keeps the preferred form.
    Normalized(LanguageCode),
    /// Not a language code.
    Unknown,
}

/// Checks a language code: ISO 639-1 (two letters), or ISO 639-3 (three letters) where the
/// language has no 639-1 code, such as `prs` for Dari.
pub fn check_language_code(code: &str) -> LanguageCheck {
    // Lower-cased on the stack: this runs for every code of every entry.
    let mut buffer = [0u8; 3];
    let Some(lower) = buffer.get_mut(..code.len()) else {
        return LanguageCheck::Unknown;
    };
    lower.copy_from_slice(code.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return LanguageCheck::Unknown;
    };
    let preferred = match lower.len() {
        2 if ISO_639_1
            .binary_search_by(|(code_1, _)| (*code_1).cmp(lower))
            .is_ok() =>
        {
            lower
        }
        // A three-letter code with a two-letter twin is written with the twin (`ara` → `ar`).
        3 if is_iso_639_3(lower) => ISO_639_1
            .iter()
            .find(|(_, code_3)| *code_3 == lower)
            .map_or(lower, |(code_1, _)| code_1),
        _ => return LanguageCheck::Unknown,
    };
    match LanguageCode::new(preferred) {
        Some(_) if preferred == code => LanguageCheck::Valid,
        Some(preferred) => LanguageCheck::Normalized(preferred),
        None => LanguageCheck::Unknown,
    }
}

include!(concat!(env!("OUT_DIR"), "/language_codes.rs"));

fn is_iso_639_3(code: &str) -> bool {
    let number = code.bytes().fold(0usize, |number, byte| {
        number * 26 + usize::from(byte.wrapping_sub(b'a'))
    });
    code.bytes().all(|byte| byte.is_ascii_lowercase())
        && ISO_639_3_BITS
            .get(number / 8)
            .is_some_and(|bits| bits & (1 << (number % 8)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, expected: LanguageCheck) {
        assert_eq!(check_language_code(code), expected, "{code}");
    }

    #[test]
    fn accepts_639_1_and_639_3_and_prefers_the_short_code() {
        check("de", LanguageCheck::Valid);
        check("ti", LanguageCheck::Valid);
        check("prs", LanguageCheck::Valid);
        check("ckb", LanguageCheck::Valid);
        check(
            "AR",
            LanguageCheck::Normalized(LanguageCode::new("ar").unwrap()),
        );
        check(
            "ara",
            LanguageCheck::Normalized(LanguageCode::new("ar").unwrap()),
        );
        check("xx", LanguageCheck::Unknown);
        check("xyz", LanguageCheck::Unknown);
        check("zza", LanguageCheck::Valid);
        check(
            "deu",
            LanguageCheck::Normalized(LanguageCode::new("de").unwrap()),
        );
        check("german", LanguageCheck::Unknown);
        check("", LanguageCheck::Unknown);
    }
}
