//! Looking places up by name or postcode, while the user types.
//!
//! Every name of a place (its name, the name without its qualifier, its alternate names) is
//! folded like the search folds text and kept in one sorted list, together with each of its
//! later words ("wildungen" for "Bad Wildungen"). A typed name is then a binary search for
//! the range of keys it starts; a typo needs one pass over the keys with a cheap first-letters
//! test. Postcodes are a second sorted list.

use serde::Serialize;

use super::{Gazetteer, Place};
use crate::distance::GeoPoint;
use crate::search::{for_each_token_as_heard, prefix_within_one_edit};

/// How to look places up.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupOptions {
    /// At most this many matches.
    pub limit: usize,
    /// The directory's home region: its places rank first among equally good matches.
    pub home: Option<Home>,
}

impl Default for LookupOptions {
    fn default() -> LookupOptions {
        LookupOptions {
            limit: 10,
            home: None,
        }
    }
}

/// The region a directory covers, for ranking: places in its district or within `radius_km`
/// of its centre come first.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    /// The region's centre.
    pub centre: GeoPoint,
    /// The district key (AGS) of the region, if it is one district.
    pub district_ags: Option<String>,
    /// Places within this distance of the centre count as near home.
    pub radius_km: f64,
}

impl Home {
    /// A home around `centre`, optionally a district, with the default radius of 60 km.
    pub fn new(centre: GeoPoint, district_ags: Option<String>) -> Home {
        Home {
            centre,
            district_ags,
            radius_km: super::DEFAULT_REGION_RADIUS_KM,
        }
    }
}

/// How a place matched a query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// A name of the place is the query ("korbach", "Frankenberg" for "Frankenberg (Eder)"),
    /// or the query is one of its postcodes.
    Exact,
    /// A name of the place starts with the query ("Korb" → Korbach), or a postcode does.
    Prefix,
    /// A later word of a name starts with the query ("Wildungen" → Bad Wildungen).
    Word,
    /// A name is one typo away from the query (or from a name being typed).
    Typo,
}

/// A place that matches a query, with what tells it apart from others of the same name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceMatch {
    /// The place's German name ("Frankenberg (Eder)").
    pub name: String,
    /// The name that matched when it is another one ("Lubin" for Lübben (Spreewald)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_name: Option<String>,
    /// How it matched.
    pub kind: MatchKind,
    /// The place's centre.
    pub point: GeoPoint,
    /// Its postcodes, ascending.
    pub postcodes: Vec<String>,
    /// The name of its district.
    pub district: String,
    /// The district key (AGS).
    pub district_ags: String,
    /// The German state.
    pub state: String,
    /// Inhabitants, 0 when unknown.
    pub population: u32,
    /// Whether it lies in or near the home region of the lookup.
    pub near_home: bool,
    /// Position of the place in [`Gazetteer::places`].
    pub place_index: usize,
}

/// The script of a letter among the UI languages' other scripts: Cyrillic, Arabic (with
/// Persian) or Ethiopic; `None` for Latin letters and anything else.
fn script(letter: char) -> Option<u8> {
    match u32::from(letter) {
        0x400..=0x4FF => Some(0),
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFEFF => Some(1),
        0x1200..=0x139F => Some(2),
        _ => None,
    }
}

/// Consonants of a name in another script that are compared at the least: two would match
/// most places.
const MIN_SOUND_CHARS: usize = 3;

