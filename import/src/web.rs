//! The JavaScript API (wasm32 only) for the officers' checker page (www/check/): `importFile`
//! reads a spreadsheet or another system's export in the browser, nothing uploaded, and answers
//! with JSON text that the page parses.

use serde_json::{Value, json};
use wasm_bindgen::prelude::{JsError, JsValue, wasm_bindgen};

use crate::{Format, KnownCategory, Options, Point, import};

/// Imports `bytes`, a file named `file_name` (its extension and content tell the format).
///
/// `mapping` is the text of a category mapping file, if the officer has one; `categories` the
/// built-in categories as JSON `[{ "id": …, "words": [labels and search words] }]`; `locate`
/// a function from a postcode or town to `{ latitude, longitude }` or null (the core's
/// gazetteer). The answer: `{ format, directory (JSON text), mapping, records, problems:
/// [{ row, column, entry, severity, message }] }`. Throws when the file cannot be read at all.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(
    bytes: &[u8],
    #[wasm_bindgen(js_name = fileName)] file_name: &str,
    mapping: Option<String>,
    categories: &str,
    locate: &js_sys::Function,
) -> Result<String, JsError> {
    let format = Format::guess(file_name, bytes)
        .ok_or_else(|| JsError::new("the file is empty: there is nothing to import"))?;
    let known: Vec<KnownCategory> = serde_json::from_str::<Vec<Value>>(categories)
        .map_err(|error| JsError::new(&format!("the categories are not JSON: {error}")))?
        .iter()
        .filter_map(|category| {
            Some(KnownCategory {
                id: category.get("id")?.as_str()?.to_owned(),
                words: category
                    .get("words")?
                    .as_array()?
                    .iter()
                    .filter_map(|word| word.as_str().map(str::to_owned))
                    .collect(),
            })
        })
        .collect();
    let places = |query: &str| {
        let found = locate.call1(&JsValue::NULL, &query.into()).ok()?;
        let number = |key: &str| js_sys::Reflect::get(&found, &key.into()).ok()?.as_f64();
        Some(Point {
            latitude: number("latitude")?,
            longitude: number("longitude")?,
        })
    };
    // The page has no title field: the sheet "Verzeichnis" gives one, or the import warns.
    let title = crate::default_title(file_name);
    // The officer's own day, for dates written without their year ("30.11.", "gestern").
    let now = js_sys::Date::new_0();
    let today = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    let imported = import(
        bytes,
        &Options {
            format,
            mapping: mapping.as_deref(),
            known_categories: &known,
            places: &places,
            title: &title,
            title_from_file_name: true,
            today: Some(&today),
        },
    )
    .map_err(|error| JsError::new(&error.message))?;
    let problems: Vec<Value> = imported
        .problems
        .iter()
        .map(|problem| {
            json!({
                "row": problem.row,
                "column": problem.column,
                "entry": problem.entry,
                "severity": problem.severity.as_str(),
                "message": problem.message,
            })
        })
        .collect();
    Ok(json!({
        "format": format!("{format:?}").to_lowercase(),
        "directory": crate::to_text(&imported.directory),
        "mapping": imported.mapping,
        "records": imported.records,
        "problems": problems,
        "entryRows": imported
            .entry_rows
            .iter()
            .map(|(id, row)| (id.clone(), Value::from(*row)))
            .collect::<serde_json::Map<String, Value>>(),
    })
    .to_string())
}

/// A problem's message in the page's language (`de` or `en`), for the importer's problems and
/// the core's alike; `kind` is the core's problem kind (`invalid_value` …) when there is one.
/// German comes from the officers' catalog (see [`crate::officer`]); other languages get the
/// English as it is.
#[wasm_bindgen(js_name = explainProblem)]
pub fn explain_problem(message: &str, kind: Option<String>, language: &str) -> String {
    let language = crate::Language::from_tag(language).unwrap_or(crate::Language::English);
    match kind {
        Some(kind) => crate::officer::explain_with_kind(&kind, message, language).into_owned(),
        None => crate::explain(message, language).into_owned(),
    }
}
