//! Nationwide as static files: the directories of many districts published so that any web
//! server or CDN serves a search over all of Germany, with no server code (issue 16).
//!
//! [`publish`] turns the districts' directories into a folder of files (format in the README,
//! "Nationwide as static files"):
//!
//! - `index.json`: the one small entry file, which a browser revalidates. It lists each
//!   district (AGS, name, bounding box of its entries, entry count, the hash in its file's
//!   name) and names the term index's folder and shard keys.
//! - `districts/<AGS>.<hash>.json`: a district's whole directory. A county's widget loads its
//!   neighbours' files from here when a radius or a chosen place reaches into them, and the
//!   nearest districts that have the words of a nationwide search.
//! - `terms/<hash>/<key>.tsv`: the term index, split by the first [`SHARD_CHARS`] letters of
//!   each folded term (as Pagefind splits its index), so that a word fetches one small file.
//!   For each term it lists the districts that have it and in how many entries. The entries
//!   themselves are ranked by the widget's own engine once their district is loaded: a
//!   district file is 33 KB gzipped for 500 entries, and an index of every entry would make
//!   the shards of common words larger than that (400 KB gzipped for "be", measured).
//!
//! Every file but `index.json` is named by a hash of its content, so it never changes under
//! its name and may be cached for good; a new publication writes new names and a new
//! `index.json`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::directory::Directory;
use crate::search::{Index, is_stop_word};

/// The `format` of `index.json`; a reader refuses another.
pub const FORMAT: &str = "service-finder nationwide 1";

/// Letters of a folded term that name its shard in `terms/`.
pub const SHARD_CHARS: usize = 2;

/// One file of a publication: its path in the folder, with `/`, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// The path relative to the published folder, such as `districts/06635.1a2b3c4d5e.json`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// The shard key of a folded term: its first [`SHARD_CHARS`] characters, ASCII letters and
/// digits as they are and any other character as `_` and its code point in hex, so that the
/// key is a safe file name everywhere (`beratung` → `be`, `консультація` → `_43a_43e`). The
/// widget computes the same key (www/widget/nationwide.js).
pub fn shard_key(term: &str) -> String {
    let mut key = String::new();
    for character in term.chars().take(SHARD_CHARS) {
        if character.is_ascii_alphanumeric() {
            key.push(character);
        } else {
            let _ = write!(key, "_{:x}", u32::from(character));
        }
    }
    key
}