impl Gazetteer {
    /// The places that match `query` (a name, part of one while typing, or a postcode), best
    /// first: exact matches before prefixes before typos, places near home first, then the
    /// larger ones. An empty or unmatched query gives no matches.
    pub fn lookup(&self, query: &str, options: &LookupOptions) -> Vec<PlaceMatch> {
        let mut words = String::new();
        let mut digits = String::new();
        let mut typing_word_lengths = Vec::new();
        for_each_token_as_heard(query, |token| {
            if token.bytes().all(|byte| byte.is_ascii_digit()) {
                if digits.is_empty() {
                    digits.push_str(token);
                }
            } else {
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(token);
                typing_word_lengths.push(token.chars().count());
            }
        });
        if (words.is_empty() && digits.is_empty()) || options.limit == 0 || digits.len() > 5 {
            return Vec::new();
        }

        // The best kind and the matched name per place (u8::MAX: not matched).
        let mut best = vec![(u8::MAX, 0u16); self.places.len()];
        let mut found = Vec::new();
        // Whether any name or postcode matched (read while `note` still holds `found`).
        let matched = std::cell::Cell::new(false);
        let mut note = |place: u32, kind: MatchKind, name: u16| {
            matched.set(true);
            let slot = &mut best[place as usize];
            if slot.0 == u8::MAX {
                found.push(place);
            }
            // On a tie, the place's own name: "Win" is "Winterberg", not its dialect name
            // "Winnenmerg", which would be shown beside it.
            if (kind as u8) < slot.0 || ((kind as u8) == slot.0 && name == 0) {
                *slot = (kind as u8, name);
            }
        };
        if !words.is_empty() {
            self.index
                .match_words(&words, &typing_word_lengths, &mut note);
        }
        // Words in another script: a German name written as heard ("باد فيلدونغن",
        // "Бад-Вільдунген", "کورباخ"), found by the skeleton of its consonants (see
        // `search::sound`), also while it is being typed; a whole skeleton counts as an exact
        // match. When a name in that script matched already (GeoNames has "Лихтенфельс" for
        // the Bavarian town), only the places near home without a name in that script are
        // compared: the town nearby still comes first, as its Latin name would.
        let home = options.home.as_ref().map(|home| HomeTest::new(home, self));
        let wanted = (!words.is_ascii())
            .then(|| crate::search::sound_of(&words))
            .flatten()
            .filter(|wanted| wanted.chars().count() >= MIN_SOUND_CHARS);
        if let Some(wanted) = wanted {
            let only_near_home = matched.get();
            let query_script = words.chars().find_map(script);
            for (number, place) in self.places.iter().enumerate() {
                // Near home, and without a name of its own in the query's script (Brilon's
                // "Брилон" would have matched if it were meant by "Берлин").
                let near_without_own_name = || {
                    home.as_ref().is_some_and(|home| home.test(place).0)
                        && !place
                            .alternate_names
                            .iter()
                            .any(|name| name.chars().find_map(script) == query_script)
                };
                if only_near_home && !near_without_own_name() {
                    continue;
                }
                let names = std::iter::once(&place.name).chain(&place.alternate_names);
                for (name, text) in names.enumerate() {
                    let Some(sound) = crate::search::sound_of(text) else {
                        continue;
                    };
                    // Another name is shown only in the script typed: "ويلينغن" is
                    // Willingen, not Willingen ("Vilingen").
                    let shown = if text.chars().find_map(script) == query_script {
                        name as u16
                    } else {
                        0
                    };
                    if sound == wanted {
                        note(number as u32, MatchKind::Exact, shown);
                    } else if sound.starts_with(&wanted) {
                        note(number as u32, MatchKind::Typo, shown);
                    }
                }
            }
        }
        let postcode_places = if digits.is_empty() {
            None
        } else {
            Some(self.index.match_postcode(&digits))
        };
        match postcode_places {
            Some(postcode_places) if words.is_empty() => {
                for (place, kind) in postcode_places {
                    note(place, kind, 0);
                }
            }
            Some(postcode_places) => {
                // Name and postcode together: the postcode narrows the names.
                let mut with_postcode = vec![false; self.places.len()];
                for (place, _) in postcode_places {
                    with_postcode[place as usize] = true;
                }
                found.retain(|&place| with_postcode[place as usize]);
            }
            None => {}
        }

        let mut ranked: Vec<(u8, bool, u32, u32, bool)> = found
            .iter()
            .map(|&place| {
                let kind = best[place as usize].0;
                let data = &self.places[place as usize];
                let (near, in_district) =
                    home.as_ref().map_or((false, false), |home| home.test(data));
                // Near home, an exact match or a prefix beats an exact match far away: in a
                // county's widget, "Korb" is Korbach being typed more likely than Korb in
                // Baden-Württemberg, which still follows.
                let band = match (kind, near) {
                    (0, true) => 0,
                    (1, true) => 1,
                    (0, false) => 2,
                    (1, false) => 3,
                    (2, true) => 4,
                    (2, false) => 5,
                    (_, true) => 6,
                    _ => 7,
                };
                (band, !in_district, u32::MAX - data.population, place, near)
            })
            .collect();
        crate::order::sort(&mut ranked);
        ranked.truncate(options.limit);
        ranked
            .into_iter()
            .map(|(_, _, _, place, near)| {
                let (kind, name) = best[place as usize];
                self.place_match(place as usize, kind, name, near)
            })
            .collect()
    }

