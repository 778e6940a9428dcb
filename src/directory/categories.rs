//! The built-in categories: stable ids that every directory can use without defining them.

/// A built-in category with its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinCategory {
    /// The stable id used in directory files and queries.
    pub id: &'static str,
    /// The German label.
    pub label_de: &'static str,
    /// The English label.
    pub label_en: &'static str,
}

impl BuiltinCategory {
    /// The label in `language`, German for any language without its own label yet.
    pub fn label(&self, language: &str) -> &'static str {
        match language {
            "en" => self.label_en,
            _ => self.label_de,
        }
    }
}

/// Looks a built-in category up by id.
pub fn builtin_category(id: &str) -> Option<&'static BuiltinCategory> {
    BUILTIN_CATEGORIES.iter().find(|category| category.id == id)
}

/// Every built-in category, in the order the widget lists them.
pub const BUILTIN_CATEGORIES: &[BuiltinCategory] = &[
    category(
        "first-steps",
        "Erste Schritte und Willkommen",
        "First steps and welcome",
    ),
    category(
        "migration-counselling",
        "Migrationsberatung",
        "Migration counselling",
    ),
    category(
        "residence-asylum",
        "Aufenthalt und Asyl",
        "Residence and asylum",
    ),
    category(
        "integration-courses",
        "Integrationskurse",
        "Integration courses",
    ),
    category(
        "language-courses",
        "Weitere Sprachkurse",
        "Other language courses",
    ),
    category(
        "work-jobcenter",
        "Arbeit und Jobcenter",
        "Work and Jobcenter",
    ),
    category(
        "recognition",
        "Anerkennung von Abschlüssen",
        "Recognition of qualifications",
    ),
    category(
        "education-school",
        "Bildung und Schule",
        "Education and school",
    ),
    category(
        "children-family",
        "Kinder und Familie",
        "Children and family",
    ),
    category("health", "Gesundheit", "Health"),
    category("housing", "Wohnen", "Housing"),
    category(
        "associations-leisure",
        "Vereine und Freizeit",
        "Associations and leisure",
    ),
    category(
        "volunteering-mentoring",
        "Ehrenamt und Patenschaften",
        "Volunteering and mentoring",
    ),
    category("legal-advice", "Rechtsberatung", "Legal advice"),
    category("women", "Frauen", "Women"),
    category("youth", "Jugend", "Youth"),
    category(
        "interpreting",
        "Dolmetschen und Übersetzen",
        "Interpreting and translation",
    ),
];

const fn category(
    id: &'static str,
    label_de: &'static str,
    label_en: &'static str,
) -> BuiltinCategory {
    BuiltinCategory {
        id,
        label_de,
        label_en,
    }
}
