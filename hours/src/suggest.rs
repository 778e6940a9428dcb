//! Reading a value, and what to suggest when it cannot be read: the people who keep the data
//! often write opening hours the German way ("Mo.–Fr. 9–12 Uhr"), which the OSM syntax does not
//! accept, but whose meaning is plain.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use opening_hours::OpeningHours;

/// Why an opening_hours value cannot be read, and the value it probably means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursProblem {
    /// The parser's message, on one line (English, for the people who keep the data).
    pub message: String,
    /// The value in the OSM syntax that the text probably means; only ever a value that
    /// itself reads without a problem.
    pub suggestion: Option<String>,
}

impl fmt::Display for HoursProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(formatter, " (did you mean \"{suggestion}\"?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for HoursProblem {}

/// Checks an opening_hours value, for `service-finder check` and other native callers: the
/// problem that keeps it from being read, with a suggestion where one is plain.
pub fn check(text: &str) -> Result<(), HoursProblem> {
    parse(text).map(drop)
}

/// Reads an opening_hours value as this crate evaluates it (see `join_weekday_lists`), without
/// a region's holidays: for native callers that evaluate it themselves. The problem comes with
/// a suggestion where one is plain.
pub fn parse(text: &str) -> Result<OpeningHours, HoursProblem> {
    parse_text(text).map_err(|message| HoursProblem {
        message,
        suggestion: suggest_unreadable(text),
    })
}

/// The crate's parser, with its message made one line.
fn parse_text(text: &str) -> Result<OpeningHours, String> {
    // The parser recurses over nested structures with a stack guard of its own; an over-long
    // value is refused first all the same, since nothing real is that long and evaluation time
    // grows with it.
    if text.len() > MAX_LENGTH {
        return Err(format!("the value is longer than {MAX_LENGTH} bytes"));
    }
    if text.trim().is_empty() {
        return Err("the value is empty".to_owned());
    }
    OpeningHours::from_str(&join_weekday_lists(text)).map_err(|error| one_line(&error.to_string()))
}

/// Reads "Mo, Tu 09:00-12:00" as "Mo,Tu 09:00-12:00", as opening_hours.js (the reference the
/// OSM editors use) does. The grammar allows the other reading, a rule "Mo" (all day) and an
/// additional rule "Tu 09:00-12:00", but nobody writes that to mean it, and it would show a
/// service as open all Monday. Only a comma between two day selectors outside comments changes.
fn join_weekday_lists(text: &str) -> Cow<'_, str> {
    const DAYS: [&str; 9] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH"];
    let is_day_at = |position: usize| {
        text.get(position..position + 2)
            .is_some_and(|word| DAYS.contains(&word))
            && !text[position + 2..].starts_with(is_letter)
            && !text[..position].ends_with(is_letter)
    };
    let bytes = text.as_bytes();
    let mut joined = String::new();
    let mut copied = 0;
    let mut in_comment = false;
    for (position, &byte) in bytes.iter().enumerate() {
        match byte {
            b'"' => in_comment = !in_comment,
            b',' if !in_comment && position >= 2 && is_day_at(position - 2) => {
                let next = position + 1 + text[position + 1..].len()
                    - text[position + 1..].trim_start_matches(' ').len();
                if next > position + 1 && is_day_at(next) {
                    joined.push_str(&text[copied..=position]);
                    copied = next;
                }
            }
            _ => {}
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    joined.push_str(&text[copied..]);
    Cow::Owned(joined)
}

/// The longest value read: OSM limits tag values to 255 characters; this leaves room.
const MAX_LENGTH: usize = 2000;

/// pest's messages are drawn over several lines (position, the value, a caret, the expected
/// tokens); this keeps the position and what was expected.
fn one_line(message: &str) -> String {
    let position = message
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("--> "))
        .map(str::trim);
    let expected = message
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("= "))
        .map(str::trim);
    match (position, expected) {
        (Some(position), Some(expected)) => format!("at line:column {position}: {expected}"),
        _ => message.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The OSM value that an informal or German spelling probably means, if it reads; `None` when
/// the text reads already, or nothing plausible does.
pub fn suggest(text: &str) -> Option<String> {
    if parse_text(text).is_ok() {
        return None;
    }
    suggest_unreadable(text)
}

/// [`suggest`] for a text known not to read.
fn suggest_unreadable(text: &str) -> Option<String> {
    if text.len() > MAX_LENGTH {
        return None;
    }
    let suggestion = rewrite(text)?;
    (suggestion != text && parse_text(&suggestion).is_ok()).then_some(suggestion)
}

/// One piece of the informal text.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A day or `PH`, as the OSM syntax writes it.
    Day(&'static str),
    /// `off`, or the whole week (`Mo-Su`, from "täglich").
    Word(&'static str),
    /// A time of day, hours and minutes.
    Time(u32, u32),
    /// A range: "-", "–", "bis".
    Dash,
    /// A list separator: ",", "und", "u.", "&".
    Comma,
    /// A rule separator: ";" or "/".
    Semicolon,
}

/// Rewrites the text token by token into the OSM syntax; `None` at anything it does not know.
fn rewrite(text: &str) -> Option<String> {
    let tokens = tokenize(text)?;
    let mut out = String::new();
    let mut previous: Option<&Token> = None;
    let mut before_previous: Option<&Token> = None;
    for token in &tokens {
        let kind_changes = matches!(
            (previous, token),
            (
                Some(Token::Day(_) | Token::Word(_)),
                Token::Time(..) | Token::Word(_)
            )
        );
        match token {
            Token::Day(day) => {
                match previous {
                    // "Mo 9-12 Di 10-11": a new rule starts.
                    Some(Token::Time(..) | Token::Word(_)) => out.push_str("; "),
                    // "Mo 9-12, Di 10-11", "Mo geschlossen, Di 9-12": an additional rule.
                    Some(Token::Comma) if !matches!(before_previous, Some(Token::Day(_))) => {
                        out.pop();
                        out.push_str(", ");
                    }
                    _ => {}
                }
                out.push_str(day);
            }
            Token::Word(word) => {
                if kind_changes || matches!(previous, Some(Token::Time(..))) {
                    out.push(' ');
                }
                out.push_str(word);
            }
            Token::Time(hour, minute) => {
                if kind_changes {
                    out.push(' ');
                } else if matches!(previous, Some(Token::Time(..))) {
                    // "12:00-14:00 16:00-18:00": a list of times.
                    out.push(',');
                }
                out.push_str(&format!("{hour:02}:{minute:02}"));
            }
            Token::Dash => out.push('-'),
            Token::Comma => out.push(','),
            Token::Semicolon => out.push_str("; "),
        }
        before_previous = previous;
        previous = Some(token);
    }
    Some(
        out.trim()
            .trim_end_matches([',', ';', '-'])
            .trim()
            .to_owned(),
    )
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut characters = text.char_indices().peekable();
    while let Some(&(start, character)) = characters.peek() {
        if is_letter(character) {
            let mut end = start;
            while let Some(&(position, next)) = characters.peek() {
                if !is_letter(next) {
                    break;
                }
                end = position + next.len_utf8();
                characters.next();
            }
            // A dot after a word is an abbreviation's: "Mo.", "u.".
            if characters.peek().is_some_and(|&(_, next)| next == '.') {
                characters.next();
            }
            let word = lower_case(&text[start..end]);
            if let Some(token) = word_token(&word) {
                tokens.push(token);
            } else if !is_filler(&word) {
                return None;
            }
        } else if character.is_ascii_digit() {
            let (hour, minute) = time_token(&mut characters)?;
            tokens.push(Token::Time(hour, minute));
        } else {
            characters.next();
            match character {
                '-' | '–' | '—' | '‒' | '−' => tokens.push(Token::Dash),
                ',' | '&' | '+' => tokens.push(Token::Comma),
                ';' | '/' | '|' => tokens.push(Token::Semicolon),
                // A colon after days ("Mo-Fr: 9-12"), dots, spaces: no meaning of their own.
                ':' | '.' => {}
                ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{202f}' => {}
                _ => return None,
            }
        }
    }
    Some(tokens)
}

/// Reads `9`, `09`, `9:30` or `9.30` into hours and minutes; `None` for what is no time of day
/// (three or more digits of hours, a minute above 59).
fn time_token(
    characters: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Option<(u32, u32)> {
    let digits = |characters: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        let mut value = 0u32;
        let mut count = 0;
        while let Some(digit) = characters.peek().and_then(|&(_, next)| next.to_digit(10)) {
            value = value.checked_mul(10)?.checked_add(digit)?;
            count += 1;
            characters.next();
        }
        Some((value, count))
    };
    let (hour, hour_digits) = digits(characters)?;
    let mut minute = 0;
    if matches!(characters.peek(), Some(&(_, ':' | '.'))) {
        let mut lookahead = characters.clone();
        lookahead.next();
        if lookahead
            .peek()
            .is_some_and(|&(_, next)| next.is_ascii_digit())
        {
            characters.next();
            let (value, minute_digits) = digits(characters)?;
            if minute_digits != 2 {
                return None;
            }
            minute = value;
        }
    }
    (hour_digits <= 2 && hour <= 24 && minute < 60 && (hour < 24 || minute == 0))
        .then_some((hour, minute))
}

/// The letters of the words this module knows: ASCII and German umlauts. Written out rather
/// than `char::is_alphabetic` and `str::to_lowercase`, whose Unicode tables would be a good part
/// of this wasm module; a word in any other letters is unknown here all the same.
fn is_letter(character: char) -> bool {
    character.is_ascii_alphabetic() || matches!(character, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü')
}

fn lower_case(word: &str) -> String {
    word.chars()
        .map(|character| match character {
            'Ä' => 'ä',
            'Ö' => 'ö',
            'Ü' => 'ü',
            _ => character.to_ascii_lowercase(),
        })
        .collect()
}

/// A German or English day, or another word with a plain OSM meaning (lower case).
fn word_token(word: &str) -> Option<Token> {
    let day = match word {
        "mo" | "mon" | "montag" | "montags" | "monday" => "Mo",
        "di" | "tu" | "tue" | "dienstag" | "dienstags" | "tuesday" => "Tu",
        "mi" | "we" | "wed" | "mittwoch" | "mittwochs" | "wednesday" => "We",
        "do" | "th" | "thu" | "donnerstag" | "donnerstags" | "thursday" => "Th",
        "fr" | "fri" | "freitag" | "freitags" | "friday" => "Fr",
        "sa" | "sat" | "samstag" | "samstags" | "sonnabend" | "sonnabends" | "saturday" => "Sa",
        "so" | "su" | "sun" | "sonntag" | "sonntags" | "sunday" => "Su",
        "feiertag" | "feiertage" | "feiertags" | "ph" => "PH",
        "bis" | "to" => return Some(Token::Dash),
        "und" | "u" | "and" => return Some(Token::Comma),
        "geschlossen" | "geschl" | "closed" | "off" | "zu" => return Some(Token::Word("off")),
        "täglich" | "daily" => return Some(Token::Word("Mo-Su")),
        _ => return None,
    };
    Some(Token::Day(day))
}

/// Words that add nothing: "9 Uhr", "ab", "von 9 bis 12", "h".
fn is_filler(word: &str) -> bool {
    matches!(word, "uhr" | "h" | "von" | "from" | "ab" | "jeweils")
}