    fn place_match(&self, index: usize, kind: u8, name: u16, near_home: bool) -> PlaceMatch {
        let place = &self.places[index];
        let district = &self.districts[place.district];
        let kind = match kind {
            0 => MatchKind::Exact,
            1 => MatchKind::Prefix,
            2 => MatchKind::Word,
            _ => MatchKind::Typo,
        };
        PlaceMatch {
            name: place.name.clone(),
            matched_name: name
                .checked_sub(1)
                .and_then(|alternate| place.alternate_names.get(usize::from(alternate)))
                .cloned(),
            kind,
            point: place.point,
            postcodes: place.postcodes.clone(),
            district: district.name.clone(),
            district_ags: district.ags.clone(),
            state: district.state().to_owned(),
            population: place.population,
            near_home,
            place_index: index,
        }
    }
}

/// A fast test for "in or near home": an equirectangular distance is plenty for ranking.
struct HomeTest {
    latitude: f64,
    longitude: f64,
    longitude_scale: f64,
    radius_squared: f64,
    district: Option<usize>,
}

impl HomeTest {
    fn new(home: &Home, gazetteer: &Gazetteer) -> HomeTest {
        const KM_PER_DEGREE: f64 = 111.195;
        let radius_degrees = home.radius_km / KM_PER_DEGREE;
        HomeTest {
            latitude: home.centre.latitude,
            longitude: home.centre.longitude,
            longitude_scale: home.centre.latitude.to_radians().cos(),
            radius_squared: radius_degrees * radius_degrees,
            district: home.district_ags.as_deref().and_then(|ags| {
                gazetteer
                    .districts
                    .iter()
                    .position(|district| district.ags == ags)
            }),
        }
    }

    /// (near home, in the home district).
    fn test(&self, place: &Place) -> (bool, bool) {
        let in_district = self.district == Some(place.district);
        let dy = place.point.latitude - self.latitude;
        let dx = (place.point.longitude - self.longitude) * self.longitude_scale;
        (
            in_district || dx * dx + dy * dy <= self.radius_squared,
            in_district,
        )
    }
}

/// One folded name of a place, or a later part of one.
#[derive(Debug, Clone, Copy)]
struct Key {
    start: u32,
    length: u16,
    /// 0: the place's name; n: its alternate name n − 1.
    name: u16,
    place: u32,
    /// A later word of the name, not its start.
    inner: bool,
}

/// The sorted keys and postcodes of a gazetteer.
#[derive(Debug, Clone, Default)]
pub(super) struct LookupIndex {
    text: String,
    keys: Vec<Key>,
    /// The keys that start a name (not later words), for the typo pass: their positions in
    /// `keys`, their letters as a bit set, and their first two bytes.
    typo_keys: Vec<u32>,
    typo_masks: Vec<u32>,
    typo_heads: Vec<[u8; 2]>,
    postcodes: Vec<([u8; 5], u32)>,
}

