//! Nationwide as static files: what `service-finder nationwide` publishes for a few generated
//! districts reads back as the districts' directories, its term index says truly which
//! districts have a word and in how many entries, and bad input is refused by name.

use std::collections::BTreeMap;

use service_finder::directory::{Directory, load_directory};
use service_finder::generate::generate_district_directory;
use service_finder::nationwide::{FORMAT, StaticFile, publish, shard_key};
use service_finder::places::{GERMANY, Gazetteer};
use service_finder::search::{Index, Query, tokens};

use crate::common::{service_finder, stdout};

/// Landkreis Waldeck-Frankenberg, Landkreis Kassel and München, 60 entries each.
fn districts() -> Vec<Directory> {
    let gazetteer = Gazetteer::parse(GERMANY).expect("the gazetteer reads");
    ["06635", "06633", "09162"]
        .iter()
        .map(|ags| {
            let number = gazetteer
                .districts()
                .iter()
                .position(|district| &district.ags == ags)
                .expect("the district is in the gazetteer");
            generate_district_directory(&gazetteer, number, 60, 7).expect("the district has places")
        })
        .collect()
}

fn file<'a>(files: &'a [StaticFile], path: &str) -> &'a StaticFile {
    files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("{path} is published"))
}

fn json(file: &StaticFile) -> serde_json::Value {
    serde_json::from_slice(&file.bytes).expect("published JSON reads")
}

#[test]
fn generated_districts_are_test_data_around_their_own_places() {
    for directory in districts() {
        let region = directory.region.as_ref().expect("a region");
        assert!(directory.example_data);
        let name = region.name.iter().next().unwrap().1;
        assert!(name.ends_with("(Testdaten)"), "{name}");
        let ags = region.ags.as_deref().unwrap();
        assert_eq!(directory.entries.len(), 60);
        for entry in &directory.entries {
            assert!(entry.id.starts_with(&format!("gen-{ags}-")), "{}", entry.id);
            // 3 km around a place of the district: near the district's centre, in degrees.
            if let Some(location) = &entry.location {
                let latitude = location.latitude.unwrap();
                assert!(
                    (latitude - region.latitude).abs() < 0.6,
                    "{} at {latitude}",
                    entry.id
                );
            }
        }
    }
}

