//! Values as spreadsheets and CMSs write them, made into the directory format's.

use crate::{Problem, Severity};

/// The text of a file: UTF-8 (a BOM is dropped), UTF-16 with a BOM ("Unicode text"), or else
/// Windows-1252, which German Excel writes for "CSV (Trennzeichen-getrennt)".
pub fn decode(bytes: &[u8], problems: &mut Vec<Problem>) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            problems.push(Problem {
                row: None,
                column: None,
                entry: None,
                severity: Severity::Note,
                message: "the file is not UTF-8; it was read as Windows-1252 (\"ANSI\"), as German Excel saves CSV".into(),
            });
            text.into_owned()
        }
    }
}

/// A number from a spreadsheet cell as text: `34497`, not `34497.0`.
pub fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// An Excel date or time (days since 1899-12-30) as text: a time of day alone as `HH:MM`,
/// else the date as `YYYY-MM-DD`.
pub fn excel_serial_text(serial: f64) -> String {
    // After 9999-12-31 it is no date; as a number it at least shows what was there.
    if !(0.0..=2_958_465.0).contains(&serial) {
        return number_text(serial);
    }
    if serial < 1.0 {
        let minutes = (serial * 24.0 * 60.0).round() as u32;
        return format!("{:02}:{:02}", minutes / 60, minutes % 60);
    }
    date_of_day(serial.floor() as i64 - 25_569)
}

/// The date of a day counted from 1970-01-01 (the Unix epoch's day), as `YYYY-MM-DD`.
pub fn date_of_day(days: i64) -> String {
    let (year, month, day) = civil_date(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The civil date (year, month, day) of a day counted from 1970-01-01: the usual algorithm for
/// the proleptic Gregorian calendar.
fn civil_date(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// The day counted from 1970-01-01 of a civil date: the inverse of [`civil_date`].
fn day_number(year: i64, month: i64, day: i64) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Which year a day written without one is in (see [`parse_date_near`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearOf {
    /// The last such day up to today: the day something was checked cannot lie ahead.
    Past,
    /// The such day nearest today: a course's start, which may have been months ago.
    Nearest,
    /// The first such day from a month ago on: when a course ends or a closure is over, which
    /// a list that is kept up to date names for the months ahead.
    Ahead,
}

/// A date written as officers write one in passing, read against `today` (`YYYY-MM-DD`, the
/// day of the import), as `YYYY-MM-DD`: "heute", "gestern", "vorgestern", or a day and month
/// without the year ("30.11.", "30.11"), in the year that `year_of` says. `None` for anything
/// else.
pub fn parse_date_near(text: &str, today: &str, year_of: YearOf) -> Option<String> {
    let today = parse_date(today)?;
    let number = |range: std::ops::Range<usize>| today.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let today = day_number(year, month, day);
    let text = text.trim().to_lowercase();
    let days_back = match text.as_str() {
        "heute" => Some(0),
        "gestern" => Some(1),
        "vorgestern" => Some(2),
        _ => None,
    };
    if let Some(back) = days_back {
        return Some(date_of_day(today - back));
    }
    let parts: Vec<&str> = text.strip_suffix('.').unwrap_or(&text).split('.').collect();
    let [day, month] = parts[..] else {
        return None;
    };
    let (day, month) = (
        day.trim().parse::<u32>().ok()?,
        month.trim().parse::<u32>().ok()?,
    );
    let candidates = (year - 1..=year + 1).filter_map(|year| {
        let valid = (1..=12).contains(&month)
            && (1..=days_in(u32::try_from(year).ok()?, month)).contains(&day);
        valid.then(|| day_number(year, i64::from(month), i64::from(day)))
    });
    let chosen = match year_of {
        YearOf::Past => candidates.filter(|&candidate| candidate <= today).max(),
        YearOf::Nearest => candidates.min_by_key(|&candidate| (candidate - today).abs()),
        YearOf::Ahead => candidates
            .filter(|&candidate| candidate >= today - 31)
            .min(),
    }?;
    Some(date_of_day(chosen))
}

/// A number written with a decimal comma or point (`51,2741`, `51.2741`).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    let number: f64 = text.parse().ok()?;
    number.is_finite().then_some(number)
}

/// Yes or no in German or English, as a spreadsheet or CMS writes it.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "x" | "yes" | "y" | "true" | "wahr" | "1" => Some(true),
        "nein" | "n" | "no" | "false" | "falsch" | "0" | "-" => Some(false),
        // An appointment column's own words ("Termin: erforderlich", "nach Vereinbarung").
        "erforderlich" | "notwendig" | "nötig" | "nach vereinbarung" | "nur mit termin" => {
            Some(true)
        }
        "nicht erforderlich" | "nicht notwendig" | "nicht nötig" | "ohne termin" => Some(false),
        _ => None,
    }
}

/// What a fees text says of the price, where it says the offer costs nothing (see
/// [`free_of_charge`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FreeOfCharge {
    /// Only that ("kostenlos", "Die Beratung ist kostenfrei.", "keine", "0 €").
    Only,
    /// That, and what the advice is like ("Die Beratung ist kostenlos und vertraulich"): words
    /// worth keeping.
    AndMore,
}

/// Whether a fees text, as officers write it in a "Kosten" column, says that the offer costs
/// nothing; `None` where it says something else or names a condition ("kostenlos für
/// Geflüchtete", "kostenlos, Material 5 €").
pub fn free_of_charge(text: &str) -> Option<FreeOfCharge> {
    const FREE: [&str; 9] = [
        "kostenlos",
        "kostenfrei",
        "gratis",
        "gebührenfrei",
        "entgeltfrei",
        "umsonst",
        "frei",
        "free",
        "keine",
    ];
    // The words around it in "Die Teilnahme ist kostenlos", "Eintritt frei", "keine Kosten".
    const AROUND: [&str; 14] = [
        "die",
        "das",
        "der",
        "ist",
        "sind",
        "beratung",
        "teilnahme",
        "angebot",
        "eintritt",
        "kosten",
        "gebühren",
        "of",
        "charge",
        "und",
    ];
    // What the advice is like, besides free: "kostenlos und vertraulich".
    const LIKE: [&str; 7] = [
        "vertraulich",
        "anonym",
        "unverbindlich",
        "unabhängig",
        "neutral",
        "freiwillig",
        "unbürokratisch",
    ];
    let text = sentence_in_lower_case(text);
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|word| word.trim_end_matches(','))
        .collect();
    let zero = matches!(
        words.as_slice(),
        ["0" | "0,00" | "0,-" | "0€" | "0,00€"] | ["0" | "0,00" | "0,-", "€" | "euro" | "eur"]
    );
    if zero || matches!(words.as_slice(), ["ohne", "kosten" | "gebühren"]) {
        return Some(FreeOfCharge::Only);
    }
    let free = words.iter().filter(|word| FREE.contains(word)).count() == 1
        && words
            .iter()
            .all(|word| FREE.contains(word) || AROUND.contains(word) || LIKE.contains(word));
    // The advice described needs a word that says "free" outright (not "keine" or "frei").
    match words.iter().any(|word| LIKE.contains(word)) {
        _ if !free => None,
        false => Some(FreeOfCharge::Only),
        true if words.iter().any(|word| FREE[..3].contains(word)) => Some(FreeOfCharge::AndMore),
        true => None,
    }
}

