//! `service-finder search`: the widget's engine in the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use service_finder::directory::{Directory, Entry, Kind};
use service_finder::distance::GeoPoint;
use service_finder::search::{Index, Query, SearchResults, Sort};

use super::Source;
use super::output::{self, out};

#[derive(Args)]
pub struct SearchArgs {
    /// The directory file; the bundled demo directory when none is given.
    file: Option<PathBuf>,
    /// Words to search for (name, organisation, description, category, town).
    #[arg(long, short, default_value = "")]
    text: String,
    /// Only this kind: service, course or association (repeat for several).
    #[arg(long, value_parser = parse_kind)]
    kind: Vec<Kind>,
    /// Only this category id (repeat for several; any of them matches).
    #[arg(long)]
    category: Vec<String>,
    /// Only entries offered in this language code (repeat for several).
    #[arg(long)]
    language: Vec<String>,
    /// Only entries that are free of charge.
    #[arg(long)]
    free: bool,
    /// Only entries at a wheelchair-accessible place.
    #[arg(long)]
    wheelchair: bool,
    /// Only courses teaching this level: A1 … C2 or literacy (repeat for several).
    #[arg(long)]
    level: Vec<String>,
    /// Only courses of this type: integration, women, parents, youth, literacy, intensive,
    /// job_related or other (repeat for several).
    #[arg(long)]
    course_type: Vec<String>,
    /// Only entries with this flag: childcare, free-places, for-children, for-women, and with
    /// --today running, starts-soon or starts-later (repeat: all must hold).
    #[arg(long)]
    flag: Vec<String>,
    /// The day the date flags count from, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    today: Option<service_finder::directory::Date>,
    /// Measure distances from this point: LAT,LON in degrees (51.2756,8.873), a town (Korbach)
    /// or a postcode (34497). A town or postcode is looked up like `service-finder places` does,
    /// near the directory's region, and the place understood is named on stderr.
    #[arg(long, allow_hyphen_values = true)]
    near: Option<String>,
    /// Only entries within this many kilometres of --near (region-wide and remote ones stay).
    #[arg(long)]
    radius: Option<f64>,
    /// Order: relevance, distance or name.
    #[arg(long, default_value = "relevance", value_parser = parse_sort)]
    sort: Sort,
    /// Skip this many hits.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Show at most this many hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Language for names and descriptions where the directory has translations; without
    /// text and --near, the entries offered in it are listed first.
    #[arg(long, default_value = "de")]
    lang: String,
    /// Print JSON (the results with the entries) instead of text.
    #[arg(long)]
    json: bool,
    /// Expand the words with the thesaurus in this folder (data/thesaurus), as the widget does
    /// in the UI language given by --lang.
    #[arg(long, value_name = "FOLDER")]
    thesaurus: Option<std::path::PathBuf>,
    /// Also find other forms of the words (Bibliotheken, libraries) with the Snowball stemmers
    /// of German and of --lang, as the widget does once its stem module has loaded.
    #[arg(long)]
    stem: bool,
}

/// The `--json` output: the engine's results plus the entries they point to.
#[derive(Serialize)]
struct JsonOutput<'a> {
    #[serde(flatten)]
    results: &'a SearchResults,
    entries: Vec<&'a Entry>,
}

