//! Checks of contact details: web addresses (only http and https, with a real host), e-mail
//! addresses, telephone numbers, and placeholders that reach nobody.

use super::ADVICE;
use super::advice::{placeholder_domain, placeholder_number};
use crate::directory::problem::{Consequence, ProblemKind, Problems, Step};

pub(super) fn check_url(
    url: &mut Option<String>,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    let Some(value) = url else {
        return;
    };
    if let Some(message) = web_address_problem(value) {
        problems.error(
            ProblemKind::InvalidUrl,
            at,
            message,
            Consequence::ValueIgnored,
        );
        *url = None;
    } else {
        // Checked above: the address starts with http:// or https://.
        let rest = value.split_once("//").map_or("", |(_, rest)| rest);
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        if ADVICE {
            placeholder_domain(value, host, at, example_data, problems);
        }
    }
}

pub(super) fn check_email(
    email: &mut Option<String>,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    let Some(value) = email else {
        return;
    };
    if !is_valid_email(value) {
        problems.error(
            ProblemKind::InvalidEmail,
            at,
            format!("\"{value}\" is not an e-mail address like name@example.org"),
            Consequence::ValueIgnored,
        );
        *email = None;
    } else {
        let domain = value.rsplit('@').next().unwrap_or("");
        if ADVICE {
            placeholder_domain(value, domain, at, example_data, problems);
        }
    }
}

pub(super) fn check_phone_number(
    phone: &mut Option<String>,
    at: &[Step],
    example_data: bool,
    problems: &mut Problems,
) {
    let Some(value) = phone else {
        return;
    };
    if let Some(problem) = phone_number_problem(value) {
        problems.error(
            ProblemKind::InvalidValue,
            at,
            format!("\"{value}\" {problem}"),
            Consequence::ValueIgnored,
        );
        *phone = None;
    } else if ADVICE {
        placeholder_number(value, at, example_data, problems);
    }
}

/// The official short numbers that have fewer digits than any other: police, fire and
/// ambulance, and the authorities' number.
const SHORT_NUMBERS: [&str; 3] = ["110", "112", "115"];

/// What is wrong with a telephone number, said after the number; `None` when it is fine.
fn phone_number_problem(number: &str) -> Option<&'static str> {
    let allowed = number
        .char_indices()
        .all(|(index, c)| c.is_ascii_digit() || " -/().".contains(c) || (c == '+' && index == 0));
    if !allowed {
        return Some(
            "is not a telephone number: only digits, spaces, + at the start, and - / ( ) . are allowed",
        );
    }
    let digits = || number.bytes().filter(u8::is_ascii_digit);
    let count = digits().count();
    let short_number = || SHORT_NUMBERS.iter().any(|short| short.bytes().eq(digits()));
    if count < 4 && !short_number() {
        return Some(
            "is too short for a telephone number: at least 4 digits, except the short numbers 110, 112 and 115",
        );
    }
    if count > 20 || number.len() > 40 {
        return Some("is too long for a telephone number: at most 20 digits");
    }
    None
}

/// Why `url` is not a safe web address, if it is not.
///
/// Only `https:` and `http:` are accepted for websites: the widget turns them into links, and
/// `javascript:` or `data:` links in untrusted data would run code in the county's page.
/// Phone and e-mail links are built by the widget from the checked fields, never taken as given.
pub fn web_address_problem(url: &str) -> Option<String> {
    let bad_byte = |byte: u8| {
        byte <= b' ' || byte == 0x7f || matches!(byte, b'<' | b'>' | b'"' | b'\\' | b'`')
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control();
    if url.bytes().any(bad_byte) || (!url.is_ascii() && url.chars().any(bad_char)) {
        return Some(format!(
            "\"{url}\" contains spaces or characters that do not belong in a web address"
        ));
    }
    let strip_scheme = |scheme: &str| {
        let start = url.get(..scheme.len())?;
        start
            .eq_ignore_ascii_case(scheme)
            .then(|| &url[scheme.len()..])
    };
    let Some(rest) = strip_scheme("https://").or_else(|| strip_scheme("http://")) else {
        let lower = url.to_ascii_lowercase();
        return Some(match lower.split_once(':') {
            Some((scheme, _))
                if !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
            {
                format!(
                    "\"{scheme}:\" links are not allowed; a website must start with https:// or http://"
                )
            }
            _ => format!("\"{url}\" is not a web address; it must start with https:// or http://"),
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_without_port = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|byte| byte.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    let valid_host = host_without_port.contains('.')
        && !host_without_port.starts_with('.')
        && !host_without_port.ends_with('.')
        && host_without_port.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !valid_host {
        return Some(format!(
            "\"{url}\" has no valid host name after the https://"
        ));
    }
    None
}

/// A deliberately simple check: one `@`, a plausible local part, and a domain with a dot.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for good in [
            "https://example.org",
            "http://example.org/a?b=c#d",
            "https://www.example.org:8443/x",
            "https://bücher.example/",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://example.org",
            "example.org",
            "https://",
            "https://exa mple.org",
            "https://user@evil.example",
            "https://localhost",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for good in [
            "a@example.org",
            "migration.korbach+info@example.org",
            "x@sub.example.de",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@example.org",
            "a@example",
            "a b@example.org",
            "a@@example.org",
            "a@-x.org",
            ".a@example.org",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for good in [
            "+49 30 23125 417",
            "05631 954-0",
            "(0 56 31) 95 40",
            "110",
            "112",
            "115",
            "116 117",
            "116117",
            "0800 111 0 111",
        ] {
            assert_eq!(phone_number_problem(good), None, "{good}");
        }
        for (bad, reason) in [
            ("", "too short"),
            ("12", "too short"),
            ("113", "too short"),
            ("call us", "not a telephone number"),
            ("+49 30 +1", "not a telephone number"),
            ("0800 CALL NOW", "not a telephone number"),
            ("1234567890 1234567890 1", "too long"),
        ] {
            let problem = phone_number_problem(bad).unwrap_or_default();
            assert!(problem.contains(reason), "{bad}: {problem}");
        }
    }
}
