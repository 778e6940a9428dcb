//! Opening hours as officers write them in German ("Mo–Fr 9–12 Uhr, Do 14–17 Uhr",
//! "Dienstag und Donnerstag 14.00 bis 16.00 Uhr") read into the OSM `opening_hours` syntax,
//! so that "open now" works for them too.
//!
//! Only text that is wholly days and times is read (with a label such as "Sprechzeiten:",
//! days left out with "außer", and "rund um die Uhr" for all day); anything else ("nach
//! Vereinbarung", "in den Ferien geschlossen", "durchgehend geöffnet", which may mean without
//! a lunch break as well as day and night) leaves the whole text as it is, for the schedule's
//! description. German lists add up: "Mo–Fr 9–12, Do 14–17" opens Thursday morning and
//! afternoon, so the times are collected by day and written day by day.

use crate::hours::{self, Week};

/// One word or sign of the text.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A weekday, 0 for Monday.
    Day(usize),
    /// A time of day, `HH:MM`.
    Time(String),
    /// "-", "–", "bis": a range.
    Range,
    /// ",", "und", "u.", "+", "/", "&", "sowie": a list.
    And,
    /// ";" or a line break: the next rule.
    Next,
    /// "1." before a day, "ersten", "letzten": which of the month's such weekdays (1 to 5,
    /// or -1 for the last).
    Nth(i8),
    /// "Monat", "Monats" ("im Monat", "des Monats"), after days named by [`Token::Nth`].
    Month,
    /// "Feiertag", "Feiertagen", "feiertags": public holidays.
    Holidays,
    /// "geschlossen": closed, with [`Token::Holidays`].
    Closed,
    /// "außer": the days after it are left out of those before it.
    Except,
    /// "rund um die Uhr": all day, 00:00–24:00.
    AllDay,
}

/// The text's OSM opening hours, or `None` when it is more than days and times.
pub fn opening_hours(text: &str) -> Option<String> {
    let tokens = tokens(text)?;
    // "Rund um die Uhr (erreichbar)", a hotline's hours, without days: every day.
    if tokens == [Token::AllDay] {
        return Some("24/7".to_owned());
    }
    let mut week: Week = Default::default();
    let mut position = 0;
    let mut any = false;
    let mut closed_on_holidays = false;
    while position < tokens.len() {
        // "an Feiertagen geschlossen", "geschlossen an Feiertagen": the syntax's "PH off".
        if let (Some(Token::Holidays), Some(Token::Closed))
        | (Some(Token::Closed), Some(Token::Holidays)) =
            (tokens.get(position), tokens.get(position + 1))
        {
            closed_on_holidays = true;
            position += 2;
            if matches!(tokens.get(position), Some(Token::And | Token::Next)) {
                position += 1;
            }
            continue;
        }
        // Which of the month's weekdays: "1. und 3.", "ersten", "letzten".
        let mut nths: Vec<i8> = Vec::new();
        while let Some(Token::Nth(nth)) = tokens.get(position) {
            nths.push(*nth);
            position += 1;
            match (tokens.get(position), tokens.get(position + 1)) {
                (Some(Token::And), Some(Token::Nth(_))) => position += 1,
                _ => break,
            }
        }
        let mut days = days(&tokens, &mut position)?;
        // "täglich außer Mittwoch", "Mo–Fr außer Mi und Do".
        if tokens.get(position) == Some(&Token::Except) {
            position += 1;
            let except = self::days(&tokens, &mut position)?;
            days.retain(|day| !except.contains(day));
            if days.is_empty() {
                return None;
            }
        }
        // "im Monat" belongs to days of the month, and only to them.
        if tokens.get(position) == Some(&Token::Month) {
            if nths.is_empty() {
                return None;
            }
            position += 1;
        }
        // "Mittwoch, 15–17 Uhr": a comma between the days and their times.
        if let (Some(Token::And), Some(Token::Time(_))) =
            (tokens.get(position), tokens.get(position + 1))
        {
            position += 1;
        }
        // Times: "9-12", and more after "und" or ","; or "rund um die Uhr".
        let mut slots = Vec::new();
        if tokens.get(position) == Some(&Token::AllDay) {
            slots.push(("00:00".to_owned(), "24:00".to_owned()));
            position += 1;
        } else {
            loop {
                let (Some(Token::Time(from)), Some(Token::Range), Some(Token::Time(to))) = (
                    tokens.get(position),
                    tokens.get(position + 1),
                    tokens.get(position + 2),
                ) else {
                    return None;
                };
                if from >= to && to != "00:00" {
                    return None;
                }
                slots.push((from.clone(), to.clone()));
                position += 3;
                match (tokens.get(position), tokens.get(position + 1)) {
                    (Some(Token::And), Some(Token::Time(_))) => position += 1,
                    _ => break,
                }
            }
        }
        if nths.is_empty() {
            for &day in &days {
                week[day].slots.extend(slots.iter().cloned());
                week[day].slots.sort();
                week[day].slots.dedup();
            }
        } else {
            // In the month's order, the last at the end, each once (without a sort, which
            // would add its code to the checker page's wasm).
            let nths: Vec<i8> = [1, 2, 3, 4, 5, -1]
                .into_iter()
                .filter(|nth| nths.contains(nth))
                .collect();
            for &day in &days {
                week[day].monthly.push(hours::MonthlyTimes {
                    nths: nths.clone(),
                    slots: slots.clone(),
                });
            }
        }
        any = true;
        // The next rule, after "," "und" ";" or a line break.
        if matches!(tokens.get(position), Some(Token::And | Token::Next)) {
            position += 1;
        }
    }
    if !any {
        return None;
    }
    let hours = hours::opening_hours(&week)?;
    Some(match closed_on_holidays {
        true => format!("{hours}; PH off"),
        false => hours,
    })
}

