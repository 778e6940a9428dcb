//! Checking language codes against ISO 639 (the tables come from the `isolang` crate).

use isolang::Language;

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
    let Some(lower) = buffer.get_mut(..code.len()) else { return LanguageCheck::Unknown };
    lower.copy_from_slice(code.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else { return LanguageCheck::Unknown };
    let language = match lower.len() {
        2 => Language::from_639_1(lower),
        3 => Language::from_639_3(lower),
        _ => None,
    };
    let Some(language) = language else { return LanguageCheck::Unknown };
    let preferred = language.to_639_1().unwrap_or(lower);
    match LanguageCode::new(preferred) {
        Some(_) if preferred == code => LanguageCheck::Valid,
        Some(preferred) => LanguageCheck::Normalized(preferred),
        None => LanguageCheck::Unknown,
    }
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
        check("AR", LanguageCheck::Normalized(LanguageCode::new("ar").unwrap()));
        check("ara", LanguageCheck::Normalized(LanguageCode::new("ar").unwrap()));
        check("xx", LanguageCheck::Unknown);
        check("german", LanguageCheck::Unknown);
        check("", LanguageCheck::Unknown);
    }
}
