//! Numbers as text, without core's float parsing and formatting: their tables and code (the
//! Eisel-Lemire power table, Grisu and Dragon4) were about 10 KB of the widget's download, for
//! reading coordinates and quoting them in messages.

/// The value of a number written as JSON writes numbers (`-12.5e3`); `None` for other text and
/// for numbers too large for an `f64`.
///
/// Correctly rounded for up to 19 significant digits with a decimal exponent from −21 to 19 —
/// every coordinate, radius and count in practice, including the 17 digits that round-trip any
/// `f64`. Beyond that, within a few units in the last place.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut reader = super::Reader::new(text);
    let written = reader.number().ok()?;
    if written.len() != text.len() {
        return None;
    }
    number_value(written)
}

/// The value of `written`, a number already checked against JSON's grammar.
pub(super) fn number_value(written: &str) -> Option<f64> {
    let (negative, rest) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written),
    };
    let (digits, exponent) = match rest.bytes().position(|byte| byte | 0x20 == b'e') {
        Some(at) => {
            let exponent = &rest[at + 1..];
            // An exponent too long for an i64 is far beyond any f64 either way.
            let overflow = if exponent.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            };
            #[allow(clippy::disallowed_methods)] // An integer exponent: integer parsing is small.
            (&rest[..at], exponent.parse::<i64>().unwrap_or(overflow))
        }
        None => (rest, 0),
    };
    // The significant digits as an integer, and the power of ten it is to be multiplied by.
    let mut mantissa: u64 = 0;
    let mut power = exponent.clamp(-100_000, 100_000);
    let mut dropped_nonzero = false;
    let mut after_point = false;
    let mut significant = 0;
    for byte in digits.bytes() {
        if byte == b'.' {
            after_point = true;
            continue;
        }
        let digit = u64::from(byte - b'0');
        if significant < 19 {
            mantissa = mantissa * 10 + digit;
            if mantissa > 0 {
                significant += 1;
            }
            if after_point {
                power -= 1;
            }
        } else {
            dropped_nonzero |= digit != 0;
            if !after_point {
                power += 1;
            }
        }
    }
    let value = magnitude(mantissa, power, dropped_nonzero);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// `mantissa × 10^power`, rounded to the nearest `f64`; `inexact` when digits were dropped
/// from the mantissa (the true value is a little larger).
fn magnitude(mantissa: u64, power: i64, inexact: bool) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    if (0..=19).contains(&power) {
        // An integer of at most 128 bits: exact, then rounded once.
        let exact = u128::from(mantissa) * 10u128.pow(power as u32);
        return round_with_sticky(exact, inexact);
    }
    if (-21..0).contains(&power) {
        // mantissa / 10^k, with enough quotient bits to round once, correctly: the remainder
        // (and any dropped digit) only decides ties, as a sticky bit below the rounding point.
        let divisor = 10u128.pow(power.unsigned_abs() as u32);
        let shift = 127 - (128 - u128::from(mantissa).leading_zeros());
        let dividend = u128::from(mantissa) << shift;
        let quotient = dividend / divisor;
        let sticky = inexact || dividend % divisor != 0;
        return round_with_sticky(quotient, sticky) * 2f64.powi(-(shift as i32));
    }
    // Far outside what a directory holds: near enough.
    // In two steps, so that neither factor overflows or underflows on its own.
    let power = power.clamp(-800, 800) as i32;
    mantissa as f64 * 10f64.powi(power / 2) * 10f64.powi(power - power / 2)
}

/// `value` rounded to an `f64`, where `sticky` says that the true value is a little larger.
fn round_with_sticky(value: u128, sticky: bool) -> f64 {
    // With more than 54 significant bits, the lowest bit lies below the rounding point, so
    // setting it breaks a false tie exactly as the lost remainder would.
    let bits = 128 - value.leading_zeros();
    if sticky && bits > 54 {
        (value | 1) as f64
    } else {
        value as f64
    }
}

/// `value` with at most `decimals` decimals and no trailing zeros (`51.2756`, `-3`, `0.5`),
/// for messages and the gazetteer's text format.
pub fn format_number(value: f64, decimals: u32) -> String {
    let mut text = String::new();
    if write_number(value, decimals, &mut text) {
        text
    } else if !value.is_finite() {
        "not a number".to_owned()
    } else if value < 0.0 {
        "a very large negative number".to_owned()
    } else {
        "a very large number".to_owned()
    }
}

/// Appends `value` to `out` as [`format_number`] writes it, without allocating or the
/// standard library's formatting (a page of results writes a hundred numbers or more: scores,
/// coordinates, distances, counts). False, with nothing written, for a value that is not
/// finite or too large for that (`|value| · 10^decimals` of 10^18 or more).
pub fn write_number(value: f64, decimals: u32, out: &mut String) -> bool {
    let decimals = decimals.min(9);
    let scale = 10u64.pow(decimals);
    let scaled = (value.abs() * scale as f64).round();
    // (Also for NaN and infinity, which are not finite.)
    if !scaled.is_finite() || scaled >= 1e18 {
        return false;
    }
    let scaled = scaled as u64;
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    write_digits(scaled / scale, 1, out);
    let mut fraction = scaled % scale;
    if fraction != 0 {
        let mut width = decimals as usize;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            width -= 1;
        }
        out.push('.');
        write_digits(fraction, width, out);
    }
    true
}

