//! A record of any source (its cells by field) made into an entry of the directory format.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::categories::{CategoryMapping, KnownCategory};
use crate::columns::{
    self, ADULTS, COURSE_LEVELS, ENTRY_COLUMNS, EVERYONE, PHONE_TYPES, PathColumn, TARGET_GROUPS,
    ValueKind, choice_value,
};
use crate::hours::{self, DayHours, Week};
use crate::table::Extras;
use crate::text;
use crate::{PlaceLookup, Problem, Severity};

/// A weekday, 0 for Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub u8);

/// What a weekday column of the Integreat CSV holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Start,
    End,
    AllDay,
    Closed,
    AppointmentOnly,
}

/// What a column or JSON field means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Name,
    Kind,
    Category,
    Organization,
    OrganizationWebsite,
    Address,
    Postcode,
    City,
    Country,
    Latitude,
    Longitude,
    Phone,
    Fax,
    Email,
    Website,
    Languages,
    Hours,
    /// Opening times in words, from a source that keeps them apart from the rules.
    ScheduleDescription,
    Description,
    Wheelchair,
    Appointment,
    AppointmentUrl,
    Free,
    Status,
    TemporarilyClosed,
    AssuredDate,
    LastModified,
    /// Postcode and town in one cell (`PLZ/Ort`: "34497 Korbach"); [`Record::join`] splits it.
    PostcodeAndCity,
    Day(Day, DayPart),
    /// One of the plain columns of [`crate::columns::ENTRY_COLUMNS`], by its index.
    Path(u8),
}

/// One value of a record and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The column's header (or the JSON field's path), for problems.
    pub column: String,
    /// The value, trimmed, never empty.
    pub value: String,
    /// Whether a spreadsheet stored it as a number (so a leading zero may be lost).
    pub number: bool,
}

impl Cell {
    /// A part of this cell's value as a text cell of the same column ("Korbach" of "34497
    /// Korbach"), so that its problems name the column it came from.
    fn part(&self, value: &str) -> Cell {
        Cell {
            column: self.column.clone(),
            value: value.to_owned(),
            number: false,
        }
    }
}

/// One row or JSON record, by field.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row number (or the record's position, from 1) for problems.
    pub row: usize,
    cells: Vec<(Field, Cell)>,
    /// The categories, one source category each.
    pub categories: Vec<Cell>,
    /// The week, when the source gives it as structured data (the Integreat API).
    pub week: Option<(String, Week)>,
    /// Texts in other languages than the directory's default: (field, language, text).
    translations: Vec<(Field, String, Cell)>,
}

impl Record {
    /// An empty record for row `row`.
    pub fn new(row: usize) -> Record {
        Record {
            row,
            cells: Vec::new(),
            categories: Vec::new(),
            week: None,
            translations: Vec::new(),
        }
    }

    /// What the record says, without where it is: two rows that say the same are one entry
    /// twice.
    fn content(&self) -> String {
        let cells: Vec<_> = self
            .cells
            .iter()
            .map(|(field, cell)| (field, &cell.value))
            .collect();
        let categories: Vec<_> = self.categories.iter().map(|cell| &cell.value).collect();
        let translations: Vec<_> = self
            .translations
            .iter()
            .map(|(field, language, cell)| (field, language, &cell.value))
            .collect();
        format!("{cells:?} {categories:?} {translations:?} {:?}", self.week)
    }

    /// Sets a field's text in another language than the directory's default.
    pub fn set_translation(&mut self, field: Field, language: &str, cell: Cell) {
        self.translations.push((field, language.to_owned(), cell));
    }

    /// Puts the sheet's name before each cell's column, for problems of a workbook's other
    /// sheets ("Telefonnummern: Art").
    pub fn prefix_columns(&mut self, sheet: &str) {
        let cells = self.cells.iter_mut().map(|(_, cell)| cell);
        let translated = self.translations.iter_mut().map(|(_, _, cell)| cell);
        for cell in cells.chain(translated).chain(&mut self.categories) {
            cell.column = format!("{sheet}: {}", cell.column);
        }
    }

    /// A text field as the format has it: the text alone, or, when the record has
    /// translations of the field, an object by language with `text` in the default language.
    pub fn text_value(&self, field: Field, text: String, default_language: &str) -> Value {
        let mut translations = self
            .translations
            .iter()
            .filter(|(wanted, _, _)| *wanted == field)
            .peekable();
        if translations.peek().is_none() {
            return Value::from(text);
        }
        let mut by_language = Map::new();
        by_language.insert(default_language.to_owned(), Value::from(text));
        for (_, language, cell) in translations {
            by_language.insert(language.clone(), Value::from(cell.value.clone()));
        }
        Value::Object(by_language)
    }

    /// Sets a field. A category cell may list several categories.
    pub fn set(&mut self, field: Field, cell: Cell) {
        if field == Field::Category {
            for part in cell.value.split([',', ';', '|', '\n']) {
                let part = part.trim();
                if !part.is_empty() {
                    self.categories.push(Cell {
                        value: part.to_owned(),
                        ..cell.clone()
                    });
                }
            }
        } else {
            self.cells.push((field, cell));
        }
    }

    /// A spreadsheet's cell: sets a field as [`Record::set`] does, or, when another column
    /// has set it already (one heading over two columns, or one heading written twice), adds
    /// the value to it, so that nothing is lost: a list field gets it as one more item, an
    /// address as its next part, a text as its next line. A field of one value (a postcode, a
    /// date) then holds two and is refused where it is read, with both values in the message.
    /// `PLZ/Ort` in one cell is split into postcode and town, and so is a town written with its
    /// postcode in the `Ort` column ("34497 Korbach").
    pub(crate) fn join(&mut self, field: Field, cell: Cell) {
        let with_postcode = |value: &str| {
            let (postcode, city) = split_postcode_and_city(value);
            !postcode.is_empty() && !city.is_empty()
        };
        if field == Field::PostcodeAndCity || (field == Field::City && with_postcode(&cell.value)) {
            let (postcode, city) = split_postcode_and_city(&cell.value);
            for (field, value) in [(Field::Postcode, postcode), (Field::City, city)] {
                if !value.is_empty() {
                    self.join(field, cell.part(value));
                }
            }
            return;
        }
        if field == Field::Category {
            return self.set(field, cell);
        }
        let earlier = self.cells.iter_mut().find(|(wanted, _)| *wanted == field);
        let Some((_, earlier)) = earlier else {
            self.cells.push((field, cell));
            return;
        };
        // The same postcode in its own column and before the town: one postcode.
        if field == Field::Postcode && earlier.value.trim() == cell.value.trim() {
            return;
        }
        let separator = match field {
            Field::Address => ", ",
            Field::Description | Field::ScheduleDescription => "\n",
            _ => "; ",
        };
        earlier.value = format!("{}{separator}{}", earlier.value, cell.value);
        earlier.number = false;
    }

    /// An address written with its postcode and town ("Südring 2, 34497 Korbach") where the
    /// record has neither apart: the street stays the address, postcode and town become their
    /// fields, so that the entry can be placed.
    pub fn split_address(&mut self) {
        if self.get(Field::Postcode).is_some() || self.get(Field::City).is_some() {
            return;
        }
        let Some(index) = self
            .cells
            .iter()
            .position(|(field, _)| *field == Field::Address)
        else {
            return;
        };
        let cell = self.cells[index].1.clone();
        let Some((street, postcode, city)) = street_postcode_and_city(&cell.value) else {
            return;
        };
        self.cells[index].1.value = street.to_owned();
        for (field, value) in [(Field::Postcode, postcode), (Field::City, city)] {
            self.cells.push((field, cell.part(value)));
        }
    }

    /// Adds a house number given apart to the street.
    pub fn append_to_address(&mut self, house_number: &str) {
        if let Some((_, cell)) = self
            .cells
            .iter_mut()
            .find(|(field, _)| *field == Field::Address)
        {
            cell.value = format!("{} {house_number}", cell.value);
        }
    }

    /// The first cell of a field.
    pub fn get(&self, field: Field) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(wanted, _)| *wanted == field)
            .map(|(_, cell)| cell)
    }

    /// Every cell of the record, translations and categories included.
    fn every_cell(&self) -> impl Iterator<Item = &Cell> {
        let cells = self.cells.iter().map(|(_, cell)| cell);
        let translated = self.translations.iter().map(|(_, _, cell)| cell);
        cells.chain(translated).chain(&self.categories)
    }

    fn all(&self, field: Field) -> impl Iterator<Item = &Cell> {
        self.cells
            .iter()
            .filter(move |(wanted, _)| *wanted == field)
            .map(|(_, cell)| cell)
    }
}

