//! Due dates typed the way people say them, against a fixed "today" (Saturday 28 Nov 2026).

use chrono::NaiveDate;
use kaizen::actions::due::parse_due;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("valid date")
}

#[test]
fn due_dates_in_every_documented_form() {
    let today = date("2026-11-28"); // a Saturday
    let cases = [
        ("2026-12-04", "2026-12-04"),
        (" 2027-01-15 ", "2027-01-15"),
        ("today", "2026-11-28"),
        ("Tomorrow", "2026-11-29"),
        ("mon", "2026-11-30"),
        ("fri", "2026-12-04"),
        ("friday", "2026-12-04"),
        ("sat", "2026-12-05"), // today is Saturday: the next one
        ("+3d", "2026-12-01"),
        ("+2w", "2026-12-12"),
        ("+0d", "2026-11-28"),
        ("next week", "2026-11-30"),
        ("next month", "2026-12-28"),
        // That day of next week (from Monday 30 Nov).
        ("next tuesday", "2026-12-01"),
        ("next fri", "2026-12-04"),
        ("next saturday", "2026-12-05"),
        ("in 3 days", "2026-12-01"),
        ("in 2 weeks", "2026-12-12"),
        ("in a week", "2026-12-05"),
        ("end of month", "2026-11-30"),
        ("End of the month", "2026-11-30"),
    ];
    for (typed, expected) in cases {
        assert_eq!(parse_due(typed, today), Ok(date(expected)), "{typed}");
    }
}

#[test]
fn next_week_from_a_monday_is_the_following_monday() {
    assert_eq!(
        parse_due("next week", date("2026-11-30")),
        Ok(date("2026-12-07"))
    );
}

#[test]
fn anything_else_is_refused_with_the_forms_that_work() {
    let today = date("2026-11-28");
    for typed in [
        "soon",
        "+3",
        "+3y",
        "2026-13-01",
        "31/12/2026",
        "",
        "next year",
        // Found by the fuzzer: a unit wider than a byte once split a character and panicked.
        "+\u{3e8}",
        "+3é",
        "+é",
    ] {
        let err = parse_due(typed, today).unwrap_err();
        assert!(err.contains("is not a due date"), "{typed}: {err}");
        assert!(err.contains("2026-12-04") && err.contains("+3d"), "{err}");
    }
}

#[test]
fn due_dates_too_far_off_or_too_big_are_refused_not_wrapped() {
    let today = date("2026-12-02");
    for typed in [
        "+3000000000000000000w",
        "+9999999d",
        "+18446744073709551615d",
        "29405-01-01",
    ] {
        let err = parse_due(typed, today).expect_err(typed);
        assert!(
            err.contains("is more than 10 years from today") || err.contains("not a due date"),
            "{typed}: {err}"
        );
    }
    assert_eq!(parse_due("+520w", today), Ok(date("2036-11-19")));
    assert!(parse_due("+530w", today).is_err());
    assert_eq!(
        parse_due("2020-01-06", today),
        Ok(date("2020-01-06")),
        "late is allowed"
    );
}

#[test]
fn next_friday_on_a_wednesday_is_a_week_after_friday() {
    let wednesday = date("2026-12-02");
    assert_eq!(parse_due("fri", wednesday), Ok(date("2026-12-04")));
    assert_eq!(parse_due("next fri", wednesday), Ok(date("2026-12-11")));
    assert_eq!(
        parse_due("end of month", date("2026-12-31")),
        Ok(date("2026-12-31"))
    );
    assert_eq!(
        parse_due("end of month", date("2027-02-10")),
        Ok(date("2027-02-28"))
    );
    for refused in [
        "in 2",
        "in two weeks",
        "in 3 months",
        "next someday",
        "in 9999999 weeks",
    ] {
        assert!(parse_due(refused, wednesday).is_err(), "{refused}");
    }
}
