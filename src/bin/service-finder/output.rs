//! Everything the tool prints to standard output goes through here, for two reasons.
//!
//! - A closed pipe (`service-finder check … | head`) is not an error: printing stops quietly
//!   and the command still ends with its own exit code. (`println!` panics there.)
//! - Directory data is untrusted: an escape character in a name would rewrite the officer's
//!   terminal, and a direction override would reverse the line. Such characters are printed
//!   as visible code points (`<U+001B>`), and in JSON output as `\u` escapes.

use std::fmt::{self, Write as _};
use std::io::{self, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output is found closed; nothing more is written then.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints one line of text for a person, with unsafe characters made visible.
pub fn line(text: fmt::Arguments) {
    write_out(&escaped(&text.to_string(), |shown, code| {
        let _ = write!(shown, "<U+{code:04X}>");
    }));
}

/// Prints JSON text (one document) and a line break, with unsafe characters as `\u` escapes,
/// which keeps the JSON valid: they can only stand inside its strings.
pub fn json(text: &str) {
    write_out(&escaped(text, |shown, code| {
        let _ = write!(shown, "\\u{code:04x}");
    }));
}

/// `text` and a line break, with each unsafe character written by `escape` (given its code).
fn escaped(text: &str, escape: impl Fn(&mut String, u32)) -> String {
    let mut shown = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if is_unsafe(c) {
            escape(&mut shown, u32::from(c));
        } else {
            shown.push(c);
        }
    }
    shown.push('\n');
    shown
}

/// Prints text as it is (a file format such as the places TSV, which the tool wrote itself).
pub fn raw(text: &str) {
    write_out(text);
}

/// Whether a character must not reach a terminal as it is: control characters other than tab
/// and line feed, direction embeddings, overrides and isolates, and invisible characters.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

fn write_out(text: &str) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout.write_all(text.as_bytes()) {
        CLOSED.store(true, Ordering::Relaxed);
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("service-finder: cannot write the output: {error}");
        }
    }
}

/// `println!` through [`line`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::native::output::line(format_args!($($arg)*))
    };
}
pub(crate) use out;

#[cfg(test)]
mod tests {
    use super::is_unsafe;

    #[test]
    fn unsafe_characters_are_the_ones_that_change_a_terminal_or_the_reading_order() {
        for c in [
            '\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}',
        ] {
            assert!(is_unsafe(c), "{:04X}", u32::from(c));
        }
        for c in ['\t', '\n', 'a', 'ü', 'ع', '\u{200c}', '\u{200f}', '€'] {
            assert!(!is_unsafe(c), "{:04X}", u32::from(c));
        }
    }
}
