//! Distances on the WGS84 ellipsoid: exact ones for what is shown, fast ones for filtering.
//!
//! Every distance a user sees is the exact geodesic (Karney's algorithm, via the `geo` crate),
//! within a millimetre of GeographicLib. Filtering 100,000 entries by radius with it would be
//! slow, so a spatial grid first narrows the candidates, then the haversine formula decides
//! every entry that is clearly inside or outside. Only entries within the haversine's proven
//! error bound of the radius are measured exactly, so no entry is wrongly in or out.

mod grid;

use geo::{Distance, Geodesic, Haversine, Point};
use serde::Serialize;

pub use grid::SpatialGrid;

/// A point on the earth in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GeoPoint {
    /// Latitude, −90 to 90.
    pub latitude: f64,
    /// Longitude, −180 to 180.
    pub longitude: f64,
}

impl GeoPoint {
    /// Creates a point from latitude and longitude in degrees.
    pub fn new(latitude: f64, longitude: f64) -> GeoPoint {
        GeoPoint {
            latitude,
            longitude,
        }
    }

    /// True when both coordinates are finite and in range.
    pub fn is_valid(self) -> bool {
        self.latitude.is_finite()
            && self.longitude.is_finite()
            && self.latitude.abs() <= 90.0
            && self.longitude.abs() <= 180.0
    }

    fn to_geo(self) -> Point<f64> {
        Point::new(self.longitude, self.latitude)
    }
}

/// The largest relative error of [`haversine_metres`] against the WGS84 geodesic, with margin.
///
/// The spherical model is off by at most about 0.56 % anywhere on earth (less in Germany);
/// `tests/distance.rs` checks the bound on the GeographicLib reference pairs and on random pairs.
pub const HAVERSINE_RELATIVE_ERROR: f64 = 0.006;

/// Absolute slack added to the bound, in metres, to absorb rounding.
const HAVERSINE_ABSOLUTE_SLACK_METRES: f64 = 1.0;

/// The exact WGS84 geodesic distance in metres.
pub fn geodesic_metres(from: GeoPoint, to: GeoPoint) -> f64 {
    Geodesic.distance(from.to_geo(), to.to_geo())
}

/// The great-circle distance in metres on a sphere of the mean earth radius: fast, and within
/// [`HAVERSINE_RELATIVE_ERROR`] of the geodesic.
pub fn haversine_metres(from: GeoPoint, to: GeoPoint) -> f64 {
    Haversine.distance(from.to_geo(), to.to_geo())
}

/// Whether `point` lies within `radius_metres` (geodesic) of `centre`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RadiusTest {
    /// The verdict.
    pub inside: bool,
    /// The haversine distance in metres, always measured.
    pub approximate: f64,
    /// The exact (geodesic) distance, when the haversine one was too near the radius to tell.
    pub exact: Option<f64>,
}

/// Tests whether `point` lies within `radius_metres` (geodesic) of `centre`: by the haversine
/// distance where its error cannot change the verdict, else by the exact one.
pub fn within_radius(centre: GeoPoint, point: GeoPoint, radius_metres: f64) -> RadiusTest {
    let approximate = haversine_metres(centre, point);
    let margin = approximate * HAVERSINE_RELATIVE_ERROR + HAVERSINE_ABSOLUTE_SLACK_METRES;
    let (inside, exact) = if approximate + margin < radius_metres {
        (true, None)
    } else if approximate - margin > radius_metres {
        (false, None)
    } else {
        let exact = geodesic_metres(centre, point);
        (exact <= radius_metres, Some(exact))
    };
    RadiusTest {
        inside,
        approximate,
        exact,
    }
}

/// The widest an approximate distance `approximate` can be from the exact one, in metres.
pub fn haversine_error_bound(approximate: f64) -> f64 {
    approximate * HAVERSINE_RELATIVE_ERROR + HAVERSINE_ABSOLUTE_SLACK_METRES
}