/// Whether a text says only that the place is closed on public holidays ("An Feiertagen
/// geschlossen.", "feiertags geschlossen"), which the syntax writes `PH off`.
pub fn closed_on_public_holidays(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    matches!(
        tokens(text).as_deref(),
        Some([Token::Holidays, Token::Closed] | [Token::Closed, Token::Holidays])
    )
}

/// A text of several lines or `;`-separated parts, some of them days and times and some not
/// ("Mo–Do 8–12 Uhr; nach Vereinbarung", "Di 14–16 Uhr\nin den Ferien geschlossen"): the
/// OSM opening hours of the parts that are days and times, and the other parts as they are.
/// `None` when no part is, or every part is (then [`opening_hours`] reads the whole).
pub fn opening_hours_and_rest(text: &str) -> Option<(String, Vec<String>)> {
    let parts: Vec<&str> = text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let (times, rest): (Vec<&str>, Vec<&str>) = parts
        .iter()
        .partition(|part| opening_hours(part).is_some() || closed_on_public_holidays(part));
    if times.is_empty() || rest.is_empty() {
        return None;
    }
    let osm = opening_hours(&times.join("\n"))?;
    Some((osm, rest.into_iter().map(str::to_owned).collect()))
}

/// Days from `position` on: a day, or a range of them, and more after "und" or ","; `None`
/// when there is none or a range runs backwards ("Fr–Mo").
fn days(tokens: &[Token], position: &mut usize) -> Option<Vec<usize>> {
    let mut days = Vec::new();
    while let Some(Token::Day(first)) = tokens.get(*position) {
        *position += 1;
        if tokens.get(*position) == Some(&Token::Range) {
            let Some(Token::Day(last)) = tokens.get(*position + 1) else {
                return None;
            };
            *position += 2;
            if first > last {
                return None;
            }
            days.extend(*first..=*last);
        } else {
            days.push(*first);
        }
        match (tokens.get(*position), tokens.get(*position + 1)) {
            (Some(Token::And), Some(Token::Day(_))) => *position += 1,
            _ => break,
        }
    }
    (!days.is_empty()).then_some(days)
}

