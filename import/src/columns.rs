//! The spreadsheet columns that are one value at one place of an entry (or of the directory),
//! shared by the import and the export so that the two cannot drift apart: what the export
//! writes under a header, the import reads back from it.
//!
//! The columns with logic of their own (name, address, coordinates, phones, hours, …) are
//! handled in `entry.rs` and `export.rs`; these are the plain ones.

/// What a column holds and how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Text; may have translations in columns such as `Kosten (en)`.
    Text,
    /// A date, written 31.12.2026 (2026-12-31 is read too).
    Date,
    /// ja or nein.
    YesNo,
    /// A whole number.
    Integer,
    /// A number with a decimal point or comma (degrees).
    Decimal,
    /// One of the choices: German word in the spreadsheet, the format's value in the JSON.
    Choice(&'static [(&'static str, &'static str)]),
    /// Several of the choices, separated by commas.
    ChoiceList(&'static [(&'static str, &'static str)]),
}

/// A column that is one value at a path of the entry (`course.start_date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathColumn {
    /// The header as the export writes it and the template shows it.
    pub header: &'static str,
    /// Other headers that mean the same, folded (lower case, umlauts spelt out, no spaces).
    pub aliases: &'static [&'static str],
    /// Where the value goes, dot-separated.
    pub path: &'static str,
    /// What the cells hold.
    pub kind: ValueKind,
}

impl PathColumn {
    /// Whether a folded header (see `table::fold_header`) names this column.
    pub(crate) fn is_named(&self, folded: &str) -> bool {
        crate::table::fold_header(self.header) == folded || self.aliases.contains(&folded)
    }
}

/// The target groups: German word, format value.
pub const TARGET_GROUPS: &[(&str, &str)] = &[
    ("Kinder", "children"),
    ("Jugendliche", "youth"),
    ("junge Erwachsene", "young_adults"),
    ("Frauen", "women"),
    ("Männer", "men"),
    ("Familien", "families"),
    ("Senioren", "seniors"),
    ("Geflüchtete", "refugees"),
    ("Menschen mit Behinderung", "people_with_disabilities"),
    ("LSBTIQ*", "lgbtiq"),
];

/// The course types: German word, format value.
pub const COURSE_TYPES: &[(&str, &str)] = &[
    ("Integrationskurs", "integration"),
    ("Frauenkurs", "women"),
    ("Elternkurs", "parents"),
    ("Jugendkurs", "youth"),
    ("Alphabetisierungskurs", "literacy"),
    ("Intensivkurs", "intensive"),
    ("Berufssprachkurs", "job_related"),
    ("Sonstiger Kurs", "other"),
];

/// The course levels.
pub const COURSE_LEVELS: &[(&str, &str)] = &[
    ("Alphabetisierung", "literacy"),
    ("A1", "A1"),
    ("A2", "A2"),
    ("B1", "B1"),
    ("B2", "B2"),
    ("C1", "C1"),
    ("C2", "C2"),
];

/// Where an offer is for: on site in the region, or from anywhere (online, by phone).
pub const AREA_SCOPES: &[(&str, &str)] = &[("Region", "region"), ("ortsunabhängig", "remote")];

/// The kinds of telephone number.
pub const PHONE_TYPES: &[(&str, &str)] = &[
    ("Telefon", "voice"),
    ("Mobil", "cell"),
    ("Fax", "fax"),
    ("SMS", "text"),
    ("Video", "video"),
    ("Schreibtelefon", "textphone"),
];

/// The wheelchair access of a place.
pub const WHEELCHAIR: &[(&str, &str)] = &[("ja", "yes"), ("teilweise", "limited"), ("nein", "no")];

/// The kinds of entry.
pub const KINDS: &[(&str, &str)] = &[
    ("Dienst", "service"),
    ("Kurs", "course"),
    ("Verein", "association"),
];

