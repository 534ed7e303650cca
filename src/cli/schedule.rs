//! `kaizen schedule`: every review date in a range, as lines, JSON or an iCalendar file.

use super::emit::emit;
use crate::cycles::Cycle;
use crate::runtime;
use crate::schedule::reviews_between;
use chrono::NaiveDate;
use std::fmt::Write;

/// How `kaizen schedule` prints: lines, JSON, or iCalendar made at the given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleFormat {
    Text,
    Json,
    Ics(chrono::DateTime<chrono::Utc>),
}

/// The longest range `kaizen schedule` lists (ten years): every day of it is looked at.
const SCHEDULE_DAYS: i64 = 3653;

/// `kaizen schedule`: every review from `from` to `until`, as text or JSON.
pub fn schedule_output(
    cycles: &[Cycle],
    from: NaiveDate,
    until: NaiveDate,
    format: ScheduleFormat,
) -> Result<String, String> {
    if until < from {
        return Err(format!(
            "--until {until} is before --from {from}: give a range that runs forward"
        ));
    }
    if (until - from).num_days() > SCHEDULE_DAYS {
        return Err(format!(
            "--from {from} --until {until} spans more than ten years: give a shorter range"
        ));
    }
    let reviews = reviews_between(cycles, from, until);
    let json = match format {
        // A calendar must hold at least one event (RFC 5545).
        ScheduleFormat::Ics(_) if reviews.is_empty() => {
            return Err(format!(
                "no reviews fall between {from} and {until}: give a longer range with --until"
            ));
        }
        ScheduleFormat::Ics(stamp) => return Ok(crate::ics::calendar(cycles, &reviews, stamp)),
        ScheduleFormat::Json => true,
        ScheduleFormat::Text => false,
    };
    if json {
        return serde_json::to_string_pretty(&reviews)
            .map(|text| text + "\n")
            .map_err(|err| err.to_string());
    }
    let mut out = String::new();
    for review in reviews {
        let _ = writeln!(
            out,
            "{}  {}  {}",
            review.date,
            review.date.format("%a"),
            review.cycle
        );
    }
    Ok(out)
}

/// Prints the schedule from `from` (default today) to `until` (default 12 weeks on).
pub(super) fn run(
    cycles: &[Cycle],
    today: NaiveDate,
    (from, until): (Option<NaiveDate>, Option<NaiveDate>),
    (json, ics): (bool, bool),
) -> Result<(), String> {
    let from = from.unwrap_or(today);
    let until = until.unwrap_or(from + chrono::Days::new(84));
    let format = match (json, ics) {
        (_, true) => ScheduleFormat::Ics(runtime::now().wall.with_timezone(&chrono::Utc)),
        (true, _) => ScheduleFormat::Json,
        _ => ScheduleFormat::Text,
    };
    emit(&schedule_output(cycles, from, until, format)?, json);
    Ok(())
}