/// Makes entries, keeping ids unique and collecting the categories of the directory's own.
pub struct Builder<'a> {
    mapping: &'a CategoryMapping,
    places: &'a dyn PlaceLookup,
    known: &'a [KnownCategory],
    ids: HashSet<String>,
    /// The next number to try for an id used before, so that many rows of one name do not
    /// take quadratic time.
    next_number: HashMap<String, usize>,
    /// Categories that are not built in: (id, the source's word for it).
    custom: Vec<(String, String)>,
    /// The language of texts in columns without a language in brackets.
    default_language: String,
    /// Telephone numbers' details from a workbook's sheet, by (entry id, number).
    phone_details: HashMap<(String, String), Record>,
    /// Contacts from a workbook's sheet, by entry id.
    contacts: HashMap<String, Vec<Record>>,
    /// The row of each record's content (see [`Record::content`]), to find rows copied twice.
    rows_by_content: HashMap<String, usize>,
    /// The source categories whose guessed ids a note has named (lower case).
    guesses_noted: HashSet<String>,
    /// The day of the import, for dates without their year (see [`crate::Options::today`]).
    today: Option<String>,
}

/// Problems of one record, with its row and entry id filled in.
pub(crate) struct Report<'p> {
    problems: &'p mut Vec<Problem>,
    row: usize,
    entry: Option<String>,
}

impl<'p> Report<'p> {
    /// Problems of row `row` that belong to no entry (a workbook's sheet "Verzeichnis").
    pub(crate) fn new(problems: &'p mut Vec<Problem>, row: usize) -> Report<'p> {
        Report {
            problems,
            row,
            entry: None,
        }
    }

    /// The same entry's problems on another row (of another sheet).
    fn for_row(&mut self, row: usize) -> Report<'_> {
        Report {
            problems: self.problems,
            row,
            entry: self.entry.clone(),
        }
    }

    fn push(&mut self, cell: Option<&Cell>, severity: Severity, message: String) {
        self.problems.push(Problem {
            row: Some(self.row),
            column: cell.map(|cell| cell.column.clone()),
            entry: self.entry.clone(),
            severity,
            message,
        });
    }
}

const SKIPPED_STATUS: &[&str] = &[
    "archiviert",
    "archived",
    "inaktiv",
    "inactive",
    "defunct",
    "aufgelöst",
    "geschlossen",
    "closed",
    "gelöscht",
    "deleted",
    "entwurf",
    "draft",
];