const fn column(
    header: &'static str,
    aliases: &'static [&'static str],
    path: &'static str,
    kind: ValueKind,
) -> PathColumn {
    PathColumn {
        header,
        aliases,
        path,
        kind,
    }
}

/// The plain columns of an entry, in the order the export writes them (after the columns of
/// `entry.rs`'s own fields, see `export.rs`).
pub const ENTRY_COLUMNS: &[PathColumn] = &[
    column(
        "Auch bekannt als",
        &["alternativername", "alternatename"],
        "alternate_name",
        ValueKind::Text,
    ),
    column(
        "Gebäude/Raum",
        &["raum", "gebaeude", "ortsbezeichnung", "locationname"],
        "location.name",
        ValueKind::Text,
    ),
    column(
        "Anfahrt",
        &["oepnv", "transportation"],
        "location.transportation",
        ValueKind::Text,
    ),
    column(
        "Stufenloser Eingang",
        &["stepfreeentrance"],
        "location.accessibility.step_free_entrance",
        ValueKind::YesNo,
    ),
    column(
        "Barrierefreies WC",
        &["accessibletoilet"],
        "location.accessibility.accessible_toilet",
        ValueKind::YesNo,
    ),
    column(
        "Aufzug",
        &["elevator"],
        "location.accessibility.elevator",
        ValueKind::YesNo,
    ),
    column(
        "Induktionsschleife",
        &["hearingloop"],
        "location.accessibility.hearing_loop",
        ValueKind::YesNo,
    ),
    column(
        "Gebärdensprache",
        &["signlanguage"],
        "location.accessibility.sign_language",
        ValueKind::YesNo,
    ),
    column(
        "Behindertenparkplatz",
        &["accessibleparking"],
        "location.accessibility.accessible_parking",
        ValueKind::YesNo,
    ),
    column(
        "Barrierefreiheit Hinweis",
        &["barrierefreiheit", "accessibility"],
        "location.accessibility.description",
        ValueKind::Text,
    ),
    column(
        "Einzugsgebiet",
        &["servicearea"],
        "service_area.scope",
        ValueKind::Choice(AREA_SCOPES),
    ),
    column(
        "Einzugsgebiet Hinweis",
        &[],
        "service_area.description",
        ValueKind::Text,
    ),
    column(
        "Kosten",
        &["gebuehren", "feesdescription"],
        "fees_description",
        ValueKind::Text,
    ),
    column(
        "Zielgruppen",
        &["zielgruppe", "targetgroups"],
        "target_groups",
        ValueKind::ChoiceList(TARGET_GROUPS),
    ),
    column(
        "Mindestalter",
        &["alterab", "minimumage"],
        "minimum_age",
        ValueKind::Integer,
    ),
    column(
        "Höchstalter",
        &["alterbis", "maximumage"],
        "maximum_age",
        ValueKind::Integer,
    ),
    column(
        "Kursart",
        &["coursetype"],
        "course.course_type",
        ValueKind::Choice(COURSE_TYPES),
    ),
    column(
        "Kursniveau",
        &["niveau", "sprachniveau", "levels"],
        "course.levels",
        ValueKind::ChoiceList(COURSE_LEVELS),
    ),
    column(
        "Kursbeginn",
        &["beginn", "startdate"],
        "course.start_date",
        ValueKind::Date,
    ),
    column(
        "Kursende",
        &["ende", "enddate"],
        "course.end_date",
        ValueKind::Date,
    ),
    column(
        "Kinderbetreuung",
        &["childcare"],
        "course.childcare",
        ValueKind::YesNo,
    ),
    column(
        "Freie Plätze",
        &["freeplaces"],
        "course.free_places",
        ValueKind::Integer,
    ),
    column(
        "Status Hinweis",
        &["statusnote"],
        "status_note",
        ValueKind::Text,
    ),
    column(
        "Status bis",
        &["statusuntil"],
        "status_until",
        ValueKind::Date,
    ),
    column(
        "Quelle",
        &["herkunft", "sourcename"],
        "source.name",
        ValueKind::Text,
    ),
    column(
        "Quelle Stand",
        &["sourcelastmodified"],
        "source.last_modified",
        ValueKind::Date,
    ),
];