impl LookupIndex {
    pub(super) fn new(places: &[Place]) -> LookupIndex {
        let mut index = LookupIndex::default();
        let mut folded = String::new();
        let mut seen: Vec<String> = Vec::new();
        for (place_number, place) in places.iter().enumerate() {
            seen.clear();
            let names = std::iter::once(&place.name).chain(&place.alternate_names);
            for (name_number, name) in names.enumerate() {
                // The name itself and the name without its qualifier: "Frankenberg (Eder)"
                // is also "Frankenberg", "Frankenberg/Sa." also "Frankenberg".
                let base = name
                    .find(" (")
                    .or_else(|| name.find('/'))
                    .map(|cut| &name[..cut]);
                for variant in std::iter::once(name.as_str()).chain(base) {
                    folded.clear();
                    for_each_token_as_heard(variant, |token| {
                        if !folded.is_empty() {
                            folded.push(' ');
                        }
                        folded.push_str(token);
                    });
                    if folded.is_empty() || seen.contains(&folded) {
                        continue;
                    }
                    seen.push(folded.clone());
                    index.add(&folded, place_number as u32, name_number as u16);
                }
            }
            for postcode in &place.postcodes {
                if let Ok(code) = <[u8; 5]>::try_from(postcode.as_bytes()) {
                    index.postcodes.push((code, place_number as u32));
                }
            }
        }
        let text = &index.text;
        // Every order here is total; see `crate::order` for why not `sort_unstable_by`.
        crate::order::sort_by(&mut index.keys, |a, b| {
            key_text(text, a)
                .cmp(key_text(text, b))
                .then(a.inner.cmp(&b.inner))
                .then(a.place.cmp(&b.place))
        });
        for (position, key) in index.keys.iter().enumerate() {
            if key.inner {
                continue;
            }
            let text = key_text(&index.text, key).as_bytes();
            index.typo_keys.push(position as u32);
            index
                .typo_masks
                .push(letter_mask(key_text(&index.text, key)));
            index
                .typo_heads
                .push([text[0], text.get(1).copied().unwrap_or(0)]);
        }
        crate::order::sort(&mut index.postcodes);
        index.postcodes.dedup();
        index
    }

    fn add(&mut self, folded: &str, place: u32, name: u16) {
        // Keys store their length in 16 bits; no real place name comes near that.
        if folded.len() > usize::from(u16::MAX) {
            return;
        }
        let start = self.text.len() as u32;
        self.text.push_str(folded);
        let mut inner = false;
        let mut offset = 0;
        for part in folded.split(' ') {
            if part.len() >= 2 || !inner {
                self.keys.push(Key {
                    start: start + offset as u32,
                    length: (folded.len() - offset) as u16,
                    name,
                    place,
                    inner,
                });
            }
            offset += part.len() + 1;
            inner = true;
        }
    }

    fn text_of(&self, key: &Key) -> &str {
        key_text(&self.text, key)
    }

    /// Calls `note` with every place whose names match the folded `query`.
    fn match_words(
        &self,
        query: &str,
        word_lengths: &[usize],
        note: &mut impl FnMut(u32, MatchKind, u16),
    ) {
        let first = self.keys.partition_point(|key| self.text_of(key) < query);
        for key in &self.keys[first..] {
            let text = self.text_of(key);
            if !text.starts_with(query) {
                break;
            }
            let kind = if key.inner {
                MatchKind::Word
            } else if text.len() == query.len() {
                MatchKind::Exact
            } else {
                MatchKind::Prefix
            };
            note(key.place, kind, key.name);
        }
        // One typo, only in a word of five letters or more: shorter words have too many
        // neighbours one edit away. Four letters may miss one of a doubled letter (see
        // `typo_match`).
        if !word_lengths.iter().any(|&length| length >= 4) {
            return;
        }
        let query_bytes = query.as_bytes();
        let (q0, q1) = (query_bytes[0], query_bytes.get(1).copied().unwrap_or(0));
        let query_mask = letter_mask(query);
        for (position, (&mask, &[k0, k1])) in
            self.typo_masks.iter().zip(&self.typo_heads).enumerate()
        {
            // Two cheap tests reject almost every key before the real comparison: one edit
            // leaves at most one letter of the query missing from the name, and keeps one of
            // these relations between the first two letters.
            if (query_mask & !mask).count_ones() > 1
                || !(k0 == q0 || k1 == q1 || k1 == q0 || k0 == q1)
            {
                continue;
            }
            let key = &self.keys[self.typo_keys[position] as usize];
            let text = self.text_of(key);
            if text.len() + 1 >= query_bytes.len() && typo_match(query, word_lengths, text) {
                note(key.place, MatchKind::Typo, key.name);
            }
        }
    }

