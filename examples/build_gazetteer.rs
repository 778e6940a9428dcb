//! Builds `data/places/de.tsv`, the German gazetteer, from the GeoNames files in `../shared/data`.
//!
//! ```sh
//! cargo run --release --example build_gazetteer [-- SHARED_DATA_DIR]
//! ```
//!
//! `SHARED_DATA_DIR` defaults to `../shared/data` beside the repository. It reads from it:
//! - `districts-de.csv` (`;`-separated; npm `landkreise-deutschland`, CC BY 4.0): the district
//!   keys (AGS) and names;
//! - `geonames/places-de.tsv` (tab-separated, no quoting): GeoNames *cities500* for Germany, the
//!   populated places with their alternate names, district, municipality and population;
//! - `geonames/postal-codes-de.csv` (`,`-separated): GeoNames postal codes for Germany.
//!
//! It writes `data/places/de.tsv` (always there, whatever the working directory) in the format of
//! `data/places/README.md`, which also says how postcodes are matched to places, which places are
//! merged and which alternate names are kept. The output is deterministic. Afterwards regenerate
//! the demo's region subset: `cargo run --release -- places --region-subset >
//! data/places/region-waldeck-frankenberg.tsv`.
//!
//! GeoNames data is licensed under Creative Commons Attribution 4.0 (CC BY 4.0): the written file
//! starts with the attribution "Place data © GeoNames, CC BY 4.0, https://www.geonames.org/"
//! (`service_finder::places::ATTRIBUTION`), and its header lines are the library's own, so that
//! the file reads back and writes out unchanged (`tests/native/places.rs` checks that).
//!
//! Names are compared as the lookup compares them: folded with the crate's own
//! [`service_finder::search::tokens`] (case, marks, ß, ae/oe/ue, …) and tested for one typo
//! with [`service_finder::search::within_one_edit`]. This replaced a Python script,
//! which had its own copy of both that nothing kept in step with the Rust one. Everything else
//! follows that script exactly (the order in which it met things, its ties, its number format).
//! Native only.
#![allow(clippy::disallowed_methods)] // Native tools: the size rules are for the wasm.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::args_os()
        .nth(1)
        .map_or_else(|| root.join("..").join("shared").join("data"), Into::into);
    let output = root.join("data").join("places").join("de.tsv");
    if let Err(error) = build::run(&shared, &output) {
        eprintln!("build_gazetteer: {error}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod build {
    use std::cmp::Ordering;
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
    use std::error::Error;
    use std::path::Path;

    use service_finder::places::Gazetteer;
    use service_finder::search::{tokens, within_one_edit};

    type Result<T> = std::result::Result<T, Box<dyn Error>>;

    /// Postcode rows are matched to a GeoNames place of the same name within this distance.
    const MATCH_KM: f64 = 20.0;
    /// A postcode row whose name matches only a place's base name ("Neustadt" for
    /// "Neustadt (Hessen)") must be closer.
    const BASE_MATCH_KM: f64 = 10.0;
    /// Rows with accuracy 0 (mostly companies and PO boxes) are kept only when their name is a
    /// place name and they lie this close to that place.
    const ACCURACY_ZERO_MATCH_KM: f64 = 5.0;
    /// Rows of the same name and state further apart than this are different places.
    const CLUSTER_KM: f64 = 15.0;

    /// State names of the postcode file → the first two digits of the AGS.
    const STATES: &[(&str, &str)] = &[
        ("Schleswig-Holstein", "01"),
        ("Hamburg", "02"),
        ("Niedersachsen", "03"),
        ("Bremen", "04"),
        ("Nordrhein-Westfalen", "05"),
        ("Hessen", "06"),
        ("Rheinland-Pfalz", "07"),
        ("Baden-Württemberg", "08"),
        ("Bayern", "09"),
        ("Saarland", "10"),
        ("Berlin", "11"),
        ("Brandenburg", "12"),
        ("Mecklenburg-Vorpommern", "13"),
        ("Sachsen", "14"),
        ("Sachsen-Anhalt", "15"),
        ("Thüringen", "16"),
        // English names, as some rows have them.
        ("Bavaria", "09"),
        ("Lower Saxony", "03"),
        ("Land Berlin", "11"),
        ("Saxony", "14"),
        ("Saxony-Anhalt", "15"),
        ("Thuringia", "16"),
        ("Mecklenburg-Western Pomerania", "13"),
    ];

    /// A postcode row's code and centre.
    type Point = (String, f64, f64);

    /// Names with how often they were seen, in the order first seen (as Python's `Counter`).
    #[derive(Default)]
    struct Counter(Vec<(String, usize)>);

    impl Counter {
        fn add(&mut self, name: &str, count: usize) {
            match self.0.iter_mut().find(|(known, _)| known == name) {
                Some((_, seen)) => *seen += count,
                None => self.0.push((name.to_owned(), count)),
            }
        }
    }

    struct Place {
        /// The GeoNames name; none for a place made from postcode rows only.
        geonames: Option<String>,
        lat: f64,
        lon: f64,
        ags: String,
        /// The municipality key (empty when unknown).
        gemeinde: String,
        population: u64,
        alternates: Vec<String>,
        postcodes: BTreeSet<String>,
        postcode_points: Vec<Point>,
        /// Names of the accurate postcode rows matched to the place.
        postcode_names: Counter,
        /// Names of the matched rows with accuracy 0.
        zero_names: Counter,
        display: String,
    }

    impl Place {
        /// The postcode file's names for the place: those of accurate rows if any.
        fn names(&self) -> &Counter {
            if self.postcode_names.0.is_empty() {
                &self.zero_names
            } else {
                &self.postcode_names
            }
        }
    }

    /// The folded tokens of `text` joined by one space: how the lookup sees a name.
    fn fold(text: &str) -> String {
        tokens(text).join(" ")
    }

    /// Python's `str.strip()`: Unicode white space and the ASCII separators U+001C–U+001F.
    fn strip(text: &str) -> &str {
        text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
    }

    /// The name without its qualifier: "Frankenberg (Eder)" → "Frankenberg".
    fn base(name: &str) -> &str {
        let mut name = name;
        for separator in [" (", "/", ",", " bei ", " b. "] {
            if let Some(index) = name.find(separator).filter(|&index| index > 0) {
                name = &name[..index];
            }
        }
        strip(name)
    }

    /// Python's `x ** 2` for a float: the C library's `pow`, which is not always `x * x`.
    fn square(x: f64) -> f64 {
        x.powf(std::hint::black_box(2.0))
    }

    /// Haversine distance in kilometres.
    fn km(a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
        let dlat = (b_lat - a_lat).to_radians();
        let dlon = (b_lon - a_lon).to_radians();
        let h = square((dlat / 2.0).sin())
            + a_lat.to_radians().cos() * b_lat.to_radians().cos() * square((dlon / 2.0).sin());
        2.0 * 6371.0088 * h.min(1.0).sqrt().asin()
    }

    /// Python's `<` between floats as a tuple element: equal when `==`.
    fn compare(a: f64, b: f64) -> Ordering {
        a.partial_cmp(&b).unwrap_or(Ordering::Equal)
    }

    fn is_latin(name: &str) -> bool {
        name.chars().all(|character| {
            let code = u32::from(character);
            character.is_ascii()
                || (0xC0..=0x24F).contains(&code)
                || (0x1E00..=0x1EFF).contains(&code)
                || "’‘·–".contains(character)
        })
    }

    /// Python's `str.isupper()`: no lower-case or title-case letter, and at least one upper-case
    /// one. (The title-case letters listed are the Latin ones: only Latin names get here.)
    fn is_upper(text: &str) -> bool {
        let mut cased = false;
        for character in text.chars() {
            if character.is_lowercase() || matches!(character, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ') {
                return false;
            }
            cased |= character.is_uppercase();
        }
        cased
    }

    /// Whether a name is written in one of the other scripts of the UI languages: Cyrillic
    /// (Russian, Ukrainian), Arabic (Arabic, Persian) or Ethiopic (Tigrinya), with spaces and
    /// hyphens. Not with an Arabic comma: "فرانکنبرگ، زاکسن" (Frankenberg, Saxony) describes
    /// the place with its region, and as a name it would outrank the other Frankenberg's.
    fn is_other_ui_script(name: &str) -> bool {
        let other_script = |code: u32| {
            (0x400..=0x4FF).contains(&code)
                || (0x600..=0x6FF).contains(&code)
                || (0x750..=0x77F).contains(&code)
                || (0x1200..=0x139F).contains(&code)
        };
        !name.contains('\u{60C}')
            && name
                .chars()
                .any(|character| other_script(u32::from(character)))
            && name.chars().all(|character| {
                other_script(u32::from(character)) || matches!(character, ' ' | '-' | '\u{200C}')
            })
    }

    /// Names a user might type: Latin-script names (not codes or transliterations), and names
    /// in the other scripts of the UI languages ("Бад-Вильдунген", "باد ویلدونگن").
    fn worth_keeping(alternate: &str) -> bool {
        let Some(first) = alternate.chars().next() else {
            return false;
        };
        if is_other_ui_script(alternate) {
            return true;
        }
        if !is_latin(alternate) {
            return false;
        }
        // Romanisations of other scripts ("fu lan ken bei ge", "kwrbakh") are all lower case.
        if !first.is_uppercase() {
            return false;
        }
        // Airport and similar codes ("FRA", "MUC").
        if is_upper(alternate) && alternate.chars().count() <= 4 {
            return false;
        }
        // Transliterations of a Russian soft sign ("Fjol'", "Bad-Vil'dungen").
        !alternate.contains(['\'', '’'])
    }

    fn district_name(kind: &str, name: &str) -> String {
        let short = strip(name.split(',').next().unwrap_or(""));
        if matches!(kind, "Kreisfreie Stadt" | "Stadtkreis") {
            return short.to_owned();
        }
        let lower = short.to_lowercase();
        if lower.contains("kreis") || lower.contains("region") {
            return short.to_owned();
        }
        format!("{kind} {short}")
    }

    /// Four decimals without trailing zeros (Python's `f"{x:.4f}".rstrip("0").rstrip(".")`).
    fn coordinate(value: f64) -> String {
        format!("{value:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }

    /// The rows of a CSV file as maps from the header's names to the fields (Python's
    /// `csv.DictReader`).
    fn read_rows(
        path: &Path,
        delimiter: u8,
        quoting: bool,
    ) -> Result<Vec<HashMap<String, String>>> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .from_path(path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let headers = reader.headers()?.clone();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|error| format!("{}: {error}", path.display()))?;
            rows.push(
                headers
                    .iter()
                    .zip(record.iter())
                    .map(|(name, field)| (name.to_owned(), field.to_owned()))
                    .collect(),
            );
        }
        Ok(rows)
    }

    /// A row's field, an error naming the column when it is missing.
    fn field<'row>(row: &'row HashMap<String, String>, name: &str) -> Result<&'row str> {
        row.get(name)
            .map(String::as_str)
            .ok_or_else(|| format!("a row without the column {name:?}").into())
    }

    fn number(row: &HashMap<String, String>, name: &str) -> Result<f64> {
        let text = field(row, name)?;
        Ok(text
            .parse()
            .map_err(|_| format!("{name}: {text:?} is not a number"))?)
    }

    struct Builder {
        places: Vec<Place>,
        /// Folded name → the places with that name (GeoNames places only).
        by_fold: HashMap<String, Vec<usize>>,
    }

    impl Builder {
        /// The nearest place called `name` (or, closer, by its base name).
        fn nearest_match(&self, name: &str, lat: f64, lon: f64, limit_km: f64) -> Option<usize> {
            let mut best: Option<(f64, usize)> = None;
            for (key, distance_limit) in [
                (fold(name), f64::INFINITY),
                (fold(base(name)), BASE_MATCH_KM),
            ] {
                for &index in self.by_fold.get(&key).into_iter().flatten() {
                    let place = &self.places[index];
                    let distance = km(lat, lon, place.lat, place.lon);
                    // Cities reach further than towns: Berlin's postcodes lie up to 30 km out.
                    let reach = limit_km.max(0.02 * (place.population as f64).sqrt());
                    if distance <= reach.min(distance_limit)
                        && best.is_none_or(|(nearest, _)| distance < nearest)
                    {
                        best = Some((distance, index));
                    }
                }
                if let Some((_, index)) = best {
                    return Some(index);
                }
            }
            None
        }
    }

    pub fn run(shared: &Path, output: &Path) -> Result<()> {
        let mut districts = HashMap::new();
        for row in read_rows(&shared.join("districts-de.csv"), b';', true)? {
            districts.insert(
                field(&row, "AGS")?.to_owned(),
                district_name(field(&row, "type")?, field(&row, "name")?),
            );
        }

        let mut builder = Builder {
            places: Vec::new(),
            by_fold: HashMap::new(),
        };
        for row in read_rows(&shared.join("geonames").join("places-de.tsv"), b'\t', false)? {
            let ags = field(&row, "admin3_kreis_ags")?;
            if field(&row, "feature_code")? == "PPLH" || !districts.contains_key(ags) {
                continue;
            }
            let name = field(&row, "name")?;
            let mut alternates = vec![name.to_owned(), field(&row, "asciiname")?.to_owned()];
            alternates.extend(
                field(&row, "alternatenames")?
                    .split(',')
                    .filter(|alternate| !alternate.is_empty())
                    .map(str::to_owned),
            );
            let population = match field(&row, "population")? {
                "" => 0,
                text => text
                    .parse()
                    .map_err(|_| format!("population: {text:?} is not a whole number"))?,
            };
            let index = builder.places.len();
            let distinct: HashSet<&String> = alternates.iter().collect();
            for alternate in distinct {
                builder
                    .by_fold
                    .entry(fold(alternate))
                    .or_default()
                    .push(index);
            }
            builder.places.push(Place {
                geonames: Some(name.to_owned()),
                lat: number(&row, "lat")?,
                lon: number(&row, "lon")?,
                ags: ags.to_owned(),
                gemeinde: field(&row, "admin4_gemeinde_ags")?.to_owned(),
                population,
                alternates,
                postcodes: BTreeSet::new(),
                postcode_points: Vec::new(),
                postcode_names: Counter::default(),
                zero_names: Counter::default(),
                display: String::new(),
            });
        }

        // (name, state) → rows, in the order sorted() gives them.
        let mut unmatched: BTreeMap<(String, String), Vec<Point>> = BTreeMap::new();
        for row in read_rows(
            &shared.join("geonames").join("postal-codes-de.csv"),
            b',',
            true,
        )? {
            let name = strip(field(&row, "place")?);
            let (lat, lon) = (number(&row, "lat")?, number(&row, "lon")?);
            let accurate = number(&row, "accuracy")? > 0.0;
            let plz = field(&row, "plz")?;
            let limit = if accurate {
                MATCH_KM
            } else {
                ACCURACY_ZERO_MATCH_KM
            };
            if let Some(index) = builder.nearest_match(name, lat, lon, limit) {
                let place = &mut builder.places[index];
                place.postcodes.insert(plz.to_owned());
                place.postcode_points.push((plz.to_owned(), lat, lon));
                if accurate {
                    place.postcode_names.add(name, 1);
                } else {
                    place.zero_names.add(name, 1);
                }
            } else if accurate {
                unmatched
                    .entry((name.to_owned(), field(&row, "state")?.to_owned()))
                    .or_default()
                    .push((plz.to_owned(), lat, lon));
            }
        }
        let Builder { mut places, .. } = builder;

        add_postcode_only_places(&mut places, unmatched);
        give_postcodes_of_the_municipality(&mut places);
        for place in &mut places {
            choose_display_name(place);
        }
        let places = merge_duplicates(places);

        let mut lines_by_district: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for place in &places {
            lines_by_district
                .entry(place.ags.clone())
                .or_default()
                .push(line(place));
        }

        // The header lines are the library's, so that the file reads back unchanged.
        let mut out = Gazetteer::new(Vec::new(), Vec::new()).to_text();
        for (ags, lines) in &lines_by_district {
            let district = districts
                .get(ags)
                .ok_or_else(|| format!("no district {ags}"))?;
            out.push_str(&format!("D\t{ags}\t{district}\n"));
            for line in lines.iter().collect::<BTreeSet<_>>() {
                out.push_str(line);
                out.push('\n');
            }
        }
        let again = Gazetteer::parse(&out)?.to_text();
        if again != out {
            return Err(
                "the gazetteer does not read back as written: see src/places/format.rs".into(),
            );
        }
        if let Some(folder) = output.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(output, out).map_err(|error| format!("{}: {error}", output.display()))?;
        let count: usize = lines_by_district.values().map(Vec::len).sum();
        println!("{}: {count} places", output.display());
        Ok(())
    }

    /// Municipalities that only the postcode file knows (Diemelsee, Twistetal): one place per
    /// cluster of same-named rows, in the district of the nearest GeoNames place.
    fn add_postcode_only_places(
        places: &mut Vec<Place>,
        unmatched: BTreeMap<(String, String), Vec<Point>>,
    ) {
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (index, place) in places.iter().enumerate() {
            grid.entry(cell(place.lat, place.lon))
                .or_default()
                .push(index);
        }
        let nearest_place = |places: &[Place], lat: f64, lon: f64, state: Option<&str>| {
            let (row, column) = cell(lat, lon);
            for reach in 1..20 {
                let mut best: Option<(f64, usize)> = None;
                for dlat in -reach..=reach {
                    for dlon in -reach..=reach {
                        for &index in grid.get(&(row + dlat, column + dlon)).into_iter().flatten() {
                            let place = &places[index];
                            if state.is_some_and(|state| !place.ags.starts_with(state)) {
                                continue;
                            }
                            let distance = km(lat, lon, place.lat, place.lon);
                            // min() by (distance, index).
                            if best.is_none_or(|(nearest, at)| {
                                compare(distance, nearest).then(index.cmp(&at)).is_lt()
                            }) {
                                best = Some((distance, index));
                            }
                        }
                    }
                }
                if let Some((_, index)) = best {
                    return Some(index);
                }
            }
            None
        };

        for ((name, state), mut group) in unmatched {
            group.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(compare(a.1, b.1))
                    .then(compare(a.2, b.2))
            });
            let mut clusters: Vec<Vec<Point>> = Vec::new();
            for point in group {
                match clusters
                    .iter_mut()
                    .find(|cluster| km(point.1, point.2, cluster[0].1, cluster[0].2) <= CLUSTER_KM)
                {
                    Some(cluster) => cluster.push(point),
                    None => clusters.push(vec![point]),
                }
            }
            for cluster in clusters {
                // Python's sum(): left to right, from 0.
                let count = cluster.len() as f64;
                let lat = cluster.iter().fold(0.0, |sum, point| sum + point.1) / count;
                let lon = cluster.iter().fold(0.0, |sum, point| sum + point.2) / count;
                // In the same state: Diemelsee (Hessen) lies nearer to a town across the border.
                let code = STATES
                    .iter()
                    .find(|(known, _)| *known == state)
                    .map(|(_, code)| *code);
                let Some(neighbour) = nearest_place(places, lat, lon, code) else {
                    continue;
                };
                let mut postcode_names = Counter::default();
                postcode_names.add(&name, cluster.len());
                places.push(Place {
                    geonames: None,
                    lat,
                    lon,
                    ags: places[neighbour].ags.clone(),
                    gemeinde: String::new(),
                    population: 0,
                    alternates: Vec::new(),
                    postcodes: cluster.iter().map(|point| point.0.clone()).collect(),
                    postcode_points: cluster,
                    postcode_names,
                    zero_names: Counter::default(),
                    display: String::new(),
                });
            }
        }
    }

    /// The grid cell of a point: tenths of a degree, truncated (Python's `int()`).
    fn cell(lat: f64, lon: f64) -> (i64, i64) {
        ((lat * 10.0) as i64, (lon * 10.0) as i64)
    }

    /// Villages and city quarters without a postcode of their own get the postcode of their
    /// municipality whose centre is nearest to them.
    fn give_postcodes_of_the_municipality(places: &mut [Place]) {
        let mut municipality_points: HashMap<String, Vec<Point>> = HashMap::new();
        for place in places.iter().filter(|place| !place.gemeinde.is_empty()) {
            municipality_points
                .entry(place.gemeinde.clone())
                .or_default()
                .extend(place.postcode_points.iter().cloned());
        }
        for place in places.iter_mut() {
            if !place.postcodes.is_empty() || place.gemeinde.is_empty() {
                continue;
            }
            let Some(points) = municipality_points.get(&place.gemeinde) else {
                continue;
            };
            // min() by (distance, point).
            let distance = |point: &Point| km(place.lat, place.lon, point.1, point.2);
            let nearest = points.iter().reduce(|nearest, point| {
                let less = compare(distance(point), distance(nearest))
                    .then(point.0.cmp(&nearest.0))
                    .then(compare(point.1, nearest.1))
                    .then(compare(point.2, nearest.2))
                    .is_lt();
                if less { point } else { nearest }
            });
            if let Some(nearest) = nearest {
                place.postcodes = BTreeSet::from([nearest.0.clone()]);
            }
        }
    }

    /// The postcode file's spelling is the official German one ("München", not "Munich";
    /// "Frankenberg (Eder)"); the most frequent wins, the shorter one on a tie ("Allendorf
    /// (Eder)", not its part "Allendorf (Eder) Battenfeld"), then the greater one.
    fn choose_display_name(place: &mut Place) {
        let key = |(name, count): &(String, usize)| {
            (
                *count,
                std::cmp::Reverse(name.chars().count()),
                name.clone(),
            )
        };
        // max() keeps the first of equal keys.
        let best = place
            .names()
            .0
            .iter()
            .reduce(|best, item| if key(item) > key(best) { item } else { best });
        place.display = match best {
            Some((name, _)) => name.clone(),
            None => place.geonames.clone().unwrap_or_default(),
        };
    }

    /// GeoNames sometimes lists a municipality twice (its seat and the locality, one with the
    /// population, one with the postcode): same name, same district, close by → one place.
    fn merge_duplicates(places: Vec<Place>) -> Vec<Place> {
        let mut group_of: HashMap<(String, String), usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (index, place) in places.iter().enumerate() {
            let key = (place.ags.clone(), fold(&place.display));
            let group = *group_of.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[group].push(index);
        }
        let mut places: Vec<Option<Place>> = places.into_iter().map(Some).collect();
        let mut merged = Vec::new();
        for mut group in groups {
            {
                let place = |index: &usize| places[*index].as_ref().expect("not merged yet");
                // Stable, by (no accurate postcode row, -population, lat, lon).
                group.sort_by(|a, b| {
                    let (a, b) = (place(a), place(b));
                    (
                        a.postcode_names.0.is_empty(),
                        std::cmp::Reverse(a.population),
                    )
                        .cmp(&(
                            b.postcode_names.0.is_empty(),
                            std::cmp::Reverse(b.population),
                        ))
                        .then(compare(a.lat, b.lat))
                        .then(compare(a.lon, b.lon))
                });
            }
            let mut kept: Vec<Place> = Vec::new();
            for index in group {
                let place = places[index].take().expect("each place in one group");
                match kept
                    .iter_mut()
                    .find(|other| km(place.lat, place.lon, other.lat, other.lon) <= CLUSTER_KM)
                {
                    Some(other) => {
                        other.population = other.population.max(place.population);
                        other.postcodes.extend(place.postcodes);
                        other.alternates.extend(place.alternates);
                    }
                    None => kept.push(place),
                }
            }
            merged.extend(kept);
        }
        merged
    }

    /// The place's line: name, coordinates, population, postcodes, alternate names.
    fn line(place: &Place) -> String {
        let display = &place.display;
        let mut seen: HashSet<String> = HashSet::from([fold(display), fold(base(display))]);
        let mut alternates = Vec::new();
        let names = place.names().0.iter().map(|(name, _)| name);
        for name in names.chain(&place.alternates) {
            let name = strip(name);
            let key = fold(name);
            if key.is_empty() || seen.contains(&key) || !worth_keeping(name) {
                continue;
            }
            // One edit from a name already kept ("Korbakh", "Villingen"): the lookup's typo
            // tolerance finds it anyway. Not so in the other scripts: there the one edit is
            // often in the first letters ("Мюнхен", the Russian name, after the Serbian
            // "Минхен"), where a name being typed must start like it.
            if !is_other_ui_script(name) && seen.iter().any(|other| within_one_edit(&key, other)) {
                continue;
            }
            seen.insert(key);
            alternates.push(name.replace('|', "/"));
        }
        let mut fields = vec![
            display.clone(),
            coordinate(place.lat),
            coordinate(place.lon),
            if place.population == 0 {
                String::new()
            } else {
                place.population.to_string()
            },
            place
                .postcodes
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(","),
            alternates.join("|"),
        ];
        while fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        fields.join("\t")
    }
}