/// The rows of the sheet "Verzeichnis": the directory's own fields, one a row (field, value).
pub const DIRECTORY_FIELDS: &[PathColumn] = &[
    column("Titel", &["title"], "title", ValueKind::Text),
    column(
        "Beschreibung",
        &["description"],
        "description",
        ValueKind::Text,
    ),
    column(
        "Herausgeber",
        &["publisher"],
        "publisher.name",
        ValueKind::Text,
    ),
    column(
        "Herausgeber E-Mail",
        &[],
        "publisher.email",
        ValueKind::Text,
    ),
    column(
        "Herausgeber Telefon",
        &[],
        "publisher.phone",
        ValueKind::Text,
    ),
    column("Herausgeber Website", &[], "publisher.url", ValueKind::Text),
    column("Region", &["region"], "region.name", ValueKind::Text),
    column(
        "Region AGS",
        &["ags", "kreisschluessel"],
        "region.ags",
        ValueKind::Text,
    ),
    column(
        "Region Breitengrad",
        &[],
        "region.latitude",
        ValueKind::Decimal,
    ),
    column(
        "Region Längengrad",
        &[],
        "region.longitude",
        ValueKind::Decimal,
    ),
    column("Stand", &["lastmodified"], "last_modified", ValueKind::Date),
    column(
        "Standardsprache",
        &["defaultlanguage"],
        "default_language",
        ValueKind::Text,
    ),
    column(
        "Beispieldaten",
        &["exampledata"],
        "example_data",
        ValueKind::YesNo,
    ),
];

/// The sheets of a workbook the export writes besides the entries; the import reads them by
/// these names.
pub mod sheets {
    /// The entries, one a row (the first sheet).
    pub const ENTRIES: &str = "Angebote";
    /// Telephone numbers' details that a cell of "Telefon" cannot hold: type, languages and
    /// translated notes, by entry id and number.
    pub const PHONES: &str = "Telefonnummern";
    /// Contact persons or desks of an entry, one a row.
    pub const CONTACTS: &str = "Ansprechpersonen";
    /// The directory's own categories with their names.
    pub const CATEGORIES: &str = "Eigene Kategorien";
    /// The directory's title, publisher and region.
    pub const DIRECTORY: &str = "Verzeichnis";
}