/// A cell's text as a sentence to match words in: trimmed, without its closing full stop or
/// exclamation mark, in lower case.
fn sentence_in_lower_case(text: &str) -> String {
    text.trim().trim_end_matches(['.', '!']).to_lowercase()
}

/// Whether opening hours say only "by appointment", as officers write it ("nach Vereinbarung",
/// "Termine nach telefonischer Vereinbarung", "nur mit Termin").
pub fn says_by_appointment(text: &str) -> bool {
    let text = sentence_in_lower_case(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.as_slice() {
        [
            "termine" | "termin" | "sprechzeiten" | "öffnungszeiten",
            rest @ ..,
        ]
        | ["nur", rest @ ..] => rest,
        all => all,
    };
    matches!(
        words,
        ["nach", "vereinbarung" | "absprache" | "terminvereinbarung"]
            | [
                "nach",
                "telefonischer" | "vorheriger",
                "vereinbarung" | "absprache" | "terminvereinbarung"
            ]
            | ["mit" | "nach", "termin"]
            | ["mit", "terminvereinbarung"]
    )
}

/// A date as `YYYY-MM-DD` from `31.12.2026`, `31.12.26` or `2026-12-31`.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts.iter().map(|part| part.trim().parse().ok()).collect()
    };
    // ISO first: "2026-10-02T08:15:00.000Z" has a dot too.
    let is_iso = text.len() >= 10 && text.as_bytes()[4] == b'-';
    let (year, month, day) = if !is_iso && text.contains('.') {
        let parts = numbers(text.split('.').filter(|part| !part.is_empty()).collect())?;
        let [day, month, year] = parts[..] else {
            return None;
        };
        (if year < 100 { 2000 + year } else { year }, month, day)
    } else {
        let parts = numbers(text.get(..10)?.split('-').collect())?;
        let [year, month, day] = parts[..] else {
            return None;
        };
        (year, month, day)
    };
    ((1900..=2199).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in(year, month)).contains(&day))
    .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The first day of a month written without its day (`11/2026`, `11.2026`, `2026-11`,
/// `Nov. 2026`, `November 2026`), as `YYYY-MM-01`: enough for the date an entry was checked.
pub fn parse_month_and_year(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez",
    ];
    let text = text.trim().to_lowercase();
    let year_of = |year: &str| {
        year.trim()
            .trim_start_matches('.')
            .trim()
            .parse::<u32>()
            .ok()
    };
    let by_number =
        |month: &str, year: &str| Some((month.trim().parse::<u32>().ok()?, year_of(year)?));
    let by_name = |name: &str, year: &str| {
        let number = MONTHS.iter().position(|month| name.starts_with(month))? + 1;
        Some((u32::try_from(number).ok()?, year_of(year)?))
    };
    let (month, year) = text
        .split_once(['/', '.'])
        .and_then(|(month, year)| by_number(month, year))
        .or_else(|| {
            text.split_once('-')
                .and_then(|(year, month)| by_number(month, year))
        })
        .or_else(|| {
            text.split_once(' ')
                .and_then(|(name, year)| by_name(name, year))
        })?;
    ((1900..=2199).contains(&year) && (1..=12).contains(&month))
        .then(|| format!("{year:04}-{month:02}-01"))
}