/// The text as tokens; `None` at a word that is not a day, a time or a joining word.
fn tokens(text: &str) -> Option<Vec<Token>> {
    // One sign for the phrase, so that its "Uhr" is not taken for the word after a time.
    let lower = text.to_lowercase().replace("rund um die uhr", "\u{2400}");
    let mut tokens = Vec::new();
    let mut chars = lower.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() && c != '\n' => {}
            '\n' | ';' => tokens.push(Token::Next),
            '-' | '–' | '—' => tokens.push(Token::Range),
            ',' | '+' | '/' | '&' => tokens.push(Token::And),
            '\u{2400}' => tokens.push(Token::AllDay),
            // "Mo-Fr: 9-12" and "Mo.": signs after a day; "u." is "und". "Sprechzeiten:",
            // a label before the days.
            ':' | '.' if matches!(tokens.last(), Some(Token::Day(_))) => {}
            ':' if tokens.is_empty() => {}
            '.' if lower[..start].ends_with('u') && matches!(tokens.last(), Some(Token::And)) => {}
            c if c.is_ascii_digit() => {
                let mut end = start + c.len_utf8();
                while let Some(&(index, next)) = chars.peek() {
                    if next.is_ascii_digit() || next == ':' || next == '.' {
                        end = index + next.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let number = &lower[start..end];
                // "1." to "5." before a word ("1. und 3. Montag", "2. Mi"), not before a time
                // or a dash: which of the month's such weekdays.
                let next_is_word = lower[end..]
                    .trim_start()
                    .starts_with(|next: char| next.is_alphabetic());
                if let ("1." | "2." | "3." | "4." | "5.", true) = (number, next_is_word) {
                    tokens.push(Token::Nth((number.as_bytes()[0] - b'0') as i8));
                    continue;
                }
                // "12." at the end of a sentence is 12 o'clock.
                let time = number.trim_end_matches(['.', ':']);
                tokens.push(Token::Time(hours::parse_time(time)?));
            }
            c if c.is_alphabetic() => {
                let mut end = start + c.len_utf8();
                while let Some(&(index, next)) = chars.peek() {
                    if next.is_alphabetic() {
                        end = index + next.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                match &lower[start..end] {
                    "uhr" | "h" | "von" | "jeweils" | "jeden" | "jede" | "immer" | "geöffnet"
                    | "erreichbar" | "durchgehend" | "zusätzlich" | "außerdem" => {}
                    "sprechzeiten" | "öffnungszeiten" | "beratungszeiten" | "bürozeiten"
                    | "sprechstunde" | "sprechstunden" | "servicezeiten" => {}
                    "außer" | "ausser" => tokens.push(Token::Except),
                    "im" | "des" | "am" | "an" | "jedem" | "jeder" | "jedes" => {}
                    "monat" | "monats" => tokens.push(Token::Month),
                    "feiertag" | "feiertags" | "feiertagen" => tokens.push(Token::Holidays),
                    "gesetzlichen" => {}
                    "geschlossen" => tokens.push(Token::Closed),
                    "ersten" | "erster" | "erste" => tokens.push(Token::Nth(1)),
                    "zweiten" | "zweiter" | "zweite" => tokens.push(Token::Nth(2)),
                    "dritten" | "dritter" | "dritte" => tokens.push(Token::Nth(3)),
                    "vierten" | "vierter" | "vierte" => tokens.push(Token::Nth(4)),
                    "fünften" | "fünfter" | "fünfte" => tokens.push(Token::Nth(5)),
                    "letzten" | "letzter" | "letzte" => tokens.push(Token::Nth(-1)),
                    "bis" => tokens.push(Token::Range),
                    "und" | "u" | "sowie" => tokens.push(Token::And),
                    "täglich" => tokens.extend([Token::Day(0), Token::Range, Token::Day(6)]),
                    "werktags" => tokens.extend([Token::Day(0), Token::Range, Token::Day(4)]),
                    word => tokens.push(Token::Day(day(word)?)),
                }
            }
            _ => return None,
        }
    }
    Some(tokens)
}

/// A German weekday, short or long, with an "s" for "dienstags".
fn day(word: &str) -> Option<usize> {
    const DAYS: [(&str, &str); 7] = [
        ("mo", "montag"),
        ("di", "dienstag"),
        ("mi", "mittwoch"),
        ("do", "donnerstag"),
        ("fr", "freitag"),
        ("sa", "samstag"),
        ("so", "sonntag"),
    ];
    let word = word
        .strip_suffix('s')
        .filter(|stem| stem.len() > 2)
        .unwrap_or(word);
    DAYS.iter()
        .position(|(short, long)| word == *short || word == *long)
        .or((word == "sonnabend").then_some(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_days_and_times_become_opening_hours() {
        let cases = [
            ("Di 15–17 Uhr", "Tu 15:00-17:00"),
            ("Mo–Fr 9–12 Uhr", "Mo-Fr 09:00-12:00"),
            (
                "Mo-Fr 9-12 Uhr, Do 14-17 Uhr",
                "Mo-We,Fr 09:00-12:00; Th 09:00-12:00,14:00-17:00",
            ),
            (
                "Dienstag und Donnerstag 14.00 bis 16.00 Uhr",
                "Tu,Th 14:00-16:00",
            ),
            (
                "Mo., Mi. 9:00 - 12:00 und 13:30 - 16:00",
                "Mo,We 09:00-12:00,13:30-16:00",
            ),
            (
                "montags 10-12; freitags 8-10",
                "Mo 10:00-12:00; Fr 08:00-10:00",
            ),
            (
                "Mo-Do: 8-12, 13-16 Uhr\nFr: 8-12 Uhr",
                "Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00",
            ),
            ("Sa + So 10 bis 18 Uhr", "Sa,Su 10:00-18:00"),
            ("werktags 8-16 Uhr", "Mo-Fr 08:00-16:00"),
            ("Mo 9-12 u. 13-15 Uhr", "Mo 09:00-12:00,13:00-15:00"),
            ("Di u. Do 14-16 Uhr", "Tu,Th 14:00-16:00"),
            ("jeden Mittwoch 15:00 - 17:00", "We 15:00-17:00"),
            ("Mo - Fr: 08:00 - 12:00", "Mo-Fr 08:00-12:00"),
            ("Mo-Fr 9-12, Sa 10-12", "Mo-Fr 09:00-12:00; Sa 10:00-12:00"),
            (
                "jeden 1. und 3. Montag im Monat 10-12 Uhr",
                "Mo[1,3] 10:00-12:00",
            ),
            ("jeden 1. Mittwoch im Monat, 15-17 Uhr", "We[1] 15:00-17:00"),
            (
                "letzter Freitag im Monat 18 bis 21 Uhr",
                "Fr[-1] 18:00-21:00",
            ),
            (
                "am zweiten und letzten Dienstag des Monats 9.30-11 Uhr",
                "Tu[2,-1] 09:30-11:00",
            ),
            (
                "Mo-Fr 9-12 Uhr, jeden 1. Donnerstag im Monat 14-18 Uhr",
                "Mo-Fr 09:00-12:00, Th[1] 14:00-18:00",
            ),
            ("3. Mi 16-18", "We[3] 16:00-18:00"),
            (
                "Mo-Fr 9-12 Uhr, an Feiertagen geschlossen",
                "Mo-Fr 09:00-12:00; PH off",
            ),
            (
                "feiertags geschlossen\nDi 14-16 Uhr",
                "Tu 14:00-16:00; PH off",
            ),
            (
                "Sprechzeiten: Dienstag von 9:00 bis 11:30 Uhr",
                "Tu 09:00-11:30",
            ),
            (
                "täglich außer Mittwoch 10-18 Uhr",
                "Mo,Tu,Th-Su 10:00-18:00",
            ),
            ("Mo-Fr ausser Mi und Do 9-12", "Mo,Tu,Fr 09:00-12:00"),
            (
                "Mo.–Fr. 9–12 Uhr, Do. zusätzlich 14–18 Uhr",
                "Mo-We,Fr 09:00-12:00; Th 09:00-12:00,14:00-18:00",
            ),
            ("Mo-Fr 8-16 Uhr durchgehend", "Mo-Fr 08:00-16:00"),
            ("Di 9.00-12.00 h", "Tu 09:00-12:00"),
            ("Rund um die Uhr erreichbar", "24/7"),
            ("Sa, So rund um die Uhr", "Sa,Su 00:00-24:00"),
        ];
        for (german, osm) in cases {
            assert_eq!(opening_hours(german).as_deref(), Some(osm), "{german}");
        }
    }

    #[test]
    fn text_that_is_more_than_days_and_times_is_left_alone() {
        for text in [
            "nach Vereinbarung",
            "Mo-Fr 9-12 Uhr, nach Vereinbarung",
            "Di 15-17 Uhr (nicht in den Ferien)",
            "jeden 1. Mittwoch im Monat",
            "Mo 9-12 im Monat",
            "1. und 3. Woche 10-12",
            "an Feiertagen geschlossen",
            "Mo 9-12 geschlossen",
            "Fr-Mo 9-12",
            "täglich außer 10-18 Uhr",
            "Mo außer Mo 9-12",
            "Mi 14-16 Uhr (außer in den Ferien)",
            "durchgehend geöffnet",
            "Mo 9-12 rund um die Uhr",
            "Sprechzeiten: nach Vereinbarung",
            "Mo 12-9",
            "Mo",
            "9-12",
            "",
        ] {
            assert_eq!(opening_hours(text), None, "{text}");
        }
    }

    /// Texts made of the words the reader knows, in any order: it answers each without
    /// panicking, and what it writes is rules of days and times only.
    #[test]
    fn any_mix_of_its_words_is_read_or_refused() {
        const WORDS: [&str; 30] = [
            "außer",
            "rund um die Uhr",
            "Sprechzeiten:",
            "zusätzlich",
            "1.",
            "3.",
            "5.",
            "6.",
            "letzter",
            "ersten",
            "und",
            ",",
            "-",
            "bis",
            "im",
            "Monat",
            "Montag",
            "Fr.",
            "Mo-Fr",
            "10",
            "12.",
            "9:30",
            "14-16",
            "Uhr",
            ";",
            "\n",
            "täglich",
            "ö",
            "Feiertagen",
            "geschlossen",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut read = 0;
        for _ in 0..50_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(WORDS[(seed % WORDS.len() as u64) as usize]);
                text.push(' ');
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if let Some(osm) = opening_hours(&text) {
                read += 1;
                assert!(
                    osm.chars()
                        .all(|c| c.is_ascii_alphanumeric() || " :-,;[]/".contains(c)),
                    "{text:?} → {osm}"
                );
            }
        }
        assert!(read > 20, "only {read} texts were read");
    }
}