/// Appends the decimal digits of `number` to `out`, with leading zeros up to `width` digits.
pub fn write_digits(mut number: u64, width: usize, out: &mut String) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while number != 0 || digits.len() - start < width.clamp(1, digits.len()) {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
    }
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    #[test]
    fn parses_like_the_standard_library() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "1",
            "51.2756",
            "8.873",
            "-12.5e3",
            "1e19",
            "1E-21",
            "0.1",
            "0.30000000000000004",
            "9007199254740993",
            "123456789012345678901234",
            "2.2250738585072014e-308",
            "1e-400",
            "4.9e-324",
            "1.7976931348623157e300",
            "1e308",
            "0.000001",
            "5e-21",
            "99999999999999999999",
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        for _ in 0..200_000 {
            let value = rng.f64() * 180.0 - 90.0;
            texts.push(format!("{value}"));
            texts.push(format!("{}", value * 1e-8));
            texts.push(format!("{value:e}"));
            texts.push(format!("{}", rng.u64(..)));
            texts.push(format!("{}", f64::from_bits(rng.u64(..)).abs() % 1e15));
        }
        for text in &texts {
            let expected: f64 = text.parse().unwrap();
            let parsed = parse_number(text).unwrap_or(f64::NAN);
            let digits = text
                .bytes()
                .take_while(|byte| *byte != b'e' && *byte != b'E');
            let significant = digits.filter(u8::is_ascii_digit).count();
            if significant <= 19 && expected.abs() > 1e-21 && expected.abs() < 1e19 {
                assert_eq!(parsed.to_bits(), expected.to_bits(), "{text}");
            } else if expected.is_finite() && expected != 0.0 && expected.is_normal() {
                assert!(
                    ((parsed - expected) / expected).abs() < 1e-14,
                    "{text}: {parsed}"
                );
            }
        }
    }

    #[test]
    fn refuses_what_is_not_a_json_number() {
        for text in [
            "", "+1", "1.", ".5", "01", "1e", "inf", "NaN", "1 ", "0x10", "1e400",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    #[test]
    fn formats_with_few_decimals() {
        for (value, decimals, expected) in [
            (51.27564, 4, "51.2756"),
            (8.8, 4, "8.8"),
            (-3.0, 4, "-3"),
            (-0.00001, 4, "0"),
            (0.5, 0, "1"),
            (1234.5678, 1, "1234.6"),
            (-120.25, 6, "-120.25"),
            (1e300, 2, "a very large number"),
            (-1e300, 2, "a very large negative number"),
            (f64::NAN, 2, "not a number"),
            (f64::INFINITY, 2, "not a number"),
            (0.0, 7, "0"),
            (0.0000001, 7, "0.0000001"),
            (0.10203, 5, "0.10203"),
            (123_456_789_012.5, 0, "123456789013"),
            (12.3456789, 12, "12.3456789"),
        ] {
            assert_eq!(format_number(value, decimals), expected, "{value}");
        }
    }

    #[test]
    fn writes_digits_as_the_standard_library() {
        let mut rng = fastrand::Rng::with_seed(11);
        for number in [0, 1, 9, 10, 99, 100, u64::MAX, u64::from(u32::MAX)]
            .into_iter()
            .chain((0..1000).map(|_| rng.u64(..) >> rng.u32(0..64)))
        {
            let mut out = String::from("x");
            write_digits(number, 1, &mut out);
            assert_eq!(out, format!("x{number}"));
            let mut padded = String::new();
            write_digits(number, 12, &mut padded);
            assert_eq!(padded, format!("{number:012}"));
        }
    }

    #[test]
    fn writes_numbers_with_decimals_as_the_standard_library_rounds_them() {
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..10_000 {
            // Up to 10^8: scaled by 10^7 that stays within the 53 bits an f64 holds exactly
            // (a page of results has scores, degrees and metres).
            let value = (rng.f64() - 0.5) * 10f64.powi(rng.i32(-3..9));
            let expected = format!("{value:.7}");
            let expected = expected.trim_end_matches('0').trim_end_matches('.');
            let expected = if expected == "-0" { "0" } else { expected };
            let written = format_number(value, 7);
            // The standard library rounds half to even on the exact binary value; this rounds
            // the scaled value half away from zero: they may differ in the last decimal.
            if written != expected {
                let difference = parse_number(&written).unwrap() - parse_number(expected).unwrap();
                assert!(
                    difference.abs() < 1.5e-7,
                    "{value}: {written} against {expected}"
                );
            }
        }
    }
}