/// Whether a date cell says that there is no fixed date: a course one can join at any time
/// ("laufend", "sofort", "auf Anfrage").
pub fn says_no_fixed_date(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "laufend"
            | "fortlaufend"
            | "sofort"
            | "ab sofort"
            | "jederzeit"
            | "ständig"
            | "offen"
            | "auf anfrage"
            | "nach absprache"
            | "nach vereinbarung"
            | "noch offen"
    )
}

/// The days of a month of the Gregorian calendar: 31.02. is no date (the directory's loader
/// would refuse it, without the spreadsheet's row and column).
fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One telephone number of a field that may hold several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number as dialled.
    pub number: String,
    /// `fax` or `cell` when a label said so.
    pub kind: Option<&'static str>,
    /// Words that came with the number ("Beratung auf Arabisch"), if any.
    pub description: Option<String>,
}

/// A cell of phone numbers cut where one number ends: at ";", ",", "|", a line break, " und ",
/// " oder " or " or "; never inside brackets, which describe a number ("06451 2309-12 (Frau
/// Petrov, russisch und ukrainisch)").
fn phone_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut index) = (0usize, 0, 0);
    while let Some(c) = text[index..].chars().next() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            if let Some(word) = [" oder ", " und ", " or "]
                .iter()
                .find(|word| text[index..].starts_with(**word))
            {
                parts.push(&text[start..index]);
                index += word.len();
                start = index;
                continue;
            }
            if matches!(c, ';' | ',' | '|' | '\n' | '\r') {
                parts.push(&text[start..index]);
                start = index + c.len_utf8();
            }
        }
        index += c.len_utf8();
    }
    parts.push(&text[start..]);
    parts
}

