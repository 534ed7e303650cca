//! The review calendar: next dates, due-ness and date ranges, across year ends, months that
//! begin on a Monday and leap years.

use chrono::NaiveDate;
use kaizen::cycles::{Cycle, load_cycles};
use kaizen::schedule::{CycleStatus, Review, reviews_between};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("test dates are valid")
}

fn cycles() -> Vec<Cycle> {
    load_cycles(None).expect("built-in templates load")
}

fn cycle(key: &str) -> Cycle {
    cycles()
        .into_iter()
        .find(|c| c.key == key)
        .expect("known cycle")
}

fn next(key: &str, today: &str) -> NaiveDate {
    CycleStatus::of(&cycle(key), date(today), None).next
}

#[test]
fn next_dates_follow_each_cadence() {
    // (cycle, today, next review)
    let cases = [
        ("weekly", "2026-11-28", "2026-11-30"),
        ("weekly", "2026-11-30", "2026-11-30"), // today is a Monday: today
        ("weekly", "2026-12-29", "2027-01-04"), // across the year end
        ("monthly", "2026-11-28", "2026-12-07"),
        ("monthly", "2026-05-20", "2026-06-01"), // June 2026 begins on a Monday
        ("monthly", "2026-06-02", "2026-07-06"),
        ("monthly", "2026-12-08", "2027-01-04"), // across the year end
        ("quarterly", "2026-11-28", "2027-01-04"),
        ("quarterly", "2028-12-31", "2029-01-01"), // 2029 begins on a Monday
        ("quarterly", "2029-07-03", "2029-10-01"), // October 2029 begins on a Monday
        ("annual", "2026-11-28", "2026-12-07"),
        ("annual", "2026-12-08", "2027-12-06"),
        ("annual", "2025-11-30", "2025-12-01"), // December 2025 begins on a Monday
        ("weekly", "2028-02-29", "2028-03-06"), // leap day is a Tuesday
        ("monthly", "2028-02-29", "2028-03-06"),
        ("monthly", "2028-02-01", "2028-02-07"),
    ];
    for (key, today, expected) in cases {
        assert_eq!(next(key, today), date(expected), "{key} from {today}");
    }
}

#[test]
fn a_cycle_is_due_until_a_meeting_is_held_on_or_after_its_date() {
    let weekly = cycle("weekly");
    let monday = date("2026-11-30");
    let status = CycleStatus::of(&weekly, monday, None);
    assert!(
        status.due && status.due_today(monday),
        "never held, due today"
    );

    let held_last_week = CycleStatus::of(&weekly, monday, Some(date("2026-11-23")));
    assert!(held_last_week.due_today(monday));

    let held_today = CycleStatus::of(&weekly, monday, Some(monday));
    assert!(!held_today.due, "held today: not due");
    assert_eq!(
        held_today.next,
        date("2026-12-07"),
        "the next one is next week"
    );

    let thursday = date("2026-12-03");
    let missed = CycleStatus::of(&weekly, thursday, Some(date("2026-11-23")));
    assert!(missed.due && missed.overdue(thursday) && !missed.due_today(thursday));
    assert_eq!(missed.latest, Some(monday));
    assert_eq!(missed.next, date("2026-12-07"));

    let held_late = CycleStatus::of(&weekly, thursday, Some(date("2026-12-01")));
    assert!(!held_late.due, "held the day after its date: done");
}

#[test]
fn the_annual_review_is_due_from_its_december_monday_into_the_new_year() {
    let annual = cycle("annual");
    let january = date("2027-01-15");
    let status = CycleStatus::of(&annual, january, Some(date("2025-12-01")));
    assert!(status.overdue(january));
    assert_eq!(status.latest, Some(date("2026-12-07")));
    let held = CycleStatus::of(&annual, january, Some(date("2026-12-09")));
    assert!(!held.due);
    assert_eq!(held.next, date("2027-12-06"));
}

#[test]
fn reviews_in_a_range_come_by_date_then_longest_first() {
    let reviews = reviews_between(&cycles(), date("2028-12-25"), date("2029-01-08"));
    let expected = [
        ("2028-12-25", "weekly"),
        ("2029-01-01", "quarterly"),
        ("2029-01-01", "monthly"),
        ("2029-01-01", "weekly"),
        ("2029-01-08", "weekly"),
    ];
    let expected: Vec<Review> = expected
        .iter()
        .map(|(d, c)| Review {
            date: date(d),
            cycle: c.to_string(),
        })
        .collect();
    assert_eq!(reviews, expected);
}