impl<'a> Builder<'a> {
    /// A builder with the category mapping, the gazetteer and the built-in categories.
    pub fn new(
        mapping: &'a CategoryMapping,
        places: &'a dyn PlaceLookup,
        known: &'a [KnownCategory],
    ) -> Builder<'a> {
        Builder {
            mapping,
            places,
            known,
            ids: HashSet::new(),
            next_number: HashMap::new(),
            custom: Vec::new(),
            default_language: "de".to_owned(),
            phone_details: HashMap::new(),
            contacts: HashMap::new(),
            rows_by_content: HashMap::new(),
            guesses_noted: HashSet::new(),
            today: None,
        }
    }

    /// The day of the import, for dates written without their year or as a word.
    pub fn with_today(mut self, today: Option<&str>) -> Builder<'a> {
        self.today = today.map(str::to_owned);
        self
    }

    /// Takes in a workbook's sheets of phone details and contacts, and the directory's
    /// default language.
    pub fn with_extras(mut self, extras: &Extras, default_language: &str) -> Builder<'a> {
        self.default_language = default_language.to_owned();
        for record in &extras.phones {
            if let (Some(id), Some(number)) = (record.get(Field::Id), record.get(Field::Phone)) {
                self.phone_details
                    .insert((id.value.clone(), number.value.clone()), record.clone());
            }
        }
        for record in &extras.contacts {
            if let Some(id) = record.get(Field::Id) {
                self.contacts
                    .entry(id.value.clone())
                    .or_default()
                    .push(record.clone());
            }
        }
        self
    }

    /// The categories of the directory's own that entries used, for its `categories`.
    pub fn custom_categories(&self) -> Vec<Value> {
        self.custom
            .iter()
            .map(|(id, name)| json!({ "id": id, "name": { "de": name } }))
            .collect()
    }

    /// The entry for a record, or `None` (with the reason in `problems`) when it has no name
    /// or is archived.
    pub fn build(&mut self, record: &Record, problems: &mut Vec<Problem>) -> Option<Value> {
        let mut report = Report {
            problems,
            row: record.row,
            entry: None,
        };
        let Some(name_cell) = record.get(Field::Name) else {
            let mut cells = record.every_cell();
            match (cells.next(), cells.next()) {
                (None, _) => {}
                // One value alone under the list ("Stand: November 2026"): an officer's note.
                (Some(note), None) => report.push(
                    Some(note),
                    Severity::Note,
                    format!(
                        "the row has no name and one value only, \"{}\": read as a note (row skipped)",
                        note.value
                    ),
                ),
                _ => report.push(
                    None,
                    Severity::Error,
                    "the record has no name (record skipped)".into(),
                ),
            }
            return None;
        };
        // The template's own example row, left in: newcomers would read a counselling office
        // with a phone number that goes nowhere. Known by its name and another of its made-up
        // values still there (its phone number, example.org, …).
        if Some(name_cell.value.trim()) == template_example("Name")
            && record.every_cell().any(|cell| {
                cell.column.trim() != "Name"
                    && template_example(cell.column.trim())
                        .is_some_and(|value| made_up(value) && cell.value == value)
            })
        {
            report.push(
                Some(name_cell),
                Severity::Warning,
                "the row is the template's example (row skipped); delete it".into(),
            );
            return None;
        }
        // A row copied twice would show the newcomers one offer twice: the copy is left out,
        // and nothing is lost with it.
        match self.rows_by_content.entry(record.content()) {
            Entry::Occupied(first) => {
                report.push(
                    None,
                    Severity::Warning,
                    format!(
                        "the record is the same as row {}, a duplicate (record skipped)",
                        first.get()
                    ),
                );
                return None;
            }
            Entry::Vacant(slot) => {
                slot.insert(record.row);
            }
        }
        let id = self.id_for(record, &name_cell.value, &mut report);
        report.entry = Some(id.clone());
        template_remnants(record, &mut report);
        let status = match self.status(record, &mut report) {
            Status::Skip => return None,
            status => status,
        };
        self.ids.insert(id.clone());

        let mut entry = Map::new();
        entry.insert("id".into(), Value::from(id));
        let categories = self.categories(record, &mut report);
        let kind = kind(record, &categories, &mut report);
        entry.insert("kind".into(), Value::from(kind));
        let name = limited(name_cell, 200, &mut report);
        let language = self.default_language.clone();
        entry.insert(
            "name".into(),
            record.text_value(Field::Name, name, &language),
        );
        if let Some(cell) = record.get(Field::Description) {
            let text = if text::looks_like_html(&cell.value) {
                text::html_to_text(&cell.value)
            } else {
                cell.value.clone()
            };
            if !text.is_empty() {
                let cell = Cell {
                    value: text,
                    ..cell.clone()
                };
                let text = limited(&cell, 2000, &mut report);
                entry.insert(
                    "description".into(),
                    record.text_value(Field::Description, text, &language),
                );
            }
        }
        if let Some(cell) = record.get(Field::Organization) {
            let mut organization = Map::new();
            organization.insert(
                "name".into(),
                record.text_value(Field::Organization, cell.value.clone(), &language),
            );
            if let Some(url) = record
                .get(Field::OrganizationWebsite)
                .and_then(|cell| web_address(cell, &mut report))
            {
                organization.insert("website".into(), Value::from(url));
            }
            entry.insert("organization".into(), Value::Object(organization));
        }
        if !categories.is_empty() {
            entry.insert("categories".into(), Value::from(categories.clone()));
        }
        if let Some(languages) = languages(record, &mut report) {
            entry.insert("languages".into(), languages);
        }
        if let Some(location) = self.location(record, &mut report) {
            entry.insert("location".into(), location);
        }
        let source_id = record.get(Field::Id).map(|cell| cell.value.as_str());
        let phones = self.phones(record, source_id, &mut report);
        if !phones.is_empty() {
            entry.insert("phones".into(), Value::from(phones));
        }
        if let Some(email) = email(record, &mut report) {
            entry.insert("email".into(), Value::from(email));
        }
        if let Some(url) = record
            .get(Field::Website)
            .and_then(|cell| web_address(cell, &mut report))
        {
            entry.insert("url".into(), Value::from(url));
        }
        let (schedule, appointment_only) = schedule(record, &mut report);
        if let Some(mut schedule) = schedule {
            if let Some(Value::String(description)) = schedule.get_mut("description") {
                let text = std::mem::take(description);
                schedule["description"] =
                    record.text_value(Field::ScheduleDescription, text, &language);
            }
            entry.insert("schedule".into(), schedule);
        }
        let appointment = record
            .get(Field::Appointment)
            .and_then(|cell| yes_no(cell, &mut report))
            .or(appointment_only.then_some(true));
        if let Some(appointment) = appointment {
            entry.insert("appointment_required".into(), Value::from(appointment));
        }
        // Without a "Kostenlos" column, fees that say so ("Kosten: kostenlos").
        let mut free_in_fees = None;
        let free = match record.get(Field::Free) {
            Some(cell) => yes_no(cell, &mut report),
            None => {
                free_in_fees = free_in_fees_column(record, &mut report);
                free_in_fees.map(|_| true)
            }
        };
        if let Some(free) = free {
            entry.insert("free_of_charge".into(), Value::from(free));
        }
        for (field, key) in [
            (Field::AssuredDate, "assured_date"),
            (Field::LastModified, "last_modified"),
        ] {
            let Some(cell) = record.get(field) else {
                continue;
            };
            // The month is enough for when an entry was checked ("11/2026", "Nov. 2026"), and
            // a day without its year ("30.11.") or "gestern" is read against the day of the
            // import, as a day that cannot lie ahead.
            let month = || {
                let date = text::parse_month_and_year(&cell.value).or_else(|| {
                    text::parse_date_near(&cell.value, self.today.as_deref()?, text::YearOf::Past)
                })?;
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "\"{}\" was read as {date}; check it (value converted)",
                        cell.value
                    ),
                );
                Some(date)
            };
            match text::parse_date(&cell.value).or_else(month) {
                Some(date) => {
                    entry.insert(key.into(), Value::from(date));
                }
                None => report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{}\" is not a date; write 31.12.2026 or 2026-12-31 (value ignored)",
                        cell.value
                    ),
                ),
            }
        }
        if let Status::TemporarilyClosed = status {
            entry.insert("status".into(), Value::from("temporarily closed"));
        }
        // Fees that say only "kostenlos" are the flag now, which the card words in any language.
        let fees_said_free = free_in_fees == Some(text::FreeOfCharge::Only);
        self.plain_columns(record, fees_said_free, &mut entry, &mut report);
        if let Some(contacts) = source_id.and_then(|id| self.contacts.get(id)) {
            let contacts = contacts
                .iter()
                .map(|contact| self.contact(contact, &mut report))
                .collect();
            entry.insert("contacts".into(), Value::Array(contacts));
        }
        // Course details (a start, levels, free places) in a row whose kind is not given make
        // it a course; a course, and any entry with course details, needs a course type.
        let has_course = entry.get("course").is_some();
        let kind = if has_course && record.get(Field::Kind).is_none() {
            entry.insert("kind".into(), Value::from("course"));
            "course"
        } else {
            kind
        };
        let has_course_type = entry
            .get("course")
            .is_some_and(|course| course.get("course_type").is_some());
        if (kind == "course" || has_course) && !has_course_type {
            // The format wants a course's type: the name tells most ("Integrationskurs für
            // Frauen"), the categories an integration course.
            let course_type = course_type_by_name(record).unwrap_or(
                if categories.iter().any(|id| id == "integration-courses") {
                    "integration"
                } else {
                    "other"
                },
            );
            set_path(&mut entry, "course.course_type", Value::from(course_type));
        }
        let has_childcare = entry
            .get("course")
            .is_some_and(|course| course.get("childcare").is_some());
        if kind == "course" && !has_childcare && name_says_childcare(record) {
            set_path(&mut entry, "course.childcare", Value::from(true));
        }
        Some(Value::Object(entry))
    }

    /// The source's id if it is one the format takes, else one made from name and town;
    /// unique in the directory.
    fn id_for(&mut self, record: &Record, name: &str, report: &mut Report) -> String {
        let given = record.get(Field::Id);
        let base = match given {
            Some(cell) if is_valid_id(&cell.value) => cell.value.clone(),
            Some(cell) => {
                let made = text::slug(&cell.value);
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "the id \"{}\" has characters an id cannot have; \"{made}\" is used",
                        cell.value
                    ),
                );
                made
            }
            None => {
                // The town makes names that repeat across the county unique ("Sprachcafé"),
                // unless the name has it already.
                let name_slug = text::slug(name);
                // Without the qualifier: "Willingen (Upland)" is "willingen".
                let town = record.get(Field::City).map_or(String::new(), |cell| {
                    text::slug(cell.value.split('(').next().unwrap_or(""))
                });
                if town.is_empty() || name_slug.contains(&town) {
                    name_slug
                } else {
                    format!("{name_slug}-{town}")
                }
            }
        };
        let base = if base.is_empty() {
            format!("row-{}", record.row)
        } else {
            base
        };
        if !self.ids.contains(&base) {
            return base;
        }
        let next = self.next_number.entry(base.clone()).or_insert(2);
        let unique = loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if !self.ids.contains(&id) {
                break id;
            }
        };
        if given.is_some() {
            report.push(
                given,
                Severity::Warning,
                format!("the id \"{base}\" is used by an earlier row; \"{unique}\" is used"),
            );
        }
        unique
    }

    fn status(&self, record: &Record, report: &mut Report) -> Status {
        if let Some(cell) = record.get(Field::Status) {
            let status = cell.value.to_lowercase();
            let is_temporary = status.contains("vorübergehend") || status.contains("temporar");
            if !is_temporary && SKIPPED_STATUS.iter().any(|word| status.contains(word)) {
                report.push(
                    Some(cell),
                    Severity::Note,
                    format!("the record is \"{}\" (record skipped)", cell.value),
                );
                return Status::Skip;
            }
            if is_temporary {
                return Status::TemporarilyClosed;
            }
            if !matches!(status.as_str(), "aktiv" | "active" | "offen" | "open") {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "the status \"{}\" is not known; write aktiv, vorübergehend geschlossen or archiviert (the record is imported as active)",
                        cell.value
                    ),
                );
            }
        }
        match record.get(Field::TemporarilyClosed) {
            Some(cell) if yes_no(cell, report) == Some(true) => Status::TemporarilyClosed,
            _ => Status::Active,
        }
    }

    fn categories(&mut self, record: &Record, report: &mut Report) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for cell in &record.categories {
            let Some((mapped, guessed)) = self.mapping.ids(&cell.value) else {
                continue;
            };
            // A guess from the words, once per category of the source: it may be wrong
            // ("Deutsch lernen" taken as the integration courses makes a Sprachcafé a course).
            if !mapped.is_empty()
                && self.mapping.guessed_by_words(&cell.value)
                && self.guesses_noted.insert(cell.value.trim().to_lowercase())
            {
                // Named as the template's list names them (the German label first), with the id.
                let names: Vec<String> = mapped
                    .iter()
                    .map(|id| {
                        let known = self.known.iter().find(|known| known.id == *id);
                        match known.and_then(|known| known.words.first()) {
                            Some(label) => format!("{label} ({id})"),
                            None => id.clone(),
                        }
                    })
                    .collect();
                report.push(
                    Some(cell),
                    Severity::Note,
                    format!(
                        "the category \"{}\" was guessed to be \"{}\", for every row with it; check it, and change it in the category mapping if it is wrong",
                        cell.value,
                        names.join(", ")
                    ),
                );
            }
            if mapped.is_empty() && guessed {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "the category \"{}\" has no category id; give it one in the mapping file (category left out)",
                        cell.value
                    ),
                );
            }
            for id in mapped {
                if !is_valid_category_id(id) {
                    report.push(
                        Some(cell),
                        Severity::Error,
                        format!(
                            "the mapping gives \"{id}\" for \"{}\", which is not a category id: lowercase letters, digits and \"-\" (category left out)",
                            cell.value
                        ),
                    );
                    continue;
                }
                let is_known = self.known.iter().any(|known| known.id == *id);
                if !is_known && !self.custom.iter().any(|(custom, _)| custom == id) {
                    self.custom.push((id.clone(), cell.value.clone()));
                }
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids
    }

    fn location(&self, record: &Record, report: &mut Report) -> Option<Value> {
        let mut location = Map::new();
        if let Some(cell) = record.get(Field::Address) {
            location.insert("address_1".into(), Value::from(cell.value.clone()));
        }
        let postcode = record
            .get(Field::Postcode)
            .and_then(|cell| postcode(cell, self.places, report));
        if let Some(postcode) = &postcode {
            location.insert("postal_code".into(), Value::from(postcode.clone()));
        }
        let city = record.get(Field::City).map(|cell| cell.value.clone());
        if let Some(city) = &city {
            location.insert("city".into(), Value::from(city.clone()));
        }
        if let Some(cell) = record.get(Field::Country) {
            let country = cell.value.to_lowercase();
            if !matches!(country.as_str(), "de" | "deu" | "deutschland" | "germany") {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "the country \"{}\" is not Germany; the directory is for places in Germany",
                        cell.value
                    ),
                );
            }
        }
        match coordinates(record, report) {
            Some((latitude, longitude)) => {
                location.insert("latitude".into(), Value::from(latitude));
                location.insert("longitude".into(), Value::from(longitude));
            }
            None if postcode.is_some() || city.is_some() => {
                // The problem names the column that gave the point, so that the officer
                // sees where the coordinates belong.
                let postcode_cell = record.get(Field::Postcode);
                let city_cell = record.get(Field::City);
                let looked_up = postcode
                    .as_deref()
                    .and_then(|postcode| {
                        let point = self.places.locate(postcode)?;
                        Some((format!("postcode {postcode}"), postcode_cell, point))
                    })
                    .or_else(|| {
                        let city = city.as_deref()?;
                        let point = self.places.locate(city)?;
                        Some((format!("the town {city}"), city_cell, point))
                    });
                match looked_up {
                    Some((place, cell, point)) => {
                        location.insert("latitude".into(), Value::from(round(point.latitude)));
                        location.insert("longitude".into(), Value::from(round(point.longitude)));
                        report.push(
                            cell,
                            Severity::Warning,
                            format!(
                                "no coordinates: the centre of {place} was taken, which is approximate; set the coordinates for an exact distance"
                            ),
                        );
                    }
                    None => report.push(
                        postcode_cell.or(city_cell),
                        Severity::Warning,
                        "no coordinates, and neither postcode nor town is in the gazetteer: the entry cannot be found near a place; set the coordinates".into(),
                    ),
                }
            }
            None => {}
        }
        if let Some(cell) = record.get(Field::Wheelchair) {
            let access = |text: &str| match text.trim().to_lowercase().as_str() {
                "ja" | "yes" | "true" | "1" | "x" | "vollständig" | "barrierefrei"
                | "rollstuhlgerecht" => Some("yes"),
                "teilweise" | "eingeschränkt" | "bedingt" | "limited" | "partial" => {
                    Some("limited")
                }
                "nein" | "no" | "false" | "0" | "nicht barrierefrei" => Some("no"),
                _ => None,
            };
            // "Ja, mit Rampe": the answer, and a warning that the rest is not kept.
            let with_remark = || {
                let end = cell
                    .value
                    .find([',', '(', ';', ':', '–'])
                    .filter(|&end| end > 0)?;
                let rest = cell.value[end..]
                    .trim_matches(|c: char| c.is_whitespace() || ",(;:–)".contains(c));
                Some((access(&cell.value[..end])?, rest))
            };
            let value = access(&cell.value).or_else(|| {
                let (value, rest) = with_remark()?;
                let word =
                    crate::columns::choice_word(crate::columns::WHEELCHAIR, value).unwrap_or(value);
                remark_not_kept(cell, word, rest, report);
                Some(value)
            });
            match value {
                Some(value) => {
                    location.insert("wheelchair".into(), Value::from(value));
                }
                None => report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{}\" is not ja, teilweise or nein (value ignored)",
                        cell.value
                    ),
                ),
            }
        }
        (!location.is_empty()).then_some(Value::Object(location))
    }
}

