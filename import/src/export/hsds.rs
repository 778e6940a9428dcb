//! A directory as Open Referral HSDS 3.0 services (the `service_full` shape, one list), for
//! systems that read HSDS.
//!
//! HSDS holds one language per file: texts are written in the directory's default language.
//! HSDS wants UUIDs as ids: each is made from the entry's id, the same on every export, so
//! that a system that imports the file again updates its records instead of adding new ones.

use crate::hours::{DAY_NAMES, HSDS_END_OF_DAY, RRULE_DAYS};
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

/// What a schedule's description says for opening hours that end in `; PH off`: HSDS
/// schedules have no public holidays. In German, the language the export is written in.
const CLOSED_ON_PUBLIC_HOLIDAYS: &str = "An gesetzlichen Feiertagen geschlossen.";

/// OSM opening hours of the common weekly form ("Mo-Fr 09:00-12:00; Tu 14:00-16:00"), with
/// days of the month ("Mo[1,3] 10:00-12:00"), as HSDS schedules; `; PH off` at the end becomes
/// words in a schedule's description; other rules stay in the description as they are, and are
/// reported.
fn schedules(
    id: &str,
    schedule: &Value,
    text: &impl Fn(&Value) -> Option<String>,
) -> (Vec<Value>, Option<String>) {
    let mut schedules = Vec::new();
    let mut loss = None;
    let mut descriptions = Vec::new();
    if let Some(hours) = schedule["opening_hours"].as_str() {
        let (rules, closed_on_holidays) = match hours.trim().strip_suffix("; PH off") {
            Some(rules) => (rules, true),
            None => (hours, false),
        };
        match recurrences(rules) {
            Some(recurrences) => {
                if closed_on_holidays {
                    descriptions.push(CLOSED_ON_PUBLIC_HOLIDAYS.to_owned());
                }
                for Recurrence {
                    freq,
                    byday,
                    opens,
                    closes,
                } in recurrences
                {
                    schedules.push(json!({
                        "id": uuid(&format!("{id}/schedule/{}", schedules.len())),
                        "freq": freq,
                        "wkst": "MO",
                        "byday": byday,
                        "opens_at": opens,
                        "closes_at": if closes == "24:00" { HSDS_END_OF_DAY } else { &closes },
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

/// One HSDS schedule of opening times, as RFC 5545 writes a recurrence.
#[derive(Debug, PartialEq)]
struct Recurrence {
    /// `WEEKLY`, or `MONTHLY` for days of the month.
    freq: &'static str,
    /// `MO,TU,WE`, or for days of the month `1MO,3MO`, `-1FR`.
    byday: String,
    /// `HH:MM`.
    opens: String,
    /// `HH:MM`.
    closes: String,
}

/// `Mo-Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00, Sa[1] 14:00-16:00` as recurrences, one per
/// time range, read with the syntax's rules: a rule after ";" replaces the times of the days it
/// names (`Mo-Fr 09:00-12:00; Th 14:00-17:00` opens Thursday afternoon only), one after ", "
/// adds to them. HSDS schedules add up, so each day's times are worked out first and days with
/// the same times written together; `24/7` is every day 00:00–24:00. `None` when any rule is
/// of another form (holidays, months, "off", comments) or replaces a weekday's times on some
/// of the month's weeks only.
fn recurrences(hours: &str) -> Option<Vec<Recurrence>> {
    let hours = match hours.trim() {
        "24/7" => "Mo-Su 00:00-24:00",
        hours => hours,
    };
    let mut weekly: [Slots; 7] = Default::default();
    // Per day: which of the month's such weekdays, and their times.
    let mut monthly: [Vec<(Vec<i8>, Slots)>; 7] = Default::default();
    for (rule_index, rule) in hours
        .split(';')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
        .enumerate()
    {
        let mut replaced = [false; 7];
        // ", " before a day starts a rule that adds to this one ("Mo-Fr 09:00-12:00, Th[1] …").
        for part in rule.split(", ") {
            let (days, times) = part.trim().split_once(' ')?;
            let slots = times
                .trim()
                .split(',')
                .map(time_range)
                .collect::<Option<Slots>>()?;
            for selector in outside_brackets(days) {
                let (name, nths) = match selector.split_once('[') {
                    Some((name, nths)) => (name, Some(month_weeks(nths.strip_suffix(']')?)?)),
                    None => (selector, None),
                };
                let days: Vec<usize> = match name.split_once('-') {
                    Some((first, last)) => {
                        let (first, last) = (day_index(first)?, day_index(last)?);
                        if first > last || nths.is_some() {
                            return None;
                        }
                        (first..=last).collect()
                    }
                    None => vec![day_index(name)?],
                };
                for day in days {
                    // A rule after ";" replaces what the day had before it.
                    if rule_index > 0 && !replaced[day] {
                        let had_times = !(weekly[day].is_empty() && monthly[day].is_empty());
                        if nths.is_some() && had_times {
                            return None;
                        }
                        weekly[day].clear();
                        monthly[day].clear();
                        replaced[day] = true;
                    }
                    match &nths {
                        None => weekly[day].extend(slots.iter().cloned()),
                        Some(nths) => monthly[day].push((nths.clone(), slots.clone())),
                    }
                }
            }
        }
    }
    let mut recurrences = Vec::new();
    let mut written = [false; 7];
    for first in 0..7 {
        if written[first] || weekly[first].is_empty() {
            continue;
        }
        let same: Vec<usize> = (first..7)
            .filter(|&day| weekly[day] == weekly[first])
            .collect();
        let byday: Vec<&str> = same.iter().map(|&day| RRULE_DAYS[day]).collect();
        for &day in &same {
            written[day] = true;
        }
        for (opens, closes) in &weekly[first] {
            recurrences.push(Recurrence {
                freq: "WEEKLY",
                byday: byday.join(","),
                opens: opens.clone(),
                closes: closes.clone(),
            });
        }
    }
    for (day, parts) in monthly.iter().enumerate() {
        for (nths, slots) in parts {
            let byday: Vec<String> = nths
                .iter()
                .map(|nth| format!("{nth}{}", RRULE_DAYS[day]))
                .collect();
            for (opens, closes) in slots {
                recurrences.push(Recurrence {
                    freq: "MONTHLY",
                    byday: byday.join(","),
                    opens: opens.clone(),
                    closes: closes.clone(),
                });
            }
        }
    }
    Some(recurrences)
}

/// A day's opening and closing times, `HH:MM`.
type Slots = Vec<(String, String)>;

/// `1,3` or `-1` (inside `Mo[…]`): which of the month's such weekdays, 1 to 5 or -1 for the
/// last; `None` for anything else (a range `1-2`).
fn month_weeks(text: &str) -> Option<Vec<i8>> {
    let nths = text
        .split(',')
        .map(|nth| nth.trim().parse::<i8>().ok())
        .collect::<Option<Vec<i8>>>()?;
    nths.iter()
        .all(|nth| (1..=5).contains(nth) || *nth == -1)
        .then_some(nths)
}

/// `Mo` … `Su` as 0 … 6.
fn day_index(name: &str) -> Option<usize> {
    DAY_NAMES.iter().position(|day| *day == name)
}

/// `Mo,We[1,3],Fr` as `Mo`, `We[1,3]`, `Fr`: the commas between brackets belong to them.
fn outside_brackets(days: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, c) in days.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&days[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&days[start..]);
    parts
}

/// `09:00-12:00` as opening and closing time; `None` for anything else.
fn time_range(range: &str) -> Option<(String, String)> {
    let (opens, closes) = range.split_once('-')?;
    let is_time = |time: &str| {
        time.len() == 5
            && time.as_bytes()[2] == b':'
            && time.bytes().filter(u8::is_ascii_digit).count() == 4
    };
    (is_time(opens) && is_time(closes)).then(|| (opens.to_owned(), closes.to_owned()))
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

    fn recurrence(freq: &'static str, byday: &str, opens: &str, closes: &str) -> Recurrence {
        Recurrence {
            freq,
            byday: byday.into(),
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    #[test]
    fn weekly_opening_hours_become_rrule_schedules() {
        let weekly = |byday, opens, closes| recurrence("WEEKLY", byday, opens, closes);
        assert_eq!(
            recurrences("Mo-We,Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00"),
            Some(vec![
                weekly("MO,TU,WE,FR", "09:00", "12:00"),
                weekly("MO,TU,WE,FR", "14:00", "16:00"),
                weekly("SA", "10:00", "12:00"),
            ])
        );
        // "PH off" is left to `schedules`, which says it in words.
        assert_eq!(recurrences("Mo-Fr 09:00-12:00; PH off"), None);
        assert_eq!(recurrences("Tu 14:00-16:00 \"nach Vereinbarung\""), None);
        // The second rule replaces Thursday's times (HSDS schedules add up).
        assert_eq!(
            recurrences("Mo-Fr 09:00-12:00; Th 14:00-17:00"),
            Some(vec![
                weekly("MO,TU,WE,FR", "09:00", "12:00"),
                weekly("TH", "14:00", "17:00"),
            ])
        );
        assert_eq!(
            recurrences("Mo-Fr 08:00-12:00; Th 08:00-12:00,14:00-17:00"),
            Some(vec![
                weekly("MO,TU,WE,FR", "08:00", "12:00"),
                weekly("TH", "08:00", "12:00"),
                weekly("TH", "14:00", "17:00"),
            ])
        );
    }

    #[test]
    fn days_of_the_month_become_monthly_schedules() {
        let monthly = |byday, opens, closes| recurrence("MONTHLY", byday, opens, closes);
        assert_eq!(
            recurrences("Mo[1,3] 10:00-12:00"),
            Some(vec![monthly("1MO,3MO", "10:00", "12:00")])
        );
        let both = recurrences("Mo-Fr 09:00-12:00, Th[-1] 14:00-18:00").unwrap();
        assert_eq!(both[0].freq, "WEEKLY");
        assert_eq!(both[1], monthly("-1TH", "14:00", "18:00"));
        // On the first Monday only 14–16: more than schedules that add up can say.
        for other in [
            "Mo[1-2] 10:00-12:00",
            "Mo[6] 10:00-12:00",
            "Mo-Fr[1] 10:00-12:00",
            "Mo 09:00-12:00; Mo[1] 14:00-16:00",
        ] {
            assert_eq!(recurrences(other), None, "{other}");
        }
    }

    #[test]
    fn day_and_night_ends_at_23_59_as_open_referral_advises() {
        let (schedules, loss) = schedules_of("24/7");
        assert_eq!(loss, None);
        assert_eq!(schedules.len(), 1);
        assert_eq!(schedules[0]["byday"], "MO,TU,WE,TH,FR,SA,SU");
        assert_eq!(schedules[0]["opens_at"], "00:00");
        assert_eq!(schedules[0]["closes_at"], "23:59");
        let (schedules, _) = schedules_of("Sa 18:00-24:00");
        assert_eq!(schedules[0]["closes_at"], "23:59");
    }

    fn schedules_of(hours: &str) -> (Vec<Value>, Option<String>) {
        schedules("entry", &json!({ "opening_hours": hours }), &|_| None)
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