/// The numbers in a phone field: separated by `;`, `,`, `|`, line breaks, "oder", "und" or
/// "or"; labels such as "Tel.:", "Fax:" and "Mobil:" taken off (and kept as the type).
/// Returns the numbers and the parts that hold no number.
pub fn split_phones(text: &str) -> (Vec<Phone>, Vec<String>) {
    let mut phones = Vec::new();
    let mut rest = Vec::new();
    // "/" stands inside numbers too ("05631 / 000 000"); it separates numbers only when every
    // side is a whole number of its own.
    let digits = |part: &str| part.chars().filter(char::is_ascii_digit).count();
    let parts = phone_parts(text).into_iter().flat_map(|part| {
        let pieces: Vec<&str> = part.split('/').collect();
        if pieces.len() > 1 && pieces.iter().all(|piece| digits(piece) >= 7) {
            pieces
        } else {
            vec![part]
        }
    });
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        let kind = if lower.starts_with("fax") || lower.starts_with("telefax") {
            Some("fax")
        } else if lower.starts_with("mobil") || lower.starts_with("handy") {
            Some("cell")
        } else {
            None
        };
        // The number starts at the first digit or "+"; what stands before it is a label
        // ("Tel.:") or a description ("Arabisch:").
        let Some(mut start) = part.find(|c: char| c.is_ascii_digit() || c == '+') else {
            rest.push(part.to_owned());
            continue;
        };
        // An area code in brackets belongs to the number: "(05621) 96 54-0".
        if part[..start].ends_with('(') {
            start -= 1;
        }
        let end = part[start..]
            .find(|c: char| !(c.is_ascii_digit() || " +-/().".contains(c)))
            .map_or(part.len(), |end| start + end);
        // An opening bracket at the end belongs to a description that follows: "… 002 (Anmeldung)".
        let number = part[start..end].trim_end_matches(['(', ' ', '-', '/']);
        // A number wholly in brackets ("Arabisch (0151 000 000)") is not an area code.
        let bracketed = number.starts_with('(')
            && number
                .find(')')
                .is_none_or(|close| !number[close..].contains(|c: char| c.is_ascii_digit()));
        let number = if bracketed {
            number.trim_matches(['(', ')', ' '])
        } else {
            number
        };
        // "+49 (0) 5631 …": the 0 in brackets is dialled only from within Germany; a phone
        // that calls the number as written would dial +49 0 5631 and reach no one.
        let number = if number.starts_with('+') && number.contains("(0)") {
            number
                .replace("(0)", " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            number.to_owned()
        };
        let label = part[..start].trim().trim_end_matches(':').trim().to_owned();
        let after = part[end..]
            .trim()
            .trim_matches(['(', ')'])
            .trim()
            .to_owned();
        let is_label = matches!(
            label.to_lowercase().trim_end_matches('.'),
            "" | "tel" | "telefon" | "fon" | "phone" | "fax" | "telefax" | "mobil" | "handy"
        );
        let description = [(!is_label).then_some(label), Some(after)]
            .into_iter()
            .flatten()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if number.chars().filter(char::is_ascii_digit).count() < 3 {
            rest.push(part.to_owned());
            continue;
        }
        phones.push(Phone {
            number,
            kind,
            description: (!description.is_empty()).then_some(description),
        });
    }
    (phones, rest)
}

/// A web address with `https://` when it had no scheme; the bool says whether it was added.
/// `None` for what cannot be a web address (spaces, no dot, another scheme).
pub fn web_address(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    if text.contains(char::is_whitespace) || text.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some((text.to_owned(), false));
    }
    let host = text.split('/').next().unwrap_or("");
    if text.contains(':') || !host.contains('.') || host.starts_with('.') {
        return None;
    }
    Some((format!("https://{text}"), true))
}

/// An e-mail address without `mailto:` and spaces, if it looks like one.
pub fn email_address(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text
        .strip_prefix("mailto:")
        .or_else(|| text.strip_prefix("MAILTO:"))
        .unwrap_or(text);
    let (local, domain) = text.split_once('@')?;
    (!local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && !text.contains(char::is_whitespace))
    .then(|| text.to_owned())
}

/// The e-mail addresses in a cell that is not one address: several ("a@x.de, b@x.de",
/// "a@x.de oder b@x.de"), or one hidden from spam robots as officers copy it from a website
/// ("info(at)example.org", "info [at] example [dot] org"). Empty when there is none.
pub fn email_addresses(text: &str) -> Vec<String> {
    const HIDDEN: [(&str, &str); 10] = [
        ("(at)", "@"),
        ("[at]", "@"),
        ("{at}", "@"),
        ("(ät)", "@"),
        ("(dot)", "."),
        ("[dot]", "."),
        ("{dot}", "."),
        ("(punkt)", "."),
        ("[punkt]", "."),
        // Last: the spaces that the words above, or the officer, left around the sign.
        ("@", "@"),
    ];
    let mut text = text.to_owned();
    for (hidden, sign) in HIDDEN {
        text = replace_ignoring_case(&text, hidden, sign);
    }
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '/'))
        .map(|word| word.trim_matches(['<', '>', '(', ')', '"', '\'', ':', '.']))
        .filter_map(email_address)
        .collect()
}

/// `text` with each `marker` (ASCII, lower case; found in any case) and the spaces around it
/// replaced by `sign`.
fn replace_ignoring_case(text: &str, marker: &str, sign: &str) -> String {
    // ASCII lower case keeps every byte where it is, so positions in `lower` are those in `text`.
    let lower = text.to_ascii_lowercase();
    let mut replaced = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in lower.match_indices(marker) {
        if at < rest {
            continue;
        }
        replaced.push_str(text[rest..at].trim_end());
        replaced.push_str(sign);
        let after = at + marker.len();
        rest = after + (text[after..].len() - text[after..].trim_start().len());
    }
    replaced.push_str(&text[rest..]);
    replaced
}

