//! Generates the ISO 639 language code tables from the `isolang` crate.
//!
//! `isolang` has the complete ISO 639-3 table with names and lookup maps, which would add about
//! 180 KB to the wasm build. Validating a code needs far less: one bit for each of the 26³
//! possible three-letter codes (2,197 bytes), and the 184 two-letter ISO 639-1 codes with their
//! three-letter twins. This script writes exactly that to `$OUT_DIR/language_codes.rs`.

use std::fmt::Write;

fn main() {
    let mut iso_639_3 = vec![0u8; 26 * 26 * 26 / 8 + 1];
    let mut iso_639_1: Vec<(String, String)> = Vec::new();
    for language in isolang::languages() {
        let code_3 = language.to_639_3();
        let Some(number) = three_letter_number(code_3) else {
            continue;
        };
        iso_639_3[number / 8] |= 1 << (number % 8);
        if let Some(code_1) = language.to_639_1() {
            iso_639_1.push((code_1.to_owned(), code_3.to_owned()));
        }
    }
    iso_639_1.sort();
    let mut out = String::new();
    writeln!(out, "/// One bit per three-letter code (`aaa` = 0 … `zzz` = 17575): set when it is an ISO 639-3 code.").unwrap();
    writeln!(
        out,
        "const ISO_639_3_BITS: [u8; {}] = {:?};",
        iso_639_3.len(),
        iso_639_3
    )
    .unwrap();
    writeln!(
        out,
        "/// Every ISO 639-1 code with its ISO 639-3 twin, sorted by the two-letter code."
    )
    .unwrap();
    writeln!(
        out,
        "const ISO_639_1: [(&str, &str); {}] = {:?};",
        iso_639_1.len(),
        iso_639_1
    )
    .unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("language_codes.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}

fn three_letter_number(code: &str) -> Option<usize> {
    let bytes = code.as_bytes();
    if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |number, byte| number * 26 + usize::from(byte - b'a')),
    )
}
