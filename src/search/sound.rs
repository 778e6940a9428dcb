//! German words spelt by ear, in any script: "Auslenderbehorde", "ауслендербехёрде",
//! "اوسلندربهورده" and "dzhobtsentr" all mean a word of the directory. Each word is reduced to
//! the skeleton of its consonants, with the letters that sound alike in one class, so that
//! spellings of the same sound in Latin, Cyrillic or Arabic script meet.
//!
//! Vowels are dropped because Arabic script writes few of them and people hearing a German word
//! guess them differently; `h` because it is silent in German spellings ("Behörde"). The
//! classes: `b p`, `f v w`, `d t`, `s z c ß` (and `ts`, `tz`, `zt`, `sch`, `sh`), `g k q`
//! (and `ch`, `kh`), `j` (and `dzh`, `zh`); `l m n r` stand for themselves.

/// The consonant skeleton of a folded word, or None for a word with letters of another script
/// or with digits (a skeleton of those would only match by accident).
pub fn skeleton(word: &str) -> Option<String> {
    let mut latin = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            'a'..='z' => latin.push(c),
            // Cyrillic (folded: й is и, ё is е).
            'д' if next == Some('ж') => {
                chars.next();
                latin.push('j');
            }
            // ю and я start with a "j" at a word's start ("Югендамт" for Jugendamt).
            'ю' | 'я' if latin.is_empty() => latin.push('j'),
            'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' => {
                latin.push('a')
            }
            'б' => latin.push('b'),
            'в' => latin.push('v'),
            'г' | 'ґ' => latin.push('g'),
            'д' => latin.push('d'),
            'ж' => latin.push('j'),
            'з' => latin.push('z'),
            'к' => latin.push('k'),
            'л' => latin.push('l'),
            'м' => latin.push('m'),
            'н' => latin.push('n'),
            'п' => latin.push('p'),
            'р' => latin.push('r'),
            'с' | 'ц' | 'ч' | 'ш' | 'щ' => latin.push('s'),
            'т' => latin.push('t'),
            'ф' => latin.push('f'),
            'х' => latin.push('k'),
            'ь' | 'ъ' => {}
            // Arabic and Persian (folded: أ إ آ are ا). و is a vowel inside a word but "v" at
            // its start (Persian "ویلدونگن" for Wildungen).
            'و' if latin.is_empty() => latin.push('v'),
            // ي likewise is "j" at a word's start ("يوغندامت" for Jugendamt).
            'ي' | 'ی' if latin.is_empty() => latin.push('j'),
            'ا' | 'و' | 'ي' | 'ی' | 'ى' | 'ع' | 'ه' | 'ة' | 'ء' | 'ئ' | 'ؤ' => {
                latin.push('a')
            }
            'ب' | 'پ' => latin.push('b'),
            'ت' | 'ط' => latin.push('t'),
            'د' | 'ض' => latin.push('d'),
            'ث' | 'س' | 'ص' | 'ش' | 'چ' | 'ز' | 'ذ' | 'ظ' => latin.push('s'),
            // ج is "dsch" at a word's start ("جوب سنتر") but inside a word mostly the "g"
            // of Egyptian spelling ("ويلينجن", "هامبورج"): Latin spellings write that "g".
            'ج' if !latin.is_empty() => latin.push('g'),
            'ج' | 'ژ' => latin.push('j'),
            'ح' => latin.push('h'),
            'خ' | 'غ' | 'ق' | 'ك' | 'ک' | 'گ' => latin.push('k'),
            'ف' => latin.push('f'),
            'ل' => latin.push('l'),
            'م' => latin.push('m'),
            'ن' => latin.push('n'),
            'ر' => latin.push('r'),
            _ => return None,
        }
    }
    Some(latin_skeleton(&latin))
}