/// Whether a cell says that nothing is known, as officers write it: a dash or a slash, "k. A."
/// (keine Angabe), "n/a", "entfällt", "nicht vorhanden". Such a cell is read as empty where a
/// value must be a number, an address, a date or a choice (see `table::says_nothing`).
pub fn is_blank_mark(text: &str) -> bool {
    matches!(
        folded(text).as_str(),
        "-" | "--"
            | "---"
            | "–"
            | "—"
            | "/"
            | "k.a."
            | "k.a"
            | "keineangabe"
            | "keineangaben"
            | "n/a"
            | "n.a."
            | "n.v."
            | "entfällt"
            | "nichtvorhanden"
    )
}

/// Whether a cell says "none": "kein", "keine". "Telefon: keine" means that there is no number,
/// where "Freie Plätze: keine" means 0 (see `table::says_nothing`).
pub fn is_none_word(text: &str) -> bool {
    matches!(
        folded(text).as_str(),
        "kein" | "keine" | "keiner" | "keines" | "none"
    )
}

/// Lower case without spaces: "k. A." and "K.A." alike.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first whole number in a text that says more ("ca. 5", "5 von 12", "ab 18 Jahren"), or
/// `None`.
pub fn first_whole_number(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|digits| !digits.is_empty())?
        .parse()
        .ok()
}

/// A yes or no that starts a longer cell ("Ja, mit Rampe", "ja (außer Material)"): the answer
/// and the rest, or `None`.
pub fn yes_no_with_remark(text: &str) -> Option<(bool, &str)> {
    let text = text.trim();
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let answer = parse_yes_no(&text[..end]).filter(|_| end > 1)?;
    let rest = text[end..].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '-' | '–')
    });
    (!rest.is_empty()).then_some((answer, rest))
}

/// The ISO 639 code of a language written as a code or as its German or English name.
pub fn language_code(text: &str) -> Option<&'static str> {
    let wanted = text.trim().to_lowercase();
    LANGUAGES
        .iter()
        .find(|(code, names)| *code == wanted || names.contains(&wanted.as_str()))
        .map(|(code, _)| *code)
}

/// The languages the importer knows: ISO 639 code, then German and English names (the first
/// is the German one).
pub const LANGUAGES: &[(&str, &[&str])] = &[
    (
        "de",
        &["deutsch", "german", "leichte sprache", "einfache sprache"],
    ),
    ("en", &["englisch", "english"]),
    ("ar", &["arabisch", "arabic"]),
    ("fa", &["persisch", "farsi", "persian"]),
    ("prs", &["dari"]),
    ("ps", &["paschtu", "paschto", "pashto"]),
    ("uk", &["ukrainisch", "ukrainian"]),
    ("ru", &["russisch", "russian"]),
    ("tr", &["türkisch", "turkish"]),
    ("ti", &["tigrinya", "tigrinisch"]),
    ("ku", &["kurdisch", "kurmandschi", "kurmanji", "kurdish"]),
    ("ckb", &["sorani"]),
    ("so", &["somali", "somalisch"]),
    ("sq", &["albanisch", "albanian"]),
    ("ro", &["rumänisch", "romanian"]),
    ("pl", &["polnisch", "polish"]),
    ("fr", &["französisch", "french"]),
    ("es", &["spanisch", "spanish"]),
    ("it", &["italienisch", "italian"]),
    ("am", &["amharisch", "amharic"]),
    ("ur", &["urdu"]),
    ("bg", &["bulgarisch", "bulgarian"]),
    ("el", &["griechisch", "greek"]),
    ("sr", &["serbisch", "serbian"]),
    ("hr", &["kroatisch", "croatian"]),
    ("bs", &["bosnisch", "bosnian"]),
    ("vi", &["vietnamesisch", "vietnamese"]),
    ("zh", &["chinesisch", "chinese"]),
    ("ta", &["tamil", "tamilisch"]),
    ("ka", &["georgisch", "georgian"]),
    ("hy", &["armenisch", "armenian"]),
    ("ha", &["hausa"]),
    ("sw", &["suaheli", "swahili"]),
    ("pt", &["portugiesisch", "portuguese"]),
    ("hu", &["ungarisch", "hungarian"]),
    ("cs", &["tschechisch", "czech"]),
    (
        "gsg",
        &["gebärdensprache", "deutsche gebärdensprache", "dgs"],
    ),
];

