//! Text folding: turning what people write and type into comparable search tokens.
//!
//! The same folding runs over the directory when it is indexed and over every query, so the
//! two meet whatever way a word was written:
//! - case is folded, and letters are decomposed (Unicode NFD) with their combining marks
//!   removed: `Übersetzung` → `ubersetzung`, `café` → `cafe`, Arabic short vowels and hamza
//!   seats disappear, `й` → `и`. Canonical decomposition, not compatibility (NFKD): its tables
//!   would add 31 KB (gzipped) to the widget for forms people hardly type (full-width letters,
//!   Arabic presentation forms); the `ﬁ`/`ﬂ` ligatures from copied PDF text are folded by hand;
//! - German spellings without umlaut keys meet: `ß` → `ss`, and `ae`, `oe`, `ue` → `a`, `o`, `u`,
//!   so `Uebersetzung`, `Ubersetzung` and `Übersetzung` are one token;
//! - Arabic-script letters that people type interchangeably are unified (Persian and Arabic
//!   yeh and kaf, alef maqsura, teh marbuta), tatweel and zero-width joiners vanish, and
//!   Arabic-Indic and Persian digits become ASCII digits;
//! - Turkish dotless ı meets i.
//!
//! Tokens are runs of letters and digits; everything else separates them, except an
//! apostrophe inside a word, which is dropped (`здоров’я` → `здоровя`, `women's` → `womens`).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Calls `emit` with each folded token of `text`, in order.
pub fn for_each_token(text: &str, mut emit: impl FnMut(&str)) {
    let mut token = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut position = 0;
    while position < bytes.len() {
        let byte = bytes[position];
        if byte.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits is copied and lower-cased in one go: most text
            // in a German directory is such runs.
            let run = bytes[position..]
                .iter()
                .take_while(|byte| byte.is_ascii_alphanumeric())
                .count();
            let start = token.len();
            token.push_str(&text[position..position + run]);
            token[start..].make_ascii_lowercase();
            position += run;
        } else if byte == b'\'' && joins_word(&token, &text[position + 1..]) {
            position += 1;
        } else if byte.is_ascii() {
            flush(&mut token, &mut emit);
            position += 1;
        } else {
            let character = text[position..].chars().next().unwrap_or(' ');
            let rest = &text[position + character.len_utf8()..];
            if !(matches!(character, '’' | 'ʼ') && joins_word(&token, rest)) {
                fold_non_ascii(character, &mut token, &mut emit);
            }
            position += character.len_utf8();
        }
    }
    flush(&mut token, &mut emit);
}

/// True for an apostrophe inside a word, between the `token` so far and a letter or digit in
/// `rest`: it belongs to the word (Ukrainian `здоров’я`, `сім'ї`; `Türkiye'de`), so it is dropped
/// rather than splitting the word, and people who type it and people who leave it out meet.
fn joins_word(token: &str, rest: &str) -> bool {
    !token.is_empty() && rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// The folded tokens of `text`.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |token| out.push(token.to_owned()));
    out
}

