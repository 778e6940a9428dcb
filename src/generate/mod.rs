//! Deterministic synthetic directories, for benchmarks and tests.
//!
//! Entries cluster around 400 real German towns (GeoNames, CC BY 4.0) and mix kinds,
//! categories, service languages, translations (including Arabic and Cyrillic script),
//! opening hours and course details in proportions like a real county's directory. The same
//! entry count and seed always give the same directory.

// Synthetic data for benchmarks and tests, read from a table of towns: native in practice, and
// not worth its own float parser.
#![allow(clippy::disallowed_methods)]

use crate::directory::{
    AreaScope, BUILTIN_CATEGORIES, Course, CourseLevel, CourseType, Date, Directory, Entry, Kind,
    LanguageCode, Location, Organization, Phone, Publisher, Region, Schedule, ServiceArea, Text,
    Wheelchair,
};
use crate::places::{Gazetteer, Place};

const TOWNS_CSV: &str = include_str!("../../data/towns-de.csv");

/// Generates a directory of `entry_count` entries from `seed`.
pub fn generate_directory(entry_count: usize, seed: u64) -> Directory {
    let towns = parse_towns();
    let mut random = fastrand::Rng::with_seed(seed);
    let entries = (0..entry_count)
        .map(|number| {
            let pick = |random: &mut fastrand::Rng| random.usize(0..towns.len());
            generate_entry(number, "gen", &towns, pick, 6.0, &mut random)
        })
        .collect();
    Directory {
        example_data: true,
        title: translated(&[
            ("de", "Synthetisches Verzeichnis (Testdaten)"),
            ("en", "Synthetic directory (test data)"),
        ]),
        description: Some(Text::plain(format!(
            "{entry_count} erfundene Einträge um echte deutsche Orte, erzeugt mit Startwert {seed}."
        ))),
        publisher: Some(Publisher {
            name: Text::plain("service-finder generate"),
            email: Some("generator@example.org".to_owned()),
            phone: None,
            url: Some("https://example.org/service-finder".to_owned()),
        }),
        last_modified: Date::from_ymd(2026, 11, 1),
        ..Directory::default()
    }
    .with_entries(entries)
}

/// Generates the directory of one district of `gazetteer` (its index in
/// [`Gazetteer::districts`]): `entry_count` entries around the district's own places, the larger
/// towns with more of them, marked as test data and named for the district (its title,
/// publisher and region), so that the directories of all 400 districts make a nationwide test
/// set. Entry ids start with the district's AGS, so they differ between districts. `None` when
/// the district has no places.
pub fn generate_district_directory(
    gazetteer: &Gazetteer,
    district: usize,
    entry_count: usize,
    seed: u64,
) -> Option<Directory> {
    let district_info = gazetteer.districts().get(district)?;
    let places: Vec<&Place> = gazetteer
        .places()
        .iter()
        .filter(|place| place.district == district)
        .collect();
    if places.is_empty() {
        return None;
    }
    let towns: Vec<Town> = places
        .iter()
        .map(|place| Town {
            name: &place.name,
            latitude: place.point.latitude,
            longitude: place.point.longitude,
        })
        .collect();
    // A town's share of the entries grows with the square root of its population: the district
    // town has most, and villages have some.
    let mut cumulative = Vec::with_capacity(places.len());
    let mut total = 0.0;
    for place in &places {
        total += f64::from(place.population.max(500)).sqrt();
        cumulative.push(total);
    }
    let pick = |random: &mut fastrand::Rng| {
        let target = random.f64() * total;
        cumulative
            .partition_point(|&sum| sum < target)
            .min(towns.len() - 1)
    };
    let mut random = fastrand::Rng::with_seed(seed ^ district_info.ags.parse::<u64>().unwrap_or(0));
    let prefix = format!("gen-{}", district_info.ags);
    let entries = (0..entry_count)
        .map(|number| generate_entry(number, &prefix, &towns, pick, 3.0, &mut random))
        .collect();
    let count = towns.len() as f64;
    let (latitude, longitude) = towns.iter().fold((0.0, 0.0), |(lat, lon), town| {
        (lat + town.latitude / count, lon + town.longitude / count)
    });
    let name = format!("{} (Testdaten)", district_info.name);
    Some(
        Directory {
            example_data: true,
            title: Text::plain(format!("Angebote für Zugewanderte: {name}")),
            description: Some(Text::plain(format!(
                "{entry_count} erfundene Einträge um die Orte von {}, erzeugt mit Startwert {seed}.",
                district_info.name
            ))),
            publisher: Some(Publisher {
                name: Text::plain(name.clone()),
                email: Some(format!("integration-{}@example.org", district_info.ags)),
                phone: None,
                url: Some("https://example.org/service-finder".to_owned()),
            }),
            region: Some(Region {
                name: Text::plain(name.clone()),
                ags: Some(district_info.ags.clone()),
                latitude: (latitude * 1e4).round() / 1e4,
                longitude: (longitude * 1e4).round() / 1e4,
            }),
            last_modified: Date::from_ymd(2026, 11, 1),
            ..Directory::default()
        }
        .with_entries(entries),
    )
}

