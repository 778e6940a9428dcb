//! Prepares data that is compiled into the crate:
//! - the ISO 639 language code tables, from the `isolang` crate;
//! - the bundled demo directory, minified (the wasm carries it, so every byte counts);
//! - the places around its region, for the widget's place field.
//!
//! `isolang` has the complete ISO 639-3 table with names and lookup maps, which would add about
//! 180 KB to the wasm build. Validating a code needs far less: one bit for each of the 26³
//! possible three-letter codes (2,197 bytes), one for each two-letter one (85 bytes), and the
//! three-letter twins of the 184 two-letter ISO 639-1 codes. This script writes exactly that to `$OUT_DIR/language_codes.rs`.

use std::fmt::Write;

fn main() {
    write_language_codes();
    write_minified_demo();
    write_region_places();
    println!("cargo::rerun-if-changed=build.rs");
}

/// The bundled directory without indentation: a fifth smaller, with the same content.
///
/// It is the demo directory unless `SERVICE_FINDER_DIRECTORY` names another file: that is how a
/// county builds a widget with its own directory compiled in (see the README).
fn write_minified_demo() {
    println!("cargo::rerun-if-env-changed=SERVICE_FINDER_DIRECTORY");
    let source = std::env::var("SERVICE_FINDER_DIRECTORY")
        .unwrap_or_else(|_| "data/demo/waldeck-frankenberg.json".to_owned());
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("the demo directory is readable");
    let value: serde_json::Value =
        serde_json::from_str(&text).expect("the demo directory is valid JSON");
    let minified = serde_json::to_string(&value).expect("JSON serializes");
    std::fs::write(out_dir().join("demo-directory.min.json"), minified)
        .expect("OUT_DIR is writable");
}

/// The places around the bundled directory's region, for the widget's place field: the demo's,
/// unless `SERVICE_FINDER_REGION_PLACES` names the file `service-finder places --region-subset`
/// wrote for a county's own directory.
fn write_region_places() {
    println!("cargo::rerun-if-env-changed=SERVICE_FINDER_REGION_PLACES");
    let source = std::env::var("SERVICE_FINDER_REGION_PLACES")
        .unwrap_or_else(|_| "data/places/region-waldeck-frankenberg.tsv".to_owned());
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(&source)
        .unwrap_or_else(|error| panic!("cannot read {source}: {error}"));
    std::fs::write(out_dir().join("region-places.tsv"), text).expect("OUT_DIR is writable");
}

fn out_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
}

/// One bit per possible code, and the pairs of two- and three-letter codes.
fn write_language_codes() {
    let mut iso_639_3 = vec![0u8; 26 * 26 * 26 / 8 + 1];
    let mut iso_639_1_bits = vec![0u8; 26 * 26 / 8 + 1];
    let mut iso_639_1: Vec<(String, String)> = Vec::new();
    for language in isolang::languages() {
        let code_3 = language.to_639_3();
        let Some(number) = letters_number(code_3) else {
            continue;
        };
        iso_639_3[number / 8] |= 1 << (number % 8);
        if let Some(code_1) = language.to_639_1() {
            let number = letters_number(code_1).expect("ISO 639-1 codes are two lowercase letters");
            iso_639_1_bits[number / 8] |= 1 << (number % 8);
            iso_639_1.push((code_3.to_owned(), code_1.to_owned()));
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
        "/// One bit per two-letter code (`aa` = 0 … `zz` = 675): set when it is an ISO 639-1 code."
    )
    .unwrap();
    writeln!(
        out,
        "const ISO_639_1_BITS: [u8; {}] = {:?};",
        iso_639_1_bits.len(),
        iso_639_1_bits
    )
    .unwrap();
    writeln!(
        out,
        "/// Every ISO 639-3 code that has an ISO 639-1 twin, with the twin, sorted."
    )
    .unwrap();
    writeln!(
        out,
        "const ISO_639_3_TO_1: [(&str, &str); {}] = {:?};",
        iso_639_1.len(),
        iso_639_1
    )
    .unwrap();
    std::fs::write(out_dir().join("language_codes.rs"), out).expect("OUT_DIR is writable");
}

/// The position of a code among all codes of its length in alphabetical order.
fn letters_number(code: &str) -> Option<usize> {
    let bytes = code.as_bytes();
    if !bytes.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |number, byte| number * 26 + usize::from(byte - b'a')),
    )
}
