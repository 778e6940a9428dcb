//! Several directories as one: a county's own and its neighbours'. A newcomer near a county
//! border needs the offers on the other side too, and the counties of a network keep one
//! directory each.
//!
//! The first directory is the own one: its title, publisher, region and languages are the
//! merged directory's, and its entries come first at equal relevance (the search ranks entries
//! with a [`Source`] after the others). Every entry of another directory keeps where it came
//! from, as its `source`, so that its card can say "Quelle: Landkreis Kassel, Stand …".
//!
//! The same entry in two directories is shown once, the first directory's copy: the same id
//! from the same publisher (a file listed twice, or a neighbour's copy of the entry), or the
//! same name within [`SAME_PLACE_METRES`]. Each is reported as a [`Duplicate`] for review. An
//! id taken already is made unique with the other directory's AGS (or its position) in front.

use super::model::{Directory, Entry, Source, Text};
use crate::distance::{GeoPoint, geodesic_metres};
use crate::search::tokens;

/// How close two entries with the same name must be to count as the same entry.
pub const SAME_PLACE_METRES: f64 = 50.0;

/// An entry left out because an earlier directory has it already.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The position of the directory it was in (1 for the first neighbour).
    pub directory: usize,
    /// Its id there.
    pub id: String,
    /// The position of the directory whose copy is kept.
    pub kept_directory: usize,
    /// The kept copy's id (as merged).
    pub kept_id: String,
    /// Why they are the same.
    pub reason: DuplicateReason,
}

/// Why two entries count as one.
#[derive(Debug, Clone, PartialEq)]
pub enum DuplicateReason {
    /// The same id, from the same publisher.
    SameIdAndPublisher,
    /// The same name, this many metres apart.
    SameNameNearby(f64),
}

/// An entry whose id was taken already in an earlier directory, and the id it has now.
#[derive(Debug, Clone, PartialEq)]
pub struct Renamed {
    /// The position of its directory.
    pub directory: usize,
    /// The id in its own file.
    pub id: String,
    /// The id in the merged directory.
    pub merged_id: String,
}

/// What merging gave: one directory, and what happened to entries on the way.
#[derive(Debug)]
pub struct Merged {
    /// The own directory with every other's entries added.
    pub directory: Directory,
    /// The entries left out as the same as one kept.
    pub duplicates: Vec<Duplicate>,
    /// The entries whose id changed.
    pub renamed: Vec<Renamed>,
}

/// What is known of an entry kept, for finding its duplicates.
struct Kept {
    directory: usize,
    id: String,
    name: String,
    publisher: String,
    point: Option<GeoPoint>,
}

/// The entries kept so far, looked up by id and by folded name: sorted lists, searched by
/// bisection (a hash map of strings would add its code to the widget's wasm), made again
/// after each directory.
struct Lookup {
    by_id: Vec<u32>,
    by_name: Vec<u32>,
}

impl Lookup {
    fn new(kept: &[Kept]) -> Lookup {
        let mut by_id: Vec<u32> = (0..kept.len() as u32).collect();
        crate::order::sort_by(&mut by_id, |&a, &b| {
            kept[a as usize].id.cmp(&kept[b as usize].id)
        });
        let mut by_name = by_id.clone();
        crate::order::sort_by(&mut by_name, |&a, &b| {
            kept[a as usize].name.cmp(&kept[b as usize].name)
        });
        Lookup { by_id, by_name }
    }

    /// The kept entry with this id.
    fn id(&self, kept: &[Kept], id: &str) -> Option<usize> {
        let at = self
            .by_id
            .partition_point(|&entry| kept[entry as usize].id.as_str() < id);
        let entry = *self.by_id.get(at)? as usize;
        (kept[entry].id == id).then_some(entry)
    }

    /// The kept entries with this folded name.
    fn named<'a>(&'a self, kept: &'a [Kept], name: &'a str) -> impl Iterator<Item = usize> + 'a {
        let start = self
            .by_name
            .partition_point(|&entry| kept[entry as usize].name.as_str() < name);
        self.by_name[start..]
            .iter()
            .map(|&entry| entry as usize)
            .take_while(move |&entry| kept[entry].name == name)
    }
}