/// The skeletons of the words of a text, one after the other, or None if a word has none:
/// "Бад-Арользен" and "Bad Arolsen" both sound `btrlsn`.
pub fn sound_of(text: &str) -> Option<String> {
    let mut sound = Some(String::new());
    super::fold::for_each_token_as_heard(text, |token| {
        sound = sound
            .take()
            .and_then(|sound| skeleton(token).map(|more| sound + &more));
    });
    sound
}

/// Shortest skeleton that is compared: three consonants match too many words by accident…
const MIN_SKELETON: usize = 4;
/// … except for a word in another script, which has no other way to match.
const MIN_SKELETON_OTHER_SCRIPT: usize = 3;
/// From this length on, a skeleton one edit away counts too.
const MIN_SKELETON_WITH_EDIT: usize = 6;
/// Match qualities, in percent of the field weight (see `quality` in the engine).
const SAME_SKELETON: u16 = 50;
const SKELETON_WITHIN_ONE_EDIT: u16 = 40;
const SKELETON_PREFIX: u16 = 35;

impl super::index::Index {
    /// The terms that sound like `word` (see the module's description), with a match quality.
    /// Every term is compared, so the engine asks only for a word that matched nothing else.
    /// A `compound` typed as two words ("كيندر آرتس") needs four consonants, as a Latin word
    /// does: "هاوس آرتس" would be "srs", which is also the English "course".
    pub(super) fn terms_sounding_like(&self, word: &str, compound: bool) -> Vec<(usize, u16)> {
        // A word in another script cannot match a Latin term any other way: there three
        // consonants are enough ("تافل" for "Tafel").
        let shortest = if word.is_ascii() || compound {
            MIN_SKELETON
        } else {
            MIN_SKELETON_OTHER_SCRIPT
        };
        let Some(wanted) = skeleton(word).filter(|wanted| wanted.len() >= shortest) else {
            return Vec::new();
        };
        // Each consonant of the skeleton needs one of its letters in a Latin term; a term that
        // lacks two (one for an exact skeleton or its start) is skipped without making its
        // skeleton: a word that matches nothing must stay cheap (issue 16).
        let needed: Vec<u64> = wanted.chars().map(class_letters).collect();
        let mut found = Vec::new();
        let sounds = self.term_sounds.get_or_init(|| {
            self.terms
                .iter()
                .map(|term| skeleton(term).unwrap_or_default().into_boxed_str())
                .collect()
        });
        for (number, sound) in sounds.iter().enumerate() {
            let term_letters = self.term_letters[number];
            let latin = term_letters >> 36 == 0;
            let missing = if latin {
                needed
                    .iter()
                    .filter(|&&letters| letters & term_letters == 0)
                    .count()
            } else {
                0
            };
            if missing > 1 || (missing == 1 && wanted.len() < MIN_SKELETON_WITH_EDIT) {
                continue;
            }
            // An empty skeleton: the term has letters of another script, or digits.
            let sound = &**sound;
            if sound.is_empty() {
                continue;
            }
            if sound == wanted {
                found.push((number, SAME_SKELETON));
            } else if wanted.len() >= MIN_SKELETON_WITH_EDIT
                && sound.len().abs_diff(wanted.len()) <= 1
                && super::fold::within_one_edit(&wanted, sound)
            {
                found.push((number, SKELETON_WITHIN_ONE_EDIT));
            } else if wanted.len() >= MIN_SKELETON_WITH_EDIT - 1
                && sound.starts_with(wanted.as_str())
            {
                // The start of a long word ("ауслендер" for "Ausländerbehörde").
                found.push((number, SKELETON_PREFIX));
            }
        }
        found
    }
}

/// The letters (as bits of `index::letters`) that can make a consonant class of a skeleton.
fn class_letters(class: char) -> u64 {
    let letters: &[u8] = match class {
        'b' => b"bp",
        'f' => b"fvwp",
        't' => b"dt",
        's' => b"szcx",
        'k' => b"gkqc",
        'j' => b"jz",
        _ => &[],
    };
    let bits = |letter: &u8| 1u64 << (letter - b'a');
    match letters {
        [] if class.is_ascii_lowercase() => 1 << (class as u8 - b'a'),
        [] => u64::MAX,
        _ => letters.iter().map(bits).fold(0, |all, bit| all | bit),
    }
}