impl Builder<'_> {
    /// The record's numbers, with the details a workbook's phone sheet gives for them.
    fn phones(&self, record: &Record, source_id: Option<&str>, report: &mut Report) -> Vec<Value> {
        let mut phones = phones(record, report);
        let Some(id) = source_id else {
            return phones;
        };
        for phone in &mut phones {
            let number = phone["number"].as_str().unwrap_or_default().to_owned();
            if let (Some(details), Value::Object(phone)) = (
                self.phone_details.get(&(id.to_owned(), number)),
                &mut *phone,
            ) {
                self.phone_details_into(phone, details, report);
            }
        }
        phones
    }

    fn phone_details_into(
        &self,
        phone: &mut Map<String, Value>,
        details: &Record,
        report: &mut Report,
    ) {
        let mut report = report.for_row(details.row);
        if let Some(cell) = details.get(Field::Description) {
            let description = details.text_value(
                Field::Description,
                cell.value.clone(),
                &self.default_language,
            );
            phone.insert("description".into(), description);
        }
        if let Some(cell) = details.get(Field::Kind) {
            match choice_value(PHONE_TYPES, &cell.value) {
                Some(kind) => {
                    phone.insert("type".into(), Value::from(kind));
                }
                None => report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{}\" is not a kind of number; write one of: {} (value ignored)",
                        cell.value,
                        words(PHONE_TYPES)
                    ),
                ),
            }
        }
        if let Some(languages) = languages(details, &mut report) {
            phone.insert("languages".into(), languages);
        }
    }

    /// A contact of a workbook's contact sheet.
    fn contact(&self, record: &Record, report: &mut Report) -> Value {
        let mut report = report.for_row(record.row);
        let mut contact = Map::new();
        if let Some(cell) = record.get(Field::Name) {
            let title = record.text_value(Field::Name, cell.value.clone(), &self.default_language);
            contact.insert("title".into(), title);
        }
        let phones = phones(record, &mut report);
        if !phones.is_empty() {
            contact.insert("phones".into(), Value::from(phones));
        }
        if let Some(email) = email(record, &mut report) {
            contact.insert("email".into(), Value::from(email));
        }
        if let Some(languages) = languages(record, &mut report) {
            contact.insert("languages".into(), languages);
        }
        Value::Object(contact)
    }

    /// The columns that are one value at one place of the entry ([`ENTRY_COLUMNS`]); not the
    /// fees where `fees_said_free` (they said only "kostenlos").
    fn plain_columns(
        &self,
        record: &Record,
        fees_said_free: bool,
        entry: &mut Map<String, Value>,
        report: &mut Report,
    ) {
        for (field, cell) in &record.cells {
            let Field::Path(index) = *field else {
                continue;
            };
            if fees_said_free && *field == fees_field() {
                continue;
            }
            let Some(column) = ENTRY_COLUMNS.get(usize::from(index)) else {
                continue;
            };
            let value = plain_value(column, cell, report, self.today.as_deref(), |text| {
                record.text_value(*field, text, &self.default_language)
            });
            if let Some(value) = value {
                set_path(entry, column.path, value);
            }
        }
    }
}

/// The column of the fees ("Kosten").
fn fees_field() -> Field {
    let index = ENTRY_COLUMNS
        .iter()
        .position(|column| column.path == "fees_description")
        .and_then(|index| u8::try_from(index).ok());
    Field::Path(index.unwrap_or(u8::MAX))
}

/// What the fees ("Kosten") say where they say the offer costs nothing: a fact the card shows,
/// and the filter finds, in the newcomer's language, where the German word would be all the
/// fees text. A text that says only that is then not kept (see `plain_columns`); one that says more of
/// the advice ("kostenlos und vertraulich") is.
fn free_in_fees_column(record: &Record, report: &mut Report) -> Option<text::FreeOfCharge> {
    let cell = record.get(fees_field())?;
    let free = text::free_of_charge(&cell.value)?;
    let kept = match free {
        text::FreeOfCharge::Only => "",
        text::FreeOfCharge::AndMore => "; the text is kept",
    };
    report.push(
        Some(cell),
        Severity::Note,
        format!(
            "\"{}\" was read as: free of charge (free_of_charge){kept}",
            cell.value
        ),
    );
    Some(free)
}

/// A cell of a plain column as the format's value, or `None` with the problem reported.
/// `today` is the day of the import (see [`crate::Options::today`]); `text` makes a text's
/// value (with its translations).
pub(crate) fn plain_value(
    column: &PathColumn,
    cell: &Cell,
    report: &mut Report,
    today: Option<&str>,
    text: impl FnOnce(String) -> Value,
) -> Option<Value> {
    let value = cell.value.as_str();
    match column.kind {
        ValueKind::Text => Some(text(value.to_owned())),
        ValueKind::YesNo => yes_no(cell, report).map(Value::from),
        ValueKind::Date => {
            if let Some(date) = text::parse_date(value) {
                return Some(Value::from(date));
            }
            // A day without its year ("30.11.") or "heute", read against the day of the import.
            let year_of = if column.path.ends_with("last_modified") {
                text::YearOf::Past
            } else if column.path.ends_with("start_date") {
                text::YearOf::Nearest
            } else {
                text::YearOf::Ahead
            };
            if let Some(date) = today.and_then(|today| text::parse_date_near(value, today, year_of))
            {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!("\"{value}\" was read as {date}; check it (value converted)"),
                );
                return Some(Value::from(date));
            }
            if text::says_no_fixed_date(value) {
                report.push(
                    Some(cell),
                    Severity::Note,
                    format!("\"{value}\" names no fixed date (cell left empty)"),
                );
            } else {
                report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{value}\" is not a date; write 31.12.2026 or 2026-12-31 (value ignored)"
                    ),
                );
            }
            None
        }
        ValueKind::Integer => {
            // "keine" is 0 in a count (the only column where it gets here, see
            // `table::says_nothing`); a number in words around it ("ca. 5", "ab 18 Jahren") is
            // taken with a warning.
            let number = value
                .parse::<u32>()
                .ok()
                .or_else(|| text::is_none_word(value).then_some(0));
            if number.is_some() {
                return number.map(Value::from);
            }
            match text::first_whole_number(value) {
                Some(number) => {
                    report.push(
                        Some(cell),
                        Severity::Warning,
                        format!("\"{value}\" was read as {number}; check it (value converted)"),
                    );
                    Some(Value::from(number))
                }
                None => {
                    report.push(
                        Some(cell),
                        Severity::Error,
                        format!("\"{value}\" is not a whole number such as 12 (value ignored)"),
                    );
                    None
                }
            }
        }
        ValueKind::Decimal => {
            let number = text::parse_decimal(value);
            if number.is_none() {
                report.push(
                    Some(cell),
                    Severity::Error,
                    format!("\"{value}\" is not a number such as 51,2741 (value ignored)"),
                );
            }
            number.map(Value::from)
        }
        ValueKind::Choice(choices) => {
            let choice = choice_value(choices, value);
            if choice.is_none() {
                report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{value}\" is not one of: {} (value ignored)",
                        words(choices)
                    ),
                );
            }
            choice.map(Value::from)
        }
        ValueKind::ChoiceList(choices) => choice_list(choices, cell, report),
    }
}

