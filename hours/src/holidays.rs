//! German public holidays per state (Bundesland), computed from the rules of the states' holiday
//! laws, so that `PH` in an opening_hours value means the holidays of the county's state.
//!
//! The state comes from the first two digits of the region's AGS (Amtlicher Gemeindeschlüssel).
//! Without a known state only the nationwide holidays count: a county that gives no AGS then
//! misses its state's own holidays, which is better than closing on another state's.
//!
//! The rules follow the states' laws as they stood in 2025, with the changes since 2017 by year:
//!
//! - Reformationstag (31 October): nationwide in 2017 only (the 500th anniversary); always in
//!   BB, MV, SN, ST and TH; since 2018 also in HB, HH, NI and SH.
//! - Internationaler Frauentag (8 March): BE since 2019, MV since 2023.
//! - Weltkindertag (20 September): TH since 2019.
//! - Tag der Befreiung (8 May): BE in 2020 and 2025 only (one-off holidays by law).
//! - Buß- und Bettag (the Wednesday before 23 November): SN.
//! - Ostersonntag and Pfingstsonntag: BB, whose law names them (FTG § 2). Hessen's law makes
//!   every Sunday a holiday (HFeiertagsG § 1) without naming these two, so they are not `PH`
//!   there, as on the Federal Ministry of the Interior's list; no other state names them.
//! - Fronleichnam: BW, BY, HE, NW, RP, SL.
//! - Allerheiligen (1 November): BW, BY, NW, RP, SL.
//! - Heilige Drei Könige (6 January): BW, BY, ST.
//! - Mariä Himmelfahrt (15 August): SL; and BY, where the law makes it a holiday only in the
//!   municipalities with a mainly Catholic population. Those are about 1,700 of Bavaria's
//!   2,056 municipalities and hold most of its people, so it counts here for all of BY; in the
//!   other Bavarian municipalities `PH` is then wrong on that day.
//!
//! Holidays that hold only in some municipalities of a state and not in most of it are left out
//! for the whole state, since the AGS's state digits cannot tell them apart and a wrong
//! "closed" is worse than a missed one:
//!
//! - Fronleichnam in the Catholic municipalities of Saxony (around Bautzen) and Thuringia
//!   (the Eichsfeld and a few others);
//! - the Augsburger Hohes Friedensfest (8 August), a holiday in the city of Augsburg only.
//!
//! Holidays before 2017's changes (for example the nationwide Buß- und Bettag until 1994) are not
//! modelled: the calendar starts in [`FIRST_YEAR`].

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use compact_calendar::CompactCalendar;

/// The first year of the calendar that [`calendar`] builds.
pub const FIRST_YEAR: i32 = 2000;
/// The last year of the calendar that [`calendar`] builds.
pub const LAST_YEAR: i32 = 2100;

/// A German state (Bundesland), by its usual two-letter abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // The variants are the states' abbreviations, listed in `STATES`.
pub enum State {
    SH,
    HH,
    NI,
    HB,
    NW,
    HE,
    RP,
    BW,
    BY,
    SL,
    BE,
    BB,
    MV,
    SN,
    ST,
    TH,
}

/// All states, in the order of their AGS numbers (01 = SH … 16 = TH).
pub const STATES: [State; 16] = [
    State::SH,
    State::HH,
    State::NI,
    State::HB,
    State::NW,
    State::HE,
    State::RP,
    State::BW,
    State::BY,
    State::SL,
    State::BE,
    State::BB,
    State::MV,
    State::SN,
    State::ST,
    State::TH,
];

impl State {
    /// The state of a region from its AGS (any length: a state's, a district's or a
    /// municipality's key); `None` when the first two characters are not a state's number.
    pub fn from_ags(ags: &str) -> Option<State> {
        let digits = ags.trim().as_bytes();
        match digits {
            [tens @ b'0'..=b'1', ones @ b'0'..=b'9', ..] => {
                let number = usize::from(tens - b'0') * 10 + usize::from(ones - b'0');
                STATES.get(number.checked_sub(1)?).copied()
            }
            _ => None,
        }
    }

    /// The state's two-letter abbreviation, as in the fixture and the module docs.
    pub fn abbreviation(self) -> &'static str {
        match self {
            State::SH => "SH",
            State::HH => "HH",
            State::NI => "NI",
            State::HB => "HB",
            State::NW => "NW",
            State::HE => "HE",
            State::RP => "RP",
            State::BW => "BW",
            State::BY => "BY",
            State::SL => "SL",
            State::BE => "BE",
            State::BB => "BB",
            State::MV => "MV",
            State::SN => "SN",
            State::ST => "ST",
            State::TH => "TH",
        }
    }
}