/// Merges the `others` into the `own` directory, in their order.
pub fn merge(own: Directory, others: Vec<Directory>) -> Merged {
    let mut merged = own;
    let own_publisher = publisher_name(&merged);
    let mut duplicates = Vec::new();
    let mut renamed = Vec::new();
    let mut kept: Vec<Kept> = merged
        .entries
        .iter()
        .map(|entry| kept_entry(entry, 0, &own_publisher))
        .collect();
    for (position, other) in others.into_iter().enumerate() {
        let position = position + 1;
        let lookup = Lookup::new(&kept);
        let publisher = publisher_name(&other);
        let source = Source {
            name: source_name(&other),
            last_modified: other.last_modified,
        };
        merge_categories(&mut merged, other.categories, other.synonyms);
        let prefix = other
            .region
            .as_ref()
            .and_then(|region| region.ags.clone())
            .unwrap_or_else(|| format!("d{position}"));
        // The ids this directory's renamed entries were given: an id of its own file that
        // comes later and is one of them is renamed too. (Few: a short list will do.)
        let mut taken: Vec<String> = Vec::new();
        for mut entry in other.entries {
            let name = name_key(&entry.name);
            let here = point(&entry);
            let same_id = lookup
                .id(&kept, &entry.id)
                .filter(|&at| kept[at].publisher == publisher)
                .map(|at| (at, DuplicateReason::SameIdAndPublisher));
            let same_place = || {
                let here = here?;
                lookup.named(&kept, &name).find_map(|at| {
                    let metres = geodesic_metres(kept[at].point?, here);
                    (metres <= SAME_PLACE_METRES)
                        .then_some((at, DuplicateReason::SameNameNearby(metres)))
                })
            };
            if let Some((at, reason)) = same_id.or_else(same_place) {
                duplicates.push(Duplicate {
                    directory: position,
                    id: entry.id,
                    kept_directory: kept[at].directory,
                    kept_id: kept[at].id.clone(),
                    reason,
                });
                continue;
            }
            if lookup.id(&kept, &entry.id).is_some() || taken.contains(&entry.id) {
                let merged_id = unique_id(&kept, &lookup, &taken, &prefix, &entry.id);
                taken.push(merged_id.clone());
                renamed.push(Renamed {
                    directory: position,
                    id: std::mem::replace(&mut entry.id, merged_id.clone()),
                    merged_id,
                });
            }
            if entry.source.is_none() {
                entry.source = Some(Box::new(source.clone()));
            }
            kept.push(Kept {
                directory: position,
                id: entry.id.clone(),
                name,
                publisher: publisher.clone(),
                point: here,
            });
            merged.entries.push(entry);
        }
    }
    Merged {
        directory: merged,
        duplicates,
        renamed,
    }
}

/// Adds another directory's own categories (those the merged one lacks) and search words.
fn merge_categories(
    merged: &mut Directory,
    categories: Vec<super::model::CategoryDefinition>,
    synonyms: Vec<(String, Vec<String>)>,
) {
    for definition in categories {
        if !merged
            .categories
            .iter()
            .any(|known| known.id == definition.id)
        {
            merged.categories.push(definition);
        }
    }
    for (category, words) in synonyms {
        match merged.synonyms.iter_mut().find(|(id, _)| *id == category) {
            Some((_, known)) => known.extend(words),
            None => merged.synonyms.push((category, words)),
        }
    }
}

fn kept_entry(entry: &Entry, directory: usize, publisher: &str) -> Kept {
    Kept {
        directory,
        id: entry.id.clone(),
        name: name_key(&entry.name),
        publisher: publisher.to_owned(),
        point: point(entry),
    }
}

/// `prefix:id`, or with a number after the prefix when that is taken too.
fn unique_id(kept: &[Kept], lookup: &Lookup, taken: &[String], prefix: &str, id: &str) -> String {
    let mut candidate = format!("{prefix}:{id}");
    let mut number = 2;
    while lookup.id(kept, &candidate).is_some() || taken.contains(&candidate) {
        candidate = format!("{prefix}-{number}:{id}");
        number += 1;
    }
    candidate
}

/// A name as search folds it (case, accents, punctuation): "Jobcenter  Korbach" and
/// "jobcenter korbach" are one name.
fn name_key(name: &Text) -> String {
    // One language is enough to compare: the first, usually the directory's own.
    name.iter()
        .next()
        .map(|(_, text)| tokens(text).join(" "))
        .unwrap_or_default()
}

fn point(entry: &Entry) -> Option<GeoPoint> {
    let location = entry.location.as_ref()?;
    Some(GeoPoint::new(location.latitude?, location.longitude?))
}

/// The publisher's name in the directory's language, for telling whose an id is.
fn publisher_name(directory: &Directory) -> String {
    directory
        .publisher
        .as_ref()
        .and_then(|publisher| {
            publisher
                .name
                .iter()
                .next()
                .map(|(_, text)| text.to_owned())
        })
        .unwrap_or_default()
}

/// What a card names as the source: the region, else the publisher, else the title.
fn source_name(directory: &Directory) -> Text {
    if let Some(region) = &directory.region {
        return region.name.clone();
    }
    if let Some(publisher) = &directory.publisher {
        return publisher.name.clone();
    }
    directory.title.clone()
}