impl Directory {
    fn with_entries(mut self, entries: Vec<Entry>) -> Directory {
        self.entries = entries;
        self
    }
}

struct Town<'name> {
    name: &'name str,
    latitude: f64,
    longitude: f64,
}

fn parse_towns() -> Vec<Town<'static>> {
    TOWNS_CSV
        .lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("name,"))
        .filter_map(|line| {
            let mut fields = line.split(',');
            Some(Town {
                name: fields.next()?,
                latitude: fields.next()?.parse().ok()?,
                longitude: fields.next()?.parse().ok()?,
            })
        })
        .collect()
}

/// Service nouns by category, used to build names: (German, English).
const SERVICE_NOUNS: &[(&str, &str, &str)] = &[
    ("first-steps", "Willkommenszentrum", "Welcome centre"),
    (
        "migration-counselling",
        "Migrationsberatung für Erwachsene",
        "Migration counselling for adults",
    ),
    ("residence-asylum", "Ausländerbehörde", "Immigration office"),
    (
        "integration-courses",
        "Integrationskurs",
        "Integration course",
    ),
    ("language-courses", "Deutschkurs", "German course"),
    ("work-jobcenter", "Jobcenter", "Jobcenter"),
    (
        "recognition",
        "Anerkennungsberatung",
        "Recognition counselling",
    ),
    (
        "education-school",
        "Bildungsberatung",
        "Education counselling",
    ),
    ("children-family", "Familienzentrum", "Family centre"),
    ("health", "Gesundheitslotsen", "Health guides"),
    (
        "housing",
        "Wohnungssuche und Mieterberatung",
        "Housing and tenant advice",
    ),
    (
        "associations-leisure",
        "Interkultureller Treffpunkt",
        "Intercultural meeting point",
    ),
    (
        "volunteering-mentoring",
        "Patenschaftsprojekt",
        "Mentoring project",
    ),
    ("legal-advice", "Rechtsberatung", "Legal advice"),
    ("women", "Frauentreff", "Women's meeting"),
    ("youth", "Jugendmigrationsdienst", "Youth migration service"),
    ("interpreting", "Sprachmittlerpool", "Interpreter pool"),
];

const ORGANIZATIONS: &[&str] = &[
    "Caritasverband (Beispiel)",
    "Diakonisches Werk (Beispiel)",
    "Deutsches Rotes Kreuz, Kreisverband (Beispiel)",
    "Arbeiterwohlfahrt (Beispiel)",
    "Volkshochschule (Beispiel)",
    "Landkreis, Fachdienst Integration (Beispiel)",
    "Stadtverwaltung (Beispiel)",
    "Internationaler Bund (Beispiel)",
    "Verein Miteinander e. V. (Beispiel)",
    "Bildungswerk der Wirtschaft (Beispiel)",
];

const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "Wir beraten Sie kostenlos und vertraulich zu Aufenthalt, Arbeit, Sprache und Familie.",
        "We advise you free of charge and in confidence on residence, work, language and family.",
    ),
    (
        "Hilfe bei Anträgen, Briefen von Behörden und der Suche nach dem passenden Kurs.",
        "Help with applications, letters from authorities and finding the right course.",
    ),
    (
        "Treffen für Menschen aus aller Welt: Sprache üben, Kontakte knüpfen, gemeinsam kochen.",
        "Meetings for people from all over the world: practise German, make contacts, cook together.",
    ),
    (
        "Unterricht in kleinen Gruppen mit Kinderbetreuung. Einstufungstest vor Kursbeginn.",
        "Lessons in small groups with childcare. Placement test before the course starts.",
    ),
    (
        "Beratung zur Anerkennung ausländischer Berufsabschlüsse und zur Weiterbildung.",
        "Advice on the recognition of foreign qualifications and on further training.",
    ),
];