pub fn run(args: &SearchArgs) -> Result<ExitCode, String> {
    let source = Source::read(args.file.as_deref())?;
    let loaded = source
        .load()
        .map_err(|error| format!("{}: {error}", source.name))?;
    if !loaded.problems.is_empty() {
        eprintln!(
            "note: {} has {} problems; `service-finder check {}` lists them",
            source.name,
            loaded.problems.len(),
            args.file
                .as_ref()
                .map(|path| path.display().to_string())
                .unwrap_or_default()
        );
    }
    let near = match args.near.as_deref() {
        None => None,
        Some(text) => Some(resolve_near(text, &loaded.directory)?),
    };
    let mut index = Index::new(loaded.directory);
    if let Some(folder) = &args.thesaurus {
        let text = service_finder::search::thesaurus_text(folder, &args.lang)?;
        index.set_thesaurus(service_finder::search::Thesaurus::from_text(&text));
    }
    let query = Query {
        text: args.text.clone(),
        kinds: args.kind.clone(),
        categories: args.category.clone(),
        languages: args.language.clone(),
        free_of_charge: args.free,
        wheelchair_accessible: args.wheelchair,
        levels: args.level.clone(),
        course_types: args.course_type.clone(),
        flags: args.flag.clone(),
        today: args.today,
        near,
        radius_km: args.radius,
        sort: args.sort,
        offset: args.offset,
        limit: args.limit,
        // As in the widget: listed by name, the entries offered in the UI language come first.
        first_offered_in: Some(args.lang.clone()),
    };
    // Without --stem, no stemmer: the search finds what the widget's does before its stem
    // module has loaded.
    let stemmer = args
        .stem
        .then(|| service_finder_stem::WordStemmer::for_languages(&format!("de,{}", args.lang)));
    let results = match &stemmer {
        Some(stemmer) => {
            index.set_stemmer(&|word| stemmer.stems(word));
            index.search_stemmed(&query, &|word| stemmer.stems(word))
        }
        None => index.search(&query),
    }
    .map_err(|error| error.to_string())?;
    if args.json {
        let entries = results
            .hits
            .iter()
            .filter_map(|hit| index.entry(hit.entry_index))
            .collect();
        let json = serde_json::to_string_pretty(&JsonOutput {
            results: &results,
            entries,
        })
        .map_err(|error| error.to_string())?;
        output::json(&json);
    } else {
        print_results(&index, &query, &results, &args.lang);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_results(index: &Index, query: &Query, results: &SearchResults, language: &str) {
    let directory = index.directory();
    let default_language = directory.default_language.as_str();
    let shown = results.hits.len();
    let found = match results.total {
        1 => "1 result".to_owned(),
        total => format!("{total} results"),
    };
    if shown == 0 {
        out!("{found}");
        let suggestions = index.suggest(&query.text);
        if results.total == 0 && !suggestions.is_empty() {
            out!("did you mean: {}", suggestions.join(", "));
        }
    } else {
        out!(
            "{found}, showing {}–{}",
            query.offset + 1,
            query.offset + shown
        );
        if results.partial {
            out!("no entry has every word; these have some of them");
        }
        if let Some(topic) = &results.topic {
            out!("no entry for exactly that; these are about the topic {topic}");
        }
        if results.loose {
            let suggestions = index.suggest(&query.text);
            if !suggestions.is_empty() {
                out!("did you mean: {}", suggestions.join(", "));
            }
        }
    }
    for (position, hit) in results.hits.iter().enumerate() {
        let Some(entry) = index.entry(hit.entry_index) else {
            continue;
        };
        let name = entry
            .name
            .best(language, default_language)
            .map_or("", |(text, _)| text);
        let distance = hit.distance_metres.map(format_distance).unwrap_or_default();
        out!(
            "{:>3}. {name}  [{}]{distance}",
            query.offset + position + 1,
            entry.id
        );
        let mut details = vec![entry.kind.as_str().to_owned()];
        if let Some(organization) = &entry.organization
            && let Some((text, _)) = organization.name.best(language, default_language)
        {
            details.push(text.to_owned());
        }
        let categories: Vec<String> = entry
            .categories
            .iter()
            .filter_map(|id| directory.category_label(id, language))
            .map(str::to_owned)
            .collect();
        if !categories.is_empty() {
            details.push(categories.join(", "));
        }
        out!("     {}", details.join(" · "));
        let mut place = Vec::new();
        if let Some(location) = &entry.location {
            let address: Vec<&str> = [&location.address_1, &location.postal_code, &location.city]
                .into_iter()
                .filter_map(|part| part.as_deref())
                .collect();
            if !address.is_empty() {
                place.push(address.join(" "));
            }
        } else if let Some(area) = &entry.service_area {
            place.push(format!("serves: {:?}", area.scope).to_lowercase());
        }
        if !entry.languages.is_empty() {
            let codes: Vec<&str> = entry.languages.iter().map(|code| code.as_str()).collect();
            place.push(format!("languages: {}", codes.join(", ")));
        }
        if !place.is_empty() {
            out!("     {}", place.join(" · "));
        }
    }
    let facets = &results.facets;
    let format_counts = |counts: &[service_finder::search::FacetCount]| {
        counts
            .iter()
            .filter(|count| count.count > 0)
            .map(|count| format!("{} {}", count.value, count.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out!("kinds: {}", format_counts(&facets.kinds));
    out!("categories: {}", format_counts(&facets.categories));
    out!("languages: {}", format_counts(&facets.languages));
}

fn format_distance(metres: f64) -> String {
    if metres < 1000.0 {
        format!("  {metres:.0} m")
    } else {
        format!("  {:.1} km", metres / 1000.0)
    }
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a kind; use service, course or association"))
}

fn parse_sort(text: &str) -> Result<Sort, String> {
    Sort::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not an order; use relevance, distance or name"))
}

fn parse_date(text: &str) -> Result<service_finder::directory::Date, String> {
    service_finder::directory::Date::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a date; write it as YYYY-MM-DD"))
}

/// `--near`: coordinates when it looks like numbers, otherwise a place or postcode.
fn resolve_near(text: &str, directory: &Directory) -> Result<GeoPoint, String> {
    let looks_like_coordinates = text.contains(',')
        && text
            .chars()
            .all(|character| character.is_ascii_digit() || ".,-+ ".contains(character));
    if looks_like_coordinates {
        return parse_point(text);
    }
    let found = super::places::resolve(text, super::places::home_of(directory))?;
    eprintln!("near: {}", super::places::describe(&found));
    Ok(found.point)
}

fn parse_point(text: &str) -> Result<GeoPoint, String> {
    let invalid = || {
        format!("\"{text}\" is not a point; write LAT,LON in degrees, for example 51.2756,8.873")
    };
    let (latitude, longitude) = text.split_once(',').ok_or_else(invalid)?;
    let point = GeoPoint::new(
        latitude.trim().parse().map_err(|_| invalid())?,
        longitude.trim().parse().map_err(|_| invalid())?,
    );
    if point.is_valid() {
        Ok(point)
    } else {
        Err(invalid())
    }
}
