//! `service-finder places`: look a town or postcode up in the gazetteer.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use service_finder::distance::GeoPoint;
use service_finder::places::{self, Gazetteer, Home, LookupOptions, PlaceMatch, RegionArea};

use super::Source;
use super::output::{self, out};

#[derive(Args)]
pub struct PlacesArgs {
    /// A town name (or its beginning, with up to one typo) or a postcode (or its beginning).
    #[arg(required_unless_present = "region_subset")]
    query: Option<String>,
    /// Show at most this many places.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Rank places near this directory's region first; the bundled demo directory (Landkreis
    /// Waldeck-Frankenberg) when not given.
    #[arg(long)]
    directory: Option<PathBuf>,
    /// Rank by size only, with no home region.
    #[arg(long, conflicts_with = "directory")]
    no_home: bool,
    /// Instead of looking up, print the region subset for the directory's region (the places
    /// within 60 km of its centre and in its district and the neighbouring ones) in the
    /// gazetteer format.
    #[arg(long, conflicts_with = "no_home")]
    region_subset: bool,
}

pub fn run(args: &PlacesArgs) -> Result<ExitCode, String> {
    let germany = Gazetteer::parse(places::GERMANY).map_err(|error| error.to_string())?;
    let home = if args.no_home {
        None
    } else {
        Some(directory_home(args.directory.as_deref())?)
    };
    if args.region_subset {
        let home = home.ok_or("--region-subset needs a directory with a region")?;
        let area = RegionArea::around(home.centre, home.district_ags.as_deref());
        output::raw(&germany.region(&area).to_text());
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.query.as_deref().unwrap_or("");
    let matches = germany.lookup(
        query,
        &LookupOptions {
            limit: args.limit,
            home,
        },
    );
    if args.json {
        let json = serde_json::to_string_pretty(&matches).map_err(|error| error.to_string())?;
        output::json(&json);
    } else {
        print_matches(query, &matches);
    }
    Ok(if matches.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The best place for `query` near the directory's region: for `search --near`.
pub fn resolve(query: &str, home: Option<Home>) -> Result<PlaceMatch, String> {
    let germany = Gazetteer::parse(places::GERMANY).map_err(|error| error.to_string())?;
    germany
        .lookup(query, &LookupOptions { limit: 1, home })
        .into_iter()
        .next()
        .ok_or_else(|| {
            format!(
                "no place or postcode matches \"{query}\"; write a German town, a postcode or LAT,LON"
            )
        })
}

/// The home region of a directory file (or of the bundled demo directory).
fn directory_home(path: Option<&std::path::Path>) -> Result<Home, String> {
    let source = Source::read(path)?;
    let loaded = source
        .load()
        .map_err(|error| format!("{}: {error}", source.name))?;
    home_of(&loaded.directory).ok_or_else(|| format!("{} has no region", source.name))
}

/// The region of a directory as the home for ranking places.
pub fn home_of(directory: &service_finder::directory::Directory) -> Option<Home> {
    let region = directory.region.as_ref()?;
    let centre = GeoPoint::new(region.latitude, region.longitude);
    centre
        .is_valid()
        .then(|| Home::new(centre, region.ags.clone()))
}

/// One line for the place that was understood, for messages: "Korbach (34497, Landkreis
/// Waldeck-Frankenberg, Hessen) at 51.2756,8.873".
pub fn describe(found: &PlaceMatch) -> String {
    format!(
        "{} ({}) at {},{}",
        found.name,
        details(found),
        found.point.latitude,
        found.point.longitude
    )
}

fn details(found: &PlaceMatch) -> String {
    let mut parts = Vec::new();
    match found.postcodes.as_slice() {
        [] => {}
        [one] => parts.push(one.clone()),
        [first, .., last] => parts.push(format!(
            "{first}–{last}, {} postcodes",
            found.postcodes.len()
        )),
    }
    parts.push(found.district.clone());
    parts.push(found.state.clone());
    parts.join(", ")
}

fn print_matches(query: &str, matches: &[PlaceMatch]) {
    if matches.is_empty() {
        out!("no place or postcode matches \"{query}\"");
    }
    for (position, found) in matches.iter().enumerate() {
        let also = found
            .matched_name
            .as_ref()
            .map(|name| format!("  (as \"{name}\")"))
            .unwrap_or_default();
        out!(
            "{:>3}. {}{also}  {:.4},{:.4}",
            position + 1,
            found.name,
            found.point.latitude,
            found.point.longitude
        );
        out!("     {}", details(found));
    }
    out!("{}", places::ATTRIBUTION);
}
