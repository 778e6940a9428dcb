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
    let is_lowercase = code.bytes().all(|byte| byte.is_ascii_lowercase());
    // The common case, checked without building anything: this runs for every code of every
    // entry, and every translation of every text.
    if is_lowercase {
        match code.len() {
            2 if is_set(&ISO_639_1_BITS, code) => return LanguageCheck::Valid,
            3 if is_set(&ISO_639_3_BITS, code) => {
                return match ISO_639_3_TO_1.binary_search_by(|(code_3, _)| (*code_3).cmp(code)) {
                    // A three-letter code with a two-letter twin is written with the twin.
                    Ok(position) => normalized(ISO_639_3_TO_1[position].1),
                    Err(_) => LanguageCheck::Valid,
                };
            }
            _ => return LanguageCheck::Unknown,
        }
    }
    // Only letters can be a code in another case. Anything else ("A1", "x1", "xx-") is unknown
    // here, so that the call below always takes the lowercase path above and never comes back.
    if !code.bytes().all(|byte| byte.is_ascii_alphabetic()) || !(2..=3).contains(&code.len()) {
        return LanguageCheck::Unknown;
    }
    match check_language_code(&code.to_ascii_lowercase()) {
        LanguageCheck::Valid => normalized(&code.to_ascii_lowercase()),
        other => other,
    }
}

fn normalized(code: &str) -> LanguageCheck {
    LanguageCode::new(code).map_or(LanguageCheck::Unknown, LanguageCheck::Normalized)
}

include!(concat!(env!("OUT_DIR"), "/language_codes.rs"));

/// Whether the bit for a lowercase code is set in a table made by `build.rs`.
fn is_set(bits: &[u8], code: &str) -> bool {
    let number = code.bytes().fold(0usize, |number, byte| {
        number * 26 + usize::from(byte - b'a')
    });
    bits.get(number / 8)
        .is_some_and(|byte| byte & (1 << (number % 8)) != 0)
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