/// Publishes `directories` (one per district) as the static files described above. Each needs
/// `region.ags`, unique among them; the error names the directory (its position and title)
/// that lacks it or repeats one, and nothing is written then.
pub fn publish(directories: &[Directory]) -> Result<Vec<StaticFile>, String> {
    let mut districts: Vec<(&str, &Directory)> = Vec::with_capacity(directories.len());
    for (number, directory) in directories.iter().enumerate() {
        let name = || {
            format!(
                "directory {} ({})",
                number + 1,
                directory
                    .title
                    .best("de", "de")
                    .map_or("untitled", |(text, _)| text)
            )
        };
        let ags = directory
            .region
            .as_ref()
            .and_then(|region| region.ags.as_deref())
            .ok_or_else(|| format!("{}: region.ags is missing", name()))?;
        if districts.iter().any(|(known, _)| *known == ags) {
            return Err(format!("{}: region.ags {ags} is there twice", name()));
        }
        districts.push((ags, directory));
    }
    crate::order::sort_by(&mut districts, |a, b| a.0.cmp(b.0));

    let mut files = Vec::new();
    let mut listed = Vec::with_capacity(districts.len());
    // Term → the districts that have it (their numbers in `index.json`) and in how many entries.
    let mut terms: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    for (number, (ags, directory)) in districts.iter().enumerate() {
        let json = to_json(directory)?;
        let hash = content_hash(&json);
        files.push(StaticFile {
            path: format!("districts/{ags}.{hash}.json"),
            bytes: json,
        });
        let index = Index::new((*directory).clone());
        index.for_each_term(|term, postings| {
            if !is_stop_word(term) {
                let count = postings.len() as u32;
                terms
                    .entry(term.to_owned())
                    .or_default()
                    .push((number as u32, count));
            }
        });
        listed.push(serde_json::json!({
            "ags": ags,
            "name": directory.region.as_ref().and_then(|region| region.name.best("de", "de")).map_or(*ags, |(text, _)| text),
            "entries": directory.entries.len(),
            "bbox": bounding_box(directory),
            "hash": hash,
        }));
    }

    let mut shards: BTreeMap<String, String> = BTreeMap::new();
    for (term, districts) in &terms {
        let shard = shards
            .entry(shard_key(term))
            .or_insert_with(|| "# service-finder terms 1\n".to_owned());
        let _ = writeln!(shard, "{term}\t{}", district_counts(districts));
    }
    let mut all_shards = Sha256::new();
    for (key, text) in &shards {
        all_shards.update(key.as_bytes());
        all_shards.update(text.as_bytes());
    }
    let terms_folder = format!("terms/{}/", hex(&all_shards.finalize()));
    let index = serde_json::json!({
        "format": FORMAT,
        "shardChars": SHARD_CHARS,
        "terms": terms_folder,
        "shards": shards.keys().collect::<Vec<_>>(),
        "districts": listed,
    });
    for (key, text) in shards {
        files.push(StaticFile {
            path: format!("{terms_folder}{key}.tsv"),
            bytes: text.into_bytes(),
        });
    }
    files.push(StaticFile {
        path: "index.json".to_owned(),
        bytes: to_json(&index)?,
    });
    Ok(files)
}

/// South, west, north and east of the entries' places, to 4 decimals (about 10 m); the
/// region's centre when no entry has a place.
fn bounding_box(directory: &Directory) -> [f64; 4] {
    let points = directory.entries.iter().filter_map(|entry| {
        let location = entry.location.as_ref()?;
        Some((location.latitude?, location.longitude?))
    });
    let mut bounds: Option<[f64; 4]> = None;
    for (latitude, longitude) in points {
        let [south, west, north, east] =
            bounds.get_or_insert([latitude, longitude, latitude, longitude]);
        *south = south.min(latitude);
        *west = west.min(longitude);
        *north = north.max(latitude);
        *east = east.max(longitude);
    }
    let round = |value: f64| (value * 1e4).round() / 1e4;
    match (bounds, &directory.region) {
        (Some(bounds), _) => bounds.map(round),
        (None, Some(region)) => [
            region.latitude,
            region.longitude,
            region.latitude,
            region.longitude,
        ]
        .map(round),
        (None, None) => [0.0; 4],
    }
}

/// Districts (ascending numbers) with their counts, as `number:count` comma separated, each
/// number but the first as its distance from the one before: `3:12,1:40` for district 3 with
/// 12 entries and district 4 with 40. Small numbers, which gzip packs well.
fn district_counts(districts: &[(u32, u32)]) -> String {
    let mut text = String::new();
    let mut last = 0;
    for (position, &(number, count)) in districts.iter().enumerate() {
        if position > 0 {
            text.push(',');
        }
        let _ = write!(text, "{}:{count}", number - last);
        last = number;
    }
    text
}

fn to_json(value: &impl serde::Serialize) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|error| error.to_string())
}

/// The first 10 hex digits of the SHA-256 of `bytes`: enough to tell a billion versions apart.
fn content_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest[..5].iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_keys_are_safe_file_names() {
        assert_eq!(shard_key("beratung"), "be");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("консультація"), "_43a_43e");
        assert_eq!(shard_key("5a"), "5a");
    }

    #[test]
    fn districts_count_from_the_one_before() {
        assert_eq!(
            district_counts(&[(3, 12), (4, 40), (44, 1)]),
            "3:12,1:40,40:1"
        );
        assert_eq!(district_counts(&[]), "");
    }
}
