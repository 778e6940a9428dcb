//! `check` and its suggestions for informal spellings.

use service_finder_hours::{HoursProblem, check, suggest};

#[test]
fn suggestions_for_german_and_informal_spellings() {
    let cases = [
        ("Mo.–Fr. 9–12 Uhr", "Mo-Fr 09:00-12:00"),
        ("Di, Do 8:30-12:45", "Tu,Th 08:30-12:45"),
        ("Mo-Fr 9-12 Uhr, 14-16 Uhr", "Mo-Fr 09:00-12:00,14:00-16:00"),
        ("Montag bis Freitag 9 bis 17 Uhr", "Mo-Fr 09:00-17:00"),
        ("Mo—Do 8.30–16.00", "Mo-Th 08:30-16:00"),
        ("Mi 9-12", "We 09:00-12:00"),
        ("Sa. 10-14 Uhr", "Sa 10:00-14:00"),
        ("So 10:00-12:00", "Su 10:00-12:00"),
        ("Dienstag und Donnerstag 14-18 Uhr", "Tu,Th 14:00-18:00"),
        ("Mo-Fr: 9-12", "Mo-Fr 09:00-12:00"),
        ("Mo-Fr 9-12, Sa 10-12", "Mo-Fr 09:00-12:00, Sa 10:00-12:00"),
        (
            "Mo-Fr 9-12; Feiertage geschlossen",
            "Mo-Fr 09:00-12:00; PH off",
        ),
        ("täglich 8-20 Uhr", "Mo-Su 08:00-20:00"),
        ("Mo 9-12 Di 14-16", "Mo 09:00-12:00; Tu 14:00-16:00"),
        ("Mo 12:00-14:00 16:00-18:00", "Mo 12:00-14:00,16:00-18:00"),
        ("Montags 07:00-18:00", "Mo 07:00-18:00"),
        (
            "Mo: geschlossen, Di: 14-18Uhr, Mi-Sa: 10-18Uhr",
            "Mo off, Tu 14:00-18:00, We-Sa 10:00-18:00",
        ),
        ("10-12,13-20", "10:00-12:00,13:00-20:00"),
        (
            "mon, Dienstag, Mi, donnerstag 12:00-20:00; 14:00-16:00 off",
            "Mo,Tu,We,Th 12:00-20:00; 14:00-16:00 off",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(suggest(text).as_deref(), Some(expected), "{text:?}");
        let problem = check(text).expect_err(text);
        assert_eq!(problem.suggestion.as_deref(), Some(expected), "{text:?}");
        // A suggestion is only ever a value that reads.
        assert_eq!(check(expected), Ok(()), "{expected:?}");
    }
}

#[test]
fn no_suggestion_without_a_plain_meaning() {
    for text in [
        "sdasdlasdj a3reaw",
        "Mo-Fr 9-12 außer in den Ferien",
        "Mo-Fr 25-26",
        "Mo 9:5-12",
        "nach Vereinbarung",
        "",
        "12345",
    ] {
        assert_eq!(suggest(text), None, "{text:?}");
    }
    // Values that read need none.
    assert_eq!(suggest("Mo-Fr 09:00-12:00"), None);
    assert_eq!(check("Mo-Fr 09:00-12:00; PH off"), Ok(()));
}

#[test]
fn problems_are_one_line() {
    for text in [
        "Mo-Tr 17:00-20:00",
        "week 54",
        "Mo.–Fr. 9–12 Uhr",
        "",
        " ",
        "(sunrise+01:00-sunset",
    ] {
        let HoursProblem { message, .. } = check(text).expect_err(text);
        assert!(
            !message.is_empty() && !message.contains('\n'),
            "{text:?}: {message:?}"
        );
    }
}