/// The skeleton of a word in Latin letters (see the module's description).
fn latin_skeleton(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut out = String::with_capacity(word.len());
    let mut position = 0;
    while position < bytes.len() {
        let rest = &word[position..];
        // Letter groups first, longest first: each stands for one sound.
        let (class, length) = if rest.starts_with("dzh") || rest.starts_with("tsch") {
            (
                if rest.starts_with('d') { 'j' } else { 's' },
                if rest.starts_with('d') { 3 } else { 4 },
            )
        } else if rest.starts_with("sch") {
            ('s', 3)
        } else if rest.starts_with("zh") {
            ('j', 2)
        } else if rest.starts_with("ch") || rest.starts_with("kh") || rest.starts_with("ck") {
            ('k', 2)
        } else if rest.starts_with("sh")
            || rest.starts_with("ts")
            || rest.starts_with("tz")
            || rest.starts_with("zt")
        {
            // A German "z" is already "ts": "Arzt" is heard, and written in Arabic, as "آرتس".
            ('s', 2)
        } else if rest.starts_with("ph") {
            ('f', 2)
        } else {
            let class = match bytes[position] {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' => '\0',
                b'b' | b'p' => 'b',
                b'f' | b'v' | b'w' => 'f',
                b'd' | b't' => 't',
                b's' | b'z' | b'c' | b'x' => 's',
                b'g' | b'k' | b'q' => 'k',
                other => other as char,
            };
            (class, 1)
        };
        if class != '\0' && !out.ends_with(class) {
            out.push(class);
        }
        position += length;
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn of(text: &str) -> String {
        let tokens = crate::search::tokens(text);
        skeleton(&tokens[0]).unwrap_or_default()
    }

    #[test]
    fn spellings_by_ear_meet_the_german_word() {
        for (german, heard) in [
            ("Ausländerbehörde", "Auslenderbehorde"),
            ("Ausländerbehörde", "اوسلندربهورده"),
            ("Bürgerbüro", "бюргербюро"),
            ("Bürgerbüro", "بورغربورو"),
            ("Jobcenter", "dzhobtsentr"),
            ("Jobcenter", "джобцентр"),
            ("Jobcenter", "جوبسنتر"),
            ("Kindergeld", "кіндергельд"),
            ("Willingen", "ويلينجن"),
            ("Marburg", "ماربورج"),
            ("Jugendamt", "يوغندامت"),
            ("Jugendamt", "يوجندامت"),
            ("Jugendamt", "югендамт"),
            ("Frankenberg", "فرانكنبرج"),
            ("Kinderarzt", "كيندرآرتس"),
            ("Hausarzt", "هاوسآرتس"),
        ] {
            assert_eq!(of(german), of(heard), "{german} ~ {heard}");
        }
        assert_eq!(of("Ausländerbehörde"), "slntrbrt");
    }

    #[test]
    fn the_demo_s_immigration_office_is_found_as_heard_in_three_scripts() {
        let loaded = crate::directory::load_directory(crate::DEMO_DIRECTORY_JSON).unwrap();
        let index = crate::search::Index::new(loaded.directory);
        for heard in ["اوسلندربهورده", "ауслендербехёрде", "Аусляндербехьорде"]
        {
            let query = crate::search::Query {
                text: heard.to_owned(),
                ..crate::search::Query::default()
            };
            let results = index.search(&query).unwrap();
            // The office itself or its consultation hour in Frankenberg.
            let first = results.hits.first().map(|hit| hit.id.as_str());
            assert!(
                matches!(first, Some("wf-svc-001" | "wf-svc-031")),
                "{heard}: {first:?}"
            );
        }
    }

    #[test]
    fn other_scripts_and_digits_have_no_skeleton() {
        assert_eq!(skeleton("ኣብ"), None);
        assert_eq!(skeleton("b1"), None);
    }
}