/// A cell of several choices, as officers write them: separated by commas or "und" ("Kinder
/// und Jugendliche"), a range of levels ("A1–B1"), other words for a choice ("Flüchtlinge",
/// "Senior*innen"; see `columns::choice_value`), or a choice in a longer text ("Kinder 6–12
/// Jahre", with a warning). Among the target groups "alle" is read as none, and "Erwachsene",
/// which is not one, is explained.
fn choice_list(
    choices: &'static [(&'static str, &'static str)],
    cell: &Cell,
    report: &mut Report,
) -> Option<Value> {
    let target_groups = choices == TARGET_GROUPS;
    let mut values: Vec<&str> = Vec::new();
    let mut add = |found: &[&'static str]| {
        for choice in found {
            if !values.contains(choice) {
                values.push(choice);
            }
        }
    };
    for part in cell.value.split([',', ';', '|', '\n']).map(str::trim) {
        let lower = part.to_lowercase();
        if part.is_empty() || target_groups && EVERYONE.contains(&lower.as_str()) {
            if !part.is_empty() {
                report.push(
                    Some(cell),
                    Severity::Note,
                    format!(
                        "\"{part}\": an offer for everyone needs no target group (cell left empty)"
                    ),
                );
            }
            continue;
        }
        if let Some(found) = choice_value(choices, part)
            .map(|choice| vec![choice])
            .or_else(|| level_range(choices, part))
            .or_else(|| every_choice_of(choices, part))
        {
            add(&found);
            continue;
        }
        let named = columns::choices_named_in(choices, part);
        if target_groups && named.is_empty() && ADULTS.contains(&lower.as_str()) {
            report.push(
                Some(cell),
                Severity::Warning,
                format!("\"{part}\" is not a target group: an offer for all adults needs none; for adults only, write 18 in the column \"Mindestalter\" (value ignored)"),
            );
        } else if named.is_empty() {
            report.push(
                Some(cell),
                Severity::Error,
                format!(
                    "\"{part}\" is not one of: {} (value ignored)",
                    words(choices)
                ),
            );
        } else {
            let read: Vec<&str> = named
                .iter()
                .filter_map(|value| columns::choice_word(choices, value))
                .collect();
            let read = read.join(", ");
            let message = if target_groups && part.contains(|c: char| c.is_ascii_digit()) {
                format!(
                    "\"{part}\" was read as {read}; ages go in the columns \"Mindestalter\" and \"Höchstalter\" (value converted)"
                )
            } else {
                format!("\"{part}\" was read as {read}; check it (value converted)")
            };
            report.push(Some(cell), Severity::Warning, message);
            add(&named);
        }
    }
    (!values.is_empty()).then(|| Value::from(values))
}

/// The course levels from one to another ("A1–B1", "A1 bis B2"); `None` when the text is not
/// such a range, or the choices are not the course levels (a range of target groups means
/// nothing).
fn level_range(choices: &[(&str, &'static str)], text: &str) -> Option<Vec<&'static str>> {
    if choices != COURSE_LEVELS {
        return None;
    }
    let (first, last) = ["–", "-", " bis "]
        .iter()
        .find_map(|sign| text.split_once(sign))?;
    let position = |text: &str| {
        let value = choice_value(choices, text)?;
        choices.iter().position(|(_, known)| *known == value)
    };
    let (first, last) = (position(first)?, position(last)?);
    (first < last).then(|| {
        choices[first..=last]
            .iter()
            .map(|(_, value)| *value)
            .collect()
    })
}

/// The choices of a text that lists them with "und", "/" or "&" ("Kinder und Jugendliche",
/// "Kinder- und Jugendliche"); `None` unless every item is one.
fn every_choice_of(choices: &[(&str, &'static str)], text: &str) -> Option<Vec<&'static str>> {
    let lower = text.to_lowercase();
    let mut items = vec![lower.as_str()];
    for separator in [" und ", " u. ", " sowie ", " oder ", "/", "&", "+"] {
        items = items
            .iter()
            .flat_map(|item| item.split(separator))
            .collect();
    }
    let items: Vec<&str> = items
        .iter()
        .map(|item| item.trim().trim_end_matches('-').trim())
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < 2 {
        return None;
    }
    items
        .iter()
        .map(|item| choice_value(choices, item))
        .collect()
}

/// The German words of a choice column, for a problem: "Kinder, Jugendliche, Frauen" (the
/// same in the English and the German message).
fn words(choices: &[(&str, &str)]) -> String {
    let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
    words.join(", ")
}

/// Sets a value at a dot-separated path, making the objects on the way.
pub(crate) fn set_path(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_owned(), value);
        }
        Some((first, rest)) => {
            let child = object
                .entry(first)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                set_path(child, rest, value);
            }
        }
    }
}

enum Status {
    Active,
    TemporarilyClosed,
    Skip,
}

/// Coordinates rounded to about a metre.
fn round(degrees: f64) -> f64 {
    (degrees * 100_000.0).round() / 100_000.0
}

/// The format's rule for ids: 1–100 letters, digits, `-`, `_`, `.` or `:`, starting with a
/// letter or digit.
fn is_valid_id(id: &str) -> bool {
    id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
}

fn is_valid_category_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The cell's text, shortened to `limit` characters with a warning when longer.
fn limited(cell: &Cell, limit: usize, report: &mut Report) -> String {
    let length = cell.value.chars().count();
    if length <= limit {
        return cell.value.clone();
    }
    report.push(
        Some(cell),
        Severity::Warning,
        format!(
            "the text has {length} characters, more than the {limit} the format allows (value shortened)"
        ),
    );
    text::shorten(&cell.value, limit)
}

/// The record's e-mail address, or `None` (reported when the cell holds something else). An
/// address hidden from spam robots ("info(at)example.org") is read, and of several the first is
/// taken, each with a warning.
fn email(record: &Record, report: &mut Report) -> Option<String> {
    let cell = record.get(Field::Email)?;
    if let Some(email) = text::email_address(&cell.value) {
        return Some(email);
    }
    let mut addresses = text::email_addresses(&cell.value).into_iter();
    let Some(first) = addresses.next() else {
        report.push(
            Some(cell),
            Severity::Error,
            format!(
                "\"{}\" is not an e-mail address (value ignored)",
                cell.value
            ),
        );
        return None;
    };
    let others: Vec<String> = addresses.collect();
    let message = if others.is_empty() {
        format!(
            "\"{}\" was read as the address {first} (value corrected)",
            cell.value
        )
    } else {
        format!(
            "\"{}\" holds more than one address: {first} was taken, not {}; give each other address a row of its own on the sheet \"{}\" (value shortened)",
            cell.value,
            others.join(", "),
            crate::columns::sheets::CONTACTS,
        )
    };
    report.push(Some(cell), Severity::Warning, message);
    Some(first)
}

/// A ja/nein cell; a longer one that starts with the answer ("Ja, bitte vorher anrufen") gives
/// the answer, with a warning that the rest is not kept.
fn yes_no(cell: &Cell, report: &mut Report) -> Option<bool> {
    if let Some(value) = text::parse_yes_no(&cell.value) {
        return Some(value);
    }
    if let Some((value, rest)) = text::yes_no_with_remark(&cell.value) {
        remark_not_kept(cell, if value { "ja" } else { "nein" }, rest, report);
        return Some(value);
    }
    report.push(
        Some(cell),
        Severity::Error,
        format!("\"{}\" is neither ja nor nein (value ignored)", cell.value),
    );
    None
}

/// The warning for a cell of a few answers that says more than its answer: the rest is lost
/// unless the officer writes it where a text goes.
fn remark_not_kept(cell: &Cell, answer: &str, rest: &str, report: &mut Report) {
    report.push(
        Some(cell),
        Severity::Warning,
        format!(
            "\"{}\" was read as {answer}; \"{rest}\" is not kept: write it in the description (value shortened)",
            cell.value
        ),
    );
}

fn kind(record: &Record, categories: &[String], report: &mut Report) -> &'static str {
    let guessed = if categories
        .iter()
        .any(|id| id == "integration-courses" || id == "language-courses")
    {
        "course"
    } else if categories
        .iter()
        .any(|id| id == "associations-leisure" || id == "volunteering-mentoring")
    {
        "association"
    } else {
        kind_by_name(record).unwrap_or("service")
    };
    let Some(cell) = record.get(Field::Kind) else {
        return guessed;
    };
    let value = cell.value.to_lowercase();
    let word = |words: &[&str]| words.iter().any(|word| value.contains(word));
    if word(&["kurs", "course"]) {
        "course"
    } else if word(&["verein", "association", "initiative", "gruppe", "ehrenamt"]) {
        "association"
    } else if word(&[
        "dienst", "service", "beratung", "angebot", "amt", "behörde", "stelle",
    ]) {
        "service"
    } else {
        report.push(
            Some(cell),
            Severity::Warning,
            format!(
                "the kind \"{}\" is not known; write Dienst, Kurs or Verein (\"{guessed}\" was taken)",
                cell.value
            ),
        );
        guessed
    }
}

/// A course's type as its name says it ("Integrationskurs mit Alphabetisierung" is a literacy
/// course, "Elternintegrationskurs" one for parents), the more particular before the plain
/// integration course; `None` when the name says none.
fn course_type_by_name(record: &Record) -> Option<&'static str> {
    let name = record.get(Field::Name)?.value.to_lowercase();
    let types: [(&[&str], &str); 7] = [
        (
            &["alphabetis", "zweitschrift", "lesen und schreiben"],
            "literacy",
        ),
        (&["frauen"], "women"),
        (&["eltern", "mütter", "baby"], "parents"),
        (&["jugend"], "youth"),
        (&["intensiv"], "intensive"),
        (&["berufssprach"], "job_related"),
        (&["integrationskurs"], "integration"),
    ];
    types
        .iter()
        .find(|(words, _)| words.iter().any(|word| name.contains(word)))
        .map(|(_, course_type)| *course_type)
}