const ARABIC_DESCRIPTIONS: &[&str] = &[
    "نقدم لكم استشارة مجانية وسرية حول الإقامة والعمل واللغة والأسرة.",
    "مساعدة في تعبئة الطلبات وفهم رسائل الدوائر الرسمية.",
    "دورة لغة ألمانية في مجموعات صغيرة مع رعاية للأطفال.",
];

const UKRAINIAN_DESCRIPTIONS: &[&str] = &[
    "Безкоштовна та конфіденційна консультація щодо перебування, роботи та мови.",
    "Курси німецької мови в малих групах з доглядом за дітьми.",
];

const SERVICE_LANGUAGES: &[&str] = &[
    "en", "ar", "fa", "prs", "uk", "ru", "tr", "ti", "fr", "ku", "ps", "so",
];

const OPENING_HOURS: &[&str] = &[
    "Mo-Fr 09:00-12:00",
    "Mo-Fr 08:00-16:00",
    "Mo,We 09:00-12:00; Th 14:00-18:00",
    "Tu,Th 08:30-12:45",
    "We 15:00-18:00",
    "Mo-Th 08:00-12:00,13:00-15:30; Fr 08:00-12:00",
];

const STREETS: &[&str] = &[
    "Bahnhofstraße",
    "Hauptstraße",
    "Schulstraße",
    "Marktplatz",
    "Kirchweg",
    "Am Rathaus",
    "Lindenallee",
];

/// One entry around a town of `towns` that `pick` chooses, at most `spread_km` from it; its id
/// is `id_prefix` and the number.
fn generate_entry(
    number: usize,
    id_prefix: &str,
    towns: &[Town],
    pick: impl Fn(&mut fastrand::Rng) -> usize,
    spread_km: f64,
    random: &mut fastrand::Rng,
) -> Entry {
    let kind = match random.u8(0..10) {
        0..=4 => Kind::Service,
        5..=7 => Kind::Course,
        _ => Kind::Association,
    };
    let town = &towns[pick(random)];
    let (category, noun_de, noun_en) = match kind {
        Kind::Course => SERVICE_NOUNS[if random.bool() { 3 } else { 4 }],
        _ => SERVICE_NOUNS[random.usize(0..SERVICE_NOUNS.len())],
    };
    let mut categories = vec![category.to_owned()];
    if random.u8(0..3) == 0 {
        let extra = BUILTIN_CATEGORIES[random.usize(0..BUILTIN_CATEGORIES.len())].id;
        if extra != category {
            categories.push(extra.to_owned());
        }
    }
    let with_translations = random.u8(0..10) < 4;
    let name = if with_translations {
        translated(&[
            ("de", &format!("{noun_de} {}", town.name)),
            ("en", &format!("{noun_en} {}", town.name)),
        ])
    } else {
        Text::plain(format!("{noun_de} {}", town.name))
    };
    let (description_de, description_en) = DESCRIPTIONS[random.usize(0..DESCRIPTIONS.len())];
    let description = if with_translations {
        let mut texts = vec![("de", description_de), ("en", description_en)];
        match random.u8(0..4) {
            0 => texts.push((
                "ar",
                ARABIC_DESCRIPTIONS[random.usize(0..ARABIC_DESCRIPTIONS.len())],
            )),
            1 => texts.push((
                "uk",
                UKRAINIAN_DESCRIPTIONS[random.usize(0..UKRAINIAN_DESCRIPTIONS.len())],
            )),
            _ => {}
        }
        translated(&texts)
    } else {
        Text::plain(description_de)
    };
    let mut languages = vec![language("de")];
    for _ in 0..random.usize(0..4) {
        let code = SERVICE_LANGUAGES[random.usize(0..SERVICE_LANGUAGES.len())];
        if !languages.iter().any(|known| known.as_str() == code) {
            languages.push(language(code));
        }
    }
    let (location, service_area) = generate_place(town, spread_km, random);
    let course = (kind == Kind::Course).then(|| generate_course(random));
    Entry {
        id: format!("{id_prefix}-{number:06}"),
        kind,
        name,
        description: Some(description),
        organization: Some(Organization {
            name: Text::plain(ORGANIZATIONS[random.usize(0..ORGANIZATIONS.len())]),
            website: None,
        }),
        categories,
        languages,
        location,
        service_area: service_area.map(Box::new),
        phones: vec![Phone {
            number: format!("+49 30 23125 {:03}", number % 1000),
            description: None,
            kind: None,
            languages: Vec::new(),
        }],
        email: Some(format!("kontakt{number}@example.org")),
        url: Some(format!("https://example.org/angebote/{number}")),
        schedule: Some(Schedule {
            opening_hours: Some(OPENING_HOURS[random.usize(0..OPENING_HOURS.len())].to_owned()),
            description: None,
        }),
        appointment_required: Some(random.bool()),
        free_of_charge: Some(kind != Kind::Course || random.u8(0..3) == 0),
        fees_description: None,
        // On or before the directory's last_modified (2026-11-01): an entry is checked before it is published.
        assured_date: Date::from_ymd(2026, random.u8(1..11), random.u8(1..29)),
        course: course.map(Box::new),
        // The fields added later stay empty: the benchmarks measure the same directories as
        // before.
        ..Entry::new(String::new(), kind, Text::Empty)
    }
}

