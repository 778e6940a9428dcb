//! Advice for the person who keeps the data: warnings about values that are kept as they are,
//! but are probably not meant (placeholder contacts, HTML copied from a website, a check date
//! in the future). Given by `service-finder check` and native builds; left out of the widget
//! (see `ADVICE` in `mod.rs`).

use crate::directory::model::{Date, Text};
use crate::directory::problem::{ProblemKind, Problems, Step};

/// A warning for an `opening_hours` value that cannot be read: the widget then shows it as
/// written and cannot say whether the place is open. With a suggestion where one is plain
/// ("Mo.–Fr. 9–12 Uhr" → "Mo-Fr 09:00-12:00").
#[cfg(feature = "advice")]
pub(super) fn check_opening_hours(text: &str, problems: &mut Problems) {
    if let Err(problem) = service_finder_hours::check(text) {
        let mut message = format!(
            "\"{text}\" is not in opening_hours syntax ({}); it is shown as written, and the widget cannot tell whether it is open",
            problem.message
        );
        if let Some(suggestion) = problem.suggestion {
            message.push_str(&format!("; write it as \"{suggestion}\""));
        }
        problems.warning(
            ProblemKind::InvalidValue,
            &[Step::Field("schedule.opening_hours")],
            message,
        );
    }
}

/// Without the `advice` feature (the widget), hours are not checked here: its own module reads
/// them.
#[cfg(not(feature = "advice"))]
pub(super) fn check_opening_hours(_text: &str, _problems: &mut Problems) {}

/// A warning for an assured date that is probably a mistake.
pub(super) fn check_date(date: Date, last_modified: Option<Date>, problems: &mut Problems) {
    if let Some(problem) = check_date_problem(date, last_modified) {
        problems.warning(
            ProblemKind::Suspicious,
            &[Step::Field("assured_date")],
            format!("{date} {problem}"),
        );
    }
}

/// The earliest plausible date for an entry's check: the format is from 2026, but entries
/// move over from older lists.
const EARLIEST_CHECK_YEAR: i32 = 2000;

/// What is odd about the date an entry was last checked, said after the date; `None` when it
/// is plausible. Without a clock (the core has none, so that it gives the same result
/// everywhere) "later than today" is judged against the directory's own date.
fn check_date_problem(date: Date, last_modified: Option<Date>) -> Option<String> {
    if date.0.year() < EARLIEST_CHECK_YEAR {
        return Some(format!(
            "is before {EARLIEST_CHECK_YEAR}: is it really the date the entry was last checked?"
        ));
    }
    match last_modified {
        Some(last_modified) if date > last_modified => Some(format!(
            "is after the directory's last_modified ({last_modified}): an entry cannot have been checked in the future"
        )),
        None if date.0.year() >= 2100 => {
            Some("is far in the future: an entry cannot have been checked then".to_owned())
        }
        _ => None,
    }
}

/// A warning for HTML in a text. Texts are shown as text, never as HTML (it could carry
/// scripts): markup copied from a website shows up as tags on the card.
pub(super) fn html_in_text(text: &Text, at: &[Step], problems: &mut Problems) {
    if let Some(tag) = text.iter().find_map(|(_, value)| html_tag(value)) {
        problems.warning(
            ProblemKind::Suspicious,
            at,
            format!("contains HTML ({tag}); it is shown as typed, tags included: write plain text (line breaks are kept)"),
        );
    }
}

/// The first HTML tag in a text (`<b>`, `</p>`, `<br/>`, `<!-- `), if it has one.
fn html_tag(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let tag = &rest[open..];
        let name = tag[1..].trim_start_matches('/');
        let starts_like_tag = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!');
        if starts_like_tag && let Some(close) = tag.find('>') {
            let shown = tag[..=close]
                .char_indices()
                .nth(30)
                .map_or(&tag[..=close], |(end, _)| &tag[..end]);
            return Some(shown);
        }
        rest = &tag[1..];
    }
    None
}

/// A warning for a telephone number that looks invented, in a directory that is not example
/// data.
pub(super) fn placeholder_number(
    number: &str,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    if !example_data && is_placeholder_number(number) {
        problems.warning(
            ProblemKind::Suspicious,
            at,
            format!("\"{number}\" looks like a placeholder, not a real number; the directory is not marked as example data"),
        );
    }
}

/// Whether a number looks invented: its digits after the country or trunk prefix are one digit
/// repeated (`0000000`) or counting up (`123456789`).
pub(super) fn is_placeholder_number(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = if number.starts_with('+') {
        digits.strip_prefix("49").unwrap_or(&digits)
    } else {
        digits.strip_prefix('0').unwrap_or(&digits)
    };
    let national = national.trim_start_matches('0');
    if national.is_empty() {
        return digits.len() >= 6;
    }
    let bytes = national.as_bytes();
    bytes.len() >= 6
        && (bytes.iter().all(|&digit| digit == bytes[0])
            || bytes
                .windows(2)
                .all(|pair| pair[1] == pair[0] + 1 || (pair[0] == b'9' && pair[1] == b'0')))
}

/// Whether an e-mail address or web host is on a domain reserved for examples and tests
/// (RFC 2606, RFC 6761): it can never reach anyone.
pub(super) fn is_reserved_domain(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let top = domain.rsplit('.').next().unwrap_or("");
    matches!(top, "test" | "invalid" | "example" | "localhost")
        || ["example.com", "example.net", "example.org"]
            .iter()
            .any(|reserved| domain == *reserved || domain.ends_with(&format!(".{reserved}")))
}

/// A warning for an e-mail address or website on a reserved domain in a directory that is not
/// example data.
pub(super) fn placeholder_domain(
    value: &str,
    domain: &str,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    if !example_data && is_reserved_domain(domain) {
        problems.warning(
            ProblemKind::Suspicious,
            at,
            format!("\"{value}\" is on a domain reserved for examples, which reaches nobody; the directory is not marked as example data"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_numbers_and_domains() {
        for placeholder in [
            "+123456789",
            "0123 456789",
            "+49 123 456789",
            "0000 000000",
            "555555",
        ] {
            assert!(is_placeholder_number(placeholder), "{placeholder}");
        }
        for real in [
            "+49 5631 954-0",
            "110",
            "116 117",
            "05631 123",
            "+49 69 90009 100",
        ] {
            assert!(!is_placeholder_number(real), "{real}");
        }
        for reserved in [
            "example.org",
            "mail.example.com",
            "amt.test",
            "x.invalid",
            "localhost",
            "a.example",
            "EXAMPLE.NET.",
        ] {
            assert!(is_reserved_domain(reserved), "{reserved}");
        }
        for real in [
            "landkreis-waldeck-frankenberg.de",
            "example-verein.de",
            "testverein.de",
        ] {
            assert!(!is_reserved_domain(real), "{real}");
        }
    }
}