/// Whether a course's name promises childcare ("… mit Kinderbetreuung"; not "ohne").
fn name_says_childcare(record: &Record) -> bool {
    record.get(Field::Name).is_some_and(|cell| {
        let name = cell.value.to_lowercase();
        name.contains("kinderbetreuung") && !name.contains("ohne kinderbetreuung")
    })
}

/// The kind a name says, where neither a kind column nor the categories do: a word ending in
/// "kurs" is a course ("Integrationskurs für Frauen"; "Beratung zu Integrationskursen" is
/// not), a "Verein", "Café", "Treff", "Gruppe" or "Initiative" an association.
fn kind_by_name(record: &Record) -> Option<&'static str> {
    let name = record.get(Field::Name)?.value.to_lowercase();
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && c != 'é')
        .collect();
    if words
        .iter()
        .any(|word| word.ends_with("kurs") || word.ends_with("kurse") || *word == "course")
    {
        return Some("course");
    }
    let association = ["verein", "café", "cafe", "treff", "gruppe", "initiative"];
    words
        .iter()
        .any(|word| association.iter().any(|part| word.contains(part)))
        .then_some("association")
}

fn web_address(cell: &Cell, report: &mut Report) -> Option<String> {
    match text::web_address(&cell.value) {
        Some((url, added)) => {
            if added {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "\"{}\" has no https://; it was added: check that the address opens (value corrected)",
                        cell.value
                    ),
                );
            }
            Some(url)
        }
        None => {
            report.push(
                Some(cell),
                Severity::Error,
                format!(
                    "\"{}\" is not a web address; write https://… (value ignored)",
                    cell.value
                ),
            );
            None
        }
    }
}

/// Whether one of the template's example values cannot be real data ("(Beispiel)",
/// example.org, "Musterstraße 1", "05631 000 000").
fn made_up(value: &str) -> bool {
    ["beispiel", "example", "muster", "000 000"]
        .iter()
        .any(|mark| value.to_lowercase().contains(mark))
}

/// The template's example value in the column `header`, if the template has that column.
fn template_example(header: &str) -> Option<&'static str> {
    crate::template::TEMPLATE_COLUMNS
        .iter()
        .find(|(column, _, _)| *column == header)
        .map(|(_, value, _)| *value)
}

/// Cells of a row that still hold the template's example (its English name, description,
/// address) beside the officer's own name: newcomers would read the example. Only the
/// example values that cannot be real data are looked for ("(Beispiel)", example.org, …); the
/// example row itself is skipped before (see `build`).
fn template_remnants(record: &Record, report: &mut Report) {
    for cell in record.every_cell() {
        let Some(value) = template_example(cell.column.trim()) else {
            continue;
        };
        if made_up(value) && cell.value == value {
            report.push(
                Some(cell),
                Severity::Warning,
                format!(
                    "the cell still holds the template's example \"{value}\"; replace or delete it"
                ),
            );
        }
    }
}

/// A German postcode: five digits; one with four digits lost its leading zero in a
/// spreadsheet (01067 Dresden became 1067) and gets it back, when the gazetteer knows the
/// postcode then. Otherwise a digit is missing (3516 for 35116), and a leading zero would put
/// the entry at the other end of Germany: it is reported, and the town alone places it.
fn postcode(cell: &Cell, places: &dyn PlaceLookup, report: &mut Report) -> Option<String> {
    let value = cell.value.trim();
    let value = value.strip_prefix("D-").unwrap_or(value);
    if value.len() == 5 && value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(value.to_owned());
    }
    if value.len() == 4 && value.bytes().all(|byte| byte.is_ascii_digit()) {
        let corrected = format!("0{value}");
        if places.locate(&corrected).is_none() {
            report.push(
                Some(cell),
                Severity::Error,
                format!(
                    "the postcode {value} has four digits, and {corrected} is not a German postcode either: a digit is missing (value ignored)"
                ),
            );
            return None;
        }
        report.push(
            Some(cell),
            Severity::Warning,
            format!(
                "the postcode {value} has four digits; its leading zero was put back (value corrected)"
            ),
        );
        return Some(corrected);
    }
    report.push(
        Some(cell),
        Severity::Error,
        format!(
            "\"{}\" is not a German postcode of five digits (value ignored)",
            cell.value
        ),
    );
    None
}

/// Latitude and longitude, with decimal commas; swapped ones are put right.
fn coordinates(record: &Record, report: &mut Report) -> Option<(f64, f64)> {
    let latitude_cell = record.get(Field::Latitude);
    let longitude_cell = record.get(Field::Longitude);
    let parse = |cell: Option<&Cell>, report: &mut Report| {
        let cell = cell?;
        let number = text::parse_decimal(&cell.value);
        if number.is_none() {
            report.push(
                Some(cell),
                Severity::Error,
                format!(
                    "\"{}\" is not a number in degrees such as 51,2741 (value ignored)",
                    cell.value
                ),
            );
        }
        number
    };
    let latitude = parse(latitude_cell, report);
    let longitude = parse(longitude_cell, report);
    let (latitude, longitude) = match (latitude, longitude) {
        (Some(latitude), Some(longitude)) => (latitude, longitude),
        (Some(_), None) | (None, Some(_)) => {
            report.push(
                latitude_cell.or(longitude_cell),
                Severity::Error,
                "only one of latitude and longitude is given (value ignored)".into(),
            );
            return None;
        }
        (None, None) => return None,
    };
    let in_germany = |latitude: f64, longitude: f64| {
        (47.0..=55.2).contains(&latitude) && (5.8..=15.1).contains(&longitude)
    };
    if in_germany(latitude, longitude) {
        return Some((latitude, longitude));
    }
    if in_germany(longitude, latitude) {
        report.push(
            latitude_cell,
            Severity::Warning,
            format!(
                "latitude {latitude} and longitude {longitude} were swapped; they were put right (value corrected)"
            ),
        );
        return Some((longitude, latitude));
    }
    report.push(
        latitude_cell,
        Severity::Error,
        format!(
            "{latitude}, {longitude} is not in Germany: the latitude is about 47 to 55, the longitude 6 to 15 (value ignored)"
        ),
    );
    None
}