fn fold_non_ascii(character: char, token: &mut String, emit: &mut impl FnMut(&str)) {
    match character {
        'ß' | 'ẞ' => token.push_str("ss"),
        'ﬁ' => token.push_str("fi"),
        'ﬂ' => token.push_str("fl"),
        'ı' => token.push('i'),
        // Zero-width non-joiner and joiner (used inside Persian words), soft hyphen, tatweel:
        // invisible, so they must not split or change a word.
        '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{0640}' => {}
        'ى' | 'ی' | 'ې' => token.push('ي'),
        'ک' => token.push('ك'),
        'ة' => token.push('ه'),
        '٠'..='٩' => token.push(char::from(b'0' + (character as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => token.push(char::from(b'0' + (character as u32 - '۰' as u32) as u8)),
        // Fast paths for the letters most text here is made of; the general rule below gives
        // the same result for them (tested), just more slowly.
        'ä' | 'Ä' | 'à' | 'á' | 'â' | 'À' | 'Á' | 'Â' => token.push('a'),
        'ö' | 'Ö' | 'ò' | 'ó' | 'ô' | 'Ò' | 'Ó' | 'Ô' => token.push('o'),
        'ü' | 'Ü' | 'ù' | 'ú' | 'û' | 'Ù' | 'Ú' | 'Û' => token.push('u'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => token.push('e'),
        'ç' | 'Ç' => token.push('c'),
        // Arabic-script letters without decomposition, and Cyrillic letters without marks.
        '\u{0621}'
        | '\u{0627}'
        | '\u{0628}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{067E}'
        | '\u{0686}'
        | '\u{0698}'
        | '\u{06AF}' => token.push(character),
        '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
        'а'..='и' | 'к'..='я' | 'А'..='И' | 'К'..='Я' | 'і' | 'І' | 'є' | 'Є' | 'ґ' | 'Ґ' =>
        {
            token.extend(character.to_lowercase());
        }
        _ => {
            let mut separator = false;
            decompose_canonical(character, |part| {
                if is_combining_mark(part) {
                    return;
                }
                if part.is_alphanumeric() {
                    for lower in part.to_lowercase() {
                        if !is_combining_mark(lower) {
                            token.push(lower);
                        }
                    }
                } else {
                    separator = true;
                }
            });
            if separator {
                flush(token, emit);
            }
        }
    }
}

fn flush(token: &mut String, emit: &mut impl FnMut(&str)) {
    if token.is_empty() {
        return;
    }
    fold_german_digraphs(token);
    emit(token);
    token.clear();
}

/// `ae` → `a`, `oe` → `o`, `ue` → `u`: the spellings of ä, ö, ü without umlaut keys.
fn fold_german_digraphs(token: &mut String) {
    let bytes = token.as_bytes();
    let has_digraph = bytes
        .windows(2)
        .any(|pair| matches!(pair, [b'a' | b'o' | b'u', b'e']));
    if !has_digraph {
        return;
    }
    let mut folded = String::with_capacity(token.len());
    let mut previous = '\0';
    for character in token.chars() {
        if character == 'e' && matches!(previous, 'a' | 'o' | 'u') {
            previous = '\0';
            continue;
        }
        folded.push(character);
        previous = character;
    }
    *token = folded;
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of
/// two neighbouring characters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    // One edit changes the length by at most one character of at most four bytes.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        within_one_edit_of(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        within_one_edit_of(&a, &b)
    }
}

/// True when some prefix of `term` is within one edit of `word` (a word still being typed).
pub fn prefix_within_one_edit(word: &str, term: &str) -> bool {
    if word.is_ascii() && term.is_ascii() {
        let length = word.len();
        return [length.saturating_sub(1), length, length + 1]
            .into_iter()
            .filter(|&end| end <= term.len())
            .any(|end| within_one_edit_of(word.as_bytes(), &term.as_bytes()[..end]));
    }
    let word_length = word.chars().count();
    let boundaries: Vec<usize> = term
        .char_indices()
        .map(|(index, _)| index)
        .chain([term.len()])
        .collect();
    [word_length.saturating_sub(1), word_length, word_length + 1]
        .into_iter()
        .filter_map(|length| boundaries.get(length))
        .any(|&end| within_one_edit(word, &term[..end]))
}

fn within_one_edit_of<T: Eq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if common == a.len() && common == b.len() {
        return true;
    }
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            let substitution = a[common + 1..] == b[common + 1..];
            let swap = common + 1 < a.len()
                && a[common] == b[common + 1]
                && a[common + 1] == b[common]
                && a[common + 2..] == b[common + 2..];
            substitution || swap
        }
        std::cmp::Ordering::Less => a[common..] == b[common + 1..],
        std::cmp::Ordering::Greater => a[common + 1..] == b[common..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(tokens(text), expected, "{text:?}");
    }

    #[test]
    fn folds_case_diacritics_and_german_spellings() {
        check("Beratung", &["beratung"]);
        check("Übersetzung", &["ubersetzung"]);
        check("Uebersetzung", &["ubersetzung"]);
        check("Ubersetzung", &["ubersetzung"]);
        check("Straße", &["strasse"]);
        check("STRASSE", &["strasse"]);
        check("Café Öffnungszeiten", &["cafe", "offnungszeiten"]);
        check("Frankenberg (Eder)", &["frankenberg", "eder"]);
        check(
            "Jobcenter/Arbeitsagentur, 3. OG",
            &["jobcenter", "arbeitsagentur", "3", "og"],
        );
        check("ﬁnden", &["finden"]);
        check("Diyarbakır", &["diyarbakir"]);
        check("Aee queue Äe", &["ae", "quu", "a"]);
        check(
            "Women's 'quoted' Türkiye’de",
            &["womens", "quoted", "turkiyede"],
        );
    }

    #[test]
    fn keeps_arabic_and_cyrillic_searchable_as_typed() {
        check("دورة لغة", &["دوره", "لغه"]);
        check("دَوْرَةُ", &["دوره"]);
        check("أحمد إبراهيم آمنة", &["احمد", "ابراهيم", "امنه"]);
        check("مشاوره\u{200C}ی", &["مشاورهي"]);
        check("کلاس زبان", &["كلاس", "زبان"]);
        check("عربی", &["عربي"]);
        check("٣٤٤٩٧ ۳۴۴۹۷", &["34497", "34497"]);
        check("Курси німецької", &["курси", "німецькоі"]);
        check("Здоров’я сім'ї здоровʼя", &["здоровя", "сімі", "здоровя"]);
        check("Работа", &["работа"]);
        check("Йога ёлка", &["иога", "елка"]);
        check("ትግርኛ", &["ትግርኛ"]);
    }

    #[test]
    fn fast_paths_agree_with_the_general_rule() {
        let fast_path_letters = "äÄàáâÀÁÂöÖòóôÒÓÔüÜùúûÙÚÛéèêëÉÈÊËçÇ\
            ءابتثجحخدذرزسشصضطظعغفقكلمنهوي\u{064B}\u{064C}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}پچژگ\
            абвгдежзиклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіІєЄґҐ";
        for character in fast_path_letters.chars() {
            let mut fast = String::new();
            fold_non_ascii(character, &mut fast, &mut |_| {});
            let mut general = String::new();
            decompose_canonical(character, |part| {
                if !is_combining_mark(part) {
                    general.extend(
                        part.to_lowercase()
                            .filter(|lower| !is_combining_mark(*lower)),
                    );
                }
            });
            assert_eq!(fast, general, "{character} U+{:04X}", character as u32);
        }
    }

    #[test]
    fn edit_distance_of_one() {
        for (a, b) in [
            ("beratung", "beratung"),
            ("beratung", "beratunh"),
            ("beratung", "bertaung"),
            ("beratung", "beratun"),
            ("beratung", "beratungs"),
            ("курси", "курсы"),
        ] {
            assert!(within_one_edit(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("beratung", "bearbeitung"),
            ("beratung", "berat"),
            ("kurs", "kraus"),
            ("abcd", "badc"),
        ] {
            assert!(!within_one_edit(a, b), "{a} {b}");
        }
        assert!(prefix_within_one_edit("integr", "intgrationskurs"));
        assert!(prefix_within_one_edit("intgr", "integrationskurs"));
        assert!(!prefix_within_one_edit("abcde", "integrationskurs"));
    }
}