/// The format's value for a cell of a choice column: the German word or the value itself,
/// without regard to case.
pub fn choice_value(choices: &[(&str, &'static str)], text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    let wanted = without_gender_ending(&lower);
    choices
        .iter()
        .find(|(word, value)| word.to_lowercase() == wanted || value.to_lowercase() == wanted)
        .map(|(_, value)| *value)
        .or_else(|| {
            OTHER_WORDS
                .iter()
                .filter(|(word, _)| *word == wanted)
                .find_map(|(_, value)| choices.iter().find(|(_, known)| known == value))
                .map(|(_, value)| *value)
        })
}

/// A word without the ending that names women too ("Senior*innen", "Senioren/innen",
/// "Migrant:innen"): the word as the choices and [`OTHER_WORDS`] have it. Lower case.
fn without_gender_ending(word: &str) -> &str {
    ["/-innen", "/innen", "*innen", ":innen", "_innen", "(innen)"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .unwrap_or(word)
}

/// Other words that officers write for a choice, in lower case, with the format's value. A
/// word counts only in a column that has its value: "Eltern" is "families" among the target
/// groups and "parents" among the course types.
const OTHER_WORDS: &[(&str, &str)] = &[
    ("kind", "children"),
    ("kids", "children"),
    ("schulkinder", "children"),
    ("jugend", "youth"),
    ("jugendlicher", "youth"),
    ("teenager", "youth"),
    ("heranwachsende", "young_adults"),
    ("frau", "women"),
    ("mütter", "women"),
    ("migrantinnen", "women"),
    ("mann", "men"),
    ("väter", "men"),
    ("familie", "families"),
    ("eltern", "families"),
    ("eltern", "parents"),
    ("alleinerziehende", "families"),
    ("senior", "seniors"),
    ("seniorinnen", "seniors"),
    ("ältere", "seniors"),
    ("ältere menschen", "seniors"),
    ("flüchtlinge", "refugees"),
    ("flüchtling", "refugees"),
    ("geflüchteter", "refugees"),
    ("geflüchtete menschen", "refugees"),
    ("asylsuchende", "refugees"),
    ("asylbewerber", "refugees"),
    ("asylbewerberinnen", "refugees"),
    ("schutzsuchende", "refugees"),
    ("menschen mit behinderungen", "people_with_disabilities"),
    ("menschen mit beeinträchtigung", "people_with_disabilities"),
    (
        "menschen mit beeinträchtigungen",
        "people_with_disabilities",
    ),
    ("behinderte", "people_with_disabilities"),
    ("behinderte menschen", "people_with_disabilities"),
    ("lsbtiq", "lgbtiq"),
    ("lsbti", "lgbtiq"),
    ("lsbtiq+", "lgbtiq"),
    ("lsbttiq", "lgbtiq"),
    ("lsbttiq*", "lgbtiq"),
    ("lgbt", "lgbtiq"),
    ("lgbtq", "lgbtiq"),
    ("lgbtq+", "lgbtiq"),
    ("lgbtqi", "lgbtiq"),
    ("lgbtiq+", "lgbtiq"),
    ("lgbtqia+", "lgbtiq"),
    ("queer", "lgbtiq"),
    ("queere menschen", "lgbtiq"),
    ("alpha", "literacy"),
    ("alphabetisierungskurs", "literacy"),
];

/// What officers write in the target groups for an offer that is for everyone: no target group
/// says that (lower case).
pub const EVERYONE: &[&str] = &[
    "alle",
    "alle menschen",
    "für alle",
    "offen für alle",
    "alle interessierten",
    "alle interessierte",
    "interessierte",
    "jeder",
    "jede*r",
    "jedermann",
    "alle altersgruppen",
    "keine einschränkung",
    "ohne einschränkung",
    "uneingeschränkt",
];

/// What officers write in the target groups for adults, which is not a target group of the
/// format (lower case).
pub const ADULTS: &[&str] = &["erwachsene", "erwachsene menschen", "volljährige"];

/// The choice values named in a longer text, in the choices' order, each once: "Kinder
/// 6–12 Jahre" names children, "Frauen mit Kind" women (a word after "mit" says who comes
/// along). Words and word groups are matched whole.
pub fn choices_named_in(choices: &[(&str, &'static str)], text: &str) -> Vec<&'static str> {
    let words: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '*' || c == '+' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = words
        .split_whitespace()
        .map(without_gender_ending)
        .collect();
    let padded = format!(" {} ", words.join(" "));
    // "Frauen mit Kind" is for women (who bring their children), not for children.
    let named = |word: &str| {
        padded.matches(&format!(" {word} ")).count()
            > padded.matches(&format!(" mit {word} ")).count()
    };
    choices
        .iter()
        .filter(|(word, value)| {
            named(&word.to_lowercase())
                || named(&value.to_lowercase())
                || OTHER_WORDS
                    .iter()
                    .any(|(other, known)| known == value && named(other))
        })
        .map(|(_, value)| *value)
        .collect()
}

/// The German word for a format value of a choice column.
pub fn choice_word(choices: &[(&'static str, &str)], value: &str) -> Option<&'static str> {
    choices
        .iter()
        .find(|(_, known)| *known == value)
        .map(|(word, _)| *word)
}