/// One public holiday: its date and its German name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// The holiday's name as the laws write it, in German.
    pub name: &'static str,
}

/// Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (Meeus/Jones/Butcher);
/// `None` for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The public holidays of a year in a state (or only the nationwide ones for `None`), in date
/// order. Empty for years chrono cannot represent.
pub fn public_holidays(state: Option<State>, year: i32) -> Vec<Holiday> {
    use State::*;

    let Some(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let in_state = |states: &[State]| state.is_some_and(|state| states.contains(&state));
    // A BTreeMap keeps the days in order (and one name per day: no two of these coincide).
    let mut days: BTreeMap<NaiveDate, &'static str> = BTreeMap::new();
    let mut fixed = |month: u32, day: u32, name: &'static str| {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            days.insert(date, name);
        }
    };

    fixed(1, 1, "Neujahr");
    if in_state(&[BW, BY, ST]) {
        fixed(1, 6, "Heilige Drei Könige");
    }
    if (state == Some(BE) && year >= 2019) || (state == Some(MV) && year >= 2023) {
        fixed(3, 8, "Internationaler Frauentag");
    }
    fixed(5, 1, "Tag der Arbeit");
    if state == Some(BE) && (year == 2020 || year == 2025) {
        fixed(5, 8, "Tag der Befreiung");
    }
    if in_state(&[BY, SL]) {
        fixed(8, 15, "Mariä Himmelfahrt");
    }
    if state == Some(TH) && year >= 2019 {
        fixed(9, 20, "Weltkindertag");
    }
    fixed(10, 3, "Tag der Deutschen Einheit");
    if year == 2017
        || in_state(&[BB, MV, SN, ST, TH])
        || (year >= 2018 && in_state(&[HB, HH, NI, SH]))
    {
        fixed(10, 31, "Reformationstag");
    }
    if in_state(&[BW, BY, NW, RP, SL]) {
        fixed(11, 1, "Allerheiligen");
    }
    fixed(12, 25, "1. Weihnachtstag");
    fixed(12, 26, "2. Weihnachtstag");

    let mut from_easter = |offset: i64, name: &'static str| {
        let date = if offset < 0 {
            easter.checked_sub_days(Days::new(offset.unsigned_abs()))
        } else {
            easter.checked_add_days(Days::new(offset.unsigned_abs()))
        };
        if let Some(date) = date {
            days.insert(date, name);
        }
    };
    from_easter(-2, "Karfreitag");
    if state == Some(BB) {
        from_easter(0, "Ostersonntag");
    }
    from_easter(1, "Ostermontag");
    from_easter(39, "Christi Himmelfahrt");
    if state == Some(BB) {
        from_easter(49, "Pfingstsonntag");
    }
    from_easter(50, "Pfingstmontag");
    if in_state(&[BW, BY, HE, NW, RP, SL]) {
        from_easter(60, "Fronleichnam");
    }

    if state == Some(SN)
        && let Some(date) = day_of_prayer_and_repentance(year)
    {
        days.insert(date, "Buß- und Bettag");
    }

    days.into_iter()
        .map(|(date, name)| Holiday { date, name })
        .collect()
}

/// Buß- und Bettag: the last Wednesday before 23 November (so between 16 and 22 November).
fn day_of_prayer_and_repentance(year: i32) -> Option<NaiveDate> {
    let november_22 = NaiveDate::from_ymd_opt(year, 11, 22)?;
    let back = (november_22.weekday().num_days_from_monday() + 7
        - Weekday::Wed.num_days_from_monday())
        % 7;
    november_22.checked_sub_days(Days::new(u64::from(back)))
}

/// The public holidays of a state (or the nationwide ones) from [`FIRST_YEAR`] to
/// [`LAST_YEAR`], in the calendar type that opening-hours evaluates `PH` with. About a hundred
/// years of a dozen days: built once per [`crate::Hours`], in well under a millisecond.
pub fn calendar(state: Option<State>) -> Arc<CompactCalendar> {
    let mut calendar = CompactCalendar::default();
    for year in FIRST_YEAR..=LAST_YEAR {
        for holiday in public_holidays(state, year) {
            calendar.insert(holiday.date);
        }
    }
    Arc::new(calendar)
}