#[test]
fn the_annual_review_comes_before_the_others_on_its_day() {
    let reviews = reviews_between(&cycles(), date("2025-12-01"), date("2025-12-01"));
    let order: Vec<&str> = reviews.iter().map(|r| r.cycle.as_str()).collect();
    assert_eq!(order, ["annual", "monthly", "weekly"]);
}

#[test]
fn a_year_has_the_expected_number_of_each_review() {
    let reviews = reviews_between(&cycles(), date("2027-01-01"), date("2027-12-31"));
    let count = |key: &str| reviews.iter().filter(|r| r.cycle == key).count();
    assert_eq!(count("weekly"), 52);
    assert_eq!(count("monthly"), 12);
    assert_eq!(count("quarterly"), 4);
    assert_eq!(count("annual"), 1);
    let leap = reviews_between(&cycles(), date("2028-01-01"), date("2028-12-31"));
    assert_eq!(leap.iter().filter(|r| r.cycle == "weekly").count(), 52);
}

#[test]
fn the_ics_calendar_parses_and_every_event_has_what_calendar_apps_need() {
    use icalendar::parser::{read_calendar, unfold};
    let cycles = kaizen::cycles::load_cycles(None).expect("built-in templates");
    let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let until = chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let stamp = chrono::DateTime::parse_from_rfc3339("2026-11-28T08:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let text = kaizen::cli::schedule_output(
        &cycles,
        from,
        until,
        kaizen::cli::ScheduleFormat::Ics(stamp),
    )
    .expect("calendar");
    // Every physical line ends in CRLF and is at most 75 octets; folded ones start with a space.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n'), "{line:?}");
    }
    assert!(text.contains("\r\n "), "long descriptions are folded");

    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("parses as iCalendar");
    let property = |props: &[icalendar::parser::Property], key: &str| {
        props
            .iter()
            .find(|p| p.name.as_str() == key)
            .map(|p| p.val.as_str().to_string())
    };
    assert_eq!(
        property(&calendar.properties, "VERSION").as_deref(),
        Some("2.0")
    );
    assert!(property(&calendar.properties, "PRODID").is_some());
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let expected = kaizen::schedule::reviews_between(&cycles, from, until);
    assert_eq!(events.len(), expected.len());
    assert!(events.len() >= 6, "six Mondays at least");
    let mut uids = std::collections::HashSet::new();
    for (event, review) in events.iter().zip(&expected) {
        let uid = property(&event.properties, "UID").expect("UID");
        assert!(uids.insert(uid), "UIDs are unique");
        assert_eq!(
            property(&event.properties, "DTSTAMP").as_deref(),
            Some("20261128T083000Z")
        );
        assert_eq!(
            property(&event.properties, "DTSTART"),
            Some(review.date.format("%Y%m%d").to_string())
        );
        assert!(property(&event.properties, "SUMMARY").is_some());
    }
    // The monthly review of 7 Dec, with its agenda, commas escaped and unfolded back whole.
    let monthly = events
        .iter()
        .find(|e| property(&e.properties, "UID").as_deref() == Some("20261207-monthly@kaizen"))
        .expect("the monthly review of 7 Dec");
    let description = property(&monthly.properties, "DESCRIPTION").expect("description");
    assert!(
        description.contains("Performance Review (30 min), Cost Analysis (30 min)"),
        "{description}"
    );
    assert!(
        unfolded.contains("Performance Review (30 min)\\, Cost Analysis"),
        "commas escaped"
    );
}

#[test]
fn an_ics_range_without_reviews_is_refused_rather_than_an_empty_calendar() {
    let cycles = kaizen::cycles::load_cycles(None).expect("templates");
    let saturday = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let stamp = chrono::DateTime::parse_from_rfc3339("2026-11-28T08:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let refused = kaizen::cli::schedule_output(
        &cycles,
        saturday,
        saturday,
        kaizen::cli::ScheduleFormat::Ics(stamp),
    )
    .unwrap_err();
    assert!(
        refused.contains("no reviews fall between 2026-11-28 and 2026-11-28"),
        "{refused}"
    );
}
