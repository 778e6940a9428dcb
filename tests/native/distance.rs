//! Distances against GeographicLib, and radius membership exactly at the boundary.
//!
//! `fixtures/geodesic-de.csv` is a copy of `../shared/data/geodesic-de.csv`: 200 point pairs in
//! and around Germany with the exact WGS84 geodesic distance computed by GeographicLib 2.1.

use geo::{Destination, Geodesic, Point};
use service_finder::directory::{Directory, Entry, Kind, Location, Text};
use service_finder::distance::GeoPoint;
use service_finder::distance::{HAVERSINE_RELATIVE_ERROR, geodesic_metres, haversine_metres};
use service_finder::search::{Index, Query, Sort};

struct Pair {
    from: GeoPoint,
    to: GeoPoint,
    metres: f64,
    label: String,
}

fn reference_pairs() -> Vec<Pair> {
    let csv = include_str!("../fixtures/geodesic-de.csv");
    let pairs: Vec<Pair> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let number = |index: usize| fields[index].parse::<f64>().unwrap();
            Pair {
                from: GeoPoint::new(number(0), number(1)),
                to: GeoPoint::new(number(2), number(3)),
                metres: number(4),
                label: fields[9..].join(","),
            }
        })
        .collect();
    assert_eq!(pairs.len(), 200);
    pairs
}

#[test]
fn geodesic_distance_is_within_a_metre_of_geographiclib() {
    let mut worst: f64 = 0.0;
    for pair in reference_pairs() {
        let error = (geodesic_metres(pair.from, pair.to) - pair.metres).abs();
        assert!(error < 1.0, "{}: off by {error} m", pair.label);
        worst = worst.max(error);
    }
    // In fact it is the same algorithm, so the agreement is far better than a metre.
    assert!(worst < 0.001, "worst error {worst} m");
}

#[test]
fn haversine_stays_within_its_stated_bound() {
    let check = |from: GeoPoint, to: GeoPoint| {
        let exact = geodesic_metres(from, to);
        let approximate = haversine_metres(from, to);
        assert!(
            (approximate - exact).abs() <= exact * HAVERSINE_RELATIVE_ERROR + 1.0,
            "{from:?} → {to:?}: haversine {approximate}, geodesic {exact}"
        );
    };
    for pair in reference_pairs() {
        check(pair.from, pair.to);
    }
    let mut random = fastrand::Rng::with_seed(7);
    for _ in 0..20_000 {
        let point = |random: &mut fastrand::Rng| {
            GeoPoint::new(47.0 + random.f64() * 8.5, 5.5 + random.f64() * 10.0)
        };
        let from = point(&mut random);
        let to = point(&mut random);
        check(from, to);
    }
}

fn entry_at(id: String, point: GeoPoint) -> Entry {
    Entry {
        location: Some(Location {
            latitude: Some(point.latitude),
            longitude: Some(point.longitude),
            ..Location::default()
        }),
        ..Entry::new(id, Kind::Service, Text::plain("Testpunkt"))
    }
}

fn destination(centre: GeoPoint, bearing: f64, metres: f64) -> GeoPoint {
    let point = Geodesic.destination(
        Point::new(centre.longitude, centre.latitude),
        bearing,
        metres,
    );
    GeoPoint::new(point.y(), point.x())
}

/// Entries one metre inside and one metre outside the radius, in every direction, for small and
/// large radii: the inside ones are found, the outside ones are not.
#[test]
fn no_entry_is_wrongly_in_or_out_at_the_radius() {
    let centres = [
        GeoPoint::new(51.2756, 8.873),
        GeoPoint::new(54.78, 9.43),
        GeoPoint::new(47.56, 10.7),
    ];
    let radii_km = [0.5, 5.0, 10.0, 25.0, 50.0, 200.0];
    for centre in centres {
        for radius_km in radii_km {
            let radius = radius_km * 1000.0;
            let mut entries = Vec::new();
            for step in 0..36 {
                let bearing = f64::from(step) * 10.0;
                entries.push(entry_at(
                    format!("in-{step}"),
                    destination(centre, bearing, radius - 1.0),
                ));
                entries.push(entry_at(
                    format!("out-{step}"),
                    destination(centre, bearing, radius + 1.0),
                ));
            }
            let index = Index::new(Directory {
                entries,
                ..Directory::default()
            });
            let query = Query {
                near: Some(centre),
                radius_km: Some(radius_km),
                sort: Sort::Distance,
                limit: 1000,
                ..Query::default()
            };
            let results = index.search(&query).unwrap();
            let found: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
            assert_eq!(
                results.total, 36,
                "radius {radius_km} km around {centre:?}: {found:?}"
            );
            assert!(found.iter().all(|id| id.starts_with("in-")), "{found:?}");
            for hit in &results.hits {
                let distance = hit.distance_metres.unwrap();
                assert!(
                    (distance - (radius - 1.0)).abs() < 0.001,
                    "shown distance {distance} for radius {radius}"
                );
            }
        }
    }
}

/// Sorting by distance uses the fast approximation only to pick candidates; the order shown is
/// the exact one, even for entries a few centimetres apart.
#[test]
fn distance_order_is_exact_for_near_ties() {
    let centre = GeoPoint::new(51.2756, 8.873);
    let mut entries = Vec::new();
    let mut expected = Vec::new();
    for step in 0..200 {
        // Spread over every bearing, with distances 5 cm apart: haversine alone would misorder them.
        let metres = 20_000.0 + f64::from(step) * 0.05;
        let bearing = f64::from(step * 37 % 360);
        entries.push(entry_at(
            format!("e{step}"),
            destination(centre, bearing, metres),
        ));
        expected.push(format!("e{step}"));
    }
    let index = Index::new(Directory {
        entries,
        ..Directory::default()
    });
    for (offset, limit) in [(0, 200), (0, 10), (50, 20), (190, 10)] {
        let query = Query {
            near: Some(centre),
            sort: Sort::Distance,
            offset,
            limit,
            ..Query::default()
        };
        let found: Vec<String> = index
            .search(&query)
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        assert_eq!(
            found,
            expected[offset..offset + limit],
            "page {offset}+{limit}"
        );
    }
}
