//! A uniform latitude/longitude grid that narrows a radius search to nearby entries.

use rustc_hash::FxHashMap;

use super::GeoPoint;

/// Cell size in degrees: about 11 km north–south and 7 km east–west in Germany, so a typical
/// 5–50 km radius touches a few dozen cells.
const CELL_DEGREES: f64 = 0.1;

/// Shortest length of one degree of latitude on WGS84, in metres (at the equator). Dividing by
/// the shortest length over-estimates the span in degrees, which keeps the search box large
/// enough.
const MIN_METRES_PER_DEGREE_LATITUDE: f64 = 110_574.0;

/// Shortest length of one degree of longitude at the equator on a sphere that lies inside the
/// ellipsoid, in metres; scaled by cos(latitude) below.
const MIN_METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR: f64 = 111_000.0;

/// Indices of points, bucketed by grid cell.
#[derive(Debug, Clone, Default)]
pub struct SpatialGrid {
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    len: usize,
}

impl SpatialGrid {
    /// Builds the grid from `(index, point)` pairs.
    pub fn new(points: impl IntoIterator<Item = (u32, GeoPoint)>) -> SpatialGrid {
        let mut cells: FxHashMap<(i32, i32), Vec<u32>> = FxHashMap::default();
        let mut len = 0;
        for (index, point) in points {
            cells.entry(cell_of(point)).or_default().push(index);
            len += 1;
        }
        SpatialGrid { cells, len }
    }

    /// Appends to `out` every index whose point may lie within `radius_metres` of `centre` (and
    /// some that do not). Returns false, appending nothing, when the radius is so large that
    /// scanning every point is cheaper.
    pub fn candidates(&self, centre: GeoPoint, radius_metres: f64, out: &mut Vec<u32>) -> bool {
        let margin = 1.01;
        let latitude_span = radius_metres / MIN_METRES_PER_DEGREE_LATITUDE * margin;
        let south = centre.latitude - latitude_span;
        let north = centre.latitude + latitude_span;
        let farthest_from_equator = south.abs().max(north.abs());
        if farthest_from_equator >= 89.0 {
            return false;
        }
        let longitude_span = radius_metres
            / (MIN_METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR
                * farthest_from_equator.to_radians().cos())
            * margin;
        let west = centre.longitude - longitude_span;
        let east = centre.longitude + longitude_span;
        // Boxes across the antimeridian would need two ranges; nobody searches there.
        if west < -180.0 || east > 180.0 {
            return false;
        }
        let (south_cell, west_cell) = cell_of(GeoPoint::new(south, west));
        let (north_cell, east_cell) = cell_of(GeoPoint::new(north, east));
        let cell_count =
            (i64::from(north_cell - south_cell) + 1) * (i64::from(east_cell - west_cell) + 1);
        if cell_count as usize > self.cells.len().max(self.len / 8) {
            return false;
        }
        for row in south_cell..=north_cell {
            for column in west_cell..=east_cell {
                if let Some(indices) = self.cells.get(&(row, column)) {
                    out.extend_from_slice(indices);
                }
            }
        }
        true
    }
}

fn cell_of(point: GeoPoint) -> (i32, i32) {
    (
        (point.latitude / CELL_DEGREES).floor() as i32,
        (point.longitude / CELL_DEGREES).floor() as i32,
    )
}
