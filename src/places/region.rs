//! The region subset: the part of the gazetteer a county's widget carries from the start.

use super::{District, Gazetteer, Place};
use crate::distance::{GeoPoint, haversine_metres};

/// How far around a region's centre places count as "in or near the region", in kilometres:
/// about the radius within which people in a rural county look for services.
pub const DEFAULT_REGION_RADIUS_KM: f64 = 60.0;

/// Two districts are neighbours when a place of one lies this close to a place of the other.
/// Towns of 500 inhabitants or more are rarely further apart than this across a border, and
/// districts that do not touch are rarely this close.
const NEIGHBOUR_KM: f64 = 6.0;

/// Which places a region subset keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionArea {
    /// Places within `radius_km` of this point are kept.
    pub centre: Option<GeoPoint>,
    /// The radius around `centre`, in kilometres.
    pub radius_km: f64,
    /// Places in these districts (AGS) and in their neighbouring districts are kept.
    pub districts: Vec<String>,
}

impl RegionArea {
    /// The area of a directory's region: its centre with the default radius, and its district
    /// with the neighbouring ones.
    pub fn around(centre: GeoPoint, district_ags: Option<&str>) -> RegionArea {
        RegionArea {
            centre: Some(centre),
            radius_km: DEFAULT_REGION_RADIUS_KM,
            districts: district_ags.into_iter().map(str::to_owned).collect(),
        }
    }
}

impl Gazetteer {
    /// The places in `area`, as a gazetteer of their own (with only their districts).
    pub fn region(&self, area: &RegionArea) -> Gazetteer {
        let mut district_wanted = vec![false; self.districts.len()];
        for ags in &area.districts {
            for (position, district) in self.districts.iter().enumerate() {
                if &district.ags == ags {
                    district_wanted[position] = true;
                }
            }
        }
        let neighbours = self.neighbours_of(&district_wanted);
        let radius_metres = area.radius_km * 1000.0;
        let keep = |place: &Place| {
            neighbours[place.district]
                || area
                    .centre
                    .is_some_and(|centre| haversine_metres(centre, place.point) <= radius_metres)
        };
        let mut new_position = vec![usize::MAX; self.districts.len()];
        let mut districts: Vec<District> = Vec::new();
        let mut places = Vec::new();
        for place in self.places.iter().filter(|place| keep(place)) {
            if new_position[place.district] == usize::MAX {
                new_position[place.district] = districts.len();
                districts.push(self.districts[place.district].clone());
            }
            places.push(Place {
                district: new_position[place.district],
                ..place.clone()
            });
        }
        Gazetteer::new(districts, places)
    }

    /// The wanted districts together with every district that borders one of them.
    fn neighbours_of(&self, wanted: &[bool]) -> Vec<bool> {
        let mut result = wanted.to_vec();
        let inside: Vec<GeoPoint> = self
            .places
            .iter()
            .filter(|place| wanted[place.district])
            .map(|place| place.point)
            .collect();
        if inside.is_empty() {
            return result;
        }
        // A cheap box first: only places within reach of the wanted districts are measured.
        let margin = NEIGHBOUR_KM / 111.0 * 2.0;
        let (mut south, mut north, mut west, mut east) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for point in &inside {
            south = south.min(point.latitude - margin);
            north = north.max(point.latitude + margin);
            west = west.min(point.longitude - margin * 2.0);
            east = east.max(point.longitude + margin * 2.0);
        }
        for place in &self.places {
            let point = place.point;
            if result[place.district]
                || point.latitude < south
                || point.latitude > north
                || point.longitude < west
                || point.longitude > east
            {
                continue;
            }
            if inside
                .iter()
                .any(|&other| haversine_metres(other, point) <= NEIGHBOUR_KM * 1000.0)
            {
                result[place.district] = true;
            }
        }
        result
    }
}