fn phones(record: &Record, report: &mut Report) -> Vec<Value> {
    let mut phones = Vec::new();
    let cells = record
        .all(Field::Phone)
        .map(|cell| (cell, None))
        .chain(record.all(Field::Fax).map(|cell| (cell, Some("fax"))));
    for (cell, column_kind) in cells {
        let (numbers, rest) = text::split_phones(&cell.value);
        for part in rest {
            report.push(
                Some(cell),
                Severity::Error,
                format!("\"{part}\" is not a telephone number (value ignored)"),
            );
        }
        for phone in numbers {
            let mut number = phone.number;
            // A number stored as a number lost its leading zero: 05631 became 5631. In a CSV
            // file that Excel wrote, it is digits alone; German numbers start with 0 or +, and
            // only short service numbers (110, 116 117) with another digit.
            let digits_alone =
                number.len() >= 7 && number.bytes().all(|byte| byte.is_ascii_digit());
            if (cell.number || digits_alone) && !number.starts_with(['0', '+']) {
                report.push(
                    Some(cell),
                    Severity::Warning,
                    format!(
                        "the number {number} was stored as a number and lost its leading zero; it was put back (value corrected)"
                    ),
                );
                number.insert(0, '0');
            }
            let mut object = Map::new();
            object.insert("number".into(), Value::from(number));
            if let Some(description) = phone.description {
                object.insert("description".into(), Value::from(description));
            }
            if let Some(kind) = phone.kind.or(column_kind) {
                object.insert("type".into(), Value::from(kind));
            }
            phones.push(Value::Object(object));
        }
    }
    phones
}

fn languages(record: &Record, report: &mut Report) -> Option<Value> {
    let cell = record.get(Field::Languages)?;
    let mut codes: Vec<&str> = Vec::new();
    let value = cell.value.replace(" und ", ",");
    for part in value.split([',', ';', '/', '|', '\n']) {
        let part = part.trim();
        // "u. a.", "usw.": the list is longer than it says, which the format cannot say.
        let folded = part.to_lowercase().replace(' ', "");
        if part.is_empty()
            || ["u.a.", "usw.", "etc.", "undandere", "weitere", "u.v.m."].contains(&folded.as_str())
        {
            continue;
        }
        // "Kurdisch (Kurmandschi)": the language, or the one in brackets.
        let (outside, inside) = match part.split_once('(') {
            Some((outside, inside)) => (outside.trim(), inside.trim_end_matches(')').trim()),
            None => (part, ""),
        };
        let code = text::language_code(part)
            .or_else(|| text::language_code(inside))
            .or_else(|| text::language_code(outside));
        match code {
            Some(code) if !codes.contains(&code) => codes.push(code),
            Some(_) => {}
            None => report.push(
                Some(cell),
                Severity::Error,
                format!(
                    "\"{part}\" is not a language this importer knows; write its name (Arabisch) or its ISO 639 code (ar) (value ignored)"
                ),
            ),
        }
    }
    (!codes.is_empty()).then(|| Value::from(codes))
}

/// The schedule, and whether every open day is by appointment only.
fn schedule(record: &Record, report: &mut Report) -> (Option<Value>, bool) {
    let mut schedule = Map::new();
    // The hours say only "nach Vereinbarung" (by appointment).
    let mut by_appointment = false;
    let mut descriptions = Vec::new();
    if let Some(cell) = record.get(Field::Hours) {
        let osm_like = looks_like_opening_hours(&cell.value);
        let german = if osm_like && written_as_osm(&cell.value) {
            None
        } else {
            crate::german_hours::opening_hours(&cell.value)
        };
        if let Some(osm) = german {
            report.push(
                Some(cell),
                Severity::Warning,
                format!(
                    "\"{}\" was read as \"{osm}\" (Mo Tu We Th Fr Sa Su); check it, or write it so yourself (value converted)",
                    cell.value
                ),
            );
            schedule.insert("opening_hours".into(), Value::from(osm));
        } else if osm_like {
            schedule.insert("opening_hours".into(), Value::from(cell.value.clone()));
        } else if let Some((osm, rest)) = crate::german_hours::opening_hours_and_rest(&cell.value) {
            let rest = rest.join("; ");
            report.push(
                Some(cell),
                Severity::Warning,
                format!(
                    "\"{}\" was read as \"{osm}\" (Mo Tu We Th Fr Sa Su), and \"{rest}\" is kept as the schedule's description; check it (value converted)",
                    cell.value
                ),
            );
            schedule.insert("opening_hours".into(), Value::from(osm));
            descriptions.push(rest);
        } else if text::says_by_appointment(&cell.value) {
            // "nach Vereinbarung": no hours to keep, but a fact the card shows in any language.
            by_appointment = true;
            report.push(
                Some(cell),
                Severity::Note,
                format!(
                    "\"{}\" was read as: by appointment only (appointment_required); the text is kept as the schedule's description",
                    cell.value
                ),
            );
            descriptions.push(cell.value.clone());
        } else {
            report.push(
                Some(cell),
                Severity::Warning,
                format!(
                    "\"{}\" is not in the opening_hours syntax (Mo-Fr 09:00-12:00); it is kept as the schedule's description, so \"open now\" cannot use it",
                    cell.value
                ),
            );
            descriptions.push(cell.value.clone());
        }
    }
    if let Some(cell) = record.get(Field::ScheduleDescription) {
        descriptions.push(cell.value.clone());
    }
    let week = match &record.week {
        Some((_, week)) => Some(week.clone()),
        None => week_from_columns(record, report),
    };
    let mut appointment_only = by_appointment;
    if let Some(week) = week {
        if !schedule.contains_key("opening_hours")
            && let Some(value) = hours::opening_hours(&week)
        {
            schedule.insert("opening_hours".into(), Value::from(value));
        }
        let open: Vec<usize> = (0..7)
            .filter(|&day| !week[day].closed && (week[day].all_day || !week[day].slots.is_empty()))
            .collect();
        let by_appointment: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&day| week[day].appointment_only)
            .collect();
        if !by_appointment.is_empty() {
            appointment_only = by_appointment.len() == open.len();
            descriptions.push(format!(
                "Nur mit Termin: {}",
                hours::day_list(&by_appointment)
            ));
        }
    }
    // "An Feiertagen geschlossen." as a line of its own in the description (an officer's
    // note, or what an HSDS export says for `PH off`) goes into the hours, where "open now"
    // can use it.
    if let Some(Value::String(hours)) = schedule.get_mut("opening_hours")
        && !hours.contains("PH")
    {
        let mut closed_on_holidays = false;
        for description in &mut descriptions {
            let lines: Vec<&str> = description
                .lines()
                .filter(|line| {
                    let closed = crate::german_hours::closed_on_public_holidays(line);
                    closed_on_holidays |= closed;
                    !closed
                })
                .collect();
            *description = lines.join("\n");
        }
        descriptions.retain(|description| !description.is_empty());
        if closed_on_holidays {
            hours.push_str("; PH off");
        }
    }
    if let Some(cell) = record.get(Field::AppointmentUrl) {
        match text::web_address(&cell.value) {
            Some((url, _)) => descriptions.push(format!("Termine online: {url}")),
            None => report.push(
                Some(cell),
                Severity::Error,
                format!("\"{}\" is not a web address (value ignored)", cell.value),
            ),
        }
    }
    if !descriptions.is_empty() {
        schedule.insert("description".into(), Value::from(descriptions.join("\n")));
    }
    (
        (!schedule.is_empty()).then_some(Value::Object(schedule)),
        appointment_only,
    )
}

/// Whether a value is written in the opening_hours syntax rather than in words: it starts
/// with an English day, `PH`, a month or `24/7`, and has no German day names.
fn looks_like_opening_hours(text: &str) -> bool {
    let starts = [
        "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "24/7", "Jan", "Feb", "Mar", "Apr", "May",
        "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let german = [
        "Di", "Mi", "Do", "So", "Uhr", "bis", "und", "Montag", "Dienstag", "Mittwoch",
    ];
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|word| !word.is_empty())
        .collect();
    starts
        .iter()
        .any(|start| text.trim_start().starts_with(start))
        && !words.iter().any(|word| german.contains(word))
        && !text.contains("Mo.")
}