/// Text from HTML: tags taken out, paragraphs, headings, list items and line breaks kept as
/// line breaks (a blank line between paragraphs), entities decoded, runs of spaces made one.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            // A lone "<" is text.
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match name {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table" => {
                text.push_str("\n\n");
            }
            "br" => text.push('\n'),
            // A list item or table row starts a line; its end does not add another.
            "li" | "tr" if !tag.starts_with('/') => text.push('\n'),
            "td" | "th" => text.push(' '),
            _ => {}
        }
        if name == "li" && !tag.starts_with('/') {
            text.push_str("– ");
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let text = decode_entities(&text);
    // Spaces made one in each line, at most one blank line between paragraphs.
    let mut result = String::new();
    let mut blank_lines = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !result.is_empty() {
            result.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        result.push_str(&line);
    }
    result
}

/// Whether a text holds HTML tags.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<ul", "<li", "<strong", "<b>", "<em", "<a ", "<span", "<h",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
        || lower.contains("&nbsp;")
}

fn decode_entities(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        result.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| entity(&after[..end]));
        match (end, decoded) {
            (Some(end), Some(c)) => {
                result.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                result.push('&');
                rest = after;
            }
        }
    }
    result.push_str(rest);
    result
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => return None,
    })
}

/// An id from a name: lower case, umlauts spelt out, words joined by `-`, at most 80
/// characters (`Sprachcafé Korbach` → `sprachcafe-korbach`).
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let spelt = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' => "a",
            'é' | 'è' | 'ê' => "e",
            'í' | 'ì' | 'î' => "i",
            'ó' | 'ò' | 'ô' => "o",
            'ú' | 'ù' | 'û' => "u",
            'ç' => "c",
            _ => "",
        };
        if !spelt.is_empty() {
            slug.push_str(spelt);
        } else if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 80 {
            break;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Text cut to at most `limit` characters, at a word where one is near.
pub fn shorten(text: &str, limit: usize) -> String {
    let cut: String = text.chars().take(limit - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() * 3 / 4 => cut[..space].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_that_say_by_appointment_only() {
        for text in [
            "nach Vereinbarung",
            "Nur nach Vereinbarung.",
            "Termine nach telefonischer Vereinbarung",
            "nach vorheriger Absprache",
            "Sprechzeiten nach Terminvereinbarung",
            "nur mit Termin",
        ] {
            assert!(says_by_appointment(text), "{text}");
        }
        for text in [
            "Mo-Fr 9-12 Uhr, nach Vereinbarung",
            "sonst nach Vereinbarung",
            "auch nach Vereinbarung",
            "ohne Termin",
            "",
        ] {
            assert!(!says_by_appointment(text), "{text}");
        }
    }

    #[test]
    fn addresses_hidden_from_spam_robots_or_two_in_a_cell() {
        assert_eq!(email_addresses("info(at)example.org"), ["info@example.org"]);
        assert_eq!(
            email_addresses("Info [AT] Example [dot] org"),
            ["Info@Example.org"]
        );
        assert_eq!(email_addresses("mbe @ example.org."), ["mbe@example.org"]);
        assert_eq!(
            email_addresses("a@example.org; b@example.org oder <c@example.org>"),
            ["a@example.org", "b@example.org", "c@example.org"]
        );
        assert!(email_addresses("kein Kontakt per Mail").is_empty());
        assert!(email_addresses("at the office").is_empty());
    }

    #[test]
    fn cells_that_say_there_is_nothing_to_say() {
        for text in [
            "-",
            " – ",
            "/",
            "k. A.",
            "K.A.",
            "n/a",
            "Keine Angabe",
            "entfällt",
        ] {
            assert!(is_blank_mark(text), "{text}");
        }
        for text in [
            "",
            "0",
            "nein",
            "keine",
            "kostenlos",
            "keine Kosten",
            "Mo-Fr",
        ] {
            assert!(!is_blank_mark(text), "{text}");
        }
        assert!(is_none_word("Keine") && is_none_word("kein"));
        assert!(!is_none_word("keine Kosten"));
    }

    #[test]
    fn fees_that_say_free_of_charge() {
        for text in [
            "kostenlos",
            "Kostenfrei.",
            "gratis",
            "keine",
            "keine Kosten",
            "ohne Kosten",
            "Die Beratung ist kostenlos.",
            "Die Teilnahme ist kostenfrei",
            "Eintritt frei",
            "0 €",
            "0,00 €",
            "free of charge",
        ] {
            assert_eq!(free_of_charge(text), Some(FreeOfCharge::Only), "{text}");
        }
        for text in [
            "Die Beratung ist kostenlos und vertraulich.",
            "kostenfrei, anonym und unverbindlich",
            "Kostenlos und vertraulich",
        ] {
            assert_eq!(free_of_charge(text), Some(FreeOfCharge::AndMore), "{text}");
        }
        for text in [
            "kostenlos für Geflüchtete",
            "kostenlos für Mitglieder",
            "kostenlos, Material 5 €",
            "kostenlos und vertraulich, Material 5 €",
            "5 € pro Monat",
            "frei kostenlos",
            "keine, vertraulich",
            "vertraulich",
            "Kosten",
            "",
        ] {
            assert_eq!(free_of_charge(text), None, "{text}");
        }
    }

    #[test]
    fn a_month_without_its_day() {
        for text in [
            "11/2026",
            "11.2026",
            "2026-11",
            "Nov. 2026",
            "November 2026",
            "nov 2026",
        ] {
            assert_eq!(
                parse_month_and_year(text).as_deref(),
                Some("2026-11-01"),
                "{text}"
            );
        }
        assert_eq!(
            parse_month_and_year("März 2027").as_deref(),
            Some("2027-03-01")
        );
        for text in ["13/2026", "gestern", "30.11.", "Nov."] {
            assert_eq!(parse_month_and_year(text), None, "{text}");
        }
        // Without the year, against the day of the import.
        let near = |text, year_of| parse_date_near(text, "2026-12-04", year_of);
        assert_eq!(near("heute", YearOf::Past).as_deref(), Some("2026-12-04"));
        assert_eq!(near("Gestern", YearOf::Past).as_deref(), Some("2026-12-03"));
        assert_eq!(
            parse_date_near("vorgestern", "2027-03-01", YearOf::Past).as_deref(),
            Some("2027-02-27")
        );
        assert_eq!(near("30.11.", YearOf::Past).as_deref(), Some("2026-11-30"));
        // A check date cannot lie ahead: 5 December is last year's.
        assert_eq!(near("5.12.", YearOf::Past).as_deref(), Some("2025-12-05"));
        // A course's start is the nearest: 15 January is next year's, 1 July this year's.
        assert_eq!(
            near("15.01.", YearOf::Nearest).as_deref(),
            Some("2027-01-15")
        );
        assert_eq!(near("1.7", YearOf::Nearest).as_deref(), Some("2026-07-01"));
        // Its end lies ahead, or ended in the last month.
        assert_eq!(near("1.7", YearOf::Ahead).as_deref(), Some("2027-07-01"));
        assert_eq!(near("20.11.", YearOf::Ahead).as_deref(), Some("2026-11-20"));
        // 29 February only in a leap year: 2028's is the nearest one there is.
        assert_eq!(near("29.02.", YearOf::Nearest), None);
        assert_eq!(
            parse_date_near("29.02.", "2027-12-04", YearOf::Nearest).as_deref(),
            Some("2028-02-29")
        );
        for text in ["30.13.", "32.1.", "morgen früh", "11.2026", "1.2.3"] {
            assert_eq!(near(text, YearOf::Nearest), None, "{text}");
        }
        // The day numbers agree with the civil dates both ways.
        for day in [-800_000, -1, 0, 59, 10_957, 20_791, 2_932_896] {
            let (year, month, date) = civil_date(day);
            assert_eq!(day_number(year, month, date), day);
        }
        assert!(says_no_fixed_date("Laufend") && !says_no_fixed_date("Januar"));
    }

    #[test]
    fn a_number_or_an_answer_in_a_longer_cell() {
        assert_eq!(first_whole_number("ca. 5"), Some(5));
        assert_eq!(first_whole_number("5 von 12"), Some(5));
        assert_eq!(first_whole_number("ab 18 Jahren"), Some(18));
        assert_eq!(first_whole_number("viele"), None);
        assert_eq!(
            yes_no_with_remark("Ja, mit Rampe"),
            Some((true, "mit Rampe"))
        );
        assert_eq!(
            yes_no_with_remark("ja (außer Material)"),
            Some((true, "außer Material"))
        );
        assert_eq!(
            yes_no_with_remark("Nein - leider nicht"),
            Some((false, "leider nicht"))
        );
        assert_eq!(yes_no_with_remark("Ja"), None);
        assert_eq!(yes_no_with_remark("Januar"), None);
        assert_eq!(yes_no_with_remark("n. V."), None);
    }

    #[test]
    fn html_keeps_paragraphs_and_decodes_entities() {
        assert_eq!(
            html_to_text(
                "<p>Beratung f&uuml;r <strong>alle</strong>.</p><p>Termine:<br>Mo &amp; Di</p><ul><li>eins</li><li>zwei</li></ul>"
            ),
            "Beratung für alle.\n\nTermine:\nMo & Di\n\n– eins\n– zwei"
        );
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("&#8364; &#x41; &bogus;"), "€ A &bogus;");
    }

    #[test]
    fn phones_are_split_and_labels_kept() {
        let (phones, rest) =
            split_phones("Tel.: 05631 000 000; Fax: 05631 000 001, Arabisch: 0151 0000 0000");
        assert_eq!(rest, Vec::<String>::new());
        assert_eq!(phones.len(), 3);
        assert_eq!(phones[0].number, "05631 000 000");
        assert_eq!(phones[0].description, None);
        assert_eq!(phones[1].kind, Some("fax"));
        assert_eq!(phones[2].description.as_deref(), Some("Arabisch"));
        let (phones, rest) = split_phones("+49 5631 000 000 oder +49 5631 000 002 (Beratung)");
        assert_eq!(phones.len(), 2);
        assert_eq!(phones[1].description.as_deref(), Some("Beratung"));
        assert!(rest.is_empty());
        let (phones, _) = split_phones("06451 000 000 / 06451 000 001");
        assert_eq!(phones.len(), 2);
        let (phones, _) = split_phones("05631 / 000 000");
        assert_eq!(phones[0].number, "05631 / 000 000");
        let (phones, rest) = split_phones("(05621) 96 54-0");
        assert_eq!(phones[0].number, "(05621) 96 54-0");
        assert_eq!(phones[0].description, None);
        assert!(rest.is_empty());
        let (phones, _) = split_phones("+49 (0) 5631 954-1234");
        assert_eq!(phones[0].number, "+49 5631 954-1234");
        let (phones, _) = split_phones("Arabisch (0151 000 000)");
        assert_eq!(phones[0].number, "0151 000 000");
        assert_eq!(phones[0].description.as_deref(), Some("Arabisch"));
        // A comma or "und" inside the brackets belongs to the description.
        let (phones, rest) =
            split_phones("06451/2309-12 (Frau Petrov, russisch und ukrainisch); 06451 2309-0");
        assert!(rest.is_empty(), "{rest:?}");
        assert_eq!(phones.len(), 2);
        assert_eq!(phones[0].number, "06451/2309-12");
        assert_eq!(
            phones[0].description.as_deref(),
            Some("Frau Petrov, russisch und ukrainisch")
        );
        let (phones, rest) = split_phones("nach Absprache");
        assert!(phones.is_empty());
        assert_eq!(rest, ["nach Absprache"]);
    }

    #[test]
    fn values_in_german_spellings() {
        assert_eq!(parse_decimal("51,2741"), Some(51.2741));
        assert_eq!(parse_decimal("8.8767"), Some(8.8767));
        assert_eq!(parse_decimal("north"), None);
        assert_eq!(parse_date("1.3.2027").as_deref(), Some("2027-03-01"));
        assert_eq!(parse_date("2027-03-01").as_deref(), Some("2027-03-01"));
        assert_eq!(
            parse_date("2026-10-02T08:15:00.000Z").as_deref(),
            Some("2026-10-02")
        );
        assert_eq!(parse_date("31.13.2027"), None);
        assert_eq!(excel_serial_text(46_023.0), "2026-01-01");
        assert_eq!(excel_serial_text(0.375), "09:00");
        assert_eq!(excel_serial_text(1e300), number_text(1e300));
        assert_eq!(
            web_address("www.example.org/x"),
            Some(("https://www.example.org/x".into(), true))
        );
        assert_eq!(web_address("javascript:alert(1)"), None);
        assert_eq!(
            email_address("mailto:a@example.org").as_deref(),
            Some("a@example.org")
        );
        assert_eq!(language_code("Arabisch"), Some("ar"));
        assert_eq!(language_code("DE"), Some("de"));
        assert_eq!(slug("Sprachcafé Korbach – Süd"), "sprachcafe-korbach-sued");
    }
}