#[test]
fn the_published_files_read_back_and_the_term_index_tells_which_districts_have_a_word() {
    let directories = districts();
    let files = publish(&directories).expect("publishes");
    let index = json(file(&files, "index.json"));
    assert_eq!(index["format"], FORMAT);
    let listed = index["districts"].as_array().unwrap();
    // In AGS order, whatever order they came in.
    let order: Vec<&str> = listed
        .iter()
        .map(|district| district["ags"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["06633", "06635", "09162"]);

    let mut by_number = Vec::new();
    for district in listed {
        let ags = district["ags"].as_str().unwrap();
        let path = format!(
            "districts/{ags}.{}.json",
            district["hash"].as_str().unwrap()
        );
        let text = String::from_utf8(file(&files, &path).bytes.clone()).unwrap();
        let loaded = load_directory(&text).expect("a district file is a directory");
        assert!(loaded.problems.is_empty(), "{path}: {:#?}", loaded.problems);
        let original = directories
            .iter()
            .find(|directory| directory.region.as_ref().unwrap().ags.as_deref() == Some(ags))
            .unwrap();
        assert_eq!(
            &loaded.directory, original,
            "{path} holds the district's directory"
        );
        // The box holds every entry's place.
        let bbox: Vec<f64> = district["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value.as_f64().unwrap())
            .collect();
        for location in original
            .entries
            .iter()
            .filter_map(|entry| entry.location.as_ref())
        {
            let (latitude, longitude) = (location.latitude.unwrap(), location.longitude.unwrap());
            assert!(
                bbox[0] - 1e-4 <= latitude && latitude <= bbox[2] + 1e-4,
                "{path}: {latitude} in {bbox:?}"
            );
            assert!(
                bbox[1] - 1e-4 <= longitude && longitude <= bbox[3] + 1e-4,
                "{path}: {longitude} in {bbox:?}"
            );
        }
        by_number.push(Index::new(loaded.directory));
    }

    // Every term of every shard: the districts listed are those whose entries have it, with
    // the count of those entries; checked for one word here against the engine itself.
    let terms_folder = index["terms"].as_str().unwrap();
    let shards: Vec<&str> = index["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap())
        .collect();
    let mut terms: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for key in &shards {
        let text = String::from_utf8(
            file(&files, &format!("{terms_folder}{key}.tsv"))
                .bytes
                .clone(),
        )
        .unwrap();
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let (term, list) = line.split_once('\t').expect("term TAB districts");
            assert_eq!(shard_key(term), *key, "{term} is in its own shard");
            let mut number = 0;
            let districts = list
                .split(',')
                .map(|item| {
                    let (step, count) = item.split_once(':').unwrap();
                    number += step.parse::<usize>().unwrap();
                    (number, count.parse().unwrap())
                })
                .collect();
            terms.insert(term.to_owned(), districts);
        }
    }
    let munchen = &terms[&tokens("München")[0]];
    assert_eq!(
        munchen.len(),
        1,
        "only München's own entries say München: {munchen:?}"
    );
    assert_eq!(munchen[0].0, 2);
    let saying_munchen = directories[2]
        .entries
        .iter()
        .filter(|entry| {
            let text = serde_json::to_string(entry).unwrap();
            tokens(&text).iter().any(|token| token == "munchen")
        })
        .count();
    assert_eq!(
        munchen[0].1, saying_munchen,
        "every entry that says München, once"
    );
    // A word of every district, with each district's count as its own index finds it.
    let word = tokens("Sprachkurs")[0].clone();
    for &(number, count) in &terms[&word] {
        let query = Query {
            text: word.clone(),
            limit: 0,
            ..Query::default()
        };
        let exact = by_number[number].search(&query).expect("searches");
        assert!(
            count >= 1 && count <= exact.total,
            "{word} in district {number}: {count} of {}",
            exact.total
        );
    }
    // Stop words are not in the index.
    assert!(!terms.contains_key("und"));
}

#[test]
fn a_directory_without_a_district_key_or_with_one_twice_is_refused_by_name() {
    let mut directories = districts();
    directories[1].region.as_mut().unwrap().ags = Some("06635".to_owned());
    let error = publish(&directories).unwrap_err();
    assert!(
        error.contains("directory 2") && error.contains("06635 is there twice"),
        "{error}"
    );
    directories[1].region = None;
    let error = publish(&directories).unwrap_err();
    assert!(
        error.contains("directory 2") && error.contains("region.ags is missing"),
        "{error}"
    );
}

#[test]
fn the_cli_writes_the_folder_and_says_what_it_wrote() {
    let folder =
        std::env::temp_dir().join(format!("service-finder-nationwide-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let path = folder.to_str().unwrap();
    let output = service_finder(&[
        "nationwide",
        "--districts",
        "06635,06633",
        "--entries-per-district",
        "20",
        "-o",
        path,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = stdout(&output);
    assert!(said.contains("2 districts, 40 entries"), "{said}");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["districts"].as_array().unwrap().len(), 2);
    // Each file also compressed beside it, with the same content.
    let district = &index["districts"][0];
    let district_file = folder.join(format!(
        "districts/{}.{}.json",
        district["ags"].as_str().unwrap(),
        district["hash"].as_str().unwrap()
    ));
    let original = std::fs::read(&district_file).unwrap();
    let mut from_brotli = Vec::new();
    let compressed = std::fs::read(district_file.with_extension("json.br")).unwrap();
    brotli::BrotliDecompress(&mut &compressed[..], &mut from_brotli).unwrap();
    assert_eq!(from_brotli, original);
    let mut from_gzip = Vec::new();
    let compressed = std::fs::read(district_file.with_extension("json.gz")).unwrap();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&compressed[..]),
        &mut from_gzip,
    )
    .unwrap();
    assert_eq!(from_gzip, original);
    let unknown = service_finder(&["nationwide", "--districts", "99999", "-o", path]);
    assert!(!unknown.status.success());
    let error = String::from_utf8_lossy(&unknown.stderr);
    assert!(error.contains("no district has the AGS 99999"), "{error}");
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn generate_makes_one_districts_test_data_and_names_an_unknown_district() {
    let output = service_finder(&["generate", "--entries", "5", "--district", "06635"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    let loaded = load_directory(&text).expect("a directory");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let region = loaded.directory.region.expect("a region");
    assert_eq!(region.ags.as_deref(), Some("06635"));
    assert_eq!(loaded.directory.entries.len(), 5);
    let unknown = service_finder(&["generate", "--district", "1"]);
    assert!(!unknown.status.success());
    let error = String::from_utf8_lossy(&unknown.stderr);
    assert!(error.contains("no district has the AGS 1"), "{error}");
}