/// Whether a text that starts like `opening_hours` writes its times as that syntax does:
/// `HH:MM-HH:MM`, without spaces around the dash or a colon after a day. Where it does not
/// ("Mo - Fr: 08:00 - 12:00") and the German reading can read it, that reading is taken, and an
/// officer's list ("Mo-Fr 9:00-12:00, Do 14:00-17:00") adds up as the officer meant; times in
/// the syntax's form keep its own rules (where "Mo-Fr 09:00-12:00; Th 14:00-17:00" replaces
/// Thursday morning).
fn written_as_osm(text: &str) -> bool {
    let mut times = text.split(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'));
    let digits_only = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    // A number without a colon is not a time of the syntax, but it may be a day of a month
    // ("Dec 24") or a week: a text with one is read in German only where that reading can.
    let well_formed = times.all(|time| {
        time.is_empty()
            || time
                .split_once(':')
                .is_some_and(|(hours, minutes)| digits_only(hours) && digits_only(minutes))
    });
    well_formed
        && !text.contains(" -")
        && !text.contains("- ")
        && !text.contains(['–', '—'])
        && !hours::DAY_NAMES
            .iter()
            .any(|day| text.contains(&format!("{day}:")))
}

/// The week from the Integreat CSV's weekday columns; `None` when the record has none.
fn week_from_columns(record: &Record, report: &mut Report) -> Option<Week> {
    let mut week: Week = Default::default();
    let mut any = false;
    let mut starts: [Option<String>; 7] = Default::default();
    let mut ends: [Option<String>; 7] = Default::default();
    for (field, cell) in &record.cells {
        let Field::Day(day, part) = field else {
            continue;
        };
        any = true;
        let day_hours: &mut DayHours = &mut week[usize::from(day.0)];
        let time = |report: &mut Report| {
            let time = hours::parse_time(&cell.value);
            if time.is_none() {
                report.push(
                    Some(cell),
                    Severity::Error,
                    format!(
                        "\"{}\" is not a time such as 09:00 (value ignored)",
                        cell.value
                    ),
                );
            }
            time
        };
        match part {
            DayPart::Start => starts[usize::from(day.0)] = time(report),
            DayPart::End => ends[usize::from(day.0)] = time(report),
            DayPart::AllDay => day_hours.all_day = yes_no(cell, report) == Some(true),
            DayPart::Closed => day_hours.closed = yes_no(cell, report) == Some(true),
            DayPart::AppointmentOnly => {
                day_hours.appointment_only = yes_no(cell, report) == Some(true);
            }
        }
    }
    for day in 0..7 {
        match (&starts[day], &ends[day]) {
            (Some(start), Some(end)) => week[day].slots.push((start.clone(), end.clone())),
            (Some(_), None) | (None, Some(_)) if !week[day].closed && !week[day].all_day => {
                report.push(
                    None,
                    Severity::Error,
                    format!(
                        "{} has an opening or a closing time but not both (day left out)",
                        hours::DAY_NAMES[day]
                    ),
                );
            }
            _ => {}
        }
    }
    any.then_some(week)
}

/// "34497 Korbach" → ("34497", "Korbach"); "D-34497 Korbach" too; a value without a leading
/// postcode is the town alone. A four-digit postcode stays as written: where it is read, a
/// lost leading zero is put back when the gazetteer knows the result.
fn split_postcode_and_city(value: &str) -> (&str, &str) {
    let value = value.trim();
    let rest = value
        .strip_prefix("D-")
        .or_else(|| value.strip_prefix("D "))
        .unwrap_or(value)
        .trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (4..=5).contains(&digits) {
        let city = rest[digits..].trim_start_matches([' ', ',']).trim();
        if city.is_empty() || city.starts_with(char::is_alphabetic) {
            return (&rest[..digits], city);
        }
    }
    ("", value)
}

/// "Südring 2, 34497 Korbach" → ("Südring 2", "34497", "Korbach"): the last group of five
/// digits that stands alone and is followed by a town. `None` when the address has none.
fn street_postcode_and_city(address: &str) -> Option<(&str, &str, &str)> {
    let bytes = address.as_bytes();
    (1..bytes.len().saturating_sub(5)).rev().find_map(|start| {
        let postcode = address.get(start..start + 5)?;
        let city = address.get(start + 5..)?;
        let stands_alone = matches!(bytes[start - 1], b' ' | b',' | b'-') && city.starts_with(' ');
        if !stands_alone || !postcode.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        let city = city.trim();
        let street = address[..start].trim_end_matches([' ', ',', '-']);
        let street = street
            .strip_suffix(" D")
            .unwrap_or(street)
            .trim_end_matches([' ', ',']);
        (city.starts_with(char::is_alphabetic) && !street.is_empty())
            .then_some((street, postcode, city))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_and_town_in_one_cell_are_split() {
        assert_eq!(
            split_postcode_and_city("34497 Korbach"),
            ("34497", "Korbach")
        );
        assert_eq!(
            split_postcode_and_city("D-34497  Korbach"),
            ("34497", "Korbach")
        );
        assert_eq!(split_postcode_and_city("1067 Dresden"), ("1067", "Dresden"));
        assert_eq!(split_postcode_and_city("34497"), ("34497", ""));
        assert_eq!(split_postcode_and_city("Korbach"), ("", "Korbach"));
        assert_eq!(split_postcode_and_city("123 Korbach"), ("", "123 Korbach"));
    }

    #[test]
    fn an_address_gives_up_its_postcode_and_town() {
        assert_eq!(
            street_postcode_and_city("Südring 2, 34497 Korbach"),
            Some(("Südring 2", "34497", "Korbach"))
        );
        assert_eq!(
            street_postcode_and_city("Hauptstraße 12 D-35066 Frankenberg (Eder)"),
            Some(("Hauptstraße 12", "35066", "Frankenberg (Eder)"))
        );
        assert_eq!(street_postcode_and_city("Südring 2"), None);
        assert_eq!(street_postcode_and_city("Postfach 12345"), None);
        assert_eq!(street_postcode_and_city("34497 Korbach"), None);
    }

    /// A record of row 2 with `name` in its column "Name".
    fn record_named(name: &str) -> Record {
        let mut record = Record::new(2);
        let column = "Name".into();
        let cell = Cell {
            column,
            value: name.into(),
            number: false,
        };
        record.set(Field::Name, cell);
        record
    }

    #[test]
    fn a_name_says_the_kind_where_nothing_else_does() {
        let named = |name: &str| kind_by_name(&record_named(name));
        assert_eq!(
            named("Integrationskurs mit Kinderbetreuung"),
            Some("course")
        );
        assert_eq!(named("Deutschkurse für Eltern"), Some("course"));
        assert_eq!(named("Beratung zu Integrationskursen"), None);
        assert_eq!(named("Sprachcafé Korbach"), Some("association"));
        assert_eq!(named("Frauentreff International"), Some("association"));
        assert_eq!(named("Migrationsberatung"), None);
    }

    #[test]
    fn a_course_name_says_its_type_and_childcare() {
        let named = |name: &str| {
            let record = record_named(name);
            (course_type_by_name(&record), name_says_childcare(&record))
        };
        assert_eq!(
            named("Integrationskurs Allgemein Bad Arolsen"),
            (Some("integration"), false)
        );
        assert_eq!(
            named("Integrationskurs für Frauen mit Kinderbetreuung"),
            (Some("women"), true)
        );
        assert_eq!(
            named("Integrationskurs mit Alphabetisierung"),
            (Some("literacy"), false)
        );
        assert_eq!(named("Elternintegrationskurs"), (Some("parents"), false));
        assert_eq!(named("Deutschkurs ohne Kinderbetreuung"), (None, false));
    }

    #[test]
    fn a_town_written_with_its_postcode_gives_both() {
        let cell = |column: &str, value: &str| Cell {
            column: column.to_owned(),
            value: value.to_owned(),
            number: false,
        };
        let fields = |record: &Record| {
            [Field::Postcode, Field::City]
                .map(|field| record.get(field).map(|cell| cell.value.clone()))
        };
        // "Ort: 34497 Korbach", the postcode column empty.
        let mut record = Record::new(2);
        record.join(Field::City, cell("Ort", "34497 Korbach"));
        assert_eq!(
            fields(&record),
            [Some("34497".into()), Some("Korbach".into())]
        );
        // The postcode in its column too, before or after: one postcode, not two.
        for order in [[0, 1], [1, 0]] {
            let cells = [
                (Field::Postcode, cell("PLZ", "34497")),
                (Field::City, cell("Ort", "34497 Korbach")),
            ];
            let mut record = Record::new(2);
            for index in order {
                record.join(cells[index].0, cells[index].1.clone());
            }
            assert_eq!(
                fields(&record),
                [Some("34497".into()), Some("Korbach".into())]
            );
        }
        // A town alone stays the town.
        let mut record = Record::new(2);
        record.join(Field::City, cell("Ort", "Bad Arolsen"));
        assert_eq!(fields(&record), [None, Some("Bad Arolsen".into())]);
    }

    #[test]
    fn a_heading_over_two_columns_keeps_both_values() {
        let cell = |column: &str, value: &str| Cell {
            column: column.to_owned(),
            value: value.to_owned(),
            number: false,
        };
        let mut record = Record::new(2);
        record.join(Field::Hours, cell("Öffnungszeiten", "Mo-Do 08:00-12:00"));
        record.join(
            Field::Hours,
            cell("Öffnungszeiten", "und nach Vereinbarung"),
        );
        record.join(Field::PostcodeAndCity, cell("PLZ/Ort", "34497 Korbach"));
        assert_eq!(
            record.get(Field::Hours).map(|cell| cell.value.as_str()),
            Some("Mo-Do 08:00-12:00; und nach Vereinbarung")
        );
        assert_eq!(
            record.get(Field::Postcode).map(|cell| cell.value.as_str()),
            Some("34497")
        );
        assert_eq!(
            record.get(Field::City).map(|cell| cell.value.as_str()),
            Some("Korbach")
        );
    }
}