    /// The places with the postcode `digits`, or with postcodes starting with them.
    fn match_postcode(&self, digits: &str) -> Vec<(u32, MatchKind)> {
        let digits = digits.as_bytes();
        let first = self
            .postcodes
            .partition_point(|(code, _)| &code[..] < digits);
        self.postcodes[first..]
            .iter()
            .take_while(|(code, _)| code.starts_with(digits))
            .map(|&(code, place)| {
                let kind = if code[..] == *digits {
                    MatchKind::Exact
                } else {
                    MatchKind::Prefix
                };
                (place, kind)
            })
            .collect()
    }
}

fn key_text<'a>(text: &'a str, key: &Key) -> &'a str {
    &text[key.start as usize..key.start as usize + usize::from(key.length)]
}

/// Whether `name` or a prefix of it (a name still being typed) is one edit from `query`, with
/// the edit in a word of at least five letters; or of four, when the edit is one letter of a
/// pair left out ("Вілі" for "Віллінген", "Wili" for "Willingen"): a newcomer writes a name as
/// heard, and the place field should not say "not found" until the fifth letter.
fn typo_match(query: &str, word_lengths: &[usize], name: &str) -> bool {
    let matched = prefix_within_one_edit(query, name);
    if !matched {
        return false;
    }
    // The word with the edit: the one where query and name first differ.
    let common = query
        .chars()
        .zip(name.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let allowed = |length: usize| {
        length >= 5 || (length == 4 && pair_left_out(query.as_bytes(), name.as_bytes()))
    };
    let mut position = 0;
    for &length in word_lengths {
        if common <= position + length {
            return allowed(length);
        }
        position += length + 1;
    }
    word_lengths.last().is_some_and(|&length| allowed(length))
}

/// Whether `query` is `name` (or its start) with the second letter of a pair left out, where
/// they first differ. On bytes: a letter is one to four of them in UTF-8, and a pair of letters
/// is a pair of those runs.
// Not inlined into the typo pass: 0.1 KB less wasm, and it is rarely called.
#[inline(never)]
fn pair_left_out(query: &[u8], name: &[u8]) -> bool {
    let common = query.iter().zip(name).take_while(|(a, b)| a == b).count();
    let is_continuation = |byte: &u8| byte & 0xC0 == 0x80;
    // The letter before the difference: back to its first byte; none if they differ inside one.
    let Some(start) = query[..common]
        .iter()
        .rposition(|byte| !is_continuation(byte))
    else {
        return false;
    };
    let letter = &query[start..common];
    !query.get(common).is_some_and(is_continuation)
        && name[common..].starts_with(letter)
        && name[common + letter.len()..].starts_with(&query[common..])
}

/// The letters of a folded name as a bit set: a–z one bit each, digits, space and anything
/// else sharing the rest.
fn letter_mask(text: &str) -> u32 {
    text.bytes().fold(0, |mask, byte| {
        let bit = match byte {
            b'a'..=b'z' => byte - b'a',
            b'0'..=b'9' => 26 + (byte - b'0') % 4,
            b' ' => 30,
            _ => 31,
        };
        mask | 1 << bit
    })
}