/// A place in a disc of `spread_km` around the town, or (for 8 %) a service area instead.
fn generate_place(
    town: &Town,
    spread_km: f64,
    random: &mut fastrand::Rng,
) -> (Option<Location>, Option<ServiceArea>) {
    if random.u8(0..100) < 8 {
        let scope = if random.bool() {
            AreaScope::Region
        } else {
            AreaScope::Remote
        };
        let description = Some(Text::plain("Beratung im ganzen Kreis, auch telefonisch"));
        return (None, Some(ServiceArea { scope, description }));
    }
    // A uniform point in the disc.
    let distance_km = spread_km * random.f64().sqrt();
    let angle = random.f64() * std::f64::consts::TAU;
    let latitude = town.latitude + distance_km * angle.cos() / 111.2;
    let longitude =
        town.longitude + distance_km * angle.sin() / (111.2 * town.latitude.to_radians().cos());
    let location = Location {
        address_1: Some(format!(
            "{} {}",
            STREETS[random.usize(0..STREETS.len())],
            random.u8(1..120)
        )),
        city: Some(town.name.to_owned()),
        latitude: Some((latitude * 1e5).round() / 1e5),
        longitude: Some((longitude * 1e5).round() / 1e5),
        wheelchair: Some(
            [Wheelchair::Yes, Wheelchair::Limited, Wheelchair::No][random.usize(0..3)],
        ),
        ..Location::default()
    };
    (Some(location), None)
}

/// Course details: two neighbouring levels, a type, dates in 2027, childcare and free places.
fn generate_course(random: &mut fastrand::Rng) -> Course {
    let first = random.usize(0..5);
    let levels = [
        CourseLevel::Literacy,
        CourseLevel::A1,
        CourseLevel::A2,
        CourseLevel::B1,
        CourseLevel::B2,
        CourseLevel::C1,
    ][first..=first + 1]
        .to_vec();
    let month = random.u8(1..13);
    Course {
        levels,
        course_type: [
            CourseType::Integration,
            CourseType::Women,
            CourseType::Parents,
            CourseType::Youth,
            CourseType::Literacy,
            CourseType::Intensive,
            CourseType::JobRelated,
            CourseType::Other,
        ][random.usize(0..8)],
        start_date: Date::from_ymd(2027, month, 1),
        end_date: Date::from_ymd(2027, month, 28)
            .and_then(|date| date.0.checked_add(time::Duration::days(180)))
            .map(Date),
        childcare: Some(random.bool()),
        free_places: Some(random.u32(0..13)),
    }
}

fn translated(texts: &[(&str, &str)]) -> Text {
    Text::Translated(
        texts
            .iter()
            .map(|(code, text)| (language(code), (*text).to_owned()))
            .collect(),
    )
}

fn language(code: &str) -> LanguageCode {
    LanguageCode::new(code).expect("the generator uses valid codes")
}
