//! A directory as Open Referral HSDS 3.0 services (the `service_full` shape, one list), for
//! systems that read HSDS.
//!
//! HSDS holds one language per file: texts are written in the directory's default language.
//! HSDS wants UUIDs as ids: each is made from the entry's id, the same on every export, so
//! that a system that imports the file again updates its records instead of adding new ones.

use serde_json::{Map, Value, json};

/// The directory's entries as HSDS services, and what HSDS cannot hold.
pub fn to_hsds(directory: &Value) -> (Value, Vec<String>) {
    let default_language = directory["default_language"].as_str().unwrap_or("de");
    let text = |value: &Value| -> Option<String> {
        match value {
            Value::String(text) => Some(text.clone()),
            Value::Object(by_language) => by_language
                .get(default_language)
                .or_else(|| by_language.values().next())
                .and_then(Value::as_str)
                .map(str::to_owned),
            _ => None,
        }
    };
    let mut losses = vec![format!(
        "HSDS holds one language: texts are written in \"{default_language}\" only"
    )];
    let mut services = Vec::new();
    let empty = Vec::new();
    // Fields HSDS has no place for, counted over the entries.
    const NO_HSDS_FIELD: [&str; 5] = [
        "course",
        "target_groups",
        "appointment_required",
        "free_of_charge",
        "status_note",
    ];
    let mut without_field = [0; NO_HSDS_FIELD.len()];
    for entry in directory["entries"].as_array().unwrap_or(&empty) {
        let id = entry["id"].as_str().unwrap_or_default();
        let mut service = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                service.insert(key.to_owned(), value);
            }
        };
        put("id", Some(Value::from(uuid(id))));
        put("name", text(&entry["name"]).map(Value::from));
        put(
            "alternate_name",
            text(&entry["alternate_name"]).map(Value::from),
        );
        put("description", text(&entry["description"]).map(Value::from));
        put("url", entry.get("url").cloned());
        put("email", entry.get("email").cloned());
        put(
            "status",
            Some(Value::from(match entry["status"].as_str() {
                Some("defunct") => "defunct",
                Some("temporarily closed") => "temporarily closed",
                _ => "active",
            })),
        );
        put(
            "fees_description",
            text(&entry["fees_description"]).map(Value::from),
        );
        put("minimum_age", entry.get("minimum_age").cloned());
        put("maximum_age", entry.get("maximum_age").cloned());
        put("assured_date", entry.get("assured_date").cloned());
        put("last_modified", entry.get("last_modified").cloned());
        if let Some(name) = text(&entry["organization"]["name"]) {
            let mut organization = json!({ "id": uuid(&format!("organization:{name}")), "name": name, "description": "" });
            if let Some(website) = entry["organization"].get("website") {
                organization["website"] = website.clone();
            }
            put("organization", Some(organization));
        }
        let phones: Vec<Value> = entry["phones"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .enumerate()
            .map(|(index, phone)| {
                let mut out = json!({
                    "id": uuid(&format!("{id}/phone/{index}")),
                    "number": phone["number"],
                    "type": phone["type"].as_str().unwrap_or("voice"),
                });
                if let Some(description) = text(&phone["description"]) {
                    out["description"] = Value::from(description);
                }
                out
            })
            .collect();
        put("phones", Some(Value::from(phones)));
        let languages: Vec<Value> = entry["languages"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(Value::as_str)
            .map(|code| json!({ "id": uuid(&format!("{id}/language/{code}")), "code": code }))
            .collect();
        put("languages", Some(Value::from(languages)));
        let attributes: Vec<Value> = entry["categories"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(Value::as_str)
            .map(|category| {
                json!({
                    "id": uuid(&format!("{id}/category/{category}")),
                    "taxonomy_term": {
                        "id": uuid(&format!("category:{category}")),
                        "code": category,
                        "name": category,
                        "description": "",
                        "taxonomy": "service-finder categories",
                    }
                })
            })
            .collect();
        put("attributes", Some(Value::from(attributes)));
        let (schedules, schedule_loss) = schedules(id, &entry["schedule"], &text);
        if let Some(loss) = schedule_loss {
            losses.push(loss);
        }
        put("schedules", Some(Value::from(schedules)));
        if let Some(location) = location(id, &entry["location"], &text) {
            put(
                "service_at_locations",
                Some(
                    json!([{ "id": uuid(&format!("{id}/service_at_location")), "location": location }]),
                ),
            );
        }
        if let Some(area) = text(&entry["service_area"]["description"]) {
            put(
                "service_areas",
                Some(
                    json!([{ "id": uuid(&format!("{id}/service_area")), "name": area, "description": area }]),
                ),
            );
        }
        let contacts: Vec<Value> = entry["contacts"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .enumerate()
            .map(|(index, contact)| {
                json!({
                    "id": uuid(&format!("{id}/contact/{index}")),
                    "title": text(&contact["title"]),
                    "email": contact["email"],
                    "phones": contact["phones"].as_array().unwrap_or(&empty).iter().enumerate().map(|(phone_index, phone)| json!({
                        "id": uuid(&format!("{id}/contact/{index}/phone/{phone_index}")),
                        "number": phone["number"],
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        if !contacts.is_empty() {
            put("contacts", Some(Value::from(contacts)));
        }
        for (count, key) in without_field.iter_mut().zip(NO_HSDS_FIELD) {
            if entry.get(key).is_some() {
                *count += 1;
            }
        }
        services.push(Value::Object(service));
    }
    for (count, key) in without_field.into_iter().zip(NO_HSDS_FIELD) {
        if count > 0 {
            losses.push(format!(
                "\"{key}\" of {count} entries: HSDS has no field for it"
            ));
        }
    }
    (Value::from(services), losses)
}

fn location(id: &str, location: &Value, text: &impl Fn(&Value) -> Option<String>) -> Option<Value> {
    let Value::Object(fields) = location else {
        return None;
    };
    let mut out = json!({
        "id": uuid(&format!("{id}/location")),
        "location_type": "physical",
    });
    if let Some(name) = text(&location["name"]) {
        out["name"] = Value::from(name);
    }
    if let Some(transportation) = text(&location["transportation"]) {
        out["transportation"] = Value::from(transportation);
    }
    for key in ["latitude", "longitude"] {
        if let Some(value) = fields.get(key) {
            out[key] = value.clone();
        }
    }
    if fields.contains_key("address_1") || fields.contains_key("city") {
        out["addresses"] = json!([{
            "id": uuid(&format!("{id}/address")),
            "address_1": location["address_1"].as_str().unwrap_or_default(),
            "city": location["city"].as_str().unwrap_or_default(),
            "postal_code": location["postal_code"].as_str().unwrap_or_default(),
            "state_province": "",
            "country": "DE",
            "address_type": "physical",
        }]);
    }
    let accessibility = text(&location["accessibility"]["description"]).or_else(|| {
        location["wheelchair"].as_str().map(|wheelchair| {
            match wheelchair {
                "yes" => "rollstuhlgerecht",
                "limited" => "eingeschränkt rollstuhlgerecht",
                _ => "nicht rollstuhlgerecht",
            }
            .to_owned()
        })
    });
    if let Some(description) = accessibility {
        out["accessibility"] =
            json!([{ "id": uuid(&format!("{id}/accessibility")), "description": description }]);
    }
    Some(out)
}

/// OSM opening hours of the common weekly form ("Mo-Fr 09:00-12:00; Tu 14:00-16:00") as
/// HSDS weekly schedules; other rules stay in a schedule's description, and are reported.
fn schedules(
    id: &str,
    schedule: &Value,
    text: &impl Fn(&Value) -> Option<String>,
) -> (Vec<Value>, Option<String>) {
    let mut schedules = Vec::new();
    let mut loss = None;
    let mut descriptions = Vec::new();
    if let Some(hours) = schedule["opening_hours"].as_str() {
        match weekly_rules(hours) {
            Some(rules) => {
                for (days, opens, closes) in rules {
                    schedules.push(json!({
                        "id": uuid(&format!("{id}/schedule/{}", schedules.len())),
                        "freq": "WEEKLY",
                        "wkst": "MO",
                        "byday": days,
                        "opens_at": opens,
                        "closes_at": closes,
                    }));
                }
            }
            None => {
                loss = Some(format!(
                    "{id}: the opening hours \"{hours}\" are more than weekly times; they are in the schedule's description"
                ));
                descriptions.push(hours.to_owned());
            }
        }
    }
    if let Some(description) = text(&schedule["description"]) {
        descriptions.push(description);
    }
    if !descriptions.is_empty() {
        schedules.push(json!({
            "id": uuid(&format!("{id}/schedule/{}", schedules.len())),
            "description": descriptions.join("\n"),
        }));
    }
    (schedules, loss)
}

/// `Mo-Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00` as (BYDAY, opens, closes) triples; `None`
/// when any rule is of another form (holidays, months, "off", comments).
fn weekly_rules(hours: &str) -> Option<Vec<(String, String, String)>> {
    const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let day = |name: &str| DAYS.iter().position(|day| *day == name);
    let mut rules = Vec::new();
    for rule in hours
        .split(';')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
    {
        let (days, times) = rule.split_once(' ')?;
        let mut byday = Vec::new();
        for part in days.split(',') {
            match part.split_once('-') {
                Some((first, last)) => {
                    let (first, last) = (day(first)?, day(last)?);
                    if first > last {
                        return None;
                    }
                    byday.extend((first..=last).map(|index| BYDAY[index]));
                }
                None => byday.push(BYDAY[day(part)?]),
            }
        }
        for range in times.trim().split(',') {
            let (opens, closes) = range.split_once('-')?;
            let is_time = |time: &str| {
                time.len() == 5
                    && time.as_bytes()[2] == b':'
                    && time.bytes().filter(u8::is_ascii_digit).count() == 4
            };
            if !is_time(opens) || !is_time(closes) {
                return None;
            }
            rules.push((byday.join(","), opens.to_owned(), closes.to_owned()));
        }
    }
    Some(rules)
}

/// A UUID made from a text: the same text gives the same UUID (two FNV-1a hashes, with the
/// version and variant bits of RFC 9562's custom version 8).
fn uuid(seed: &str) -> String {
    let hash = |offset: u64| {
        seed.bytes().fold(offset, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let high = hash(0xcbf2_9ce4_8422_2325);
    let low = hash(0x6c62_272e_07bb_0142);
    let high = (high & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_8000;
    let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_opening_hours_become_rrule_schedules() {
        assert_eq!(
            weekly_rules("Mo-We,Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00"),
            Some(vec![
                ("MO,TU,WE,FR".into(), "09:00".into(), "12:00".into()),
                ("MO,TU,WE,FR".into(), "14:00".into(), "16:00".into()),
                ("SA".into(), "10:00".into(), "12:00".into()),
            ])
        );
        assert_eq!(weekly_rules("Mo-Fr 09:00-12:00; PH off"), None);
        assert_eq!(weekly_rules("Tu 14:00-16:00 \"nach Vereinbarung\""), None);
    }

    #[test]
    fn ids_are_uuids_and_the_same_on_every_export() {
        let id = uuid("wf-svc-001");
        assert_eq!(id, uuid("wf-svc-001"));
        assert_ne!(id, uuid("wf-svc-002"));
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8");
    }
}
